// SPDX-License-Identifier: GPL-3.0-or-later
// What the window's Sockets view shows after a step, read from the model (issue 12 §2, §3): the
// listener's SYN queue and accept queue slot by slot, what the queues refused in this step, the
// Linux counters, and each process's descriptor table. A value built from the Simulation and the
// step's events; no TCP decision is made here, only read.
#pragma once

#include "tcpsim/model/scriptparser.h"
#include "tcpsim/model/simulation.h"

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

class LessonController;

struct SocketsSnapshot {
    // A connection in one of the listener's queues.
    struct QueueSlot {
        tcpsim::SocketId socket = 0;
        tcpsim::HostId client = tcpsim::noHost; // its peer: client, client2, ...
        tcpsim::TcpState state = tcpsim::TcpState::Closed;
        // Bytes received but not yet returned by a recv() (only when a server program reads
        // for itself: `server run`); a queued connection's data waits so until accept().
        std::size_t unread = 0;
    };
    // What a queue refused in this step (a segment dropped or ignored, or a cookie instead of
    // an entry), with the client whose segment it was.
    struct Refusal {
        tcpsim::Rule rule = tcpsim::Rule::None; // AcceptQueueSynDropped, AcceptQueueAckIgnored, ...
        tcpsim::HostId client = tcpsim::noHost;
        bool acceptQueueFull() const; // else the SYN queue was
    };
    struct Listener {
        tcpsim::SocketId socket = 0;
        int fd = -1;
        std::uint16_t port = 0;
        int backlog = 0;             // after the somaxconn cap
        int synCapacity = 0;         // the SYN queue counts as full at the backlog (Linux >= 4.4)
        int acceptCapacity = 0;      // backlog N holds N + 1
        std::vector<QueueSlot> synQueue;    // oldest first
        std::vector<QueueSlot> acceptQueue; // oldest first: the next accept() takes [0]
        int blockedAccepts = 0;             // accept() calls waiting
    };
    // One descriptor of a process: 0, 1, 2 are the standard streams.
    struct Descriptor {
        enum class Kind : std::uint8_t { StandardStream, Listener, Connection, Unconnected };
        int fd = 0;
        Kind kind = Kind::StandardStream;
        tcpsim::SocketId socket = 0;
        std::uint16_t localPort = 0;
        tcpsim::HostId peer = tcpsim::noHost;
        std::uint16_t peerPort = 0;
        tcpsim::TcpState state = tcpsim::TcpState::Closed;
        std::size_t unread = 0; // as QueueSlot::unread
        bool changed = false; // this step's events touched its socket
    };
    struct Process {
        tcpsim::HostId host = tcpsim::serverHost;
        std::vector<Descriptor> descriptors; // by number
    };

    std::optional<Listener> listener;    // the server's listening socket, if it has one
    std::vector<Refusal> refusals;       // this step's
    tcpsim::ListenCounters counters;     // the server host's
    int somaxconn = 0;
    std::vector<Process> processes;      // the server, then each client host that has a socket
    std::vector<tcpsim::SocketId> changedSockets; // touched by this step's events

    // `stepEvents`: the events of the step just run (empty at step 0).
    static SocketsSnapshot build(const tcpsim::Simulation &simulation, std::span<const tcpsim::Event> stepEvents);
    // The controller's current step.
    static SocketsSnapshot of(const LessonController &controller);

    const Descriptor *descriptor(tcpsim::HostId host, int fd) const;
    const Process *process(tcpsim::HostId host) const;
    bool changed(tcpsim::SocketId socket) const;
};

// A socket's state for the state diagram: where it is and the state it came from last.
struct SocketStateNow {
    tcpsim::Side side = tcpsim::Side::Client;
    tcpsim::TcpState state = tcpsim::TcpState::Closed;
    std::optional<tcpsim::TcpState> cameFrom;
};
// nullopt when the simulation has no such socket.
std::optional<SocketStateNow> socketStateNow(const tcpsim::Simulation &simulation, tcpsim::SocketId socket);

// The lesson is about many sockets: more than one client, or a listener whose queues it watches.
bool lessonShowsSockets(const tcpsim::Lesson &lesson);
