#include "tcpsim/live/liveserver.h"

#include "tcpsim/live/livesocket.h"
#include "tcpsim/model/echo.h"

#include <QCoreApplication>
#include <QTcpSocket>

namespace tcpsim::live {

LiveServer::LiveServer(QObject *parent) : QObject(parent)
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 4, 0)
    // Emitted only for connections QTcpServer has actually queued (not while paused).
    connect(&m_server, &QTcpServer::pendingConnectionAvailable, this, &LiveServer::acceptPending);
#else
    connect(&m_server, &QTcpServer::newConnection, this, &LiveServer::acceptPending);
#endif
}

LiveServer::~LiveServer()
{
    close();
}

bool LiveServer::listen(const QHostAddress &address, quint16 port)
{
    if (m_server.isListening())
        return true;
    if (!address.isLoopback()) {
        if (!m_allowNonLoopback) {
            m_errorString = tr("refusing to listen on %1: only loopback unless explicitly allowed")
                                .arg(address.toString());
            emit message(m_errorString);
            return false;
        }
        emit message(tr("WARNING: listening on %1, reachable from other machines; the echo "
                        "server answers anyone who connects")
                         .arg(address.toString()));
    }
    // The whole accept queue must be visible in the kernel while accept() is paused.
    m_server.setMaxPendingConnections(m_maxConnections);
    if (!m_server.listen(address, port)) {
        if (port == 0 || m_server.serverError() != QAbstractSocket::AddressInUseError) {
            m_errorString = m_server.errorString();
            emit message(tr("cannot listen on %1: %2").arg(formatEndpoint(address, port), m_errorString));
            return false;
        }
        const QString taken = m_server.errorString();
        if (!m_server.listen(address, 0)) {
            m_errorString = m_server.errorString();
            emit message(tr("cannot listen on %1: %2").arg(formatEndpoint(address, 0), m_errorString));
            return false;
        }
        emit message(tr("port %1 is taken (%2): listening on %3 instead")
                         .arg(port)
                         .arg(taken, formatEndpoint(m_server.serverAddress(), m_server.serverPort())));
    } else {
        emit message(tr("listening on %1").arg(formatEndpoint(m_server.serverAddress(), m_server.serverPort())));
    }
    m_errorString.clear();
    if (m_paused)
        m_server.pauseAccepting();
    emit listeningChanged(true);
    return true;
}

void LiveServer::close()
{
    const bool wasListening = m_server.isListening();
    m_server.close();
    const QList<Connection> connections = std::exchange(m_connections, {});
    for (const Connection &connection : connections) {
        connection.socket->disconnect(this);
        delete connection.socket;
    }
    if (wasListening)
        emit listeningChanged(false);
}

void LiveServer::pauseAccepting()
{
    m_paused = true;
    if (m_server.isListening()) // Qt 6.4 dereferences its socket engine
        m_server.pauseAccepting();
}

void LiveServer::resumeAccepting()
{
    m_paused = false;
    if (m_server.isListening())
        m_server.resumeAccepting();
    // Connections Qt had already taken off the kernel queue before the pause.
    acceptPending();
}

QList<ServerConnectionInfo> LiveServer::connections() const
{
    QList<ServerConnectionInfo> list;
    list.reserve(m_connections.size());
    for (const Connection &connection : m_connections) {
        const LiveSocket *socket = connection.socket;
        ServerConnectionInfo info;
        info.id = connection.id;
        info.tuple = socket->tuple();
        info.descriptor = socket->descriptor();
        info.held = socket->isHeld();
        info.writeClosed = socket->isWriteClosed();
        info.readClosed = socket->isReadClosed();
        info.bytesIn = socket->bytesIn();
        info.bytesOut = socket->bytesOut();
        info.bufferedBytes = socket->socket()->bytesToWrite();
        list.append(info);
    }
    return list;
}

LiveSocket *LiveServer::connection(int id) const
{
    for (const Connection &connection : m_connections) {
        if (connection.id == id)
            return connection.socket;
    }
    return nullptr;
}

LiveSocket *LiveServer::connectionForPeerPort(quint16 peerPort) const
{
    for (const Connection &connection : m_connections) {
        if (connection.socket->tuple().remotePort == peerPort)
            return connection.socket;
    }
    return nullptr;
}

void LiveServer::acceptPending()
{
    if (m_paused)
        return;
    while (m_server.hasPendingConnections()) {
        QTcpSocket *socket = m_server.nextPendingConnection();
        if (!socket)
            break;
        if (m_connections.size() >= m_maxConnections) {
            // Over the cap: close at once (the client reads EOF), never buffer for it.
            ++m_refused;
            emit message(tr("connection from %1 closed: the server already has %2 connections")
                             .arg(formatEndpoint(socket->peerAddress(), socket->peerPort()))
                             .arg(m_maxConnections));
            socket->abort();
            socket->deleteLater();
            continue;
        }
        // Qt never buffers more than this from the kernel; the rest waits in the kernel's
        // receive buffer (and then the client's send buffer): TCP flow control does the rest.
        socket->setReadBufferSize(m_maxBufferedBytes);
        const int id = m_nextId++;
        auto *live = new LiveSocket(socket, this);
        m_connections.append({id, live});
        if (m_heldPeerPort != 0 && live->tuple().remotePort == m_heldPeerPort)
            live->hold();
        connect(socket, &QIODevice::readyRead, this, [this, id] { serve(id); });
        connect(socket, &QIODevice::bytesWritten, this, [this, id] { serve(id); });
        connect(socket, &QAbstractSocket::stateChanged, this, [this, id] { emit connectionUpdated(id); });
        connect(live, &LiveSocket::released, this, [this, id] { release(id); });
        emit connectionAccepted(id, live);
        serve(id); // data may have arrived with the handshake
    }
}

void LiveServer::serve(int id)
{
    LiveSocket *live = connection(id);
    if (!live)
        return;
    QTcpSocket *socket = live->socket();
    bool changed = false;
    // Echo per chunk, as server.py does per recv(1024). The answer backlog stays under the cap:
    // a client that does not read is not read from.
    static constexpr qint64 chunkSize = 1024;
    static const QByteArray hello(echoGreeting.data(), qsizetype(echoGreeting.size()));
    while (socket->bytesAvailable() > 0 && socket->bytesToWrite() < m_maxBufferedBytes) {
        const QByteArray chunk = socket->read(chunkSize);
        if (chunk.isEmpty())
            break;
        live->addBytesIn(chunk.size());
        changed = true;
        // The lesson's own connection answers only when the lesson says so (its send steps).
        if (!live->isHeld() && !live->isWriteClosed())
            live->send(hello + chunk);
    }
    if (changed)
        emit connectionUpdated(id);
}

void LiveServer::release(int id)
{
    for (qsizetype i = 0; i < m_connections.size(); ++i) {
        if (m_connections[i].id != id)
            continue;
        LiveSocket *socket = m_connections[i].socket;
        m_connections.removeAt(i);
        socket->disconnect(this);
        socket->deleteLater();
        emit connectionReleased(id);
        // A place is free again for a connection Qt left pending.
        acceptPending();
        return;
    }
}

} // namespace tcpsim::live
