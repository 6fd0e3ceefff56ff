// SPDX-License-Identifier: GPL-3.0-or-later
// The notes' third server: an event loop (the Reactor) on one thread, level-triggered epoll,
// non-blocking sockets. Fixes the notes' two bugs: a connection's state is never read after it
// is deleted (events carry a connection id, looked up), and EPOLLOUT sends the answer.
#include "echoserverrunner.h"
#include "tcpsim/model/echo.h"

#include <chrono>
#include <string>
#include <thread>
#include <unordered_map>

#include <cerrno>
#include <cstring>

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

namespace tcpsim::live {

namespace {

constexpr quint64 listenerTag = ~quint64(0);
constexpr quint64 wakeTag = ~quint64(0) - 1;
constexpr size_t chunkSize = 1024; // the notes' recv(1024)
// At most this many full chunks per readiness: other connections get their turn.
constexpr int chunksPerWakeup = 64;

qint64 nowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

class EpollRunner final : public EchoServerRunner
{
    Q_DECLARE_TR_FUNCTIONS(EchoServer)

public:
    using EchoServerRunner::EchoServerRunner;

    ~EpollRunner() override
    {
        if (m_epoll >= 0)
            ::close(m_epoll);
        if (m_wake >= 0)
            ::close(m_wake);
    }

    bool start() override
    {
        m_epoll = ::epoll_create1(EPOLL_CLOEXEC);
        m_wake = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
        if (m_epoll < 0 || m_wake < 0)
            return false;
        epoll_event wake{};
        wake.events = EPOLLIN;
        wake.data.u64 = wakeTag;
        ::epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wake, &wake);
        epoll_event listener{};
        listener.events = EPOLLIN;
        listener.data.u64 = listenerTag;
        ::epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_listener, &listener);
        m_accepting = true;
        try {
            m_thread = std::thread([this] { run(); });
        } catch (const std::system_error &) {
            return false;
        }
        return true;
    }

    void stop() override
    {
        const quint64 one = 1;
        [[maybe_unused]] const ssize_t written = ::write(m_wake, &one, sizeof one);
        if (m_thread.joinable())
            m_thread.join();
        // The loop has returned: nothing else touches the connections.
        for (auto &[id, connection] : m_connections)
            close(connection, tr("closed: the server is stopping"));
        m_connections.clear();
    }

private:
    struct Connection {
        int fd = -1;
        int id = 0;
        QString peer;
        std::string output;   // answer bytes the kernel did not take yet
        size_t outputOffset = 0;
        bool readClosed = false;
        bool readingPaused = false; // the answer buffer is full: not reading until it drains
        qint64 lastActivityMs = 0;

        size_t pending() const { return output.size() - outputOffset; }
    };

    void run()
    {
        epoll_event events[256];
        const int idle = m_options.idleTimeoutMs;
        const int sweepMs = idle > 0 ? qBound(10, idle / 4, 1000) : -1;
        qint64 nextSweep = idle > 0 ? nowMs() + sweepMs : 0;
        while (!stopping()) {
            int timeout = -1;
            if (idle > 0 && !m_connections.empty())
                timeout = int(qMax<qint64>(0, nextSweep - nowMs()));
            if (m_retryAcceptAt > 0)
                timeout = timeout < 0 ? 100 : qMin(timeout, 100);
            const int ready = ::epoll_wait(m_epoll, events, 256, timeout);
            if (ready < 0 && errno != EINTR) {
                reportError(0, tr("epoll_wait() failed: %1").arg(QString::fromLocal8Bit(std::strerror(errno))));
                break;
            }
            m_now = nowMs();
            for (int i = 0; i < ready; ++i) {
                const quint64 tag = events[i].data.u64;
                if (tag == wakeTag)
                    return;
                if (tag == listenerTag) {
                    acceptAll();
                    continue;
                }
                handle(int(tag), events[i].events);
            }
            if (m_retryAcceptAt > 0 && m_now >= m_retryAcceptAt) {
                m_retryAcceptAt = 0;
                setAccepting(true);
            }
            if (idle > 0 && m_now >= nextSweep) {
                closeIdle(idle);
                nextSweep = m_now + sweepMs;
            }
        }
    }

    void setAccepting(bool accepting)
    {
        if (accepting == m_accepting)
            return;
        m_accepting = accepting;
        // Not watching the listener: accept() is not called, the kernel queues connections.
        epoll_event listener{};
        listener.events = accepting ? quint32(EPOLLIN) : 0u;
        listener.data.u64 = listenerTag;
        ::epoll_ctl(m_epoll, EPOLL_CTL_MOD, m_listener, &listener);
    }

    void acceptAll()
    {
        const int cap = m_options.effectiveMaxConnections();
        while (int(m_connections.size()) < cap) {
            QString peer;
            const int fd = acceptConnection(&peer, SOCK_NONBLOCK);
            if (fd < 0) {
                if (stopping()) // stop() shut the listener down
                    return;
                if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR || errno == ECONNABORTED)
                    return;
                // Out of descriptors or memory: leave the queue to the kernel for a moment.
                reportError(0, tr("accept() failed: %1; retrying in 100 ms")
                                   .arg(QString::fromLocal8Bit(std::strerror(errno))));
                setAccepting(false);
                m_retryAcceptAt = m_now + 100;
                return;
            }
            Connection connection;
            connection.fd = fd;
            connection.id = nextConnectionId();
            connection.peer = peer;
            connection.lastActivityMs = m_now;
            epoll_event event{};
            event.events = EPOLLIN;
            event.data.u64 = quint64(connection.id);
            ::epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &event);
            EchoServerEvent accepted;
            accepted.kind = EchoServerEvent::Kind::Accepted;
            accepted.connection = connection.id;
            accepted.descriptor = fd;
            accepted.peer = peer;
            accepted.state = QStringLiteral("ESTABLISHED");
            report(accepted);
            const int id = connection.id;
            m_connections.emplace(id, std::move(connection));
        }
        setAccepting(false);
        if (m_capacityReported)
            return;
        m_capacityReported = true;
        EchoServerEvent full;
        full.kind = EchoServerEvent::Kind::CapacityReached;
        full.text = tr("%1 connections open: the most this server takes. accept() is not called: new "
                       "connections wait in the kernel's accept queue (backlog %2), beyond it their "
                       "SYNs go unanswered and are retried, until one closes")
                        .arg(cap)
                        .arg(m_options.backlog);
        report(full);
    }

    void handle(int id, quint32 events)
    {
        const auto it = m_connections.find(id);
        if (it == m_connections.end())
            return; // closed earlier in this batch
        Connection &connection = it->second;
        if ((events & (EPOLLOUT | EPOLLERR | EPOLLHUP)) && connection.pending() > 0 && !flush(connection))
            return;
        if ((events & (EPOLLIN | EPOLLHUP | EPOLLERR)) && !connection.readClosed && !connection.readingPaused)
            receive(connection);
    }

    // Reads what is there and answers it; false if the connection was closed.
    bool receive(Connection &connection)
    {
        char buffer[echoGreeting.size() + chunkSize];
        std::memcpy(buffer, echoGreeting.data(), echoGreeting.size());
        char *const data = buffer + echoGreeting.size();
        for (int chunk = 0; chunk < chunksPerWakeup; ++chunk) {
            const ssize_t received = ::recv(connection.fd, data, chunkSize, 0);
            if (received < 0) {
                if (errno == EINTR)
                    continue;
                if (errno == EAGAIN || errno == EWOULDBLOCK)
                    return true;
                return release(connection, tr("closed: recv() failed: %1").arg(QString::fromLocal8Bit(std::strerror(errno))));
            }
            if (received == 0) {
                connection.readClosed = true;
                EchoServerEvent closed;
                closed.kind = EchoServerEvent::Kind::PeerClosed;
                closed.connection = connection.id;
                closed.descriptor = connection.fd;
                closed.peer = connection.peer;
                closed.state = QStringLiteral("CLOSE-WAIT");
                closed.text = tr("recv() returned 0: the client sent FIN; every byte before it is answered");
                report(closed);
                if (connection.pending() == 0)
                    return release(connection, tr("closed after the last answer: our FIN"));
                watch(connection, EPOLLOUT); // the rest of the answers, then close
                return true;
            }
            connection.lastActivityMs = m_now;
            if (reportingData()) {
                EchoServerEvent event;
                event.kind = EchoServerEvent::Kind::Received;
                event.connection = connection.id;
                event.descriptor = connection.fd;
                event.peer = connection.peer;
                event.data = receivedPreview(data, received);
                event.bytes = received;
                event.state = QStringLiteral("ESTABLISHED");
                report(event);
            }
            if (!answer(connection, buffer, echoGreeting.size() + size_t(received)))
                return false;
            if (connection.readingPaused || size_t(received) < chunkSize)
                return true; // drained (level-triggered: epoll says if more came)
        }
        return true;
    }

    // Sends at once what the kernel takes, buffers the rest; false if the connection was closed.
    bool answer(Connection &connection, const char *bytes, size_t size)
    {
        size_t sent = 0;
        if (connection.pending() == 0) {
            const ssize_t n = ::send(connection.fd, bytes, size, MSG_NOSIGNAL);
            if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
                return release(connection, tr("closed: send() failed: %1").arg(QString::fromLocal8Bit(std::strerror(errno))));
            sent = n > 0 ? size_t(n) : 0;
        }
        if (sent == size)
            return true;
        if (connection.outputOffset > 0 && connection.outputOffset == connection.output.size()) {
            connection.output.clear();
            connection.outputOffset = 0;
        }
        const bool wasEmpty = connection.pending() == 0;
        connection.output.append(bytes + sent, size - sent);
        if (connection.pending() >= size_t(m_options.maxBufferedBytes)) {
            // A client that does not read its answers is not read from: TCP's flow control
            // then stops it sending. Memory per connection stays bounded.
            connection.readingPaused = true;
            watch(connection, EPOLLOUT);
            EchoServerEvent full;
            full.kind = EchoServerEvent::Kind::Error;
            full.connection = connection.id;
            full.descriptor = connection.fd;
            full.peer = connection.peer;
            full.state = QStringLiteral("ESTABLISHED");
            full.text = tr("%1 answer bytes wait for the client to read them (the cap): not reading "
                           "from it until it does")
                            .arg(connection.pending());
            report(full);
        } else if (wasEmpty) {
            watch(connection, EPOLLIN | EPOLLOUT);
        }
        return true;
    }

    // EPOLLOUT: writes buffered answers; false if the connection was closed.
    bool flush(Connection &connection)
    {
        while (connection.pending() > 0) {
            const ssize_t n = ::send(connection.fd, connection.output.data() + connection.outputOffset,
                                     connection.pending(), MSG_NOSIGNAL);
            if (n > 0) {
                connection.outputOffset += size_t(n);
                connection.lastActivityMs = m_now;
                continue;
            }
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
                break;
            return release(connection, tr("closed: send() failed: %1").arg(QString::fromLocal8Bit(std::strerror(errno))));
        }
        if (connection.pending() > 0) {
            // Keep the buffer compact once most of it is written.
            if (connection.outputOffset > connection.output.size() / 2) {
                connection.output.erase(0, connection.outputOffset);
                connection.outputOffset = 0;
            }
            return true;
        }
        connection.output.clear();
        connection.outputOffset = 0;
        if (connection.readClosed)
            return release(connection, tr("closed after the last answer: our FIN"));
        connection.readingPaused = false;
        watch(connection, EPOLLIN);
        return true;
    }

    void watch(Connection &connection, quint32 events)
    {
        epoll_event event{};
        event.events = connection.readClosed ? (events & ~quint32(EPOLLIN)) : events;
        if (connection.readingPaused)
            event.events &= ~quint32(EPOLLIN);
        event.data.u64 = quint64(connection.id);
        ::epoll_ctl(m_epoll, EPOLL_CTL_MOD, connection.fd, &event);
    }

    void close(Connection &connection, const QString &why)
    {
        ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, connection.fd, nullptr);
        ::close(connection.fd);
        EchoServerEvent closed;
        closed.kind = EchoServerEvent::Kind::Closed;
        closed.connection = connection.id;
        closed.descriptor = connection.fd;
        closed.peer = connection.peer;
        closed.state = QStringLiteral("LAST-ACK");
        closed.text = why;
        report(closed);
    }

    // Closes and forgets the connection; always false ("closed") for the callers' returns.
    bool release(Connection &connection, const QString &why)
    {
        const int id = connection.id;
        close(connection, why);
        m_connections.erase(id);
        if (!m_accepting && m_retryAcceptAt == 0) {
            setAccepting(true);
            acceptAll(); // the kernel's queue may hold some already
            if (m_accepting && m_capacityReported) {
                m_capacityReported = false;
                EchoServerEvent freed;
                freed.kind = EchoServerEvent::Kind::CapacityFreed;
                freed.text = tr("a connection closed and the accept queue is empty: below the cap again");
                report(freed);
            }
        }
        return false;
    }

    void closeIdle(int idleMs)
    {
        std::vector<int> idle;
        for (const auto &[id, connection] : m_connections) {
            if (m_now - connection.lastActivityMs >= idleMs)
                idle.push_back(id);
        }
        const QString why = tr("closed: idle for %1 s (nothing received or sent)").arg(idleMs / 1000.0);
        for (int id : idle) {
            const auto it = m_connections.find(id);
            if (it != m_connections.end())
                release(it->second, why);
        }
    }

    std::thread m_thread;
    std::unordered_map<int, Connection> m_connections;
    int m_epoll = -1;
    int m_wake = -1;
    bool m_accepting = false;
    bool m_capacityReported = false;
    qint64 m_retryAcceptAt = 0;
    qint64 m_now = 0;
};

} // namespace

std::unique_ptr<EchoServerRunner> makeEpollRunner(const EchoServerOptions &options, int listener,
                                                  EchoServerCallback callback)
{
    return std::make_unique<EpollRunner>(options, listener, std::move(callback));
}

} // namespace tcpsim::live
