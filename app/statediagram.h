// SPDX-License-Identifier: GPL-3.0-or-later
// The RFC 9293 state diagram widget: a view over StateDiagramPainter (core/render, shared with
// the export), which lays Figure 5 out for the widget's size and paints it. The client's and the
// server's current states are filled in their colours and the edge each just took is lit; the
// caption under the figure names it with its event and action. The widget adds the window's
// font and palette, repaints on change and gives each box its full state name as a tooltip.
#pragma once

#include "tcpsim/render/statediagrampainter.h"

#include <QWidget>

class StateDiagram : public QWidget
{
    Q_OBJECT

public:
    using Taken = StateDiagramPainter::Taken;
    using Figure = StateDiagramPainter::Figure;

    explicit StateDiagram(QWidget *parent = nullptr);

    // `cameFrom`: the state the side left last (CLOSED after TIME-WAIT or LAST-ACK is drawn at the
    // bottom, as in Figure 5).
    void setState(tcpsim::Side side, tcpsim::TcpState state, std::optional<tcpsim::TcpState> cameFrom);
    tcpsim::TcpState state(tcpsim::Side side) const { return m_painter.state(side); }
    // The transitions of the newest step: their edges are lit.
    void setTaken(const QList<Taken> &taken);
    QList<Taken> taken() const { return m_painter.taken(); }
    // The caption under the figure: one line per transition taken, with its cause.
    QStringList caption() const { return m_painter.caption(); }
    // Whether Figure 5 (plus the dashed extras) has an edge for this transition.
    static bool hasEdge(tcpsim::TcpState from, tcpsim::TcpState to) { return StateDiagramPainter::hasEdge(from, to); }
    int litEdgeCount() const { return m_painter.litEdgeCount(); }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    // The figure as laid out at the current size (see StateDiagramPainter::Figure), for tests.
    Figure figure() const;

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool event(QEvent *event) override; // tooltips: a box's full state name

private:
    // The painter with the widget's current font and palette.
    const StateDiagramPainter &painter() const;

    mutable StateDiagramPainter m_painter;
};
