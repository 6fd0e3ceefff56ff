// SPDX-License-Identifier: GPL-3.0-or-later
#include "ladderview.h"

#include "tcpsim/render/appstyle.h"
#include "tcpsim/render/ladderpainter.h"

#include <QEasingCurve>
#include <QFontInfo>
#include <QContextMenuEvent>
#include <QHelpEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>
#include <QVariantAnimation>

#include <algorithm>
#include <cmath>

using namespace tcpsim;

namespace {

constexpr int baseMomentMs = 650; // one moment of animation at speed 1

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
    m_ladderFont = font();

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
    m_config = simulation.config();
    // Stepping on lays out only the new step and Back drops only the last, so a step costs the
    // same at step 10 and 10,000.
    if (m_layout.extend(simulation.events(), boundaries) || m_layout.truncate(simulation.events(), boundaries)) {
        if (!layoutWidthCurrent())
            relayout();
        else if (m_rowFit == RowFit::All && (contentHeight() > viewport()->height() || m_layout.labelsOverlap()))
            fitRows(QFontInfo(m_ladderFont).pixelSize()); // the new steps made it taller or crowded
        else
            updateScrollRange();
    } else {
        // A new lesson or Reset (back at step 0) expands every lane again.
        if (boundaries.size() <= 1)
            m_collapsedLanes.clear();
        m_layout = LadderLayout(simulation.events(), boundaries, m_numberStyle);
        m_layout.setTimeScale(m_timeScale);
        m_layout.setCollapsedLanes(m_collapsedLanes);
        relayout();
    }
    if (m_highlightedStep > static_cast<int>(m_layout.boundaries().size()) - 1)
        m_highlightedStep = -1;
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

void LadderView::setTimeScale(bool on)
{
    if (m_timeScale == on)
        return;
    m_timeScale = on;
    m_layout.setTimeScale(on);
    relayout();
    scrollToNewest();
    viewport()->update();
}

void LadderView::setRowFit(RowFit fit)
{
    if (m_rowFit == fit)
        return;
    m_rowFit = fit;
    relayout();
    // Back to normal rows: follow the current step again.
    scrollToNewest();
    viewport()->update();
}

bool LadderView::fitsAll() const
{
    return contentHeight() <= viewport()->height();
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
    m_layout = LadderLayout(std::vector<tcpsim::Event>(m_layout.events().begin(), m_layout.events().end()),
                            m_layout.boundaries(), m_numberStyle);
    m_layout.setTimeScale(m_timeScale);
    m_layout.setCollapsedLanes(m_collapsedLanes);
    relayout();
}

void LadderView::relayout()
{
    m_ladderFont = font();
    m_layout.setRowSpacing(1.0);
    m_layout.setCompact(false);
    m_layout.place(m_ladderFont, viewport()->width());
    if (m_rowFit == RowFit::All)
        fitRows(QFontInfo(m_ladderFont).pixelSize());
    else
        updateScrollRange();
}

void LadderView::fitRows(int pixelSize)
{
    // First the labels side by side and the arrow labels on one line (rows then need far less
    // height), then smaller type (rows, labels and arrows all scale with it), then closer rows,
    // but never so close that labels meet. One O(n) place per try, only on resize and growth.
    // The width without the scroll bar: a ladder that fits needs none, and it goes away.
    int width = viewport()->width();
    if (verticalScrollBar()->isVisible())
        width += verticalScrollBar()->width();
    if (contentHeight() > viewport()->height() || width != viewport()->width()) {
        m_layout.setCompact(true);
        m_layout.place(m_ladderFont, width);
    }
    while (contentHeight() > viewport()->height() && pixelSize > AppStyle::minimumPixelSize) {
        --pixelSize;
        m_ladderFont = AppStyle::withPixelSize(font(), pixelSize);
        m_layout.place(m_ladderFont, width);
    }
    m_layout.compressTo(viewport()->height());
    if (contentHeight() > viewport()->height() && width != viewport()->width()) {
        // It does not fit even so: laid out beside the scroll bar.
        m_layout.place(m_ladderFont, viewport()->width());
        m_layout.compressTo(viewport()->height());
    }
    updateScrollRange();
}

bool LadderView::layoutWidthCurrent() const
{
    if (m_layout.width() == viewport()->width())
        return true;
    // Fit all lays a ladder that fits out without the scroll bar, which is about to go.
    return m_rowFit == RowFit::All && verticalScrollBar()->isVisible()
        && m_layout.width() == viewport()->width() + verticalScrollBar()->width();
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

void LadderView::setLaneCollapsed(int lane, bool collapsed)
{
    const auto &lanes = m_layout.lanes();
    if (!m_layout.lanesMode() || lane < 0 || lane >= static_cast<int>(lanes.size()) || isLaneCollapsed(lane) == collapsed)
        return;
    const int key = lanes[static_cast<std::size_t>(lane)].key();
    if (collapsed)
        m_collapsedLanes.insert(key);
    else
        m_collapsedLanes.erase(key);
    m_layout.setCollapsedLanes(m_collapsedLanes);
    relayout();
    viewport()->update();
}

QPointF LadderView::laneHitPoint(int lane) const
{
    if (lane < 0 || lane >= static_cast<int>(m_layout.lanes().size()))
        return {};
    // Half way down what is shown, clear of the header.
    const double y = m_layout.geometry().header + (viewport()->height() - m_layout.geometry().header) / 2;
    return {m_layout.laneX(lane), y};
}

void LadderView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    // The layout depends on the width only. The explanation banner above changes height from
    // step to step, so a full O(n) relayout here made each step cost more as the lesson grew.
    if (m_rowFit == RowFit::All) {
        relayout(); // the fit depends on the height too
        scrollToNewest();
    } else if (m_layout.width() != viewport()->width()) {
        relayout();
    } else {
        updateScrollRange();
    }
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
    // The header does not scroll: its lane tags are hit in viewport coordinates.
    if (event->position().y() < m_layout.geometry().header) {
        const int lane = m_layout.laneTagAt(event->position());
        if (lane >= 0)
            setLaneCollapsed(lane, !isLaneCollapsed(lane));
        return;
    }
    const QPointF point = event->position() + QPointF(0, verticalScrollBar()->value());
    const int index = m_layout.arrowAt(point, m_progress);
    if (index < 0) {
        const int lane = m_layout.lanesMode() ? m_layout.laneAt(point) : -1;
        if (lane >= 0)
            emit laneClicked(m_layout.lanes()[static_cast<std::size_t>(lane)].socket);
        return;
    }
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
    const bool inHeader = event->position().y() < m_layout.geometry().header;
    const int index = inHeader ? -1 : m_layout.arrowAt(point, m_progress);
    const bool onLane = m_layout.lanesMode()
        && (inHeader ? m_layout.laneTagAt(event->position()) >= 0 : m_layout.laneAt(point) >= 0);
    if (index != m_hoveredArrow) {
        m_hoveredArrow = index;
        viewport()->update();
    }
    viewport()->setCursor(index >= 0 || onLane ? Qt::PointingHandCursor : Qt::ArrowCursor);
    QAbstractScrollArea::mouseMoveEvent(event);
}

bool LadderView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QPointF content = QPointF(help->pos()) + QPointF(0, verticalScrollBar()->value());
        const bool inHeader = help->pos().y() < m_layout.geometry().header;
        const int index = inHeader ? -1 : m_layout.arrowAt(content, m_progress);
        const int tag = inHeader ? m_layout.laneTagAt(QPointF(help->pos())) : -1;
        const int lane = !inHeader && index < 0 && m_layout.lanesMode() ? m_layout.laneAt(content) : -1;
        if (tag >= 0) {
            QToolTip::showText(help->globalPos(),
                               (isLaneCollapsed(tag) ? tr("%1 (collapsed). Click to show its labels again.")
                                                     : tr("%1. Click to collapse this lane: its labels are hidden.")).arg(m_layout.laneName(tag)),
                               viewport());
        } else if (lane >= 0) {
            QToolTip::showText(help->globalPos(),
                               tr("%1. Click to show its state in the state diagram.").arg(m_layout.laneName(lane)),
                               viewport());
        } else if (index >= 0) {
            const Arrow &arrow = arrows()[static_cast<std::size_t>(index)];
            QToolTip::showText(help->globalPos(), arrow.fate == Fate::InFlight
                                   ? tr("In flight. Click to inspect this segment's TCP header; Shift+click (or "
                                        "right-click → Lose this segment) to lose it in the network.")
                                   : tr("Click to inspect this segment's TCP header."),
                               viewport());
        } else if (m_rowFit == RowFit::All && !fitsAll()) {
            QToolTip::showText(help->globalPos(),
                               tr("This lesson is too long to fit at a readable size: scroll for the rest."),
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
    if (!layoutWidthCurrent())
        relayout();
    LadderPainter ladder(m_layout, m_ladderFont, palette());
    ladder.setProgress(m_progress);
    ladder.setHighlightedStep(m_highlightedStep);
    ladder.setSelectedArrow(m_selectedArrow);
    ladder.setHoveredArrow(m_hoveredArrow);
    ladder.setPorts(m_config.clientPort, shownServerPort());

    const double scroll = verticalScrollBar()->value();
    painter.save();
    painter.translate(0, -scroll);
    ladder.paintContent(painter, scroll, scroll + viewport()->height());
    painter.restore();
    ladder.paintHeader(painter);
}
