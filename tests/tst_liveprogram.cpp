// SPDX-License-Identifier: GPL-3.0-or-later
// The lesson's server program run for real on loopback (LiveProgram, driven step by step by the
// LiveMirror as the window and tcpsim-cli --live drive it): the blocking server leaves client2
// ESTABLISHED in the kernel with its data unread while it serves the first client, and takes it
// only when the first one leaves; the thread-per-client and event-loop servers serve both.
#include "tcpsim/live/livesession.h"
#include "tcpsim/session/lessoncontroller.h"
#include "tcpsim/session/lessonlibrary.h"
#include "tcpsim/session/livemirror.h"

#include <QStandardPaths>
#include <QTest>

using namespace tcpsim;
using namespace tcpsim::live;

namespace {
constexpr int stepTimeoutMs = 5000;
} // namespace

class TestLiveProgram : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void blocking_secondClientWaitsEstablishedWithItsDataUnread();
    void threadsAndEventLoop_serveBothClients_data();
    void threadsAndEventLoop_serveBothClients();
    void reset_wakesTheBlockedWorker_andResetsItsConnection();

private:
    struct Run {
        LessonController controller;
        std::unique_ptr<LiveMirror> mirror;
        QList<Observation> seen;
    };
    static std::unique_ptr<Run> start(const QString &lesson);
    static bool stepOn(Run &run);
    static bool sawNote(const Run &run, const QString &text);
    // The server's end of a lesson client's connection, from the kernel observations.
    static std::optional<FourTuple> serverEndOf(const Run &run, const QString &name);
};

void TestLiveProgram::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

std::unique_ptr<TestLiveProgram::Run> TestLiveProgram::start(const QString &lesson)
{
    auto run = std::make_unique<Run>();
    auto loaded = LessonLibrary::load(lesson);
    if (!std::holds_alternative<Lesson>(loaded))
        return nullptr;
    run->controller.setLesson(std::get<Lesson>(loaded));
    run->mirror = std::make_unique<LiveMirror>(&run->controller);
    run->mirror->setServerPort(0); // never depend on 3267 being free
    Run *raw = run.get();
    QObject::connect(run->mirror->session(), &LiveSession::observed,
                     [raw](const Observation &observation) { raw->seen.append(observation); });
    run->mirror->setEnabled(true);
    return run;
}

bool TestLiveProgram::stepOn(Run &run)
{
    run.controller.stepForward();
    return run.mirror->waitUntilIdle(stepTimeoutMs);
}

bool TestLiveProgram::sawNote(const Run &run, const QString &text)
{
    return std::any_of(run.seen.begin(), run.seen.end(), [&](const Observation &observation) {
        return observation.source == Observation::Source::Note && observation.detail.contains(text);
    });
}

std::optional<FourTuple> TestLiveProgram::serverEndOf(const Run &run, const QString &name)
{
    for (const Observation &observation : run.seen) {
        if (observation.source == Observation::Source::Kernel && observation.socketName() == name
            && observation.tuple.isValid())
            return observation.tuple;
    }
    return std::nullopt;
}

// The notes' key problem, for real: while the blocking server's one thread serves the first
// client, client2's handshake is complete in the kernel (ESTABLISHED in the accept queue) and
// its "hi" is acknowledged but unread; accept() returns it only after the first client left.
void TestLiveProgram::blocking_secondClientWaitsEstablishedWithItsDataUnread()
{
    std::unique_ptr<Run> run = start(QStringLiteral("blocking-server"));
    QVERIFY(run);
    KernelObserver *observer = run->mirror->session()->observer();
    if (!observer->isAvailable())
        QSKIP("no kernel socket table on this system");
    // Up to the step where the first client has its answer.
    while (!sawNote(*run, QStringLiteral("send() on server.client wrote 12 byte(s): \"Hello, hello\""))) {
        QVERIFY2(run->controller.currentStep() < run->controller.stepCount(), "the first client was never answered");
        QVERIFY(stepOn(*run));
    }
    QVERIFY(run->mirror->session()->isProgramRunning());
    const std::optional<FourTuple> second = serverEndOf(*run, QStringLiteral("server.client2"));
    QVERIFY(second);
    observer->refresh();
    const std::optional<KernelSocket> waiting = observer->socket(*second);
    QVERIFY(waiting);
    QCOMPARE(waiting->state(), TcpState::Established);
    QCOMPARE(waiting->rxQueue, quint32(2)); // "hi", acknowledged, unread
    QVERIFY(!sawNote(*run, QStringLiteral("accept() returned server.client2")));
    QVERIFY(sawNote(*run, QStringLiteral("worker thread: accept() returned server.client,")));

    // The first client leaves: close(), then accept() returns client2 and recv() finds its data.
    while (run->controller.currentStep() < run->controller.stepCount())
        QVERIFY(stepOn(*run));
    QTRY_VERIFY_WITH_TIMEOUT(sawNote(*run, QStringLiteral("worker thread: recv() on server.client2 returned 2 byte(s): \"hi\"")),
                             stepTimeoutMs);
    QVERIFY(sawNote(*run, QStringLiteral("close() on server.client:")));
    QTRY_VERIFY_WITH_TIMEOUT(sawNote(*run, QStringLiteral("client2 received 9 byte(s): \"Hello, hi\"")), stepTimeoutMs);
    const auto order = [&](const QString &text) {
        for (qsizetype i = 0; i < run->seen.size(); ++i) {
            if (run->seen[i].detail.contains(text))
                return i;
        }
        return qsizetype(-1);
    };
    QVERIFY(order(QStringLiteral("close() on server.client:")) < order(QStringLiteral("accept() returned server.client2")));
}

void TestLiveProgram::threadsAndEventLoop_serveBothClients_data()
{
    QTest::addColumn<QString>("lesson");
    QTest::addColumn<QString>("design");
    QTest::newRow("thread per client") << QStringLiteral("thread-per-client") << QStringLiteral("thread-echo");
    QTest::newRow("event loop") << QStringLiteral("event-loop") << QStringLiteral("epoll-echo");
}

void TestLiveProgram::threadsAndEventLoop_serveBothClients()
{
    QFETCH(QString, lesson);
    QFETCH(QString, design);
    std::unique_ptr<Run> run = start(lesson);
    QVERIFY(run);
    while (run->controller.currentStep() < run->controller.stepCount())
        QVERIFY(stepOn(*run));
    QVERIFY(sawNote(*run, QStringLiteral("the server program (%1) runs on the live server").arg(design)));
    // Both answered for real, each by its own thread or by the one event loop.
    QTRY_VERIFY_WITH_TIMEOUT(sawNote(*run, QStringLiteral("send() on server.client wrote 8 byte(s): \"Hello, a\"")),
                             stepTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(sawNote(*run, QStringLiteral("send() on server.client2 wrote 8 byte(s): \"Hello, b\"")),
                             stepTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(sawNote(*run, QStringLiteral("client received 8 byte(s): \"Hello, a\"")), stepTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(sawNote(*run, QStringLiteral("client2 received 8 byte(s): \"Hello, b\"")), stepTimeoutMs);
    if (design == QLatin1String("thread-echo")) {
        QVERIFY(sawNote(*run, QStringLiteral("thread 1: recv() on server.client returned")));
        QVERIFY(sawNote(*run, QStringLiteral("thread 2: recv() on server.client2 returned")));
    } else {
        QVERIFY(sawNote(*run, QStringLiteral("event loop: epoll_wait() returned: fd")));
        QVERIFY(!sawNote(*run, QStringLiteral("would block")));
    }
}

// Reset while the worker sits in a real blocking recv(): stop() wakes it (the session's
// destructor would hang otherwise) and its connection goes with a RST, no TIME-WAIT left.
void TestLiveProgram::reset_wakesTheBlockedWorker_andResetsItsConnection()
{
    std::unique_ptr<Run> run = start(QStringLiteral("blocking-server"));
    QVERIFY(run);
    KernelObserver *observer = run->mirror->session()->observer();
    if (!observer->isAvailable())
        QSKIP("no kernel socket table on this system");
    while (!sawNote(*run, QStringLiteral("accept() returned server.client,")))
        QVERIFY(stepOn(*run));
    const std::optional<FourTuple> served = serverEndOf(*run, QStringLiteral("server"));
    QVERIFY(served);
    // Its recv() is granted (the model's recv() blocks): the worker blocks in the kernel.
    QVERIFY(stepOn(*run));
    run->controller.reset();
    QVERIFY(run->mirror->waitUntilIdle(stepTimeoutMs));
    QVERIFY(!run->mirror->session()->isProgramRunning());
    observer->refresh();
    QVERIFY2(!observer->socket(*served), "the program's connection is gone, with no TIME-WAIT");
}

QTEST_MAIN(TestLiveProgram)
#include "tst_liveprogram.moc"
