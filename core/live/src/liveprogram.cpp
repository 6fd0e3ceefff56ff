// SPDX-License-Identifier: GPL-3.0-or-later
#include "tcpsim/live/liveprogram.h"

#include "tcpsim/model/echo.h"

#include <QCoreApplication>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

namespace tcpsim::live {

namespace {

constexpr int recvSize = 1024; // server.py's conn.recv(1024)

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

quint16 portOf(const sockaddr_storage &address)
{
    if (address.ss_family == AF_INET)
        return ntohs(reinterpret_cast<const sockaddr_in &>(address).sin_port);
    if (address.ss_family == AF_INET6)
        return ntohs(reinterpret_cast<const sockaddr_in6 &>(address).sin6_port);
    return 0;
}

} // namespace

struct LiveProgram::Lane {
    std::deque<Grant> grants;
    std::thread thread;
    QString name;
};

LiveProgram::LiveProgram(ServerDesign design, int listener, Callback callback)
    : m_design(design)
    , m_listener(listener)
    , m_callback(std::move(callback))
{
}

LiveProgram::~LiveProgram()
{
    stop();
}

bool LiveProgram::start()
{
    m_wake = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (m_wake < 0)
        return false;
    if (m_design == ServerDesign::EpollEcho) {
        // epoll_create1(), then EPOLL_CTL_ADD the listener: the notes' event loop.
        m_epoll = ::epoll_create1(EPOLL_CLOEXEC);
        if (m_epoll < 0)
            return false;
        epoll_event listening{};
        listening.events = EPOLLIN;
        listening.data.fd = m_listener;
        epoll_event wake{};
        wake.events = EPOLLIN;
        wake.data.fd = m_wake;
        if (::epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_listener, &listening) != 0
            || ::epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wake, &wake) != 0)
            return false;
    }
    std::lock_guard lock(m_mutex);
    auto &main = m_lanes[0];
    main = std::make_unique<Lane>();
    startLane(*main, m_design == ServerDesign::BlockingEcho ? tr("worker thread")
                         : m_design == ServerDesign::ThreadEcho ? tr("accepting thread")
                                                                 : tr("event loop"));
    return main->thread.joinable();
}

void LiveProgram::startLane(Lane &lane, QString name)
{
    lane.name = std::move(name);
    try {
        lane.thread = std::thread([this, &lane] { run(&lane); });
    } catch (const std::system_error &) {
        // No thread: its calls are never made (the log says so at the next grant).
    }
}

LiveProgram::Lane &LiveProgram::laneFor(const Grant &grant)
{
    // thread-echo: the accepting thread accepts; each connection's own thread does the rest.
    if (m_design != ServerDesign::ThreadEcho || grant.call == Call::Accept)
        return *m_lanes[0];
    auto &lane = m_lanes[grant.peerPort];
    if (!lane)
        lane = std::make_unique<Lane>(); // its thread starts when accept() returns it
    return *lane;
}

void LiveProgram::grant(const Grant &grant)
{
    std::lock_guard lock(m_mutex);
    if (m_stopping || m_lanes.empty())
        return;
    laneFor(grant).grants.push_back(grant);
    m_granted.notify_all();
}

void LiveProgram::run(Lane *lane)
{
    for (;;) {
        Grant next;
        {
            std::unique_lock lock(m_mutex);
            m_granted.wait(lock, [&] { return m_stopping || !lane->grants.empty(); });
            if (m_stopping)
                return;
            next = lane->grants.front();
            lane->grants.pop_front();
        }
        perform(*lane, next);
    }
}

void LiveProgram::perform(Lane &lane, const Grant &grant)
{
    switch (grant.call) {
    case Call::Accept: doAccept(lane); break;
    case Call::Recv: doRecv(lane, grant.peerPort); break;
    case Call::Send: doSend(lane, grant.peerPort); break;
    case Call::Close: doClose(lane, grant.peerPort); break;
    case Call::EpollWait: doEpollWait(lane); break;
    default: break;
    }
}

bool LiveProgram::waitFor(int fd, short events)
{
    pollfd fds[2] = {{fd, events, 0}, {m_wake, POLLIN, 0}};
    for (;;) {
        const int ready = ::poll(fds, 2, -1);
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready < 0 || (fds[1].revents & POLLIN))
            return false;
        if (fds[0].revents != 0)
            return true;
    }
}

int LiveProgram::descriptorOf(quint16 peerPort)
{
    std::lock_guard lock(m_mutex);
    const auto found = m_descriptors.find(peerPort);
    return found != m_descriptors.end() ? found->second : -1;
}

void LiveProgram::report(Event event)
{
    std::lock_guard lock(m_callbackMutex);
    if (m_callback)
        m_callback(event);
}

void LiveProgram::doAccept(Lane &lane)
{
    if (m_design == ServerDesign::ThreadEcho) {
        std::lock_guard lock(m_mutex);
        int threads = 0;
        for (const auto &[port, each] : m_lanes)
            threads += each->thread.joinable() ? 1 : 0;
        if (threads - 1 >= maxThreads) { // the accepting thread and one per connection
            Event event;
            event.kind = Event::Kind::Error;
            event.thread = lane.name;
            event.text = tr("accept() not called: %1 threads are serving already; the connection waits in the "
                            "kernel's accept queue")
                             .arg(maxThreads);
            report(event);
            return;
        }
    }
    for (;;) {
        // accept(2) blocks until the kernel's accept queue holds a connection (the epoll design
        // calls it once epoll_wait() said the listener is ready).
        if (!waitFor(m_listener, POLLIN))
            return;
        sockaddr_storage address{};
        socklen_t length = sizeof address;
        const int fd = ::accept4(m_listener, reinterpret_cast<sockaddr *>(&address), &length,
                                 SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR || errno == ECONNABORTED)
                continue;
            Event event;
            event.kind = Event::Kind::Error;
            event.thread = lane.name;
            event.text = tr("accept() failed: %1").arg(errnoText(errno));
            report(event);
            return;
        }
        const quint16 port = portOf(address);
        {
            std::lock_guard lock(m_mutex);
            if (m_stopping) {
                ::close(fd);
                return;
            }
            m_descriptors[port] = fd;
            if (m_design == ServerDesign::EpollEcho) {
                epoll_event readable{};
                readable.events = EPOLLIN;
                readable.data.fd = fd;
                ::epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &readable); // epoll_ctl(EPOLL_CTL_ADD)
            }
            if (m_design == ServerDesign::ThreadEcho) {
                // threading.Thread(target=handle, args=(conn,)).start()
                auto &own = m_lanes[port];
                if (!own)
                    own = std::make_unique<Lane>();
                if (!own->thread.joinable())
                    startLane(*own, tr("thread %1").arg(m_nextThread++));
            }
        }
        Event event;
        event.kind = Event::Kind::Accepted;
        event.peerPort = port;
        event.descriptor = fd;
        event.thread = lane.name;
        report(event);
        return;
    }
}

LiveProgram::Event LiveProgram::callEvent(const Lane &lane, quint16 peerPort, int fd)
{
    Event event;
    event.peerPort = peerPort;
    event.descriptor = fd;
    event.thread = lane.name;
    return event;
}

bool LiveProgram::reportedMissing(Event event, const char *call)
{
    if (event.descriptor >= 0)
        return false;
    // The model's connection has no real one: the real accept() returned another (an outside
    // client's), or none yet.
    event.kind = Event::Kind::Error;
    event.text = tr("%1(): the real server has no connection from port %2").arg(QLatin1String(call)).arg(event.peerPort);
    report(event);
    return true;
}

void LiveProgram::doRecv(Lane &lane, quint16 peerPort)
{
    const int fd = descriptorOf(peerPort);
    Event event = callEvent(lane, peerPort, fd);
    if (reportedMissing(event, "recv"))
        return;
    char buffer[recvSize];
    for (;;) {
        // A blocking recv(): it waits for data or the end of the stream (the event loop's
        // recv() comes after epoll_wait() said the descriptor is ready).
        if (m_design != ServerDesign::EpollEcho && !waitFor(fd, POLLIN))
            return;
        const ssize_t got = ::recv(fd, buffer, sizeof buffer, 0);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            if (m_design != ServerDesign::EpollEcho)
                continue;
            event.kind = Event::Kind::Error;
            event.text = tr("recv() would block: the kernel has nothing for it yet");
        } else if (got < 0) {
            event.kind = Event::Kind::Error;
            event.text = tr("recv() failed: %1").arg(errnoText(errno));
        } else if (got == 0) {
            event.kind = Event::Kind::EndOfStream;
        } else {
            event.kind = Event::Kind::Received;
            event.data = QByteArray(buffer, qsizetype(got));
            std::lock_guard lock(m_mutex);
            m_lastReceived[fd] = event.data;
        }
        report(event);
        return;
    }
}

void LiveProgram::doSend(Lane &lane, quint16 peerPort)
{
    const int fd = descriptorOf(peerPort);
    Event event = callEvent(lane, peerPort, fd);
    if (reportedMissing(event, "send"))
        return;
    QByteArray received;
    {
        std::lock_guard lock(m_mutex);
        received = m_lastReceived[fd];
    }
    // conn.sendall("Hello, {}".format(data)): every byte, waiting while the kernel's send
    // buffer is full.
    const std::string reply = echoReply(std::string_view(received.constData(), std::size_t(received.size())));
    std::size_t sent = 0;
    while (sent < reply.size()) {
        const ssize_t wrote = ::send(fd, reply.data() + sent, reply.size() - sent, MSG_NOSIGNAL);
        if (wrote > 0) {
            sent += std::size_t(wrote);
        } else if (wrote < 0 && errno == EINTR) {
            continue;
        } else if (wrote < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            if (!waitFor(fd, POLLOUT))
                return;
        } else {
            event.kind = Event::Kind::Error;
            event.text = tr("send() failed: %1").arg(errnoText(errno));
            report(event);
            return;
        }
    }
    event.kind = Event::Kind::Sent;
    event.data = QByteArray(reply.data(), qsizetype(reply.size()));
    report(event);
}

void LiveProgram::doClose(Lane &lane, quint16 peerPort)
{
    int fd = -1;
    {
        std::lock_guard lock(m_mutex);
        const auto found = m_descriptors.find(peerPort);
        if (found != m_descriptors.end()) {
            fd = found->second;
            m_descriptors.erase(found);
            m_lastReceived.erase(fd);
            if (m_epoll >= 0)
                ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr); // epoll_ctl(EPOLL_CTL_DEL)
        }
    }
    Event event = callEvent(lane, peerPort, fd);
    if (reportedMissing(event, "close"))
        return;
    ::close(fd);
    event.kind = Event::Kind::Closed;
    report(event);
}

void LiveProgram::doEpollWait(Lane &lane)
{
    if (m_epoll < 0)
        return;
    epoll_event events[32];
    for (;;) {
        // epoll_wait(epfd, events, maxevents, -1): blocks until a registered descriptor is
        // ready (level-triggered, as the notes' loop).
        const int ready = ::epoll_wait(m_epoll, events, 32, -1);
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready < 0)
            return;
        QString list;
        for (int i = 0; i < ready; ++i) {
            if (events[i].data.fd == m_wake)
                return; // stopping
            list += (list.isEmpty() ? QStringLiteral("fd ") : QStringLiteral(", fd "))
                + QString::number(events[i].data.fd);
        }
        Event event;
        event.kind = Event::Kind::Ready;
        event.text = list;
        event.thread = lane.name;
        report(event);
        return;
    }
}

void LiveProgram::stop()
{
    std::map<quint16, std::unique_ptr<Lane>> lanes;
    std::map<quint16, int> descriptors;
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping && m_lanes.empty() && m_wake < 0)
            return;
        m_stopping = true;
        lanes.swap(m_lanes);
        descriptors.swap(m_descriptors);
    }
    if (m_wake >= 0) {
        const quint64 one = 1;
        [[maybe_unused]] const ssize_t written = ::write(m_wake, &one, sizeof one); // wakes every poll()
    }
    m_granted.notify_all();
    for (auto &[port, lane] : lanes) {
        if (lane->thread.joinable())
            lane->thread.join();
    }
    // A RST for every connection still open (linger 0), so no TIME-WAIT is left over, as
    // LiveSession::reset() does for the lesson's other sockets.
    for (const auto &[port, fd] : descriptors) {
        const linger abortive{1, 0};
        ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &abortive, sizeof abortive);
        ::close(fd);
    }
    if (m_epoll >= 0)
        ::close(m_epoll);
    if (m_wake >= 0)
        ::close(m_wake);
    m_epoll = -1;
    m_wake = -1;
}

} // namespace tcpsim::live
