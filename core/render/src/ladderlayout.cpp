// SPDX-License-Identifier: GPL-3.0-or-later
#include "tcpsim/render/ladderlayout.h"

#include <QCoreApplication>
#include <QEasingCurve>
#include <QFontMetricsF>

#include <algorithm>
#include <cmath>
#include <unordered_map>

using namespace tcpsim;

namespace {

// The texts keep the LadderView translation context: they were the view's before the layout
// moved out, and the Chinese translation is filed under it.

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
        return QCoreApplication::translate("LadderView", "connect() blocks");
    if (event.call == Call::Send)
        return QCoreApplication::translate("LadderView", "send(%1)").arg(dataPreview(event.text, 32));
    if (event.call == Call::None)
        return QCoreApplication::translate("LadderView", "call");
    return call + QStringLiteral("()");
}

QString returnText(const Event &event)
{
    if (event.call == Call::Recv) {
        if (event.rule == Rule::EndOfStream || event.text.empty())
            return QCoreApplication::translate("LadderView", "recv() returns 0");
        return QCoreApplication::translate("LadderView", "recv() → %1").arg(dataPreview(event.text, 32));
    }
    if (event.call == Call::Connect)
        return QCoreApplication::translate("LadderView", "connect() returns");
    if (event.call == Call::Accept)
        return QCoreApplication::translate("LadderView", "accept() returns");
    return QCoreApplication::translate("LadderView", "%1() returns").arg(QString::fromLatin1(callName(event.call)));
}

QString errorText(const Event &event)
{
    switch (event.rule) {
    case Rule::SynSentRstRefused:
    case Rule::SynReceivedRstRefused:
        return QCoreApplication::translate("LadderView", "error: connection refused");
    case Rule::RstReset:
        return QCoreApplication::translate("LadderView", "error: connection reset");
    case Rule::RetransmissionsExhausted:
        return QCoreApplication::translate("LadderView", "error: connection timed out");
    case Rule::ErrorConnectionExists:
        return QCoreApplication::translate("LadderView", "error: connection already exists");
    case Rule::ErrorConnectionDoesNotExist:
        return QCoreApplication::translate("LadderView", "error: connection does not exist");
    case Rule::ErrorConnectionClosing:
        return QCoreApplication::translate("LadderView", "error: connection closing");
    case Rule::ErrorNothingToAccept:
        return QCoreApplication::translate("LadderView", "error: nothing to accept");
    case Rule::ErrorForeignSocketUnspecified:
        return QCoreApplication::translate("LadderView", "error: foreign socket unspecified");
    default:
        break;
    }
    return QCoreApplication::translate("LadderView", "error: %1").arg(QString::fromStdString(event.text));
}

QString timerText(const Event &event)
{
    switch (event.timer) {
    case TimerKind::TimeWait:
        return QCoreApplication::translate("LadderView", "2MSL timer expires");
    case TimerKind::Persist:
        return QCoreApplication::translate("LadderView", "persist timer fires");
    case TimerKind::DelayedAck:
        return QCoreApplication::translate("LadderView", "delayed-ACK timer fires");
    default:
        return QCoreApplication::translate("LadderView", "retransmission timer fires");
    }
}

} // namespace

LadderLayout::LadderLayout(const std::vector<Event> &events, const std::vector<std::size_t> &boundaries,
                           NumberStyle style)
    : m_events(events.begin(), events.end())
    , m_boundaries(boundaries)
    , m_numberStyle(style)
{
    if (m_boundaries.empty())
        m_boundaries.push_back(0);
    m_boundaries.back() = std::min(m_boundaries.back(), m_events.size());
    m_events.resize(m_boundaries.back());
    build();
}

void LadderLayout::setNumberStyle(NumberStyle style)
{
    m_numberStyle = style;
    m_formatter = NumberFormatter(m_firstPairSyns, m_numberStyle);
    if (m_width > 0)
        place(m_font, m_width); // the arrow labels' widths change
}

bool LadderLayout::extend(const std::vector<Event> &events, std::vector<std::size_t> boundaries)
{
    if (boundaries.empty())
        boundaries.push_back(0);
    boundaries.back() = std::min(boundaries.back(), events.size());
    const std::size_t oldSteps = m_boundaries.size();
    // A layout never built (default-constructed) has no step 0 to go on from: build it anew.
    if (oldSteps == 0)
        return false;
    if (boundaries.size() <= oldSteps || !std::equal(m_boundaries.begin(), m_boundaries.end(), boundaries.begin()))
        return false;
    // The steps drawn so far must be the steps now. Back shortens the boundaries and another
    // lesson starts again from step 0, both refused above; the first and the last event drawn
    // are compared too, which any other history (another lesson jumped into) would change.
    // Not every event: that would make each step cost as much as the lesson again.
    const std::size_t drawn = m_events.size();
    if (drawn > 0 && (!(events.front() == m_events.front()) || !(events[drawn - 1] == m_events[drawn - 1])))
        return false;
    m_events.insert(m_events.end(), events.begin() + static_cast<std::ptrdiff_t>(m_events.size()),
                    events.begin() + static_cast<std::ptrdiff_t>(boundaries.back()));
    m_boundaries = std::move(boundaries);
    const std::size_t firstNewLabel = m_labels.size();
    const std::size_t firstNewMoment = m_moments.size();
    // The arrows still in flight end at the new steps: their labels are placed again.
    std::size_t firstArrow = m_arrows.size();
    for (const auto &[id, index] : m_inFlight)
        firstArrow = std::min(firstArrow, index);
    appendSteps(static_cast<int>(oldSteps));
    if (m_width > 0)
        placeFrom(firstNewLabel, firstNewMoment, firstArrow);
    return true;
}

bool LadderLayout::truncate(const std::vector<Event> &events, std::vector<std::size_t> boundaries)
{
    if (boundaries.empty())
        boundaries.push_back(0);
    boundaries.back() = std::min(boundaries.back(), events.size());
    if (boundaries.size() >= m_boundaries.size() || !std::equal(boundaries.begin(), boundaries.end(), m_boundaries.begin()))
        return false;
    // As in extend: the first and the last event kept must be the same events.
    const std::size_t kept = boundaries.back();
    if (kept > 0 && (!(events.front() == m_events.front()) || !(events[kept - 1] == m_events[kept - 1])))
        return false;
    const int steps = static_cast<int>(boundaries.size()) - 1;
    m_events.resize(kept);
    m_boundaries = std::move(boundaries);

    // Everything is in step order: drop the later steps' moments, labels, transitions and arrows
    // from the end; a segment that arrived in a later step is in flight again.
    std::size_t moments = m_moments.size();
    while (moments > 1 && m_moments[moments - 1].step > steps)
        --moments;
    m_moments.resize(moments);
    while (!m_labels.empty() && m_labels.back().moment >= static_cast<int>(moments))
        m_labels.pop_back();
    while (!m_transitions.empty() && m_transitions.back().step > steps)
        m_transitions.pop_back();
    while (!m_arrows.empty() && m_arrows.back().sendStep > steps)
        m_arrows.pop_back();
    m_inFlight.clear();
    for (std::size_t i = 0; i < m_arrows.size(); ++i) {
        Arrow &arrow = m_arrows[i];
        if (arrow.endStep > steps) {
            arrow.fate = Fate::InFlight;
            arrow.endStep = -1;
            arrow.endMoment = -1;
        }
        if (arrow.fate == Fate::InFlight && !arrow.injected)
            m_inFlight[arrow.segment.id] = i;
    }
    updateFormatter(kept);
    m_newestStep = steps;
    m_firstNewestMoment = 0;
    for (int i = static_cast<int>(m_moments.size()) - 1; i >= 0; --i) {
        if (m_moments[static_cast<std::size_t>(i)].step != steps)
            break;
        m_firstNewestMoment = i;
    }
    if (m_width > 0) {
        m_labelWidths.resize(m_labels.size());
        m_arrowSizes.resize(m_arrows.size());
        m_arrowRects.resize(m_arrows.size());
        m_arrowAlong.resize(m_arrows.size());
        std::size_t firstArrow = m_arrows.size();
        for (const auto &[id, index] : m_inFlight)
            firstArrow = std::min(firstArrow, index);
        placeFrom(m_labels.size(), m_moments.size(), firstArrow);
    }
    return true;
}

void LadderLayout::build()
{
    m_moments.clear();
    m_arrows.clear();
    m_labels.clear();
    m_transitions.clear();
    m_inFlight.clear();
    // Step 0: where both sides start.
    m_moments.push_back(Moment{});
    addLabel(Side::Client, LabelKind::State, QString::fromLatin1(stateName(TcpState::Closed)), false);
    addLabel(Side::Server, LabelKind::State, QString::fromLatin1(stateName(TcpState::Closed)), false);
    appendSteps(1);
}

void LadderLayout::addLabel(Side side, LabelKind kind, QString text, bool onArrival)
{
    Moment &moment = m_moments.back();
    Label label;
    label.side = side;
    label.kind = kind;
    label.text = std::move(text);
    label.moment = static_cast<int>(m_moments.size()) - 1;
    label.row = moment.labelCount[side == Side::Client ? 0 : 1]++;
    label.onArrival = onArrival;
    m_labels.push_back(std::move(label));
}

void LadderLayout::updateFormatter(std::size_t firstEvent)
{
    // The ladder draws the first client and its server connection: its numbers are relative to
    // their ISNs, not to a later client's (whose SYN would otherwise become the base).
    while (!m_firstPairSynIndexes.empty() && m_firstPairSynIndexes.back() >= firstEvent) {
        m_firstPairSynIndexes.pop_back();
        m_firstPairSyns.pop_back();
    }
    for (std::size_t i = firstEvent; i < m_events.size(); ++i) {
        const Event &event = m_events[i];
        if (event.kind == EventKind::Send && event.segment && event.segment->has(Syn) && belongsToFirstPair(event)) {
            m_firstPairSyns.push_back(event);
            m_firstPairSynIndexes.push_back(i);
        }
    }
    m_formatter = NumberFormatter(m_firstPairSyns, m_numberStyle);
}

void LadderLayout::appendSteps(int firstStep)
{
    updateFormatter(firstStep <= 1 ? 0 : m_boundaries[static_cast<std::size_t>(firstStep - 1)]);
    const std::size_t firstNewTransition = m_transitions.size();
    std::unordered_map<std::uint64_t, std::size_t> &inFlight = m_inFlight;
    const int steps = static_cast<int>(m_boundaries.size()) - 1;
    for (int step = firstStep; step <= steps; ++step) {
        Moment first;
        first.step = step;
        // Its time: the step's first event's (none: it starts when the moment before did).
        first.time = m_moments.empty() ? 0 : m_moments.back().time;
        for (std::size_t i = m_boundaries[static_cast<std::size_t>(step - 1)];
             i < m_boundaries[static_cast<std::size_t>(step)]; ++i) {
            if (belongsToFirstPair(m_events[i])) {
                first.time = m_events[i].time;
                break;
            }
        }
        m_moments.push_back(first);
        for (std::size_t i = m_boundaries[static_cast<std::size_t>(step - 1)];
             i < m_boundaries[static_cast<std::size_t>(step)]; ++i) {
            const Event &event = m_events[i];
            if (!belongsToFirstPair(event))
                continue; // client2..client9 and their server connections: the next issue's lanes
            const bool busy = m_moments.back().hasArrival || m_moments.back().hasSend
                || m_moments.back().hasTimer;
            const bool fromSegment = event.cause == CauseKind::Segment;
            switch (event.kind) {
            case EventKind::Deliver:
            case EventKind::Drop: {
                if (busy) {
                    Moment next;
                    next.step = step;
                    next.time = event.time;
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
                    next.time = event.time;
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
                transition.moment = static_cast<int>(m_moments.size()) - 1;
                transition.onArrival = fromSegment;
                transition.timer = event.cause == CauseKind::Timer ? event.timer : TimerKind::None;
                transition.rule = event.rule;
                transition.socket = event.socket;
                transition.peer = event.peer;
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
            case EventKind::Queue:
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
    // A transition shows when its state label does: at the arrival of the segment that caused it
    // (the arrival share is only known once the moment's sends are in: a reply in the same moment
    // halves it), else at the start of its moment. Earlier steps' moments are complete.
    for (std::size_t i = firstNewTransition; i < m_transitions.size(); ++i) {
        Transition &transition = m_transitions[i];
        const Moment &moment = m_moments[static_cast<std::size_t>(transition.moment)];
        transition.revealAt = transition.moment + (transition.onArrival ? arrivalShare(moment) : 0.0);
    }
}

double LadderLayout::sideX(Side side) const
{
    return side == Side::Client ? m_geometry.clientX : m_geometry.serverX;
}

double LadderLayout::nowY() const
{
    if (m_moments.empty())
        return 0;
    return m_moments.back().y + m_moments.back().height;
}

int LadderLayout::arrowIndexForSegmentId(std::uint64_t id) const
{
    for (std::size_t i = 0; i < m_arrows.size(); ++i) {
        if (m_arrows[i].segment.id == id)
            return static_cast<int>(i);
    }
    return -1;
}

double LadderLayout::arrivalShare(const Moment &moment) const
{
    if (!moment.hasArrival)
        return 0.0;
    return moment.hasSend ? 0.5 : 1.0;
}

bool LadderLayout::isNewest(int momentIndex) const
{
    return m_newestStep > 0 && momentIndex >= m_firstNewestMoment;
}

double LadderLayout::localProgress(int momentIndex, double progress, double from, double to) const
{
    if (!isNewest(momentIndex))
        return 1.0;
    const double relative = progress - (momentIndex - m_firstNewestMoment);
    if (to <= from)
        return relative >= to ? 1.0 : 0.0;
    return std::clamp((relative - from) / (to - from), 0.0, 1.0);
}

bool LadderLayout::isRevealed(const Label &label, double progress) const
{
    if (!isNewest(label.moment))
        return true;
    const Moment &moment = m_moments[static_cast<std::size_t>(label.moment)];
    const double at = label.onArrival ? arrivalShare(moment) : 0.0;
    return progress - (label.moment - m_firstNewestMoment) >= at - 1e-9;
}

int LadderLayout::revealedCount(double progress) const
{
    return static_cast<int>(std::count_if(m_labels.begin(), m_labels.end(),
                                          [&](const Label &label) { return isRevealed(label, progress); }));
}

int LadderLayout::revealedTransitionCount(double progress) const
{
    return static_cast<int>(std::count_if(m_transitions.begin(), m_transitions.end(),
                                          [&](const Transition &transition) {
                                              return !isNewest(transition.moment)
                                                  || progress - (transition.revealAt - m_firstNewestMoment) >= -1e-9;
                                          }));
}

std::optional<LadderLayout::Transition> LadderLayout::lastRevealedTransition(Side side, double progress) const
{
    // A side's lane can hold several sockets (the server's listener and its connection with
    // `client`, a server restarted beside its TIME-WAIT connection, a client that connects again):
    // the state shown is the named socket's, as Simulation::findConst picks it, among the
    // transitions revealed so far. Socket numbers grow with creation, so the highest is the newest.
    std::optional<Transition> newestSocketLast; // the client's newest socket / the server's connection
    std::optional<Transition> listenerLast;
    std::optional<Transition> anyLast;
    for (const Transition &transition : m_transitions) {
        if (transition.side != side)
            continue;
        // revealAt is an absolute moment index plus the arrival share
        if (transition.step == m_newestStep && m_newestStep > 0
            && progress - (transition.revealAt - m_firstNewestMoment) < -1e-9)
            break;
        anyLast = transition;
        const bool named = side == Side::Client || transition.peer != noHost;
        if (named && (!newestSocketLast || transition.socket >= newestSocketLast->socket))
            newestSocketLast = transition;
        else if (!named)
            listenerLast = transition;
    }
    if (newestSocketLast)
        return newestSocketLast;
    return listenerLast ? listenerLast : anyLast;
}

QList<LadderLayout::Transition> LadderLayout::revealedNewestTransitions(double progress) const
{
    QList<Transition> result;
    if (m_newestStep == 0)
        return result;
    for (const Transition &transition : m_transitions) {
        if (transition.step != m_newestStep)
            continue;
        if (progress - (transition.revealAt - m_firstNewestMoment) < -1e-9)
            continue;
        Transition shown = transition;
        shown.revealAt -= m_firstNewestMoment;
        result.append(shown);
    }
    return result;
}

QLineF LadderLayout::arrowLine(const Arrow &arrow) const
{
    const Side from = arrow.segment.from;
    const double fromY = m_moments[static_cast<std::size_t>(arrow.sendMoment)].y;
    const double toY = arrow.endMoment >= 0 ? m_moments[static_cast<std::size_t>(arrow.endMoment)].y : nowY();
    if (arrow.injected) {
        const double rise = m_geometry.line * 2.2;
        return QLineF(sideX(from), toY - rise, sideX(peerOf(from)), toY);
    }
    return QLineF(sideX(from), fromY, sideX(peerOf(from)), toY);
}

double LadderLayout::arrowFraction(const Arrow &arrow, double progress) const
{
    if (arrow.injected) {
        if (!isNewest(arrow.endMoment))
            return 1.0;
        const Moment &moment = m_moments[static_cast<std::size_t>(arrow.endMoment)];
        return ease(localProgress(arrow.endMoment, progress, 0.0, arrivalShare(moment)));
    }
    double fraction = 0.5;
    if (isNewest(arrow.sendMoment)) {
        const Moment &moment = m_moments[static_cast<std::size_t>(arrow.sendMoment)];
        fraction = 0.5 * ease(localProgress(arrow.sendMoment, progress, arrivalShare(moment), 1.0));
    }
    if (arrow.fate == Fate::Delivered) {
        const Moment &moment = m_moments[static_cast<std::size_t>(arrow.endMoment)];
        const double arrival = localProgress(arrow.endMoment, progress, 0.0, arrivalShare(moment));
        if (!isNewest(arrow.endMoment) || arrival > 0)
            fraction = 0.5 + 0.5 * ease(arrival);
    }
    return fraction;
}

QStringList LadderLayout::arrowText(const Arrow &arrow) const
{
    QStringList lines;
    lines.append(QString::fromStdString(flagsToString(arrow.segment.flags)));
    lines.append(m_formatter.numbers(arrow.segment));
    if (!arrow.segment.data.empty())
        lines.append(dataPreview(arrow.segment.data));
    return lines;
}

int LadderLayout::arrowAt(const QPointF &contentPoint, double progress) const
{
    int best = -1;
    double bestDistance = 9.0;
    for (std::size_t i = 0; i < m_arrows.size(); ++i) {
        const Arrow &arrow = m_arrows[i];
        const QLineF line = arrowLine(arrow);
        const double fraction = arrowFraction(arrow, progress);
        if (fraction <= 0)
            continue;
        if (fraction >= labelAlongOf(arrow) && labelRect(arrow).contains(contentPoint))
            return static_cast<int>(i);
        const double distance = distanceToSegment(contentPoint, line.p1(), line.pointAt(fraction));
        if (distance < bestDistance) {
            bestDistance = distance;
            best = static_cast<int>(i);
        }
    }
    return best;
}
