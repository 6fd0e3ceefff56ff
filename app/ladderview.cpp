// SPDX-License-Identifier: GPL-3.0-or-later
#include "ladderview.h"

#include "appstyle.h"

#include <QEasingCurve>
#include <QContextMenuEvent>
#include <QHelpEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>
#include <QToolTip>
#include <QVariantAnimation>

#include <algorithm>
#include <cmath>

using namespace tcpsim;

namespace {

constexpr int baseMomentMs = 650; // one moment of animation at speed 1

double ease(double t)
{
    static const QEasingCurve curve(QEasingCurve::InOutSine);
    return curve.valueForProgress(std::clamp(t, 0.0, 1.0));
}

} // namespace

LadderView::LadderView(QWidget *parent)
    : QAbstractScrollArea(parent)
    , m_animation(new QVariantAnimation(this))
{
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    viewport()->setMouseTracking(true);
    viewport()->setBackgroundRole(QPalette::Base);
    viewport()->setAutoFillBackground(true);
    setFocusPolicy(Qt::StrongFocus);
    setAccessibleName(tr("Ladder diagram"));

    m_animation->setStartValue(0.0);
    m_animation->setEasingCurve(QEasingCurve::Linear);
    connect(m_animation, &QVariantAnimation::valueChanged, this,
            [this](const QVariant &value) { setProgress(value.toDouble()); });
    connect(m_animation, &QVariantAnimation::finished, this, [this] {
        setProgress(LadderLayout::finished);
        emit animationFinished();
    });
    connect(verticalScrollBar(), &QScrollBar::valueChanged, viewport(), qOverload<>(&QWidget::update));
}

QSize LadderView::sizeHint() const
{
    return {640, 480};
}

QSize LadderView::minimumSizeHint() const
{
    // Small: the ladder scrolls, and the explanation above it must not be squeezed instead.
    return {420, 150};
}

void LadderView::setSimulation(const Simulation &simulation, const std::vector<std::size_t> &boundaries,
                               Animation animation)
{
    m_animation->stop();
    m_events = simulation.events();
    m_config = simulation.config();
    m_boundaries = boundaries;
    if (m_boundaries.empty())
        m_boundaries.push_back(0);
    m_boundaries.back() = std::min(m_boundaries.back(), m_events.size());
    m_events.resize(m_boundaries.back());
    if (m_highlightedStep > static_cast<int>(m_boundaries.size()) - 1)
        m_highlightedStep = -1;
    rebuild();
    if (m_selectedArrow >= arrowCount())
        m_selectedArrow = -1;

    const int newestMoments = m_layout.newestMomentCount();
    if (animation == Animation::Animate && m_layout.newestStep() > 0 && newestMoments > 0) {
        m_progress = 0;
        m_animation->setEndValue(static_cast<double>(newestMoments));
        m_animation->setDuration(animationDuration());
        m_animation->start();
    } else {
        m_progress = LadderLayout::finished;
    }
    scrollToNewest();
    m_lastRevealed = m_layout.revealedCount(m_progress);
    m_lastRevealedTransitions = m_layout.revealedTransitionCount(m_progress);
    emit revealChanged();
    viewport()->update();
}

void LadderView::setNumberStyle(NumberStyle style)
{
    if (m_numberStyle == style)
        return;
    m_numberStyle = style;
    m_layout.setNumberStyle(style);
    viewport()->update();
}

void LadderView::setSpeed(double speed)
{
    m_speed = std::clamp(speed, 0.1, 10.0);
}

bool LadderView::isAnimating() const
{
    return m_animation->state() == QAbstractAnimation::Running;
}

void LadderView::finishAnimation()
{
    if (!isAnimating())
        return;
    m_animation->stop();
    setProgress(LadderLayout::finished);
    emit animationFinished();
}

int LadderView::animationDuration() const
{
    return static_cast<int>(std::max(1, m_layout.newestMomentCount()) * baseMomentMs / m_speed);
}

int LadderView::arrowCount(Fate fate) const
{
    const auto &arrows = m_layout.arrows();
    return static_cast<int>(std::count_if(arrows.begin(), arrows.end(),
                                          [fate](const Arrow &arrow) { return arrow.fate == fate; }));
}

int LadderView::retransmissionCount() const
{
    const auto &arrows = m_layout.arrows();
    return static_cast<int>(std::count_if(arrows.begin(), arrows.end(), [](const Arrow &arrow) {
        return arrow.segment.retransmission;
    }));
}

void LadderView::rebuild()
{
    m_layout = LadderLayout(m_events, m_boundaries, m_numberStyle);
    relayout();
}

void LadderView::relayout()
{
    m_layout.place(font(), viewport()->width());
    updateScrollRange();
}

void LadderView::updateScrollRange()
{
    const int range = std::max(0, contentHeight() - viewport()->height());
    verticalScrollBar()->setRange(0, range);
    verticalScrollBar()->setPageStep(viewport()->height());
    verticalScrollBar()->setSingleStep(static_cast<int>(m_layout.geometry().row));
}

void LadderView::scrollToNewest()
{
    const LadderLayout::Geometry &g = m_layout.geometry();
    const auto &moments = m_layout.moments();
    const int firstNewest = m_layout.firstNewestMoment();
    const double bottom = m_layout.nowY() + g.line * 3;
    const int value = verticalScrollBar()->value();
    if (bottom > value + viewport()->height())
        verticalScrollBar()->setValue(static_cast<int>(bottom) - viewport()->height());
    else if (firstNewest < static_cast<int>(moments.size())) {
        const double top = moments[static_cast<std::size_t>(firstNewest)].y - g.header - g.row * 2;
        if (top < value)
            verticalScrollBar()->setValue(std::max(0, static_cast<int>(top)));
    }
}

int LadderView::contentHeight() const
{
    return static_cast<int>(std::ceil(m_layout.contentHeight()));
}

void LadderView::setProgress(double progress)
{
    m_progress = progress;
    // Labels and transitions both: the state diagram follows the transitions.
    const int revealed = m_layout.revealedCount(m_progress);
    const int transitions = m_layout.revealedTransitionCount(m_progress);
    if (revealed != m_lastRevealed || transitions != m_lastRevealedTransitions) {
        m_lastRevealed = revealed;
        m_lastRevealedTransitions = transitions;
        emit revealChanged();
    }
    viewport()->update();
}

TcpState LadderView::displayedState(Side side) const
{
    const auto last = lastRevealedTransition(side);
    return last ? last->to : TcpState::Closed;
}

std::optional<LadderView::Transition> LadderView::lastRevealedTransition(Side side) const
{
    return m_layout.lastRevealedTransition(side, m_progress);
}

QList<LadderView::Transition> LadderView::revealedNewestTransitions() const
{
    return m_layout.revealedNewestTransitions(m_progress);
}

void LadderView::setHighlightedStep(int step)
{
    m_highlightedStep = step;
    if (step >= 0) {
        const LadderLayout::Geometry &g = m_layout.geometry();
        for (const LadderLayout::Moment &moment : m_layout.moments()) {
            if (moment.step != step)
                continue;
            const int top = static_cast<int>(moment.y - g.header - g.row * 2);
            const int value = verticalScrollBar()->value();
            if (top < value || moment.y + moment.height > value + viewport()->height())
                verticalScrollBar()->setValue(std::max(0, top));
            break;
        }
    }
    viewport()->update();
}

void LadderView::setLiveServerPort(quint16 port)
{
    if (m_liveServerPort == port)
        return;
    m_liveServerPort = port;
    viewport()->update();
}

quint16 LadderView::shownServerPort() const
{
    return m_liveServerPort != 0 ? m_liveServerPort : m_config.serverPort;
}

void LadderView::setSelectedArrow(int index)
{
    m_selectedArrow = (index >= 0 && index < arrowCount()) ? index : -1;
    viewport()->update();
}

int LadderView::arrowIndexForSegmentId(std::uint64_t id) const
{
    return m_layout.arrowIndexForSegmentId(id);
}

QRectF LadderView::arrowLabelRect(int index) const
{
    if (index < 0 || index >= arrowCount())
        return {};
    return m_layout.labelRect(arrows()[static_cast<std::size_t>(index)]).translated(0, -verticalScrollBar()->value());
}

QPointF LadderView::arrowHitPoint(int index) const
{
    if (index < 0 || index >= arrowCount())
        return {};
    const Arrow &arrow = arrows()[static_cast<std::size_t>(index)];
    const QLineF line = m_layout.arrowLine(arrow);
    return line.pointAt(std::min(0.45, m_layout.arrowFraction(arrow, m_progress) * 0.9))
        - QPointF(0, verticalScrollBar()->value());
}

void LadderView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    relayout();
}

void LadderView::changeEvent(QEvent *event)
{
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::PaletteChange
        || event->type() == QEvent::LanguageChange) {
        if (event->type() == QEvent::LanguageChange)
            rebuild();
        else
            relayout();
        // Larger type (zoom, presentation mode) moves every row: keep the current step in view.
        if (event->type() == QEvent::FontChange)
            scrollToNewest();
        viewport()->update();
    }
}

void LadderView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QAbstractScrollArea::mousePressEvent(event);
        return;
    }
    finishAnimation();
    const QPointF point = event->position() + QPointF(0, verticalScrollBar()->value());
    const int index = m_layout.arrowAt(point, m_progress);
    if (index < 0)
        return;
    // A click inspects; losing a segment is deliberate: Shift+click or the context menu.
    if (event->modifiers().testFlag(Qt::ShiftModifier) && loseArrow(index))
        return;
    setSelectedArrow(index);
    emit arrowClicked(index);
}

void LadderView::contextMenuEvent(QContextMenuEvent *event)
{
    finishAnimation();
    const int index = m_layout.arrowAt(QPointF(event->pos()) + QPointF(0, verticalScrollBar()->value()), m_progress);
    if (index < 0)
        return;
    const Arrow &arrow = arrows()[static_cast<std::size_t>(index)];
    const std::uint64_t id = arrow.segment.id;
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->addAction(tr("Inspect this segment"), this, [this, index] {
        if (index < arrowCount()) {
            setSelectedArrow(index);
            emit arrowClicked(index);
        }
    });
    QAction *lose = menu->addAction(tr("Lose this segment"), this,
                                    [this, id] { loseArrow(arrowIndexForSegmentId(id)); });
    lose->setEnabled(arrow.fate == Fate::InFlight && id != 0);
    menu->popup(event->globalPos());
    event->accept();
}

bool LadderView::loseArrow(int index)
{
    if (index < 0 || index >= arrowCount())
        return false;
    const Arrow &arrow = arrows()[static_cast<std::size_t>(index)];
    if (arrow.fate != Fate::InFlight || arrow.segment.id == 0)
        return false;
    // Copies: a receiver that drops the segment rebuilds the layout.
    const tcpsim::Side from = arrow.segment.from;
    const std::uint64_t id = arrow.segment.id;
    emit dropRequested(from, id);
    finishAnimation();
    const int now = arrowIndexForSegmentId(id);
    if (now < 0)
        return false;
    setSelectedArrow(now);
    emit arrowClicked(now);
    return true;
}

void LadderView::mouseMoveEvent(QMouseEvent *event)
{
    const QPointF point = event->position() + QPointF(0, verticalScrollBar()->value());
    const int index = m_layout.arrowAt(point, m_progress);
    if (index != m_hoveredArrow) {
        m_hoveredArrow = index;
        viewport()->setCursor(index >= 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
        viewport()->update();
    }
    QAbstractScrollArea::mouseMoveEvent(event);
}

bool LadderView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int index = m_layout.arrowAt(QPointF(help->pos()) + QPointF(0, verticalScrollBar()->value()), m_progress);
        if (index >= 0) {
            const Arrow &arrow = arrows()[static_cast<std::size_t>(index)];
            QToolTip::showText(help->globalPos(), arrow.fate == Fate::InFlight
                                   ? tr("In flight. Click to inspect this segment's TCP header; Shift+click (or "
                                        "right-click → Lose this segment) to lose it in the network.")
                                   : tr("Click to inspect this segment's TCP header."),
                               viewport());
        } else {
            QToolTip::hideText();
        }
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

void LadderView::paintEvent(QPaintEvent *)
{
    QPainter painter(viewport());
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    if (m_layout.width() != viewport()->width())
        relayout();
    const LadderLayout::Geometry &g = m_layout.geometry();
    const auto &moments = m_layout.moments();
    const QPalette &pal = palette();
    const double scroll = verticalScrollBar()->value();
    const double viewHeight = viewport()->height();

    painter.save();
    painter.translate(0, -scroll);
    const double visibleTop = scroll;
    const double visibleBottom = scroll + viewHeight;

    // Step bands: alternate washes, step numbers, the highlighted step.
    const QFont smallFont = AppStyle::withPixelSize(font(), AppStyle::minimumPixelSize);
    for (std::size_t i = 0; i < moments.size();) {
        const int step = moments[i].step;
        std::size_t j = i;
        while (j < moments.size() && moments[j].step == step)
            ++j;
        const double top = moments[i].y - g.row * 0.75;
        const double bottom = moments[j - 1].y + moments[j - 1].height - g.row * 0.75;
        if (bottom >= visibleTop && top <= visibleBottom) {
            const QRectF band(0, top, viewport()->width(), bottom - top);
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
            if (step > 0) {
                painter.setFont(smallFont);
                painter.setPen(AppStyle::mutedText(pal));
                painter.drawText(QRectF(10, top + 2, 60, g.line), Qt::AlignLeft | Qt::AlignTop,
                                 QString::number(step));
            }
        }
        i = j;
    }

    // Timelines.
    for (Side side : {Side::Client, Side::Server}) {
        QPen pen(AppStyle::sideColor(side, pal), 3);
        pen.setCapStyle(Qt::FlatCap);
        painter.setPen(pen);
        const double x = side == Side::Client ? g.clientX : g.serverX;
        painter.drawLine(QPointF(x, std::max(g.header, visibleTop)), QPointF(x, std::max(m_layout.contentHeight(), visibleBottom)));
    }

    for (const LadderLayout::Label &label : m_layout.labels()) {
        const LadderLayout::Moment &moment = moments[static_cast<std::size_t>(label.moment)];
        if (moment.y + moment.height < visibleTop - g.row || moment.y - g.row > visibleBottom)
            continue;
        if (m_layout.isRevealed(label, m_progress))
            paintLabel(painter, label, g);
    }
    for (int i = 0; i < arrowCount(); ++i) {
        const QLineF line = m_layout.arrowLine(arrows()[static_cast<std::size_t>(i)]);
        const double top = std::min(line.y1(), line.y2()) - g.line * 2;
        const double bottom = std::max(line.y1(), line.y2()) + g.line * 2;
        if (bottom >= visibleTop && top <= visibleBottom)
            paintArrow(painter, i);
    }
    // Drawn last, so no label or arrow box ever hides a lost segment's ✕.
    for (int i = 0; i < arrowCount(); ++i) {
        if (arrows()[static_cast<std::size_t>(i)].fate == Fate::Lost)
            paintLostMark(painter, i);
    }
    painter.restore();

    paintHeader(painter, g);
}

void LadderView::paintHeader(QPainter &painter, const LadderLayout::Geometry &g)
{
    const QPalette &pal = palette();
    const QRectF header(0, 0, viewport()->width(), g.header);
    painter.fillRect(header, pal.color(QPalette::Base));
    QColor rule = AppStyle::mutedText(pal);
    rule.setAlpha(90);
    painter.setPen(QPen(rule, 1));
    painter.drawLine(header.bottomLeft(), header.bottomRight());
    const QFont titleFont = AppStyle::boldFont(AppStyle::withPixelSize(font(), font().pixelSize() + 3));
    for (Side side : {Side::Client, Side::Server}) {
        const double x = side == Side::Client ? g.clientX : g.serverX;
        const QString title = side == Side::Client ? tr("Client") : tr("Server");
        const quint16 port = side == Side::Client ? m_config.clientPort : shownServerPort();
        painter.setFont(titleFont);
        painter.setPen(AppStyle::sideColor(side, pal));
        painter.drawText(QRectF(x - 150, 6, 300, g.line + 4), Qt::AlignCenter, title);
        painter.setFont(font());
        painter.setPen(AppStyle::mutedText(pal));
        painter.drawText(QRectF(x - 150, 8 + g.line, 300, g.line), Qt::AlignCenter,
                         tr("127.0.0.1 port %1").arg(port));
    }
}

void LadderView::paintLabel(QPainter &painter, const LadderLayout::Label &label, const LadderLayout::Geometry &g)
{
    const QPalette &pal = palette();
    const LadderLayout::Moment &moment = m_layout.moments()[static_cast<std::size_t>(label.moment)];
    const double top = moment.y - g.row / 2 + label.row * g.row + 2;
    const double height = g.row - 4;
    const bool client = label.side == Side::Client;
    const double timeline = client ? g.clientX : g.serverX;
    const double gap = 10;
    const double available = client ? timeline - gap - 26 : viewport()->width() - timeline - gap - 8;

    QFont labelFont = font();
    if (label.kind == LadderLayout::LabelKind::State)
        labelFont = AppStyle::boldFont(labelFont);
    painter.setFont(labelFont);
    const QFontMetricsF metrics(labelFont);
    const double padding = label.kind == LadderLayout::LabelKind::State ? 10 : 0;
    const QString text = metrics.elidedText(label.text, Qt::ElideRight, available - 2 * padding);
    const double width = metrics.horizontalAdvance(text) + 2 * padding;
    const double left = client ? timeline - gap - width : timeline + gap;
    const QRectF rect(left, top, width, height);

    switch (label.kind) {
    case LadderLayout::LabelKind::State: {
        painter.setPen(QPen(AppStyle::sideColor(label.side, pal), 1.5));
        painter.setBrush(AppStyle::sideWash(label.side, pal));
        painter.drawRoundedRect(rect, height / 2, height / 2);
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
    painter.drawText(rect, Qt::AlignCenter, text);
}

double LadderView::lostMarkSize(const Arrow &arrow) const
{
    if (arrow.fate != Fate::Lost)
        return 0;
    const LadderLayout::Moment &moment = m_layout.moments()[static_cast<std::size_t>(arrow.endMoment)];
    const double shown = ease(m_layout.localProgress(arrow.endMoment, m_progress, 0.0,
                                                     std::max(0.01, m_layout.arrivalShare(moment))));
    return 10 * shown;
}

void LadderView::paintLostMark(QPainter &painter, int index)
{
    const Arrow &arrow = arrows()[static_cast<std::size_t>(index)];
    const double size = lostMarkSize(arrow);
    const double fraction = m_layout.arrowFraction(arrow, m_progress);
    if (size <= 0 || fraction <= 0.001)
        return;
    const QPointF head = m_layout.arrowLine(arrow).pointAt(fraction);
    // A halo in the background colour keeps the ✕ readable over a label box.
    for (const auto &[color, width] : {std::pair{palette().color(QPalette::Base), 8.0},
                                       std::pair{AppStyle::lostColor(palette()), 4.0}}) {
        painter.setPen(QPen(color, width, Qt::SolidLine, Qt::RoundCap));
        painter.drawLine(head + QPointF(-size, -size), head + QPointF(size, size));
        painter.drawLine(head + QPointF(-size, size), head + QPointF(size, -size));
    }
}

void LadderView::paintArrow(QPainter &painter, int index)
{
    const Arrow &arrow = arrows()[static_cast<std::size_t>(index)];
    const double fraction = m_layout.arrowFraction(arrow, m_progress);
    if (fraction <= 0.001)
        return;
    const QPalette &pal = palette();
    const QLineF line = m_layout.arrowLine(arrow);
    const QPointF head = line.pointAt(fraction);
    const QColor color = AppStyle::sideColor(arrow.segment.from, pal);
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

    const bool settledInFlight = arrow.fate == Fate::InFlight && fraction >= 0.499;
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

    const double along = arrow.fate == Fate::Lost ? LadderLayout::lostLabelAlong : LadderLayout::labelAlong;
    if (fraction < along)
        return;
    const QRectF rect = m_layout.labelRect(arrow);
    QColor background = pal.color(QPalette::Base);
    background.setAlpha(240);
    QColor border = color;
    border.setAlpha(selected ? 255 : 150);
    painter.setPen(QPen(border, selected ? 2.5 : 1.2));
    painter.setBrush(background);
    painter.drawRoundedRect(rect, 6, 6);

    const QStringList lines = m_layout.arrowText(arrow);
    const QFontMetricsF metrics(font());
    const QFont bold = AppStyle::boldFont(font());
    double y = rect.top() + 4;
    double x = rect.left() + 8;
    painter.setFont(bold);
    painter.setPen(color);
    painter.drawText(QPointF(x, y + metrics.ascent()), lines.first());
    x += QFontMetricsF(bold).horizontalAdvance(lines.first());
    painter.setFont(font());
    QString tag;
    if (arrow.segment.retransmission)
        tag = QStringLiteral(" · ") + tr("retransmission");
    else if (arrow.injected)
        tag = QStringLiteral(" · ") + tr("crafted");
    if (arrow.fate == Fate::Lost)
        painter.setPen(AppStyle::lostColor(pal));
    else
        painter.setPen(AppStyle::mutedText(pal));
    if (!tag.isEmpty()) {
        painter.drawText(QPointF(x, y + metrics.ascent()), tag);
        x += metrics.horizontalAdvance(tag);
    }
    if (arrow.segment.id != 0) {
        painter.setPen(AppStyle::mutedText(pal));
        const QString number = QStringLiteral("#%1").arg(arrow.segment.id);
        painter.drawText(QPointF(rect.right() - 8 - metrics.horizontalAdvance(number), y + metrics.ascent()), number);
    }
    painter.setPen(pal.color(QPalette::Text));
    for (int i = 1; i < lines.size(); ++i) {
        y += metrics.height();
        painter.drawText(QPointF(rect.left() + 8, y + metrics.ascent()), lines[i]);
    }
}
