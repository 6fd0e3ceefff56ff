// SPDX-License-Identifier: GPL-3.0-or-later
// Steps a lesson forwards and backwards. One step is one script command; `expect` checks run
// with the command before them and `isn` settings with the command after them. Back is exact
// and memory stays linear in the lesson: the lesson is shared read-only, the current runner
// holds the one event log, and every `checkpointInterval` steps a copy of the runner without its
// events is kept; Back restores the nearest checkpoint, replays (the model is deterministic) and
// hands it the earlier events back.
#pragma once

#include "tcpsim/model/script.h"

#include <QObject>
#include <QStringList>

#include <cstdint>
#include <memory>
#include <span>
#include <deque>
#include <vector>

class LessonController : public QObject
{
    Q_OBJECT

public:
    enum class Direction { Forward, Backward, Reset };
    Q_ENUM(Direction)

    // What a step reported: failed expectations and runtime errors, as "FILE:LINE: ..." lines.
    struct StepReport {
        QStringList failedExpectations;
        QStringList errors;
    };

    explicit LessonController(QObject *parent = nullptr);

    void setLesson(tcpsim::Lesson lesson); // back to step 0
    // What every lesson starts from (seed, MSL, ...); a lesson without `accept` steps gets
    // auto-accept on top. Takes effect at the next setLesson().
    void setBaseConfig(const tcpsim::SimulationConfig &config) { m_baseConfig = config; }
    const tcpsim::SimulationConfig &baseConfig() const { return m_baseConfig; }
    const tcpsim::Lesson &lesson() const { return *m_lesson; }

    // Steps between two kept checkpoints (Back replays at most this many steps).
    static constexpr int checkpointInterval = 32;

    int stepCount() const { return static_cast<int>(m_groups.size()); }
    int currentStep() const { return m_current; }
    bool canStepForward() const;
    bool canStepBack() const { return m_current > 0; }
    bool isAtLessonEnd() const { return m_current >= stepCount(); }

    // The simulation after the current step; its events() are every event up to that step.
    const tcpsim::Simulation &simulation() const { return m_runner.simulation(); }
    // Number of events the simulation had after `step` steps (0 <= step <= currentStep()).
    std::size_t eventCountAt(int step) const;
    // Events [eventCountAt(s-1), eventCountAt(s)) belong to step s (1-based).
    std::vector<std::size_t> eventBoundaries() const;
    // The same without a copy, valid until the next step (per-step callers of a long lesson).
    std::span<const std::size_t> eventBoundaryView() const
    {
        return {m_eventCounts.data(), static_cast<std::size_t>(m_current) + 1};
    }
    StepReport reportAt(int step) const;
    // The script lines of step `step` (1-based), joined with newlines.
    QString stepScript(int step) const;
    // The commands of step `step` (1-based), with their lines in the lesson.
    std::vector<tcpsim::Command> stepCommands(int step) const;

    // When data reaches the server application at the end of the lesson, the server answers
    // "Hello, <message>" (the seed notes' echo server).
    bool autoReply() const { return m_autoReply; }
    void setAutoReply(bool on) { m_autoReply = on; }

public slots:
    // Runs the next step. At the end of the lesson with segments in flight, appends a
    // `deliver` for the oldest one first (free play goes on with the Space bar).
    void stepForward();
    void stepBack();
    void reset();
    void goToStep(int step);
    // Free mode: inserts the command at the current position and runs it.
    void perform(const tcpsim::Command &command);
    // Clicking an in-flight arrow: records `client drop #3` (the segment's global id) at the
    // current position and runs it. False, and nothing recorded, when that segment is not in
    // flight from `from` now.
    bool dropSegment(tcpsim::Side from, std::uint64_t id);

signals:
    void stepped(LessonController::Direction direction);
    void lessonChanged();

private:
    struct Group {
        std::size_t begin = 0;
        std::size_t end = 0;
    };
    void computeGroups();
    // Takes `lesson` and goes back to its start: one snapshot, no reports.
    void restart(tcpsim::Lesson lesson);
    // perform() without running the lesson again: false when that would not give the same run.
    bool insertAndRun(const tcpsim::Command &command, std::size_t at);
    void runStep(); // m_current -> m_current + 1, keeping its event count and report
    void rewindTo(int step); // step < m_current: from the nearest checkpoint, exactly
    void applyAutoReply();
    tcpsim::SimulationConfig configFor(const tcpsim::Lesson &lesson) const;

    tcpsim::SimulationConfig m_baseConfig;
    std::shared_ptr<const tcpsim::Lesson> m_lesson;
    std::vector<Group> m_groups;
    tcpsim::ScriptRunner m_runner;                  // after m_current steps, with every event
    // [k] = after k * checkpointInterval steps, no events. A deque: growing never moves the
    // checkpoints (a vector copied them all at each reallocation, a 17-40 ms step).
    std::deque<tcpsim::ScriptRunner> m_checkpoints;
    static constexpr std::size_t maxReservedSteps = std::size_t(1) << 19; // beyond, they grow
    std::vector<std::size_t> m_eventCounts;          // [k] = events after k steps (k <= steps run so far)
    std::vector<StepReport> m_reports;               // [k] = what step k reported
    int m_current = 0;
    bool m_autoReply = true;
};

// Builds commands for free mode.
namespace Commands {
tcpsim::Command make(tcpsim::Verb verb, tcpsim::Side side, std::string data = {});
// `client drop #id`
tcpsim::Command dropSegment(tcpsim::Side side, std::uint64_t id);
}
