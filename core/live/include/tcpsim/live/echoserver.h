// SPDX-License-Identifier: GPL-3.0-or-later
// The seed notes' three echo servers for real, on raw POSIX sockets (what `tcpsim-cli serve`
// runs, and what the window's live pane can run): every recv() of up to 1024 bytes is answered
// with "Hello, <data>" (echoReply()), as server.py does.
//
//   Blocking         one worker thread: accept(), recv()/send-all until recv() returns 0,
//                    close(), accept() again. One client at a time; the next ones complete
//                    their handshake in the kernel and wait, ESTABLISHED, in its accept queue.
//   ThreadPerClient  an accept loop and a thread per client, at most maxConnections; over the
//                    cap accept() is not called, so the excess waits in the kernel's queue.
//   EventLoop        one thread, level-triggered epoll, non-blocking sockets, a per-connection
//                    answer buffer capped at maxBufferedBytes (a client that does not read its
//                    answers is not read from until it does), at most maxConnections.
//
// Every design reads to EOF, answers every byte, then closes (a client that half-closes still
// gets its answers). listen() gets `backlog` (default 5, the notes' listen(5)); beyond the
// accept queue (backlog + 1 on Linux) new SYNs go unanswered and clients retry them. Connections
// that send nothing for idleTimeoutMs are closed, so idle clients cannot lock a class out.
// stop() wakes every blocked call (shutdown() on the sockets, an eventfd for epoll), joins the
// threads and closes every descriptor.
//
// Events go to a callback, called from the server's threads one at a time (never concurrently).
// A Qt consumer forwards them with QMetaObject::invokeMethod(..., Qt::QueuedConnection).
#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QHostAddress>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace tcpsim::live {

enum class EchoServerDesign { Blocking, ThreadPerClient, EventLoop };

// "blocking", "threads", "epoll" (also the model's blocking-echo, thread-echo, epoll-echo).
std::optional<EchoServerDesign> echoServerDesignFromName(QStringView name);
QString echoServerDesignName(EchoServerDesign design);

struct EchoServerOptions {
    static constexpr quint16 defaultPort = 3267;
    static constexpr int defaultBacklog = 5;              // the notes' listen(5)
    static constexpr int defaultIdleTimeoutMs = 60 * 1000;
    static constexpr int defaultMaxThreads = 256;         // ThreadPerClient
    static constexpr int defaultMaxEventLoopConnections = 1024;
    static constexpr int defaultMaxBufferedBytes = 64 * 1024;
    static constexpr int receivePreviewBytes = 256;       // Received events carry at most this

    EchoServerDesign design = EchoServerDesign::EventLoop;
    QHostAddress address = QHostAddress(QHostAddress::LocalHost);
    quint16 port = defaultPort; // 0: any free port
    int backlog = defaultBacklog;
    int idleTimeoutMs = defaultIdleTimeoutMs; // 0: never
    int maxConnections = 0;                   // 0: the design's default (Blocking: always 1)
    int maxBufferedBytes = defaultMaxBufferedBytes;
    // Received events cost a copy per recv(): a server under load (tcpsim-cli serve --quiet,
    // the bench) omits them and reports only connections.
    enum class DataEvents { Reported, Omitted };
    DataEvents dataEvents = DataEvents::Reported;

    int effectiveMaxConnections() const;
};

struct EchoServerEvent {
    enum class Kind {
        Listening,       // text: "listening on 127.0.0.1:3267 (backlog 5)"
        Accepted,        // accept() returned a connection (state ESTABLISHED)
        Received,        // data: what recv() returned (at most receivePreviewBytes), bytes: its
                         // length; the answer echoReply(data) is sent or queued
        PeerClosed,      // recv() returned 0: the client's FIN (state CLOSE-WAIT)
        Closed,          // every answer written, close(): our FIN (state LAST-ACK) or a RST
        CapacityReached, // text: why accept() is no longer called
        CapacityFreed,
        Error,           // text; connection 0: the server's own
        Stopped,
    };
    Kind kind = Kind::Error;
    int connection = 0; // 1, 2, ... in accept order; 0: the listening socket
    int descriptor = -1;
    QString peer;       // "127.0.0.1:40000"; Listening: the listening address "127.0.0.1:3267"
    QByteArray data;
    qint64 bytes = 0;
    QString state;      // the connection's TCP state after the event, where known
    QString text;       // a sentence: why it closed, a warning, an error
};

using EchoServerCallback = std::function<void(const EchoServerEvent &)>;

class EchoServerRunner;

class EchoServer
{
    Q_DECLARE_TR_FUNCTIONS(EchoServer)

public:
    enum class Error { None, AddressInUse, CannotListen, CannotStart };

    explicit EchoServer(const EchoServerOptions &options, EchoServerCallback callback = {});
    ~EchoServer(); // stop()
    EchoServer(const EchoServer &) = delete;
    EchoServer &operator=(const EchoServer &) = delete;

    // socket(), bind(), listen(backlog), then the design's threads. False: error(), errorString().
    bool start();
    // Wakes and joins every thread, closes every descriptor. Safe to call twice.
    void stop();
    bool isRunning() const;

    const EchoServerOptions &options() const { return m_options; }
    quint16 port() const { return m_port; } // the bound port (useful with port 0)
    int listeningDescriptor() const { return m_listener; }
    Error error() const { return m_error; }
    QString errorString() const { return m_errorString; }

private:
    EchoServerOptions m_options;
    EchoServerCallback m_callback;
    std::unique_ptr<EchoServerRunner> m_runner;
    int m_listener = -1;
    quint16 m_port = 0;
    Error m_error = Error::None;
    QString m_errorString;
};

} // namespace tcpsim::live
