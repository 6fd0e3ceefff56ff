// SPDX-License-Identifier: GPL-3.0-or-later
// The RFC 9293 state diagram (Figure 5's layout) laid out for a size and painted onto any
// QPainter: the window's StateDiagram, an SVG, a PDF page or an image. The transition Figure 5
// leaves out is drawn dashed (FIN-WAIT-1 -> TIME-WAIT on a FIN that acknowledges our FIN). The
// client's and the server's current states are filled in their colours and the edge each just
// took is lit; the caption under the figure names it with its event and action. The figure
// scales with the size, its text never under 14 px, its boxes never touching.
#pragma once

#include "tcpsim/model/event.h"
#include "tcpsim/model/state.h"

#include <QCoreApplication>
#include <QFont>
#include <QLineF>
#include <QList>
#include <QPalette>
#include <QPointF>
#include <QRectF>
#include <QString>
#include <QStringList>

#include <optional>

class QPainter;

class StateDiagramPainter
{
    // The texts keep the StateDiagram translation context: they were the widget's before the
    // painting moved here, and the Chinese translation is filed under it.
    Q_DECLARE_TR_FUNCTIONS(StateDiagram)

public:
    struct Taken {
        tcpsim::Side side = tcpsim::Side::Client;
        tcpsim::TcpState from = tcpsim::TcpState::Closed;
        tcpsim::TcpState to = tcpsim::TcpState::Closed;
        // A retransmission timer that gave up: Figure 5 has no edge label for that cause.
        tcpsim::TimerKind timer = tcpsim::TimerKind::None;
    };
    // The figure as laid out for a size: one box per node in Figure 5's order (CLOSED, LISTEN,
    // SYN-RECEIVED, SYN-SENT, ESTABLISHED, FIN-WAIT-1, CLOSE-WAIT, FIN-WAIT-2, CLOSING, LAST-ACK,
    // TIME-WAIT, CLOSED at the bottom), the text in each box, the drawn line of each edge
    // (arrowhead at p2) and the pixel size of the box text.
    struct Figure {
        QList<QRectF> boxes;
        QStringList texts;
        QList<QLineF> edges;
        QRectF legend;
        QRectF caption;
        double fontPixelSize = 0;
        double scale = 1;          // < 1 only when the size is smaller than the figure at 14 px
        bool abbreviated = false;  // SYN-RCVD and ESTAB, Figure 5's own spellings
    };

    StateDiagramPainter() = default;

    void setFont(const QFont &font) { m_font = font; }
    void setPalette(const QPalette &palette) { m_palette = palette; }
    // `cameFrom`: the state the side left last (CLOSED after TIME-WAIT or LAST-ACK is drawn at
    // the bottom, as in Figure 5). False when nothing changed.
    bool setState(tcpsim::Side side, tcpsim::TcpState state, std::optional<tcpsim::TcpState> cameFrom);
    tcpsim::TcpState state(tcpsim::Side side) const;
    // The transitions of the newest step: their edges are lit. False when nothing changed.
    bool setTaken(const QList<Taken> &taken);
    const QList<Taken> &taken() const { return m_taken; }

    // The caption under the figure: one line per transition taken, with its cause.
    QStringList caption() const { return captionLines(CaptionDetail::Full); }
    // Whether Figure 5 (plus the dashed extras) has an edge for this transition.
    static bool hasEdge(tcpsim::TcpState from, tcpsim::TcpState to);
    int litEdgeCount() const;
    // The state of box `node` of Figure::boxes.
    static tcpsim::TcpState boxState(int node);

    Figure figure(const QSizeF &size) const;
    // Paints the legend, the figure and the caption within (0, 0, size).
    void paint(QPainter &painter, const QSizeF &size) const;

private:
    enum Node { Closed, Listen, SynReceived, SynSent, Established, FinWait1, CloseWait, FinWait2,
                Closing, LastAck, TimeWait, ClosedBottom, NodeCount };
    enum class CaptionDetail { Full, Short };
    enum class Spelling { Full, Abbreviated };
    // Where an edge meets a box: a side (Top, Bottom, Left, Right) and a position along it,
    // -0.5 (left or top end) .. 0.5 (right or bottom end).
    enum BoxSide : char { Top, Bottom, Left, Right };
    struct Anchor {
        BoxSide side;
        double along;
    };
    struct Edge {
        Node from;
        Node to;
        QString event;  // "rcv SYN"
        QString action; // "snd SYN,ACK"
        Anchor start;
        Anchor end;
        bool extra = false; // not in Figure 5
    };
    struct Layout {
        QRectF boxes[NodeCount];
        QString texts[NodeCount];
        QRectF legend;
        QRectF caption;
        QPointF origin;      // position of the figure's (0, 0)
        int fontPixelSize = 14;
        double scale = 1;
        bool abbreviated = false;
        bool shortCaption = false;
    };
    static tcpsim::TcpState nodeState(Node node);
    static Node nodeFor(tcpsim::TcpState state, std::optional<tcpsim::TcpState> cameFrom);
    static QList<Edge> edges();
    static int edgeIndex(const QList<Edge> &all, tcpsim::TcpState from, tcpsim::TcpState to);
    static QPointF anchorPoint(const QRectF &box, Anchor anchor);
    // Lays the figure out for `size`: the largest box text (never under 14 px) at which the
    // figure, the legend and the caption fit; Figure 5's short names if only they fit.
    Layout layout(const QSizeF &size) const;
    // Boxes at box-text size `pixelSize`, the figure's top-left at (0, 0); returns its size.
    QSizeF placeBoxes(int pixelSize, Spelling spelling, QRectF (&boxes)[NodeCount], QString (&texts)[NodeCount]) const;
    QStringList captionLines(CaptionDetail detail) const;
    double captionHeight(const QStringList &lines, double width) const;
    // Lays the legend out in `room` (wrapping its items), paints it when `painter` is given, and
    // returns its height.
    double legend(QPainter *painter, const QRectF &room) const;

    QFont m_font;
    QPalette m_palette;
    tcpsim::TcpState m_state[2] = {tcpsim::TcpState::Closed, tcpsim::TcpState::Closed};
    std::optional<tcpsim::TcpState> m_cameFrom[2];
    QList<Taken> m_taken;
};
