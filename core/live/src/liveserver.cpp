// SPDX-License-Identifier: GPL-3.0-or-later
#include "tcpsim/live/liveserver.h"

#include "echooutput.h"
#include "tcpsim/live/livesocket.h"
#include "tcpsim/model/echo.h"

#include <QCoreApplication>
#include <QTcpSocket>

#include <memory>

namespace tcpsim::live {

struct LiveServer::Connection {
    int id = 0;
    LiveSocket *socket = nullptr;
    // Outside connections: the answers, on a duplicate descriptor (see echooutput.h). None for
    // the lesson's connection, which answers only at its send steps.
    std::unique_ptr<EchoOutput> output;
    qint64 lastActivityMs = 0;
};

LiveServer::LiveServer(QObject *parent) : QObject(parent)
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 4, 0)
    // Emitted only for connections QTcpServer has actually queued (not while paused).
    connect(&m_server, &QTcpServer::pendingConnectionAvailable, this, &LiveServer::acceptPending);
#else
    connect(&m_server, &QTcpServer::newConnection, this, &LiveServer::acceptPending);
#endif
    m_clock.start();
    m_idleTimer = new QTimer(this);
    connect(m_idleTimer, &QTimer::timeout, this, &LiveServer::closeIdleConnections);
}

LiveServer::~LiveServer()
{
    close();
}

void LiveServer::setIdleTimeout(int milliseconds)
{
    m_idleTimeoutMs = qMax(0, milliseconds);
    closeIdleConnections();
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
    // Qt accepts ahead into its own list until it holds this many: one, so that connections
    // over the cap, or before the lesson's accept step, wait in the kernel's accept queue.
    m_server.setMaxPendingConnections(1);
#if QT_VERSION >= QT_VERSION_CHECK(6, 3, 0)
    m_server.setListenBacklogSize(m_listenBacklog);
#endif
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
    startServing();
    return true;
}

bool LiveServer::listenOnDescriptor(qintptr descriptor)
{
    if (m_server.isListening())
        return false;
    m_server.setMaxPendingConnections(1);
    if (!m_server.setSocketDescriptor(descriptor)) {
        m_errorString = m_server.errorString();
        emit message(tr("cannot serve on descriptor %1: %2").arg(descriptor).arg(m_errorString));
        return false;
    }
    emit message(tr("listening on %1").arg(formatEndpoint(m_server.serverAddress(), m_server.serverPort())));
    startServing();
    return true;
}

void LiveServer::startServing()
{
    m_errorString.clear();
    m_capacityPaused = false;
    updateAccepting();
    emit listeningChanged(true);
}

void LiveServer::close()
{
    const bool wasListening = m_server.isListening();
    m_server.close();
    m_idleTimer->stop();
    const QList<Connection *> connections = std::exchange(m_connections, {});
    for (Connection *connection : connections) {
        connection->socket->disconnect(this);
        connection->socket->socket()->disconnect(this);
        delete connection->socket;
        delete connection;
    }
    m_capacityPaused = false;
    m_acceptsRequested = 0;
    if (wasListening)
        emit listeningChanged(false);
}

void LiveServer::pauseAccepting()
{
    m_paused = true;
    updateAccepting();
}

void LiveServer::resumeAccepting()
{
    m_paused = false;
    updateAccepting();
    // Connections Qt had already taken off the kernel queue before the pause.
    acceptPending();
}

void LiveServer::updateAccepting()
{
    if (!m_server.isListening()) // Qt 6.4 dereferences its socket engine
        return;
    if (m_paused || m_capacityPaused)
        m_server.pauseAccepting();
    else
        m_server.resumeAccepting();
}

QList<ServerConnectionInfo> LiveServer::connections() const
{
    QList<ServerConnectionInfo> list;
    list.reserve(m_connections.size());
    for (const Connection *connection : m_connections) {
        const LiveSocket *socket = connection->socket;
        ServerConnectionInfo info;
        info.id = connection->id;
        info.tuple = socket->tuple();
        info.descriptor = socket->descriptor();
        info.held = socket->isHeld();
        info.writeClosed = socket->isWriteClosed();
        info.readClosed = socket->isReadClosed();
        info.bytesIn = socket->bytesIn();
        info.bytesOut = socket->bytesOut();
        info.received = socket->receivedTail();
        info.answered = socket->sentTail();
        info.bufferedBytes = socket->socket()->bytesToWrite();
        if (const EchoOutput *output = connection->output.get()) {
            if (info.descriptor < 0)
                info.descriptor = output->descriptor();
            info.writeClosed = !output->isOpen();
            info.bytesOut = output->acceptedBytes();
            info.bufferedBytes = output->pendingBytes();
        }
        list.append(info);
    }
    return list;
}

LiveServer::Connection *LiveServer::find(int id) const
{
    for (Connection *connection : m_connections) {
        if (connection->id == id)
            return connection;
    }
    return nullptr;
}

LiveSocket *LiveServer::connection(int id) const
{
    const Connection *connection = find(id);
    return connection ? connection->socket : nullptr;
}

LiveSocket *LiveServer::connectionForPeerPort(quint16 peerPort) const
{
    for (const Connection *connection : m_connections) {
        if (connection->socket->tuple().remotePort == peerPort)
            return connection->socket;
    }
    return nullptr;
}

bool LiveServer::acceptOne()
{
    if (!m_server.isListening() || !m_paused || m_connections.size() + m_acceptsRequested >= m_maxConnections)
        return false;
    // Counted: two accept steps before the event loop runs are two accept() calls.
    ++m_acceptsRequested;
    if (m_server.hasPendingConnections()) { // Qt took it off the kernel's queue before the pause
        QMetaObject::invokeMethod(this, &LiveServer::takeOneAccepted, Qt::QueuedConnection);
        return true;
    }
    m_server.resumeAccepting();
    return true;
}

void LiveServer::takeOneAccepted()
{
    if (!m_server.hasPendingConnections() || m_acceptsRequested == 0)
        return;
    --m_acceptsRequested;
    QTcpSocket *socket = m_server.nextPendingConnection(); // re-enables Qt's accept notifier
    if (m_paused && m_acceptsRequested == 0)
        m_server.pauseAccepting();
    else if (m_paused)
        m_server.resumeAccepting(); // the next requested accept(): the next connection queued
    if (socket)
        adopt(socket);
}

void LiveServer::acceptPending()
{
    if (m_paused) {
        if (m_acceptsRequested == 0)
            return;
        // Inside Qt's accept loop, which calls accept() again while its own list holds fewer
        // than maxPendingConnections (1): leave this one in the list so the loop stops after
        // exactly one accept(), and take it once the loop has returned.
        m_server.pauseAccepting();
        QMetaObject::invokeMethod(this, &LiveServer::takeOneAccepted, Qt::QueuedConnection);
        return;
    }
    while (m_connections.size() < m_maxConnections && m_server.hasPendingConnections()) {
        QTcpSocket *socket = m_server.nextPendingConnection();
        if (!socket)
            break;
        adopt(socket);
    }
    if (m_connections.size() >= m_maxConnections && !m_capacityPaused) {
        // Full: stop calling accept(). New connections complete their handshake in the kernel
        // and wait in its accept queue, as with any busy server; none is accepted and closed.
        m_capacityPaused = true;
        updateAccepting();
        emit message(tr("%n connection(s) open, the most this server takes: new connections wait in "
                        "the kernel's accept queue until one closes",
                        nullptr, m_maxConnections));
    }
}

void LiveServer::adopt(QTcpSocket *socket)
{
    // Qt never buffers more than this from the kernel; the rest waits in the kernel's
    // receive buffer (and then the client's send buffer): TCP flow control does the rest.
    socket->setReadBufferSize(m_maxBufferedBytes);
    auto *connection = new Connection;
    connection->id = m_nextId++;
    connection->socket = new LiveSocket(socket, this);
    connection->lastActivityMs = m_clock.elapsed();
    m_connections.append(connection);
    const int id = connection->id;
    LiveSocket *live = connection->socket;
    const quint16 peerPort = live->tuple().remotePort;
    if ((m_heldPeerPort != 0 && peerPort == m_heldPeerPort) || m_otherHeldPeerPorts.contains(peerPort)) {
        live->hold();
    } else {
        connection->output = std::make_unique<EchoOutput>(socket->socketDescriptor());
        EchoOutput *output = connection->output.get();
        connect(output, &EchoOutput::progressed, this, [this, id] {
            if (Connection *c = find(id))
                c->lastActivityMs = m_clock.elapsed();
            serve(id); // room again: answer what waits in the read buffer
        });
        // Queued: closed() may come from inside serve().
        connect(output, &EchoOutput::closed, this, [this, id] { release(id); }, Qt::QueuedConnection);
    }
    connect(socket, &QIODevice::readyRead, this, [this, id] { serve(id); });
    connect(socket, &QIODevice::bytesWritten, this, [this, id] { serve(id); });
    connect(socket, &QAbstractSocket::stateChanged, this, [this, id] { emit connectionUpdated(id); });
    connect(live, &LiveSocket::released, this, [this, id] { onSocketReleased(id); });
    emit connectionAccepted(id, live);
    serve(id); // data may have arrived with the handshake
    if (!m_idleTimer->isActive() && m_idleTimeoutMs > 0 && !m_connections.isEmpty())
        m_idleTimer->start(qBound(10, m_idleTimeoutMs / 4, 1000));
}

void LiveServer::serve(int id)
{
    Connection *connection = find(id);
    if (!connection)
        return;
    LiveSocket *live = connection->socket;
    QTcpSocket *socket = live->socket();
    EchoOutput *output = connection->output.get();
    bool changed = false;
    // Echo per chunk, as server.py does per recv(1024). The answer backlog stays under the cap:
    // a client that does not read is not read from.
    static constexpr qint64 chunkSize = 1024;
    static const QByteArray hello(echoGreeting.data(), qsizetype(echoGreeting.size()));
    auto backlog = [socket, output] { return output ? output->pendingBytes() : socket->bytesToWrite(); };
    while (socket->bytesAvailable() > 0 && backlog() < m_maxBufferedBytes) {
        const QByteArray chunk = socket->read(chunkSize);
        if (chunk.isEmpty())
            break;
        live->noteReceived(chunk);
        changed = true;
        // The lesson's own connection answers only when the lesson says so (its send steps).
        if (output) {
            const QByteArray answer = hello + chunk;
            output->write(answer);
            live->noteAnswered(answer);
        }
    }
    if (changed)
        connection->lastActivityMs = m_clock.elapsed();
    // Qt has read the client's FIN and every byte before it is answered: our FIN goes after
    // the last answer.
    if (output && live->isReleased() && socket->bytesAvailable() == 0)
        output->finish();
    if (changed)
        emit connectionUpdated(id);
}

void LiveServer::onSocketReleased(int id)
{
    Connection *connection = find(id);
    if (!connection)
        return;
    if (connection->output && connection->output->isOpen()) {
        // Qt closed its descriptor after the client's FIN (or an error); the answers go on
        // on ours, then EchoOutput::closed() releases the connection.
        serve(id);
        return;
    }
    release(id);
}

void LiveServer::release(int id)
{
    for (qsizetype i = 0; i < m_connections.size(); ++i) {
        if (m_connections[i]->id != id)
            continue;
        Connection *connection = m_connections.takeAt(i);
        connection->socket->disconnect(this);
        connection->socket->socket()->disconnect(this);
        connection->socket->socket()->abort(); // closes Qt's descriptor if it still had it
        connection->socket->deleteLater();
        if (connection->output) {
            connection->output->disconnect(this);
            connection->output->close();
        }
        delete connection;
        emit connectionReleased(id);
        if (m_capacityPaused && m_connections.size() < m_maxConnections) {
            m_capacityPaused = false;
            updateAccepting();
        }
        // A place is free again for a connection Qt left pending.
        acceptPending();
        if (m_connections.isEmpty())
            m_idleTimer->stop();
        return;
    }
}

void LiveServer::closeIdleConnections()
{
    if (m_idleTimeoutMs <= 0) {
        m_idleTimer->stop();
        return;
    }
    const qint64 now = m_clock.elapsed();
    QList<int> idle;
    for (const Connection *connection : std::as_const(m_connections)) {
        // Only outside connections: the lesson's holds its states as long as the lesson says.
        if (connection->output && now - connection->lastActivityMs >= m_idleTimeoutMs)
            idle.append(connection->id);
    }
    for (int id : std::as_const(idle)) {
        ++m_idleClosed;
        release(id); // our FIN (a RST if the client's bytes were left unread)
    }
    if (m_connections.isEmpty())
        m_idleTimer->stop();
    else if (!m_idleTimer->isActive())
        m_idleTimer->start(qBound(10, m_idleTimeoutMs / 4, 1000));
}

} // namespace tcpsim::live
