// SPDX-License-Identifier: GPL-3.0-or-later
// The kernel observer: /proc/net/tcp{,6} lines recorded on Linux parse to the right rows; the
// live table finds a listener and its connections by port; exact look-ups find one socket by
// its 4-tuple (never the listener for a connection that is gone); the port-filtered dump
// returns only the watched port's sockets; regular samples do not scan; nothing touches the
// kernel before the first sample; polling runs only while a connection exists.
#include "tcpsim/live/kernelobserver.h"
#include "tcpsim/live/kerneltable.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>

#include <cstring>

#include <linux/inet_diag.h>
#include <linux/rtnetlink.h>
#include <linux/tcp.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace tcpsim::live;

class TestKernelObserver : public QObject
{
    Q_OBJECT

private slots:
    void parseProcLine_data();
    void parseProcLine();
    void parseProcLine_malformed_data();
    void parseProcLine_malformed();
    void parseProcFile_skipsHeader();
    void kernelStateText_rfcSpelling();
    void missedStates_data();
    void missedStates();
    void liveTable_findsListenerAndConnection();
    void liveTable_procAndNetlinkAgree();
    void polling_stopsWhenNothingIsLive();
    void lookup_findsOneSocketByItsFourTuple();
    void lookup_readsTheKernelsTcpInfo();
    void parseInetDiag_tcpInfoAttribute_data();
    void parseInetDiag_tcpInfoAttribute();
    void readPorts_onlyTheWatchedPort();
    void refresh_tracksTheLessonWithoutScanning();
    void sampleTracked_scansOnlyWhenTheListenersQueueChanged();
    void parseTcpExtCounters_data();
    void parseTcpExtCounters();
    void observer_touchesNoKernelBeforeItsFirstSample();
};

namespace {

// NETLINK_SOCK_DIAG sockets this process holds (/proc/net/netlink: protocol 4).
int sockDiagSockets()
{
    QFile netlink(QStringLiteral("/proc/net/netlink"));
    if (!netlink.open(QIODevice::ReadOnly))
        return -1;
    QSet<QByteArray> inodes;
    for (const QByteArray &line : netlink.readAll().split('\n')) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() >= 10 && fields[1] == "4")
            inodes.insert(fields[9]);
    }
    int count = 0;
    const QDir fds(QStringLiteral("/proc/self/fd"));
    for (const QString &fd : fds.entryList(QDir::Files | QDir::System)) {
        const QString target = QFile::symLinkTarget(fds.filePath(fd));
        if (target.contains(QStringLiteral("socket:["))) {
            const QString inode = target.section(QLatin1Char('['), 1).chopped(1);
            if (inodes.contains(inode.toLatin1()))
                ++count;
        }
    }
    return count;
}

// A connected pair on loopback, accepted; the tuple from the client's end.
struct Pair {
    QTcpServer server;
    QTcpSocket client;
    QTcpSocket *accepted = nullptr;
    FourTuple tuple;
    bool open()
    {
        if (!server.listen(QHostAddress::LocalHost, 0))
            return false;
        client.connectToHost(QHostAddress::LocalHost, server.serverPort());
        if (!client.waitForConnected(5000) || !server.waitForNewConnection(5000))
            return false;
        accepted = server.nextPendingConnection();
        tuple = {client.localAddress(), client.localPort(), client.peerAddress(), client.peerPort()};
        return accepted != nullptr;
    }
};

void resetOnClose(QTcpSocket *socket)
{
    const linger option{1, 0};
    ::setsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &option, sizeof option);
}

} // namespace

void TestKernelObserver::parseProcLine_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("local");
    QTest::addColumn<QString>("remote");
    QTest::addColumn<int>("state");
    QTest::addColumn<uint>("txQueue");
    QTest::addColumn<uint>("rxQueue");
    QTest::addColumn<int>("timer");
    QTest::addColumn<uint>("timerMs");
    QTest::addColumn<qulonglong>("inode");

    // Recorded on x86-64 Linux 6.x (addresses are printed as host-order words).
    QTest::newRow("listen, 2 in accept queue")
        << QByteArray("   0: 0100007F:0CC3 00000000:0000 0A 00000000:00000002 00:00000000 00000000  1000        0 4242 1 0000000000000000 100 0 0 10 0")
        << "127.0.0.1:3267" << "0.0.0.0:0" << 10 << 0u << 2u << 0 << 0u << 4242ull;
    QTest::newRow("established, 7 bytes unacked, retransmit timer")
        << QByteArray("   2: 0100007F:0CC3 0100007F:D2A4 01 00000007:00000000 01:00000014 00000000  1000        0 777 3 0000000000000000 20 4 30 10 -1")
        << "127.0.0.1:3267" << "127.0.0.1:53924" << 1 << 7u << 0u << 1 << 200u << 777ull;
    QTest::newRow("time-wait, no inode, 60 s timer")
        << QByteArray("  11: 0100007F:D2A4 0100007F:0CC3 06 00000000:00000000 03:00001770 00000000     0        0 0 3 0000000000000000")
        << "127.0.0.1:53924" << "127.0.0.1:3267" << 6 << 0u << 0u << 3 << 60000u << 0ull;
    QTest::newRow("close-wait")
        << QByteArray("   3: 0100007F:0CC3 0100007F:D2A6 08 00000000:00000000 00:00000000 00000000  1000        0 991 1 0000000000000000 20 4 1 10 -1")
        << "127.0.0.1:3267" << "127.0.0.1:53926" << 8 << 0u << 0u << 0 << 0u << 991ull;
    QTest::newRow("fin-wait-2, other address")
        << QByteArray("   4: 0A00000A:9C40 0100000A:01BB 05 00000000:00000000 00:00000000 00000000  1000        0 992 1 0000000000000000 20 4 1 10 -1")
        << "10.0.0.10:40000" << "10.0.0.1:443" << 5 << 0u << 0u << 0 << 0u << 992ull;
    QTest::newRow("syn-recv request socket")
        << QByteArray("   5: 0100007F:0CC3 0100007F:D2A8 03 00000000:00000000 02:00000064 00000002  1000        0 0 1 0000000000000000")
        << "127.0.0.1:3267" << "127.0.0.1:53928" << 3 << 0u << 0u << 2 << 1000u << 0ull;
    QTest::newRow("tcp6 listen on ::1")
        << QByteArray("   0: 00000000000000000000000001000000:0CC3 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 888 1 0000000000000000 100 0 0 10 0")
        << "[::1]:3267" << "[::]:0" << 10 << 0u << 0u << 0 << 0u << 888ull;
    QTest::newRow("tcp6 v4-mapped established")
        << QByteArray("   1: 0000000000000000FFFF00000100007F:0CC3 0000000000000000FFFF00000100007F:D2A4 01 00000000:00000000 00:00000000 00000000  1000        0 889 1 0000000000000000 20 4 30 10 -1")
        << "[::ffff:127.0.0.1]:3267" << "[::ffff:127.0.0.1]:53924" << 1 << 0u << 0u << 0 << 0u << 889ull;
}

void TestKernelObserver::parseProcLine()
{
    if (QSysInfo::ByteOrder != QSysInfo::LittleEndian)
        QSKIP("the recorded lines come from a little-endian machine");
    QFETCH(QByteArray, line);
    QFETCH(QString, local);
    QFETCH(QString, remote);
    QFETCH(int, state);
    QFETCH(uint, txQueue);
    QFETCH(uint, rxQueue);
    QFETCH(int, timer);
    QFETCH(uint, timerMs);
    QFETCH(qulonglong, inode);

    const auto socket = parseProcNetTcpLine(line);
    QVERIFY(socket.has_value());
    QCOMPARE(formatEndpoint(socket->tuple.localAddress, socket->tuple.localPort), local);
    QCOMPARE(formatEndpoint(socket->tuple.remoteAddress, socket->tuple.remotePort), remote);
    QCOMPARE(socket->stateCode, state);
    QCOMPARE(socket->txQueue, txQueue);
    QCOMPARE(socket->rxQueue, rxQueue);
    QCOMPARE(int(socket->timer), timer);
    QCOMPARE(socket->timerExpiresMs, timerMs);
    QCOMPARE(socket->inode, inode);
}

void TestKernelObserver::parseProcLine_malformed_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("header") << QByteArray("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode");
    QTest::newRow("too few fields") << QByteArray("   0: 0100007F:0CC3 00000000:0000 0A");
    QTest::newRow("state 0") << QByteArray("   0: 0100007F:0CC3 00000000:0000 00 00000000:00000000 00:00000000 00000000 0 0 1 1");
    QTest::newRow("state 13") << QByteArray("   0: 0100007F:0CC3 00000000:0000 0D 00000000:00000000 00:00000000 00000000 0 0 1 1");
    QTest::newRow("bad hex address") << QByteArray("   0: 0100007G:0CC3 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 1 1");
    QTest::newRow("short address") << QByteArray("   0: 100007F:0CC3 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 1 1");
    QTest::newRow("port too long") << QByteArray("   0: 0100007F:10CC3 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 1 1");
    QTest::newRow("no colon in queues") << QByteArray("   0: 0100007F:0CC3 00000000:0000 0A 0000000000000000 00:00000000 00000000 0 0 1 1");
    QTest::newRow("binary") << QByteArray("\x00\xff\x01:\x02 \x03", 7);
}

void TestKernelObserver::parseProcLine_malformed()
{
    QFETCH(QByteArray, line);
    QVERIFY(!parseProcNetTcpLine(line).has_value());
}

void TestKernelObserver::parseProcFile_skipsHeader()
{
    const QByteArray file =
        "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
        "   0: 0100007F:0CC3 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 4242 1 0000000000000000 100 0 0 10 0\n"
        "   1: 0100007F:D2A4 0100007F:0CC3 06 00000000:00000000 03:00001770 00000000     0        0 0 3 0000000000000000\n";
    const QList<KernelSocket> sockets = parseProcNetTcp(file);
    QCOMPARE(sockets.size(), 2);
    QVERIFY(sockets[0].isListening());
    QCOMPARE(sockets[1].stateText(), QStringLiteral("TIME-WAIT"));
}

void TestKernelObserver::kernelStateText_rfcSpelling()
{
    QCOMPARE(kernelStateText(linuxcode::Established), QStringLiteral("ESTABLISHED"));
    QCOMPARE(kernelStateText(linuxcode::SynRecv), QStringLiteral("SYN-RECEIVED"));
    QCOMPARE(kernelStateText(linuxcode::NewSynRecv), QStringLiteral("SYN-RECEIVED"));
    QCOMPARE(kernelStateText(linuxcode::FinWait2), QStringLiteral("FIN-WAIT-2"));
    QCOMPARE(kernelStateText(linuxcode::CloseWait), QStringLiteral("CLOSE-WAIT"));
    QCOMPARE(kernelStateText(linuxcode::TimeWait), QStringLiteral("TIME-WAIT"));
    QCOMPARE(kernelStateText(linuxcode::Close), QStringLiteral("CLOSED"));
}

void TestKernelObserver::missedStates_data()
{
    QTest::addColumn<int>("previous");
    QTest::addColumn<int>("next");
    QTest::addColumn<bool>("activeOpen");
    QTest::addColumn<QList<int>>("missed");
    using namespace linuxcode;
    QTest::newRow("client appears established") << 0 << Established << true << QList<int>{SynSent};
    QTest::newRow("server appears established") << 0 << Established << false << QList<int>{SynRecv};
    QTest::newRow("established to fin-wait-2") << Established << FinWait2 << true << QList<int>{FinWait1};
    QTest::newRow("fin-wait-2 to time-wait") << FinWait2 << TimeWait << true << QList<int>{};
    QTest::newRow("close-wait gone") << CloseWait << 0 << false << QList<int>{LastAck};
    QTest::newRow("established gone (RST)") << Established << 0 << false << QList<int>{};
    QTest::newRow("fin-wait-1 to closing") << FinWait1 << Closing << true << QList<int>{};
    QTest::newRow("same state") << Established << Established << true << QList<int>{};
}

void TestKernelObserver::missedStates()
{
    QFETCH(int, previous);
    QFETCH(int, next);
    QFETCH(bool, activeOpen);
    QFETCH(QList<int>, missed);
    QCOMPARE(missedKernelStates(previous, next, activeOpen), missed);
}

void TestKernelObserver::liveTable_findsListenerAndConnection()
{
    KernelObserver observer;
    if (!observer.isAvailable())
        QSKIP("no kernel socket table on this system");
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    server.pauseAccepting(); // connections stay in the kernel's accept queue
    observer.watchPort(server.serverPort());
    observer.sample();
    const auto listener = observer.listener(server.serverPort());
    QVERIFY(listener.has_value());
    QCOMPARE(listener->stateText(), QStringLiteral("LISTEN"));

    QTcpSocket client;
    QSignalSpy connected(&client, &QTcpSocket::connected);
    client.connectToHost(QHostAddress::LocalHost, server.serverPort());
    QTRY_COMPARE(connected.size(), 1);
    const FourTuple tuple{client.localAddress(), client.localPort(), client.peerAddress(), client.peerPort()};
    observer.sample();
    const auto row = observer.socket(tuple);
    QVERIFY(row.has_value());
    QCOMPARE(row->stateText(), QStringLiteral("ESTABLISHED"));
    // The server's end waits, established, in the accept queue (nobody called accept()).
    QTRY_VERIFY(observer.socket(tuple.reversed()).has_value());
    QCOMPARE(observer.socket(tuple.reversed())->stateCode, linuxcode::Established);
    QTRY_COMPARE(observer.listener(server.serverPort())->rxQueue, 1u);
}

void TestKernelObserver::liveTable_procAndNetlinkAgree()
{
    KernelTable netlink;
    if (netlink.backend() != KernelTable::Backend::Netlink)
        QSKIP("netlink sock_diag not available here");
    KernelTable proc;
    proc.setBackend(KernelTable::Backend::ProcNet);
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    QTcpSocket client;
    QSignalSpy connected(&client, &QTcpSocket::connected);
    client.connectToHost(QHostAddress::LocalHost, server.serverPort());
    QTRY_COMPARE(connected.size(), 1);
    const FourTuple tuple{client.localAddress(), client.localPort(), client.peerAddress(), client.peerPort()};
    auto find = [&tuple](const QList<KernelSocket> &rows) -> int {
        for (const KernelSocket &row : rows) {
            if (row.tuple == tuple)
                return row.stateCode;
        }
        return 0;
    };
    QCOMPARE(find(netlink.read()), linuxcode::Established);
    QCOMPARE(find(proc.read()), linuxcode::Established);
}

void TestKernelObserver::polling_stopsWhenNothingIsLive()
{
    KernelObserver observer;
    if (!observer.isAvailable())
        QSKIP("no kernel socket table on this system");
    QTcpServer server;
    // A port no other socket uses: port 0 draws from the ephemeral range, where another test's
    // client may have left a TIME-WAIT entry with this very local port (then the observer
    // rightly sees something live). That was this test's rare failure beside the live tests.
    for (int attempt = 0; attempt < 50; ++attempt) {
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        observer.watchPort(server.serverPort());
        observer.sample();
        if (!observer.isPolling())
            break;
        server.close();
        observer.clear();
    }
    QSignalSpy polling(&observer, &KernelObserver::pollingChanged);
    QSignalSpy gone(&observer, &KernelObserver::socketGone);
    QVERIFY(server.isListening());
    QVERIFY(!observer.isPolling()); // a listener alone is idle: no timer

    auto *client = new QTcpSocket(this);
    client->connectToHost(QHostAddress::LocalHost, server.serverPort());
    QTRY_COMPARE(client->state(), QAbstractSocket::ConnectedState);
    observer.sample();
    QVERIFY(observer.isPolling());

    // A RST from the client removes both ends at once, no TIME-WAIT.
    QTRY_VERIFY(server.hasPendingConnections());
    QTcpSocket *accepted = server.nextPendingConnection();
    const linger resetOnClose{1, 0};
    ::setsockopt(int(client->socketDescriptor()), SOL_SOCKET, SO_LINGER, &resetOnClose, sizeof resetOnClose);
    client->abort();
    delete client;
    accepted->abort();
    delete accepted;
    QTRY_VERIFY_WITH_TIMEOUT(!observer.isPolling(), 10000);
    QVERIFY(!polling.isEmpty());
    QCOMPARE(polling.last().at(0).toBool(), false);
    QVERIFY(gone.size() >= 1);
}

void TestKernelObserver::lookup_findsOneSocketByItsFourTuple()
{
    KernelTable table;
    if (table.backend() != KernelTable::Backend::Netlink)
        QSKIP("netlink sock_diag not available here");
    Pair pair;
    QVERIFY(pair.open());
    KernelSocket row;
    QCOMPARE(table.lookup(pair.tuple, &row), KernelTable::Lookup::Found);
    QCOMPARE(row.tuple, pair.tuple);
    QCOMPARE(row.stateCode, linuxcode::Established);
    QCOMPARE(table.lookup(pair.tuple.reversed(), &row), KernelTable::Lookup::Found);
    QCOMPARE(row.tuple, pair.tuple.reversed());
    QVERIFY(row.inode != 0);
    // The listener: local address and port, no remote end; its backlog in the send queue.
    const FourTuple listener{QHostAddress(QHostAddress::LocalHost), pair.server.serverPort(), QHostAddress(QHostAddress::AnyIPv4), 0};
    QCOMPARE(table.lookup(listener, &row), KernelTable::Lookup::Found);
    QVERIFY(row.isListening());
    QVERIFY(row.txQueue > 0);

    // Both ends gone (RST): the kernel would answer the server end's look-up with the
    // listener; that is not the connection.
    resetOnClose(&pair.client);
    pair.client.abort();
    pair.accepted->abort();
    QCOMPARE(table.lookup(pair.tuple, &row), KernelTable::Lookup::NotFound);
    QCOMPARE(table.lookup(pair.tuple.reversed(), &row), KernelTable::Lookup::NotFound);
}

// What a sysctl of net.ipv4 says (1 = on); the kernel negotiates SACK, timestamps and window
// scaling only when both ends have them on, and on loopback both ends are this machine.
bool sysctlOn(const char *name)
{
    QFile file(QStringLiteral("/proc/sys/net/ipv4/") + QLatin1String(name));
    return file.open(QIODevice::ReadOnly) && file.readAll().trimmed() != "0";
}

void TestKernelObserver::lookup_readsTheKernelsTcpInfo()
{
    KernelTable table;
    if (table.backend() != KernelTable::Backend::Netlink)
        QSKIP("netlink sock_diag not available here");
    Pair pair;
    QVERIFY(pair.open());
    KernelSocket row;
    QCOMPARE(table.lookup(pair.tuple, &row), KernelTable::Lookup::Found);
    QVERIFY(row.info.has_value());
    const KernelTcpInfo &info = *row.info;
    // Loopback's MTU is 65536: the MSS is far above the RFC's 536 default (TCP-FACTS: 65483
    // advertised; what is sent shrinks by the timestamps option's 12 bytes).
    QVERIFY2(info.advertisedMss > 1460, qPrintable(QString::number(info.advertisedMss)));
    QVERIFY(info.sendMss > 0 && info.sendMss <= info.advertisedMss);
    QCOMPARE(info.has(KernelTcpInfo::Sack), sysctlOn("tcp_sack"));
    QCOMPARE(info.has(KernelTcpInfo::Timestamps), sysctlOn("tcp_timestamps"));
    QCOMPARE(info.has(KernelTcpInfo::WindowScale), sysctlOn("tcp_window_scaling"));
    QVERIFY(info.rtoMs >= 200); // TCP_RTO_MIN
    QVERIFY(info.summary().contains(QStringLiteral("MSS %1").arg(info.sendMss)));

    // The listener's tcp_info: the accept queue's length and the backlog (TCP-FACTS).
    const FourTuple listener{QHostAddress(QHostAddress::LocalHost), pair.server.serverPort(), QHostAddress(QHostAddress::AnyIPv4), 0};
    QCOMPARE(table.lookup(listener, &row), KernelTable::Lookup::Found);
    QVERIFY(row.info.has_value());
    QCOMPARE(row.info->sacked, row.txQueue);
    QCOMPARE(row.info->unacked, row.rxQueue);
}

void TestKernelObserver::parseInetDiag_tcpInfoAttribute_data()
{
    QTest::addColumn<int>("infoLength");     // bytes of struct tcp_info sent
    QTest::addColumn<int>("declaredLength"); // rta_len as written (may lie)
    QTest::addColumn<bool>("hasInfo");
    QTest::addColumn<uint>("sendMss");

    const int full = int(sizeof(tcp_info));
    QTest::newRow("whole struct") << full << full + int(RTA_LENGTH(0)) << true << 32741u;
    // An older kernel's shorter struct: the fields it has are read, the rest stay 0.
    QTest::newRow("older kernel, first 20 bytes") << 20 << 20 + int(RTA_LENGTH(0)) << true << 32741u;
    QTest::newRow("options only") << 8 << 8 + int(RTA_LENGTH(0)) << true << 0u;
    QTest::newRow("rta_len past the message") << full << full + 400 << false << 0u;
    QTest::newRow("rta_len below its header") << full << 2 << false << 0u;
}

void TestKernelObserver::parseInetDiag_tcpInfoAttribute()
{
    QFETCH(int, infoLength);
    QFETCH(int, declaredLength);
    QFETCH(bool, hasInfo);
    QFETCH(uint, sendMss);

    inet_diag_msg msg{};
    msg.idiag_family = AF_INET;
    msg.idiag_state = 1; // ESTABLISHED
    msg.id.idiag_sport = htons(3267);
    msg.id.idiag_dport = htons(50000);
    tcp_info info{};
    info.tcpi_options = KernelTcpInfo::Sack | KernelTcpInfo::Timestamps | KernelTcpInfo::WindowScale;
    info.tcpi_snd_wscale = 7;
    info.tcpi_rcv_wscale = 10;
    info.tcpi_rto = 204000;
    info.tcpi_ato = 40000;
    info.tcpi_snd_mss = 32741;

    QByteArray message(reinterpret_cast<const char *>(&msg), sizeof msg);
    message.resize(NLMSG_ALIGN(sizeof msg), '\0');
    rtattr attribute{quint16(declaredLength), INET_DIAG_INFO};
    message.append(reinterpret_cast<const char *>(&attribute), sizeof attribute);
    message.append(reinterpret_cast<const char *>(&info), infoLength);

    const auto row = parseInetDiagMessage(message.constData(), size_t(message.size()));
    QVERIFY(row.has_value()); // a bad attribute never loses the row itself
    QCOMPARE(row->tuple.localPort, quint16(3267));
    QCOMPARE(row->info.has_value(), hasInfo);
    if (!hasInfo)
        return;
    QCOMPARE(row->info->sendMss, sendMss);
    QVERIFY(row->info->has(KernelTcpInfo::Sack));
    QCOMPARE(row->info->sendWindowScale, quint8(7));
    QCOMPARE(row->info->receiveWindowScale, quint8(10));
    if (infoLength >= 16) {
        QCOMPARE(row->info->rtoMs, 204u);
        QCOMPARE(row->info->delayedAckMs, 40u);
    }
}

void TestKernelObserver::readPorts_onlyTheWatchedPort()
{
    KernelTable table;
    if (table.backend() == KernelTable::Backend::Unavailable)
        QSKIP("no kernel socket table on this system");
    Pair watched;
    Pair other;
    QVERIFY(watched.open());
    QVERIFY(other.open());
    const quint16 port = watched.server.serverPort();
    const QList<KernelSocket> rows = table.readPorts({port});
    QSet<FourTuple> tuples;
    for (const KernelSocket &row : rows) {
        QVERIFY2(row.tuple.localPort == port || row.tuple.remotePort == port, qPrintable(row.tuple.toString()));
        tuples.insert(row.tuple);
    }
    QVERIFY(tuples.contains(watched.tuple));
    QVERIFY(tuples.contains(watched.tuple.reversed()));
    QVERIFY(std::any_of(rows.begin(), rows.end(), [](const KernelSocket &row) { return row.isListening(); }));
    // The whole table, filtered here, says the same.
    QSet<FourTuple> expected;
    for (const KernelSocket &row : table.read()) {
        if (row.tuple.localPort == port || row.tuple.remotePort == port)
            expected.insert(row.tuple);
    }
    QCOMPARE(tuples, expected);
}

void TestKernelObserver::refresh_tracksTheLessonWithoutScanning()
{
    KernelObserver observer;
    if (observer.table().backend() != KernelTable::Backend::Netlink)
        QSKIP("netlink sock_diag not available here");
    Pair pair;
    QVERIFY(pair.open());
    observer.watchPort(pair.server.serverPort());
    observer.trackConnection(pair.tuple);
    observer.refresh(); // a new port: scanned once
    QCOMPARE(observer.portScanCount(), quint64(1));
    QVERIFY(observer.listener(pair.server.serverPort()).has_value());
    QCOMPARE(observer.socket(pair.tuple)->stateCode, linuxcode::Established);

    // The client closes: the regular samples see both ends move by exact look-ups alone.
    const quint64 scans = observer.portScanCount();
    // (shutdown() on the descriptor and no event loop: Qt must not close the server end.)
    ::shutdown(int(pair.client.socketDescriptor()), SHUT_WR);
    for (int i = 0; i < 500 && observer.socket(pair.tuple)->stateCode != linuxcode::FinWait2; ++i) {
        QThread::msleep(2);
        observer.refresh();
    }
    QCOMPARE(observer.socket(pair.tuple)->stateCode, linuxcode::FinWait2);
    QCOMPARE(observer.socket(pair.tuple.reversed())->stateCode, linuxcode::CloseWait);
    QCOMPARE(observer.portScanCount(), scans);
}

void TestKernelObserver::sampleTracked_scansOnlyWhenTheListenersQueueChanged()
{
    // What the live mirror asks between steps: exact look-ups, and the port's rows only when the
    // listener's accept queue changed by a connection that is not the lesson's.
    KernelObserver observer;
    if (observer.table().backend() != KernelTable::Backend::Netlink)
        QSKIP("netlink sock_diag not available here");
    Pair pair;
    QVERIFY(pair.open());
    const quint16 port = pair.server.serverPort();
    observer.watchPort(port);
    observer.trackConnection(pair.tuple);
    observer.sample();
    const quint64 scans = observer.portScanCount();
    QCOMPARE(observer.listener(port)->rxQueue, 0u);
    observer.sampleTracked();
    observer.sampleTracked();
    QCOMPARE(observer.portScanCount(), scans); // nothing changed: no dump

    const auto connectRaw = [port] {
        const int descriptor = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (descriptor >= 0 && ::connect(descriptor, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0) {
            ::close(descriptor);
            return -1;
        }
        return descriptor;
    };
    // A second client of the lesson's own (tracked) that the server has not accepted (no event
    // loop runs): the listener's queue grows by it, and its row is known: still no dump.
    const int lessons = connectRaw();
    QVERIFY(lessons >= 0);
    sockaddr_in local{};
    socklen_t length = sizeof local;
    QVERIFY(::getsockname(lessons, reinterpret_cast<sockaddr *>(&local), &length) == 0);
    const FourTuple lessonsTuple{QHostAddress(QHostAddress::LocalHost), ntohs(local.sin_port), QHostAddress(QHostAddress::LocalHost), port};
    observer.trackConnection(lessonsTuple);
    observer.sampleTracked();
    QCOMPARE(observer.listener(port)->rxQueue, 1u);
    QCOMPARE(observer.socket(lessonsTuple.reversed())->inode, 0u); // queued: no descriptor yet
    QCOMPARE(observer.portScanCount(), scans);

    // A client from outside: the queue grows by one the tracked rows do not explain, and the
    // very next sample scans the port and finds it.
    const int second = connectRaw();
    QVERIFY(second >= 0);
    observer.sampleTracked();
    QCOMPARE(observer.portScanCount(), scans + 1);
    QCOMPARE(observer.listener(port)->rxQueue, 2u);
    const QList<KernelSocket> rows = observer.sockets();
    const bool found = std::any_of(rows.begin(), rows.end(), [&](const KernelSocket &row) {
        return row.tuple.localPort == port && !row.isListening() && row.tuple != pair.tuple.reversed()
            && row.tuple != lessonsTuple.reversed();
    });
    ::close(second);
    ::close(lessons);
    QVERIFY2(found, "the queued connection's row");
}

void TestKernelObserver::parseTcpExtCounters_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<qlonglong>("overflows"); // -1: not there
    QTest::addColumn<qlonglong>("drops");
    // As Linux 6.x prints it (shortened): names, then values, per group.
    const QByteArray real = "TcpExt: SyncookiesSent SyncookiesRecv ListenOverflows ListenDrops TCPBacklogDrop\n"
                            "TcpExt: 0 0 7 9 0\n"
                            "IpExt: InNoRoutes InTruncatedPkts\n"
                            "IpExt: 0 0\n";
    QTest::newRow("linux") << real << 7LL << 9LL;
    QTest::newRow("no trailing newline") << QByteArray("TcpExt: ListenOverflows ListenDrops\nTcpExt: 1 2") << 1LL << 2LL;
    QTest::newRow("counts differ") << QByteArray("TcpExt: ListenOverflows ListenDrops\nTcpExt: 1\n") << -1LL << -1LL;
    QTest::newRow("names only") << QByteArray("TcpExt: ListenOverflows ListenDrops\n") << -1LL << -1LL;
    QTest::newRow("other groups only") << QByteArray("IpExt: InNoRoutes\nIpExt: 0\n") << -1LL << -1LL;
    QTest::newRow("empty") << QByteArray() << -1LL << -1LL;
    QTest::newRow("not a number") << QByteArray("TcpExt: ListenOverflows ListenDrops\nTcpExt: x 3\n") << -1LL << 3LL;
}

void TestKernelObserver::parseTcpExtCounters()
{
    QFETCH(QByteArray, content);
    QFETCH(qlonglong, overflows);
    QFETCH(qlonglong, drops);
    const QHash<QString, quint64> counters = tcpsim::live::parseTcpExtCounters(content);
    const auto value = [&](const char *name) {
        const auto it = counters.constFind(QString::fromLatin1(name));
        return it == counters.constEnd() ? -1LL : qlonglong(*it);
    };
    QCOMPARE(value("ListenOverflows"), overflows);
    QCOMPARE(value("ListenDrops"), drops);
    if (KernelTable::isSupportedSystem() && QFile::exists(QStringLiteral("/proc/net/netstat")))
        QVERIFY(readTcpExtCounters().contains(QStringLiteral("ListenOverflows")));
}

void TestKernelObserver::observer_touchesNoKernelBeforeItsFirstSample()
{
    if (!KernelTable::isSupportedSystem() || sockDiagSockets() < 0)
        QSKIP("Linux only");
    const int before = sockDiagSockets();
    {
        // What the window and the CLI create with the live pair off.
        KernelObserver observer;
        observer.watchPort(1); // not even this
        QCOMPARE(sockDiagSockets(), before);
        QCOMPARE(observer.sampleCount(), quint64(0));
        QVERIFY(!observer.isPolling());
        observer.sample();
        if (observer.table().backend() == KernelTable::Backend::Netlink) {
            QCOMPARE(sockDiagSockets(), before + 1); // one socket, kept
            observer.sample();
            observer.refresh();
            QCOMPARE(sockDiagSockets(), before + 1);
        }
    }
    QCOMPARE(sockDiagSockets(), before);
}

QTEST_GUILESS_MAIN(TestKernelObserver)
#include "tst_kernelobserver.moc"
