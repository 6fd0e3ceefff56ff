// SPDX-License-Identifier: GPL-3.0-or-later
// The Linux profile against the kernel, segment by segment: each scenario runs once on real
// sockets on loopback while an AF_PACKET socket captures the segments, and once in the model
// under the Linux profile as a lesson script with the same calls in the same order (`settle`
// where loopback delivers at once, `timeout` where the test waits past the 40 ms delayed ACK).
// The two segment lists must agree in direction, flags, sequence and acknowledgment numbers
// relative to each side's ISN, payload length, the TCP options and their order, and the SYN
// windows. Capturing needs CAP_NET_RAW (CI runs as root); without it the test says so and skips.
#include "tcpsim/model/scriptparser.h"
#include "tcpsim/model/scriptrunner.h"

#include <QElapsedTimer>
#include <QTest>
#include <QThread>

#include <arpa/inet.h>
#include <cerrno>
#include <fcntl.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

using namespace tcpsim;

namespace {

// One segment as both sides describe it.
struct Wire {
    bool fromClient = true;
    std::uint8_t flags = 0;
    std::uint32_t seq = 0; // absolute
    std::uint32_t ack = 0;
    std::uint16_t window = 0;
    std::uint32_t length = 0;
    std::vector<std::uint8_t> optionKinds; // in wire order, NOPs included, end-of-options not
    std::optional<std::uint8_t> windowScale; // the SYN's window scale option
};

void readOptions(const std::uint8_t *options, std::size_t length, Wire *wire)
{
    for (std::size_t at = 0; at < length;) {
        const std::uint8_t kind = options[at];
        if (kind == 0)
            break;
        wire->optionKinds.push_back(kind);
        if (kind == 1) {
            ++at;
            continue;
        }
        if (at + 1 >= length || options[at + 1] < 2)
            break;
        if (kind == 3 && at + 2 < length)
            wire->windowScale = options[at + 2];
        at += options[at + 1];
    }
}

// Captures the TCP segments to or from one port on the loopback interface.
class LoopbackCapture
{
public:
    ~LoopbackCapture()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    bool open()
    {
        m_fd = ::socket(AF_PACKET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, htons(ETH_P_IP));
        if (m_fd < 0)
            return false;
        sockaddr_ll address{};
        address.sll_family = AF_PACKET;
        address.sll_protocol = htons(ETH_P_IP);
        address.sll_ifindex = int(if_nametoindex("lo"));
        return ::bind(m_fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0;
    }
    void setPort(std::uint16_t port) { m_port = port; }
    // Everything captured so far for the port, in order.
    std::vector<Wire> take()
    {
        std::vector<Wire> segments;
        unsigned char frame[70000];
        for (;;) {
            sockaddr_ll from{};
            socklen_t fromLength = sizeof from;
            const ssize_t size = ::recvfrom(m_fd, frame, sizeof frame, 0, reinterpret_cast<sockaddr *>(&from), &fromLength);
            if (size < 0)
                break;
            // Loopback shows each packet twice, leaving and arriving: keep the arrival (libpcap
            // does the same).
            if (from.sll_pkttype == PACKET_OUTGOING)
                continue;
            if (size < 14 + 20)
                continue;
            const unsigned char *ip = frame + 14;
            const std::size_t ipHeader = std::size_t(ip[0] & 15) * 4;
            const std::size_t total = std::size_t(ip[2]) << 8 | ip[3];
            if (ip[9] != IPPROTO_TCP || std::size_t(size) < 14 + total || total < ipHeader + 20)
                continue;
            const unsigned char *tcp = ip + ipHeader;
            const std::uint16_t source = std::uint16_t(tcp[0] << 8 | tcp[1]);
            const std::uint16_t destination = std::uint16_t(tcp[2] << 8 | tcp[3]);
            if (source != m_port && destination != m_port)
                continue;
            const std::size_t tcpHeader = std::size_t(tcp[12] >> 4) * 4;
            Wire wire;
            wire.fromClient = destination == m_port;
            wire.seq = std::uint32_t(tcp[4]) << 24 | tcp[5] << 16 | tcp[6] << 8 | tcp[7];
            wire.ack = std::uint32_t(tcp[8]) << 24 | tcp[9] << 16 | tcp[10] << 8 | tcp[11];
            wire.flags = tcp[13] & 0x1F;
            wire.window = std::uint16_t(tcp[14] << 8 | tcp[15]);
            wire.length = std::uint32_t(total - ipHeader - tcpHeader);
            readOptions(tcp + 20, tcpHeader - 20, &wire);
            segments.push_back(wire);
        }
        return segments;
    }

private:
    int m_fd = -1;
    std::uint16_t m_port = 0;
};

// Plain blocking sockets: what the lesson's application calls do, and the capture of them.
struct Sockets {
    int listener = -1;
    int client = -1;
    int server = -1;
    std::uint16_t port = 0;
    LoopbackCapture *capture = nullptr;
    std::vector<Wire> captured;
    // Collects what the capture saw until `count` segments are in, for at most 3 s. The
    // scenarios wait on the wire, not on the clock: a loaded machine may defer loopback's
    // softirq, and the application's next call must come after the segment it depends on (the
    // delayed ACK, above all).
    void awaitSegments(std::size_t count)
    {
        QElapsedTimer waited;
        waited.start();
        for (;;) {
            for (const Wire &wire : capture->take())
                captured.push_back(wire);
            if (captured.size() >= count || waited.elapsed() > 3000)
                return;
            QThread::msleep(5);
        }
    }
    ~Sockets()
    {
        for (int fd : {listener, client, server}) {
            if (fd >= 0)
                ::close(fd);
        }
    }
    bool listen()
    {
        listener = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        if (::bind(listener, reinterpret_cast<sockaddr *>(&address), length) != 0 || ::listen(listener, 5) != 0)
            return false;
        ::getsockname(listener, reinterpret_cast<sockaddr *>(&address), &length);
        port = ntohs(address.sin_port);
        return true;
    }
    bool connect(std::uint16_t to)
    {
        client = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = htons(to);
        return ::connect(client, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0;
    }
    bool accept()
    {
        server = ::accept(listener, nullptr, nullptr);
        return server >= 0;
    }
    static void send(int fd, const std::string &data) { (void)::send(fd, data.data(), data.size(), 0); }
    static std::string receive(int fd)
    {
        char buffer[1024];
        const ssize_t got = ::recv(fd, buffer, sizeof buffer, 0);
        return got > 0 ? std::string(buffer, std::size_t(got)) : std::string();
    }
    static void abort(int &fd)
    {
        const linger reset{1, 0};
        ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
        ::close(fd);
        fd = -1;
    }
};

// A pause in which nothing is expected on the wire (a delayed ACK must not be held back by
// the application: the scenarios then wait for it with awaitSegments).
void waitMs(int ms)
{
    QThread::msleep(ms);
}

std::vector<Wire> modelSegments(const std::string &script)
{
    auto parsed = parseLesson(script, "scenario.tcp");
    if (const auto *error = std::get_if<ScriptError>(&parsed))
        qFatal("%s", error->toString().c_str());
    ScriptRunner runner(std::get<Lesson>(parsed));
    const ScriptRunner::StepResult result = runner.runToEnd();
    if (result.status == ScriptRunner::Status::RuntimeError)
        qFatal("%s", result.message.c_str());
    std::vector<Wire> segments;
    for (const Event &event : runner.simulation().events()) {
        if (event.kind != EventKind::Send)
            continue;
        const Segment &segment = *event.segment;
        Wire wire;
        wire.fromClient = segment.from == Side::Client;
        wire.flags = segment.flags;
        wire.seq = segment.seq;
        wire.ack = segment.ack;
        wire.window = segment.window;
        wire.length = std::uint32_t(segment.data.size());
        for (const WireOption &option : wireOptions(segment))
            wire.optionKinds.push_back(option.kind);
        wire.windowScale = segment.windowScale;
        segments.push_back(wire);
    }
    return segments;
}

QString kinds(const std::vector<std::uint8_t> &kinds)
{
    QStringList names;
    for (std::uint8_t kind : kinds)
        names << QString::fromLatin1(optionKindName(kind).data());
    return names.join(QLatin1Char(','));
}

// "client SYN seq=0 ack=0 len=0 <MSS,SACK-permitted,...> win=65495": numbers relative to the
// sender's ISN (seq) and the receiver's (ack), as Wireshark shows them.
QStringList describe(const std::vector<Wire> &segments)
{
    std::uint32_t clientIsn = 0;
    std::uint32_t serverIsn = 0;
    std::optional<std::uint8_t> clientScale;
    std::optional<std::uint8_t> serverScale;
    for (const Wire &wire : segments) {
        if ((wire.flags & Syn) != 0) {
            (wire.fromClient ? clientIsn : serverIsn) = wire.seq;
            (wire.fromClient ? clientScale : serverScale) = wire.windowScale;
        }
    }
    // RFC 7323 §2.2: windows are scaled only when both SYNs carried the option; the kernel's
    // shift follows this machine's tcp_rmem, the profile's is 7, the bytes are what must agree.
    const bool scaled = clientScale && serverScale;
    QStringList lines;
    for (const Wire &wire : segments) {
        const std::uint32_t ownIsn = wire.fromClient ? clientIsn : serverIsn;
        const std::uint32_t peerIsn = wire.fromClient ? serverIsn : clientIsn;
        // A RST from a port with no socket has no ISN of its own: its seq is absolute (0).
        const bool stateless = (wire.flags & Rst) != 0 && !wire.fromClient && serverIsn == 0;
        QString line = QStringLiteral("%1 %2 seq=%3")
                           .arg(wire.fromClient ? QStringLiteral("client") : QStringLiteral("server"),
                                QString::fromStdString(flagsToString(wire.flags)))
                           .arg(stateless ? wire.seq : wire.seq - ownIsn);
        if ((wire.flags & Ack) != 0)
            line += QStringLiteral(" ack=%1").arg(wire.ack - peerIsn);
        line += QStringLiteral(" len=%1 <%2>").arg(wire.length).arg(kinds(wire.optionKinds));
        if ((wire.flags & Syn) != 0) {
            line += QStringLiteral(" win=%1").arg(wire.window);
        } else if ((wire.flags & Rst) != 0) {
            const std::uint8_t shift = scaled ? *(wire.fromClient ? clientScale : serverScale) : 0;
            line += QStringLiteral(" window %1 bytes").arg(quint64(wire.window) << shift);
        }
        lines << line;
    }
    return lines;
}

const char *const handshakeScript = R"(# profile: linux
client isn 100
server isn 300
server listen
client connect
settle
server accept
)";

} // namespace

using KernelCalls = std::function<void(Sockets &)>;
Q_DECLARE_METATYPE(KernelCalls)

class TestLinuxCapture : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void kernelAndModel_agree_data();
    void kernelAndModel_agree();

private:
    bool m_canCapture = false;
};

void TestLinuxCapture::initTestCase()
{
    LoopbackCapture probe;
    m_canCapture = probe.open();
}

void TestLinuxCapture::kernelAndModel_agree_data()
{
    QTest::addColumn<KernelCalls>("kernel");
    QTest::addColumn<QString>("script");
    QTest::addColumn<bool>("listens"); // false: connect to a port nobody listens on

    // Connection refused: the kernel's own RST,ACK, without options and with a zero window.
    QTest::newRow("connection refused") << KernelCalls([](Sockets &) {})
                                        << QStringLiteral("# profile: linux\nclient isn 100\nclient connect\nsettle\n")
                                        << false;

    // The handshake with a chat: quick-ACK mode ACKs data at once on both sides.
    QTest::newRow("handshake and chat") << KernelCalls([](Sockets &s) {
        Sockets::send(s.client, "hi");
        s.awaitSegments(5); // hi, its ACK
        Sockets::receive(s.server);
        Sockets::send(s.server, "Hello, hi");
        s.awaitSegments(7); // the answer, its ACK
        Sockets::receive(s.client);
    }) << QStringLiteral("client send \"hi\"\nsettle\nserver send \"Hello, hi\"\nsettle\n") << true;

    // The client closes first; the server's application waits past the delayed ACK, then
    // closes: FIN, ACK (from the timer), FIN, ACK.
    QTest::newRow("client closes, delayed ACK fires") << KernelCalls([](Sockets &s) {
        ::shutdown(s.client, SHUT_WR);
        s.awaitSegments(5); // the FIN, then the ACK the delayed-ACK timer sends
        Sockets::receive(s.server);
        ::close(s.server);
        s.server = -1;
    }) << QStringLiteral("client close\nsettle\nserver timeout\nsettle\nserver close\nsettle\n") << true;

    // The server closes first: the same, mirrored.
    QTest::newRow("server closes first") << KernelCalls([](Sockets &s) {
        ::close(s.server);
        s.server = -1;
        s.awaitSegments(5); // the FIN, then the delayed ACK
        Sockets::receive(s.client);
        ::shutdown(s.client, SHUT_WR);
    }) << QStringLiteral("server close\nsettle\nclient timeout\nsettle\nclient close\nsettle\n") << true;

    // Half-close, as the half-close-linux lesson: the client stops sending, the FIN's ACK comes
    // from the delayed-ACK timer, the server still sends twice (each ACKed at once), then closes.
    QTest::newRow("half-close") << KernelCalls([](Sockets &s) {
        ::shutdown(s.client, SHUT_WR);
        s.awaitSegments(5); // the FIN, then the delayed ACK
        Sockets::receive(s.server);
        Sockets::send(s.server, "still here");
        s.awaitSegments(7); // still here, its ACK
        Sockets::send(s.server, "bye");
        s.awaitSegments(9); // bye, its ACK
        ::close(s.server);
        s.server = -1;
    }) << QStringLiteral("client close\nsettle\nserver timeout\nsettle\nserver send \"still here\"\nsettle\n"
                         "server send \"bye\"\nsettle\nserver close\nsettle\n") << true;

    // abort(): SO_LINGER {1, 0} and close() send RST,ACK.
    QTest::newRow("abort") << KernelCalls([](Sockets &s) {
        Sockets::send(s.client, "hi");
        s.awaitSegments(5); // hi, its ACK
        Sockets::abort(s.client);
    }) << QStringLiteral("client send \"hi\"\nsettle\nclient abort\nsettle\n") << true;
}

void TestLinuxCapture::kernelAndModel_agree()
{
    QFETCH(KernelCalls, kernel);
    QFETCH(QString, script);
    QFETCH(bool, listens);
    if (!m_canCapture)
        QSKIP("capturing on loopback needs CAP_NET_RAW (run as root, as CI does)");

    const std::string lesson = listens ? handshakeScript + script.toStdString() : script.toStdString();
    const QStringList inTheModel = describe(modelSegments(lesson));

    LoopbackCapture capture;
    QVERIFY(capture.open());
    Sockets sockets;
    if (listens) {
        QVERIFY(sockets.listen());
    } else {
        // A port bound but not listening: nobody accepts there.
        QVERIFY(sockets.listen());
        ::close(sockets.listener);
        sockets.listener = ::socket(AF_INET, SOCK_STREAM, 0);
    }
    capture.setPort(sockets.port);
    sockets.capture = &capture;
    QCOMPARE(sockets.connect(sockets.port), listens);
    if (listens) {
        QVERIFY(sockets.accept());
        sockets.awaitSegments(3); // the handshake
        kernel(sockets);
    }
    // Everything the model sent has arrived (or 3 s passed); a little longer shows any extra.
    sockets.awaitSegments(std::size_t(inTheModel.size()));
    waitMs(50);
    sockets.awaitSegments(0);
    const QStringList onTheWire = describe(sockets.captured);
    if (onTheWire != inTheModel) {
        qWarning("kernel:\n  %s", qPrintable(onTheWire.join(QStringLiteral("\n  "))));
        qWarning("model:\n  %s", qPrintable(inTheModel.join(QStringLiteral("\n  "))));
    }
    QCOMPARE(onTheWire, inTheModel);
}

QTEST_GUILESS_MAIN(TestLinuxCapture)
#include "tst_linuxcapture.moc"
