// SPDX-License-Identifier: GPL-3.0-or-later
#include "tcpsim/render/ladderpainter.h"

#include "tcpsim/render/appstyle.h"
#include "tcpsim/render/roundedbox.h"

#include <QEasingCurve>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <vector>

using namespace tcpsim;

namespace {

double ease(double t)
{
    static const QEasingCurve curve(QEasingCurve::InOutSine);
    return curve.valueForProgress(std::clamp(t, 0.0, 1.0));
}

} // namespace

LadderPainter::LadderPainter(const LadderLayout &layout, const QFont &font, const QPalette &palette)
    : m_layout(layout)
    , m_font(font)
    , m_palette(palette)
{
}

void LadderPainter::setPorts(quint16 clientPort, quint16 serverPort)
{
    m_clientPort = clientPort;
    m_serverPort = serverPort;
}

void LadderPainter::paintContent(QPainter &painter, double visibleTop, double visibleBottom) const
{
    const LadderLayout::Geometry &g = m_layout.geometry();
    const auto &moments = m_layout.moments();
    const QPalette &pal = m_palette;
    const double width = m_layout.width();

    // Step bands: alternate washes, step numbers, the highlighted step.
    const QFont smallFont = AppStyle::withPixelSize(m_font, AppStyle::minimumPixelSize);
    double numberBottom = -1e9;
    for (std::size_t i = 0; i < moments.size();) {
        const int step = moments[i].step;
        std::size_t j = i;
        while (j < moments.size() && moments[j].step == step)
            ++j;
        const double top = moments[i].y - g.row * 0.75;
        const double bottom = moments[j - 1].y + moments[j - 1].height - g.row * 0.75;
        if (bottom >= visibleTop && top <= visibleBottom) {
            const QRectF band(0, top, width, bottom - top);
            if (step == m_highlightedStep) {
                QColor highlight = pal.color(QPalette::Highlight);
                highlight.setAlpha(60);
                painter.fillRect(band, highlight);
                painter.fillRect(QRectF(0, top, 5, bottom - top), pal.color(QPalette::Highlight));
            } else if (step % 2 == 1) {
                QColor wash = pal.color(QPalette::Text);
                wash.setAlpha(AppStyle::isDark(pal) ? 14 : 10);
                painter.fillRect(band, wash);
            }
            // A step number only where the one above leaves room (compressed rows).
            if (step > 0 && top + 2 >= numberBottom) {
                numberBottom = top + 2 + QFontMetricsF(smallFont).height();
                painter.setFont(smallFont);
                painter.setPen(AppStyle::mutedText(pal));
                painter.drawText(QRectF(10, top + 2, 60, g.line), Qt::AlignLeft | Qt::AlignTop,
                                 QString::number(step));
            }
        }
        i = j;
    }

    // Timelines.
    const double lineTop = std::max(g.header, visibleTop);
    const double lineBottom = std::max(m_layout.contentHeight(), visibleBottom);
    if (!m_layout.lanesMode()) {
        for (Side side : {Side::Client, Side::Server}) {
            QPen pen(AppStyle::sideColor(side, pal), 3);
            pen.setCapStyle(Qt::FlatCap);
            painter.setPen(pen);
            const double x = side == Side::Client ? g.clientX : g.serverX;
            painter.drawLine(QPointF(x, lineTop), QPointF(x, lineBottom));
        }
    } else {
        // Lanes: a faint guide the whole way, solid where its socket exists (a connection
        // comes at its first event and goes at CLOSED; the listener stays).
        const auto &lanes = m_layout.lanes();
        for (std::size_t i = 0; i < lanes.size(); ++i) {
            const LadderLayout::Lane &lane = lanes[i];
            const double x = m_layout.laneX(static_cast<int>(i));
            const bool collapsed = m_layout.isCollapsed(static_cast<int>(i));
            QColor faint = AppStyle::sideColor(lane.side, pal);
            faint.setAlpha(70);
            painter.setPen(QPen(faint, 1, Qt::DotLine));
            painter.drawLine(QPointF(x, lineTop), QPointF(x, lineBottom));
            QColor color = AppStyle::sideColor(lane.side, pal);
            if (collapsed)
                color.setAlpha(110);
            QPen pen(color, collapsed ? 1.5 : 3);
            pen.setCapStyle(Qt::FlatCap);
            painter.setPen(pen);
            for (const auto &[first, last] : lane.spans) {
                const double top = first <= 0 ? g.header : moments[static_cast<std::size_t>(first)].y - g.row * 0.5;
                const double bottom = last < 0 ? lineBottom : moments[static_cast<std::size_t>(last)].y;
                if (bottom < visibleTop || top > visibleBottom)
                    continue;
                painter.drawLine(QPointF(x, std::max(top, lineTop)), QPointF(x, std::min(bottom, lineBottom)));
            }
        }
    }

    paintTimeAxis(painter, visibleTop, visibleBottom);

    for (const LadderLayout::Label &label : m_layout.labels()) {
        const LadderLayout::Moment &moment = moments[static_cast<std::size_t>(label.moment)];
        const QRectF rect = m_layout.labelRect(label);
        if (rect.bottom() < visibleTop || rect.top() > visibleBottom || moment.y - g.row > visibleBottom
            || m_layout.isHidden(label))
            continue;
        if (m_layout.isRevealed(label, m_progress))
            paintLabel(painter, label);
    }
    const auto &arrows = m_layout.arrows();
    for (std::size_t i = 0; i < arrows.size(); ++i) {
        const QLineF line = m_layout.arrowLine(arrows[i]);
        const double top = std::min(line.y1(), line.y2()) - g.line * 2;
        const double bottom = std::max(line.y1(), line.y2()) + g.line * 2;
        if (bottom >= visibleTop && top <= visibleBottom)
            paintArrow(painter, static_cast<int>(i));
    }
    // Drawn last, so no label or arrow box ever hides a lost segment's ✕.
    for (std::size_t i = 0; i < arrows.size(); ++i) {
        if (arrows[i].fate == LadderLayout::Fate::Lost)
            paintLostMark(painter, static_cast<int>(i));
    }
}

void LadderPainter::paintHeader(QPainter &painter) const
{
    const LadderLayout::Geometry &g = m_layout.geometry();
    const QPalette &pal = m_palette;
    const QRectF header(0, 0, m_layout.width(), g.header);
    painter.fillRect(header, pal.color(QPalette::Base));
    QColor rule = AppStyle::mutedText(pal);
    rule.setAlpha(90);
    painter.setPen(QPen(rule, 1));
    painter.drawLine(header.bottomLeft(), header.bottomRight());
    const QFont titleFont = AppStyle::boldFont(AppStyle::withPixelSize(m_font, m_font.pixelSize() + 3));
    if (m_layout.lanesMode())
        paintLaneTags(painter);
    // Lanes mode: a side's title over the middle of its lanes.
    const double clientTitleX = m_layout.lanesMode() ? (g.clientX + m_layout.laneX(outermostLane(Side::Client))) / 2 : g.clientX;
    const double serverTitleX = m_layout.lanesMode() ? (g.serverX + m_layout.laneX(outermostLane(Side::Server))) / 2 : g.serverX;
    const QString clientTitle = m_layout.lanesMode() ? tr("Clients") : tr("Client");
    const QString clientWhere = m_layout.lanesMode() ? tr("127.0.0.1") : tr("127.0.0.1 port %1").arg(m_clientPort);
    if (m_layout.compact()) {
        // One line: the title and the port side by side.
        const QFontMetricsF titleMetrics(titleFont);
        const QFontMetricsF metrics(m_font);
        for (Side side : {Side::Client, Side::Server}) {
            const double x = side == Side::Client ? clientTitleX : serverTitleX;
            const QString title = side == Side::Client ? clientTitle : tr("Server");
            const QString where = QStringLiteral("  ")
                + (side == Side::Client ? clientWhere : tr("127.0.0.1 port %1").arg(m_serverPort));
            const double width = titleMetrics.horizontalAdvance(title) + metrics.horizontalAdvance(where);
            const double left = std::clamp(x - width / 2, 4.0, std::max(4.0, m_layout.width() - width - 4));
            const double baseline = (g.header - g.tagRow - titleMetrics.height()) / 2 + titleMetrics.ascent();
            painter.setFont(titleFont);
            painter.setPen(AppStyle::sideColor(side, pal));
            painter.drawText(QPointF(left, baseline), title);
            painter.setFont(m_font);
            painter.setPen(AppStyle::mutedText(pal));
            painter.drawText(QPointF(left + titleMetrics.horizontalAdvance(title), baseline), where);
        }
        return;
    }
    for (Side side : {Side::Client, Side::Server}) {
        const double x = side == Side::Client ? clientTitleX : serverTitleX;
        const QString title = side == Side::Client ? clientTitle : tr("Server");
        painter.setFont(titleFont);
        painter.setPen(AppStyle::sideColor(side, pal));
        painter.drawText(QRectF(x - 150, 6, 300, g.line + 4), Qt::AlignCenter, title);
        painter.setFont(m_font);
        painter.setPen(AppStyle::mutedText(pal));
        painter.drawText(QRectF(x - 150, 8 + g.line, 300, g.line), Qt::AlignCenter,
                         side == Side::Client ? clientWhere : tr("127.0.0.1 port %1").arg(m_serverPort));
    }
}

int LadderPainter::outermostLane(Side side) const
{
    const auto &lanes = m_layout.lanes();
    int outermost = side == Side::Client ? 0 : 1;
    for (std::size_t i = 0; i < lanes.size(); ++i) {
        if (lanes[i].side == side && lanes[i].rank > lanes[static_cast<std::size_t>(outermost)].rank)
            outermost = static_cast<int>(i);
    }
    return outermost;
}

void LadderPainter::paintLaneTags(QPainter &painter) const
{
    // A tag per lane, in its side's colours; a collapsed lane's hollow. Hovering names the lane
    // in full; clicking collapses or expands it (LadderView).
    const QPalette &pal = m_palette;
    const auto &lanes = m_layout.lanes();
    painter.setFont(m_font);
    for (std::size_t i = 0; i < lanes.size(); ++i) {
        const int lane = static_cast<int>(i);
        const QRectF rect = m_layout.laneTagRect(lane);
        const bool collapsed = m_layout.isCollapsed(lane);
        const QColor color = AppStyle::sideColor(lanes[i].side, pal);
        RoundedBox::paint(painter, rect, 5, QPen(color, collapsed ? 1.0 : 1.5),
                          collapsed ? pal.color(QPalette::Base) : AppStyle::sideWash(lanes[i].side, pal));
        painter.setPen(collapsed ? AppStyle::mutedText(pal) : pal.color(QPalette::Text));
        painter.drawText(rect, Qt::AlignCenter, m_layout.laneTag(lane));
    }
}

void LadderPainter::paintLabel(QPainter &painter, const LadderLayout::Label &label) const
{
    const QPalette &pal = m_palette;
    // Where the layout placed it, wrapped to its column: never elided.
    const QRectF rect = m_layout.labelRect(label);
    QFont labelFont = m_font;
    if (label.kind == LadderLayout::LabelKind::State)
        labelFont = AppStyle::boldFont(labelFont);
    painter.setFont(labelFont);

    switch (label.kind) {
    case LadderLayout::LabelKind::State: {
        const double radius = std::min(rect.height(), m_layout.geometry().row) / 2;
        RoundedBox::paint(painter, rect, radius, QPen(AppStyle::sideColor(label.side, pal), 1.5),
                          AppStyle::sideWash(label.side, pal));
        painter.setPen(pal.color(QPalette::Text));
        break;
    }
    case LadderLayout::LabelKind::Call:
        painter.setPen(pal.color(QPalette::Text));
        break;
    case LadderLayout::LabelKind::Return:
        painter.setPen(AppStyle::okColor(pal));
        break;
    case LadderLayout::LabelKind::Error:
        painter.setPen(AppStyle::errorColor(pal));
        break;
    case LadderLayout::LabelKind::Timer:
        painter.setPen(AppStyle::mutedText(pal));
        break;
    }
    painter.setBrush(Qt::NoBrush);
    const double line = m_layout.geometry().line;
    const double textTop = rect.top() + (rect.height() - line * label.lines.size()) / 2;
    // A client's label is aligned to its timeline (right), a server's likewise (left).
    const Qt::Alignment align = label.kind == LadderLayout::LabelKind::State
        ? Qt::AlignCenter
        : (label.side == Side::Client ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter;
    for (int i = 0; i < label.lines.size(); ++i)
        painter.drawText(QRectF(rect.left(), textTop + i * line, rect.width(), line), align, label.lines[i]);
}

void LadderPainter::paintTimeAxis(QPainter &painter, double visibleTop, double visibleBottom) const
{
    const LadderLayout::Geometry &g = m_layout.geometry();
    if (!m_layout.timeScale() || g.rulerX <= 0)
        return;
    const QPalette &pal = m_palette;
    QColor rule = AppStyle::mutedText(pal);
    painter.setPen(QPen(rule, 1.5));
    painter.drawLine(QPointF(g.rulerX, std::max(g.header, visibleTop)),
                     QPointF(g.rulerX, std::min(m_layout.contentHeight(), visibleBottom)));
    // Whole seconds, where the scale is proportional.
    const auto &moments = m_layout.moments();
    const double perSecond = m_layout.pixelsPerSecond();
    QColor faint = rule;
    faint.setAlpha(120);
    painter.setPen(QPen(faint, 1));
    for (std::size_t i = 0; i + 1 < moments.size(); ++i) {
        const LadderLayout::Moment &a = moments[i];
        const LadderLayout::Moment &b = moments[i + 1];
        if (b.y < visibleTop || a.y > visibleBottom || b.time <= a.time
            || static_cast<double>(b.time - a.time) > LadderLayout::maxGapSeconds * 1000 || perSecond < 6)
            continue;
        for (std::uint64_t ms = (a.time / 1000 + 1) * 1000; ms < b.time; ms += 1000) {
            const double y = a.y + perSecond * static_cast<double>(ms - a.time) / 1000.0;
            if (y < b.y)
                painter.drawLine(QPointF(g.rulerX - 4, y), QPointF(g.rulerX + 4, y));
        }
    }
    painter.setFont(m_font);
    for (const LadderLayout::TimeMark &mark : m_layout.timeMarks()) {
        if (mark.rect.bottom() < visibleTop || mark.rect.top() > visibleBottom)
            continue;
        if (mark.gap) {
            // A break in the ruler and both timelines: this wait is drawn shorter than it is.
            const double half = 5;
            std::vector<double> breaks{g.rulerX};
            for (int lane = 0; lane < static_cast<int>(m_layout.lanes().size()); ++lane)
                breaks.push_back(m_layout.laneX(lane));
            for (double x : breaks) {
                painter.fillRect(QRectF(x - 6, mark.y - half, 12, 2 * half), pal.color(QPalette::Base));
                painter.setPen(QPen(rule, 1.5));
                for (double dy : {-half, half})
                    painter.drawLine(QPointF(x - 7, mark.y + dy + 3), QPointF(x + 7, mark.y + dy - 3));
            }
            painter.setPen(pal.color(QPalette::Text));
        } else {
            painter.setPen(QPen(rule, 1.5));
            painter.drawLine(QPointF(g.rulerX - 5, mark.y), QPointF(g.rulerX + 5, mark.y));
            painter.setPen(AppStyle::mutedText(pal));
        }
        painter.drawText(mark.rect, Qt::AlignRight | Qt::AlignVCenter, mark.text);
    }
}

double LadderPainter::lostMarkSize(const LadderLayout::Arrow &arrow) const
{
    if (arrow.fate != LadderLayout::Fate::Lost)
        return 0;
    const LadderLayout::Moment &moment = m_layout.moments()[static_cast<std::size_t>(arrow.endMoment)];
    const double shown = ease(m_layout.localProgress(arrow.endMoment, m_progress, 0.0,
                                                     std::max(0.01, m_layout.arrivalShare(moment))));
    return 10 * shown;
}

void LadderPainter::paintLostMark(QPainter &painter, int index) const
{
    const LadderLayout::Arrow &arrow = m_layout.arrows()[static_cast<std::size_t>(index)];
    const double size = lostMarkSize(arrow);
    const double fraction = m_layout.arrowFraction(arrow, m_progress);
    if (size <= 0 || fraction <= 0.001)
        return;
    const QPointF head = m_layout.arrowLine(arrow).pointAt(fraction);
    // A halo in the background colour keeps the ✕ readable over a label box.
    for (const auto &[color, width] : {std::pair{m_palette.color(QPalette::Base), 8.0},
                                       std::pair{AppStyle::lostColor(m_palette), 4.0}}) {
        painter.setPen(QPen(color, width, Qt::SolidLine, Qt::RoundCap));
        painter.drawLine(head + QPointF(-size, -size), head + QPointF(size, size));
        painter.drawLine(head + QPointF(-size, size), head + QPointF(size, -size));
    }
}

void LadderPainter::paintArrow(QPainter &painter, int index) const
{
    const LadderLayout::Arrow &arrow = m_layout.arrows()[static_cast<std::size_t>(index)];
    const double fraction = m_layout.arrowFraction(arrow, m_progress);
    if (fraction <= 0.001)
        return;
    const QPalette &pal = m_palette;
    const QLineF line = m_layout.arrowLine(arrow);
    const QPointF head = line.pointAt(fraction);
    QColor color = AppStyle::sideColor(arrow.segment.from, pal);
    if (m_layout.isLabelHidden(arrow))
        color.setAlpha(110); // a collapsed lane's: there, but quiet
    const bool selected = index == m_selectedArrow;
    const bool hovered = index == m_hoveredArrow;

    if (selected || hovered) {
        QColor glow = color;
        glow.setAlpha(selected ? 90 : 45);
        painter.setPen(QPen(glow, 10, Qt::SolidLine, Qt::RoundCap));
        painter.drawLine(line.p1(), head);
    }
    QPen pen(color, 2.5, arrow.segment.retransmission ? Qt::DashLine : Qt::SolidLine, Qt::RoundCap);
    painter.setPen(pen);
    painter.drawLine(line.p1(), head);

    const bool settledInFlight = arrow.fate == LadderLayout::Fate::InFlight && fraction >= 0.499;
    if (settledInFlight) {
        QColor faint = color;
        faint.setAlpha(70);
        painter.setPen(QPen(faint, 1.5, Qt::DotLine));
        painter.drawLine(head, line.p2());
    }

    // A lost segment's ✕ replaces the head; paintLostMark draws it after every label and box.
    if (lostMarkSize(arrow) <= 0) {
        const double angle = std::atan2(line.dy(), line.dx());
        const double length = 13;
        const double spread = 0.42;
        QPainterPath path;
        path.moveTo(head);
        path.lineTo(head - QPointF(std::cos(angle - spread) * length, std::sin(angle - spread) * length));
        path.lineTo(head - QPointF(std::cos(angle + spread) * length, std::sin(angle + spread) * length));
        path.closeSubpath();
        painter.setPen(Qt::NoPen);
        painter.setBrush(color);
        painter.drawPath(path);
    }

    const double along = m_layout.labelAlongOf(arrow);
    if (fraction < along - 1e-9 || m_layout.isLabelHidden(arrow))
        return;
    const QRectF rect = m_layout.labelRect(arrow);
    QColor background = pal.color(QPalette::Base);
    background.setAlpha(240);
    QColor border = color;
    border.setAlpha(selected ? 255 : 150);
    RoundedBox::paint(painter, rect, 6, QPen(border, selected ? 2.5 : 1.2), background);

    const QStringList lines = m_layout.displayLines(arrow);
    const QFontMetricsF metrics(m_font);
    const QFont bold = AppStyle::boldFont(m_font);
    const bool oneLine = m_layout.arrowOnOneLine(arrow);
    double y = rect.top() + (oneLine ? 0.5 : 4);
    double x = rect.left() + (oneLine ? 4 : 8);
    painter.setFont(bold);
    painter.setPen(color);
    painter.drawText(QPointF(x, y + metrics.ascent()), lines.first());
    x += QFontMetricsF(bold).horizontalAdvance(lines.first());
    painter.setFont(m_font);
    if (oneLine && lines.size() > 1) {
        // Compact: the numbers after the flags, the length and data preview below.
        const QString numbers = QStringLiteral(" ") + lines.at(1);
        painter.setPen(pal.color(QPalette::Text));
        painter.drawText(QPointF(x, y + metrics.ascent()), numbers);
        x += metrics.horizontalAdvance(numbers);
    }
    // Compact: a retransmission is told by its dashed line alone.
    const QString tag = oneLine ? QString() : m_layout.arrowTag(arrow);
    const bool tagBelow = m_layout.tagOnItsOwnLine(arrow);
    painter.setPen(arrow.fate == LadderLayout::Fate::Lost ? AppStyle::lostColor(pal) : AppStyle::mutedText(pal));
    if (!tag.isEmpty() && !tagBelow)
        painter.drawText(QPointF(x, y + metrics.ascent()), tag);
    if ((arrow.segment.id != 0 || m_layout.lanesMode()) && !oneLine) {
        painter.setPen(AppStyle::mutedText(pal));
        const QString number = m_layout.lanesMode() ? m_layout.cornerText(arrow) : QStringLiteral("#%1").arg(arrow.segment.id);
        painter.drawText(QPointF(rect.right() - 8 - metrics.horizontalAdvance(number), y + metrics.ascent()), number);
    }
    painter.setPen(pal.color(QPalette::Text));
    if (tagBelow) {
        y += metrics.height();
        painter.setPen(arrow.fate == LadderLayout::Fate::Lost ? AppStyle::lostColor(pal) : AppStyle::mutedText(pal));
        painter.drawText(QPointF(rect.left() + 8, y + metrics.ascent()), tag.mid(3));
        painter.setPen(pal.color(QPalette::Text));
    }
    const QStringList below = lines.mid(oneLine ? 2 : 1);
    for (const QString &text : below) {
        y += metrics.height();
        painter.drawText(QPointF(rect.left() + (oneLine ? 4 : 8), y + metrics.ascent()), text);
    }
}
