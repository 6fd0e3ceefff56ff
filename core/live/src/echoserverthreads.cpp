// SPDX-License-Identifier: GPL-3.0-or-later
// The notes' first two servers: blocking (one client at a time) and thread per client.
#include "echoserverrunner.h"

#include <condition_variable>
#include <list>
#include <thread>

#include <cerrno>
#include <cstring>

#include <sys/socket.h>
#include <unistd.h>

namespace tcpsim::live {

namespace {

EchoServerEvent acceptedEvent(int id, int fd, const QString &peer)
{
    EchoServerEvent event;
    event.kind = EchoServerEvent::Kind::Accepted;
    event.connection = id;
    event.descriptor = fd;
    event.peer = peer;
    event.state = QStringLiteral("ESTABLISHED");
    return event;
}

// accept() failed: true to try again (a signal, a connection reset while queued, out of
// descriptors for a moment), false when the server is stopping.
bool acceptFailedRetry(EchoServerRunner *runner, int error)
{
    if (runner->stopping())
        return false;
    if (error == EINTR || error == ECONNABORTED)
        return true;
    runner->reportError(0, EchoServer::tr("accept() failed: %1; retrying in 100 ms")
                               .arg(QString::fromLocal8Bit(std::strerror(error))));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    return !runner->stopping();
}

// One worker: accept(), serve that client to its EOF, close(), accept() again. While it serves,
// the next clients' handshakes complete in the kernel and wait in the accept queue, their data
// unread in their receive buffers: "connected but not served".
class BlockingRunner final : public EchoServerRunner
{
    Q_DECLARE_TR_FUNCTIONS(EchoServer)

public:
    using EchoServerRunner::EchoServerRunner;

    bool start() override
    {
        try {
            m_worker = std::thread([this] { run(); });
        } catch (const std::system_error &) {
            return false;
        }
        return true;
    }

    void stop() override
    {
        shutdownRegistered();
        if (m_worker.joinable())
            m_worker.join();
    }

private:
    void run()
    {
        while (!stopping()) {
            QString peer;
            const int fd = acceptConnection(&peer, 0);
            if (fd < 0) {
                if (acceptFailedRetry(this, errno))
                    continue;
                break;
            }
            registerDescriptor(fd);
            if (stopping()) { // stop() may have shut down the registry just before
                closeRegistered(fd);
                break;
            }
            const int id = nextConnectionId();
            report(acceptedEvent(id, fd, peer));
            serveBlocking(fd, id, peer);
        }
    }

    std::thread m_worker;
};

// An accept loop and one thread per client, at most maxConnections at once. At the cap the loop
// does not call accept(): the next connections wait in the kernel's accept queue (backlog + 1),
// then their SYNs go unanswered and are retried; none is accepted and then closed unread.
class ThreadRunner final : public EchoServerRunner
{
    Q_DECLARE_TR_FUNCTIONS(EchoServer)

public:
    using EchoServerRunner::EchoServerRunner;

    bool start() override
    {
        try {
            m_acceptor = std::thread([this] { run(); });
        } catch (const std::system_error &) {
            return false;
        }
        return true;
    }

    void stop() override
    {
        {
            const std::lock_guard lock(m_mutex);
            m_wake.notify_all();
        }
        shutdownRegistered();
        if (m_acceptor.joinable())
            m_acceptor.join();
        // The acceptor has stopped: no new client thread can appear.
        shutdownRegistered();
        std::list<Client> clients;
        {
            const std::lock_guard lock(m_mutex);
            clients.swap(m_clients);
        }
        for (Client &client : clients)
            client.thread.join();
    }

private:
    struct Client {
        std::thread thread;
        bool finished = false;
    };

    void run()
    {
        const int cap = m_options.effectiveMaxConnections();
        while (!stopping()) {
            if (!waitForRoom(cap))
                break;
            QString peer;
            const int fd = acceptConnection(&peer, 0);
            if (fd < 0) {
                if (acceptFailedRetry(this, errno))
                    continue;
                break;
            }
            registerDescriptor(fd);
            if (stopping()) {
                closeRegistered(fd);
                break;
            }
            const int id = nextConnectionId();
            report(acceptedEvent(id, fd, peer));
            const std::lock_guard lock(m_mutex);
            m_clients.emplace_back();
            auto client = std::prev(m_clients.end());
            ++m_active;
            try {
                client->thread = std::thread([this, fd, id, peer, client] {
                    serveBlocking(fd, id, peer);
                    const std::lock_guard lock(m_mutex);
                    client->finished = true;
                    --m_active;
                    m_wake.notify_all();
                });
            } catch (const std::system_error &) {
                m_clients.erase(client);
                --m_active;
                closeRegistered(fd);
                reportError(id, tr("cannot create a thread for this client: closed"));
            }
        }
    }

    // Joins finished client threads; waits while `cap` clients are served. False: stopping.
    bool waitForRoom(int cap)
    {
        std::unique_lock lock(m_mutex);
        reapFinished();
        if (m_active < cap)
            return !stopping();
        EchoServerEvent full;
        full.kind = EchoServerEvent::Kind::CapacityReached;
        full.text = tr("%1 clients served, one thread each: the most this server takes. accept() "
                       "waits: new connections wait in the kernel's accept queue (backlog %2), "
                       "beyond it their SYNs go unanswered and are retried, until a client leaves")
                        .arg(cap)
                        .arg(m_options.backlog);
        lock.unlock();
        report(full);
        lock.lock();
        m_wake.wait(lock, [this, cap] { return stopping() || m_active < cap; });
        reapFinished();
        if (stopping())
            return false;
        lock.unlock();
        EchoServerEvent freed;
        freed.kind = EchoServerEvent::Kind::CapacityFreed;
        freed.text = tr("a client left: accept() again");
        report(freed);
        return true;
    }

    void reapFinished() // m_mutex held
    {
        for (auto it = m_clients.begin(); it != m_clients.end();) {
            if (it->finished) {
                it->thread.join(); // it has only the mutex's release left to do
                it = m_clients.erase(it);
            } else {
                ++it;
            }
        }
    }

    std::thread m_acceptor;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::list<Client> m_clients;
    int m_active = 0;
};

} // namespace

std::unique_ptr<EchoServerRunner> makeBlockingRunner(const EchoServerOptions &options, int listener,
                                                     EchoServerCallback callback)
{
    return std::make_unique<BlockingRunner>(options, listener, std::move(callback));
}

std::unique_ptr<EchoServerRunner> makeThreadRunner(const EchoServerOptions &options, int listener,
                                                   EchoServerCallback callback)
{
    return std::make_unique<ThreadRunner>(options, listener, std::move(callback));
}

} // namespace tcpsim::live
