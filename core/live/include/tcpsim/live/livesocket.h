// SPDX-License-Identifier: GPL-3.0-or-later
// A connected QTcpSocket with the socket calls a lesson makes that Qt does not offer:
// close() as the RFC means it (send a FIN, keep reading: shutdown(SHUT_WR)), abort with a RST
// (SO_LINGER {1, 0}), and holding the connection open when Qt would close it on its own after
// reading the peer's FIN (a dup() of the descriptor keeps the kernel socket in CLOSE-WAIT until
// the application's close). The descriptor is released once both directions are done.
#pragma once

#include "tcpsim/live/kerneltable.h"

#include <QAbstractSocket>
#include <QObject>
#include <QPointer>
#include <QTcpSocket>

namespace tcpsim::live {

class LiveSocket : public QObject
{
    Q_OBJECT

public:
    // Takes ownership of a connected (or connecting) socket.
    explicit LiveSocket(QTcpSocket *socket, QObject *parent = nullptr);
    ~LiveSocket() override;

    QTcpSocket *socket() const { return m_socket; }
    // The 4-tuple from this end; valid once connected.
    FourTuple tuple() const { return m_tuple; }
    void updateTuple();

    // Keep the connection until close()/resetConnection(), whatever Qt does on EOF.
    void hold();
    bool isHeld() const { return m_heldDescriptor >= 0; }
    // The descriptor the application holds: Qt's, or the held duplicate once Qt closed its own;
    // -1 when none is left.
    qintptr descriptor() const;
    qintptr heldDescriptor() const { return m_heldDescriptor; }

    // close() of the RFC: FIN now, keep receiving. False if nothing is open to close.
    bool closeWrite();
    // abort() of the RFC: a RST (SO_LINGER {1, 0}, then close). False if nothing was open.
    bool resetConnection();
    // send(): through Qt while Qt's socket is open, else on the held descriptor.
    // Returns the bytes accepted, -1 on error (write side closed, nothing open).
    qint64 send(const QByteArray &data);

    bool isWriteClosed() const { return m_writeClosed; }
    bool isReadClosed() const { return m_readClosed; }
    // Nothing left: no Qt socket open, no held descriptor.
    bool isReleased() const { return m_released; }

    qint64 bytesIn() const { return m_bytesIn; }
    qint64 bytesOut() const { return m_bytesOut; }
    // What the application read: counted, and the last bytes kept for the server pane.
    void noteReceived(const QByteArray &data);
    // What another writer (the echo output) answered on this connection: the last bytes kept.
    void noteAnswered(const QByteArray &data);
    // The last bytes received and sent (at most tailBytes each): what an outside client typed
    // and what it got back ("Hello, ...").
    static constexpr qsizetype tailBytes = 64;
    QByteArray receivedTail() const { return m_receivedTail; }
    QByteArray sentTail() const { return m_sentTail; }

signals:
    // The peer's FIN was read (recv() would return 0).
    void endOfStream();
    // The application holds no descriptor of this connection any more.
    void released();

private:
    void onDisconnected();
    void releaseIfDone();
    void closeHeld();

    QTcpSocket *m_socket = nullptr;
    FourTuple m_tuple;
    int m_heldDescriptor = -1;
    bool m_writeClosed = false;
    bool m_readClosed = false;
    bool m_released = false;
    qint64 m_bytesIn = 0;
    qint64 m_bytesOut = 0;
    QByteArray m_receivedTail;
    QByteArray m_sentTail;
};

} // namespace tcpsim::live
