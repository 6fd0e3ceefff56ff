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

// A connection the listener's full queues refused, as the ladder marks it (empty: the queue
// event is no refusal).
QString refusalText(Rule rule, const QString &client)
{
    switch (rule) {
    case Rule::AcceptQueueSynDropped:
        return QCoreApplication::translate("LadderView", "SYN from %1 dropped: accept queue full").arg(client);
    case Rule::AcceptQueueAckIgnored:
        return QCoreApplication::translate("LadderView", "final ACK from %1 ignored: accept queue full").arg(client);
    case Rule::AcceptQueueAckReset:
        return QCoreApplication::translate("LadderView", "final ACK from %1 answered with RST: accept queue full").arg(client);
    case Rule::SynQueueSynDropped:
        return QCoreApplication::translate("LadderView", "SYN from %1 dropped: SYN queue full").arg(client);
    case Rule::SynBacklogDropped:
        return QCoreApplication::translate("LadderView", "SYN from %1 dropped: tcp_max_syn_backlog nearly used up").arg(client);
    case Rule::SynQueueCookie:
        return QCoreApplication::translate("LadderView", "SYN cookie to %1: SYN queue full, no entry kept").arg(client);
    default:
        return {};
    }
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
    for (const auto &[host, syns] : m_otherSyns)
        m_otherFormatters[host] = NumberFormatter(syns, m_numberStyle);
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
    bool becomesLanes = false;
    if (!m_lanesMode) {
        for (std::size_t i = m_events.size(); i < boundaries.back() && !becomesLanes; ++i)
            becomesLanes = !belongsToFirstPair(events[i]);
    }
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
    if (becomesLanes) {
        // A second client's first event turns two lanes into many: everything is laid out
        // again, once.
        rebuildAndPlace();
        return true;
    }
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
    if (m_lanesMode) {
        // Lanes come and go with the steps, and so do their spans and ranks: a lesson of many
        // clients (short, written for a class) is laid out again from its events.
        rebuildAndPlace();
        return true;
    }

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

void LadderLayout::rebuildAndPlace()
{
    build();
    if (m_width > 0)
        place(m_font, m_width);
}

void LadderLayout::build()
{
    m_moments.clear();
    m_arrows.clear();
    m_labels.clear();
    m_transitions.clear();
    m_inFlight.clear();
    m_lanes.clear();
    m_otherSyns.clear();
    m_otherFormatters.clear();
    m_hadDescriptor.clear();
    m_lanesMode = std::any_of(m_events.begin(), m_events.end(),
                              [](const Event &event) { return !belongsToFirstPair(event); });
    // The client's lane and the server's (in lanes mode its listener's) exist from step 0.
    makeLane(Side::Client, firstClientHost, noHost);
    makeLane(Side::Server, serverHost, noHost);
    // Step 0: where both sides start.
    m_moments.push_back(Moment{});
    addLabel(0, LabelKind::State, QString::fromLatin1(stateName(TcpState::Closed)), false);
    addLabel(1, LabelKind::State, QString::fromLatin1(stateName(TcpState::Closed)), false);
    appendSteps(1);
}

void LadderLayout::addLabel(int lane, LabelKind kind, QString text, bool onArrival, QString core)
{
    Moment &moment = m_moments.back();
    Label label;
    label.side = m_lanes[static_cast<std::size_t>(lane)].side;
    label.lane = lane;
    label.kind = kind;
    label.text = std::move(text);
    label.core = core.isEmpty() ? label.text : std::move(core);
    label.moment = static_cast<int>(m_moments.size()) - 1;
    label.row = moment.labelCount[label.side == Side::Client ? 0 : 1]++;
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
    bool othersChanged = false;
    for (std::size_t i = firstEvent; i < m_events.size(); ++i) {
        const Event &event = m_events[i];
        if (event.kind != EventKind::Send || !event.segment || !event.segment->has(Syn))
            continue;
        if (belongsToFirstPair(event)) {
            m_firstPairSyns.push_back(event);
            m_firstPairSynIndexes.push_back(i);
        } else {
            // Lanes mode only, where steps are never taken back (truncate refuses): appended.
            m_otherSyns[event.segment->clientHost].push_back(event);
            othersChanged = true;
        }
    }
    m_formatter = NumberFormatter(m_firstPairSyns, m_numberStyle);
    if (othersChanged) {
        for (const auto &[host, syns] : m_otherSyns)
            m_otherFormatters[host] = NumberFormatter(syns, m_numberStyle);
    }
}

void LadderLayout::appendSteps(int firstStep)
{
    updateFormatter(firstStep <= 1 ? 0 : m_boundaries[static_cast<std::size_t>(firstStep - 1)]);
    const std::size_t firstNewTransition = m_transitions.size();
    std::unordered_map<std::uint64_t, std::size_t> &inFlight = m_inFlight;
    const int steps = static_cast<int>(m_boundaries.size()) - 1;
    HostId arrivingClient = firstClientHost;
    for (int step = firstStep; step <= steps; ++step) {
        Moment first;
        first.step = step;
        // Its time: the step's first event's (none: it starts when the moment before did).
        first.time = m_moments.empty() ? 0 : m_moments.back().time;
        for (std::size_t i = m_boundaries[static_cast<std::size_t>(step - 1)];
             i < m_boundaries[static_cast<std::size_t>(step)]; ++i) {
            if (m_lanesMode || belongsToFirstPair(m_events[i])) {
                first.time = m_events[i].time;
                break;
            }
        }
        m_moments.push_back(first);
        for (std::size_t i = m_boundaries[static_cast<std::size_t>(step - 1)];
             i < m_boundaries[static_cast<std::size_t>(step)]; ++i) {
            const Event &event = m_events[i];
            if (event.kind == EventKind::Expect)
                continue;
            if (event.kind == EventKind::Queue) {
                // A refusal of the full queues, marked on the listener's lane where the segment
                // arrived: its client is the arriving segment's.
                const QString refusal = refusalText(event.rule, QString::fromStdString(hostName(arrivingClient)));
                if (!refusal.isEmpty())
                    addLabel(laneOf(event), LabelKind::Error, owned(event, refusal), true);
                continue;
            }
            if (event.kind == EventKind::Deliver && event.segment)
                arrivingClient = event.segment->clientHost;
            const int lane = laneOf(event);
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
                    // It ends where it arrived (a Drop is stamped with the sender's host).
                    if (event.kind == EventKind::Deliver && m_lanesMode)
                        arrow.toLane = lane;
                    inFlight.erase(found);
                } else if (event.kind == EventKind::Deliver) {
                    Arrow arrow;
                    arrow.segment = *event.segment;
                    arrow.toLane = lane;
                    arrow.fromLane = m_lanesMode ? receiverLane(lane, *event.segment) : 1 - lane;
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
                addLabel(lane, LabelKind::Timer, owned(event, timerText(event)), false);
                break;
            case EventKind::Send: {
                if (!event.segment)
                    break;
                m_moments.back().hasSend = true;
                Arrow arrow;
                arrow.segment = *event.segment;
                arrow.fromLane = lane;
                arrow.toLane = m_lanesMode ? receiverLane(lane, *event.segment) : 1 - lane;
                arrow.sendStep = step;
                arrow.sendMoment = static_cast<int>(m_moments.size()) - 1;
                inFlight[arrow.segment.id] = m_arrows.size();
                m_arrows.push_back(arrow);
                break;
            }
            case EventKind::Transition: {
                addLabel(lane, LabelKind::State, owned(event, QString::fromLatin1(stateName(event.to))), fromSegment,
                         QString::fromLatin1(stateName(event.to)));
                Transition transition;
                transition.side = event.side;
                transition.lane = lane;
                transition.host = event.host;
                transition.firstPair = belongsToFirstPair(event);
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
                addLabel(lane, LabelKind::Call, owned(event, callText(event)), false);
                break;
            case EventKind::Return:
                addLabel(lane, LabelKind::Return, owned(event, returnText(event)), fromSegment);
                break;
            case EventKind::Error:
                addLabel(lane, LabelKind::Error, owned(event, errorText(event)), fromSegment);
                break;
            case EventKind::Expect:
            case EventKind::Queue:
                break;
            }
            if (m_lanesMode && event.kind != EventKind::Drop && (event.socket != 0 || event.kind != EventKind::Deliver))
                noteLaneSpan(lane, event);
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

int LadderLayout::findLane(Side side, HostId host, HostId peer) const
{
    for (std::size_t i = 0; i < m_lanes.size(); ++i) {
        const Lane &lane = m_lanes[i];
        if (lane.side == side && lane.host == host && lane.peer == peer)
            return static_cast<int>(i);
    }
    return -1;
}

int LadderLayout::makeLane(Side side, HostId host, HostId peer)
{
    Lane lane;
    lane.side = side;
    lane.host = host;
    lane.peer = peer;
    if (m_lanesMode)
        lane.spans.push_back({static_cast<int>(m_moments.size()) - 1, -1});
    else
        lane.spans.push_back({0, -1});
    m_lanes.push_back(lane);
    // Ranks outwards from the side's timeline: clients by number; the listener, then the
    // connections by their client's number.
    std::vector<Lane *> ofSide;
    for (Lane &each : m_lanes) {
        if (each.side == side)
            ofSide.push_back(&each);
    }
    std::sort(ofSide.begin(), ofSide.end(), [](const Lane *a, const Lane *b) {
        const int keyA = a->side == Side::Client ? a->host : (a->peer == noHost ? 0 : a->peer + 1);
        const int keyB = b->side == Side::Client ? b->host : (b->peer == noHost ? 0 : b->peer + 1);
        return keyA < keyB;
    });
    for (std::size_t i = 0; i < ofSide.size(); ++i)
        ofSide[i]->rank = static_cast<int>(i);
    return static_cast<int>(m_lanes.size()) - 1;
}

int LadderLayout::laneOf(const Event &event)
{
    if (!m_lanesMode)
        return event.side == Side::Client ? 0 : 1;
    const Side side = sideOfHost(event.host);
    const HostId host = event.host;
    const HostId peer = side == Side::Server ? event.peer : noHost;
    int lane = findLane(side, host, peer);
    if (lane < 0)
        lane = makeLane(side, host, peer);
    if (event.socket != 0 && (event.kind == EventKind::Transition || event.kind == EventKind::Call
                              || event.kind == EventKind::Return || event.kind == EventKind::Send)) {
        Lane &owner = m_lanes[static_cast<std::size_t>(lane)];
        owner.socket = event.socket;
        if (event.fd >= 0)
            m_hadDescriptor.insert(event.socket);
    }
    return lane;
}

void LadderLayout::noteLaneSpan(int laneIndex, const Event &event)
{
    // A socket comes into being at its first event and goes at CLOSED; the host's lane is drawn
    // where one exists.
    Lane &lane = m_lanes[static_cast<std::size_t>(laneIndex)];
    const int moment = static_cast<int>(m_moments.size()) - 1;
    if (lane.spans.empty() || lane.spans.back().second >= 0) {
        if (event.kind == EventKind::Transition && event.to == TcpState::Closed)
            return; // nothing to draw: it was closed already
        lane.spans.push_back({moment, -1});
    }
    if (event.kind == EventKind::Transition && event.to == TcpState::Closed)
        lane.spans.back().second = moment;
}

int LadderLayout::receiverLane(int fromLane, const Segment &segment)
{
    const Lane &from = m_lanes[static_cast<std::size_t>(fromLane)];
    if (from.side == Side::Server) {
        const HostId client = segment.clientHost;
        const int lane = findLane(Side::Client, client, noHost);
        return lane >= 0 ? lane : makeLane(Side::Client, client, noHost);
    }
    // A client's SYN goes to the listener, which makes the connection; the rest to the
    // connection (the arrival moves the arrow if the model says otherwise).
    const HostId peer = segment.has(Syn) && !segment.has(Ack) ? noHost : from.host;
    const int lane = findLane(Side::Server, serverHost, peer);
    return lane >= 0 ? lane : makeLane(Side::Server, serverHost, peer);
}

QString LadderLayout::ownerText(const Event &event) const
{
    if (event.host != serverHost)
        return QString::fromStdString(hostName(event.host));
    if (event.peer == noHost)
        return event.fd >= 0 ? QCoreApplication::translate("LadderView", "listener fd %1").arg(event.fd)
                             : QCoreApplication::translate("LadderView", "listener");
    const QString client = QString::fromStdString(hostName(event.peer));
    //: The server's connection with a client, by its descriptor: "fd 4 ↔ client2"
    if (event.fd >= 0)
        return QCoreApplication::translate("LadderView", "fd %1 ↔ %2").arg(event.fd).arg(client);
    // No descriptor: waiting in the listener's queues, or its descriptor already released (a
    // no-break space keeps "no fd" on one line).
    return m_hadDescriptor.count(event.socket) != 0
        ? QCoreApplication::translate("LadderView", "↔ %1 (no fd)").arg(client)
        : QCoreApplication::translate("LadderView", "↔ %1 (queue)").arg(client);
}

QString LadderLayout::owned(const Event &event, const QString &text) const
{
    if (!m_lanesMode)
        return text;
    //: A label on a ladder of many clients: whose socket, then what happened to it
    return QCoreApplication::translate("LadderView", "%1: %2").arg(ownerText(event), text);
}

const NumberFormatter &LadderLayout::formatterFor(const Segment &segment) const
{
    if (segment.clientHost == firstClientHost)
        return m_formatter;
    const auto found = m_otherFormatters.find(segment.clientHost);
    return found != m_otherFormatters.end() ? found->second : m_formatter;
}

double LadderLayout::laneX(int laneIndex) const
{
    const Lane &lane = m_lanes[static_cast<std::size_t>(laneIndex)];
    const double offset = lane.rank * m_geometry.laneSpacing;
    return lane.side == Side::Client ? m_geometry.clientX - offset : m_geometry.serverX + offset;
}

bool LadderLayout::isCollapsed(int lane) const
{
    return m_lanesMode && lane >= 0 && lane < static_cast<int>(m_lanes.size())
        && m_collapsed.count(m_lanes[static_cast<std::size_t>(lane)].key()) != 0;
}

bool LadderLayout::isLabelHidden(const Arrow &arrow) const
{
    return isCollapsed(arrow.fromLane) || isCollapsed(arrow.toLane);
}

QString LadderLayout::laneName(int laneIndex) const
{
    const Lane &lane = m_lanes[static_cast<std::size_t>(laneIndex)];
    if (!m_lanesMode)
        return lane.side == Side::Client ? QCoreApplication::translate("LadderView", "Client")
                                         : QCoreApplication::translate("LadderView", "Server");
    if (lane.side == Side::Client)
        return QString::fromStdString(hostName(lane.host));
    if (lane.peer == noHost)
        return QCoreApplication::translate("LadderView", "the server's listening socket");
    return QCoreApplication::translate("LadderView", "the server's connection with %1")
        .arg(QString::fromStdString(hostName(lane.peer)));
}

QString LadderLayout::laneTag(int laneIndex) const
{
    const Lane &lane = m_lanes[static_cast<std::size_t>(laneIndex)];
    if (lane.side == Side::Server && lane.peer == noHost)
        //: The tag above the listening socket's lane (short: a lane is a few letters wide)
        return QCoreApplication::translate("LadderView", "L");
    const HostId client = lane.side == Side::Client ? lane.host : lane.peer;
    // Lanes closer than a "c2" needs (a narrow ladder): the client's number alone.
    if (m_geometry.digitTags)
        return QString::number(client);
    //: The tag above a client's lane, and above the server's connection with it: c1, c2, ...
    return QCoreApplication::translate("LadderView", "c%1").arg(client);
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
        if (transition.side != side || !transition.firstPair)
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
        if (transition.step != m_newestStep || !transition.firstPair)
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
    const double fromY = m_moments[static_cast<std::size_t>(arrow.sendMoment)].y;
    const double toY = arrow.endMoment >= 0 ? m_moments[static_cast<std::size_t>(arrow.endMoment)].y : nowY();
    const double fromX = laneX(arrow.fromLane);
    const double toX = laneX(arrow.toLane);
    if (arrow.injected) {
        const double rise = m_geometry.line * 2.2;
        return QLineF(fromX, toY - rise, toX, toY);
    }
    return QLineF(fromX, fromY, toX, toY);
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
    lines.append(formatterFor(arrow.segment).numbers(arrow.segment));
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
