// SPDX-License-Identifier: GPL-3.0-or-later
// The Linux kernel's TCP socket table: what `ss` shows. Looked up through NETLINK_SOCK_DIAG,
// falling back to /proc/net/tcp and /proc/net/tcp6. The parsing is in pure functions so the
// tests can feed them recorded lines.
#pragma once

#include "tcpsim/model/state.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QByteArrayView>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QMetaType>
#include <QString>

#include <memory>
#include <optional>

namespace tcpsim::live {

// One end of a connection as seen from one socket: local and remote address and port.
struct FourTuple {
    QHostAddress localAddress;
    quint16 localPort = 0;
    QHostAddress remoteAddress;
    quint16 remotePort = 0;

    bool isValid() const { return localPort != 0; }
    // The same connection seen from the other end.
    FourTuple reversed() const { return {remoteAddress, remotePort, localAddress, localPort}; }
    // "127.0.0.1:40000 -> 127.0.0.1:3267"
    QString toString() const;
    friend bool operator==(const FourTuple &a, const FourTuple &b);
    friend bool operator!=(const FourTuple &a, const FourTuple &b) { return !(a == b); }
};
size_t qHash(const FourTuple &tuple, size_t seed = 0);

// "127.0.0.1:3267", "[::1]:3267"
QString formatEndpoint(const QHostAddress &address, quint16 port);

// Kernel timer kinds of /proc/net/tcp's `tr` column.
enum class KernelTimer : quint8 {
    None = 0,
    Retransmit = 1,   // also the zero-window probe and the SYN,ACK retransmission
    KeepAlive = 2,
    TimeWait = 3,
    Probe = 4,
};

// What the kernel's tcp_info says about one full socket (INET_DIAG_INFO on an exact look-up;
// no privilege needed). Request sockets (SYN-RECV) and TIME-WAIT entries have none.
struct KernelTcpInfo {
    Q_DECLARE_TR_FUNCTIONS(KernelTcpInfo)
public:
    // tcpi_options bits (include/uapi/linux/tcp.h TCPI_OPT_*): what the handshake negotiated.
    enum Option : quint8 { Timestamps = 1, Sack = 2, WindowScale = 4, Ecn = 8 };
    quint8 options = 0;
    quint8 sendWindowScale = 0;    // tcpi_snd_wscale: the peer's shift, applied to its windows
    quint8 receiveWindowScale = 0; // tcpi_rcv_wscale: ours
    quint32 sendMss = 0;           // tcpi_snd_mss: largest payload this socket sends
    quint32 receiveMss = 0;        // tcpi_rcv_mss: the kernel's guess of the peer's
    quint32 advertisedMss = 0;     // tcpi_advmss: what our SYN announced (after options)
    quint32 rtoMs = 0;             // tcpi_rto (µs in the kernel)
    quint32 delayedAckMs = 0;      // tcpi_ato: the delayed-ACK timeout (µs in the kernel)
    quint32 retransmits = 0;       // tcpi_retransmits: of the segment now being retried
    quint32 totalRetransmissions = 0;
    quint32 unacked = 0;           // LISTEN: the accept queue's length
    quint32 sacked = 0;            // LISTEN: the backlog

    bool has(Option option) const { return (options & option) != 0; }
    // "MSS 32741 · SACK · timestamps · window scale 7/7 · RTO 200 ms · delayed ACK 40 ms"
    QString summary() const;
    friend bool operator==(const KernelTcpInfo &, const KernelTcpInfo &) = default;
};

// One row of the kernel's table.
struct KernelSocket {
    FourTuple tuple;
    int stateCode = 0;           // Linux tcp_states.h code, 1..12
    quint32 txQueue = 0;         // bytes not yet acknowledged; LISTEN (netlink): the backlog
    quint32 rxQueue = 0;         // bytes not yet read; LISTEN: the accept queue's length
    KernelTimer timer = KernelTimer::None;
    quint32 timerExpiresMs = 0;  // time left on that timer
    quint32 retransmits = 0;
    quint32 uid = 0;
    quint64 inode = 0;           // 0: no socket file, i.e. no descriptor (TIME-WAIT, SYN-RECV)
    std::optional<KernelTcpInfo> info = std::nullopt; // exact look-ups of full sockets only

    // The RFC 9293 state of this row; nullopt for a code the model does not know.
    std::optional<TcpState> state() const;
    // "ESTABLISHED", "SYN-RECEIVED", ... (RFC spelling); NEW_SYN_RECV=12 reads SYN-RECEIVED.
    QString stateText() const;
    bool isListening() const { return stateCode == linuxStateCode(TcpState::Listen); }
};

// Linux tcp_states.h codes the code needs by name, from the model's one table.
namespace linuxcode {
inline constexpr int Established = linuxStateCode(TcpState::Established);
inline constexpr int SynSent = linuxStateCode(TcpState::SynSent);
inline constexpr int SynRecv = linuxStateCode(TcpState::SynReceived);
inline constexpr int FinWait1 = linuxStateCode(TcpState::FinWait1);
inline constexpr int FinWait2 = linuxStateCode(TcpState::FinWait2);
inline constexpr int TimeWait = linuxStateCode(TcpState::TimeWait);
inline constexpr int Close = linuxStateCode(TcpState::Closed);
inline constexpr int CloseWait = linuxStateCode(TcpState::CloseWait);
inline constexpr int LastAck = linuxStateCode(TcpState::LastAck);
inline constexpr int Listen = linuxStateCode(TcpState::Listen);
inline constexpr int Closing = linuxStateCode(TcpState::Closing);
inline constexpr int NewSynRecv = linuxNewSynRecvCode;
} // namespace linuxcode

// The RFC spelling of a Linux state code (12, the kernel's request socket, is SYN-RECEIVED).
QString kernelStateText(int linuxCode);

// "0100007F" (IPv4, as the kernel prints it on this machine) or 32 hex digits (IPv6).
std::optional<QHostAddress> parseProcAddress(QByteArrayView hex);
// One data line of /proc/net/tcp or /proc/net/tcp6; nullopt for the header or a malformed line.
std::optional<KernelSocket> parseProcNetTcpLine(QByteArrayView line);
// A whole file (the header line is skipped).
QList<KernelSocket> parseProcNetTcp(QByteArrayView content);

// The TcpExt counters of /proc/net/netstat (a line of names, then a line of values), by name:
// ListenOverflows, ListenDrops, ... Empty when the file has no such pair of lines.
QHash<QString, quint64> parseTcpExtCounters(QByteArrayView content);
// This machine's TcpExt counters now (Linux; empty elsewhere or when unreadable).
QHash<QString, quint64> readTcpExtCounters();

#ifdef Q_OS_LINUX
// One `struct inet_diag_msg` with its attributes (the payload of a SOCK_DIAG_BY_FAMILY reply);
// an INET_DIAG_INFO attribute (struct tcp_info, any length an older or newer kernel sends) fills
// KernelSocket::info.
std::optional<KernelSocket> parseInetDiagMessage(const void *data, size_t length);
#endif

class NetlinkDiag;

// Reads the kernel's table: one socket by its 4-tuple, the sockets of some ports, or all of it.
// One netlink socket, opened at the first use and kept.
class KernelTable
{
public:
    enum class Backend { Netlink, ProcNet, Unavailable };

    KernelTable();
    ~KernelTable();
    KernelTable(const KernelTable &) = delete;
    KernelTable &operator=(const KernelTable &) = delete;

    // Netlink if it works, else /proc/net/tcp{,6}, else (non-Linux) unavailable. The first
    // call decides (it opens the netlink socket).
    Backend backend() const;
    QString backendName() const;
    // Every TCP socket of this network namespace, IPv4 and IPv6. Empty when unavailable.
    QList<KernelSocket> read();
    // The sockets whose local or remote port is one of these: a dump filtered in the kernel
    // (netlink), or the whole /proc table filtered here.
    // Each family is one walk of the kernel's whole connection hash: IPv4Only halves the cost
    // when every socket of interest is IPv4.
    enum class Families { Both, IPv4Only };
    QList<KernelSocket> readPorts(const QList<quint16> &ports, Families families = Families::Both);

    enum class Lookup { Found, NotFound, Unsupported };
    // The socket with exactly this 4-tuple (a listener: its local address and port, remote
    // port 0): netlink's exact look-up, microseconds whatever the table's size. Unsupported
    // with the /proc backend (read the table instead).
    Lookup lookup(const FourTuple &tuple, KernelSocket *socket);

    // Force a backend (tests: compare both).
    void setBackend(Backend backend);

    static bool isSupportedSystem();

private:
    mutable std::optional<Backend> m_backend;
    mutable std::unique_ptr<NetlinkDiag> m_netlink;
};

// States the kernel passes through between two samples on its usual path, when the sampling
// missed them (previous and next are Linux codes, 0 = no row). Used to log inferred states:
// ESTABLISHED -> FIN-WAIT-2 missed FIN-WAIT-1; CLOSE-WAIT -> gone missed LAST-ACK.
QList<int> missedKernelStates(int previousCode, int nextCode, bool activeOpen);

} // namespace tcpsim::live

Q_DECLARE_METATYPE(tcpsim::live::FourTuple)
Q_DECLARE_METATYPE(tcpsim::live::KernelSocket)
