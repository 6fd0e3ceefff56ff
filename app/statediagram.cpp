#include "statediagram.h"

#include "appstyle.h"

#include <QEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

using namespace tcpsim;

namespace {

constexpr double logicalWidth = 700;
constexpr double logicalHeight = 600;
constexpr double columnX[3] = {105, 350, 595};
constexpr double rowY[7] = {30, 110, 200, 290, 380, 470, 560};

// Where the line from `inside` towards `outside` leaves the rectangle.
QPointF exitPoint(const QRectF &rect, const QPointF &inside, const QPointF &outside)
{
    const QPointF d = outside - inside;
    double t = 1.0;
    if (d.x() > 0)
        t = std::min(t, (rect.right() - inside.x()) / d.x());
    else if (d.x() < 0)
        t = std::min(t, (rect.left() - inside.x()) / d.x());
    if (d.y() > 0)
        t = std::min(t, (rect.bottom() - inside.y()) / d.y());
    else if (d.y() < 0)
        t = std::min(t, (rect.top() - inside.y()) / d.y());
    return inside + std::clamp(t, 0.0, 1.0) * d;
}

} // namespace

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
    return {320, 300};
}

TcpState StateDiagram::nodeState(Node node)
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

StateDiagram::Node StateDiagram::nodeFor(TcpState state, std::optional<TcpState> cameFrom)
{
    if (state == TcpState::Closed)
        return (cameFrom == TcpState::TimeWait || cameFrom == TcpState::LastAck) ? ClosedBottom : Closed;
    for (int node = Closed; node < NodeCount; ++node) {
        if (nodeState(static_cast<Node>(node)) == state)
            return static_cast<Node>(node);
    }
    return Closed;
}

QPointF StateDiagram::nodeCenter(Node node) const
{
    static const int column[NodeCount] = {1, 1, 0, 2, 1, 0, 2, 0, 1, 2, 1, 2};
    static const int row[NodeCount] = {0, 1, 2, 2, 3, 4, 4, 5, 5, 5, 6, 6};
    return {columnX[column[node]], rowY[row[node]]};
}

QList<StateDiagram::Edge> StateDiagram::edges()
{
    return {
        {Closed, Listen, tr("passive OPEN"), tr("create TCB"), false, -14},
        {Listen, Closed, tr("CLOSE"), tr("delete TCB"), false, -14},
        {Closed, SynSent, tr("active OPEN"), tr("snd SYN"), false, -12},
        {SynSent, Closed, tr("CLOSE, rcv RST"), tr("delete TCB"), false, -12},
        {Listen, SynReceived, tr("rcv SYN"), tr("snd SYN,ACK"), false, -12},
        {SynReceived, Listen, tr("rcv RST"), QString(), false, -12},
        {Listen, SynSent, tr("SEND"), tr("snd SYN"), false, 0},
        {SynSent, SynReceived, tr("rcv SYN"), tr("snd SYN,ACK"), false, 0},
        {SynReceived, Established, tr("rcv ACK of SYN"), QString(), false, 0},
        {SynSent, Established, tr("rcv SYN,ACK"), tr("snd ACK"), false, 0},
        {SynReceived, FinWait1, tr("CLOSE"), tr("snd FIN"), false, 0},
        {Established, FinWait1, tr("CLOSE"), tr("snd FIN"), false, 0},
        {Established, CloseWait, tr("rcv FIN"), tr("snd ACK"), false, 0},
        {FinWait1, FinWait2, tr("rcv ACK of FIN"), QString(), false, 0},
        {FinWait1, Closing, tr("rcv FIN"), tr("snd ACK"), false, 0},
        {FinWait1, TimeWait, tr("rcv FIN+ACK of FIN"), tr("snd ACK"), true, 0},
        {CloseWait, LastAck, tr("CLOSE"), tr("snd FIN"), false, 0},
        {FinWait2, TimeWait, tr("rcv FIN"), tr("snd ACK"), false, 0},
        {Closing, TimeWait, tr("rcv ACK of FIN"), QString(), false, 0},
        {LastAck, ClosedBottom, tr("rcv ACK of FIN"), QString(), false, 0},
        {TimeWait, ClosedBottom, tr("timeout 2MSL"), tr("delete TCB"), false, 0},
    };
}

int StateDiagram::edgeIndex(const QList<Edge> &all, TcpState from, TcpState to)
{
    const Node fromNode = nodeFor(from, std::nullopt);
    const Node toNode = nodeFor(to, from);
    for (int i = 0; i < all.size(); ++i) {
        if (all[i].from == fromNode && all[i].to == toNode)
            return i;
    }
    return -1;
}

bool StateDiagram::hasEdge(TcpState from, TcpState to)
{
    return edgeIndex(edges(), from, to) >= 0;
}

int StateDiagram::litEdgeCount() const
{
    const QList<Edge> all = edges();
    int count = 0;
    for (const Taken &taken : m_taken)
        count += edgeIndex(all, taken.from, taken.to) >= 0 ? 1 : 0;
    return count;
}

void StateDiagram::setState(Side side, TcpState state, std::optional<TcpState> cameFrom)
{
    const int i = side == Side::Client ? 0 : 1;
    if (m_state[i] == state && m_cameFrom[i] == cameFrom)
        return;
    m_state[i] = state;
    m_cameFrom[i] = cameFrom;
    update();
}

TcpState StateDiagram::state(Side side) const
{
    return m_state[side == Side::Client ? 0 : 1];
}

void StateDiagram::setTaken(const QList<Taken> &taken)
{
    bool same = taken.size() == m_taken.size();
    for (qsizetype i = 0; same && i < taken.size(); ++i)
        same = taken[i].side == m_taken[i].side && taken[i].from == m_taken[i].from && taken[i].to == m_taken[i].to;
    if (same)
        return;
    m_taken = taken;
    update();
}

void StateDiagram::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange || event->type() == QEvent::PaletteChange)
        update();
}

void StateDiagram::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette &pal = palette();
    const QFont baseFont = font();
    const QFont boldFont = AppStyle::boldFont(baseFont);
    const QFontMetricsF metrics(baseFont);
    const QFontMetricsF boldMetrics(boldFont);
    const double line = metrics.height();

    // Legend on top, caption (the transitions just taken) at the bottom, the figure between.
    const double legendHeight = line + 10;
    const double captionHeight = line * 3 + 12;
    const QRectF area(8, legendHeight, width() - 16, height() - legendHeight - captionHeight);
    const double scale = std::min(area.width() / logicalWidth, area.height() / logicalHeight);
    const QPointF origin(area.left() + (area.width() - logicalWidth * scale) / 2,
                         area.top() + (area.height() - logicalHeight * scale) / 2);
    auto map = [&](const QPointF &p) { return origin + p * scale; };
    const bool allLabels = scale >= 0.92;

    // Box geometry (pixels): wide enough for the name in one or two lines.
    QRectF boxes[NodeCount];
    QStringList names[NodeCount];
    for (int node = Closed; node < NodeCount; ++node) {
        const QString name = QString::fromLatin1(stateName(nodeState(static_cast<Node>(node))));
        const double maxWidth = 128 * scale;
        QStringList lines{name};
        if (boldMetrics.horizontalAdvance(name) + 14 > maxWidth && name.contains(QLatin1Char('-'))) {
            const qsizetype dash = name.indexOf(QLatin1Char('-'));
            lines = {name.left(dash + 1), name.mid(dash + 1)};
        }
        double textWidth = 0;
        for (const QString &l : lines)
            textWidth = std::max(textWidth, boldMetrics.horizontalAdvance(l));
        const double w = std::max(maxWidth, textWidth + 14);
        const double h = std::max(40 * scale, lines.size() * boldMetrics.height() + 8);
        const QPointF c = map(nodeCenter(static_cast<Node>(node)));
        boxes[node] = QRectF(c.x() - w / 2, c.y() - h / 2, w, h);
        names[node] = lines;
    }

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

    const QColor edgeColor = AppStyle::mutedText(pal);
    auto edgeGeometry = [&](const Edge &edge, QPointF &start, QPointF &end) {
        QPointF a = map(nodeCenter(edge.from));
        QPointF b = map(nodeCenter(edge.to));
        const QLineF l(a, b);
        const QPointF normal(-l.dy() / l.length(), l.dx() / l.length());
        const double bend = edge.bend * scale;
        // Parallel pairs (LISTEN <-> CLOSED ...) shift to opposite sides of the axis.
        const double sign = edge.from < edge.to ? 1.0 : -1.0;
        a += normal * bend * sign;
        b += normal * bend * sign;
        start = exitPoint(boxes[edge.from], a, b);
        end = exitPoint(boxes[edge.to], b, a);
    };
    auto drawArrowHead = [&](const QPointF &start, const QPointF &end, const QColor &color, double size) {
        const double angle = std::atan2(end.y() - start.y(), end.x() - start.x());
        QPainterPath path;
        path.moveTo(end);
        path.lineTo(end - QPointF(std::cos(angle - 0.45) * size, std::sin(angle - 0.45) * size));
        path.lineTo(end - QPointF(std::cos(angle + 0.45) * size, std::sin(angle + 0.45) * size));
        path.closeSubpath();
        painter.setPen(Qt::NoPen);
        painter.setBrush(color);
        painter.drawPath(path);
    };
    auto drawEdgeLabel = [&](const Edge &edge, const QPointF &start, const QPointF &end, const QColor &color,
                             bool lit) {
        QStringList lines{edge.event};
        if (!edge.action.isEmpty())
            lines.append(edge.action);
        double w = 0;
        for (const QString &l : lines)
            w = std::max(w, metrics.horizontalAdvance(l));
        w += 10;
        const double h = lines.size() * line + 4;
        const QPointF mid = (start + end) / 2;
        QRectF rect(mid.x() - w / 2, mid.y() - h / 2, w, h);
        rect.moveLeft(std::clamp(rect.left(), 2.0, width() - w - 2));
        QColor background = pal.color(QPalette::Base);
        background.setAlpha(lit ? 245 : 215);
        painter.setPen(lit ? QPen(color, 1.5) : Qt::NoPen);
        painter.setBrush(background);
        painter.drawRoundedRect(rect, 4, 4);
        painter.setPen(lit ? pal.color(QPalette::Text) : color);
        painter.setFont(lit ? boldFont : baseFont);
        painter.drawText(rect, Qt::AlignCenter, lines.join(QLatin1Char('\n')));
    };

    for (int i = 0; i < all.size(); ++i) {
        if (litIndex.contains(i))
            continue;
        QPointF start, end;
        edgeGeometry(all[i], start, end);
        painter.setPen(QPen(edgeColor, 1.4, all[i].extra ? Qt::DashLine : Qt::SolidLine));
        painter.drawLine(start, end);
        drawArrowHead(start, end, edgeColor, 9);
    }
    for (int k = 0; k < litIndex.size(); ++k) {
        QPointF start, end;
        const Edge &edge = all[litIndex[k]];
        edgeGeometry(edge, start, end);
        const QColor color = AppStyle::sideColor(litSide[k], pal);
        QColor glow = color;
        glow.setAlpha(70);
        painter.setPen(QPen(glow, 10, Qt::SolidLine, Qt::RoundCap));
        painter.drawLine(start, end);
        painter.setPen(QPen(color, 3.5, edge.extra ? Qt::DashLine : Qt::SolidLine, Qt::RoundCap));
        painter.drawLine(start, end);
        drawArrowHead(start, end, color, 14);
    }

    // Boxes, filled with the colour of the side(s) in that state.
    const Node clientNode = nodeFor(m_state[0], m_cameFrom[0]);
    const Node serverNode = nodeFor(m_state[1], m_cameFrom[1]);
    for (int node = Closed; node < NodeCount; ++node) {
        const QRectF &box = boxes[node];
        const bool client = node == clientNode;
        const bool server = node == serverNode;
        painter.setPen(Qt::NoPen);
        painter.setBrush(pal.color(QPalette::Base));
        painter.drawRoundedRect(box, 7, 7);
        if (client || server) {
            QPainterPath shape;
            shape.addRoundedRect(box, 7, 7);
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
        painter.setPen(QPen(active ? pal.color(QPalette::Text) : edgeColor, active ? 2 : 1.3));
        painter.drawRoundedRect(box, 7, 7);
        painter.setFont(boldFont);
        const bool darkText = !AppStyle::isDark(pal);
        painter.setPen(active ? (darkText ? QColor(Qt::white) : QColor(0x10, 0x10, 0x10)) : pal.color(QPalette::Text));
        painter.drawText(box, Qt::AlignCenter, names[node].join(QLatin1Char('\n')));
    }

    if (allLabels) {
        for (int i = 0; i < all.size(); ++i) {
            if (litIndex.contains(i))
                continue;
            QPointF start, end;
            edgeGeometry(all[i], start, end);
            drawEdgeLabel(all[i], start, end, edgeColor, false);
        }
    }
    if (allLabels) {
        for (int k = 0; k < litIndex.size(); ++k) {
            QPointF start, end;
            const Edge &edge = all[litIndex[k]];
            edgeGeometry(edge, start, end);
            drawEdgeLabel(edge, start, end, AppStyle::sideColor(litSide[k], pal), true);
        }
    }

    // Legend.
    double x = 10;
    painter.setFont(boldFont);
    for (Side side : {Side::Client, Side::Server}) {
        const QRectF swatch(x, 6 + (line - 12) / 2, 14, 14);
        painter.setPen(Qt::NoPen);
        painter.setBrush(AppStyle::sideColor(side, pal));
        painter.drawRoundedRect(swatch, 3, 3);
        x += 20;
        const QString text = side == Side::Client ? tr("Client") : tr("Server");
        painter.setPen(pal.color(QPalette::Text));
        painter.drawText(QPointF(x, 6 + boldMetrics.ascent()), text);
        x += boldMetrics.horizontalAdvance(text) + 22;
    }
    painter.setFont(baseFont);
    painter.setPen(edgeColor);
    const QString dashed = tr("dashed: not in Figure 5");
    painter.drawText(QRectF(x, 6, width() - x - 8, line), Qt::AlignRight | Qt::AlignVCenter,
                     metrics.elidedText(dashed, Qt::ElideRight, std::max(0.0, width() - x - 8)));

    // Caption: the transitions the newest step took.
    double y = height() - captionHeight + 6;
    for (const Taken &taken : m_taken) {
        if (y + line > height())
            break;
        QString text = tr("%1: %2 → %3")
                           .arg(taken.side == Side::Client ? tr("Client") : tr("Server"),
                                QString::fromLatin1(stateName(taken.from)), QString::fromLatin1(stateName(taken.to)));
        const int index = edgeIndex(all, taken.from, taken.to);
        if (index < 0) {
            text += QStringLiteral("  ") + tr("(an edge Figure 5 does not draw)");
        } else {
            const Edge &edge = all[index];
            text += QStringLiteral("  (") + edge.event
                + (edge.action.isEmpty() ? QString() : QStringLiteral(" / ") + edge.action) + QLatin1Char(')');
        }
        painter.setPen(AppStyle::sideColor(taken.side, pal));
        painter.setFont(boldFont);
        const QRectF room(10, y, width() - 20, height() - y);
        const QRectF used = painter.boundingRect(room, Qt::AlignLeft | Qt::TextWordWrap, text);
        painter.drawText(room, Qt::AlignLeft | Qt::TextWordWrap, text);
        y += used.height() + 2;
    }
}
