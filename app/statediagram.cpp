// SPDX-License-Identifier: GPL-3.0-or-later
#include "statediagram.h"

#include <QEvent>
#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

using namespace tcpsim;

StateDiagram::StateDiagram(QWidget *parent)
    : QWidget(parent)
{
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
    setAccessibleName(tr("TCP state diagram"));
}

QSize StateDiagram::sizeHint() const
{
    return {460, 420};
}

QSize StateDiagram::minimumSizeHint() const
{
    // The figure at 14 px with Figure 5's short names, a legend line and a caption line.
    return {360, 330};
}

void StateDiagram::setState(Side side, TcpState state, std::optional<TcpState> cameFrom)
{
    if (m_painter.setState(side, state, cameFrom))
        update();
}

void StateDiagram::setTaken(const QList<Taken> &taken)
{
    if (m_painter.setTaken(taken))
        update();
}

const StateDiagramPainter &StateDiagram::painter() const
{
    m_painter.setFont(font());
    m_painter.setPalette(palette());
    return m_painter;
}

StateDiagram::Figure StateDiagram::figure() const
{
    return painter().figure(size());
}

void StateDiagram::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange || event->type() == QEvent::PaletteChange)
        update();
}

bool StateDiagram::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const Figure shown = figure();
        for (qsizetype node = 0; node < shown.boxes.size(); ++node) {
            if (shown.boxes[node].contains(help->pos())) {
                QToolTip::showText(help->globalPos(),
                                   QString::fromLatin1(stateName(StateDiagramPainter::boxState(static_cast<int>(node)))),
                                   this);
                return true;
            }
        }
        QToolTip::hideText();
        event->ignore();
        return true;
    }
    return QWidget::event(event);
}

void StateDiagram::paintEvent(QPaintEvent *)
{
    QPainter widgetPainter(this);
    widgetPainter.setRenderHint(QPainter::Antialiasing);
    painter().paint(widgetPainter, size());
}
