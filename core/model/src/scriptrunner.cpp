// SPDX-License-Identifier: GPL-3.0-or-later
// The script runner: applies a lesson's commands one at a time to a Simulation and checks its
// `expect` lines against what the simulation holds now (never against old events).
#include "tcpsim/model/scriptrunner.h"

#include <algorithm>

namespace tcpsim {

namespace {

// What was in flight, with the window too when the expectation named one.
std::string describeSegment(const Segment &segment, const SegmentPattern &expected)
{
    std::string text = flagsToString(segment.flags) + " seq=" + std::to_string(segment.seq);
    if (segment.has(Ack))
        text += " ack=" + std::to_string(segment.ack);
    text += " len=" + std::to_string(segment.data.size());
    if (expected.window)
        text += " win=" + std::to_string(segment.window);
    return text;
}

SimulationConfig configFor(const Lesson &lesson, SimulationConfig config)
{
    // A lesson that never accepts has the application accept as soon as it can.
    config.autoAccept = !lesson.hasAccept();
    // The lesson's `# profile:` header, unless the teacher chose one for every lesson.
    if (lesson.profile && !config.profileOverridesLesson)
        config.profile = *lesson.profile;
    config.socketDetail = lesson.usesSockets();
    // Data waits unread in the receive buffer until the program's recv() (issue 11 §3).
    config.programReads = lesson.runsServerProgram();
    return config;
}

Segment segmentFrom(const SegmentPattern &pattern)
{
    Segment segment;
    segment.flags = pattern.flags;
    segment.seq = pattern.seq.value_or(0);
    segment.ack = pattern.ack.value_or(0);
    segment.data = pattern.data.value_or(std::string{});
    if (pattern.window)
        segment.window = *pattern.window;
    return segment;
}
} // namespace

ScriptRunner::ScriptRunner(Lesson lesson, SimulationConfig config)
    : ScriptRunner(std::make_shared<const Lesson>(std::move(lesson)), config)
{
}

ScriptRunner::ScriptRunner(std::shared_ptr<const Lesson> lesson, SimulationConfig config)
    : m_lesson(lesson ? std::move(lesson) : std::make_shared<const Lesson>()),
      m_simulation(configFor(*m_lesson, config))
{
}

ScriptRunner::StepResult ScriptRunner::step()
{
    if (atEnd())
        return {Status::Finished, {}, std::nullopt};
    const Command &command = m_lesson->commands[m_position];
    m_simulation.setOrigin(command.line, m_position);
    ++m_position;
    const SocketName target = command.target();
    const std::string side = target.toString();
    const auto runtimeError = [&](std::string message) {
        ScriptError error{m_lesson->file, command.line, command.column, std::move(message)};
        return StepResult{Status::RuntimeError, error.toString(), error};
    };

    switch (command.verb) {
    case Verb::Isn: m_simulation.setIsn(target, command.number); break;
    case Verb::Socket: m_simulation.socket(target); break;
    case Verb::Bind: m_simulation.bind(target, command.port); break;
    case Verb::Setsockopt: m_simulation.setReuseAddress(target); break;
    case Verb::Set: applySetting(command); break;
    case Verb::Listen: m_simulation.listen(target, command.backlog); break;
    case Verb::Connect: m_simulation.connect(target); break;
    case Verb::Accept: m_simulation.accept(target); break;
    case Verb::Send: m_simulation.send(target, command.data); break;
    case Verb::Close: m_simulation.close(target); break;
    case Verb::Abort: m_simulation.abort(target); break;
    case Verb::Run:
        if (const auto design = parseServerDesign(command.name))
            m_simulation.runServer(*design);
        break;
    case Verb::Receive: m_simulation.inject(target, segmentFrom(command.pattern)); break;
    case Verb::Deliver:
        if (!m_simulation.deliver(target))
            return runtimeError("deliver: nothing in flight from the " + side);
        break;
    case Verb::Drop:
        if (command.segmentId) {
            const auto &queue = m_simulation.inFlightFrom(target.host);
            const bool inFlight = std::any_of(queue.begin(), queue.end(), [&](const Segment &segment) {
                return segment.id == *command.segmentId;
            });
            if (!inFlight || !m_simulation.dropById(*command.segmentId))
                return runtimeError("drop: segment #" + std::to_string(*command.segmentId)
                                    + " is not in flight from the " + side);
        } else if (!m_simulation.drop(target)) {
            return runtimeError("drop: nothing in flight from the " + side);
        }
        break;
    case Verb::Timeout:
        if (!m_simulation.fireTimer(target))
            return runtimeError("timeout: the " + side + " has no timer pending");
        break;
    case Verb::Settle:
        if (!m_simulation.settle(maxSettleDeliveries))
            return runtimeError("settle: segments still in flight after " + std::to_string(maxSettleDeliveries)
                                + " deliveries");
        break;
    case Verb::ExpectState:
    case Verb::ExpectSent:
    case Verb::ExpectNothing:
    case Verb::ExpectQueue:
    case Verb::ExpectDescriptor:
    case Verb::ExpectCounter:
    case Verb::ExpectUnread:
        return check(command);
    }
    return {Status::Ok, {}, std::nullopt};
}

void ScriptRunner::applySetting(const Command &command)
{
    // Read at the call that uses it, as Linux reads its sysctls.
    SimulationConfig &config = m_simulation.mutableConfig();
    const int value = static_cast<int>(command.value);
    if (command.name == "somaxconn")
        config.somaxconn = value;
    else if (command.name == "tcp_max_syn_backlog")
        config.maxSynBacklog = value;
    else if (command.name == "tcp_abort_on_overflow")
        config.abortOnOverflow = value != 0;
    else if (command.name == "tcp_syncookies")
        config.synCookies = value != 0;
    else if (command.name == "tcp_syn_retries")
        config.synRetries = value;
    else if (command.name == "tcp_synack_retries")
        config.synAckRetries = value;
}

std::string ScriptRunner::descriptorHolder(HostId host, int fd) const
{
    const Socket *socket = m_simulation.descriptor(host, fd);
    if (!socket)
        return "free";
    if (socket->kind == SocketKind::Listener)
        return "listener";
    if (socket->kind == SocketKind::Unconnected || socket->peer == noHost)
        return "socket";
    return hostName(socket->peer);
}

ScriptRunner::StepResult ScriptRunner::check(const Command &command)
{
    const SocketName target = command.target();
    const std::string side = target.toString();
    std::string expected;
    std::string got;
    bool passed = false;
    if (command.verb == Verb::ExpectState) {
        const TcpState actual = m_simulation.endpoint(target).state();
        passed = actual == command.state;
        expected = side + ' ' + std::string(stateName(command.state));
        got = side + ' ' + std::string(stateName(actual));
    } else if (command.verb == Verb::ExpectQueue) {
        const Socket *named = m_simulation.socketNamed(target);
        const Socket *listener = named && named->kind == SocketKind::Listener
            ? named
            : m_simulation.socketNamed(SocketName::listenerOf(target.host));
        const int syn = listener ? int(listener->synQueue.size()) : 0;
        const int accept = listener ? int(listener->acceptQueue.size()) : 0;
        passed = command.synQueue.value_or(syn) == syn && command.acceptQueue.value_or(accept) == accept;
        expected = command.toScriptLine().substr(7);
        got = side + " queue syn=" + std::to_string(syn) + " accept=" + std::to_string(accept);
    } else if (command.verb == Verb::ExpectDescriptor) {
        const std::string holder = descriptorHolder(target.host, int(command.value));
        passed = holder == command.name;
        expected = command.toScriptLine().substr(7);
        got = hostName(target.host) + " fd " + std::to_string(command.value) + ' ' + holder;
    } else if (command.verb == Verb::ExpectUnread) {
        const std::size_t actual = m_simulation.unreadBytes(target);
        passed = actual == command.value;
        expected = command.toScriptLine().substr(7);
        got = side + " unread " + std::to_string(actual);
    } else if (command.verb == Verb::ExpectCounter) {
        const ListenCounters &counters = m_simulation.counters(target.host);
        const std::uint64_t actual = command.name == "ListenOverflows" ? counters.listenOverflows
            : command.name == "ListenDrops"                            ? counters.listenDrops
                                                                       : counters.synCookiesSent;
        passed = actual == command.value;
        expected = command.toScriptLine().substr(7);
        got = side + " counter " + command.name + '=' + std::to_string(actual);
    } else {
        const Segment *oldest = m_simulation.oldestInFlight(target);
        got = side + " sent " + (oldest ? describeSegment(*oldest, command.pattern) : std::string("nothing"));
        if (command.verb == Verb::ExpectNothing) {
            passed = !oldest;
            expected = side + " sent nothing";
        } else {
            passed = oldest && command.pattern.matches(*oldest);
            expected = side + " sent " + command.pattern.toString();
        }
    }
    const std::string failure = "expected " + expected + ", got " + got;
    m_simulation.recordExpect(target, passed ? Verdict::Passed : Verdict::Failed,
                              passed ? expected : failure);
    if (passed)
        return {Status::Ok, {}, std::nullopt};
    ++m_failedExpectations;
    return {Status::ExpectFailed, m_lesson->file + ':' + std::to_string(command.line) + ": " + failure, std::nullopt};
}

ScriptRunner::StepResult ScriptRunner::runToEnd()
{
    std::optional<StepResult> firstFailure;
    while (!atEnd()) {
        StepResult result = step();
        if (result.status == Status::RuntimeError)
            return result;
        if (result.status == Status::ExpectFailed && !firstFailure)
            firstFailure = std::move(result);
    }
    return firstFailure ? *firstFailure : StepResult{Status::Finished, {}, std::nullopt};
}

} // namespace tcpsim
