// SPDX-License-Identifier: GPL-3.0-or-later
// The Sockets view's drawing (issue 12 §2, §3): the listener's SYN queue and accept queue as
// slots labelled by their client, what the queues refused in this step marked with a red ✕, the
// Linux counters, and one descriptor table per process (0, 1, 2, the listening socket, each
// connected socket with its peer and state). Rows and slots the step touched are highlighted;
// clicking one selects its socket. Reads a SocketsSnapshot (core/session): no TCP logic here.
#pragma once

#include "tcpsim/session/socketsnapshot.h"

#include <QList>
#include <QWidget>

class SocketsCanvas : public QWidget
{
    Q_OBJECT

public:
    // Everything drawn, laid out for the current width (tests read it).
    struct Item {
        enum class Kind { Heading, Text, Slot, RefusalMark, Refusal, Counters, TableHeader, Row };
        Kind kind = Kind::Text;
        QRect rect;
        QString text;
        tcpsim::SocketId socket = 0; // Slot, Row: the socket it shows (0: an empty slot, a stream)
        tcpsim::HostId host = tcpsim::noHost; // Row, TableHeader: whose table
        int fd = -1;                 // Row
        bool changed = false;        // this step touched it
        enum class Queue { None, Syn, Accept } queue = Queue::None; // Slot, RefusalMark, Refusal
        QString toolTip;
    };

    explicit SocketsCanvas(QWidget *parent = nullptr);

    void setSnapshot(SocketsSnapshot snapshot);
    const SocketsSnapshot &snapshot() const { return m_snapshot; }
    // The selected socket (0: none, the state diagram shows the first client/server pair).
    tcpsim::SocketId selectedSocket() const { return m_selected; }
    void setSelectedSocket(tcpsim::SocketId socket);

    const QList<Item> &items() const { return m_items; }
    // The row of a descriptor, the n-th slot of a queue; null when not drawn.
    const Item *row(tcpsim::HostId host, int fd) const;
    const Item *slot(Item::Queue queue, int index) const;
    // Where this step's changes are drawn: the queues when they refused a segment or gained a
    // connection, else the descriptor rows the step touched; null when nothing changed.
    QRect changesRect() const;

    QSize sizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

signals:
    void socketClicked(tcpsim::SocketId socket);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    bool event(QEvent *event) override; // tooltips
    void changeEvent(QEvent *event) override;

private:
    // Lays the items out for `width`; returns the height they need.
    int layoutItems(int width, QList<Item> *items) const;
    int layoutQueues(int width, int y, QList<Item> *items) const;
    int layoutTables(int width, int y, QList<Item> *items) const;
    void relayout();

    SocketsSnapshot m_snapshot;
    QList<Item> m_items;
    tcpsim::SocketId m_selected = 0;
};
