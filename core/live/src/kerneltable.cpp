// SPDX-License-Identifier: GPL-3.0-or-later
#include "tcpsim/live/kerneltable.h"

#ifdef Q_OS_LINUX
#include "netlinkdiag.h"
#endif

#include <QFile>
#include <QHash>
#include <QStringList>
#include <QtEndian>

#include <algorithm>
#include <array>
#include <cstring>

#ifdef Q_OS_LINUX
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <linux/rtnetlink.h>
#include <linux/tcp.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>
#endif

namespace tcpsim::live {

QString formatEndpoint(const QHostAddress &address, quint16 port)
{
    if (address.protocol() == QAbstractSocket::IPv6Protocol)
        return QStringLiteral("[%1]:%2").arg(address.toString()).arg(port);
    return QStringLiteral("%1:%2").arg(address.toString()).arg(port);
}

QString FourTuple::toString() const
{
    if (remotePort == 0) // a listening socket has no remote end
        return formatEndpoint(localAddress, localPort);
    return formatEndpoint(localAddress, localPort) + QStringLiteral(" -> ")
        + formatEndpoint(remoteAddress, remotePort);
}

bool operator==(const FourTuple &a, const FourTuple &b)
{
    return a.localPort == b.localPort && a.remotePort == b.remotePort
        && a.localAddress.isEqual(b.localAddress, QHostAddress::TolerantConversion)
        && a.remoteAddress.isEqual(b.remoteAddress, QHostAddress::TolerantConversion);
}

size_t qHash(const FourTuple &tuple, size_t seed)
{
    // Addresses are left out so that ::ffff:127.0.0.1 and 127.0.0.1 hash alike (operator== is
    // tolerant); ports alone spread well enough on one machine.
    return ::qHash((quint32(tuple.localPort) << 16) | tuple.remotePort, seed);
}

std::optional<TcpState> KernelSocket::state() const
{
    return stateFromLinuxCode(stateCode);
}

QString kernelStateText(int linuxCode)
{
    if (const auto state = stateFromLinuxCode(linuxCode)) {
        const std::string_view name = stateName(*state);
        return QString::fromLatin1(name.data(), qsizetype(name.size()));
    }
    return QStringLiteral("UNKNOWN(%1)").arg(linuxCode);
}

QString KernelSocket::stateText() const
{
    return kernelStateText(stateCode);
}

// --- /proc/net/tcp ------------------------------------------------------------------------

namespace {

std::optional<quint64> parseHex(QByteArrayView text)
{
    if (text.isEmpty() || text.size() > 16)
        return std::nullopt;
    quint64 value = 0;
    for (char c : text) {
        int digit;
        if (c >= '0' && c <= '9')
            digit = c - '0';
        else if (c >= 'a' && c <= 'f')
            digit = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            digit = c - 'A' + 10;
        else
            return std::nullopt;
        value = (value << 4) | quint64(digit);
    }
    return value;
}

std::optional<quint64> parseDecimal(QByteArrayView text)
{
    if (text.isEmpty() || text.size() > 19)
        return std::nullopt;
    quint64 value = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
        value = value * 10 + quint64(c - '0');
    }
    return value;
}

// "ADDR:PORT"
bool parseProcEndpoint(QByteArrayView field, QHostAddress *address, quint16 *port)
{
    const qsizetype colon = field.indexOf(':');
    if (colon < 0)
        return false;
    const auto parsedAddress = parseProcAddress(field.first(colon));
    const auto parsedPort = parseHex(field.sliced(colon + 1));
    if (!parsedAddress || !parsedPort || *parsedPort > 0xffff || field.size() - colon - 1 != 4)
        return false;
    *address = *parsedAddress;
    *port = quint16(*parsedPort);
    return true;
}

// "HEX:HEX"
bool parseHexPair(QByteArrayView field, quint64 *first, quint64 *second)
{
    const qsizetype colon = field.indexOf(':');
    if (colon < 0)
        return false;
    const auto a = parseHex(field.first(colon));
    const auto b = parseHex(field.sliced(colon + 1));
    if (!a || !b)
        return false;
    *first = *a;
    *second = *b;
    return true;
}

QList<QByteArrayView> splitFields(QByteArrayView line)
{
    QList<QByteArrayView> fields;
    qsizetype i = 0;
    const qsizetype n = line.size();
    while (i < n) {
        while (i < n && (line[i] == ' ' || line[i] == '\t'))
            ++i;
        const qsizetype start = i;
        while (i < n && line[i] != ' ' && line[i] != '\t' && line[i] != '\n' && line[i] != '\r')
            ++i;
        if (i > start)
            fields.append(line.sliced(start, i - start));
        if (i < n && (line[i] == '\n' || line[i] == '\r'))
            break;
    }
    return fields;
}

} // namespace

std::optional<QHostAddress> parseProcAddress(QByteArrayView hex)
{
    // The kernel prints each 32-bit word of the address as a number in host byte order
    // (%08X of the in-memory word), so the bytes come back by storing the number natively.
    if (hex.size() != 8 && hex.size() != 32)
        return std::nullopt;
    std::array<quint8, 16> bytes{};
    const int words = int(hex.size() / 8);
    for (int w = 0; w < words; ++w) {
        const auto word = parseHex(hex.sliced(w * 8, 8));
        if (!word)
            return std::nullopt;
        const quint32 value = quint32(*word);
        std::memcpy(bytes.data() + w * 4, &value, 4);
    }
    if (words == 1) {
        quint32 networkOrder;
        std::memcpy(&networkOrder, bytes.data(), 4);
        return QHostAddress(qFromBigEndian(networkOrder));
    }
    return QHostAddress(bytes.data());
}

std::optional<KernelSocket> parseProcNetTcpLine(QByteArrayView line)
{
    // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
    const QList<QByteArrayView> fields = splitFields(line);
    if (fields.size() < 10 || !fields[0].endsWith(':'))
        return std::nullopt;
    if (!parseDecimal(fields[0].chopped(1)))
        return std::nullopt;

    KernelSocket socket;
    if (!parseProcEndpoint(fields[1], &socket.tuple.localAddress, &socket.tuple.localPort)
        || !parseProcEndpoint(fields[2], &socket.tuple.remoteAddress, &socket.tuple.remotePort)) {
        return std::nullopt;
    }
    const auto state = parseHex(fields[3]);
    if (!state || *state == 0 || *state > 12)
        return std::nullopt;
    socket.stateCode = int(*state);

    quint64 tx = 0, rx = 0, timer = 0, when = 0;
    if (!parseHexPair(fields[4], &tx, &rx) || !parseHexPair(fields[5], &timer, &when))
        return std::nullopt;
    socket.txQueue = quint32(tx);
    socket.rxQueue = quint32(rx);
    socket.timer = timer <= 4 ? KernelTimer(timer) : KernelTimer::None;
    // tm->when is in clock ticks (USER_HZ = 100 on Linux): centiseconds.
    socket.timerExpiresMs = quint32(qMin<quint64>(when * 10, 0xffffffffu));

    const auto retransmits = parseHex(fields[6]);
    const auto uid = parseDecimal(fields[7]);
    const auto inode = parseDecimal(fields[9]);
    if (!retransmits || !uid || !inode)
        return std::nullopt;
    socket.retransmits = quint32(*retransmits);
    socket.uid = quint32(*uid);
    socket.inode = *inode;
    return socket;
}

QHash<QString, quint64> parseTcpExtCounters(QByteArrayView content)
{
    QHash<QString, quint64> counters;
    const QList<QByteArray> lines = content.toByteArray().split('\n');
    for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
        if (!lines[i].startsWith("TcpExt:") || !lines[i + 1].startsWith("TcpExt:"))
            continue;
        const QList<QByteArray> names = lines[i].simplified().split(' ');
        const QList<QByteArray> values = lines[i + 1].simplified().split(' ');
        if (names.size() != values.size())
            return {};
        for (qsizetype j = 1; j < names.size(); ++j) {
            bool ok = false;
            const quint64 value = values[j].toULongLong(&ok);
            if (ok)
                counters.insert(QString::fromLatin1(names[j]), value);
        }
        break;
    }
    return counters;
}

QHash<QString, quint64> readTcpExtCounters()
{
    QFile file(QStringLiteral("/proc/net/netstat"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return parseTcpExtCounters(file.readAll()); // a few KiB
}

QList<KernelSocket> parseProcNetTcp(QByteArrayView content)
{
    QList<KernelSocket> sockets;
    qsizetype start = 0;
    while (start < content.size()) {
        qsizetype end = content.indexOf('\n', start);
        if (end < 0)
            end = content.size();
        if (auto socket = parseProcNetTcpLine(content.sliced(start, end - start)))
            sockets.append(*socket);
        start = end + 1;
    }
    return sockets;
}

// --- netlink --------------------------------------------------------------------------------

#ifdef Q_OS_LINUX

namespace {

QHostAddress addressFromDiag(quint8 family, const __be32 words[4])
{
    if (family == AF_INET) {
        quint32 networkOrder;
        std::memcpy(&networkOrder, &words[0], 4);
        return QHostAddress(qFromBigEndian(networkOrder));
    }
    quint8 bytes[16];
    std::memcpy(bytes, words, 16);
    return QHostAddress(bytes);
}

// struct tcp_info as the kernel sent it: older kernels send less, newer ones more; the fields
// read here have been there since Linux 2.6.
KernelTcpInfo tcpInfoFrom(const char *payload, size_t length)
{
    tcp_info raw{};
    std::memcpy(&raw, payload, std::min(length, sizeof raw));
    KernelTcpInfo info;
    info.options = raw.tcpi_options;
    info.sendWindowScale = raw.tcpi_snd_wscale;
    info.receiveWindowScale = raw.tcpi_rcv_wscale;
    info.sendMss = raw.tcpi_snd_mss;
    info.receiveMss = raw.tcpi_rcv_mss;
    info.advertisedMss = raw.tcpi_advmss;
    info.rtoMs = raw.tcpi_rto / 1000;
    info.delayedAckMs = raw.tcpi_ato / 1000;
    info.retransmits = raw.tcpi_retransmits;
    info.totalRetransmissions = raw.tcpi_total_retrans;
    info.unacked = raw.tcpi_unacked;
    info.sacked = raw.tcpi_sacked;
    return info;
}

} // namespace

QString KernelTcpInfo::summary() const
{
    QStringList parts;
    parts << tr("MSS %1").arg(sendMss);
    if (has(Sack))
        parts << tr("SACK");
    if (has(Timestamps))
        parts << tr("timestamps");
    if (has(WindowScale))
        parts << tr("window scale %1/%2").arg(sendWindowScale).arg(receiveWindowScale);
    if (has(Ecn))
        parts << tr("ECN");
    parts << tr("RTO %1 ms").arg(rtoMs);
    if (delayedAckMs != 0)
        parts << tr("delayed ACK %1 ms").arg(delayedAckMs);
    return parts.join(QStringLiteral(" · "));
}

std::optional<KernelSocket> parseInetDiagMessage(const void *data, size_t length)
{
    if (data == nullptr || length < sizeof(inet_diag_msg))
        return std::nullopt;
    inet_diag_msg msg;
    std::memcpy(&msg, data, sizeof msg);
    if (msg.idiag_family != AF_INET && msg.idiag_family != AF_INET6)
        return std::nullopt;
    if (msg.idiag_state == 0 || msg.idiag_state > 12)
        return std::nullopt;

    KernelSocket socket;
    socket.tuple.localAddress = addressFromDiag(msg.idiag_family, msg.id.idiag_src);
    socket.tuple.localPort = qFromBigEndian(quint16(msg.id.idiag_sport));
    socket.tuple.remoteAddress = addressFromDiag(msg.idiag_family, msg.id.idiag_dst);
    socket.tuple.remotePort = qFromBigEndian(quint16(msg.id.idiag_dport));
    socket.stateCode = msg.idiag_state;
    socket.rxQueue = msg.idiag_rqueue;
    socket.txQueue = msg.idiag_wqueue;
    socket.timer = msg.idiag_timer <= 4 ? KernelTimer(msg.idiag_timer) : KernelTimer::None;
    socket.timerExpiresMs = msg.idiag_expires;
    socket.retransmits = msg.idiag_retrans;
    socket.uid = msg.idiag_uid;
    socket.inode = msg.idiag_inode;

    // The attributes follow the message, each an rtattr padded to 4 bytes; a malformed one ends
    // the walk (the fields above stay valid).
    const char *bytes = static_cast<const char *>(data);
    for (size_t at = NLMSG_ALIGN(sizeof msg); at + sizeof(rtattr) <= length;) {
        rtattr attribute;
        std::memcpy(&attribute, bytes + at, sizeof attribute);
        if (attribute.rta_len < sizeof attribute || attribute.rta_len > length - at)
            break;
        if (attribute.rta_type == INET_DIAG_INFO)
            socket.info = tcpInfoFrom(bytes + at + RTA_LENGTH(0), attribute.rta_len - RTA_LENGTH(0));
        at += RTA_ALIGN(attribute.rta_len);
    }
    return socket;
}

namespace {

bool readProc(QList<KernelSocket> *out)
{
    bool any = false;
    for (const char *path : {"/proc/net/tcp", "/proc/net/tcp6"}) {
        QFile file(QString::fromLatin1(path));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        any = true;
        // /proc files report size 0: read until EOF, bounded (a table of 64 MiB is absurd).
        QByteArray content;
        while (content.size() < 64 * 1024 * 1024) {
            const QByteArray chunk = file.read(65536);
            if (chunk.isEmpty())
                break;
            content += chunk;
        }
        out->append(parseProcNetTcp(content));
    }
    return any;
}

} // namespace

#endif // Q_OS_LINUX

KernelTable::KernelTable() = default;
KernelTable::~KernelTable() = default;

KernelTable::Backend KernelTable::backend() const
{
    if (!m_backend) {
        // Decided at the first use, never at construction: with the live pair off nothing
        // touches the kernel.
        m_backend = Backend::Unavailable;
#ifdef Q_OS_LINUX
        m_netlink = std::make_unique<NetlinkDiag>();
        if (m_netlink->open())
            m_backend = Backend::Netlink;
        else if (QFile::exists(QStringLiteral("/proc/net/tcp")))
            m_backend = Backend::ProcNet;
#endif
    }
    return *m_backend;
}

void KernelTable::setBackend(Backend backend)
{
    m_backend = backend;
#ifdef Q_OS_LINUX
    if (backend == Backend::Netlink) {
        if (!m_netlink)
            m_netlink = std::make_unique<NetlinkDiag>();
        if (!m_netlink->open())
            m_backend = Backend::Unavailable;
    }
#endif
}

bool KernelTable::isSupportedSystem()
{
#ifdef Q_OS_LINUX
    return true;
#else
    return false;
#endif
}

QString KernelTable::backendName() const
{
    switch (backend()) {
    case Backend::Netlink:
        return QStringLiteral("NETLINK_SOCK_DIAG");
    case Backend::ProcNet:
        return QStringLiteral("/proc/net/tcp");
    case Backend::Unavailable:
        break;
    }
    return QStringLiteral("-");
}

QList<KernelSocket> KernelTable::read()
{
    return readPorts({});
}

QList<KernelSocket> KernelTable::readPorts(const QList<quint16> &ports, Families families)
{
    QList<KernelSocket> sockets;
#ifdef Q_OS_LINUX
    if (backend() == Backend::Netlink) {
        if (m_netlink->dump(AF_INET, ports, &sockets)
            && (families == Families::IPv4Only || m_netlink->dump(AF_INET6, ports, &sockets))) {
            return sockets;
        }
        sockets.clear(); // netlink stopped working: fall back for good
        m_netlink->close();
        m_backend = Backend::ProcNet;
    }
    if (m_backend == Backend::ProcNet && !readProc(&sockets))
        m_backend = Backend::Unavailable;
    if (!ports.isEmpty()) {
        sockets.removeIf([&ports](const KernelSocket &socket) {
            return !ports.contains(socket.tuple.localPort) && !ports.contains(socket.tuple.remotePort);
        });
    }
#else
    Q_UNUSED(ports);
    Q_UNUSED(families);
#endif
    return sockets;
}

KernelTable::Lookup KernelTable::lookup(const FourTuple &tuple, KernelSocket *socket)
{
#ifdef Q_OS_LINUX
    if (backend() == Backend::Netlink) {
        switch (m_netlink->lookup(tuple, socket)) {
        case NetlinkDiag::Lookup::Found:
            return Lookup::Found;
        case NetlinkDiag::Lookup::NotFound:
            return Lookup::NotFound;
        case NetlinkDiag::Lookup::Failed:
            break;
        }
    }
#else
    Q_UNUSED(tuple);
    Q_UNUSED(socket);
#endif
    return Lookup::Unsupported;
}

QList<int> missedKernelStates(int previousCode, int nextCode, bool activeOpen)
{
    using namespace linuxcode;
    if (previousCode == NewSynRecv)
        previousCode = SynRecv;
    if (nextCode == NewSynRecv)
        nextCode = SynRecv;
    if (previousCode == nextCode)
        return {};
    // A row that vanished: only CLOSE-WAIT -> gone has one usual explanation (the LAST-ACK
    // exchange was quicker than a sample); anything else may have been a RST.
    if (nextCode == 0)
        return previousCode == CloseWait ? QList<int>{LastAck} : QList<int>{};

    const int open = activeOpen ? SynSent : SynRecv;
    // Usual paths, the first that holds both states in order wins. 0 = no row yet.
    const QList<QList<int>> paths = {
        {0, open, Established, FinWait1, FinWait2, TimeWait},
        {0, open, Established, CloseWait, LastAck},
        {0, open, Established, FinWait1, Closing, TimeWait},
    };
    for (const QList<int> &path : paths) {
        const qsizetype from = path.indexOf(previousCode);
        const qsizetype to = path.indexOf(nextCode);
        if (from >= 0 && to > from)
            return path.mid(from + 1, to - from - 1);
    }
    return {};
}

} // namespace tcpsim::live
