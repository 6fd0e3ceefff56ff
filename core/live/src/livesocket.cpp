// SPDX-License-Identifier: GPL-3.0-or-later
#include "tcpsim/live/livesocket.h"

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

#include <cerrno>

namespace tcpsim::live {

LiveSocket::LiveSocket(QTcpSocket *socket, QObject *parent) : QObject(parent), m_socket(socket)
{
    Q_ASSERT(socket);
    socket->setParent(this);
    updateTuple();
    connect(socket, &QAbstractSocket::connected, this, &LiveSocket::updateTuple);
    connect(socket, &QAbstractSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
        if (error == QAbstractSocket::RemoteHostClosedError && !m_readClosed) {
            m_readClosed = true;
            emit endOfStream();
        }
    });
    connect(socket, &QAbstractSocket::disconnected, this, &LiveSocket::onDisconnected);
}

LiveSocket::~LiveSocket()
{
    closeHeld();
}

void LiveSocket::updateTuple()
{
    if (m_socket->localPort() != 0 && m_socket->peerPort() != 0) {
        m_tuple = {m_socket->localAddress(), m_socket->localPort(), m_socket->peerAddress(),
                   m_socket->peerPort()};
    }
}

void LiveSocket::hold()
{
#ifdef Q_OS_UNIX
    if (m_heldDescriptor >= 0 || m_socket->socketDescriptor() < 0)
        return;
    m_heldDescriptor = ::fcntl(int(m_socket->socketDescriptor()), F_DUPFD_CLOEXEC, 0);
#endif
}

qintptr LiveSocket::descriptor() const
{
    if (m_socket->socketDescriptor() >= 0)
        return m_socket->socketDescriptor();
    return m_heldDescriptor;
}

bool LiveSocket::closeWrite()
{
    if (m_writeClosed || m_released)
        return false;
#ifdef Q_OS_UNIX
    const qintptr fd = descriptor();
    if (fd < 0)
        return false;
    if (m_socket->state() == QAbstractSocket::ConnectedState)
        m_socket->flush(); // what the application wrote goes before the FIN
    ::shutdown(int(fd), SHUT_WR);
    m_writeClosed = true;
    releaseIfDone();
    return true;
#else
    m_writeClosed = true;
    m_socket->disconnectFromHost();
    return true;
#endif
}

bool LiveSocket::resetConnection()
{
    if (m_released)
        return false;
    const qintptr fd = descriptor();
#ifdef Q_OS_UNIX
    if (fd >= 0) {
        const linger option{1, 0}; // close() then sends a RST instead of a FIN
        ::setsockopt(int(fd), SOL_SOCKET, SO_LINGER, &option, sizeof option);
    }
#endif
    m_writeClosed = true;
    m_readClosed = true;
    m_socket->abort();
    closeHeld();
    releaseIfDone();
    return fd >= 0;
}

namespace {
void appendTail(QByteArray &tail, const QByteArray &data)
{
    tail += data.right(LiveSocket::tailBytes);
    if (tail.size() > LiveSocket::tailBytes)
        tail.remove(0, tail.size() - LiveSocket::tailBytes);
}
} // namespace

void LiveSocket::noteReceived(const QByteArray &data)
{
    m_bytesIn += data.size();
    appendTail(m_receivedTail, data);
}

void LiveSocket::noteAnswered(const QByteArray &data)
{
    appendTail(m_sentTail, data);
}

qint64 LiveSocket::send(const QByteArray &data)
{
    if (m_writeClosed || m_released)
        return -1;
    if (m_socket->state() == QAbstractSocket::ConnectedState) {
        const qint64 written = m_socket->write(data);
        // Into the kernel now, as a program's send() does: a step that follows at once (the
        // peer's close) must find the bytes already sent, not in Qt's buffer.
        m_socket->flush();
        if (written > 0) {
            m_bytesOut += written;
            appendTail(m_sentTail, data.left(written));
        }
        return written;
    }
#ifdef Q_OS_UNIX
    if (m_heldDescriptor >= 0) {
        const ssize_t sent = ::send(m_heldDescriptor, data.constData(), size_t(data.size()),
                                    MSG_DONTWAIT | MSG_NOSIGNAL);
        if (sent > 0) {
            m_bytesOut += sent;
            appendTail(m_sentTail, data.left(sent));
        }
        return sent;
    }
#endif
    return -1;
}

void LiveSocket::onDisconnected()
{
    // Qt closed its descriptor: after EOF, an error or our own abort.
    if (!m_readClosed) {
        m_readClosed = true;
        emit endOfStream();
    }
    if (m_heldDescriptor < 0)
        m_writeClosed = true; // nothing can send any more
    releaseIfDone();
}

void LiveSocket::releaseIfDone()
{
    if (m_released)
        return;
    const bool qtOpen = m_socket->state() != QAbstractSocket::UnconnectedState;
    if (m_readClosed && m_writeClosed) {
        closeHeld();
        if (!qtOpen) {
            m_released = true;
            emit released();
        }
        return;
    }
    if (!qtOpen && m_heldDescriptor < 0) {
        m_released = true;
        emit released();
    }
}

void LiveSocket::closeHeld()
{
#ifdef Q_OS_UNIX
    if (m_heldDescriptor >= 0) {
        ::close(m_heldDescriptor);
        m_heldDescriptor = -1;
    }
#endif
}

} // namespace tcpsim::live
