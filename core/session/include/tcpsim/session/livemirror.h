// SPDX-License-Identifier: GPL-3.0-or-later
// Mirrors the lesson on the live loopback pair: every step the LessonController performs (steps
// forward, free-mode actions) is done again, at the same click, by LiveSession::perform() on a
// real QTcpServer/QTcpSocket pair, and what Qt and the kernel report becomes rows of the
// transition log, each under the step it belongs to. The real world cannot go back: Back hides
// the live rows of the later steps (they come back when the lesson steps forward again, without
// doing them twice); Reset and a new lesson start the live pair again.
#pragma once

#include "tcpsim/session/transitionlog.h"

#include "tcpsim/live/livesession.h"
#include "tcpsim/model/script.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QTimer>

#include <deque>
#include <optional>
#include <vector>

class LessonController;

class LiveMirror : public QObject
{
    Q_OBJECT

public:
    // After an application call the next queued step waits until the pair has settled, so that
    // every observation lands under the step that caused it: driven by the pair's own signals,
    // not a fixed quiet time. Settled = two event-loop passes in a row with nothing new from Qt
    // or from a kernel sample taken in each, no lesson socket in a Qt state that is on its way
    // (connecting, closing) and none in a kernel state loopback leaves by itself (SYN-SENT,
    // SYN-RECEIVED, FIN-WAIT-1, CLOSING, LAST-ACK: the peer's answer, or its delayed ACK, comes
    // in ~40 ms). At most settleCapMs.
    static constexpr int settleCapMs = 2000;
    // While a lesson socket is in such a state the kernel is asked again this often (an exact
    // look-up costs ~0.01 ms), so the step after it waits for the change itself, not for the
    // observer's next regular poll.
    static constexpr int transitCheckMs = 2;
    // While it catches up, its log rows are rebuilt at most this often (and when it is idle).
    static constexpr int catchUpRebuildMs = 100;
    static constexpr int quietPassesToSettle = 2;
    // Rows kept for connections from outside the lesson (nc, a class's clients): the newest
    // ones; the older ones are summed up in one "N more" row, so a busy class cannot slow the
    // log down or fill the memory.
    static constexpr int maxOutsideObservations = 200;

    explicit LiveMirror(LessonController *controller, QObject *parent = nullptr);
    ~LiveMirror() override;

    bool isEnabled() const { return m_enabled; }
    // On: starts the pair again and catches up with the lesson's current step. Off: closes it.
    void setEnabled(bool on);
    // Where the live server listens (default 3267; 0 = any free port). Takes effect at the next
    // listen step.
    void setServerPort(quint16 port);
    quint16 requestedPort() const { return m_requestedPort; }

    tcpsim::live::LiveSession *session() const { return m_session; }
    // The highest lesson step done on the live pair (0: none).
    int mirroredStep() const { return m_mirroredStep; }
    // The verb of a mirrored step's action (nullopt: not mirrored).
    std::optional<tcpsim::Verb> stepVerb(int step) const;
    // Nothing queued and the pair quiet since the last application call.
    bool isIdle() const { return !m_settling && m_queue.empty(); }
    // Runs the event loop until isIdle() (driven by signals and a time limit, never a sleep).
    bool waitUntilIdle(int timeoutMs);
    // Runs the event loop while the pair can move on by itself: until it is idle, or until it
    // waits for the kernel (a delayed ACK, a FIN's answer), during which the caller can do its
    // own work (a screenshot lays the window out) before waitUntilIdle().
    bool waitUntilIdleOrWaitingOnKernel(int timeoutMs);
    // Runs the event loop until the pair has been quiet (no observation) for quietMs, at most
    // capMs: for what comes after the last step (a late FIN's ACK, TIME-WAIT's end).
    void waitForQuiet(int quietMs, int capMs);

    // The live rows for the log: steps up to the lesson's current one, kernel rows compared
    // with the model's state at the same step, plus a "still" row for a side whose kernel
    // state did not change in a step where its model state did (CLOSE-WAIT held, TIME-WAIT
    // lasting).
    QList<TransitionLogRow> logRows() const { return m_rows; }
    // Outside observations no longer kept (summed up in the log's "N more" row).
    qint64 outsideObservationsDropped() const { return m_outsideDropped; }
    // Why the kernel's state of `side` differs from the model's now (empty if it agrees).
    QString currentDifference(tcpsim::Side side) const;
    // The same for the lesson's other sockets the kernel showed (client2, server.client2 ...):
    // each one whose kernel state differs from the model's now, with why.
    struct NamedDifference {
        QString name;
        QString explanation;
    };
    QList<NamedDifference> otherDifferences() const;

signals:
    void enabledChanged(bool on);
    void rowsChanged();
    void idle();
    // The pair waits for the kernel to move a lesson socket on (see isPairInTransit()).
    void waitingOnKernel();
    void statusMessage(const QString &text);

private:
    struct PendingStep {
        int step = 0;
        std::vector<tcpsim::Command> commands;
    };
    struct ModelStep {
        tcpsim::TcpState client = tcpsim::TcpState::Closed;
        tcpsim::TcpState server = tcpsim::TcpState::Closed;
        bool clientChanged = false;
        bool serverChanged = false;
    };

    void onLessonChanged();
    void onStepped(int direction);
    void onObserved(const tcpsim::live::Observation &observation);
    void restart();
    // Runs the event loop until idle() (or waitingOnKernel()), at most timeoutMs.
    void runUntil(int timeoutMs, bool orWaitingOnKernel);
    void enqueue(int step);
    void processQueue();
    void finishSettling();
    void checkSettled();
    bool isPairInTransit() const;
    void scheduleRebuild();
    void rebuild();
    std::vector<tcpsim::Command> commandsOfStep(int step) const;
    std::vector<ModelStep> modelSteps() const;
    // The model's state of a lesson socket by its script name after `step` (CLOSED before it
    // existed); nullopt for a name that is no socket.
    std::optional<tcpsim::TcpState> modelStateOf(const QString &name, int step) const;
    // `name`: a lesson socket's (client2, server.client2), whose difference a drop or a timer of
    // another socket in the same step does not explain.
    QString explainState(tcpsim::Side side, tcpsim::TcpState modelState, std::optional<tcpsim::TcpState> kernel,
                         int step, const QString &name = {}) const;
    QString explain(tcpsim::Side side, const ModelStep &model, std::optional<tcpsim::TcpState> kernel,
                    int step) const;

    LessonController *m_controller = nullptr;
    tcpsim::live::LiveSession *m_session = nullptr;
    QTimer m_quiet;
    QTimer m_cap;
    QTimer m_transit;
    QTimer m_rebuildTimer;
    std::deque<PendingStep> m_queue;
    QList<tcpsim::live::Observation> m_observations; // the lesson's own (bounded by its steps)
    std::deque<tcpsim::live::Observation> m_outside;  // the newest outside ones
    qint64 m_outsideDropped = 0;
    QHash<int, tcpsim::Verb> m_stepVerbs;
    QHash<int, qint64> m_stepTimes;
    QHash<int, tcpsim::Side> m_stepSides;
    QList<TransitionLogRow> m_rows;
    quint16 m_requestedPort = tcpsim::live::defaultServerPort;
    int m_mirroredStep = 0;
    bool m_enabled = false;
    bool m_settling = false;
    bool m_observedSinceCheck = false;
    int m_quietPasses = 0;
    bool m_lessonEdited = false;
};
