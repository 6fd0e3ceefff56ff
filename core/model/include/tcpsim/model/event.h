// SPDX-License-Identifier: GPL-3.0-or-later
// What the simulation records: every transition with its cause, every segment sent, delivered
// or dropped, every timer, every user call and what it returned, every RFC error. The lesson
// log, the ladder diagram, the explanations and tcpsim-cli are all built from these records.
#pragma once

#include "tcpsim/model/host.h"
#include "tcpsim/model/rule.h"
#include "tcpsim/model/segment.h"
#include "tcpsim/model/state.h"

#include <cstdint>
#include <optional>
#include <string>

namespace tcpsim {

enum class EventKind : std::uint8_t {
    Call,       // the application made a socket call (listen, connect, accept, send, close, abort)
    Return,     // a call returned to the application: connect() / accept() returning, recv()
                // returning data (text = the data) or 0 (rule EndOfStream)
    Transition, // the endpoint changed state: from -> to
    Send,       // a segment was put on the wire (segment)
    Deliver,    // a segment reached side `side` (segment; segment->from is the sender)
    Drop,       // a segment from `side` was lost in the network (segment)
    Timer,      // a timer of `side` fired (timer)
    Error,      // the RFC answered a user call with an error (rule, text)
    Expect,     // a script `expect` was checked (passed, text = what was expected / got)
    Queue,      // a listener's SYN queue or accept queue changed (synQueue, acceptQueue), or a
                // connection was refused a place in them (rule says which overflow)
};

enum class CauseKind : std::uint8_t { None, UserCall, Segment, Timer };

// Persist: the zero-window probe timer (§3.8.6.1). DelayedAck: the Linux profile's delayed
// ACK (RFC 9293 §3.8.6.3 allows one, MUST-40 bounds it; Linux's TCP_DELACK_MIN is 40 ms).
enum class TimerKind : std::uint8_t { None, Retransmission, TimeWait, Persist, DelayedAck };

// What a script `expect` found (Event::passed).
enum class Verdict : std::uint8_t { Passed, Failed };

// The socket call an event belongs to (Call/Return events, and what a call caused).
enum class Call : std::uint8_t { None, Listen, Connect, Accept, Send, Recv, Close, Abort, Socket, Bind, Setsockopt, EpollWait };

struct Event {
    EventKind kind = EventKind::Call;
    Side side = Side::Client;       // the endpoint the event happened at
    std::uint64_t time = 0;         // virtual time, ms
    int line = 0;                   // script line that caused it (0 = not from a script)
    std::size_t step = 0;           // index of the script command / simulation operation, 0-based

    Rule rule = Rule::None;         // which RFC rule produced it
    CauseKind cause = CauseKind::None;
    Call call = Call::None;         // Call/Return and what a call caused
    TcpState from = TcpState::Closed; // Transition
    TcpState to = TcpState::Closed;   // Transition
    std::optional<Segment> segment; // Send/Deliver/Drop, and the arriving segment that caused
                                    // a Transition or an Error
    TimerKind timer = TimerKind::None; // Timer, and transitions a timer caused
    std::string text;               // Return: data received; Error/Expect: message
    bool passed = true;             // Expect

    // Which socket: many clients, one listener (the two-sided views read `side` alone).
    HostId host = firstClientHost;  // the host it happened at: 0 server, 1 client, 2..9 clientN
    std::uint16_t socket = 0;       // the socket, numbered 1.. across the simulation (0: none)
    int fd = -1;                    // its descriptor at that moment (-1: none, e.g. still queued)
    HostId peer = noHost;           // the host at the other end of its connection
    int synQueue = 0;               // Queue: the listener's queue lengths after the change
    int acceptQueue = 0;

    friend bool operator==(const Event &, const Event &) = default;
};

std::string_view eventKindName(EventKind kind); // "call", "return", "transition", "send", ...
std::string_view timerKindName(TimerKind kind); // "retransmission", "time-wait", "persist"
std::string_view callName(Call call);           // "connect", "recv", ... ("" for None)
// The event belongs to the two-sided view: `client`, and the server's sockets for it (its
// listener included). Views that know two lanes show only these; a lesson with more clients
// shows its first pair there.
bool belongsToFirstPair(const Event &event);

} // namespace tcpsim
