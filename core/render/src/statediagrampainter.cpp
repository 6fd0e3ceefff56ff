// SPDX-License-Identifier: GPL-3.0-or-later
#include "tcpsim/render/statediagrampainter.h"

#include "tcpsim/render/appstyle.h"

#include <QFontInfo>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

using namespace tcpsim;

namespace {

// Figure proportions, in units of the box text's pixel size.
constexpr double boxPaddingX = 0.35;
constexpr double boxPaddingY = 0.25;
constexpr double rowGap = 0.9;    // room for a vertical arrow and its head
constexpr double leftGap = 1.9;   // FIN-WAIT-1 -> CLOSING, -> TIME-WAIT and FIN-WAIT-2 -> TIME-WAIT pass here
constexpr double rightGap = 1.2;  // TIME-WAIT -> CLOSED
constexpr double margin = 6;      // pixels around the figure
constexpr double spacing = 6;     // pixels between the legend, the figure and the caption
constexpr int largestFactorPercent = 200; // box text up to twice the window's font

// CLOSED, LISTEN, SYN-RCVD, SYN-SENT, ESTAB, FIN-WAIT-1, CLOSE-WAIT, FIN-WAIT-2, CLOSING,
// LAST-ACK, TIME-WAIT, CLOSED (bottom): 0 left, 1 middle, 2 right; rows from the top.
int column(int node)
{
    static const int columns[] = {1, 1, 0, 2, 1, 0, 2, 0, 1, 2, 1, 2};
    return columns[node];
}

int row(int node)
{
    static const int rows[] = {0, 1, 2, 2, 3, 4, 4, 5, 5, 5, 6, 6};
    return rows[node];
}

QFont sizedBold(const QFont &base, int pixelSize)
{
    return AppStyle::boldFont(AppStyle::withPixelSize(base, pixelSize));
}

} // namespace

TcpState StateDiagramPainter::nodeState(Node node)
{
    switch (node) {
    case Closed:
    case ClosedBottom:
    case NodeCount:
        return TcpState::Closed;
    case Listen:
        return TcpState::Listen;
    case SynReceived:
        return TcpState::SynReceived;
    case SynSent:
        return TcpState::SynSent;
    case Established:
        return TcpState::Established;
    case FinWait1:
        return TcpState::FinWait1;
    case CloseWait:
        return TcpState::CloseWait;
    case FinWait2:
        return TcpState::FinWait2;
    case Closing:
        return TcpState::Closing;
    case LastAck:
        return TcpState::LastAck;
    case TimeWait:
        return TcpState::TimeWait;
    }
    return TcpState::Closed;
}

StateDiagramPainter::Node StateDiagramPainter::nodeFor(TcpState state, std::optional<TcpState> cameFrom)
{
    if (state == TcpState::Closed)
        return (cameFrom == TcpState::TimeWait || cameFrom == TcpState::LastAck) ? ClosedBottom : Closed;
    for (int node = Closed; node < NodeCount; ++node) {
        if (nodeState(static_cast<Node>(node)) == state)
            return static_cast<Node>(node);
    }
    return Closed;
}

QPointF StateDiagramPainter::anchorPoint(const QRectF &box, Anchor anchor)
{
    switch (anchor.side) {
    case Top:
        return {box.center().x() + anchor.along * box.width(), box.top()};
    case Bottom:
        return {box.center().x() + anchor.along * box.width(), box.bottom()};
    case Left:
        return {box.left(), box.center().y() + anchor.along * box.height()};
    case Right:
        return {box.right(), box.center().y() + anchor.along * box.height()};
    }
    return box.center();
}

QList<StateDiagramPainter::Edge> StateDiagramPainter::edges()
{
    // Each edge leaves and enters its boxes at fixed points, chosen so that no line crosses a box
    // or another line, and the pairs (CLOSED <-> LISTEN, CLOSED <-> SYN-SENT, LISTEN <->
    // SYN-RECEIVED) run side by side.
    return {
        {Closed, Listen, tr("passive OPEN"), tr("create TCB"), {Bottom, -0.2}, {Top, -0.2}},
        {Listen, Closed, tr("CLOSE"), tr("delete TCB"), {Top, 0.2}, {Bottom, 0.2}},
        {Closed, SynSent, tr("active OPEN"), tr("snd SYN"), {Right, 0.25}, {Top, -0.15}},
        {SynSent, Closed, tr("CLOSE, rcv RST"), tr("delete TCB"), {Top, 0.3}, {Right, -0.25}},
        {Listen, SynReceived, tr("rcv SYN"), tr("snd SYN,ACK"), {Left, 0.25}, {Top, 0.3}},
        {SynReceived, Listen, tr("rcv RST"), QString(), {Top, -0.1}, {Left, -0.25}},
        {Listen, SynSent, tr("SEND"), tr("snd SYN"), {Right, 0.25}, {Left, -0.3}},
        {SynSent, SynReceived, tr("rcv SYN"), tr("snd SYN,ACK"), {Left, 0.2}, {Right, 0.2}},
        {SynReceived, Established, tr("rcv ACK of SYN"), QString(), {Bottom, 0.3}, {Top, -0.3}},
        {SynSent, Established, tr("rcv SYN,ACK"), tr("snd ACK"), {Bottom, -0.3}, {Top, 0.3}},
        {SynReceived, FinWait1, tr("CLOSE"), tr("snd FIN"), {Bottom, -0.25}, {Top, -0.25}},
        {Established, FinWait1, tr("CLOSE"), tr("snd FIN"), {Left, 0.1}, {Top, 0.3}},
        {Established, CloseWait, tr("rcv FIN"), tr("snd ACK"), {Right, 0.1}, {Top, -0.3}},
        {FinWait1, FinWait2, tr("rcv ACK of FIN"), QString(), {Bottom, -0.1}, {Top, -0.1}},
        {FinWait1, Closing, tr("rcv FIN"), tr("snd ACK"), {Right, -0.1}, {Left, -0.1}},
        {FinWait1, TimeWait, tr("rcv FIN+ACK of FIN"), tr("snd ACK"), {Right, 0.45}, {Left, -0.4}, true},
        {CloseWait, LastAck, tr("CLOSE"), tr("snd FIN"), {Bottom, 0}, {Top, 0}},
        {FinWait2, TimeWait, tr("rcv FIN"), tr("snd ACK"), {Right, 0.2}, {Left, 0.15}},
        {Closing, TimeWait, tr("rcv ACK of FIN"), QString(), {Bottom, 0}, {Top, 0}},
        {LastAck, ClosedBottom, tr("rcv ACK of FIN"), QString(), {Bottom, 0}, {Top, 0}},
        {TimeWait, ClosedBottom, tr("timeout 2MSL"), tr("delete TCB"), {Right, 0}, {Left, 0}},
    };
}

int StateDiagramPainter::edgeIndex(const QList<Edge> &all, TcpState from, TcpState to)
{
    const Node fromNode = nodeFor(from, std::nullopt);
    const Node toNode = nodeFor(to, from);
    for (int i = 0; i < all.size(); ++i) {
        if (all[i].from == fromNode && all[i].to == toNode)
            return i;
    }
    return -1;
}

bool StateDiagramPainter::hasEdge(TcpState from, TcpState to)
{
    return edgeIndex(edges(), from, to) >= 0;
}

TcpState StateDiagramPainter::boxState(int node)
{
    return node >= Closed && node < NodeCount ? nodeState(static_cast<Node>(node)) : TcpState::Closed;
}

bool StateDiagramPainter::setState(Side side, TcpState state, std::optional<TcpState> cameFrom)
{
    const int i = side == Side::Client ? 0 : 1;
    if (m_state[i] == state && m_cameFrom[i] == cameFrom)
        return false;
    m_state[i] = state;
    m_cameFrom[i] = cameFrom;
    return true;
}

TcpState StateDiagramPainter::state(Side side) const
{
    return m_state[side == Side::Client ? 0 : 1];
}

bool StateDiagramPainter::setTaken(const QList<Taken> &taken)
{
    bool same = taken.size() == m_taken.size();
    for (qsizetype i = 0; same && i < taken.size(); ++i)
        same = taken[i].side == m_taken[i].side && taken[i].from == m_taken[i].from && taken[i].to == m_taken[i].to
            && taken[i].timer == m_taken[i].timer;
    if (same)
        return false;
    m_taken = taken;
    return true;
}

int StateDiagramPainter::litEdgeCount() const
{
    const QList<Edge> all = edges();
    int count = 0;
    for (const Taken &taken : m_taken)
        count += edgeIndex(all, taken.from, taken.to) >= 0 ? 1 : 0;
    return count;
}

QSizeF StateDiagramPainter::placeBoxes(int pixelSize, Spelling spelling, QRectF (&boxes)[NodeCount],
                                       QString (&texts)[NodeCount]) const
{
    const bool abbreviated = spelling == Spelling::Abbreviated;
    const QFontMetricsF metrics(sizedBold(m_font, pixelSize));
    double columnWidth[3] = {0, 0, 0};
    for (int node = Closed; node < NodeCount; ++node) {
        const TcpState state = nodeState(static_cast<Node>(node));
        QString text = QString::fromLatin1(stateName(state));
        // Figure 5's own short names, only when the full ones cannot fit at 14 px.
        if (abbreviated && state == TcpState::SynReceived)
            text = QStringLiteral("SYN-RCVD");
        else if (abbreviated && state == TcpState::Established)
            text = QStringLiteral("ESTAB");
        texts[node] = text;
        double &width = columnWidth[column(node)];
        width = std::max(width, std::ceil(metrics.horizontalAdvance(text) + 2 * boxPaddingX * pixelSize));
    }
    const double boxHeight = std::ceil(metrics.height() + 2 * boxPaddingY * pixelSize);
    const double pitch = boxHeight + std::ceil(rowGap * pixelSize);
    const double left[3] = {0, columnWidth[0] + std::ceil(leftGap * pixelSize),
                            columnWidth[0] + std::ceil(leftGap * pixelSize) + columnWidth[1]
                                + std::ceil(rightGap * pixelSize)};
    for (int node = Closed; node < NodeCount; ++node)
        boxes[node] = QRectF(left[column(node)], row(node) * pitch, columnWidth[column(node)], boxHeight);
    return {left[2] + columnWidth[2], 6 * pitch + boxHeight};
}

QStringList StateDiagramPainter::captionLines(CaptionDetail detail) const
{
    const bool full = detail == CaptionDetail::Full;
    const QList<Edge> all = edges();
    QStringList lines;
    for (const Taken &taken : m_taken) {
        QString text = tr("%1: %2 → %3")
                           .arg(taken.side == Side::Client ? tr("Client") : tr("Server"),
                                QString::fromLatin1(stateName(taken.from)), QString::fromLatin1(stateName(taken.to)));
        const int index = edgeIndex(all, taken.from, taken.to);
        if (index < 0) {
            text += QStringLiteral("  ") + tr("(an edge Figure 5 does not draw)");
        } else if (full && taken.timer == TimerKind::Retransmission) {
            // Figure 5 labels SYN-SENT → CLOSED with CLOSE or a RST; here the retries ran out.
            text += QStringLiteral("  (") + tr("retransmission timer: retries exhausted") + QLatin1Char(')');
        } else if (full) {
            const Edge &edge = all[index];
            text += QStringLiteral("  (") + edge.event
                + (edge.action.isEmpty() ? QString() : QStringLiteral(" / ") + edge.action) + QLatin1Char(')');
        }
        lines.append(text);
    }
    return lines;
}

double StateDiagramPainter::captionHeight(const QStringList &lines, double width) const
{
    const QFontMetricsF metrics(AppStyle::boldFont(m_font));
    double height = 0;
    for (const QString &line : lines) {
        height += metrics.boundingRect(QRectF(0, 0, width, 1e6), Qt::AlignLeft | Qt::TextWordWrap, line).height() + 2;
    }
    return height;
}

double StateDiagramPainter::legend(QPainter *painter, const QRectF &room) const
{
    const QPalette &pal = m_palette;
    const QFont bold = AppStyle::boldFont(m_font);
    const QFontMetricsF boldMetrics(bold);
    const QFontMetricsF metrics(m_font);
    const double line = std::max(boldMetrics.height(), metrics.height());
    constexpr double swatch = 14;
    constexpr double dashSample = 28;
    constexpr double itemSpacing = 18;
    struct Item {
        int kind; // 0 client, 1 server, 2 dashed
        QString text;
        double width;
    };
    const QList<Item> items = {
        {0, tr("Client"), swatch + 6 + boldMetrics.horizontalAdvance(tr("Client"))},
        {1, tr("Server"), swatch + 6 + boldMetrics.horizontalAdvance(tr("Server"))},
        {2, tr("not in Figure 5"), dashSample + 6 + metrics.horizontalAdvance(tr("not in Figure 5"))},
    };
    double x = room.left();
    double y = room.top();
    for (const Item &item : items) {
        if (x > room.left() && x + item.width > room.right()) {
            x = room.left();
            y += line + 2;
        }
        if (painter) {
            const double middle = y + line / 2;
            if (item.kind < 2) {
                const Side side = item.kind == 0 ? Side::Client : Side::Server;
                painter->setPen(Qt::NoPen);
                painter->setBrush(AppStyle::sideColor(side, pal));
                painter->drawRoundedRect(QRectF(x, middle - swatch / 2, swatch, swatch), 3, 3);
                painter->setFont(bold);
                painter->setPen(pal.color(QPalette::Text));
                painter->drawText(QRectF(x + swatch + 6, y, item.width - swatch - 6, line),
                                  Qt::AlignLeft | Qt::AlignVCenter, item.text);
            } else {
                painter->setPen(QPen(AppStyle::mutedText(pal), 1.6, Qt::DashLine));
                painter->drawLine(QPointF(x, middle), QPointF(x + dashSample, middle));
                painter->setFont(m_font);
                painter->setPen(AppStyle::mutedText(pal));
                painter->drawText(QRectF(x + dashSample + 6, y, item.width - dashSample - 6, line),
                                  Qt::AlignLeft | Qt::AlignVCenter, item.text);
            }
        }
        x += item.width + itemSpacing;
    }
    return y + line - room.top();
}

StateDiagramPainter::Layout StateDiagramPainter::layout(const QSizeF &size) const
{
    Layout out;
    const QRectF inner(margin, 6, std::max(0.0, size.width() - 2 * margin), std::max(0.0, size.height() - 10.0));
    const double legendHeight = legend(nullptr, inner);
    out.legend = QRectF(inner.left(), inner.top(), inner.width(), legendHeight);
    const double figureTop = inner.top() + legendHeight + spacing;
    const int base = std::max(AppStyle::minimumPixelSize, QFontInfo(m_font).pixelSize());
    const int largest = std::max(base, base * largestFactorPercent / 100);

    const auto place = [&](int pixelSize, Spelling spelling, CaptionDetail detail, double captionSpace, double scale) {
        const QSizeF figureSize = placeBoxes(pixelSize, spelling, out.boxes, out.texts);
        const double areaHeight = inner.bottom() - figureTop - captionSpace;
        out.fontPixelSize = pixelSize;
        out.abbreviated = spelling == Spelling::Abbreviated;
        out.shortCaption = detail == CaptionDetail::Short;
        out.scale = scale;
        out.origin = QPointF(inner.left() + std::max(0.0, (inner.width() - figureSize.width() * scale) / 2),
                             figureTop + std::max(0.0, (areaHeight - figureSize.height() * scale) / 2));
        const double captionTop = out.origin.y() + figureSize.height() * scale + spacing;
        out.caption = QRectF(inner.left(), captionTop, inner.width(), std::max(0.0, inner.bottom() - captionTop));
    };

    for (CaptionDetail detail : {CaptionDetail::Full, CaptionDetail::Short}) {
        const QStringList lines = captionLines(detail);
        const double captionSpace = lines.isEmpty() ? 0 : captionHeight(lines, inner.width()) + spacing;
        const QSizeF area(inner.width(), inner.bottom() - figureTop - captionSpace);
        for (Spelling spelling : {Spelling::Full, Spelling::Abbreviated}) {
            for (int pixelSize = largest; pixelSize >= AppStyle::minimumPixelSize; --pixelSize) {
                QRectF boxes[NodeCount];
                QString texts[NodeCount];
                const QSizeF figureSize = placeBoxes(pixelSize, spelling, boxes, texts);
                if (figureSize.width() <= area.width() && figureSize.height() <= area.height()) {
                    place(pixelSize, spelling, detail, captionSpace, 1.0);
                    return out;
                }
            }
        }
    }
    // Smaller than the figure at 14 px: the whole figure scales down.
    const QStringList lines = captionLines(CaptionDetail::Short);
    const double captionSpace = lines.isEmpty() ? 0 : captionHeight(lines, inner.width()) + spacing;
    QRectF boxes[NodeCount];
    QString texts[NodeCount];
    const QSizeF figureSize = placeBoxes(AppStyle::minimumPixelSize, Spelling::Abbreviated, boxes, texts);
    const double scale = std::max(0.05, std::min(inner.width() / figureSize.width(),
                                                 (inner.bottom() - figureTop - captionSpace) / figureSize.height()));
    place(AppStyle::minimumPixelSize, Spelling::Abbreviated, CaptionDetail::Short, captionSpace, std::min(1.0, scale));
    return out;
}

StateDiagramPainter::Figure StateDiagramPainter::figure(const QSizeF &size) const
{
    const Layout lay = layout(size);
    Figure figure;
    const auto map = [&](const QPointF &p) { return lay.origin + p * lay.scale; };
    for (int node = Closed; node < NodeCount; ++node) {
        const QRectF &box = lay.boxes[node];
        figure.boxes.append(QRectF(map(box.topLeft()), box.size() * lay.scale));
        figure.texts.append(lay.texts[node]);
    }
    for (const Edge &edge : edges())
        figure.edges.append(QLineF(map(anchorPoint(lay.boxes[edge.from], edge.start)),
                                   map(anchorPoint(lay.boxes[edge.to], edge.end))));
    figure.legend = lay.legend;
    figure.caption = lay.caption;
    figure.fontPixelSize = lay.fontPixelSize * lay.scale;
    figure.scale = lay.scale;
    figure.abbreviated = lay.abbreviated;
    return figure;
}

void StateDiagramPainter::paint(QPainter &painter, const QSizeF &size) const
{
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette &pal = m_palette;
    const Layout lay = layout(size);
    legend(&painter, lay.legend);

    const double px = lay.fontPixelSize;
    const double unit = px / AppStyle::basePixelSize;
    const QFont boxFont = sizedBold(m_font, lay.fontPixelSize);
    const QColor edgeColor = AppStyle::mutedText(pal);
    const QList<Edge> all = edges();
    QList<int> litIndex;
    QList<Side> litSide;
    for (const Taken &taken : m_taken) {
        const int index = edgeIndex(all, taken.from, taken.to);
        if (index >= 0) {
            litIndex.append(index);
            litSide.append(taken.side);
        }
    }

    painter.save();
    painter.translate(lay.origin);
    painter.scale(lay.scale, lay.scale);

    // Boxes first, filled with the colour of the side(s) in that state; the edges go on top so
    // that no box hides a line or an arrowhead.
    const Node clientNode = nodeFor(m_state[0], m_cameFrom[0]);
    const Node serverNode = nodeFor(m_state[1], m_cameFrom[1]);
    for (int node = Closed; node < NodeCount; ++node) {
        const QRectF &box = lay.boxes[node];
        const double radius = std::min(6 * unit, box.height() / 4);
        const bool client = node == clientNode;
        const bool server = node == serverNode;
        QPainterPath shape;
        shape.addRoundedRect(box, radius, radius);
        painter.fillPath(shape, pal.color(QPalette::Base));
        if (client || server) {
            painter.save();
            painter.setClipPath(shape);
            if (client && server) {
                painter.fillRect(QRectF(box.left(), box.top(), box.width() / 2, box.height()),
                                 AppStyle::sideColor(Side::Client, pal));
                painter.fillRect(QRectF(box.center().x(), box.top(), box.width() / 2, box.height()),
                                 AppStyle::sideColor(Side::Server, pal));
            } else {
                painter.fillRect(box, AppStyle::sideColor(client ? Side::Client : Side::Server, pal));
            }
            painter.restore();
        }
        const bool active = client || server;
        painter.setBrush(Qt::NoBrush);
        painter.setPen(QPen(active ? pal.color(QPalette::Text) : edgeColor, active ? 2.2 * unit : 1.3 * unit));
        painter.drawPath(shape);
        painter.setFont(boxFont);
        const bool darkText = !AppStyle::isDark(pal);
        painter.setPen(active ? (darkText ? QColor(Qt::white) : QColor(0x10, 0x10, 0x10)) : pal.color(QPalette::Text));
        painter.drawText(box, Qt::AlignCenter, lay.texts[node]);
    }

    auto drawArrowHead = [&](const QPointF &start, const QPointF &end, const QColor &color, double size) {
        const double angle = std::atan2(end.y() - start.y(), end.x() - start.x());
        QPainterPath path;
        path.moveTo(end);
        path.lineTo(end - QPointF(std::cos(angle - 0.42) * size, std::sin(angle - 0.42) * size));
        path.lineTo(end - QPointF(std::cos(angle + 0.42) * size, std::sin(angle + 0.42) * size));
        path.closeSubpath();
        painter.setPen(Qt::NoPen);
        painter.setBrush(color);
        painter.drawPath(path);
    };
    auto line = [&](const Edge &edge) {
        return QLineF(anchorPoint(lay.boxes[edge.from], edge.start), anchorPoint(lay.boxes[edge.to], edge.end));
    };
    const double head = 0.55 * px;
    for (int i = 0; i < all.size(); ++i) {
        if (litIndex.contains(i))
            continue;
        const QLineF l = line(all[i]);
        // The shaft stops where the head begins, so a dashed line never pokes through it.
        const QPointF shaftEnd = l.length() > head ? l.pointAt(1 - head * 0.8 / l.length()) : l.p1();
        painter.setPen(QPen(edgeColor, 1.4 * unit, all[i].extra ? Qt::DashLine : Qt::SolidLine, Qt::FlatCap));
        painter.drawLine(l.p1(), shaftEnd);
        drawArrowHead(l.p1(), l.p2(), edgeColor, head);
    }
    for (int k = 0; k < litIndex.size(); ++k) {
        const Edge &edge = all[litIndex[k]];
        const QLineF l = line(edge);
        const QColor color = AppStyle::sideColor(litSide[k], pal);
        QColor glow = color;
        glow.setAlpha(70);
        painter.setPen(QPen(glow, 0.6 * px, Qt::SolidLine, Qt::RoundCap));
        painter.drawLine(l);
        const double litHead = 0.65 * px;
        const QPointF shaftEnd = l.length() > litHead ? l.pointAt(1 - litHead * 0.8 / l.length()) : l.p1();
        painter.setPen(QPen(color, 3.2 * unit, edge.extra ? Qt::DashLine : Qt::SolidLine, Qt::FlatCap));
        painter.drawLine(l.p1(), shaftEnd);
        drawArrowHead(l.p1(), l.p2(), color, litHead);
    }
    painter.restore();

    // Caption: the transitions the newest step took, each in its side's colour.
    const QStringList lines = captionLines(lay.shortCaption ? CaptionDetail::Short : CaptionDetail::Full);
    const QFont bold = AppStyle::boldFont(m_font);
    painter.setFont(bold);
    double y = lay.caption.top();
    for (qsizetype i = 0; i < lines.size() && i < m_taken.size(); ++i) {
        if (y >= size.height())
            break;
        const QRectF room(lay.caption.left(), y, lay.caption.width(), size.height() - y);
        painter.setPen(AppStyle::sideColor(m_taken[i].side, pal));
        QRectF used;
        painter.drawText(room, Qt::AlignLeft | Qt::TextWordWrap, lines[i], &used);
        y += used.height() + 2;
    }
}
