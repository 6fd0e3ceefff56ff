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
    const std::string side(sideName(command.side));
    const auto runtimeError = [&](std::string message) {
        ScriptError error{m_lesson->file, command.line, command.column, std::move(message)};
        return StepResult{Status::RuntimeError, error.toString(), error};
    };

    switch (command.verb) {
    case Verb::Isn: m_simulation.setIsn(command.side, command.number); break;
    case Verb::Listen: m_simulation.listen(command.side); break;
    case Verb::Connect: m_simulation.connect(command.side); break;
    case Verb::Accept: m_simulation.accept(command.side); break;
    case Verb::Send: m_simulation.send(command.side, command.data); break;
    case Verb::Close: m_simulation.close(command.side); break;
    case Verb::Abort: m_simulation.abort(command.side); break;
    case Verb::Receive: m_simulation.inject(command.side, segmentFrom(command.pattern)); break;
    case Verb::Deliver:
        if (!m_simulation.deliver(command.side))
            return runtimeError("deliver: nothing in flight from the " + side);
        break;
    case Verb::Drop:
        if (command.segmentId) {
            const auto &queue = m_simulation.inFlight(command.side);
            const bool inFlight = std::any_of(queue.begin(), queue.end(), [&](const Segment &segment) {
                return segment.id == *command.segmentId;
            });
            if (!inFlight || !m_simulation.dropById(*command.segmentId))
                return runtimeError("drop: segment #" + std::to_string(*command.segmentId)
                                    + " is not in flight from the " + side);
        } else if (!m_simulation.drop(command.side)) {
            return runtimeError("drop: nothing in flight from the " + side);
        }
        break;
    case Verb::Timeout:
        if (!m_simulation.fireTimer(command.side))
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
        return check(command);
    }
    return {Status::Ok, {}, std::nullopt};
}

ScriptRunner::StepResult ScriptRunner::check(const Command &command)
{
    const std::string side(sideName(command.side));
    std::string expected;
    std::string got;
    bool passed = false;
    if (command.verb == Verb::ExpectState) {
        const TcpState actual = m_simulation.endpoint(command.side).state();
        passed = actual == command.state;
        expected = side + ' ' + std::string(stateName(command.state));
        got = side + ' ' + std::string(stateName(actual));
    } else {
        const auto &inFlight = m_simulation.inFlight(command.side);
        got = side + " sent " + (inFlight.empty() ? std::string("nothing") : describeSegment(inFlight.front(), command.pattern));
        if (command.verb == Verb::ExpectNothing) {
            passed = inFlight.empty();
            expected = side + " sent nothing";
        } else {
            passed = !inFlight.empty() && command.pattern.matches(inFlight.front());
            expected = side + " sent " + command.pattern.toString();
        }
    }
    const std::string failure = "expected " + expected + ", got " + got;
    m_simulation.recordExpect(command.side, passed ? Verdict::Passed : Verdict::Failed,
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
