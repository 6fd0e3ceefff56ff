// SPDX-License-Identifier: GPL-3.0-or-later
#include "tcpsim/session/socketsnapshot.h"

#include "tcpsim/session/lessoncontroller.h"

#include <algorithm>

using namespace tcpsim;

namespace {
bool isRefusal(Rule rule)
{
    switch (rule) {
    case Rule::AcceptQueueSynDropped:
    case Rule::AcceptQueueAckIgnored:
    case Rule::AcceptQueueAckReset:
    case Rule::SynQueueSynDropped:
    case Rule::SynQueueCookie:
        return true;
    default:
        return false;
    }
}

std::size_t unreadBytes(const Simulation & /*simulation*/, const Socket &socket)
{
    // What no recv() has returned yet (Socket::bytesRead counts every one): a server program's
    // connections until its recv(), and in a lesson with socket calls a connection still in the
    // listen queues until accept() returns it; two-endpoint lessons read as data arrives.
    const std::size_t received = socket.endpoint.received().size();
    return received > socket.bytesRead ? received - socket.bytesRead : 0;
}

SocketsSnapshot::QueueSlot slotOf(const Simulation &simulation, SocketId id)
{
    SocketsSnapshot::QueueSlot slot;
    slot.socket = id;
    if (const Socket *socket = simulation.socketById(id)) {
        slot.client = socket->peer;
        slot.state = socket->endpoint.state();
        slot.unread = unreadBytes(simulation, *socket);
    }
    return slot;
}

const Socket *listenerOfServer(const Simulation &simulation)
{
    // The newest listening socket still in LISTEN, else the newest listener at all.
    const Socket *found = nullptr;
    for (const Socket &socket : simulation.sockets()) {
        if (socket.host != serverHost || socket.kind != SocketKind::Listener || socket.gone)
            continue;
        if (!found || socket.endpoint.state() == TcpState::Listen || found->endpoint.state() != TcpState::Listen)
            found = &socket;
    }
    return found;
}
} // namespace

bool SocketsSnapshot::Refusal::acceptQueueFull() const
{
    return rule == Rule::AcceptQueueSynDropped || rule == Rule::AcceptQueueAckIgnored
        || rule == Rule::AcceptQueueAckReset;
}

SocketsSnapshot SocketsSnapshot::build(const Simulation &simulation, std::span<const Event> stepEvents)
{
    SocketsSnapshot snapshot;
    snapshot.counters = simulation.counters(serverHost);
    snapshot.somaxconn = simulation.config().somaxconn;

    // What this step touched, and what the queues refused: the client of a refused segment is
    // the one the segment delivered just before the refusal came from.
    HostId lastDeliveredFrom = noHost;
    for (const Event &event : stepEvents) {
        // An `expect` only looks: it changes nothing.
        if (event.kind != EventKind::Expect && event.socket != 0 && std::find(snapshot.changedSockets.begin(), snapshot.changedSockets.end(), event.socket)
                == snapshot.changedSockets.end())
            snapshot.changedSockets.push_back(event.socket);
        if (event.kind == EventKind::Deliver && event.host == serverHost && event.segment)
            lastDeliveredFrom = event.segment->clientHost;
        if (event.kind == EventKind::Queue && isRefusal(event.rule))
            snapshot.refusals.push_back({event.rule, lastDeliveredFrom});
    }

    if (const Socket *listener = listenerOfServer(simulation)) {
        Listener drawn;
        drawn.socket = listener->id;
        drawn.fd = listener->fd;
        drawn.port = listener->localPort;
        drawn.backlog = listener->backlog;
        drawn.synCapacity = std::max(listener->backlog, 1);
        drawn.acceptCapacity = listener->backlog + 1;
        for (SocketId id : listener->synQueue)
            drawn.synQueue.push_back(slotOf(simulation, id));
        for (SocketId id : listener->acceptQueue)
            drawn.acceptQueue.push_back(slotOf(simulation, id));
        drawn.blockedAccepts = listener->blockedAccepts;
        snapshot.listener = std::move(drawn);
    }

    // Descriptor tables: the server's always, a client's once it has made a socket.
    for (HostId host = serverHost; host <= lastClientHost; ++host) {
        Process process;
        process.host = host;
        bool everHadSocket = host == serverHost;
        for (int fd = 0; fd < 3; ++fd) {
            Descriptor stream;
            stream.fd = fd;
            process.descriptors.push_back(stream);
        }
        for (const Socket &socket : simulation.sockets()) {
            if (socket.host != host)
                continue;
            everHadSocket = true;
            if (socket.fd < 0)
                continue;
            Descriptor row;
            row.fd = socket.fd;
            row.socket = socket.id;
            row.kind = socket.kind == SocketKind::Listener ? Descriptor::Kind::Listener
                : socket.kind == SocketKind::Connection    ? Descriptor::Kind::Connection
                                                           : Descriptor::Kind::Unconnected;
            row.localPort = socket.localPort;
            row.peer = socket.peer;
            row.peerPort = socket.peerPort;
            row.state = socket.endpoint.state();
            row.unread = unreadBytes(simulation, socket);
            row.changed = snapshot.changed(socket.id);
            process.descriptors.push_back(row);
        }
        if (!everHadSocket)
            continue;
        std::sort(process.descriptors.begin(), process.descriptors.end(),
                  [](const Descriptor &a, const Descriptor &b) { return a.fd < b.fd; });
        snapshot.processes.push_back(std::move(process));
    }
    return snapshot;
}

SocketsSnapshot SocketsSnapshot::of(const LessonController &controller)
{
    const auto &events = controller.simulation().events();
    const int step = controller.currentStep();
    const std::size_t begin = step > 0 ? controller.eventCountAt(step - 1) : events.size();
    const std::size_t end = std::min(events.size(), controller.eventCountAt(step));
    const std::span<const Event> all(events);
    return build(controller.simulation(), begin < end ? all.subspan(begin, end - begin) : std::span<const Event>());
}

const SocketsSnapshot::Process *SocketsSnapshot::process(HostId host) const
{
    const auto it = std::find_if(processes.begin(), processes.end(), [host](const Process &p) { return p.host == host; });
    return it == processes.end() ? nullptr : &*it;
}

const SocketsSnapshot::Descriptor *SocketsSnapshot::descriptor(HostId host, int fd) const
{
    const Process *table = process(host);
    if (!table)
        return nullptr;
    const auto it = std::find_if(table->descriptors.begin(), table->descriptors.end(),
                                 [fd](const Descriptor &d) { return d.fd == fd; });
    return it == table->descriptors.end() ? nullptr : &*it;
}

bool SocketsSnapshot::changed(SocketId socket) const
{
    return socket != 0 && std::find(changedSockets.begin(), changedSockets.end(), socket) != changedSockets.end();
}

std::optional<SocketStateNow> socketStateNow(const Simulation &simulation, SocketId id)
{
    const Socket *socket = simulation.socketById(id);
    if (!socket)
        return std::nullopt;
    SocketStateNow now;
    now.side = sideOfHost(socket->host);
    now.state = socket->endpoint.state();
    const auto &events = simulation.events();
    for (auto it = events.rbegin(); it != events.rend(); ++it) {
        if (it->kind == EventKind::Transition && it->socket == id) {
            now.cameFrom = it->from;
            break;
        }
    }
    return now;
}

bool lessonShowsSockets(const Lesson &lesson)
{
    return lesson.usesSockets();
}
