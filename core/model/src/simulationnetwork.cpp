// SPDX-License-Identifier: GPL-3.0-or-later
// The network between the hosts (a FIFO per sending host), the demultiplexing of an arriving
// segment by its 4-tuple, and the listener's SYN queue and accept queue with Linux's rules
// (TCP-FACTS "The listen queues").
#include "tcpsim/model/simulation.h"
#include "simulationcontext.h"

#include <algorithm>

namespace tcpsim {

Simulation::Tuple Simulation::tupleOf(const Socket &socket) const
{
    if (socket.host == serverHost) {
        const HostId client = socket.peer == noHost ? firstClientHost : socket.peer;
        return {client, socket.peer == noHost ? clientPort(client) : socket.peerPort, socket.localPort};
    }
    return {socket.host, socket.localPort, socket.peerPort != 0 ? socket.peerPort : m_config.serverPort};
}

Simulation::Tuple Simulation::tupleOf(const Segment &segment)
{
    return {segment.clientHost, segment.clientPort, segment.serverPort};
}

Simulation::Tuple Simulation::defaultTuple(HostId client) const
{
    return {client, clientPort(client), m_config.serverPort};
}

// RFC 9293 §3.3.1: "A pair of sockets uniquely identifies each connection." The live TCB whose
// socket pair is the segment's, if any.
Socket *Simulation::connectionFor(HostId host, const Tuple &tuple)
{
    for (auto it = m_sockets.rbegin(); it != m_sockets.rend(); ++it) {
        Socket &socket = *it;
        if (socket.host != host || socket.gone || socket.kind != SocketKind::Connection
            || socket.endpoint.state() == TcpState::Closed)
            continue;
        const Tuple own = tupleOf(socket);
        if (own.clientHost == tuple.clientHost && own.clientPort == tuple.clientPort && own.serverPort == tuple.serverPort)
            return &socket;
    }
    return nullptr;
}

Socket *Simulation::listenerOf(HostId host, std::uint16_t port)
{
    for (auto it = m_sockets.rbegin(); it != m_sockets.rend(); ++it) {
        Socket &socket = *it;
        if (socket.host == host && socket.kind == SocketKind::Listener && socket.localPort == port
            && socket.endpoint.state() == TcpState::Listen)
            return &socket;
    }
    return nullptr;
}

void Simulation::recordQueue(const Socket &listener, Rule rule, std::string text)
{
    if (!m_config.socketDetail)
        return;
    Event event;
    event.kind = EventKind::Queue;
    stamp(event, listener.host, &listener);
    event.rule = rule;
    event.synQueue = static_cast<int>(listener.synQueue.size());
    event.acceptQueue = static_cast<int>(listener.acceptQueue.size());
    event.text = std::move(text);
    record(std::move(event));
}

std::string Simulation::countersText(HostId host) const
{
    const ListenCounters &counters = m_hosts[host].counters;
    return "ListenOverflows=" + std::to_string(counters.listenOverflows)
        + " ListenDrops=" + std::to_string(counters.listenDrops);
}

// --- arrival ---

void Simulation::arrive(HostId to, const Segment &segment)
{
    Event delivery;
    delivery.kind = EventKind::Deliver;
    delivery.cause = CauseKind::Segment;
    delivery.segment = segment;
    const Tuple tuple = tupleOf(segment);
    const std::uint16_t localPort = to == serverHost ? tuple.serverPort : tuple.clientPort;

    if (Socket *connection = connectionFor(to, tuple)) {
        stamp(delivery, to, connection);
        const std::size_t index = record(std::move(delivery));
        m_events[index].rule = arriveAtConnection(*connection, segment);
    } else if (Socket *listener = listenerOf(to, localPort)) {
        stamp(delivery, to, listener);
        const std::size_t index = record(std::move(delivery));
        m_events[index].rule = arriveAtListener(listener->id, segment, tuple);
    } else {
        // §3.10.7.1: no TCB for the segment: "If the state is CLOSED (i.e., TCB does not
        // exist)" — the host answers as a CLOSED endpoint.
        stamp(delivery, to, nullptr);
        const std::size_t index = record(std::move(delivery));
        Endpoint closed(sideOfHost(to));
        Context context(*this, to, tuple);
        m_events[index].rule = closed.receive(context, segment);
    }
    afterOperation();
}

Rule Simulation::arriveAtConnection(Socket &connection, const Segment &segment)
{
    Context context(*this, connection);
    const bool completesHandshake = connection.place == QueuePlace::SynQueue
        && connection.endpoint.state() == TcpState::SynReceived && segment.has(Ack) && !segment.has(Rst)
        && !segment.has(Syn);
    if (completesHandshake && connection.listener != 0) {
        Socket &listener = at(connection.listener);
        // Linux tcp_check_req -> inet_csk_complete_hashdance: the child needs a place in the
        // accept queue; sk_acceptq_is_full() is "sk_ack_backlog > sk_max_ack_backlog".
        const bool acceptable = seqInLeftOpen(connection.endpoint.tcb().sndUna, segment.ack,
                                              connection.endpoint.tcb().sndNxt);
        if (acceptable && !connection.endpoint.applicationHasConnection() && !m_config.autoAccept
            && int(listener.acceptQueue.size()) > listener.backlog) {
            Host &host = m_hosts[listener.host];
            ++host.counters.listenOverflows;
            ++host.counters.listenDrops;
            if (!m_config.abortOnOverflow) {
                // tcp_abort_on_overflow = 0: "the ACK is ignored"; the request's timer will
                // retransmit the SYN,ACK.
                recordQueue(listener, Rule::AcceptQueueAckIgnored, countersText(listener.host));
                return Rule::AcceptQueueAckIgnored;
            }
            // tcp_abort_on_overflow = 1: the connection is reset.
            recordQueue(listener, Rule::AcceptQueueAckReset, countersText(listener.host));
            connection.endpoint.abort(context);
            return Rule::AcceptQueueAckReset;
        }
    }
    return connection.endpoint.receive(context, segment);
}

Rule Simulation::arriveAtListener(SocketId listenerId, const Segment &segment, const Tuple &tuple)
{
    Socket *listener = &at(listenerId);
    const bool bareSyn = segment.has(Syn) && !segment.has(Ack) && !segment.has(Rst);
    const bool bareAck = segment.has(Ack) && !segment.has(Syn) && !segment.has(Rst);
    if (bareAck && m_config.synCookies && segment.ack == synCookie(tuple, segment.seq - 1) + 1) {
        // Linux cookie_v4_check: the ACK returns our cookie, so the connection is created now,
        // straight into the accept queue if it has room (else the ACK is dropped).
        if (!m_config.autoAccept && int(listener->acceptQueue.size()) > listener->backlog) {
            ++m_hosts[listener->host].counters.listenOverflows;
            ++m_hosts[listener->host].counters.listenDrops;
            recordQueue(*listener, Rule::AcceptQueueAckIgnored, countersText(listener->host));
            return Rule::AcceptQueueAckIgnored;
        }
        Socket &connection = connectionFromListener(listenerId, tuple);
        const SocketId connectionId = connection.id;
        connection.place = QueuePlace::AcceptQueue;
        at(listenerId).acceptQueue.push_back(connectionId);
        Context context(*this, connection);
        const Rule rule = at(connectionId).endpoint.openFromCookie(context, segment);
        recordQueue(at(listenerId), rule);
        return rule;
    }
    if (!bareSyn) {
        // §3.10.7.2: a RST is ignored, an ACK answered with a RST, anything else dropped.
        Context context(*this, listener->host, tuple);
        return listener->endpoint.receive(context, segment);
    }
    Host &host = m_hosts[listener->host];
    // Linux tcp_conn_request, in its order: "if (sk_acceptq_is_full(sk)) { NET_INC_STATS(
    // sock_net(sk), LINUX_MIB_LISTENOVERFLOWS); goto drop; }" (drop counts ListenDrops).
    if (!m_config.autoAccept && int(listener->acceptQueue.size()) > listener->backlog) {
        ++host.counters.listenOverflows;
        ++host.counters.listenDrops;
        recordQueue(*listener, Rule::AcceptQueueSynDropped, countersText(listener->host));
        return Rule::AcceptQueueSynDropped;
    }
    // "if ((syncookies == 2 || inet_csk_reqsk_queue_is_full(sk)) && !isn) { want_cookie =
    // tcp_syn_flood_action(...); if (!want_cookie) goto drop; }"; is_full is "len >= backlog".
    if (int(listener->synQueue.size()) >= listener->backlog) {
        if (!m_config.synCookies) {
            ++host.counters.listenDrops;
            recordQueue(*listener, Rule::SynQueueSynDropped, countersText(listener->host));
            return Rule::SynQueueSynDropped;
        }
        ++host.counters.synCookiesSent;
        // The cookie SYN,ACK: sent, but no request is kept, so nothing retransmits it.
        Segment synAck;
        synAck.from = sideOfHost(listener->host);
        synAck.flags = Syn | Ack;
        synAck.seq = synCookie(tuple, segment.seq);
        synAck.ack = segment.seq + 1;
        synAck.window = m_config.window;
        synAck.mss = m_config.mss;
        Context context(*this, listener->host, tuple);
        const Segment sent = context.putOnNetwork(synAck);
        Event event;
        event.kind = EventKind::Send;
        stamp(event, listener->host, listener);
        event.rule = Rule::SynQueueCookie;
        event.cause = CauseKind::Segment;
        event.segment = sent;
        record(std::move(event));
        recordQueue(*listener, Rule::SynQueueCookie, countersText(listener->host));
        return Rule::SynQueueCookie;
    }
    // Without SYN cookies the last quarter of tcp_max_syn_backlog is kept for peers "proven to be
    // alive" (TCP-FACTS "The listen queues": "tcp_max_syn_backlog matters only then (requests
    // are dropped when fewer than a quarter of it is left)"). Linux tcp_conn_request: "if
    // (!syncookies && (max_syn_backlog - inet_csk_reqsk_queue_len(sk) < (max_syn_backlog >> 2))
    // && !tcp_peer_is_proven(req, dst)) goto drop_and_release;" (drop counts ListenDrops). The
    // model's clients are never proven: no host keeps TCP metrics of an earlier connection.
    if (!m_config.synCookies
        && m_config.maxSynBacklog - int(listener->synQueue.size()) < (m_config.maxSynBacklog >> 2)) {
        ++host.counters.listenDrops;
        recordQueue(*listener, Rule::SynBacklogDropped, countersText(listener->host));
        return Rule::SynBacklogDropped;
    }
    // §3.10.7.2 third, done on a new TCB: the listener's LISTEN TCB is copied and the copy takes
    // the SYN (LISTEN -> SYN-RECEIVED is recorded on the connection), the listener stays.
    Socket &connection = connectionFromListener(listenerId, tuple);
    connection.place = QueuePlace::SynQueue;
    at(listenerId).synQueue.push_back(connection.id);
    const SocketId connectionId = connection.id;
    Context context(*this, connection);
    const Rule rule = at(connectionId).endpoint.receive(context, segment);
    recordQueue(at(listenerId), rule);
    return rule;
}

Socket &Simulation::connectionFromListener(SocketId listenerId, const Tuple &tuple)
{
    Socket &connection = newSocket(at(listenerId).host);
    const Socket &listener = at(listenerId);
    connection.kind = SocketKind::Connection;
    connection.endpoint = listener.endpoint;
    connection.localPort = listener.localPort;
    connection.peer = listener.host == serverHost ? tuple.clientHost : serverHost;
    connection.peerPort = listener.host == serverHost ? tuple.clientPort : tuple.serverPort;
    connection.reuseAddress = listener.reuseAddress;
    connection.listener = listenerId;
    return connection;
}

SeqNum Simulation::synCookie(const Tuple &tuple, SeqNum clientIsn) const
{
    // Linux secure_tcp_syn_cookie hashes the 4-tuple and the client's ISN with a secret; any
    // deterministic mix shows the point: the SYN,ACK's number encodes the connection.
    std::uint64_t mix = (std::uint64_t(tuple.clientHost) << 48) ^ (std::uint64_t(tuple.clientPort) << 32)
        ^ (std::uint64_t(tuple.serverPort) << 16) ^ clientIsn ^ m_config.seed * 0x9E3779B97F4A7C15ull;
    mix ^= mix >> 29;
    mix *= 0xBF58476D1CE4E5B9ull;
    mix ^= mix >> 32;
    return static_cast<SeqNum>(mix);
}

// --- after every operation ---

void Simulation::afterOperation()
{
    for (std::size_t i = 0; i < m_sockets.size(); ++i) {
        Socket &connection = m_sockets[i];
        if (connection.listener == 0 || connection.gone)
            continue;
        Socket &listener = at(connection.listener);
        const TcpState state = connection.endpoint.state();
        if (connection.place == QueuePlace::SynQueue) {
            if (state == TcpState::Listen || state == TcpState::Closed) {
                // §3.10.7.4: "If this connection was initiated with a passive OPEN (i.e., came
                // from the LISTEN state), then return this connection to LISTEN state": the
                // request is dropped and the listener alone remains.
                std::erase(listener.synQueue, connection.id);
                connection.place = QueuePlace::None;
                connection.gone = state == TcpState::Listen;
                recordQueue(listener, Rule::None);
            } else if (isSynchronized(state)) {
                // The final ACK completed the handshake: to the accept queue, before accept().
                std::erase(listener.synQueue, connection.id);
                connection.place = QueuePlace::AcceptQueue;
                listener.acceptQueue.push_back(connection.id);
                recordQueue(listener, Rule::SynReceivedAck);
            }
        }
        if (connection.place == QueuePlace::Accepted) {
            // Auto-accept took it at once (the Return is recorded with the transition).
            if (std::erase(listener.synQueue, connection.id) + std::erase(listener.acceptQueue, connection.id) > 0)
                recordQueue(listener, Rule::AcceptReturned);
        }
    }
    for (std::size_t i = 0; i < m_sockets.size(); ++i) {
        Socket &listener = m_sockets[i];
        while (listener.blockedAccepts > 0 && !listener.acceptQueue.empty())
            completeAccept(m_sockets[i]);
    }
    for (Socket &socket : m_sockets) {
        // The application is done with the connection: closed and end of stream read (or the
        // connection is gone), or aborted.
        const TcpState state = socket.endpoint.state();
        const bool finished = state == TcpState::Closed || state == TcpState::TimeWait || socket.endpoint.endOfStream();
        if (socket.fd >= 0 && (socket.aborted || (socket.closeCalled && finished)))
            releaseDescriptor(socket);
    }
    advanceProgram();
}

// --- the network ---

// An index, not a pointer: a deque's elements are not contiguous, so pointers cannot be
// subtracted to find a position.
std::optional<std::size_t> Simulation::oldestInFlightIndex(const SocketName &from) const
{
    const auto &queue = m_inFlight[from.host];
    for (std::size_t i = 0; i < queue.size(); ++i) {
        if (from.role != SocketName::Role::PeerOf || queue[i].clientHost == from.peer)
            return i;
    }
    return std::nullopt;
}

const Segment *Simulation::oldestInFlight(const SocketName &from) const
{
    const std::optional<std::size_t> index = oldestInFlightIndex(from);
    return index ? &m_inFlight[from.host][*index] : nullptr;
}

bool Simulation::deliverFrom(HostId from, std::size_t index)
{
    auto &queue = m_inFlight[from];
    const Segment segment = queue[index];
    queue.erase(queue.begin() + std::ptrdiff_t(index));
    m_now += m_config.oneWayDelayMs;
    arrive(from == serverHost ? segment.clientHost : serverHost, segment);
    return true;
}

bool Simulation::deliver(const SocketName &from)
{
    const std::optional<std::size_t> index = oldestInFlightIndex(from);
    return index && deliverFrom(from.host, *index);
}

bool Simulation::drop(const SocketName &from)
{
    const Segment *oldest = oldestInFlight(from);
    return oldest && dropById(oldest->id);
}

bool Simulation::dropById(std::uint64_t id)
{
    for (std::size_t host = 0; host < m_inFlight.size(); ++host) {
        auto &queue = m_inFlight[host];
        const auto found = std::find_if(queue.begin(), queue.end(),
                                        [id](const Segment &segment) { return segment.id == id; });
        if (found == queue.end())
            continue;
        Event event;
        event.kind = EventKind::Drop;
        stamp(event, HostId(host), nullptr);
        event.segment = *found;
        queue.erase(found);
        record(std::move(event));
        return true;
    }
    return false;
}

void Simulation::inject(const SocketName &to, Segment segment)
{
    const Socket *named = findConst(to);
    Tuple tuple = named && named->kind == SocketKind::Connection ? tupleOf(*named)
        : defaultTuple(to.host == serverHost ? (to.role == SocketName::Role::PeerOf ? to.peer : firstClientHost)
                                             : to.host);
    if (named && named->kind == SocketKind::Listener)
        tuple.serverPort = named->localPort;
    segment.from = to.host == serverHost ? Side::Client : Side::Server;
    segment.id = 0;
    segment.sentAt = m_now;
    segment.clientHost = tuple.clientHost;
    segment.clientPort = tuple.clientPort;
    segment.serverPort = tuple.serverPort;
    arrive(to.host, segment);
}

bool Simulation::fireTimer(const SocketName &name)
{
    Socket *named = find(name);
    const std::optional<std::uint64_t> deadline = named ? named->endpoint.timerDeadline() : std::nullopt;
    if (!deadline)
        return false;
    // Time jumps to the deadline; nothing runs in between.
    m_now = std::max(m_now, *deadline);
    Context context(*this, *named);
    named->endpoint.fireTimer(context);
    afterOperation();
    return true;
}

std::optional<std::uint64_t> Simulation::nextTimer(const SocketName &name) const
{
    return endpoint(name).timerDeadline();
}

std::optional<Simulation::PendingTimer> Simulation::earliestTimer() const
{
    std::optional<PendingTimer> earliest;
    bool earliestOnServer = false;
    for (const Socket &socket : m_sockets) {
        const std::optional<std::uint64_t> deadline = socket.gone ? std::nullopt : socket.endpoint.timerDeadline();
        if (!deadline)
            continue;
        // Ties: the clients' timers first (as the two-sided window always did), then creation order.
        const bool onServer = socket.host == serverHost;
        if (earliest && (earliest->deadline < *deadline || (earliest->deadline == *deadline && (!earliestOnServer || onServer))))
            continue;
        // The plainest name that reaches this socket: `server`/`client` first, so that a
        // two-endpoint lesson's commands stay two-sided.
        const SocketName candidates[] = {
            SocketName::mainOf(socket.host),
            socket.host == serverHost && socket.peer != noHost ? SocketName::connectionTo(serverHost, socket.peer)
                                                               : SocketName::mainOf(socket.host),
        };
        for (const SocketName &name : candidates) {
            if (findConst(name) == &socket) {
                earliest = PendingTimer{name, *deadline};
                earliestOnServer = onServer;
                break;
            }
        }
    }
    return earliest;
}

std::optional<SocketName> Simulation::oldestSender() const
{
    std::optional<HostId> oldest;
    for (std::size_t host = 0; host < m_inFlight.size(); ++host) {
        const auto &queue = m_inFlight[host];
        if (!queue.empty() && (!oldest || queue.front().id < m_inFlight[*oldest].front().id))
            oldest = HostId(host);
    }
    if (!oldest)
        return std::nullopt;
    return SocketName::mainOf(*oldest);
}

bool Simulation::settle(int maxDeliveries)
{
    for (int delivered = 0;; ++delivered) {
        const std::optional<SocketName> oldest = oldestSender();
        if (!oldest)
            return true;
        if (delivered >= maxDeliveries)
            return false;
        deliverFrom(oldest->host, 0);
    }
}

} // namespace tcpsim
