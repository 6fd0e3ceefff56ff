// SPDX-License-Identifier: GPL-3.0-or-later
#include "tcpsim/live/echoserver.h"

#include "echoserverrunner.h"
#include "tcpsim/live/kerneltable.h"
#include "tcpsim/model/echo.h"

#include <cerrno>
#include <cstring>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace tcpsim::live {

std::unique_ptr<EchoServerRunner> makeBlockingRunner(const EchoServerOptions &, int, EchoServerCallback);
std::unique_ptr<EchoServerRunner> makeThreadRunner(const EchoServerOptions &, int, EchoServerCallback);
std::unique_ptr<EchoServerRunner> makeEpollRunner(const EchoServerOptions &, int, EchoServerCallback);

std::optional<EchoServerDesign> echoServerDesignFromName(QStringView name)
{
    if (name == u"blocking" || name == u"blocking-echo")
        return EchoServerDesign::Blocking;
    if (name == u"threads" || name == u"thread" || name == u"thread-echo")
        return EchoServerDesign::ThreadPerClient;
    if (name == u"epoll" || name == u"epoll-echo")
        return EchoServerDesign::EventLoop;
    return std::nullopt;
}

QString echoServerDesignName(EchoServerDesign design)
{
    switch (design) {
    case EchoServerDesign::Blocking: return QStringLiteral("blocking");
    case EchoServerDesign::ThreadPerClient: return QStringLiteral("threads");
    case EchoServerDesign::EventLoop: return QStringLiteral("epoll");
    }
    return {};
}

int EchoServerOptions::effectiveMaxConnections() const
{
    switch (design) {
    case EchoServerDesign::Blocking: return 1;
    case EchoServerDesign::ThreadPerClient: return maxConnections > 0 ? maxConnections : defaultMaxThreads;
    case EchoServerDesign::EventLoop:
        return maxConnections > 0 ? maxConnections : defaultMaxEventLoopConnections;
    }
    return 1;
}

// --- EchoServer --------------------------------------------------------------------------

EchoServer::EchoServer(const EchoServerOptions &options, EchoServerCallback callback)
    : m_options(options), m_callback(std::move(callback))
{
}

EchoServer::~EchoServer()
{
    stop();
}

bool EchoServer::isRunning() const
{
    return m_runner != nullptr;
}

bool EchoServer::start()
{
    if (m_runner)
        return true;
    m_error = Error::None;
    m_errorString.clear();
    const QString endpoint = formatEndpoint(m_options.address, m_options.port);
    sockaddr_storage storage{};
    socklen_t length = 0;
    int family = AF_INET;
    if (m_options.address.protocol() == QAbstractSocket::IPv6Protocol) {
        family = AF_INET6;
        auto *address = reinterpret_cast<sockaddr_in6 *>(&storage);
        address->sin6_family = AF_INET6;
        address->sin6_port = htons(m_options.port);
        const Q_IPV6ADDR bytes = m_options.address.toIPv6Address();
        std::memcpy(&address->sin6_addr, bytes.c, sizeof bytes.c);
        length = sizeof *address;
    } else if (m_options.address.protocol() == QAbstractSocket::IPv4Protocol) {
        auto *address = reinterpret_cast<sockaddr_in *>(&storage);
        address->sin_family = AF_INET;
        address->sin_port = htons(m_options.port);
        address->sin_addr.s_addr = htonl(m_options.address.toIPv4Address());
        length = sizeof *address;
    } else {
        m_error = Error::CannotListen;
        m_errorString = tr("cannot listen on %1: not an IPv4 or IPv6 address").arg(m_options.address.toString());
        return false;
    }
    // The epoll design's listener is non-blocking; the others block in accept().
    const int type = SOCK_STREAM | SOCK_CLOEXEC
        | (m_options.design == EchoServerDesign::EventLoop ? SOCK_NONBLOCK : 0);
    const int fd = ::socket(family, type, 0);
    if (fd < 0) {
        m_error = Error::CannotListen;
        m_errorString = tr("cannot listen on %1: %2").arg(endpoint, QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    // Every server sets it: a restarted server can bind while old connections sit in TIME-WAIT.
    const int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (::bind(fd, reinterpret_cast<sockaddr *>(&storage), length) != 0
        || ::listen(fd, qMax(1, m_options.backlog)) != 0) {
        const int error = errno;
        ::close(fd);
        m_error = error == EADDRINUSE ? Error::AddressInUse : Error::CannotListen;
        m_errorString = error == EADDRINUSE
            ? tr("cannot listen on %1: the port is in use (another server, or tcpsim-cli serve, already "
                 "listens there); choose another with --port")
                  .arg(endpoint)
            : tr("cannot listen on %1: %2").arg(endpoint, QString::fromLocal8Bit(std::strerror(error)));
        return false;
    }
    socklen_t boundLength = sizeof storage;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&storage), &boundLength);
    m_port = ntohs(family == AF_INET6 ? reinterpret_cast<sockaddr_in6 *>(&storage)->sin6_port
                                      : reinterpret_cast<sockaddr_in *>(&storage)->sin_port);
    m_listener = fd;

    switch (m_options.design) {
    case EchoServerDesign::Blocking: m_runner = makeBlockingRunner(m_options, fd, m_callback); break;
    case EchoServerDesign::ThreadPerClient: m_runner = makeThreadRunner(m_options, fd, m_callback); break;
    case EchoServerDesign::EventLoop: m_runner = makeEpollRunner(m_options, fd, m_callback); break;
    }
    EchoServerEvent listening;
    listening.kind = EchoServerEvent::Kind::Listening;
    listening.descriptor = fd;
    listening.peer = formatEndpoint(m_options.address, m_port);
    listening.state = QStringLiteral("LISTEN");
    listening.text = tr("%1 echo server listening on %2 (backlog %3, fd %4)")
                         .arg(echoServerDesignName(m_options.design), formatEndpoint(m_options.address, m_port))
                         .arg(m_options.backlog)
                         .arg(fd);
    m_runner->report(listening);
    if (!m_runner->start()) {
        m_runner->requestStop();
        ::shutdown(fd, SHUT_RDWR);
        m_runner->stop();
        m_runner.reset();
        ::close(fd);
        m_listener = -1;
        m_error = Error::CannotStart;
        m_errorString = tr("cannot start the server's threads");
        return false;
    }
    return true;
}

void EchoServer::stop()
{
    if (!m_runner)
        return;
    m_runner->requestStop();
    // Wakes a thread blocked in accept() (Linux returns EINVAL from it).
    ::shutdown(m_listener, SHUT_RDWR);
    m_runner->stop();
    ::close(m_listener);
    EchoServerEvent stopped;
    stopped.kind = EchoServerEvent::Kind::Stopped;
    stopped.descriptor = m_listener;
    stopped.state = QStringLiteral("CLOSED");
    stopped.text = tr("stopped: every connection and the listening socket closed");
    m_runner->report(stopped);
    m_runner.reset();
    m_listener = -1;
}

// --- EchoServerRunner --------------------------------------------------------------------

EchoServerRunner::EchoServerRunner(const EchoServerOptions &options, int listener, EchoServerCallback callback)
    : m_options(options), m_listener(listener), m_callback(std::move(callback)),
      m_reportData(m_callback && options.dataEvents == EchoServerOptions::DataEvents::Reported)
{
}

void EchoServerRunner::report(const EchoServerEvent &event)
{
    if (!m_callback)
        return;
    const std::lock_guard lock(m_callbackMutex);
    m_callback(event);
}

void EchoServerRunner::reportError(int connection, const QString &text)
{
    EchoServerEvent event;
    event.kind = EchoServerEvent::Kind::Error;
    event.connection = connection;
    event.text = text;
    report(event);
}

void EchoServerRunner::registerDescriptor(int fd)
{
    const std::lock_guard lock(m_registryMutex);
    m_registered.insert(fd);
}

void EchoServerRunner::closeRegistered(int fd)
{
    const std::lock_guard lock(m_registryMutex);
    m_registered.erase(fd);
    ::close(fd);
}

void EchoServerRunner::shutdownRegistered()
{
    const std::lock_guard lock(m_registryMutex);
    for (int fd : m_registered)
        ::shutdown(fd, SHUT_RDWR);
}

QString peerText(const sockaddr_storage &address)
{
    QHostAddress host(reinterpret_cast<const sockaddr *>(&address));
    const quint16 port = address.ss_family == AF_INET6
        ? ntohs(reinterpret_cast<const sockaddr_in6 *>(&address)->sin6_port)
        : ntohs(reinterpret_cast<const sockaddr_in *>(&address)->sin_port);
    return formatEndpoint(host, port);
}

QByteArray receivedPreview(const char *data, qsizetype size)
{
    return QByteArray(data, qMin<qsizetype>(size, EchoServerOptions::receivePreviewBytes));
}

int EchoServerRunner::acceptConnection(QString *peer, int flags)
{
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    const int fd = ::accept4(m_listener, reinterpret_cast<sockaddr *>(&address), &length, SOCK_CLOEXEC | flags);
    if (fd >= 0 && peer && reporting())
        *peer = peerText(address);
    return fd;
}

namespace {

void setTimeout(int fd, int option, int milliseconds)
{
    timeval timeout{};
    timeout.tv_sec = milliseconds / 1000;
    timeout.tv_usec = (milliseconds % 1000) * 1000;
    ::setsockopt(fd, SOL_SOCKET, option, &timeout, sizeof timeout);
}

} // namespace

void EchoServerRunner::serveBlocking(int fd, int id, const QString &peer)
{
    if (m_options.idleTimeoutMs > 0) {
        // recv() that waits this long for a byte, or send() that cannot move a byte this long,
        // returns EAGAIN: the connection is idle and closed.
        setTimeout(fd, SO_RCVTIMEO, m_options.idleTimeoutMs);
        setTimeout(fd, SO_SNDTIMEO, m_options.idleTimeoutMs);
    }
    EchoServerEvent event;
    event.connection = id;
    event.descriptor = fd;
    event.peer = peer;
    static constexpr size_t chunkSize = 1024; // the notes' conn.recv(1024)
    char buffer[echoGreeting.size() + chunkSize];
    std::memcpy(buffer, echoGreeting.data(), echoGreeting.size());
    char *const data = buffer + echoGreeting.size();
    QString closing;
    for (;;) {
        const ssize_t received = ::recv(fd, data, chunkSize, 0);
        if (received == 0) {
            if (stopping()) {
                closing = tr("closed: the server is stopping");
                break;
            }
            event.kind = EchoServerEvent::Kind::PeerClosed;
            event.state = QStringLiteral("CLOSE-WAIT");
            event.text = tr("recv() returned 0: the client sent FIN; every byte before it was answered");
            report(event);
            closing = tr("closed after the last answer: our FIN");
            break;
        }
        if (received < 0) {
            if (errno == EINTR)
                continue;
            closing = (errno == EAGAIN || errno == EWOULDBLOCK)
                ? tr("closed: idle for %1 s (nothing received)").arg(m_options.idleTimeoutMs / 1000.0)
                : tr("closed: recv() failed: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
            break;
        }
        if (reportingData()) {
            event.kind = EchoServerEvent::Kind::Received;
            event.data = receivedPreview(data, received);
            event.bytes = received;
            event.state = QStringLiteral("ESTABLISHED");
            event.text.clear();
            report(event);
            event.data.clear();
        }
        // sendall(): the blocking designs wait here while the client does not read.
        const size_t total = echoGreeting.size() + size_t(received);
        size_t sent = 0;
        while (sent < total) {
            const ssize_t n = ::send(fd, buffer + sent, total - sent, MSG_NOSIGNAL);
            if (n > 0) {
                sent += size_t(n);
            } else if (n < 0 && errno == EINTR) {
                continue;
            } else {
                break;
            }
        }
        if (sent < total) {
            closing = (errno == EAGAIN || errno == EWOULDBLOCK)
                ? tr("closed: the client read no answer for %1 s").arg(m_options.idleTimeoutMs / 1000.0)
                : tr("closed: send() failed: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
            break;
        }
    }
    closeRegistered(fd);
    event.kind = EchoServerEvent::Kind::Closed;
    event.data.clear();
    event.bytes = 0;
    event.state = QStringLiteral("LAST-ACK");
    event.text = closing;
    report(event);
}

} // namespace tcpsim::live
