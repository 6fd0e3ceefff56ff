#include "ladderview.h"

#include "appstyle.h"

#include <QEasingCurve>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>
#include <QToolTip>
#include <QVariantAnimation>

#include <algorithm>
#include <cmath>
#include <unordered_map>

using namespace tcpsim;

namespace {

constexpr double labelAlong = 0.3;        // where an arrow's label sits, from the sender
constexpr double lostLabelAlong = 0.22;
constexpr int baseMomentMs = 650;         // one moment of animation at speed 1
constexpr double finished = 1e9;

double ease(double t)
{
    static const QEasingCurve curve(QEasingCurve::InOutSine);
    return curve.valueForProgress(std::clamp(t, 0.0, 1.0));
}

double distanceToSegment(const QPointF &p, const QPointF &a, const QPointF &b)
{
    const QPointF ab = b - a;
    const double length2 = QPointF::dotProduct(ab, ab);
    double t = length2 > 0 ? QPointF::dotProduct(p - a, ab) / length2 : 0;
    t = std::clamp(t, 0.0, 1.0);
    const QPointF closest = a + t * ab;
    return std::hypot(p.x() - closest.x(), p.y() - closest.y());
}

QString callText(const Event &event)
{
    const QString call = QString::fromLatin1(callName(event.call));
    if (event.call == Call::Connect)
        return LadderView::tr("connect() blocks");
    if (event.call == Call::Send)
        return LadderView::tr("send(%1)").arg(dataPreview(event.text, 10));
    if (event.call == Call::None)
        return LadderView::tr("call");
    return call + QStringLiteral("()");
}

QString returnText(const Event &event)
{
    if (event.call == Call::Recv) {
        if (event.rule == Rule::EndOfStream || event.text.empty())
            return LadderView::tr("recv() returns 0");
        return LadderView::tr("recv() → %1").arg(dataPreview(event.text, 10));
    }
    if (event.call == Call::Connect)
        return LadderView::tr("connect() returns");
    if (event.call == Call::Accept)
        return LadderView::tr("accept() returns");
    return LadderView::tr("%1() returns").arg(QString::fromLatin1(callName(event.call)));
}

QString errorText(const Event &event)
{
    switch (event.rule) {
    case Rule::SynSentRstRefused:
    case Rule::SynReceivedRstRefused:
        return LadderView::tr("error: connection refused");
    case Rule::RstReset:
        return LadderView::tr("error: connection reset");
    case Rule::RetransmissionsExhausted:
        return LadderView::tr("error: connection timed out");
    case Rule::ErrorConnectionExists:
        return LadderView::tr("error: connection already exists");
    case Rule::ErrorConnectionDoesNotExist:
        return LadderView::tr("error: connection does not exist");
    case Rule::ErrorConnectionClosing:
        return LadderView::tr("error: connection closing");
    case Rule::ErrorNothingToAccept:
        return LadderView::tr("error: nothing to accept");
    case Rule::ErrorForeignSocketUnspecified:
        return LadderView::tr("error: foreign socket unspecified");
    default:
        break;
    }
    return LadderView::tr("error: %1").arg(QString::fromStdString(event.text));
}

QString timerText(const Event &event)
{
    if (event.timer == TimerKind::TimeWait)
        return LadderView::tr("2MSL timer expires");
    return LadderView::tr("retransmission timer fires");
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
        setProgress(finished);
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

    const int newestMoments = static_cast<int>(m_moments.size()) - m_firstNewestMoment;
    if (animation == Animation::Animate && m_newestStep > 0 && newestMoments > 0) {
        m_progress = 0;
        m_lastRevealed = -1;
        m_animation->setEndValue(static_cast<double>(newestMoments));
        m_animation->setDuration(animationDuration());
        m_animation->start();
    } else {
        m_progress = finished;
    }
    scrollToNewest();
    m_lastRevealed = revealedCount();
    emit revealChanged();
    viewport()->update();
}

void LadderView::setNumberStyle(NumberStyle style)
{
    if (m_numberStyle == style)
        return;
    m_numberStyle = style;
    m_formatter = NumberFormatter(m_events, m_numberStyle);
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
    setProgress(finished);
    emit animationFinished();
}

int LadderView::animationDuration() const
{
    const int newestMoments = static_cast<int>(m_moments.size()) - m_firstNewestMoment;
    return static_cast<int>(std::max(1, newestMoments) * baseMomentMs / m_speed);
}

int LadderView::arrowCount(Fate fate) const
{
    return static_cast<int>(std::count_if(m_arrows.begin(), m_arrows.end(),
                                          [fate](const Arrow &arrow) { return arrow.fate == fate; }));
}

int LadderView::retransmissionCount() const
{
    return static_cast<int>(std::count_if(m_arrows.begin(), m_arrows.end(), [](const Arrow &arrow) {
        return arrow.segment.retransmission;
    }));
}

void LadderView::rebuild()
{
    m_moments.clear();
    m_arrows.clear();
    m_labels.clear();
    m_transitions.clear();
    m_formatter = NumberFormatter(m_events, m_numberStyle);

    auto addLabel = [this](Side side, LabelKind kind, QString text, bool onArrival) {
        Moment &moment = m_moments.back();
        Label label;
        label.side = side;
        label.kind = kind;
        label.text = std::move(text);
        label.moment = static_cast<int>(m_moments.size()) - 1;
        label.row = moment.labelCount[side == Side::Client ? 0 : 1]++;
        label.onArrival = onArrival;
        m_labels.push_back(std::move(label));
    };

    // Step 0: where both sides start.
    m_moments.push_back(Moment{});
    addLabel(Side::Client, LabelKind::State, QString::fromLatin1(stateName(TcpState::Closed)), false);
    addLabel(Side::Server, LabelKind::State, QString::fromLatin1(stateName(TcpState::Closed)), false);

    std::unordered_map<std::uint64_t, std::size_t> inFlight;
    const int steps = static_cast<int>(m_boundaries.size()) - 1;
    for (int step = 1; step <= steps; ++step) {
        Moment first;
        first.step = step;
        m_moments.push_back(first);
        for (std::size_t i = m_boundaries[static_cast<std::size_t>(step - 1)];
             i < m_boundaries[static_cast<std::size_t>(step)]; ++i) {
            const Event &event = m_events[i];
            const bool busy = m_moments.back().hasArrival || m_moments.back().hasSend
                || m_moments.back().hasTimer;
            const bool fromSegment = event.cause == CauseKind::Segment;
            switch (event.kind) {
            case EventKind::Deliver:
            case EventKind::Drop: {
                if (busy) {
                    Moment next;
                    next.step = step;
                    m_moments.push_back(next);
                }
                const int momentIndex = static_cast<int>(m_moments.size()) - 1;
                m_moments.back().hasArrival = true;
                if (!event.segment)
                    break;
                const auto found = event.segment->id != 0 ? inFlight.find(event.segment->id) : inFlight.end();
                if (found != inFlight.end()) {
                    Arrow &arrow = m_arrows[found->second];
                    arrow.fate = event.kind == EventKind::Deliver ? Fate::Delivered : Fate::Lost;
                    arrow.endStep = step;
                    arrow.endMoment = momentIndex;
                    inFlight.erase(found);
                } else if (event.kind == EventKind::Deliver) {
                    Arrow arrow;
                    arrow.segment = *event.segment;
                    arrow.injected = true;
                    arrow.fate = Fate::Delivered;
                    arrow.sendStep = arrow.endStep = step;
                    arrow.sendMoment = arrow.endMoment = momentIndex;
                    m_arrows.push_back(arrow);
                }
                break;
            }
            case EventKind::Timer:
                if (busy) {
                    Moment next;
                    next.step = step;
                    m_moments.push_back(next);
                }
                m_moments.back().hasTimer = true;
                addLabel(event.side, LabelKind::Timer, timerText(event), false);
                break;
            case EventKind::Send: {
                if (!event.segment)
                    break;
                m_moments.back().hasSend = true;
                Arrow arrow;
                arrow.segment = *event.segment;
                arrow.sendStep = step;
                arrow.sendMoment = static_cast<int>(m_moments.size()) - 1;
                inFlight[arrow.segment.id] = m_arrows.size();
                m_arrows.push_back(arrow);
                break;
            }
            case EventKind::Transition: {
                addLabel(event.side, LabelKind::State, QString::fromLatin1(stateName(event.to)), fromSegment);
                Transition transition;
                transition.side = event.side;
                transition.from = event.from;
                transition.to = event.to;
                transition.step = step;
                const Moment &moment = m_moments.back();
                transition.revealAt = (static_cast<int>(m_moments.size()) - 1)
                    + (fromSegment ? arrivalShare(moment) : 0.0);
                m_transitions.push_back(transition);
                break;
            }
            case EventKind::Call:
                addLabel(event.side, LabelKind::Call, callText(event), false);
                break;
            case EventKind::Return:
                addLabel(event.side, LabelKind::Return, returnText(event), fromSegment);
                break;
            case EventKind::Error:
                addLabel(event.side, LabelKind::Error, errorText(event), fromSegment);
                break;
            case EventKind::Expect:
                break;
            }
        }
    }
    m_newestStep = steps;
    m_firstNewestMoment = 0;
    for (int i = static_cast<int>(m_moments.size()) - 1; i >= 0; --i) {
        if (m_moments[static_cast<std::size_t>(i)].step != steps)
            break;
        m_firstNewestMoment = i;
    }
    // Transition reveal times were computed while a moment could still gain a send; redo them.
    for (Transition &transition : m_transitions) {
        const int momentIndex = static_cast<int>(std::floor(transition.revealAt));
        const bool onArrival = transition.revealAt > momentIndex;
        transition.revealAt = momentIndex
            + (onArrival ? arrivalShare(m_moments[static_cast<std::size_t>(momentIndex)]) : 0.0);
    }
    relayout();
}

LadderView::Geometry LadderView::geometry() const
{
    Geometry g;
    const QFontMetricsF metrics(font());
    g.line = metrics.height();
    g.row = g.line + 10;
    g.header = g.line * 2 + 18;
    const double width = viewport()->width();
    const double column = std::clamp(width * 0.22, 150.0, 260.0);
    // The client's labels sit left of its timeline: room for the widest one (SYN-RECEIVED,
    // "retransmission timer fires"), up to 30 % of the width; the step numbers take 26 px.
    g.clientX = std::max(column, std::min(m_clientLabelWidth + 26 + 10 + 4, width * 0.3));
    g.serverX = std::max(g.clientX + 200, width - column);
    return g;
}

double LadderView::sideX(Side side) const
{
    const Geometry g = geometry();
    return side == Side::Client ? g.clientX : g.serverX;
}

void LadderView::relayout()
{
    const QFontMetricsF metrics(font());
    const QFontMetricsF boldMetrics(AppStyle::boldFont(font()));
    m_clientLabelWidth = 0;
    for (const Label &label : m_labels) {
        if (label.side != Side::Client)
            continue;
        const double width = label.kind == LabelKind::State ? boldMetrics.horizontalAdvance(label.text) + 20
                                                            : metrics.horizontalAdvance(label.text);
        m_clientLabelWidth = std::max(m_clientLabelWidth, std::ceil(width));
    }
    const Geometry g = geometry();
    const double minimumHeight = g.line * 3.6;
    double y = g.header + g.row * 0.9;
    for (Moment &moment : m_moments) {
        moment.y = y;
        const int rows = std::max(moment.labelCount[0], moment.labelCount[1]);
        if (moment.step == 0)
            moment.height = g.row * 1.5;
        else
            moment.height = std::max(minimumHeight, rows * g.row + g.row * 0.6);
        y += moment.height;
    }
    m_contentHeight = y + g.line * 3;
    updateScrollRange();
}

void LadderView::updateScrollRange()
{
    const int range = std::max(0, contentHeight() - viewport()->height());
    verticalScrollBar()->setRange(0, range);
    verticalScrollBar()->setPageStep(viewport()->height());
    verticalScrollBar()->setSingleStep(static_cast<int>(geometry().row));
}

void LadderView::scrollToNewest()
{
    const double bottom = nowY() + geometry().line * 3;
    const int value = verticalScrollBar()->value();
    if (bottom > value + viewport()->height())
        verticalScrollBar()->setValue(static_cast<int>(bottom) - viewport()->height());
    else if (m_firstNewestMoment < static_cast<int>(m_moments.size())) {
        const double top = m_moments[static_cast<std::size_t>(m_firstNewestMoment)].y - geometry().header
            - geometry().row * 2;
        if (top < value)
            verticalScrollBar()->setValue(std::max(0, static_cast<int>(top)));
    }
}

int LadderView::contentHeight() const
{
    return static_cast<int>(std::ceil(m_contentHeight));
}

double LadderView::nowY() const
{
    if (m_moments.empty())
        return 0;
    return m_moments.back().y + m_moments.back().height;
}

double LadderView::arrivalShare(const Moment &moment) const
{
    if (!moment.hasArrival)
        return 0.0;
    return moment.hasSend ? 0.5 : 1.0;
}

bool LadderView::isNewest(int momentIndex) const
{
    return m_newestStep > 0 && momentIndex >= m_firstNewestMoment;
}

double LadderView::localProgress(int momentIndex, double from, double to) const
{
    if (!isNewest(momentIndex))
        return 1.0;
    const double relative = m_progress - (momentIndex - m_firstNewestMoment);
    if (to <= from)
        return relative >= to ? 1.0 : 0.0;
    return std::clamp((relative - from) / (to - from), 0.0, 1.0);
}

bool LadderView::isRevealed(const Label &label) const
{
    if (!isNewest(label.moment))
        return true;
    const Moment &moment = m_moments[static_cast<std::size_t>(label.moment)];
    const double at = label.onArrival ? arrivalShare(moment) : 0.0;
    return m_progress - (label.moment - m_firstNewestMoment) >= at - 1e-9;
}

int LadderView::revealedCount() const
{
    return static_cast<int>(std::count_if(m_labels.begin(), m_labels.end(),
                                          [this](const Label &label) { return isRevealed(label); }));
}

void LadderView::setProgress(double progress)
{
    m_progress = progress;
    const int revealed = revealedCount();
    if (revealed != m_lastRevealed) {
        m_lastRevealed = revealed;
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
    std::optional<Transition> last;
    for (const Transition &transition : m_transitions) {
        if (transition.side != side)
            continue;
        // revealAt is an absolute moment index plus the arrival share
        if (transition.step == m_newestStep && m_newestStep > 0
            && m_progress - (transition.revealAt - m_firstNewestMoment) < -1e-9)
            break;
        last = transition;
    }
    return last;
}

QList<LadderView::Transition> LadderView::revealedNewestTransitions() const
{
    QList<Transition> result;
    if (m_newestStep == 0)
        return result;
    for (const Transition &transition : m_transitions) {
        if (transition.step != m_newestStep)
            continue;
        if (m_progress - (transition.revealAt - m_firstNewestMoment) < -1e-9)
            continue;
        Transition shown = transition;
        shown.revealAt -= m_firstNewestMoment;
        result.append(shown);
    }
    return result;
}

void LadderView::setHighlightedStep(int step)
{
    m_highlightedStep = step;
    if (step >= 0) {
        for (const Moment &moment : m_moments) {
            if (moment.step != step)
                continue;
            const int top = static_cast<int>(moment.y - geometry().header - geometry().row * 2);
            const int value = verticalScrollBar()->value();
            if (top < value || moment.y + moment.height > value + viewport()->height())
                verticalScrollBar()->setValue(std::max(0, top));
            break;
        }
    }
    viewport()->update();
}

void LadderView::setSelectedArrow(int index)
{
    m_selectedArrow = (index >= 0 && index < arrowCount()) ? index : -1;
    viewport()->update();
}

int LadderView::arrowIndexForSegmentId(std::uint64_t id) const
{
    for (std::size_t i = 0; i < m_arrows.size(); ++i) {
        if (m_arrows[i].segment.id == id)
            return static_cast<int>(i);
    }
    return -1;
}

QLineF LadderView::arrowLine(const Arrow &arrow) const
{
    const Side from = arrow.segment.from;
    const double fromY = m_moments[static_cast<std::size_t>(arrow.sendMoment)].y;
    const double toY = arrow.endMoment >= 0 ? m_moments[static_cast<std::size_t>(arrow.endMoment)].y : nowY();
    if (arrow.injected) {
        const double rise = geometry().line * 2.2;
        return QLineF(sideX(from), toY - rise, sideX(peerOf(from)), toY);
    }
    return QLineF(sideX(from), fromY, sideX(peerOf(from)), toY);
}

double LadderView::arrowFraction(const Arrow &arrow) const
{
    if (arrow.injected) {
        if (!isNewest(arrow.endMoment))
            return 1.0;
        const Moment &moment = m_moments[static_cast<std::size_t>(arrow.endMoment)];
        return ease(localProgress(arrow.endMoment, 0.0, arrivalShare(moment)));
    }
    double fraction = 0.5;
    if (isNewest(arrow.sendMoment)) {
        const Moment &moment = m_moments[static_cast<std::size_t>(arrow.sendMoment)];
        fraction = 0.5 * ease(localProgress(arrow.sendMoment, arrivalShare(moment), 1.0));
    }
    if (arrow.fate == Fate::Delivered) {
        const Moment &moment = m_moments[static_cast<std::size_t>(arrow.endMoment)];
        const double arrival = localProgress(arrow.endMoment, 0.0, arrivalShare(moment));
        if (!isNewest(arrow.endMoment) || arrival > 0)
            fraction = 0.5 + 0.5 * ease(arrival);
    }
    return fraction;
}

QStringList LadderView::arrowText(const Arrow &arrow) const
{
    QStringList lines;
    lines.append(QString::fromStdString(flagsToString(arrow.segment.flags)));
    lines.append(m_formatter.numbers(arrow.segment));
    if (!arrow.segment.data.empty())
        lines.append(dataPreview(arrow.segment.data));
    return lines;
}

QRectF LadderView::labelRectFor(const Arrow &arrow, const QLineF &line) const
{
    const QFontMetricsF metrics(font());
    const QFontMetricsF bold(AppStyle::boldFont(font()));
    const QStringList lines = arrowText(arrow);
    QString first = lines.first();
    QString tag;
    if (arrow.segment.retransmission)
        tag = tr("retransmission");
    else if (arrow.injected)
        tag = tr("crafted");
    double width = bold.horizontalAdvance(first) + metrics.horizontalAdvance(QStringLiteral("  #000"));
    if (!tag.isEmpty())
        width += metrics.horizontalAdvance(QStringLiteral(" · ") + tag);
    for (int i = 1; i < lines.size(); ++i)
        width = std::max(width, metrics.horizontalAdvance(lines[i]));
    width += 16;
    const double height = lines.size() * metrics.height() + 8;
    const double along = arrow.fate == Fate::Lost ? lostLabelAlong : labelAlong;
    const QPointF anchor = line.pointAt(along);
    const Geometry g = geometry();
    double left = anchor.x() - width / 2;
    left = std::clamp(left, g.clientX + 8, std::max(g.clientX + 8, g.serverX - 8 - width));
    return QRectF(left, anchor.y() - height / 2, width, height);
}

QRectF LadderView::arrowLabelRect(int index) const
{
    if (index < 0 || index >= arrowCount())
        return {};
    const Arrow &arrow = m_arrows[static_cast<std::size_t>(index)];
    return labelRectFor(arrow, arrowLine(arrow)).translated(0, -verticalScrollBar()->value());
}

QPointF LadderView::arrowHitPoint(int index) const
{
    if (index < 0 || index >= arrowCount())
        return {};
    const Arrow &arrow = m_arrows[static_cast<std::size_t>(index)];
    const QLineF line = arrowLine(arrow);
    return line.pointAt(std::min(0.45, arrowFraction(arrow) * 0.9)) - QPointF(0, verticalScrollBar()->value());
}

int LadderView::arrowAt(const QPointF &contentPoint) const
{
    int best = -1;
    double bestDistance = 9.0;
    for (std::size_t i = 0; i < m_arrows.size(); ++i) {
        const Arrow &arrow = m_arrows[i];
        const QLineF line = arrowLine(arrow);
        const double fraction = arrowFraction(arrow);
        if (fraction <= 0)
            continue;
        if (fraction >= labelAlong && labelRectFor(arrow, line).contains(contentPoint))
            return static_cast<int>(i);
        const double distance = distanceToSegment(contentPoint, line.p1(), line.pointAt(fraction));
        if (distance < bestDistance) {
            bestDistance = distance;
            best = static_cast<int>(i);
        }
    }
    return best;
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
    int index = arrowAt(point);
    if (index < 0)
        return;
    const Arrow &arrow = m_arrows[static_cast<std::size_t>(index)];
    if (arrow.fate == Fate::InFlight && arrow.segment.id != 0) {
        // Copies: a receiver that drops the segment rebuilds m_arrows.
        const tcpsim::Side from = arrow.segment.from;
        const std::uint64_t id = arrow.segment.id;
        emit dropRequested(from, id);
        finishAnimation();
        const int now = arrowIndexForSegmentId(id);
        if (now < 0)
            return;
        index = now;
    }
    setSelectedArrow(index);
    emit arrowClicked(index);
}

void LadderView::mouseMoveEvent(QMouseEvent *event)
{
    const QPointF point = event->position() + QPointF(0, verticalScrollBar()->value());
    const int index = arrowAt(point);
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
        const int index = arrowAt(QPointF(help->pos()) + QPointF(0, verticalScrollBar()->value()));
        if (index >= 0) {
            const Arrow &arrow = m_arrows[static_cast<std::size_t>(index)];
            QToolTip::showText(help->globalPos(), arrow.fate == Fate::InFlight
                                   ? tr("In flight. Click to lose this segment in the network and inspect it.")
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
    const Geometry g = geometry();
    const QPalette &pal = palette();
    const double scroll = verticalScrollBar()->value();
    const double viewHeight = viewport()->height();

    painter.save();
    painter.translate(0, -scroll);
    const double visibleTop = scroll;
    const double visibleBottom = scroll + viewHeight;

    // Step bands: alternate washes, step numbers, the highlighted step.
    const QFont smallFont = AppStyle::withPixelSize(font(), AppStyle::minimumPixelSize);
    for (std::size_t i = 0; i < m_moments.size();) {
        const int step = m_moments[i].step;
        std::size_t j = i;
        while (j < m_moments.size() && m_moments[j].step == step)
            ++j;
        const double top = m_moments[i].y - g.row * 0.75;
        const double bottom = m_moments[j - 1].y + m_moments[j - 1].height - g.row * 0.75;
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
        painter.drawLine(QPointF(x, std::max(g.header, visibleTop)), QPointF(x, std::max(m_contentHeight, visibleBottom)));
    }

    for (const Label &label : m_labels) {
        const Moment &moment = m_moments[static_cast<std::size_t>(label.moment)];
        if (moment.y + moment.height < visibleTop - g.row || moment.y - g.row > visibleBottom)
            continue;
        if (isRevealed(label))
            paintLabel(painter, label, g);
    }
    for (int i = 0; i < arrowCount(); ++i) {
        const QLineF line = arrowLine(m_arrows[static_cast<std::size_t>(i)]);
        const double top = std::min(line.y1(), line.y2()) - g.line * 2;
        const double bottom = std::max(line.y1(), line.y2()) + g.line * 2;
        if (bottom >= visibleTop && top <= visibleBottom)
            paintArrow(painter, i);
    }
    painter.restore();

    paintHeader(painter, g);
}

void LadderView::paintHeader(QPainter &painter, const Geometry &g)
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
        const quint16 port = side == Side::Client ? m_config.clientPort : m_config.serverPort;
        painter.setFont(titleFont);
        painter.setPen(AppStyle::sideColor(side, pal));
        painter.drawText(QRectF(x - 150, 6, 300, g.line + 4), Qt::AlignCenter, title);
        painter.setFont(font());
        painter.setPen(AppStyle::mutedText(pal));
        painter.drawText(QRectF(x - 150, 8 + g.line, 300, g.line), Qt::AlignCenter,
                         tr("127.0.0.1 port %1").arg(port));
    }
}

void LadderView::paintLabel(QPainter &painter, const Label &label, const Geometry &g)
{
    const QPalette &pal = palette();
    const Moment &moment = m_moments[static_cast<std::size_t>(label.moment)];
    const double top = moment.y - g.row / 2 + label.row * g.row + 2;
    const double height = g.row - 4;
    const bool client = label.side == Side::Client;
    const double timeline = client ? g.clientX : g.serverX;
    const double gap = 10;
    const double available = client ? timeline - gap - 26 : viewport()->width() - timeline - gap - 8;

    QFont labelFont = font();
    if (label.kind == LabelKind::State)
        labelFont = AppStyle::boldFont(labelFont);
    painter.setFont(labelFont);
    const QFontMetricsF metrics(labelFont);
    const double padding = label.kind == LabelKind::State ? 10 : 0;
    const QString text = metrics.elidedText(label.text, Qt::ElideRight, available - 2 * padding);
    const double width = metrics.horizontalAdvance(text) + 2 * padding;
    const double left = client ? timeline - gap - width : timeline + gap;
    const QRectF rect(left, top, width, height);

    switch (label.kind) {
    case LabelKind::State: {
        painter.setPen(QPen(AppStyle::sideColor(label.side, pal), 1.5));
        painter.setBrush(AppStyle::sideWash(label.side, pal));
        painter.drawRoundedRect(rect, height / 2, height / 2);
        painter.setPen(pal.color(QPalette::Text));
        break;
    }
    case LabelKind::Call:
        painter.setPen(pal.color(QPalette::Text));
        break;
    case LabelKind::Return:
        painter.setPen(AppStyle::okColor(pal));
        break;
    case LabelKind::Error:
        painter.setPen(AppStyle::errorColor(pal));
        break;
    case LabelKind::Timer:
        painter.setPen(AppStyle::mutedText(pal));
        break;
    }
    painter.setBrush(Qt::NoBrush);
    painter.drawText(rect, Qt::AlignCenter, text);
}

void LadderView::paintArrow(QPainter &painter, int index)
{
    const Arrow &arrow = m_arrows[static_cast<std::size_t>(index)];
    const double fraction = arrowFraction(arrow);
    if (fraction <= 0.001)
        return;
    const QPalette &pal = palette();
    const QLineF line = arrowLine(arrow);
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

    bool drawHead = true;
    if (arrow.fate == Fate::Lost) {
        const Moment &moment = m_moments[static_cast<std::size_t>(arrow.endMoment)];
        const double shown = ease(localProgress(arrow.endMoment, 0.0, std::max(0.01, arrivalShare(moment))));
        if (shown > 0) {
            drawHead = false;
            const double size = 10 * shown;
            painter.setPen(QPen(AppStyle::lostColor(pal), 4, Qt::SolidLine, Qt::RoundCap));
            painter.drawLine(head + QPointF(-size, -size), head + QPointF(size, size));
            painter.drawLine(head + QPointF(-size, size), head + QPointF(size, -size));
        }
    }
    if (drawHead) {
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

    const double along = arrow.fate == Fate::Lost ? lostLabelAlong : labelAlong;
    if (fraction < along)
        return;
    const QRectF rect = labelRectFor(arrow, line);
    QColor background = pal.color(QPalette::Base);
    background.setAlpha(240);
    QColor border = color;
    border.setAlpha(selected ? 255 : 150);
    painter.setPen(QPen(border, selected ? 2.5 : 1.2));
    painter.setBrush(background);
    painter.drawRoundedRect(rect, 6, 6);

    const QStringList lines = arrowText(arrow);
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
