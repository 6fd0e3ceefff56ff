// The RFC 9293 state diagram (Figure 5's layout), with the transitions Figure 5 leaves out drawn
// dashed (FIN-WAIT-1 -> TIME-WAIT on a FIN that acknowledges our FIN). The client's and the
// server's current states are filled in their colours and the edge each just took is lit.
#pragma once

#include "tcpsim/model/state.h"

#include <QList>
#include <QPointF>
#include <QString>
#include <QWidget>

#include <optional>

class StateDiagram : public QWidget
{
    Q_OBJECT

public:
    struct Taken {
        tcpsim::Side side = tcpsim::Side::Client;
        tcpsim::TcpState from = tcpsim::TcpState::Closed;
        tcpsim::TcpState to = tcpsim::TcpState::Closed;
    };

    explicit StateDiagram(QWidget *parent = nullptr);

    // `cameFrom`: the state the side left last (CLOSED after TIME-WAIT or LAST-ACK is drawn at the
    // bottom, as in Figure 5).
    void setState(tcpsim::Side side, tcpsim::TcpState state, std::optional<tcpsim::TcpState> cameFrom);
    tcpsim::TcpState state(tcpsim::Side side) const;
    // The transitions of the newest step: their edges are lit.
    void setTaken(const QList<Taken> &taken);
    QList<Taken> taken() const { return m_taken; }
    // Whether Figure 5 (plus the dashed extras) has an edge for this transition.
    static bool hasEdge(tcpsim::TcpState from, tcpsim::TcpState to);
    int litEdgeCount() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    enum Node { Closed, Listen, SynReceived, SynSent, Established, FinWait1, CloseWait, FinWait2,
                Closing, LastAck, TimeWait, ClosedBottom, NodeCount };
    struct Edge {
        Node from;
        Node to;
        QString event;  // "rcv SYN"
        QString action; // "snd SYN,ACK"
        bool extra = false;  // not in Figure 5
        double bend = 0;     // perpendicular offset of a parallel edge, logical units
    };
    static tcpsim::TcpState nodeState(Node node);
    static Node nodeFor(tcpsim::TcpState state, std::optional<tcpsim::TcpState> cameFrom);
    static QList<Edge> edges();
    static int edgeIndex(const QList<Edge> &all, tcpsim::TcpState from, tcpsim::TcpState to);
    QPointF nodeCenter(Node node) const; // logical coordinates

    tcpsim::TcpState m_state[2] = {tcpsim::TcpState::Closed, tcpsim::TcpState::Closed};
    std::optional<tcpsim::TcpState> m_cameFrom[2];
    QList<Taken> m_taken;
};
