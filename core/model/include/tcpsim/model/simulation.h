// SPDX-License-Identifier: GPL-3.0-or-later
// A server host, up to nine client hosts, their sockets and the network between them. A value:
// copy it to keep a snapshot, replay operations to reproduce it. Time is virtual and moves only
// when an operation says so.
//
// Sockets are named as scripts name them (SocketName); a Side names `server` or `client`, so the
// two-sided API of the first lessons reads as before: `server` is the server's connection with
// `client` once one exists, else its listener.
#pragma once

#include "tcpsim/model/config.h"
#include "tcpsim/model/endpoint.h"
#include "tcpsim/model/event.h"
#include "tcpsim/model/host.h"
#include "tcpsim/model/segment.h"
#include "tcpsim/model/serverprogram.h"
#include "tcpsim/model/socket.h"

#include <array>
#include <cstdint>
#include <deque>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace tcpsim {

class Simulation {
public:
    explicit Simulation(SimulationConfig config = {});

    const SimulationConfig &config() const { return m_config; }
    // `set somaxconn 128` and the other sysctls: read by the call that uses them.
    SimulationConfig &mutableConfig() { return m_config; }
    std::uint64_t now() const { return m_now; }

    // The named socket's TCB; a CLOSED endpoint when there is no such socket.
    const Endpoint &endpoint(const SocketName &name) const;
    const Socket *socketNamed(const SocketName &name) const;
    const Socket *socketById(SocketId id) const;
    const std::vector<Socket> &sockets() const { return m_sockets; }
    // The socket a descriptor of the host's process holds, or nullptr (a free descriptor).
    const Socket *descriptor(HostId host, int fd) const;
    const ListenCounters &counters(HostId host) const { return m_hosts[host].counters; }
    // Bytes the named socket has received that no recv() has returned yet: they wait in its
    // receive buffer (a connection still in the listen queues, or a server program's).
    std::size_t unreadBytes(const SocketName &name) const;
    // The port clientN's sockets use: config().clientPort + N - 1.
    std::uint16_t clientPort(HostId host) const;

    // --- socket calls of one host's application (RFC 9293 §3.10.1-3.10.5 and their Linux names) ---
    void setIsn(const SocketName &name, SeqNum isn); // ISN for the host's next open
    void socket(const SocketName &name);              // socket(): a new descriptor
    void bind(const SocketName &name, std::uint16_t port);
    void setReuseAddress(const SocketName &name);     // setsockopt(SO_REUSEADDR)
    // socket() + bind() unless done, then listen(backlog); backlog defaults to config's (5).
    void listen(const SocketName &name, std::optional<int> backlog = std::nullopt);
    void connect(const SocketName &name);
    // Takes the oldest connection off the listener's accept queue; blocks while it is empty and
    // returns in the step that completes a handshake.
    void accept(const SocketName &name);
    void send(const SocketName &name, const std::string &data);
    void close(const SocketName &name);
    void abort(const SocketName &name);
    // The server process runs one of the notes' servers on its listener (serverprogram.cpp);
    // from now on its calls run by themselves after every operation.
    void runServer(ServerDesign design);
    const std::optional<ServerProgram> &serverProgram() const { return m_program; }

    // --- the network ---
    // Segments in flight from `from` (Server: to every client), oldest first.
    const std::deque<Segment> &inFlight(Side from) const { return m_inFlight[hostOf(from)]; }
    const std::deque<Segment> &inFlightFrom(HostId host) const { return m_inFlight[host]; }
    // The oldest segment in flight from the named socket's host (`server.client2`: to client2).
    const Segment *oldestInFlight(const SocketName &from) const;
    std::optional<std::size_t> oldestInFlightIndex(const SocketName &from) const;
    // That segment reaches its destination. False if none is in flight.
    bool deliver(const SocketName &from);
    // That segment is lost. False if none is in flight.
    bool drop(const SocketName &from);
    // Drop the in-flight segment with this id (clicking an arrow). False if not in flight.
    bool dropById(std::uint64_t id);
    // The named socket receives a crafted segment from its peer (sent now, delivered at once).
    void inject(const SocketName &to, Segment segment);
    // The named socket's pending timer fires; the clock jumps to its deadline. False if none.
    bool fireTimer(const SocketName &name);
    // Deliver everything in flight, oldest first by global send order across all hosts, until
    // nothing is in flight. Timers do not fire. Returns false (and stops) when more than
    // maxDeliveries deliveries would be needed.
    bool settle(int maxDeliveries = 1000);

    // Deadline of the named socket's pending timer (virtual ms), if any.
    std::optional<std::uint64_t> nextTimer(const SocketName &name) const;
    // The earliest pending timer of any socket on any host, with the name a script gives that
    // socket (`client3`, `server.client2`, `server`): what `timeout` and Play fire next. Ties go
    // to a client's socket before the server's, then to the socket created first. A socket no
    // name reaches (an older connection of the same client) is left out.
    struct PendingTimer {
        SocketName socket;
        std::uint64_t deadline = 0;
    };
    std::optional<PendingTimer> earliestTimer() const;
    // Who sent the oldest segment in flight anywhere (by global send order), named as a script
    // names it for `deliver` (`client2`; `server` for the server, whose deliver takes its
    // oldest to any client); nullopt when nothing is in flight.
    std::optional<SocketName> oldestSender() const;

    // --- what happened ---
    // The events recorded since the last takeEvents() (all of them if nothing was taken).
    const std::vector<Event> &events() const { return m_events; }
    // Hands the events recorded so far to an owner that keeps the lesson's one append-only log,
    // so that a checkpoint copy of the simulation stays small. Nothing in the model reads old
    // events back.
    std::vector<Event> takeEvents();
    // Every event ever recorded: taken and present.
    std::size_t eventCount() const { return m_takenEventCount + m_events.size(); }
    // The inverse of takeEvents(): the events taken so far (exactly eventCount() - events().size()
    // of them, in order) are put back before the present ones. A copy made from an events-free
    // checkpoint gets its whole log back this way.
    void restoreTakenEvents(std::vector<Event> taken);
    // Events recorded from now on carry this script line and step index.
    void setOrigin(int line, std::size_t step);
    // Records an Expect event (the script runner checks, the simulation keeps the record).
    void recordExpect(const SocketName &name, Verdict verdict, std::string text);

private:
    class Context; // the EndpointContext a socket runs in: this simulation's clock, network, log
    struct Host {
        std::vector<SocketId> descriptors = {0, 0, 0}; // fd -> socket; 0, 1, 2: standard streams
        std::optional<SeqNum> nextIsn;
        ListenCounters counters;
    };
    // A socket pair's client end and ports (§3.3.1): the server end is always the server host.
    struct Tuple {
        HostId clientHost = firstClientHost;
        std::uint16_t clientPort = 0;
        std::uint16_t serverPort = 0;
    };

    Socket *find(const SocketName &name);
    const Socket *findConst(const SocketName &name) const;
    Socket &at(SocketId id) { return m_sockets[id - 1]; }
    Socket &newSocket(HostId host);
    Socket &socketForCall(const SocketName &name); // the script's `socket`, else a new one
    Socket *listenerOf(HostId host, std::uint16_t port);
    Socket *connectionFor(HostId host, const Tuple &tuple);
    Tuple tupleOf(const Socket &socket) const;
    static Tuple tupleOf(const Segment &segment);
    Tuple defaultTuple(HostId client) const;
    std::uint16_t defaultPort(HostId host) const;
    void assignDescriptor(Socket &socket);
    void releaseDescriptor(Socket &socket);

    std::size_t record(Event event); // stamps time and origin; returns the event's index
    void stamp(Event &event, HostId host, const Socket *socket) const;
    std::size_t recordCall(const Socket *socket, HostId host, Call call, std::string text = {});
    void recordError(std::size_t call, Rule rule, std::string message); // the call's error
    void recordQueue(const Socket &listener, Rule rule, std::string text = {});
    std::string countersText(HostId host) const;

    template <typename Operation>
    void applicationCall(const SocketName &name, Call call, Operation operation, std::string text = {});
    bool bindSocket(Socket &socket, std::uint16_t port, std::size_t call);
    void closeListenerQueues(const SocketName &name);
    void completeAccept(Socket &listener);
    // The scripted application reads what waited while the connection sat in the listen queues,
    // as soon as accept() has returned it (not with a server program: its recv() reads).
    void readAfterAccept(Socket &connection, EndpointContext &context);

    void arrive(HostId to, const Segment &segment);
    Rule arriveAtConnection(Socket &connection, const Segment &segment);
    Rule arriveAtListener(SocketId listener, const Segment &segment, const Tuple &tuple);
    SeqNum synCookie(const Tuple &tuple, SeqNum clientIsn) const;
    // A copy of the listener's LISTEN TCB for the tuple (§3.10.7.2 done on a new TCB).
    Socket &connectionFromListener(SocketId listener, const Tuple &tuple);
    bool deliverFrom(HostId from, std::size_t index);
    // After every operation: connections move between the queues, blocked accept()s return,
    // descriptors of finished connections are released.
    void afterOperation();
    // The server program's threads make their calls until each one blocks.
    void advanceProgram();
    bool advanceThread(ProgramThread &thread); // false: blocked or done
    bool serveRecv(ProgramThread &thread);
    void recordProgramReturn(Socket *socket, Call call, Rule rule, std::string text);
    bool serveEpoll(ProgramThread &thread);
    bool readable(const Socket &connection) const; // recv() would not block

    SimulationConfig m_config;
    std::uint64_t m_now = 0;
    std::uint64_t m_nextSegmentId = 1;
    int m_originLine = 0;
    std::size_t m_originStep = 0;
    std::mt19937_64 m_random;
    std::array<Host, hostCount> m_hosts;
    std::vector<Socket> m_sockets; // index = id - 1
    std::array<std::deque<Segment>, hostCount> m_inFlight; // by sending host
    std::vector<Event> m_events;
    std::size_t m_takenEventCount = 0;
    std::optional<ServerProgram> m_program;
};

} // namespace tcpsim
