// SPDX-License-Identifier: GPL-3.0-or-later
#include "tcpsim/session/lessoncontroller.h"

#include "tcpsim/model/echo.h"
#include "tcpsim/session/socketactions.h"

#include <algorithm>

using namespace tcpsim;

namespace Commands {
Command make(Verb verb, Side side, std::string data)
{
    Command command;
    command.verb = verb;
    command.side = side;
    command.data = std::move(data);
    return command;
}

Command dropSegment(Side side, std::uint64_t id)
{
    Command command = make(Verb::Drop, side);
    command.segmentId = id;
    return command;
}
} // namespace Commands

namespace {
bool isSetting(const Command &command)
{
    return command.verb == Verb::Isn;
}

// The line of a lesson's first command in its own text (Lesson::toText: header lines, a blank).
int firstCommandLine(const Lesson &lesson)
{
    Lesson header;
    header.title = lesson.title;
    header.titleZh = lesson.titleZh;
    header.note = lesson.note;
    header.noteZh = lesson.noteZh;
    header.profile = lesson.profile;
    const std::string text = header.toText();
    return static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
}

// The lesson's commands sit on the lines File > Save writes them to.
bool hasOwnTextLines(const Lesson &lesson, int first)
{
    for (std::size_t i = 0; i < lesson.commands.size(); ++i) {
        if (lesson.commands[i].line != first + static_cast<int>(i) || lesson.commands[i].column != 1)
            return false;
    }
    return true;
}

// What the simulation's configuration takes from the lesson (ScriptRunner's configFor).
bool sameConfiguration(const Lesson &a, const Lesson &b)
{
    return a.hasAccept() == b.hasAccept() && a.usesSockets() == b.usesSockets()
        && a.runsServerProgram() == b.runsServerProgram() && a.profile == b.profile;
}
} // namespace

LessonController::LessonController(QObject *parent)
    : QObject(parent), m_lesson(std::make_shared<const Lesson>()), m_runner(m_lesson)
{
    setLesson(Lesson{});
}

SimulationConfig LessonController::configFor(const Lesson &lesson) const
{
    SimulationConfig config = m_baseConfig;
    config.autoAccept = !lesson.hasAccept();
    return config;
}

void LessonController::setLesson(Lesson lesson)
{
    restart(std::move(lesson));
    emit lessonChanged();
    emit stepped(Direction::Reset);
}

void LessonController::restart(Lesson lesson)
{
    m_lesson = std::make_shared<const Lesson>(std::move(lesson));
    computeGroups();
    m_runner = ScriptRunner(m_lesson, configFor(*m_lesson));
    m_checkpoints.assign(1, m_runner);
    // Room for the log and the per-step arrays reserved up front, not touched: a vector that
    // doubles copies itself in one step (12 ms at 8,192 events here, most of it page faults);
    // reserved, each step touches only what it adds. Four events a command: an exchange of the
    // long lesson makes two, and room never touched costs address space, not memory.
    const std::size_t steps = std::min<std::size_t>(m_lesson->commands.size() + 1, maxReservedSteps);
    std::vector<Event> log = m_runner.takeEvents();
    log.reserve(4 * steps);
    m_runner.restoreTakenEvents(std::move(log));
    m_eventCounts.clear();
    m_eventCounts.reserve(steps);
    m_eventCounts.push_back(0);
    m_reports.clear();
    m_reports.reserve(steps);
    m_reports.push_back(StepReport{});
    m_current = 0;
}

void LessonController::computeGroups()
{
    // A step holds one command that does something (a call, a delivery, a timer, a crafted
    // segment), the `isn` settings before it and the `expect` checks after it.
    m_groups.clear();
    const auto &commands = m_lesson->commands;
    Group group;
    bool hasAction = false;
    for (std::size_t i = 0; i < commands.size(); ++i) {
        const Command &command = commands[i];
        const bool action = !command.isCheck() && !isSetting(command);
        const bool startsNext = hasAction && (action || isSetting(command));
        if (startsNext) {
            group.end = i;
            m_groups.push_back(group);
            group = Group{i, i};
            hasAction = false;
        }
        hasAction = hasAction || action;
    }
    group.end = commands.size();
    if (group.end > group.begin) {
        if (!hasAction && !m_groups.empty())
            m_groups.back().end = group.end; // trailing checks belong to the last step
        else
            m_groups.push_back(group);
    }
}

std::size_t LessonController::eventCountAt(int step) const
{
    step = qBound(0, step, m_current);
    return m_eventCounts[static_cast<std::size_t>(step)];
}

std::vector<std::size_t> LessonController::eventBoundaries() const
{
    return {m_eventCounts.begin(), m_eventCounts.begin() + m_current + 1};
}

LessonController::StepReport LessonController::reportAt(int step) const
{
    if (step < 0 || step >= static_cast<int>(m_reports.size()) || step > m_current)
        return {};
    return m_reports[static_cast<std::size_t>(step)];
}

QString LessonController::stepScript(int step) const
{
    if (step < 1 || step > stepCount())
        return {};
    const Group &group = m_groups[static_cast<std::size_t>(step - 1)];
    QStringList lines;
    for (std::size_t i = group.begin; i < group.end; ++i)
        lines.append(QString::fromStdString(m_lesson->commands[i].toScriptLine()));
    return lines.join(QLatin1Char('\n'));
}

std::vector<Command> LessonController::stepCommands(int step) const
{
    if (step < 1 || step > stepCount())
        return {};
    const Group &group = m_groups[static_cast<std::size_t>(step - 1)];
    const auto begin = m_lesson->commands.begin();
    return {begin + static_cast<std::ptrdiff_t>(group.begin), begin + static_cast<std::ptrdiff_t>(group.end)};
}

bool LessonController::canStepForward() const
{
    return !isAtLessonEnd() || SocketActions::nextNetworkStep(simulation()).has_value();
}

void LessonController::runStep()
{
    const auto index = static_cast<std::size_t>(m_current);
    StepReport report;
    const Group &group = m_groups[index];
    while (m_runner.position() < group.end && !m_runner.atEnd()) {
        const std::size_t before = m_runner.position();
        const ScriptRunner::StepResult result = m_runner.step();
        const QString message = QString::fromStdString(result.message);
        if (result.status == ScriptRunner::Status::ExpectFailed)
            report.failedExpectations.append(message);
        else if (result.status == ScriptRunner::Status::RuntimeError)
            report.errors.append(message);
        if (m_runner.position() == before)
            break; // a runner that cannot move on must not hang the window
    }
    ++m_current;
    // The model is deterministic: a step run again (after Back) reports and counts the same.
    const auto current = static_cast<std::size_t>(m_current);
    if (m_eventCounts.size() <= current) {
        m_eventCounts.push_back(m_runner.simulation().eventCount());
        m_reports.push_back(std::move(report));
    }
    if (m_current % checkpointInterval == 0
        && m_checkpoints.size() <= static_cast<std::size_t>(m_current / checkpointInterval)) {
        // The checkpoint is the state only: the log is lent out while it is copied, not copied.
        std::vector<Event> log = m_runner.takeEvents();
        m_checkpoints.push_back(m_runner);
        m_runner.restoreTakenEvents(std::move(log));
    }
}

void LessonController::rewindTo(int step)
{
    Q_ASSERT(step >= 0 && step <= m_current);
    if (step == m_current)
        return;
    // The events up to `step` are a prefix of the current log: keep those of the steps before
    // the checkpoint, replay the rest.
    std::vector<Event> earlier = m_runner.takeEvents();
    const int checkpointIndex = step / checkpointInterval;
    earlier.resize(m_eventCounts[static_cast<std::size_t>(checkpointIndex * checkpointInterval)]);
    m_runner = m_checkpoints[static_cast<std::size_t>(checkpointIndex)];
    m_current = checkpointIndex * checkpointInterval;
    while (m_current < step)
        runStep();
    m_runner.restoreTakenEvents(std::move(earlier));
}

void LessonController::stepForward()
{
    if (isAtLessonEnd()) {
        // Free play: the next thing the network or a timer would do, on any host.
        if (const auto next = SocketActions::nextNetworkStep(simulation()))
            perform(*next);
        return;
    }
    runStep();
    emit stepped(Direction::Forward);
    applyAutoReply();
}

void LessonController::stepBack()
{
    if (m_current == 0)
        return;
    rewindTo(m_current - 1);
    emit stepped(Direction::Backward);
}

void LessonController::reset()
{
    rewindTo(0);
    emit stepped(Direction::Reset);
}

void LessonController::goToStep(int step)
{
    step = qBound(0, step, stepCount());
    if (step == m_current)
        return;
    const bool forward = step > m_current;
    if (forward) {
        while (m_current < step)
            runStep();
    } else {
        rewindTo(step);
    }
    emit stepped(forward ? Direction::Forward : Direction::Backward);
}

bool LessonController::insertAndRun(const Command &command, std::size_t at)
{
    // The lesson's lines must already be those of its text, so that the events of the steps
    // run so far name the same lines as a run of the new lesson from the start would.
    const int first = firstCommandLine(*m_lesson);
    if (!hasOwnTextLines(*m_lesson, first))
        return false;
    // The command as its script line reads back (what the text round trip below gives).
    auto one = parseLesson(command.toScriptLine(), m_lesson->file);
    const auto *parsed = std::get_if<Lesson>(&one);
    if (!parsed || parsed->commands.size() != 1 || parsed->commands.front().column != 1)
        return false;
    auto lesson = std::make_shared<Lesson>(*m_lesson);
    auto &commands = lesson->commands;
    commands.insert(commands.begin() + static_cast<std::ptrdiff_t>(at), parsed->commands.front());
    for (std::size_t i = at; i < commands.size(); ++i)
        commands[i].line = first + static_cast<int>(i);
    if (!sameConfiguration(*m_lesson, *lesson))
        return false;
    // The commands before `at` are the same: the run so far and its checkpoints stay, they read
    // their next commands from the new lesson; what was kept for later steps is forgotten.
    m_lesson = std::move(lesson);
    computeGroups();
    m_runner.rebase(m_lesson);
    const auto checkpoints = static_cast<std::size_t>(m_current / checkpointInterval) + 1;
    if (m_checkpoints.size() > checkpoints)
        m_checkpoints.erase(m_checkpoints.begin() + static_cast<std::ptrdiff_t>(checkpoints), m_checkpoints.end());
    for (ScriptRunner &checkpoint : m_checkpoints)
        checkpoint.rebase(m_lesson);
    m_eventCounts.resize(static_cast<std::size_t>(m_current) + 1);
    m_reports.resize(static_cast<std::size_t>(m_current) + 1);
    runStep();
    return true;
}

void LessonController::perform(const Command &command)
{
    const std::size_t at = isAtLessonEnd() ? m_lesson->commands.size()
                                           : m_groups[static_cast<std::size_t>(m_current)].begin;
    if (insertAndRun(command, at)) {
        emit lessonChanged();
        emit stepped(Direction::Forward);
        applyAutoReply();
        return;
    }
    // The first action on a lesson read from a file with comments or blank lines: its lines
    // change to those of the text, and the steps so far run again with them.
    Lesson lesson = *m_lesson;
    lesson.commands.insert(lesson.commands.begin() + static_cast<std::ptrdiff_t>(at), command);
    // Round trip through the script text, so line numbers match what File > Save writes.
    auto reparsed = parseLesson(lesson.toText(), lesson.file);
    if (auto *parsed = std::get_if<Lesson>(&reparsed)) {
        parsed->file = lesson.file;
        lesson = std::move(*parsed);
    }
    const int keep = m_current;
    restart(std::move(lesson));
    while (m_current < keep)
        runStep();
    runStep();
    emit lessonChanged();
    emit stepped(Direction::Forward);
    applyAutoReply();
}

bool LessonController::dropSegment(Side from, std::uint64_t id)
{
    const auto &queue = simulation().inFlight(from);
    const bool inFlight = std::any_of(queue.begin(), queue.end(),
                                      [id](const Segment &segment) { return segment.id == id; });
    if (id == 0 || !inFlight)
        return false;
    perform(Commands::dropSegment(from, id));
    return true;
}

void LessonController::applyAutoReply()
{
    // A server program (`server run`) answers by itself.
    if (!m_autoReply || !isAtLessonEnd() || simulation().serverProgram())
        return;
    const auto &events = simulation().events();
    for (std::size_t i = eventCountAt(m_current - 1); i < events.size(); ++i) {
        const Event &event = events[i];
        if (event.kind == EventKind::Return && event.side == Side::Server && event.call == Call::Recv
            && !event.text.empty()) {
            perform(Commands::make(Verb::Send, Side::Server, echoReply(event.text)));
            return;
        }
    }
}
