// SPDX-License-Identifier: GPL-3.0-or-later
// The seed notes' echo server, in Qt: listens on 127.0.0.1 (port 3267 unless it is taken) and
// answers every chunk it receives with "Hello, <chunk>", as server.py does with
// conn.sendall("Hello, {}".format(data)) after each recv. Every byte is answered, also when the
// client shuts down its sending side first: the server reads to EOF, answers, then closes.
//
// Safe against a classroom: at most maxConnections() connections (512), each with a bounded
// read buffer and a bounded answer backlog (a client that does not read its answers is not read
// from either), so memory stays bounded. Connections over the cap are not accepted: accept()
// pauses and they wait in the kernel's accept queue (listenBacklogSize(), then SYNs are
// dropped and retried by the client) until a place frees. Outside connections that send nothing
// for idleTimeout() (60 s) are closed; the lesson's own connection never is. Binary data
// passes through as bytes.
#pragma once

#include "tcpsim/live/kerneltable.h"
#include "tcpsim/live/livesocket.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTcpServer>
#include <QTimer>

#include <functional>

namespace tcpsim::live {

// The seed notes' echo server listens on 127.0.0.1:3267.
inline constexpr quint16 defaultServerPort = 3267;

// What the server pane shows about one accepted connection.
struct ServerConnectionInfo {
    int id = 0;
    FourTuple tuple;              // from the server's end
    qintptr descriptor = -1;      // the connected socket's descriptor (-1: none left)
    bool held = false;            // a lesson holds it (CLOSE-WAIT kept until its close step)
    bool writeClosed = false;     // the server sent its FIN
    bool readClosed = false;      // the client's FIN was read
    qint64 bytesIn = 0;
    qint64 bytesOut = 0;
    qint64 bufferedBytes = 0;     // answer bytes not yet written to the kernel
    QByteArray received;          // the last bytes read (LiveSocket::tailBytes)
    QByteArray answered;          // the last bytes answered
};

class LiveServer : public QObject
{
    Q_OBJECT

public:
    static constexpr int defaultMaxConnections = 512;
    static constexpr qint64 defaultMaxBufferedBytes = 64 * 1024;
    // A class connecting at once fits; Qt's default is 50.
    static constexpr int defaultListenBacklog = 128;
    static constexpr int defaultIdleTimeoutMs = 60 * 1000;

    explicit LiveServer(QObject *parent = nullptr);
    ~LiveServer() override;

    // Listens on address:port; if the port is taken, on a free port (message() says which).
    // Anything but a loopback address is refused unless allowNonLoopback() was set, and then
    // message() carries a warning. Port 0: any free port.
    bool listen(const QHostAddress &address = QHostAddress::LocalHost,
                quint16 port = defaultServerPort);
    // Serves on a socket the caller made, bound and listen()ed itself (the address-in-use
    // lesson's raw descriptors: QTcpServer::listen() would set SO_REUSEADDR). Takes it over.
    bool listenOnDescriptor(qintptr descriptor);
    void close();
    bool isListening() const { return m_server.isListening(); }
    QHostAddress serverAddress() const { return m_server.serverAddress(); }
    quint16 serverPort() const { return m_server.serverPort(); }
    qintptr listeningDescriptor() const { return m_server.socketDescriptor(); }
    QString errorString() const { return m_errorString; }

    void setAllowNonLoopback(bool allow) { m_allowNonLoopback = allow; }
    void setMaxConnections(int count) { m_maxConnections = qMax(1, count); }
    int maxConnections() const { return m_maxConnections; }
    void setMaxBufferedBytes(qint64 bytes) { m_maxBufferedBytes = qMax<qint64>(1024, bytes); }
    qint64 maxBufferedBytes() const { return m_maxBufferedBytes; }
    // listen()'s backlog, for the next listen(); the kernel caps it at net.core.somaxconn.
    void setListenBacklogSize(int size) { m_listenBacklog = qMax(1, size); }
#if QT_VERSION >= QT_VERSION_CHECK(6, 3, 0)
    int listenBacklogSize() const { return m_listenBacklog; }
#else
    // Before Qt 6.3 QTcpServer always passed 50 to listen().
    int listenBacklogSize() const { return 50; }
#endif
    // Outside connections that send nothing for this long are closed; 0: never.
    void setIdleTimeout(int milliseconds);
    int idleTimeout() const { return m_idleTimeoutMs; }
    qint64 idleClosedCount() const { return m_idleClosed; }
    // accept() is paused because maxConnections() connections are open.
    bool isAtCapacity() const { return m_capacityPaused; }

    // accept() deferred: connections wait, ESTABLISHED, in the kernel's accept queue.
    void pauseAccepting();
    void resumeAccepting();
    bool isAcceptPaused() const { return m_paused; }
    // While paused: one accept(), as a program's accept() call does: the oldest connection in
    // the kernel's accept queue (or the next to arrive) is taken, the rest stay queued. False
    // if not listening, not paused, or at the connection cap.
    bool acceptOne();

    // The connection whose client end is this local port is the lesson's: it is held (see
    // LiveSocket::hold()) and does not echo: the lesson's send steps answer.
    void setHeldPeerPort(quint16 port) { m_heldPeerPort = port; }
    // The lesson's other clients (client2..): held likewise; cleared by clearHeldPeerPorts().
    void addHeldPeerPort(quint16 port) { m_otherHeldPeerPorts.insert(port); }
    void clearHeldPeerPorts()
    {
        m_heldPeerPort = 0;
        m_otherHeldPeerPorts.clear();
    }

    QList<ServerConnectionInfo> connections() const;
    LiveSocket *connection(int id) const;
    // The accepted connection whose client end is 127.0.0.1:peerPort.
    LiveSocket *connectionForPeerPort(quint16 peerPort) const;
    int connectionCount() const { return int(m_connections.size()); }

signals:
    void listeningChanged(bool listening);
    // accept() returned this connection.
    void connectionAccepted(int id, tcpsim::live::LiveSocket *socket);
    // Data arrived or an answer was written or the connection's state changed.
    void connectionUpdated(int id);
    // The server holds no descriptor of it any more.
    void connectionReleased(int id);
    // Human-readable notes: the port it fell back to, warnings, the connection cap.
    void message(const QString &text);

private:
    struct Connection;
    Connection *find(int id) const;
    void acceptPending();
    void takeOneAccepted();
    void adopt(QTcpSocket *socket);
    void updateAccepting();
    void startServing(); // after a listen: accepting as the cap and the pause allow
    void serve(int id);
    void onSocketReleased(int id);
    void release(int id);
    void closeIdleConnections();

    QTcpServer m_server;
    QList<Connection *> m_connections;
    QTimer *m_idleTimer = nullptr;
    QElapsedTimer m_clock;
    QString m_errorString;
    int m_nextId = 1;
    int m_maxConnections = defaultMaxConnections;
    qint64 m_maxBufferedBytes = defaultMaxBufferedBytes;
    int m_listenBacklog = defaultListenBacklog;
    int m_idleTimeoutMs = defaultIdleTimeoutMs;
    qint64 m_idleClosed = 0;
    quint16 m_heldPeerPort = 0;
    QSet<quint16> m_otherHeldPeerPorts;
    bool m_paused = false;
    int m_acceptsRequested = 0; // accept() calls asked for (acceptOne) and not yet made
    bool m_capacityPaused = false;
    bool m_allowNonLoopback = false;
};

} // namespace tcpsim::live
