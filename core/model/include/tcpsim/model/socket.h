// SPDX-License-Identifier: GPL-3.0-or-later
// A socket as a host's process holds it: its descriptor, its addresses, and for a listener its
// two queues (the SYN queue of half-open connections and the accept queue of established ones,
// TCP-FACTS "The listen queues"). Each socket's TCP state lives in its Endpoint.
#pragma once

#include "tcpsim/model/endpoint.h"
#include "tcpsim/model/host.h"

#include <cstdint>
#include <deque>

namespace tcpsim {

using SocketId = std::uint16_t; // 1.. in creation order across the simulation; 0 = none

enum class SocketKind : std::uint8_t {
    Unconnected, // socket() (and maybe bind()) returned; neither listen() nor connect() yet
    Listener,    // listen() made it a listening socket: it stays in LISTEN
    Connection,  // connect()ed, or made by a listener from a SYN
};

// Where a connection made by a listener is.
enum class QueuePlace : std::uint8_t { None, SynQueue, AcceptQueue, Accepted };

struct Socket {
    SocketId id = 0;
    HostId host = serverHost;
    int fd = -1; // -1: no descriptor (still queued, or released)
    SocketKind kind = SocketKind::Unconnected;
    std::uint16_t localPort = 0;
    HostId peer = noHost;
    std::uint16_t peerPort = 0;
    bool reuseAddress = false; // SO_REUSEADDR
    bool closeCalled = false;  // the application called close()
    bool aborted = false;      // the application called abort()
    bool cookie = false;       // made from a SYN cookie's ACK
    // A request dropped while half-open (back to LISTEN, §3.10.7.4): no longer anyone's socket.
    bool gone = false;
    // recv() has returned this many of the received bytes (the rest wait in the receive
    // buffer), and its 0 at the end of the stream: a server program's recv(), or the scripted
    // application's at arrival (at accept() for what waited in the listen queues).
    std::size_t bytesRead = 0;
    bool endOfStreamRead = false;

    // Listener.
    int backlog = 0; // after the somaxconn cap
    std::deque<SocketId> synQueue;
    std::deque<SocketId> acceptQueue;
    int blockedAccepts = 0; // accept() calls waiting for a connection

    // Connection made by a listener.
    SocketId listener = 0;
    QueuePlace place = QueuePlace::None;

    Endpoint endpoint;
};

// Linux's /proc/net/netstat TcpExt counters the listen queues raise.
struct ListenCounters {
    std::uint64_t listenOverflows = 0; // LINUX_MIB_LISTENOVERFLOWS: accept queue full
    std::uint64_t listenDrops = 0;     // LINUX_MIB_LISTENDROPS: every SYN or ACK a listener dropped
    std::uint64_t synCookiesSent = 0;  // LINUX_MIB_SYNCOOKIESSENT
};

} // namespace tcpsim
