// The seed notes' echo server, in Qt: listens on 127.0.0.1 (port 3267 unless it is taken) and
// answers every chunk it receives with "Hello, <chunk>", as server.py does with
// conn.sendall("Hello, {}".format(data)) after each recv. Safe against any client: a cap on
// connections, a bounded read buffer and a bounded write backlog per connection (a client that
// does not read its answers is not read from either), binary data passed through as bytes.
#pragma once

#include "tcpsim/live/kerneltable.h"
#include "tcpsim/live/livesocket.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTcpServer>

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
};

class LiveServer : public QObject
{
    Q_OBJECT

public:
    static constexpr int defaultMaxConnections = 64;
    static constexpr qint64 defaultMaxBufferedBytes = 64 * 1024;

    explicit LiveServer(QObject *parent = nullptr);
    ~LiveServer() override;

    // Listens on address:port; if the port is taken, on a free port (message() says which).
    // Anything but a loopback address is refused unless allowNonLoopback() was set, and then
    // message() carries a warning. Port 0: any free port.
    bool listen(const QHostAddress &address = QHostAddress::LocalHost,
                quint16 port = defaultServerPort);
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
#if QT_VERSION >= QT_VERSION_CHECK(6, 3, 0)
    void setListenBacklogSize(int size) { m_server.setListenBacklogSize(size); }
    int listenBacklogSize() const { return m_server.listenBacklogSize(); }
#else
    // Before Qt 6.3 QTcpServer always passed 50 to listen().
    int listenBacklogSize() const { return 50; }
#endif

    // accept() deferred: connections wait, ESTABLISHED, in the kernel's accept queue.
    void pauseAccepting();
    void resumeAccepting();
    bool isAcceptPaused() const { return m_paused; }

    // The connection whose client end is this local port is the lesson's: it is held (see
    // LiveSocket::hold()) and does not echo: the lesson's send steps answer.
    void setHeldPeerPort(quint16 port) { m_heldPeerPort = port; }

    QList<ServerConnectionInfo> connections() const;
    LiveSocket *connection(int id) const;
    // The accepted connection whose client end is 127.0.0.1:peerPort.
    LiveSocket *connectionForPeerPort(quint16 peerPort) const;
    int connectionCount() const { return int(m_connections.size()); }
    qint64 refusedCount() const { return m_refused; }

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
    struct Connection {
        int id = 0;
        LiveSocket *socket = nullptr;
    };
    void acceptPending();
    void serve(int id);
    void release(int id);

    QTcpServer m_server;
    QList<Connection> m_connections;
    QString m_errorString;
    int m_nextId = 1;
    int m_maxConnections = defaultMaxConnections;
    qint64 m_maxBufferedBytes = defaultMaxBufferedBytes;
    qint64 m_refused = 0;
    quint16 m_heldPeerPort = 0;
    bool m_paused = false;
    bool m_allowNonLoopback = false;
};

} // namespace tcpsim::live
