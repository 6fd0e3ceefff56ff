// SPDX-License-Identifier: GPL-3.0-or-later
// The hosts' socket calls: descriptors (lowest free, as Linux's __alloc_fd), bind() and its
// port conflicts, listen() with its backlog, accept() blocking on an empty accept queue.
// Segments, the demultiplexing by 4-tuple and the listen queues are in simulationnetwork.cpp.
#include "tcpsim/model/simulation.h"
#include "simulationcontext.h"

#include <algorithm>
#include <cassert>
#include <iterator>
#include <utility>

namespace tcpsim {

Simulation::Simulation(SimulationConfig config) : m_config(config), m_random(config.seed)
{
}

// --- naming ---

Socket *Simulation::find(const SocketName &name)
{
    return const_cast<Socket *>(findConst(name));
}

const Socket *Simulation::findConst(const SocketName &name) const
{
    const Socket *listener = nullptr;
    const Socket *newest = nullptr;
    for (auto it = m_sockets.rbegin(); it != m_sockets.rend(); ++it) {
        const Socket &socket = *it;
        if (socket.host != name.host || socket.gone)
            continue;
        switch (name.role) {
        case SocketName::Role::Listener:
            if (socket.kind == SocketKind::Listener)
                return &socket;
            break;
        case SocketName::Role::PeerOf:
            if (socket.kind == SocketKind::Connection && socket.peer == name.peer)
                return &socket;
            break;
        case SocketName::Role::Main:
            // A client host's socket is its newest; the server's is its connection with
            // `client` once one exists, else its listener (issue 11, "Compatibility").
            if (name.host != serverHost)
                return &socket;
            if (socket.kind == SocketKind::Connection && socket.peer == firstClientHost)
                return &socket;
            if (!listener && socket.kind == SocketKind::Listener)
                listener = &socket;
            if (!newest)
                newest = &socket;
            break;
        }
    }
    return listener ? listener : newest;
}

const Endpoint &Simulation::endpoint(const SocketName &name) const
{
    static const Endpoint closedClient(Side::Client);
    static const Endpoint closedServer(Side::Server);
    if (const Socket *found = findConst(name))
        return found->endpoint;
    return name.side() == Side::Client ? closedClient : closedServer;
}

const Socket *Simulation::socketNamed(const SocketName &name) const
{
    return findConst(name);
}

const Socket *Simulation::socketById(SocketId id) const
{
    return id >= 1 && id <= m_sockets.size() ? &m_sockets[id - 1] : nullptr;
}

const Socket *Simulation::descriptor(HostId host, int fd) const
{
    const auto &table = m_hosts[host].descriptors;
    if (fd < 0 || std::size_t(fd) >= table.size() || table[std::size_t(fd)] == 0)
        return nullptr;
    return socketById(table[std::size_t(fd)]);
}

std::uint16_t Simulation::clientPort(HostId host) const
{
    return static_cast<std::uint16_t>(m_config.clientPort + host - firstClientHost);
}

std::uint16_t Simulation::defaultPort(HostId host) const
{
    return host == serverHost ? m_config.serverPort : clientPort(host);
}

// --- descriptors ---

Socket &Simulation::newSocket(HostId host)
{
    Socket socket;
    socket.id = static_cast<SocketId>(m_sockets.size() + 1);
    socket.host = host;
    socket.endpoint = Endpoint(sideOfHost(host));
    m_sockets.push_back(std::move(socket));
    return m_sockets.back();
}

void Simulation::assignDescriptor(Socket &socket)
{
    if (socket.fd >= 0)
        return;
    // POSIX: "the lowest numbered file descriptor not currently open for the process".
    auto &table = m_hosts[socket.host].descriptors;
    const auto free = std::find(table.begin() + 3, table.end(), SocketId(0));
    socket.fd = static_cast<int>(free - table.begin());
    if (free == table.end())
        table.push_back(socket.id);
    else
        *free = socket.id;
}

void Simulation::releaseDescriptor(Socket &socket)
{
    if (socket.fd < 0)
        return;
    m_hosts[socket.host].descriptors[std::size_t(socket.fd)] = 0;
    socket.fd = -1;
}

// --- records ---

std::size_t Simulation::record(Event event)
{
    event.time = m_now;
    event.line = m_originLine;
    event.step = m_originStep;
    m_events.push_back(std::move(event));
    return m_events.size() - 1;
}

void Simulation::stamp(Event &event, HostId host, const Socket *socket) const
{
    event.host = host;
    event.side = sideOfHost(host);
    if (socket) {
        event.socket = socket->id;
        event.fd = socket->fd;
        event.peer = socket->peer;
    }
}

std::vector<Event> Simulation::takeEvents()
{
    m_takenEventCount += m_events.size();
    return std::exchange(m_events, {});
}

void Simulation::restoreTakenEvents(std::vector<Event> taken)
{
    assert(taken.size() == m_takenEventCount);
    taken.insert(taken.end(), std::make_move_iterator(m_events.begin()), std::make_move_iterator(m_events.end()));
    m_events = std::move(taken);
    m_takenEventCount = 0;
}

void Simulation::setOrigin(int line, std::size_t step)
{
    m_originLine = line;
    m_originStep = step;
}

void Simulation::recordExpect(const SocketName &name, Verdict verdict, std::string text)
{
    Event event;
    event.kind = EventKind::Expect;
    stamp(event, name.host, findConst(name));
    event.passed = verdict == Verdict::Passed;
    event.text = std::move(text);
    record(std::move(event));
}

std::size_t Simulation::recordCall(const Socket *socket, HostId host, Call call, std::string text)
{
    Event event;
    event.kind = EventKind::Call;
    stamp(event, host, socket);
    event.cause = CauseKind::UserCall;
    event.call = call;
    event.text = std::move(text);
    return record(std::move(event));
}

void Simulation::recordError(std::size_t call, Rule rule, std::string message)
{
    m_events[call].rule = rule;
    Event event = m_events[call];
    event.kind = EventKind::Error;
    event.text = std::move(message);
    record(std::move(event));
}

// --- socket calls ---

void Simulation::setIsn(const SocketName &name, SeqNum isn)
{
    // The host's next open uses it: connect(), or the connection its listener makes from a SYN.
    m_hosts[name.host].nextIsn = isn;
}

void Simulation::socket(const SocketName &name)
{
    Socket &created = newSocket(name.host);
    assignDescriptor(created);
    const std::size_t call = recordCall(&created, name.host, Call::Socket);
    m_events[call].rule = Rule::SocketCreated;
}

Socket &Simulation::socketForCall(const SocketName &name)
{
    // listen() and connect() use the socket a script made with `socket`, else make one.
    if (name.role == SocketName::Role::Main) {
        for (auto it = m_sockets.rbegin(); it != m_sockets.rend(); ++it) {
            if (it->host == name.host && it->kind == SocketKind::Unconnected && !it->closeCalled)
                return *it;
        }
    }
    Socket &created = newSocket(name.host);
    assignDescriptor(created);
    if (m_config.socketDetail) {
        const std::size_t call = recordCall(&created, name.host, Call::Socket);
        m_events[call].rule = Rule::SocketCreated;
    }
    return created;
}

bool Simulation::bindSocket(Socket &socket, std::uint16_t port, std::size_t call)
{
    // Linux inet_csk_bind_conflict: another socket on the port conflicts unless both set
    // SO_REUSEADDR and the other is not listening; a TIME-WAIT connection still holds its port
    // (socket(7): SO_REUSEADDR must be set on the old socket as well as the new one).
    for (const Socket &other : m_sockets) {
        if (&other == &socket || other.host != socket.host || other.localPort != port || other.gone)
            continue;
        const bool holdsPort = other.fd >= 0 || other.endpoint.state() != TcpState::Closed;
        if (!holdsPort)
            continue;
        const bool reusable = socket.reuseAddress && other.reuseAddress && other.endpoint.state() != TcpState::Listen;
        if (!reusable) {
            recordError(call, Rule::BindAddressInUse, "address already in use");
            return false;
        }
    }
    socket.localPort = port;
    return true;
}

void Simulation::bind(const SocketName &name, std::uint16_t port)
{
    Socket &target = socketForCall(name);
    const std::size_t call = recordCall(&target, name.host, Call::Bind, std::to_string(port));
    if (target.localPort != 0 || target.kind != SocketKind::Unconnected) {
        recordError(call, Rule::BindAddressInUse, "invalid argument: the socket is already bound");
        return;
    }
    if (bindSocket(target, port, call))
        m_events[call].rule = Rule::BindPort;
}

void Simulation::setReuseAddress(const SocketName &name)
{
    Socket &target = socketForCall(name);
    target.reuseAddress = true;
    const std::size_t call = recordCall(&target, name.host, Call::Setsockopt, "SO_REUSEADDR");
    m_events[call].rule = Rule::ReuseAddressSet;
}

void Simulation::listen(const SocketName &name, std::optional<int> backlog)
{
    // §3.10.1 OPEN on a socket that has a connection: "connection already exists".
    if (Socket *named = find(name); named && named->kind != SocketKind::Unconnected
                                    && named->endpoint.state() != TcpState::Closed) {
        const std::size_t call = recordCall(named, name.host, Call::Listen);
        Context context(*this, *named);
        m_events[call].rule = named->endpoint.listen(context);
        return;
    }
    Socket &target = socketForCall(name);
    if (target.localPort == 0) {
        const std::uint16_t port = defaultPort(name.host);
        const std::size_t bindCall = m_config.socketDetail
            ? recordCall(&target, name.host, Call::Bind, std::to_string(port))
            : m_events.size();
        if (!m_config.socketDetail)
            target.localPort = port; // the two-endpoint lessons bind implicitly, silently
        else if (bindSocket(target, port, bindCall))
            m_events[bindCall].rule = Rule::BindPort;
        else
            return;
    }
    const std::size_t call = recordCall(&target, name.host, Call::Listen);
    // listen(2): "If the backlog argument is greater than the value in
    // /proc/sys/net/core/somaxconn, then it is silently truncated to that value."
    target.backlog = std::clamp(backlog.value_or(m_config.defaultBacklog), 0, m_config.somaxconn);
    target.kind = SocketKind::Listener;
    Context context(*this, target);
    m_events[call].rule = target.endpoint.listen(context);
    afterOperation();
}

void Simulation::connect(const SocketName &name)
{
    if (Socket *named = find(name); named && named->kind != SocketKind::Unconnected
                                    && named->endpoint.state() != TcpState::Closed) {
        const std::size_t call = recordCall(named, name.host, Call::Connect);
        Context context(*this, *named);
        m_events[call].rule = named->endpoint.connect(context);
        return;
    }
    Socket &target = socketForCall(name);
    if (target.localPort == 0)
        target.localPort = defaultPort(name.host); // Linux binds an ephemeral port at connect()
    target.kind = SocketKind::Connection;
    // The server's active open (simultaneous open) goes to `client`.
    target.peer = name.host == serverHost ? firstClientHost : serverHost;
    target.peerPort = defaultPort(target.peer);
    const std::size_t call = recordCall(&target, name.host, Call::Connect);
    Context context(*this, target);
    m_events[call].rule = target.endpoint.connect(context);
    afterOperation();
}

void Simulation::accept(const SocketName &name)
{
    Socket *listener = find(SocketName::listenerOf(name.host));
    if (!listener || listener->endpoint.state() != TcpState::Listen) {
        Socket *named = find(name);
        const std::size_t call = recordCall(named, name.host, Call::Accept);
        recordError(call, Rule::ErrorNothingToAccept, "no established connection to accept");
        return;
    }
    const std::size_t call = recordCall(listener, name.host, Call::Accept);
    if (listener->acceptQueue.empty()) {
        // accept(2): "If no pending connections are present on the queue, and the socket is
        // not marked as nonblocking, accept() blocks the caller until a connection is present."
        m_events[call].rule = Rule::AcceptBlocks;
        ++listener->blockedAccepts;
        return;
    }
    m_events[call].rule = Rule::AcceptReturned;
    ++listener->blockedAccepts;
    completeAccept(*listener);
    afterOperation();
}

void Simulation::completeAccept(Socket &listener)
{
    const SocketId id = listener.acceptQueue.front();
    listener.acceptQueue.pop_front();
    --listener.blockedAccepts;
    Socket &connection = at(id);
    connection.place = QueuePlace::Accepted;
    Context context(*this, connection);
    connection.endpoint.accept(context); // records the Return; its descriptor is assigned then
    recordQueue(listener, Rule::AcceptReturned);
    if (m_program)
        m_program->accepted.push_back(id); // the server program's accept() returned it
}

void Simulation::readAfterAccept(Socket &connection, EndpointContext &context)
{
    if (m_config.programReads || !m_config.socketDetail)
        return;
    // The lesson's application reads as it always does once it has the connection: what
    // arrived while it waited in the accept queue (§3.10.7.4 "deliver segment data to user
    // RECEIVE buffers") returns now, and so does the end of the stream.
    const auto recvReturn = [&](Rule rule, std::string text) {
        Event event;
        event.kind = EventKind::Return;
        event.side = sideOfHost(connection.host);
        event.rule = rule;
        event.cause = CauseKind::UserCall;
        event.call = Call::Recv;
        event.text = std::move(text);
        context.record(std::move(event));
    };
    const ByteHistory &received = connection.endpoint.received();
    if (received.size() > connection.bytesRead)
        recvReturn(Rule::DataReceived, received.substr(connection.bytesRead));
    if (connection.endpoint.endOfStream() && !connection.endOfStreamRead)
        recvReturn(Rule::EndOfStream, {});
}

std::size_t Simulation::unreadBytes(const SocketName &name) const
{
    const Socket *socket = findConst(name);
    if (!socket)
        return 0;
    const std::size_t received = socket->endpoint.received().size();
    return received > socket->bytesRead ? received - socket->bytesRead : 0;
}

template <typename Operation>
void Simulation::applicationCall(const SocketName &name, Call call, Operation operation, std::string text)
{
    Socket *named = find(name);
    const std::size_t index = recordCall(named, name.host, call, std::move(text));
    if (!named) {
        // No socket at all: the RFC's answers for a connection that does not exist (§3.10).
        Endpoint closed(name.side());
        Context context(*this, name.host);
        m_events[index].rule = operation(closed, context);
        return;
    }
    Context context(*this, *named);
    m_events[index].rule = operation(named->endpoint, context);
    afterOperation();
}

void Simulation::send(const SocketName &name, const std::string &data)
{
    applicationCall(name, Call::Send, [&data](Endpoint &endpoint, EndpointContext &context) {
        return endpoint.send(context, data);
    }, data);
}

void Simulation::close(const SocketName &name)
{
    if (Socket *named = find(name))
        named->closeCalled = true;
    applicationCall(name, Call::Close, [](Endpoint &endpoint, EndpointContext &context) {
        return endpoint.close(context);
    });
    closeListenerQueues(name);
}

void Simulation::abort(const SocketName &name)
{
    if (Socket *named = find(name))
        named->aborted = true;
    applicationCall(name, Call::Abort, [](Endpoint &endpoint, EndpointContext &context) {
        return endpoint.abort(context);
    });
    closeListenerQueues(name);
}

void Simulation::closeListenerQueues(const SocketName &name)
{
    Socket *named = find(name);
    if (!named || named->kind != SocketKind::Listener || named->endpoint.state() != TcpState::Closed)
        return;
    // Linux inet_csk_listen_stop: closing a listener resets every connection still queued.
    const SocketId listenerId = named->id;
    std::deque<SocketId> queued = named->synQueue;
    queued.insert(queued.end(), named->acceptQueue.begin(), named->acceptQueue.end());
    named->synQueue.clear();
    named->acceptQueue.clear();
    named->blockedAccepts = 0;
    for (const SocketId id : queued) {
        Socket &connection = at(id);
        connection.aborted = true;
        connection.place = QueuePlace::None;
        Context context(*this, connection);
        connection.endpoint.abort(context);
    }
    if (!queued.empty())
        recordQueue(at(listenerId), Rule::ListenClose);
    afterOperation();
}

} // namespace tcpsim
