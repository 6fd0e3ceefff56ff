// SPDX-License-Identifier: GPL-3.0-or-later
// Every built-in lesson parses, carries its English and Chinese headers, steps one command per
// click (no settle) and runs with every expect holding.
#include "tcpsim/model/script.h"

#include <QDir>
#include <QFile>
#include <QTest>

using namespace tcpsim;

namespace {

QString lessonDirectory()
{
    return qEnvironmentVariable("TCPSIM_SOURCE_DIR", QStringLiteral(TCPSIM_SOURCE_DIR))
        + QStringLiteral("/resources/lessons");
}

const QStringList builtInLessons = {
    QStringLiteral("handshake.tcp"),          QStringLiteral("server-closes-first.tcp"),
    QStringLiteral("lost-syn.tcp"),           QStringLiteral("lost-final-ack.tcp"),
    QStringLiteral("connection-refused.tcp"), QStringLiteral("simultaneous-open.tcp"),
    QStringLiteral("simultaneous-close.tcp"), QStringLiteral("half-close.tcp"),
    QStringLiteral("abort.tcp"),              QStringLiteral("syn-retries-exhausted.tcp"),
    QStringLiteral("handshake-linux.tcp"),    QStringLiteral("server-closes-first-linux.tcp"),
    QStringLiteral("half-close-linux.tcp"),
    QStringLiteral("accept-queue.tcp"),       QStringLiteral("backlog-overflow.tcp"),
    QStringLiteral("blocking-server.tcp"),    QStringLiteral("thread-per-client.tcp"),
    QStringLiteral("event-loop.tcp"),         QStringLiteral("descriptors.tcp"),
    QStringLiteral("address-in-use.tcp"),
};

Lesson load(const QString &name)
{
    QFile file(lessonDirectory() + u'/' + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(file.fileName()));
    const QByteArray text = file.readAll();
    auto result = parseLesson(std::string_view(text.constData(), std::size_t(text.size())), name.toStdString());
    if (const auto *error = std::get_if<ScriptError>(&result))
        qFatal("%s", error->toString().c_str());
    return std::get<Lesson>(std::move(result));
}

bool passedThrough(const Simulation &sim, Side side, TcpState state)
{
    return std::any_of(sim.events().begin(), sim.events().end(), [&](const Event &event) {
        return event.kind == EventKind::Transition && event.side == side && event.to == state;
    });
}

} // namespace

class TestLessons : public QObject
{
    Q_OBJECT

private slots:
    void directory_holdsExactlyTheBuiltInLessons()
    {
        QStringList present = QDir(lessonDirectory()).entryList({QStringLiteral("*.tcp")}, QDir::Files);
        QStringList expected = builtInLessons;
        present.sort();
        expected.sort();
        QCOMPARE(present, expected);
    }

    void lesson_runsGreen_data()
    {
        QTest::addColumn<QString>("name");
        for (const QString &name : builtInLessons)
            QTest::newRow(qPrintable(name)) << name;
    }
    void lesson_runsGreen()
    {
        QFETCH(QString, name);
        const Lesson lesson = load(name);
        QVERIFY(!lesson.title.empty());
        QVERIFY(!lesson.titleZh.empty());
        QVERIFY(lesson.note.size() > 100);
        QVERIFY(!lesson.noteZh.empty());
        const auto count = [&](auto predicate) {
            return std::count_if(lesson.commands.begin(), lesson.commands.end(), predicate);
        };
        QVERIFY(count([](const Command &c) { return c.isCheck(); }) >= 3);
        QCOMPARE(count([](const Command &c) { return c.verb == Verb::Settle; }), 0);

        ScriptRunner runner(lesson);
        const ScriptRunner::StepResult result = runner.runToEnd();
        QVERIFY2(result.status == ScriptRunner::Status::Finished, result.message.c_str());
        QCOMPARE(runner.failedExpectations(), 0);

        // The GUI saves lessons with toText(): the text runs the same.
        auto reparsed = parseLesson(lesson.toText(), "again");
        QVERIFY(std::holds_alternative<Lesson>(reparsed));
        QCOMPARE(std::get<Lesson>(reparsed).toText(), lesson.toText());
    }

    void lesson_eventsTakenEachStepConcatenateToTheWholeLog_data() { lesson_runsGreen_data(); }
    void lesson_eventsTakenEachStepConcatenateToTheWholeLog()
    {
        // An owner that keeps the append-only log takes the events after every step; what it
        // collects is exactly what a runner that never takes has recorded.
        QFETCH(QString, name);
        const auto lesson = std::make_shared<const Lesson>(load(name));
        ScriptRunner keeping(lesson);
        keeping.runToEnd();
        ScriptRunner taking(lesson);
        std::vector<Event> collected;
        while (!taking.atEnd()) {
            taking.step();
            std::vector<Event> step = taking.takeEvents();
            collected.insert(collected.end(), std::make_move_iterator(step.begin()),
                             std::make_move_iterator(step.end()));
            QCOMPARE(taking.simulation().eventCount(), collected.size());
        }
        QCOMPARE(collected.size(), keeping.simulation().events().size());
        QVERIFY(collected == keeping.simulation().events());
    }

    void handshake_acceptsAndEndsClosed()
    {
        const Lesson lesson = load(QStringLiteral("handshake.tcp"));
        QVERIFY(lesson.hasAccept());
        ScriptRunner runner(lesson);
        runner.runToEnd();
        const Simulation &sim = runner.simulation();
        QCOMPARE(sim.endpoint(Side::Client).received().str(), std::string("Hello, hi"));
        QCOMPARE(sim.endpoint(Side::Server).received().str(), std::string("hi"));
        QVERIFY(passedThrough(sim, Side::Client, TcpState::TimeWait));
        QCOMPARE(sim.endpoint(Side::Client).state(), TcpState::Closed);
    }

    void simultaneousOpen_bothEstablished()
    {
        ScriptRunner runner(load(QStringLiteral("simultaneous-open.tcp")));
        runner.runToEnd();
        QCOMPARE(runner.simulation().endpoint(Side::Client).state(), TcpState::Established);
        QCOMPARE(runner.simulation().endpoint(Side::Server).state(), TcpState::Established);
    }

    void simultaneousClose_bothPassThroughClosing()
    {
        ScriptRunner runner(load(QStringLiteral("simultaneous-close.tcp")));
        runner.runToEnd();
        QVERIFY(passedThrough(runner.simulation(), Side::Client, TcpState::Closing));
        QVERIFY(passedThrough(runner.simulation(), Side::Server, TcpState::Closing));
    }

    void serverClosesFirst_timeWaitOnTheServer()
    {
        ScriptRunner runner(load(QStringLiteral("server-closes-first.tcp")));
        runner.runToEnd();
        QVERIFY(passedThrough(runner.simulation(), Side::Server, TcpState::TimeWait));
        QVERIFY(!passedThrough(runner.simulation(), Side::Client, TcpState::TimeWait));
    }

    void synRetriesExhausted_sixRetransmissionsThenTimedOut()
    {
        ScriptRunner runner(load(QStringLiteral("syn-retries-exhausted.tcp")));
        runner.runToEnd();
        const auto &events = runner.simulation().events();
        QCOMPARE(std::count_if(events.begin(), events.end(), [](const Event &e) {
                     return e.kind == EventKind::Send && e.segment->retransmission;
                 }),
                 6);
        QCOMPARE(events.back().kind, EventKind::Expect);
        QVERIFY(std::any_of(events.begin(), events.end(), [](const Event &e) {
            return e.kind == EventKind::Error && e.text == "connection timed out";
        }));
    }
};

QTEST_APPLESS_MAIN(TestLessons)
#include "tst_lessons.moc"
