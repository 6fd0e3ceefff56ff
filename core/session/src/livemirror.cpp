// SPDX-License-Identifier: GPL-3.0-or-later
#include "tcpsim/session/livemirror.h"

#include "tcpsim/session/lessoncontroller.h"

#include <QEventLoop>

#include <algorithm>
#include <limits>

using namespace tcpsim;
using live::LiveSession;
using live::LiveSocket;
using live::Observation;

namespace {

QString stateText(TcpState state)
{
    return QString::fromLatin1(stateName(state));
}

QString endpointText(Observation::Endpoint endpoint)
{
    switch (endpoint) {
    case Observation::Endpoint::Client:
        return LiveMirror::tr("client");
    case Observation::Endpoint::Server:
        return LiveMirror::tr("server");
    case Observation::Endpoint::Listener:
        return LiveMirror::tr("listener");
    case Observation::Endpoint::Other:
        return LiveMirror::tr("other");
    case Observation::Endpoint::LessonClient:
    case Observation::Endpoint::LessonServer: // named by the observation (client2, server.client2)
    case Observation::Endpoint::None:
        break;
    }
    return {};
}

std::optional<Side> sideOf(Observation::Endpoint endpoint)
{
    if (endpoint == Observation::Endpoint::Client)
        return Side::Client;
    if (endpoint == Observation::Endpoint::Server)
        return Side::Server;
    return std::nullopt;
}

// The tuple and descriptor, for the tooltip.
QString whereText(const Observation &observation)
{
    QStringList parts;
    if (observation.tuple.isValid())
        parts.append(observation.tuple.toString());
    if (observation.descriptor >= 0)
        parts.append(LiveMirror::tr("descriptor %1").arg(observation.descriptor));
    return parts.join(QStringLiteral(", "));
}

// A step whose action is an application call (the model's one definition of it).
bool isApplicationVerb(Verb verb)
{
    Command command;
    command.verb = verb;
    return command.isApplicationCall();
}

bool isQtError(const QString &state)
{
    return state.endsWith(QLatin1String("Error"));
}

} // namespace

LiveMirror::LiveMirror(LessonController *controller, QObject *parent)
    : QObject(parent), m_controller(controller), m_session(new LiveSession(this))
{
    m_quiet.setSingleShot(true);
    m_quiet.setInterval(0); // the end of this event-loop pass
    m_cap.setSingleShot(true);
    m_transit.setSingleShot(true);
    m_transit.setInterval(transitCheckMs);
    m_rebuildTimer.setSingleShot(true);
    m_rebuildTimer.setInterval(0);
    connect(&m_quiet, &QTimer::timeout, this, &LiveMirror::checkSettled);
    connect(&m_cap, &QTimer::timeout, this, &LiveMirror::finishSettling);
    connect(&m_transit, &QTimer::timeout, this, &LiveMirror::checkSettled);
    connect(&m_rebuildTimer, &QTimer::timeout, this, &LiveMirror::rebuild);
    connect(m_session, &LiveSession::observed, this, &LiveMirror::onObserved);
    connect(controller, &LessonController::lessonChanged, this, &LiveMirror::onLessonChanged);
    connect(controller, &LessonController::stepped, this,
            [this](LessonController::Direction direction) { onStepped(static_cast<int>(direction)); });
}

LiveMirror::~LiveMirror()
{
    // The session's last signals (sockets closing) must not reach a half-destroyed mirror.
    m_session->disconnect(this);
}

void LiveMirror::setEnabled(bool on)
{
    if (on == m_enabled)
        return;
    m_enabled = on;
    restart();
    if (on) {
        for (int step = 1; step <= m_controller->currentStep(); ++step)
            enqueue(step);
        processQueue();
    }
    emit enabledChanged(on);
}

void LiveMirror::setServerPort(quint16 port)
{
    m_requestedPort = port;
    m_session->setServerPort(port);
}

std::optional<Verb> LiveMirror::stepVerb(int step) const
{
    const auto it = m_stepVerbs.constFind(step);
    if (it == m_stepVerbs.cend())
        return std::nullopt;
    return *it;
}

void LiveMirror::runUntil(int timeoutMs, bool orWaitingOnKernel)
{
    QEventLoop loop;
    QTimer limit;
    limit.setSingleShot(true);
    connect(&limit, &QTimer::timeout, &loop, &QEventLoop::quit);
    connect(this, &LiveMirror::idle, &loop, &QEventLoop::quit);
    if (orWaitingOnKernel)
        connect(this, &LiveMirror::waitingOnKernel, &loop, &QEventLoop::quit);
    limit.start(timeoutMs);
    loop.exec();
}

bool LiveMirror::waitUntilIdle(int timeoutMs)
{
    if (!isIdle())
        runUntil(timeoutMs, false);
    if (m_rebuildTimer.isActive()) {
        m_rebuildTimer.stop();
        rebuild();
    }
    return isIdle();
}

bool LiveMirror::waitUntilIdleOrWaitingOnKernel(int timeoutMs)
{
    if (!isIdle() && !m_transit.isActive())
        runUntil(timeoutMs, true);
    return isIdle() || m_transit.isActive();
}

void LiveMirror::waitForQuiet(int quietMs, int capMs)
{
    QEventLoop loop;
    QTimer quiet;
    quiet.setSingleShot(true);
    QTimer cap;
    cap.setSingleShot(true);
    connect(&quiet, &QTimer::timeout, &loop, &QEventLoop::quit);
    connect(&cap, &QTimer::timeout, &loop, &QEventLoop::quit);
    const auto restartQuiet = connect(m_session, &LiveSession::observed, &quiet, [&quiet, quietMs] { quiet.start(quietMs); });
    quiet.start(quietMs);
    cap.start(capMs);
    loop.exec();
    disconnect(restartQuiet);
    if (m_rebuildTimer.isActive()) {
        m_rebuildTimer.stop();
        rebuild();
    }
}

void LiveMirror::restart()
{
    m_queue.clear();
    m_quiet.stop();
    m_transit.stop();
    m_cap.stop();
    m_settling = false;
    m_session->reset();
    m_session->setServerPort(m_requestedPort);
    m_session->setLesson(m_controller->lesson());
    m_session->setModelProfile(m_controller->simulation().config().profile);
    m_observations.clear();
    m_outside.clear();
    m_outsideDropped = 0;
    m_stepVerbs.clear();
    m_stepTimes.clear();
    m_stepSides.clear();
    m_mirroredStep = 0;
    scheduleRebuild();
}

void LiveMirror::onLessonChanged()
{
    m_lessonEdited = true;
}

void LiveMirror::onStepped(int direction)
{
    const bool edited = m_lessonEdited;
    m_lessonEdited = false;
    const int current = m_controller->currentStep();
    switch (static_cast<LessonController::Direction>(direction)) {
    case LessonController::Direction::Reset:
        // A new lesson, or Reset: the real connection cannot be wound back, so start again
        // (a TIME-WAIT of the old connection may linger in the kernel: it shows as "other").
        if (m_enabled)
            restart();
        return;
    case LessonController::Direction::Backward:
        if (m_enabled && current < m_mirroredStep)
            emit statusMessage(tr("The live pair cannot un-send: it stays at step %1. Its rows for the later "
                                  "steps are hidden and come back as you step forward again.")
                                   .arg(m_mirroredStep));
        rebuild();
        return;
    case LessonController::Direction::Forward:
        break;
    }
    if (!m_enabled) {
        rebuild();
        return;
    }
    if (edited && current <= m_mirroredStep && current > 0) {
        // A free-mode action after Back: the controller inserted a step before the ones the
        // live pair already did. Renumber those and do the new one now.
        for (Observation &observation : m_observations) {
            if (observation.step >= current)
                ++observation.step;
        }
        QHash<int, Verb> verbs;
        for (auto it = m_stepVerbs.cbegin(); it != m_stepVerbs.cend(); ++it)
            verbs.insert(it.key() >= current ? it.key() + 1 : it.key(), it.value());
        m_stepVerbs = verbs;
        QHash<int, qint64> times;
        for (auto it = m_stepTimes.cbegin(); it != m_stepTimes.cend(); ++it)
            times.insert(it.key() >= current ? it.key() + 1 : it.key(), it.value());
        m_stepTimes = times;
        QHash<int, Side> sides;
        for (auto it = m_stepSides.cbegin(); it != m_stepSides.cend(); ++it)
            sides.insert(it.key() >= current ? it.key() + 1 : it.key(), it.value());
        m_stepSides = sides;
        ++m_mirroredStep;
        enqueue(current);
    } else {
        int queued = m_mirroredStep;
        for (const PendingStep &pending : m_queue)
            queued = std::max(queued, pending.step);
        for (int step = queued + 1; step <= current; ++step)
            enqueue(step);
    }
    processQueue();
    rebuild();
}

std::vector<Command> LiveMirror::commandsOfStep(int step) const
{
    return m_controller->stepCommands(step);
}

void LiveMirror::enqueue(int step)
{
    m_queue.push_back({step, commandsOfStep(step)});
}

void LiveMirror::processQueue()
{
    while (!m_settling && !m_queue.empty()) {
        const PendingStep pending = std::move(m_queue.front());
        m_queue.pop_front();
        m_stepTimes.insert(pending.step, m_session->elapsed());
        bool applicationCall = false;
        std::optional<Verb> action;
        for (const Command &command : pending.commands) {
            if (command.isCheck())
                continue; // a check of the model: nothing to do on the pair
            if (command.verb != Verb::Isn) {
                action = command.verb;
                m_stepSides.insert(pending.step, command.side);
            }
            applicationCall = applicationCall || command.isApplicationCall();
        }
        m_stepVerbs.insert(pending.step, action.value_or(Verb::Isn));
        m_mirroredStep = std::max(m_mirroredStep, pending.step);
        bool serverCommand = false;
        for (const Command &command : pending.commands) {
            if (!command.isCheck())
                m_session->perform(command, static_cast<std::size_t>(pending.step));
            serverCommand = serverCommand || (command.side == Side::Server && command.isApplicationCall());
        }
        // The calls the model's server program made in this step (not the lesson's own server
        // commands): the live program's threads make them now, so the kernel keeps step with
        // the lesson. Only while the controller still holds the step (not after Back).
        if (m_session->isProgramRunning() && !serverCommand && pending.step <= m_controller->currentStep()) {
            const auto &events = m_controller->simulation().events();
            const std::size_t end = std::min(events.size(), m_controller->eventCountAt(pending.step));
            for (std::size_t i = m_controller->eventCountAt(pending.step - 1); i < end; ++i) {
                if (events[i].kind == EventKind::Call && events[i].host == serverHost) {
                    m_session->performProgramCall(events[i]);
                    applicationCall = true;
                }
            }
        }
        if (applicationCall) {
            m_settling = true;
            m_observedSinceCheck = false;
            m_quietPasses = 0;
            m_quiet.start();
            m_cap.start(settleCapMs);
        }
    }
    scheduleRebuild();
    if (isIdle())
        emit idle();
}

void LiveMirror::checkSettled()
{
    if (!m_settling)
        return;
    // What the kernel shows now (its changes arrive as observations before this returns): exact
    // look-ups, and the port's rows only when the listener's queue says they changed.
    m_session->observer()->sampleTracked();
    if (m_observedSinceCheck) {
        m_observedSinceCheck = false;
        m_quietPasses = 0;
        m_quiet.start();
        return;
    }
    if (isPairInTransit()) {
        m_transit.start(); // look again in a moment (or at the next observation); the cap bounds it
        emit waitingOnKernel();
        return;
    }
    if (++m_quietPasses < quietPassesToSettle) {
        m_quiet.start();
        return;
    }
    finishSettling();
}

bool LiveMirror::isPairInTransit() const
{
    // Qt: a connect() or a close that has not finished.
    for (LiveSocket *socket : {m_session->client(), m_session->serverConnection()}) {
        if (!socket || !socket->socket())
            continue;
        const auto state = socket->socket()->state();
        if (state == QAbstractSocket::HostLookupState || state == QAbstractSocket::ConnectingState
            || state == QAbstractSocket::ClosingState)
            return true;
    }
    // The kernel: states loopback leaves without the application doing anything.
    if (!m_session->observer()->isAvailable())
        return false;
    for (Side side : {Side::Client, Side::Server}) {
        const std::optional<TcpState> state = m_session->kernelState(side);
        if (state == TcpState::SynSent || state == TcpState::SynReceived || state == TcpState::FinWait1
            || state == TcpState::Closing || state == TcpState::LastAck)
            return true;
    }
    return false;
}

void LiveMirror::finishSettling()
{
    m_quiet.stop();
    m_transit.stop();
    m_cap.stop();
    m_settling = false;
    processQueue();
}

void LiveMirror::onObserved(const Observation &observation)
{
    if (!m_enabled)
        return;
    if (observation.endpoint == Observation::Endpoint::Other) {
        m_outside.push_back(observation);
        if (m_outside.size() > std::size_t(maxOutsideObservations)) {
            m_outside.pop_front();
            ++m_outsideDropped;
        }
    } else {
        m_observations.append(observation);
    }
    // Connections from outside the lesson (a class's nc) do not hold the lesson's steps back.
    if (m_settling && observation.endpoint != Observation::Endpoint::Other) {
        m_observedSinceCheck = true;
        m_quiet.start();
    }
    scheduleRebuild();
}

void LiveMirror::scheduleRebuild()
{
    // While the pair catches up (steps queued, or settling) its rows wait, at most
    // catchUpRebuildMs: a rebuild in every event-loop pass would lay the log out again each time.
    // Idle: at the end of this pass.
    const int delay = isIdle() ? 0 : catchUpRebuildMs;
    if (!m_rebuildTimer.isActive() || m_rebuildTimer.remainingTime() > delay)
        m_rebuildTimer.start(delay);
}

std::vector<LiveMirror::ModelStep> LiveMirror::modelSteps() const
{
    // The model's state of each side after each step 0..current, from the events.
    const auto &events = m_controller->simulation().events();
    const std::vector<std::size_t> boundaries = m_controller->eventBoundaries();
    std::vector<ModelStep> steps(boundaries.size());
    ModelStep state;
    std::size_t event = 0;
    for (std::size_t step = 0; step < boundaries.size(); ++step) {
        state.clientChanged = false;
        state.serverChanged = false;
        for (; event < boundaries[step] && event < events.size(); ++event) {
            const Event &e = events[event];
            // The live pair is the first pair: client2's TIME-WAIT is not the live client's.
            if (e.kind != EventKind::Transition || !belongsToFirstPair(e))
                continue;
            if (e.side == Side::Client) {
                state.client = e.to;
                state.clientChanged = true;
            } else {
                state.server = e.to;
                state.serverChanged = true;
            }
        }
        steps[step] = state;
    }
    return steps;
}

QString LiveMirror::explain(Side side, const ModelStep &model, std::optional<TcpState> kernel, int step) const
{
    return explainState(side, side == Side::Client ? model.client : model.server, kernel, step);
}

std::optional<TcpState> LiveMirror::modelStateOf(const QString &name, int step) const
{
    const std::optional<SocketName> socket = parseSocketName(name.toStdString());
    if (!socket)
        return std::nullopt;
    const auto &events = m_controller->simulation().events();
    const std::size_t end = std::min(events.size(), m_controller->eventCountAt(step));
    TcpState state = TcpState::Closed;
    for (std::size_t i = 0; i < end; ++i) {
        const Event &e = events[i];
        if (e.kind != EventKind::Transition)
            continue;
        // server.client2: the server's connection with client2; client2: that host's socket.
        const bool match = socket->host == serverHost ? e.host == serverHost && e.peer == socket->peer
                                                      : e.host == socket->host;
        if (match)
            state = e.to;
    }
    return state;
}

QList<LiveMirror::NamedDifference> LiveMirror::otherDifferences() const
{
    QList<NamedDifference> differences;
    if (!m_enabled || !m_session->observer()->isAvailable())
        return differences;
    const int current = m_controller->currentStep();
    if (current == 0 || current != m_mirroredStep || !isIdle())
        return differences;
    // Each named socket's newest kernel state (nullopt: its entry is gone).
    QStringList names;
    QHash<QString, std::optional<TcpState>> kernel;
    for (const Observation &o : m_observations) {
        if (o.source != Observation::Source::Kernel || o.name.isEmpty()
            || (o.endpoint != Observation::Endpoint::LessonClient && o.endpoint != Observation::Endpoint::LessonServer))
            continue;
        if (!kernel.contains(o.name))
            names.append(o.name);
        const bool gone = !o.observed && o.tcpState == TcpState::Closed;
        kernel.insert(o.name, gone ? std::nullopt : o.tcpState);
    }
    for (const QString &name : std::as_const(names)) {
        const std::optional<TcpState> model = modelStateOf(name, current);
        if (!model)
            continue;
        const Side side = name.startsWith(QLatin1String("server")) ? Side::Server : Side::Client;
        const QString explanation = explainState(side, *model, kernel.value(name), current, name);
        if (!explanation.isEmpty())
            differences.append({name, explanation});
    }
    return differences;
}

QString LiveMirror::explainState(Side side, TcpState modelState, std::optional<TcpState> kernel, int step,
                                 const QString &name) const
{
    if (kernel.value_or(TcpState::Closed) == modelState)
        return {};
    Verb verb = stepVerb(step).value_or(Verb::Settle);
    if (!name.isEmpty() && (verb == Verb::Drop || verb == Verb::Timeout)) {
        // Only a drop or a timer of this socket's own host explains its difference.
        const std::optional<SocketName> socket = parseSocketName(name.toStdString());
        bool own = false;
        for (const Command &command : m_controller->stepCommands(step)) {
            const SocketName target = command.target();
            own = own || (socket && target.host == socket->host
                          && (socket->host != serverHost || target.peer == socket->peer));
        }
        if (!own)
            verb = Verb::Settle;
    }
    // The model's 2MSL timer fired while Linux keeps TIME-WAIT 60 s: that is the reason, not a
    // lost segment.
    if (verb == Verb::Timeout && kernel == TcpState::TimeWait && modelState == TcpState::Closed)
        verb = Verb::Settle;
    // The Linux profile's delayed-ACK timer: nothing was lost; the kernel's own timer fired too.
    if (verb == Verb::Timeout && step >= 1 && step <= m_controller->currentStep()) {
        const auto &events = m_controller->simulation().events();
        const std::size_t end = std::min(events.size(), m_controller->eventCountAt(step));
        for (std::size_t i = m_controller->eventCountAt(step - 1); i < end; ++i) {
            if (events[i].kind == EventKind::Timer && events[i].timer == TimerKind::DelayedAck)
                return tr("The model's delayed-ACK timer fired at this step; in real time the kernel had already "
                          "sent that ACK (when its own 40 ms timer fired, or earlier when the live application "
                          "read) and loopback delivered it at once, so the kernel is already further along. "
                          "Nothing was lost.");
        }
    }
    return live::explainDifference(side, modelState, kernel, verb);
}

QString LiveMirror::currentDifference(Side side) const
{
    if (!m_enabled || !m_session->observer()->isAvailable())
        return {};
    const int current = m_controller->currentStep();
    if (current == 0 || current != m_mirroredStep || !isIdle())
        return {};
    // Only once the kernel has shown this side at all (before connect() there is nothing to compare).
    const bool seen = std::any_of(m_observations.cbegin(), m_observations.cend(), [side](const Observation &o) {
        return o.source == Observation::Source::Kernel && sideOf(o.endpoint) == side;
    });
    if (!seen)
        return {};
    const std::vector<ModelStep> steps = modelSteps();
    return explain(side, steps.back(), m_session->kernelState(side), current);
}

void LiveMirror::rebuild()
{
    QList<TransitionLogRow> rows;
    if (m_enabled) {
        const int current = m_controller->currentStep();
        const std::vector<ModelStep> model = modelSteps();
        // Per endpoint (and tuple, for outside connections), the last state shown, for "from".
        QHash<QString, QString> lastQt;
        QHash<QString, QString> lastKernel;
        struct KernelSide {
            std::optional<TcpState> state; // nullopt: no entry in the table (gone)
            bool seen = false;
            qint64 since = 0;               // when it entered that state
        };
        KernelSide kernel[2];

        // Which sides got a kernel row in a step: the others may need a "still" row.
        struct KernelRows {
            bool client = false;
            bool server = false;
            bool has(Side side) const { return side == Side::Client ? client : server; }
        };
        auto flush = [&](int step, KernelRows seen) {
            // "Still" rows: a side whose model state changed in this step (or any application
            // call) while its kernel state did not.
            if (step < 1 || step > current || !m_stepVerbs.contains(step))
                return;
            const ModelStep &atStep = model[static_cast<std::size_t>(step)];
            const bool applicationCall = isApplicationVerb(m_stepVerbs.value(step));
            for (Side side : {Side::Client, Side::Server}) {
                const KernelSide &known = kernel[side == Side::Client ? 0 : 1];
                const bool hadRow = seen.has(side);
                const bool changed = side == Side::Client ? atStep.clientChanged : atStep.serverChanged;
                if (hadRow || !known.seen || !(changed || applicationCall))
                    continue;
                TransitionLogRow row;
                row.live = true;
                row.step = step;
                row.timeMs = quint64(m_stepTimes.value(step));
                row.side = side;
                row.endpoint = side == Side::Client ? tr("client") : tr("server");
                row.source = TransitionLogModel::kernelSource();
                row.to = known.state ? stateText(*known.state) : QStringLiteral("CLOSED");
                if (!known.state) {
                    row.qualifier = tr("no entry");
                    row.cause = tr("nothing left in the kernel's table");
                } else if (*known.state == TcpState::TimeWait) {
                    row.qualifier = tr("still");
                    const double seconds = double(m_stepTimes.value(step) - known.since) / 1000.0;
                    row.cause = tr("in TIME-WAIT for %1 s; Linux keeps it 60 s").arg(seconds, 0, 'f', 1);
                } else if (*known.state == TcpState::CloseWait) {
                    row.qualifier = tr("held");
                    row.cause = tr("held: this side's application has not called close() yet");
                } else {
                    row.qualifier = tr("still");
                    row.cause = tr("no change in the kernel at this step");
                }
                row.detail = tr("The kernel's state did not change at this step.");
                row.warning = explain(side, atStep, known.state, step);
                rows.append(row);
            }
        };

        int step = -1;
        KernelRows seen;
        auto addRow = [&](const Observation &observation, int at, bool outside) {
            const std::optional<Side> side = sideOf(observation.endpoint);
            const QString key = QString::number(int(observation.endpoint))
                + (side ? QString() : observation.tuple.toString());
            TransitionLogRow row;
            row.live = true;
            row.step = at;
            row.timeMs = quint64(std::max<qint64>(0, observation.timeMs));
            row.side = side;
            row.endpoint = observation.name.isEmpty() ? endpointText(observation.endpoint) : observation.name;
            QString previous; // the endpoint's state before this one (tooltip)
            const QString where = whereText(observation);
            row.detail = where.isEmpty() ? observation.detail
                                         : observation.detail.isEmpty() ? where
                                                                        : observation.detail + QLatin1Char('\n') + where;
            switch (observation.source) {
            case Observation::Source::Qt:
                row.source = TransitionLogModel::qtSource();
                row.to = observation.state;
                if (!isQtError(observation.state)) {
                    previous = lastQt.value(key);
                    lastQt.insert(key, observation.state);
                }
                row.cause = observation.detail;
                break;
            case Observation::Source::Kernel: {
                row.source = TransitionLogModel::kernelSource();
                previous = lastKernel.value(key);
                row.to = observation.state;
                lastKernel.insert(key, observation.state);
                const bool gone = !observation.observed && observation.tcpState == TcpState::Closed;
                row.qualifier = gone ? tr("entry gone") : observation.observed ? tr("observed") : tr("inferred");
                row.cause = observation.detail;
                if (side) {
                    KernelSide &known = kernel[*side == Side::Client ? 0 : 1];
                    const std::optional<TcpState> state = gone ? std::nullopt : observation.tcpState;
                    if (!known.seen || known.state != state)
                        known.since = observation.timeMs;
                    known.state = state;
                    known.seen = true;
                    (*side == Side::Client ? seen.client : seen.server) = true;
                    if (at >= 1 && at <= current && m_stepVerbs.contains(at) && (gone || observation.tcpState))
                        row.warning = explain(*side, model[static_cast<std::size_t>(at)], state, at);
                } else if (!outside && !observation.name.isEmpty() && at >= 1 && at <= current && m_stepVerbs.contains(at)
                           && (gone || observation.tcpState)) {
                    // client2, server.client2: compared with the model's state of that socket.
                    const std::optional<TcpState> state = gone ? std::nullopt : observation.tcpState;
                    if (const std::optional<TcpState> modelState = modelStateOf(observation.name, at)) {
                        const Side named = observation.endpoint == Observation::Endpoint::LessonServer ? Side::Server
                                                                                                        : Side::Client;
                        row.warning = explainState(named, *modelState, state, at, observation.name);
                    }
                }
                break;
            }
            case Observation::Source::Note: {
                row.source = TransitionLogModel::liveSource();
                row.to = observation.state; // what the live pair set, if anything ("TCP_SYNCNT 2")
                const bool simulationOnly = !isApplicationVerb(m_stepVerbs.value(at, Verb::Settle));
                if (simulationOnly && at >= 1 && observation.endpoint == Observation::Endpoint::None) {
                    row.to = tr("simulation only");
                    if (m_stepSides.contains(at)) {
                        row.side = m_stepSides.value(at);
                        row.endpoint = *row.side == Side::Client ? tr("client") : tr("server");
                    }
                }
                row.cause = observation.detail;
                break;
            }
            }
            if (!previous.isEmpty())
                row.detail = tr("%1 → %2").arg(previous, observation.state) + QLatin1Char('\n') + row.detail;
            row.outside = outside;
            if (at <= current || outside)
                rows.append(row);
        };
        for (const Observation &observation : std::as_const(m_observations)) {
            const int at = std::max(0, observation.step);
            if (at != step) {
                flush(step, seen);
                step = at;
                seen = {};
            }
            addRow(observation, at, false);
        }
        flush(step, seen);
        // Steps done since without any observation still get their "still" rows.
        for (int later = std::max(step + 1, 1); later <= std::min(current, m_mirroredStep); ++later)
            flush(later, KernelRows{});
        // Connections from outside the lesson: the newest few, the others counted in one row.
        if (m_outsideDropped > 0 && !m_outside.empty()) {
            TransitionLogRow summary;
            summary.live = true;
            summary.step = std::min(current, std::max(0, m_outside.front().step));
            summary.source = TransitionLogModel::liveSource();
            summary.endpoint = endpointText(Observation::Endpoint::Other);
            summary.cause = tr("%n earlier observation(s) of connections from outside the lesson not shown", "",
                               int(std::min<qint64>(m_outsideDropped, std::numeric_limits<int>::max())));
            summary.outside = true;
            rows.append(summary);
        }
        // Under their own heading (the log puts them after the lesson's steps): what a class's
        // nc does is not the doing of the step that happened to be current.
        for (const Observation &observation : m_outside)
            addRow(observation, std::max(0, observation.step), true);
    }
    // Off, the log has no live rows to replace: a step must not touch every row of a long log.
    if (rows.isEmpty() && m_rows.isEmpty())
        return;
    m_rows = rows;
    emit rowsChanged();
}
