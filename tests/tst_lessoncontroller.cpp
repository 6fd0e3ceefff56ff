// SPDX-License-Identifier: GPL-3.0-or-later
// Steps: one command each, expects with the step before, isn with the step after; Back is exact.
#include "tcpsim/session/lessoncontroller.h"
#include "tcpsim/session/lessonlibrary.h"

#include <QSignalSpy>
#include <QTest>

using namespace tcpsim;

class TestLessonController : public QObject
{
    Q_OBJECT

private slots:
    void expectsAndIsn_areNotSteps();
    void failedExpectation_isReported_andLessonGoesOn();
    void back_thenForward_reusesExactSnapshot();
    void stepAtEnd_deliversInFlight();
    void stepAtEnd_firesTheEarliestTimerOfAnyHost();
    void perform_insertsAtCurrentPosition();
    void dropSegment_recordsTheIdAndDropsThatSegment();
    void everyBuiltInLesson_runsToTheEnd();
    void back_isExact_wholeEventsAndState_data();
    void back_isExact_wholeEventsAndState();
    void longLesson_jumpsAcrossCheckpoints_areExact();
    void freePlay_thenBack_isExact_data();
    void freePlay_thenBack_isExact();
};

namespace {
Lesson parse(const char *text)
{
    return std::get<Lesson>(parseLesson(text, "t.tcp"));
}
} // namespace

void TestLessonController::expectsAndIsn_areNotSteps()
{
    LessonController controller;
    controller.setLesson(parse("client isn 100\nserver isn 300\nserver listen\nexpect server LISTEN\n"
                               "client connect\nexpect client SYN-SENT\nexpect client sent SYN seq=100\n"));
    QCOMPARE(controller.stepCount(), 2);
    controller.stepForward();
    QCOMPARE(controller.simulation().endpoint(Side::Server).state(), TcpState::Listen);
    controller.stepForward();
    QVERIFY(controller.isAtLessonEnd());
    QVERIFY(controller.reportAt(2).failedExpectations.isEmpty());
}

void TestLessonController::failedExpectation_isReported_andLessonGoesOn()
{
    LessonController controller;
    controller.setLesson(parse("server listen\nexpect server ESTABLISHED\nclient connect\n"));
    controller.stepForward();
    QCOMPARE(controller.reportAt(1).failedExpectations.size(), 1);
    controller.stepForward();
    QCOMPARE(controller.simulation().endpoint(Side::Client).state(), TcpState::SynSent);
}

void TestLessonController::back_thenForward_reusesExactSnapshot()
{
    LessonController controller;
    controller.setLesson(parse("server listen\nclient connect\nclient drop\nclient timeout\nclient deliver\n"));
    controller.goToStep(4);
    const auto now = controller.simulation().now();
    const auto events = controller.simulation().events().size();
    QSignalSpy stepped(&controller, &LessonController::stepped);
    controller.stepBack();
    QCOMPARE(controller.currentStep(), 3);
    QCOMPARE(stepped.count(), 1);
    QVERIFY(controller.simulation().events().size() < events);
    controller.stepForward();
    QCOMPARE(controller.simulation().now(), now);
    QCOMPARE(controller.simulation().events().size(), events);
}

void TestLessonController::stepAtEnd_deliversInFlight()
{
    LessonController controller;
    controller.setLesson(parse("server listen\nclient connect\n"));
    controller.goToStep(2);
    QVERIFY(controller.isAtLessonEnd());
    QVERIFY(controller.canStepForward());
    controller.stepForward();
    QCOMPARE(controller.simulation().endpoint(Side::Server).state(), TcpState::SynReceived);
    QCOMPARE(controller.stepCount(), 3);
    QVERIFY(QString::fromStdString(controller.lesson().toText()).contains(QStringLiteral("client deliver")));
}

// Two clients whose SYNs are lost at different times: at the end of the lesson a step fires the
// timer that is due first, whichever host holds it, and records it by the socket's name.
void TestLessonController::stepAtEnd_firesTheEarliestTimerOfAnyHost()
{
    LessonController controller;
    // client's SYN at 0 s (retransmitted at 1 s, then due at 3 s); client2's SYN at 1 s (due at 2 s).
    controller.setLesson(parse("server listen\nclient connect\nclient drop\nclient timeout\nclient drop\n"
                               "client2 connect\nclient2 drop\n"));
    controller.goToStep(controller.stepCount());
    QVERIFY(controller.isAtLessonEnd());
    QVERIFY(controller.canStepForward());
    controller.stepForward();
    QCOMPARE(controller.stepScript(controller.currentStep()), QStringLiteral("client2 timeout"));
    QCOMPARE(controller.simulation().now(), std::uint64_t(2000));
    QCOMPARE(controller.simulation().inFlightFrom(2).size(), std::size_t(1)); // client2's SYN again
    // Its retransmission travels first, then client's timer at 3 s is next.
    controller.stepForward();
    QCOMPARE(controller.stepScript(controller.currentStep()), QStringLiteral("client2 deliver"));
    controller.stepForward(); // the server's SYN,ACK to client2
    controller.stepForward(); // client2's ACK
    QVERIFY(controller.simulation().inFlightFrom(0).empty());
    QVERIFY(controller.simulation().inFlightFrom(2).empty());
    controller.stepForward();
    QCOMPARE(controller.stepScript(controller.currentStep()), QStringLiteral("client timeout"));
    QCOMPARE(controller.simulation().now(), std::uint64_t(3000));
}

void TestLessonController::perform_insertsAtCurrentPosition()
{
    LessonController controller;
    controller.setLesson(parse("server listen\nclient connect\nclient deliver\n"));
    controller.goToStep(1);
    controller.perform(Commands::make(Verb::Close, Side::Server));
    QCOMPARE(controller.currentStep(), 2);
    QCOMPARE(controller.stepCount(), 4);
    QCOMPARE(controller.simulation().endpoint(Side::Server).state(), TcpState::Closed);
    QCOMPARE(controller.stepScript(2), QStringLiteral("server close"));
}

void TestLessonController::dropSegment_recordsTheIdAndDropsThatSegment()
{
    LessonController controller;
    controller.setLesson(parse("server listen\nclient connect\nsettle\nclient send \"a\"\nclient send \"b\"\n"));
    controller.goToStep(controller.stepCount());
    const auto &queue = controller.simulation().inFlight(Side::Client);
    QCOMPARE(queue.size(), std::size_t(2));
    const std::uint64_t older = queue.front().id;
    const std::uint64_t newer = queue.back().id;
    const int steps = controller.stepCount();

    // Not in flight from that side, or no such segment: nothing is recorded.
    QVERIFY(!controller.dropSegment(Side::Server, newer));
    QVERIFY(!controller.dropSegment(Side::Client, 999));
    QVERIFY(!controller.dropSegment(Side::Client, 0));
    QCOMPARE(controller.stepCount(), steps);

    // Any segment in flight, not only the oldest.
    QVERIFY(controller.dropSegment(Side::Client, newer));
    QCOMPARE(controller.stepCount(), steps + 1);
    QCOMPARE(controller.currentStep(), steps + 1);
    const QString line = QStringLiteral("client drop #%1").arg(newer);
    QCOMPARE(controller.stepScript(controller.currentStep()), line);
    QVERIFY(QString::fromStdString(controller.lesson().toText()).contains(line));
    const auto &left = controller.simulation().inFlight(Side::Client);
    QCOMPARE(left.size(), std::size_t(1));
    QCOMPARE(left.front().id, older);
    QVERIFY(!controller.dropSegment(Side::Client, newer)); // already lost

    // The recorded lesson replays exactly.
    controller.stepBack();
    controller.stepForward();
    QCOMPARE(controller.simulation().inFlight(Side::Client).size(), std::size_t(1));
    QVERIFY(controller.reportAt(controller.currentStep()).errors.isEmpty());
}

void TestLessonController::everyBuiltInLesson_runsToTheEnd()
{
    const auto lessons = LessonLibrary::builtInLessons();
    QVERIFY(lessons.size() >= 10);
    for (const LessonEntry &entry : lessons) {
        auto loaded = LessonLibrary::load(entry.name);
        QVERIFY2(std::holds_alternative<Lesson>(loaded), qPrintable(entry.name));
        QVERIFY(!entry.title.isEmpty());
        LessonController controller;
        controller.setLesson(std::get<Lesson>(loaded));
        controller.goToStep(controller.stepCount());
        for (int step = 1; step <= controller.stepCount(); ++step) {
            const auto report = controller.reportAt(step);
            QVERIFY2(report.failedExpectations.isEmpty() && report.errors.isEmpty(),
                     qPrintable(entry.name + QLatin1Char(' ') + report.failedExpectations.join(QLatin1Char(';'))
                                + report.errors.join(QLatin1Char(';'))));
        }
    }
}

namespace {

// What a step leaves behind that Back must restore exactly.
struct Snapshot {
    std::vector<Event> events;
    std::uint64_t now = 0;
    TcpState client = TcpState::Closed;
    TcpState server = TcpState::Closed;
    std::deque<Segment> clientInFlight;
    std::deque<Segment> serverInFlight;
    std::string clientReceived;
    std::string serverReceived;
};

Snapshot snapshotOf(const LessonController &controller)
{
    const Simulation &sim = controller.simulation();
    return {sim.events(), sim.now(), sim.endpoint(Side::Client).state(), sim.endpoint(Side::Server).state(),
            sim.inFlight(Side::Client), sim.inFlight(Side::Server), sim.endpoint(Side::Client).received().str(),
            sim.endpoint(Side::Server).received().str()};
}

void compareSnapshots(const Snapshot &actual, const Snapshot &expected, int step)
{
    const QByteArray where = "at step " + QByteArray::number(step);
    QVERIFY2(actual.events.size() == expected.events.size(), where.constData());
    QVERIFY2(actual.events == expected.events, where.constData()); // whole events (Event::operator==)
    QVERIFY2(actual.now == expected.now, where.constData());
    QVERIFY2(actual.client == expected.client && actual.server == expected.server, where.constData());
    QVERIFY2(actual.clientInFlight == expected.clientInFlight, where.constData());
    QVERIFY2(actual.serverInFlight == expected.serverInFlight, where.constData());
    QVERIFY2(actual.clientReceived == expected.clientReceived, where.constData());
    QVERIFY2(actual.serverReceived == expected.serverReceived, where.constData());
}

} // namespace

// Back restores each step exactly: every event whole, the clock, states, segments in flight,
// data received — for every built-in lesson, stepping back one step at a time from the end.
void TestLessonController::back_isExact_wholeEventsAndState_data()
{
    QTest::addColumn<QString>("name");
    for (const LessonEntry &entry : LessonLibrary::builtInLessons())
        QTest::newRow(qPrintable(entry.name)) << entry.name;
}

void TestLessonController::back_isExact_wholeEventsAndState()
{
    QFETCH(QString, name);
    auto loaded = LessonLibrary::load(name);
    QVERIFY(std::holds_alternative<Lesson>(loaded));
    LessonController controller;
    controller.setLesson(std::get<Lesson>(std::move(loaded)));
    std::vector<Snapshot> forward{snapshotOf(controller)};
    while (!controller.isAtLessonEnd()) {
        controller.stepForward();
        forward.push_back(snapshotOf(controller));
    }
    for (int step = controller.currentStep() - 1; step >= 0; --step) {
        controller.stepBack();
        QCOMPARE(controller.currentStep(), step);
        compareSnapshots(snapshotOf(controller), forward[static_cast<std::size_t>(step)], step);
        QCOMPARE(controller.eventCountAt(step), forward[static_cast<std::size_t>(step)].events.size());
    }
}

// A lesson longer than many checkpoint intervals: jumps back and forth land on exactly the state
// stepping forward produced, and the boundaries stay those of a straight run.
void TestLessonController::longLesson_jumpsAcrossCheckpoints_areExact()
{
    QByteArray text = "client isn 100\nserver isn 300\nserver listen\nclient connect\nsettle\n";
    for (int i = 0; i < 200; ++i)
        text += "client send \"m" + QByteArray::number(i) + "\"\nclient deliver\nserver deliver\n";
    auto parsed = LessonLibrary::parse(text, QStringLiteral("long.tcp"));
    QVERIFY(std::holds_alternative<Lesson>(parsed));
    LessonController controller;
    controller.setLesson(std::get<Lesson>(std::move(parsed)));
    QVERIFY(controller.stepCount() > 10 * LessonController::checkpointInterval);
    std::vector<Snapshot> forward{snapshotOf(controller)};
    while (!controller.isAtLessonEnd()) {
        controller.stepForward();
        forward.push_back(snapshotOf(controller));
    }
    const std::vector<std::size_t> boundaries = controller.eventBoundaries();
    const int last = controller.currentStep();
    for (const int target : {last - 1, 0, LessonController::checkpointInterval, LessonController::checkpointInterval - 1,
                             last / 2, 5 * LessonController::checkpointInterval + 7, last, 1, last - 33}) {
        controller.goToStep(target);
        QCOMPARE(controller.currentStep(), target);
        compareSnapshots(snapshotOf(controller), forward[static_cast<std::size_t>(target)], target);
        const std::vector<std::size_t> now = controller.eventBoundaries();
        QVERIFY(std::equal(now.begin(), now.end(), boundaries.begin()));
    }
}

// Free-play actions (at the end, or after Back: inserted before the next lesson step) continue
// the run in place. The lesson they leave, read back from its text and stepped from the start,
// gives the same events (lines included), boundaries and reports at every step; Back over the
// actions restores each of them exactly.
void TestLessonController::freePlay_thenBack_isExact_data()
{
    QTest::addColumn<QByteArray>("script");
    QTest::addColumn<int>("backFirst");
    const QByteArray handshake = "client isn 100\nserver isn 300\nserver listen\nclient connect\n"
                                 "client deliver\nserver deliver\nexpect client ESTABLISHED\n";
    QByteArray longScript = handshake + "client deliver\n";
    for (int i = 0; i < 40; ++i)
        longScript += "client send \"m" + QByteArray::number(i) + "\"\nclient deliver\nserver deliver\n";
    QTest::newRow("at the end") << handshake << 0;
    QTest::newRow("after Back") << handshake << 2;
    QTest::newRow("file with comments and a header") << QByteArray("# title: T\n\n# the server first\nserver listen\n\n"
                                                                   "  client connect\nsettle\n")
                                                     << 1;
    QTest::newRow("long, back across checkpoints") << longScript << 50;
}

void TestLessonController::freePlay_thenBack_isExact()
{
    QFETCH(QByteArray, script);
    QFETCH(int, backFirst);
    LessonController controller;
    controller.setLesson(parse(script.constData()));
    controller.goToStep(controller.stepCount());
    for (int i = 0; i < backFirst; ++i)
        controller.stepBack();
    controller.perform(Commands::make(Verb::Send, Side::Client, "hello"));
    controller.stepForward();
    controller.perform(Commands::make(Verb::Close, Side::Client));
    for (int i = 0; i < 3; ++i)
        controller.stepForward();
    controller.perform(Commands::make(Verb::Close, Side::Server));
    for (int i = 0; i < 4; ++i)
        controller.stepForward();
    controller.goToStep(controller.stepCount());

    LessonController again;
    again.setLesson(std::get<Lesson>(parseLesson(controller.lesson().toText(), "t.tcp")));
    QCOMPARE(again.stepCount(), controller.stepCount());
    std::vector<Snapshot> forward{snapshotOf(again)};
    while (!again.isAtLessonEnd()) {
        again.stepForward();
        forward.push_back(snapshotOf(again));
    }
    QCOMPARE(again.eventBoundaries(), controller.eventBoundaries());
    for (int step = controller.currentStep(); step >= 0; --step) {
        QCOMPARE(controller.currentStep(), step);
        compareSnapshots(snapshotOf(controller), forward[static_cast<std::size_t>(step)], step);
        QCOMPARE(controller.reportAt(step).errors, again.reportAt(step).errors);
        QCOMPARE(controller.reportAt(step).failedExpectations, again.reportAt(step).failedExpectations);
        controller.stepBack();
    }
}

QTEST_GUILESS_MAIN(TestLessonController)
#include "tst_lessoncontroller.moc"
