// SPDX-License-Identifier: GPL-3.0-or-later
// One NETLINK_SOCK_DIAG socket, opened once and kept: exact look-ups of one socket by its
// 4-tuple (what `ss` cannot do, a few microseconds whatever the table's size) and dumps filtered
// in the kernel by port (inet_diag bytecode). Linux only; private to core/live.
#pragma once

#include "tcpsim/live/kerneltable.h"

#include <QList>

namespace tcpsim::live {

class NetlinkDiag
{
public:
    NetlinkDiag() = default;
    ~NetlinkDiag();
    NetlinkDiag(const NetlinkDiag &) = delete;
    NetlinkDiag &operator=(const NetlinkDiag &) = delete;

    // Opens the socket and checks that the kernel answers TCP requests (an empty dump).
    bool open();
    bool isOpen() const { return m_fd >= 0; }
    void close();

    enum class Lookup { Found, NotFound, Failed };
    // The socket with exactly this 4-tuple; a listener is looked up with its local address and
    // port and remote port 0.
    Lookup lookup(const FourTuple &tuple, KernelSocket *socket);
    // Every socket of one address family (AF_INET, AF_INET6) whose local or remote port is one
    // of `ports`, filtered in the kernel; every socket when `ports` is empty. False if netlink
    // failed.
    bool dump(int family, const QList<quint16> &ports, QList<KernelSocket> *sockets);

private:
    bool sendRequest(const void *message, size_t length);
    // Reads the replies to the last request into `buffer`, handing each message of it to
    // `handle` until it answers Last. False on a receive error or the 1 s time-out.
    enum class Reply { More, Last };
    template<typename Handler>
    bool receiveReplies(char *buffer, size_t size, Handler &&handle);

    int m_fd = -1;
    quint32 m_sequence = 0;
};

// The inet_diag bytecode "sport == p || dport == p" for each port, ORed (what
// `ss '( sport = :p or dport = :p )'` sends). Exposed for the tests.
QByteArray inetDiagPortFilter(const QList<quint16> &ports);

} // namespace tcpsim::live
