// SPDX-License-Identifier: GPL-3.0-or-later
#include "netlinkdiag.h"

#include <QtEndian>

#include <cerrno>
#include <cstring>

#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

namespace tcpsim::live {

namespace {

// A dump's replies come in skbs of up to 32 KiB; the kernel sizes them after our receive buffer.
constexpr size_t receiveBufferSize = 65536;

// Every row comes with its tcp_info (options, MSS, window scales, RTO, delayed-ACK timeout),
// whichever request found it first: ~230 bytes more a socket, and dumps are port-filtered.
constexpr quint8 tcpInfoExtension = 1 << (INET_DIAG_INFO - 1);

struct DiagRequest {
    nlmsghdr header;
    inet_diag_req_v2 request;
};

void fillAddress(const QHostAddress &address, int family, __be32 words[4])
{
    if (family == AF_INET) {
        const quint32 networkOrder = qToBigEndian(address.toIPv4Address());
        std::memcpy(&words[0], &networkOrder, 4);
        return;
    }
    const Q_IPV6ADDR bytes = address.toIPv6Address();
    std::memcpy(words, bytes.c, 16);
}

// The family a tuple's sockets have: an IPv4 address (or no address, for a listener's remote
// end) is AF_INET.
int familyOf(const FourTuple &tuple)
{
    return tuple.localAddress.protocol() == QAbstractSocket::IPv6Protocol ? AF_INET6 : AF_INET;
}

void appendOp(QByteArray *code, quint8 op, quint8 yes, quint16 no)
{
    inet_diag_bc_op instruction{op, yes, no};
    code->append(reinterpret_cast<const char *>(&instruction), sizeof instruction);
}

} // namespace

QByteArray inetDiagPortFilter(const QList<quint16> &ports)
{
    // The kernel audits bytecode by following the "yes" jumps, so every "yes" goes to the next
    // instruction and the decisions are "no" jumps (as ss builds it). One block per condition:
    //   GE port (no: next block) ; LE port (no: next block) ; JMP to the end = accept.
    // The last block's "no" jumps to len + 4: reject.
    struct Condition {
        quint8 greaterOrEqual;
        quint8 lessOrEqual;
        quint16 port;
    };
    QList<Condition> conditions;
    for (quint16 port : ports) {
        conditions.append({INET_DIAG_BC_S_GE, INET_DIAG_BC_S_LE, port});
        conditions.append({INET_DIAG_BC_D_GE, INET_DIAG_BC_D_LE, port});
    }
    constexpr int opSize = int(sizeof(inet_diag_bc_op));
    constexpr int blockSize = 2 * (2 * opSize) + opSize;
    const int length = int(conditions.size()) * blockSize;
    QByteArray code;
    code.reserve(length);
    for (qsizetype i = 0; i < conditions.size(); ++i) {
        const int base = int(i) * blockSize;
        const bool last = i + 1 == conditions.size();
        const int failTarget = last ? length + 4 : base + blockSize;
        appendOp(&code, conditions[i].greaterOrEqual, 2 * opSize, quint16(failTarget - base));
        appendOp(&code, 0, 0, conditions[i].port);
        appendOp(&code, conditions[i].lessOrEqual, 2 * opSize, quint16(failTarget - base - 2 * opSize));
        appendOp(&code, 0, 0, conditions[i].port);
        const int jump = base + 4 * opSize;
        appendOp(&code, INET_DIAG_BC_JMP, opSize, quint16(length - jump));
    }
    return code;
}

NetlinkDiag::~NetlinkDiag()
{
    close();
}

void NetlinkDiag::close()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
}

template<typename Handler>
bool NetlinkDiag::receiveReplies(char *buffer, size_t size, Handler &&handle)
{
    for (;;) {
        const ssize_t received = ::recv(m_fd, buffer, size, 0);
        if (received < 0 && errno == EINTR)
            continue;
        if (received <= 0)
            return false;
        int remaining = int(received);
        for (auto *header = reinterpret_cast<nlmsghdr *>(buffer); NLMSG_OK(header, remaining);
             header = NLMSG_NEXT(header, remaining)) {
            if (header->nlmsg_seq != m_sequence)
                continue; // a late answer to an earlier request
            if (handle(*header) == Reply::Last)
                return true;
        }
    }
}

bool NetlinkDiag::open()
{
    if (m_fd >= 0)
        return true;
    m_fd = ::socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
    if (m_fd < 0)
        return false;
    timeval timeout{1, 0}; // a stuck kernel must not freeze the GUI
    ::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    // A dump of no state walks nothing but proves that TCP's sock_diag handler is there.
    DiagRequest probe{};
    probe.header.nlmsg_len = sizeof probe;
    probe.header.nlmsg_type = SOCK_DIAG_BY_FAMILY;
    probe.header.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    probe.header.nlmsg_seq = ++m_sequence;
    probe.request.sdiag_family = AF_INET;
    probe.request.sdiag_protocol = IPPROTO_TCP;
    probe.request.idiag_states = 0;
    alignas(nlmsghdr) char buffer[4096];
    bool answered = false;
    const bool received = sendRequest(&probe, sizeof probe)
        && receiveReplies(buffer, sizeof buffer, [&answered](const nlmsghdr &header) {
               answered = header.nlmsg_type == NLMSG_DONE;
               return header.nlmsg_type == NLMSG_DONE || header.nlmsg_type == NLMSG_ERROR ? Reply::Last
                                                                                          : Reply::More;
           });
    if (!received || !answered) {
        close();
        return false;
    }
    return true;
}

bool NetlinkDiag::sendRequest(const void *message, size_t length)
{
    sockaddr_nl kernel{};
    kernel.nl_family = AF_NETLINK;
    for (;;) {
        if (::sendto(m_fd, message, length, 0, reinterpret_cast<sockaddr *>(&kernel), sizeof kernel) >= 0)
            return true;
        if (errno != EINTR)
            return false;
    }
}

NetlinkDiag::Lookup NetlinkDiag::lookup(const FourTuple &tuple, KernelSocket *socket)
{
    if (m_fd < 0)
        return Lookup::Failed;
    const int family = familyOf(tuple);
    DiagRequest message{};
    message.header.nlmsg_len = sizeof message;
    message.header.nlmsg_type = SOCK_DIAG_BY_FAMILY;
    message.header.nlmsg_flags = NLM_F_REQUEST; // no NLM_F_DUMP: inet_diag_cmd_exact()
    message.header.nlmsg_seq = ++m_sequence;
    message.request.sdiag_family = quint8(family);
    message.request.sdiag_protocol = IPPROTO_TCP;
    message.request.idiag_states = ~0u;
    message.request.idiag_ext = tcpInfoExtension;
    message.request.id.idiag_sport = qToBigEndian(tuple.localPort);
    message.request.id.idiag_dport = qToBigEndian(tuple.remotePort);
    fillAddress(tuple.localAddress, family, message.request.id.idiag_src);
    if (!tuple.remoteAddress.isNull())
        fillAddress(tuple.remoteAddress, family, message.request.id.idiag_dst);
    message.request.id.idiag_cookie[0] = INET_DIAG_NOCOOKIE;
    message.request.id.idiag_cookie[1] = INET_DIAG_NOCOOKIE;
    if (!sendRequest(&message, sizeof message))
        return Lookup::Failed;

    alignas(nlmsghdr) char buffer[4096];
    Lookup result = Lookup::Failed;
    const auto handle = [&](const nlmsghdr &header) {
        if (header.nlmsg_type == NLMSG_ERROR) {
            const auto *error = static_cast<const nlmsgerr *>(NLMSG_DATA(&header));
            result = error->error == -ENOENT ? Lookup::NotFound : Lookup::Failed;
            return Reply::Last;
        }
        if (header.nlmsg_type != SOCK_DIAG_BY_FAMILY)
            return Reply::More;
        const auto found = parseInetDiagMessage(NLMSG_DATA(&header), size_t(header.nlmsg_len - NLMSG_HDRLEN));
        // The kernel looks up established sockets first, then listeners: a connection that
        // is gone is answered with its listener. Only the exact 4-tuple counts.
        if (!found || found->tuple != tuple) {
            result = Lookup::NotFound;
        } else {
            *socket = *found;
            result = Lookup::Found;
        }
        return Reply::Last;
    };
    if (!receiveReplies(buffer, sizeof buffer, handle))
        return Lookup::Failed;
    return result;
}

bool NetlinkDiag::dump(int family, const QList<quint16> &ports, QList<KernelSocket> *sockets)
{
    if (m_fd < 0)
        return false;
    const QByteArray filter = inetDiagPortFilter(ports);
    const size_t attributeLength = filter.isEmpty() ? 0 : NLA_HDRLEN + size_t(filter.size());
    QByteArray message(qsizetype(NLMSG_ALIGN(sizeof(DiagRequest)) + NLA_ALIGN(attributeLength)), '\0');
    auto *request = reinterpret_cast<DiagRequest *>(message.data());
    request->header.nlmsg_len = quint32(message.size());
    request->header.nlmsg_type = SOCK_DIAG_BY_FAMILY;
    request->header.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    request->header.nlmsg_seq = ++m_sequence;
    request->request.sdiag_family = quint8(family);
    request->request.sdiag_protocol = IPPROTO_TCP;
    request->request.idiag_states = ~0u; // every state, SYN-RECV request sockets and TIME-WAIT too
    request->request.idiag_ext = tcpInfoExtension;
    if (attributeLength != 0) {
        nlattr attribute{quint16(attributeLength), INET_DIAG_REQ_BYTECODE};
        char *at = message.data() + NLMSG_ALIGN(sizeof(DiagRequest));
        std::memcpy(at, &attribute, sizeof attribute);
        std::memcpy(at + NLA_HDRLEN, filter.constData(), size_t(filter.size()));
    }
    if (!sendRequest(message.constData(), size_t(message.size())))
        return false;

    alignas(nlmsghdr) static thread_local char buffer[receiveBufferSize];
    bool complete = false;
    const auto handle = [&](const nlmsghdr &header) {
        if (header.nlmsg_type == NLMSG_DONE || header.nlmsg_type == NLMSG_ERROR) {
            complete = header.nlmsg_type == NLMSG_DONE;
            return Reply::Last;
        }
        if (header.nlmsg_type == SOCK_DIAG_BY_FAMILY) {
            if (auto socket = parseInetDiagMessage(NLMSG_DATA(&header), size_t(header.nlmsg_len - NLMSG_HDRLEN)))
                sockets->append(*socket);
        }
        return Reply::More;
    };
    return receiveReplies(buffer, sizeof buffer, handle) && complete;
}

} // namespace tcpsim::live
