// SPDX-License-Identifier: GPL-3.0-or-later
// The pcap export as Wireshark reads it: every built-in lesson runs to its end, is written with
// writePcap() and read back with tshark, and each packet must be the model's segment (flags,
// relative seq/ack, length, payload, MSS, time, direction) with valid IPv4 and TCP checksums;
// the expert infos of Wireshark's TCP analysis must be exactly the ones listed per lesson.
#include "tcpsim/export/pcapexport.h"
#include "tcpsim/model/script.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace tcpsim;

Q_DECLARE_METATYPE(tcpsim::PcapLinkType)

namespace {

QString lessonDirectory()
{
    return qEnvironmentVariable("TCPSIM_SOURCE_DIR", QStringLiteral(TCPSIM_SOURCE_DIR))
        + QStringLiteral("/resources/lessons");
}

// What Wireshark 4.0's TCP analysis says about each lesson, at severity Note and above (the
// Chat-level "Connection establish request (SYN)" lines only restate the flags): "FRAME:LABEL"
// per expert info. A new lesson fails the test until its row is written here.
const std::map<QString, QString> expectedExpertInfos = {
    {QStringLiteral("handshake.tcp"), QStringLiteral("8:active-close 10:passive-close")},
    {QStringLiteral("server-closes-first.tcp"), QStringLiteral("8:active-close 10:passive-close")},
    {QStringLiteral("half-close.tcp"), QStringLiteral("4:active-close 10:passive-close")},
    {QStringLiteral("simultaneous-close.tcp"), QStringLiteral("4:active-close 5:passive-close")},
    // The SYN is lost, and sent again by the retransmission timer.
    {QStringLiteral("lost-syn.tcp"), QStringLiteral("2:retransmission")},
    // The server's FIN is sent again after the lost ACK, and the client's ACK repeats.
    {QStringLiteral("lost-final-ack.tcp"),
     QStringLiteral("4:active-close 6:passive-close 8:passive-close 8:retransmission 9:dup-ack#1")},
    // Six retransmissions of the SYN, then "connection timed out".
    {QStringLiteral("syn-retries-exhausted.tcp"),
     QStringLiteral("2:retransmission 3:retransmission 4:retransmission 5:retransmission 6:retransmission "
                    "7:retransmission")},
    {QStringLiteral("connection-refused.tcp"), QStringLiteral("2:rst")},
    // Linux: the server's FIN carries the delayed ACK of the client's FIN (three segments) ...
    {QStringLiteral("handshake-linux.tcp"), QStringLiteral("8:active-close 9:passive-close")},
    // ... or the delayed-ACK timer sends it alone before the client's FIN (four).
    {QStringLiteral("server-closes-first-linux.tcp"), QStringLiteral("8:active-close 10:passive-close")},
    // Half-close: the delayed ACK alone, the server's data, then its FIN.
    {QStringLiteral("half-close-linux.tcp"), QStringLiteral("4:active-close 10:passive-close")},
    {QStringLiteral("abort.tcp"), QStringLiteral("6:rst")},
    // RFC 9293 Figure 7: each SYN,ACK repeats its side's SYN sequence number, so Wireshark takes
    // it for a retransmission, and each final ACK repeats the ACK its SYN,ACK carried.
    {QStringLiteral("simultaneous-open.tcp"),
     QStringLiteral("3:retransmission 4:retransmission 5:dup-ack#1 6:dup-ack#1")},
    // Four clients, four streams (ports 40000..40003 here), four clean handshakes.
    {QStringLiteral("accept-queue.tcp"), QStringLiteral("")},
    // The SYN,ACK resent to client2 whose ACK was ignored, client2's repeated ACK, client4's
    // resent SYN, and again after accept().
    {QStringLiteral("backlog-overflow.tcp"),
     QStringLiteral("11:retransmission 12:dup-ack#1 13:retransmission 14:retransmission 15:dup-ack#2")},
    // client leaves (its FIN, then the server's after recv() returned 0); client2 waits unflagged.
    {QStringLiteral("blocking-server.tcp"), QStringLiteral("13:active-close 15:passive-close")},
    // client2 leaves (its FIN, then the server's after recv() returned 0).
    {QStringLiteral("thread-per-client.tcp"), QStringLiteral("15:active-close 17:passive-close")},
    // client leaves the event loop the same way.
    {QStringLiteral("event-loop.tcp"), QStringLiteral("15:active-close 17:passive-close")},
    // client leaves, the server closes fd 4.
    {QStringLiteral("descriptors.tcp"), QStringLiteral("9:active-close 11:passive-close")},
    // The stopped server closes first; client2 is refused while nobody listens; the fixed server
    // closes first again (client3).
    {QStringLiteral("address-in-use.tcp"),
     QStringLiteral("4:active-close 6:passive-close 9:rst 13:active-close 15:passive-close")},
};

// Wireshark's expert messages, shortened; any other message stays verbatim, so it shows up.
QString expertLabel(const QString &message)
{
    static const std::map<QString, QString> labels = {
        {QStringLiteral("This frame initiates the connection closing"), QStringLiteral("active-close")},
        {QStringLiteral("This frame undergoes the connection closing"), QStringLiteral("passive-close")},
        {QStringLiteral("This frame is a (suspected) retransmission"), QStringLiteral("retransmission")},
        {QStringLiteral("Connection reset (RST)"), QStringLiteral("rst")},
    };
    if (const auto found = labels.find(message); found != labels.end())
        return found->second;
    if (message.startsWith(QLatin1String("Duplicate ACK (")))
        return QStringLiteral("dup-ack") + message.mid(15).chopped(1);
    return message;
}

constexpr qlonglong severityNote = 0x00400000; // PI_NOTE: below it is PI_CHAT

// The fields tshark prints per packet, in this order.
const QStringList tsharkFields = {
    QStringLiteral("frame.time_epoch"),      QStringLiteral("tcp.srcport"),
    QStringLiteral("tcp.flags"),             QStringLiteral("tcp.seq"),
    QStringLiteral("tcp.ack"),               QStringLiteral("tcp.len"),
    QStringLiteral("tcp.payload"),           QStringLiteral("tcp.options.mss_val"),
    QStringLiteral("tcp.window_size_value"), QStringLiteral("tcp.checksum.status"),
    QStringLiteral("ip.checksum.status"),    QStringLiteral("_ws.expert.severity"),
    QStringLiteral("_ws.expert.message"),
};
enum Field { FieldTime, FieldSourcePort, FieldFlags, FieldSeq, FieldAck, FieldLen, FieldPayload, FieldMss, FieldWindow,
             FieldTcpChecksum, FieldIpChecksum, FieldSeverity, FieldMessage };
constexpr int checksumGood = 1; // PROTO_CHECKSUM_E_GOOD

Lesson load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(path));
    const QByteArray text = file.readAll();
    auto result = parseLesson(std::string_view(text.constData(), std::size_t(text.size())), path.toStdString());
    if (const auto *error = std::get_if<ScriptError>(&result))
        qFatal("%s", error->toString().c_str());
    return std::get<Lesson>(std::move(result));
}

std::vector<Segment> sentSegments(const std::vector<Event> &events)
{
    std::vector<Segment> segments;
    for (const Event &event : events) {
        if (event.kind == EventKind::Send)
            segments.push_back(*event.segment);
    }
    return segments;
}

// Wireshark's relative numbers: from the first segment seen in each direction of each
// connection (4-tuple: which client), its SYN at 0; a direction that starts without SYN (the
// RST refusing a connection) starts at 1.
using Direction = std::pair<Side, HostId>;
std::map<Direction, SeqNum> relativeBases(const std::vector<Segment> &segments)
{
    std::map<Direction, SeqNum> bases;
    for (const Segment &segment : segments)
        bases.try_emplace(Direction(segment.from, segment.clientHost), segment.has(Syn) ? segment.seq : segment.seq - 1);
    return bases;
}

QString hex(const std::string &data)
{
    return QString::fromLatin1(QByteArray(data.data(), qsizetype(data.size())).toHex());
}

} // namespace

class TestPcapExport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_tshark = QStandardPaths::findExecutable(QStringLiteral("tshark"));
        QVERIFY(m_directory.isValid());
    }

    void lesson_readsBackInTshark_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<PcapLinkType>("linkType");
        const QStringList lessons = QDir(lessonDirectory()).entryList({QStringLiteral("*.tcp")}, QDir::Files);
        QVERIFY(!lessons.isEmpty());
        for (const QString &name : lessons) {
            const QString path = lessonDirectory() + u'/' + name;
            QTest::addRow("%s raw", qPrintable(name)) << path << PcapLinkType::RawIp;
            QTest::addRow("%s ethernet", qPrintable(name)) << path << PcapLinkType::Ethernet;
        }
    }
    void lesson_readsBackInTshark()
    {
        QFETCH(QString, path);
        QFETCH(PcapLinkType, linkType);
        if (m_tshark.isEmpty())
            QSKIP("tshark is not installed (.ci/bootstrap test installs it)");
        const QString name = QFileInfo(path).fileName();
        const auto expected = expectedExpertInfos.find(name);
        QVERIFY2(expected != expectedExpertInfos.end(), "list the lesson's expert infos in expectedExpertInfos");

        ScriptRunner runner(load(path));
        QCOMPARE(runner.runToEnd().status, ScriptRunner::Status::Finished);
        const std::vector<Event> &events = runner.simulation().events();
        PcapOptions options;
        options.linkType = linkType;
        const QString capture = m_directory.filePath(name + QStringLiteral(".pcap"));
        std::string error;
        QVERIFY2(writePcap(events, capture.toStdString(), &error, options), error.c_str());

        const QList<QStringList> packets = readWithTshark(capture);
        const std::vector<Segment> segments = sentSegments(events);
        QCOMPARE(packets.size(), qsizetype(segments.size()));
        const std::map<Direction, SeqNum> bases = relativeBases(segments);
        std::vector<std::uint64_t> sendTimes;
        for (const Event &event : events) {
            if (event.kind == EventKind::Send)
                sendTimes.push_back(event.time);
        }
        QStringList expertInfos;
        for (qsizetype i = 0; i < packets.size(); ++i) {
            const QStringList &packet = packets[i];
            const Segment &segment = segments[std::size_t(i)];
            const Side peer = segment.from == Side::Client ? Side::Server : Side::Client;
            const QByteArray where = name.toUtf8() + " frame " + QByteArray::number(i + 1);
            QVERIFY2(packet.size() == tsharkFields.size(), where.constData());
            QCOMPARE(packet[FieldSourcePort].toUInt(),
                     segment.from == Side::Client ? options.clientPort + segment.clientHost - firstClientHost
                                                  : options.serverPort);
            QCOMPARE(packet[FieldFlags].toUInt(nullptr, 16), uint(segment.flags));
            QCOMPARE(packet[FieldSeq].toUInt(), segment.seq - bases.at(Direction(segment.from, segment.clientHost)));
            if (segment.has(Ack))
                QCOMPARE(packet[FieldAck].toUInt(), segment.ack - bases.at(Direction(peer, segment.clientHost)));
            QCOMPARE(packet[FieldLen].toULongLong(), segment.data.size());
            QCOMPARE(QString(packet[FieldPayload]).remove(u':'), hex(segment.data)); // 3.x prints 68:69
            QCOMPARE(packet[FieldMss], segment.mss != 0 ? QString::number(segment.mss) : QString());
            QCOMPARE(packet[FieldWindow].toUInt(), uint(segment.window));
            QCOMPARE(packet[FieldTcpChecksum].toInt(), checksumGood);
            QCOMPARE(packet[FieldIpChecksum].toInt(), checksumGood);
            // Virtual time: ms since the lesson's start, as seconds since the epoch.
            QCOMPARE(qRound64(packet[FieldTime].toDouble() * 1000), qint64(sendTimes[std::size_t(i)]));

            const QStringList severities = packet[FieldSeverity].split(u'|', Qt::SkipEmptyParts);
            const QStringList messages = packet[FieldMessage].split(u'|', Qt::SkipEmptyParts);
            QCOMPARE(severities.size(), messages.size());
            for (qsizetype m = 0; m < messages.size(); ++m) {
                if (severities[m].toLongLong() >= severityNote)
                    expertInfos << QString::number(i + 1) + u':' + expertLabel(messages[m]);
            }
        }
        QCOMPARE(expertInfos.join(u' '), expected->second);
    }

    // Without tshark: each packet is an IPv4 datagram whose header and TCP checksums verify.
    void packets_checksumsVerify()
    {
        ScriptRunner runner(load(lessonDirectory() + QStringLiteral("/handshake.tcp")));
        runner.runToEnd();
        const std::vector<PcapPacket> packets = pcapPackets(runner.simulation().events());
        QCOMPARE(packets.size(), sentSegments(runner.simulation().events()).size());
        for (const PcapPacket &packet : packets) {
            QVERIFY(packet.bytes.size() >= 40);
            QCOMPARE(packet.bytes[0], std::uint8_t(0x45));
            const std::size_t totalLength = std::size_t(packet.bytes[2] << 8 | packet.bytes[3]);
            QCOMPARE(totalLength, packet.bytes.size());
            std::uint32_t sum = 0; // RFC 791: the header sums to 0xFFFF with its checksum in
            for (std::size_t i = 0; i < 20; i += 2)
                sum += std::uint32_t(packet.bytes[i] << 8 | packet.bytes[i + 1]);
            while (sum >> 16)
                sum = (sum & 0xFFFF) + (sum >> 16);
            QCOMPARE(sum, 0xFFFFu);
            const std::vector<std::uint8_t> tcp(packet.bytes.begin() + 20, packet.bytes.end());
            const bool fromClient = packet.segment.from == Side::Client;
            WireAddressing addressing;
            addressing.sourcePort = fromClient ? 40000 : 3267;
            addressing.destinationPort = fromClient ? 3267 : 40000;
            QCOMPARE(tcpChecksum(tcp, addressing), std::uint16_t(0));
        }
    }

    // A crafted segment (`server receive ...`) has no Send: it appears when it arrives.
    void craftedSegment_appearsOnArrival()
    {
        auto parsed = parseLesson("server listen\nserver receive SYN seq=5\n", "crafted.tcp");
        QVERIFY(std::holds_alternative<Lesson>(parsed));
        ScriptRunner runner(std::get<Lesson>(std::move(parsed)));
        runner.runToEnd();
        const std::vector<PcapPacket> packets = pcapPackets(runner.simulation().events());
        QCOMPARE(packets.size(), std::size_t(2)); // the crafted SYN, the server's SYN,ACK
        QCOMPARE(packets[0].segment.from, Side::Client);
        QCOMPARE(packets[0].segment.seq, SeqNum(5));
        QCOMPARE(packets[1].segment.flags, std::uint8_t(Syn | Ack));
        QCOMPARE(packets[1].segment.ack, SeqNum(6));
    }

    void unwritablePath_fails()
    {
        std::string error;
        QVERIFY(!writePcap({}, "/nonexistent-directory/x.pcap", &error));
        QVERIFY(error.find("/nonexistent-directory/x.pcap") != std::string::npos);
    }

private:
    QList<QStringList> readWithTshark(const QString &capture)
    {
        QStringList arguments = {QStringLiteral("-r"), capture,
                                 QStringLiteral("-o"), QStringLiteral("tcp.check_checksum:TRUE"),
                                 QStringLiteral("-o"), QStringLiteral("ip.check_checksum:TRUE"),
                                 QStringLiteral("-T"), QStringLiteral("fields"),
                                 QStringLiteral("-E"), QStringLiteral("aggregator=|"),
                                 QStringLiteral("-E"), QStringLiteral("occurrence=a")};
        for (const QString &field : tsharkFields)
            arguments << QStringLiteral("-e") << field;
        QProcess tshark;
        tshark.start(m_tshark, arguments);
        if (!tshark.waitForFinished(60000) || tshark.exitCode() != 0)
            qFatal("tshark failed: %s", tshark.readAllStandardError().constData());
        QList<QStringList> packets;
        const QString output = QString::fromUtf8(tshark.readAllStandardOutput());
        for (const QString &line : output.split(u'\n', Qt::SkipEmptyParts))
            packets << line.split(u'\t');
        return packets;
    }

    QString m_tshark;
    QTemporaryDir m_directory;
};

QTEST_APPLESS_MAIN(TestPcapExport)
#include "tst_pcapexport.moc"
