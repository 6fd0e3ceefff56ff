// SPDX-License-Identifier: GPL-3.0-or-later
// The echo server's answers on one outside connection, written on a duplicate of its
// descriptor. QTcpSocket closes its own descriptor, write buffer and all, as soon as it reads
// the client's FIN; a client that sends "hello" and shuts down its sending side (nc -N,
// shutdown(SHUT_WR)) would get nothing back. The duplicate keeps the connection until every
// answer is written, then sends our FIN: read to EOF, answer, close. Private to core/live.
#pragma once

#include <QByteArray>
#include <QObject>

class QSocketNotifier;

namespace tcpsim::live {

class EchoOutput : public QObject
{
    Q_OBJECT

public:
    // Duplicates `descriptor` (a connected TCP socket); isOpen() is false if that failed.
    explicit EchoOutput(qintptr descriptor, QObject *parent = nullptr);
    ~EchoOutput() override;

    bool isOpen() const { return m_fd >= 0; }
    qintptr descriptor() const { return m_fd; }

    // Queues an answer and writes what the kernel takes now.
    void write(const QByteArray &data);
    qint64 pendingBytes() const { return m_pending.size() - m_offset; }
    // Every byte accepted by write() (the server's "bytes out").
    qint64 acceptedBytes() const { return m_accepted; }
    qint64 writtenBytes() const { return m_written; }

    // The client's FIN was read: send ours once every answer is out, then close.
    void finish();
    // Close now: shutdown(SHUT_WR) and close the duplicate, answers or not.
    void close();

signals:
    // Pending bytes reached the kernel after a wait (room to read and answer more); not
    // emitted from inside write().
    void progressed();
    // The duplicate is closed: nothing of the connection is left here. May come from inside
    // write() or finish(): connect it queued.
    void closed();

private:
    // Writes what the kernel takes now; the bytes written.
    qint64 flush();

    int m_fd = -1;
    QByteArray m_pending;
    qsizetype m_offset = 0;
    qint64 m_accepted = 0;
    qint64 m_written = 0;
    QSocketNotifier *m_writable = nullptr;
    bool m_finishing = false;
};

} // namespace tcpsim::live
