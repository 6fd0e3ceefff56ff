// SPDX-License-Identifier: GPL-3.0-or-later
#include "echooutput.h"

#include <QSocketNotifier>

#include <cerrno>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

namespace tcpsim::live {

EchoOutput::EchoOutput(qintptr descriptor, QObject *parent) : QObject(parent)
{
#ifdef Q_OS_UNIX
    if (descriptor >= 0)
        m_fd = ::fcntl(int(descriptor), F_DUPFD_CLOEXEC, 0);
    if (m_fd < 0)
        return;
    m_writable = new QSocketNotifier(m_fd, QSocketNotifier::Write, this);
    m_writable->setEnabled(false);
    connect(m_writable, &QSocketNotifier::activated, this, [this] {
        if (flush() > 0)
            emit progressed();
    });
#else
    Q_UNUSED(descriptor);
#endif
}

EchoOutput::~EchoOutput()
{
    if (m_writable)
        m_writable->setEnabled(false);
#ifdef Q_OS_UNIX
    if (m_fd >= 0)
        ::close(m_fd);
#endif
}

void EchoOutput::write(const QByteArray &data)
{
    if (m_fd < 0 || m_finishing || data.isEmpty())
        return;
    if (m_offset > 0 && m_offset >= m_pending.size() / 2) {
        m_pending.remove(0, m_offset); // keep the buffer from creeping
        m_offset = 0;
    }
    m_pending += data;
    m_accepted += data.size();
    flush();
}

void EchoOutput::finish()
{
    m_finishing = true;
    if (pendingBytes() == 0)
        close();
}

void EchoOutput::close()
{
    if (m_fd < 0)
        return;
    m_writable->setEnabled(false);
#ifdef Q_OS_UNIX
    ::shutdown(m_fd, SHUT_WR); // our FIN, even if Qt still holds its own descriptor
    ::close(m_fd);
#endif
    m_fd = -1;
    m_pending.clear();
    m_offset = 0;
    emit closed();
}

qint64 EchoOutput::flush()
{
    qint64 progress = 0;
#ifdef Q_OS_UNIX
    while (m_fd >= 0 && pendingBytes() > 0) {
        const ssize_t sent = ::send(m_fd, m_pending.constData() + m_offset, size_t(pendingBytes()),
                                    MSG_DONTWAIT | MSG_NOSIGNAL);
        if (sent > 0) {
            m_offset += sent;
            m_written += sent;
            progress += sent;
            continue;
        }
        if (sent < 0 && errno == EINTR)
            continue;
        if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            m_writable->setEnabled(true); // the client reads slowly: wait for room
            break;
        }
        close(); // the client is gone (EPIPE, ECONNRESET): nobody to answer
        return progress;
    }
    if (m_fd >= 0 && pendingBytes() == 0) {
        m_pending.clear();
        m_offset = 0;
        m_writable->setEnabled(false);
    }
    if (m_fd >= 0 && m_finishing && pendingBytes() == 0)
        close();
#endif
    return progress;
}

} // namespace tcpsim::live
