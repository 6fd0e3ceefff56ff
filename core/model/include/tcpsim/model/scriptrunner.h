// SPDX-License-Identifier: GPL-3.0-or-later
// Runs a lesson against a simulation, one command at a time.
#pragma once

#include "tcpsim/model/event.h"
#include "tcpsim/model/scriptparser.h"
#include "tcpsim/model/simulation.h"

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tcpsim {

class ScriptRunner {
public:
    enum class Status { Ok, ExpectFailed, RuntimeError, Finished };
    struct StepResult {
        Status status = Status::Ok;
        std::string message; // ExpectFailed: "FILE:LINE: expected X, got Y"; RuntimeError: ScriptError text
        std::optional<ScriptError> error;
    };

    explicit ScriptRunner(Lesson lesson, SimulationConfig config = {});
    // The lesson is shared read-only: copying a runner (a checkpoint) does not copy it.
    explicit ScriptRunner(std::shared_ptr<const Lesson> lesson, SimulationConfig config = {});

    const Lesson &lesson() const { return *m_lesson; }
    const Simulation &simulation() const { return m_simulation; }
    // Simulation::takeEvents(): the events recorded since the last take move to the caller.
    std::vector<Event> takeEvents() { return m_simulation.takeEvents(); }
    void restoreTakenEvents(std::vector<Event> taken) { m_simulation.restoreTakenEvents(std::move(taken)); }
    std::size_t position() const { return m_position; } // index of the next command
    // The same run on a lesson whose commands before position() are the same (a command inserted
    // at or after it): the state stays, the next commands come from `lesson`.
    void rebase(std::shared_ptr<const Lesson> lesson) { m_lesson = std::move(lesson); }
    bool atEnd() const { return m_position >= m_lesson->commands.size(); }
    StepResult step();          // runs the command at position()
    StepResult runToEnd();      // stops at the first RuntimeError; keeps going after ExpectFailed
    int failedExpectations() const { return m_failedExpectations; }

    // `settle` gives up (a runtime error) after this many deliveries.
    static constexpr int maxSettleDeliveries = 1000;

private:
    StepResult check(const Command &command);
    void applySetting(const Command &command);
    std::string descriptorHolder(HostId host, int fd) const; // "listener", "client2", "free", ...

    std::shared_ptr<const Lesson> m_lesson;
    Simulation m_simulation;
    std::size_t m_position = 0;
    int m_failedExpectations = 0;
};

} // namespace tcpsim
