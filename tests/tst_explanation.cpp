// SPDX-License-Identifier: GPL-3.0-or-later
// Every rule has a sentence; a step's explanation names the side and the rule, only the calls the
// step made, and teaches what shared/TCP-FACTS.md states (asserted here, not left as comments).
#include "tcpsim/session/explanation.h"
#include "tcpsim/session/lessoncontroller.h"
#include "tcpsim/session/lessonlibrary.h"

#include <QTest>

#include <algorithm>

using namespace tcpsim;

namespace {

Lesson parsed(const char *script)
{
    return std::get<Lesson>(parseLesson(script, "t.tcp"));
}

Lesson builtIn(const QString &name)
{
    auto loaded = LessonLibrary::load(name);
    if (!std::holds_alternative<Lesson>(loaded))
        qFatal("built-in lesson %s does not load", qPrintable(name));
    return std::get<Lesson>(std::move(loaded));
}

QString explanationOf(const LessonController &controller, int step)
{
    return Explanation::forEvents(controller.simulation().events(), controller.eventCountAt(step - 1),
                                  controller.eventCountAt(step));
}

bool stepMadeCall(const LessonController &controller, int step, Call call)
{
    const auto &events = controller.simulation().events();
    for (std::size_t i = controller.eventCountAt(step - 1); i < controller.eventCountAt(step); ++i) {
        if (events[i].kind == EventKind::Call && events[i].call == call)
            return true;
    }
    return false;
}

bool stepEntersTimeWait(const LessonController &controller, int step)
{
    const auto &events = controller.simulation().events();
    for (std::size_t i = controller.eventCountAt(step - 1); i < controller.eventCountAt(step); ++i) {
        const Event &event = events[i];
        if ((event.kind == EventKind::Transition && event.to == TcpState::TimeWait)
            || event.rule == Rule::TimeWaitFinReAck)
            return true;
    }
    return false;
}

} // namespace

class TestExplanation : public QObject
{
    Q_OBJECT

private slots:
    void everyRule_hasSentenceAndReference();
    void synArrives_explainsAcceptNotReturned();
    void severalClients_sayWhichClient();
    void everyStep_namesOnlyCallsItMade_data();
    void everyStep_namesOnlyCallsItMade();
    void closeAndAbort_nameTheCall_data();
    void closeAndAbort_nameTheCall();
    void timeWait_givesBothReasons_data();
    void timeWait_givesBothReasons();
    void activeOpen_kernelPicksIsn();
    void unacceptableSegment_saysWhy_data();
    void unacceptableSegment_saysWhy();
    void simultaneousOpen_threeSegmentsEachWay();
    void simultaneousOpen_noAcceptQueue();
    void timeWait_lasts60sWithMsl30s();
    void synRetries_linuxSchedule();
    void gluedSends_explainedOnce_data();
    void gluedSends_explainedOnce();
};

void TestExplanation::everyRule_hasSentenceAndReference()
{
    for (int value = 1; value <= int(lastRule); ++value) {
        const auto rule = static_cast<Rule>(value);
        QVERIFY2(!Explanation::ruleSentence(rule).isEmpty(), qPrintable(QString::number(value)));
    }
    QCOMPARE(Explanation::ruleReference(Rule::ListenSyn), QStringLiteral("RFC 9293 §3.10.7.2"));
}

void TestExplanation::synArrives_explainsAcceptNotReturned()
{
    LessonController controller;
    controller.setLesson(parsed("server listen\nclient connect\nclient deliver\n"));
    controller.goToStep(3);
    const QString text = explanationOf(controller, 3);
    QVERIFY2(text.startsWith(QStringLiteral("Server: ")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("accept() has not returned yet")), qPrintable(text));
}

void TestExplanation::severalClients_sayWhichClient()
{
    LessonController controller;
    controller.setLesson(parsed("server listen\nclient connect\nclient2 connect\nclient2 deliver\n"));
    controller.goToStep(3);
    QVERIFY2(explanationOf(controller, 3).startsWith(QStringLiteral("Client 2: ")), qPrintable(explanationOf(controller, 3)));
    controller.goToStep(4);
    QVERIFY2(explanationOf(controller, 4).startsWith(QStringLiteral("Server (client 2's connection): ")),
             qPrintable(explanationOf(controller, 4)));
    controller.goToStep(2);
    QVERIFY(explanationOf(controller, 2).startsWith(QStringLiteral("Client: ")));
}

void TestExplanation::everyStep_namesOnlyCallsItMade_data()
{
    QTest::addColumn<QString>("lesson");
    for (const LessonEntry &entry : LessonLibrary::builtInLessons())
        QTest::newRow(qPrintable(entry.name)) << entry.name;
}

// An explanation that says "close()" on a step that called abort() teaches the wrong call.
void TestExplanation::everyStep_namesOnlyCallsItMade()
{
    QFETCH(QString, lesson);
    LessonController controller;
    controller.setLesson(builtIn(lesson));
    controller.goToStep(controller.stepCount());
    QVERIFY(controller.stepCount() > 0);
    for (int step = 1; step <= controller.stepCount(); ++step) {
        const QString text = explanationOf(controller, step);
        const QString where = QStringLiteral("step %1: %2").arg(step).arg(text);
        if (text.contains(QStringLiteral("close()")))
            QVERIFY2(stepMadeCall(controller, step, Call::Close), qPrintable(where));
        if (text.contains(QStringLiteral("abort()")))
            QVERIFY2(stepMadeCall(controller, step, Call::Abort), qPrintable(where));
        // The model has no shutdown() call: no explanation may claim one.
        QVERIFY2(!text.contains(QStringLiteral("shutdown(")), qPrintable(where));
    }
}

void TestExplanation::closeAndAbort_nameTheCall_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<QString>("named");
    QTest::addColumn<QString>("notNamed");
    // §3.10.4/§3.10.5: CLOSE and ABORT both delete the TCB in LISTEN and SYN-SENT (one rule).
    QTest::newRow("abort in LISTEN") << "server listen\nserver abort\n" << "abort()" << "close()";
    QTest::newRow("close in LISTEN") << "server listen\nserver close\n" << "close()" << "abort()";
    QTest::newRow("abort in SYN-SENT") << "client connect\nclient abort\n" << "abort()" << "close()";
    QTest::newRow("close in SYN-SENT") << "client connect\nclient close\n" << "close()" << "abort()";
}

void TestExplanation::closeAndAbort_nameTheCall()
{
    QFETCH(QString, script);
    QFETCH(QString, named);
    QFETCH(QString, notNamed);
    LessonController controller;
    controller.setLesson(parsed(script.toUtf8().constData()));
    controller.goToStep(2);
    const QString text = explanationOf(controller, 2);
    QVERIFY2(text.contains(named) && !text.contains(notNamed), qPrintable(text));
}

void TestExplanation::timeWait_givesBothReasons_data()
{
    QTest::addColumn<QString>("lesson");
    QTest::newRow("handshake") << "handshake";
    QTest::newRow("lost-final-ack") << "lost-final-ack";
    QTest::newRow("server-closes-first") << "server-closes-first";
    QTest::newRow("simultaneous-close") << "simultaneous-close";
    QTest::newRow("half-close") << "half-close";
}

// TCP-FACTS "Why TIME-WAIT lasts 2×MSL (both reasons belong in the lesson)": wherever a side
// enters TIME-WAIT or re-ACKs a FIN there, the explanation names the lost last ACK and the old
// duplicates that must die out before the 4-tuple is used again; the lesson note does too.
void TestExplanation::timeWait_givesBothReasons()
{
    QFETCH(QString, lesson);
    LessonController controller;
    controller.setLesson(builtIn(lesson));
    controller.goToStep(controller.stepCount());
    int steps = 0;
    for (int step = 1; step <= controller.stepCount(); ++step) {
        if (!stepEntersTimeWait(controller, step))
            continue;
        ++steps;
        const QString text = explanationOf(controller, step);
        QVERIFY2(text.contains(QStringLiteral("lost")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("old duplicate")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("4-tuple")) && text.contains(QStringLiteral("2×MSL")), qPrintable(text));
    }
    QVERIFY(steps > 0);
    if (lesson == QLatin1String("handshake") || lesson == QLatin1String("lost-final-ack")) {
        const QString note = QString::fromStdString(controller.lesson().note);
        QVERIFY2(note.contains(QStringLiteral("lost")) && note.contains(QStringLiteral("old duplicate")), qPrintable(note));
    }
}

// TCP-FACTS transition table: "active OPEN (connect): choose ISS": the kernel chooses it.
void TestExplanation::activeOpen_kernelPicksIsn()
{
    const QString text = Explanation::ruleSentence(Rule::ClosedActiveOpen);
    QVERIFY2(text.contains(QStringLiteral("the kernel picks an initial sequence number")), qPrintable(text));
    QVERIFY(!text.contains(QStringLiteral("connect() picks")));
}

void TestExplanation::unacceptableSegment_saysWhy_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<QString>("says");
    // §3.10.7.4 "seventh": data that starts beyond RCV.NXT inside the window is out of order,
    // not an old duplicate (the model drops it and acknowledges RCV.NXT).
    QTest::newRow("out of order, inside the window")
        << "client isn 100\nserver isn 300\nserver listen\nclient connect\nclient deliver\nserver deliver\n"
           "client deliver\nclient send \"hi\"\nclient send \"yo\"\nclient drop\nclient deliver\n"
        << "out of order";
    // TCP-FACTS simultaneous open: the crossing SYN,ACK's SYN was already counted.
    QTest::newRow("already received")
        << "client isn 100\nserver isn 300\nclient connect\nserver connect\nclient deliver\nserver deliver\n"
           "client deliver\n"
        << "already received";
}

void TestExplanation::unacceptableSegment_saysWhy()
{
    QFETCH(QString, script);
    QFETCH(QString, says);
    LessonController controller;
    controller.setLesson(parsed(script.toUtf8().constData()));
    controller.goToStep(controller.stepCount());
    const auto &events = controller.simulation().events();
    const auto reply = std::find_if(events.begin(), events.end(), [](const Event &event) {
        return event.kind == EventKind::Send && event.rule == Rule::UnacceptableSegmentAck;
    });
    QVERIFY(reply != events.end());
    int step = 1;
    while (controller.eventCountAt(step) <= std::size_t(reply - events.begin()))
        ++step;
    const QString text = explanationOf(controller, step);
    QVERIFY2(text.contains(says), qPrintable(text));
    QVERIFY2(!text.contains(QStringLiteral("outside the receive window")), qPrintable(text));
}

// TCP-FACTS simultaneous open (Figure 7, literal reading): each side sends SYN, SYN,ACK and ACK,
// three segments each way, six in all, as the lesson note says.
void TestExplanation::simultaneousOpen_threeSegmentsEachWay()
{
    LessonController controller;
    controller.setLesson(builtIn(QStringLiteral("simultaneous-open")));
    controller.goToStep(controller.stepCount());
    const auto &events = controller.simulation().events();
    for (Side side : {Side::Client, Side::Server}) {
        const auto sent = std::count_if(events.begin(), events.end(), [side](const Event &event) {
            return event.kind == EventKind::Send && event.side == side;
        });
        QCOMPARE(sent, 3);
    }
    const QString note = QString::fromStdString(controller.lesson().note);
    QVERIFY2(note.contains(QStringLiteral("three segments each way")) && note.contains(QStringLiteral("six in all")),
             qPrintable(note));
    QVERIFY(!note.contains(QStringLiteral("four segments")));
}

// With no listen() there is no accept queue, and the SYN that crossed is the peer's.
void TestExplanation::simultaneousOpen_noAcceptQueue()
{
    LessonController controller;
    controller.setLesson(builtIn(QStringLiteral("simultaneous-open")));
    controller.goToStep(controller.stepCount());
    for (int step = 1; step <= controller.stepCount(); ++step) {
        const QString text = explanationOf(controller, step);
        QVERIFY2(!text.contains(QStringLiteral("accept queue")) || text.contains(QStringLiteral("no accept queue")),
                 qPrintable(text));
        QVERIFY2(!text.contains(QStringLiteral("client's own SYN")), qPrintable(text));
    }
}

// TCP-FACTS Timers: "MSL is 2 minutes in the RFC; TIME-WAIT lasts 2×MSL. Linux fixes TIME_WAIT
// at 60 s": the model's MSL is 30 s so that its TIME-WAIT lasts Linux's 60 s.
void TestExplanation::timeWait_lasts60sWithMsl30s()
{
    QCOMPARE(SimulationConfig{}.mslMs, 30000u);
    LessonController controller;
    controller.setLesson(builtIn(QStringLiteral("handshake")));
    controller.goToStep(controller.stepCount());
    std::uint64_t entered = 0;
    std::uint64_t left = 0;
    for (const Event &event : controller.simulation().events()) {
        if (event.kind == EventKind::Transition && event.side == Side::Client && event.to == TcpState::TimeWait)
            entered = event.time;
        if (event.kind == EventKind::Transition && event.side == Side::Client && event.from == TcpState::TimeWait)
            left = event.time;
    }
    QCOMPARE(left - entered, std::uint64_t(60000));
    const QString note = QString::fromStdString(controller.lesson().note);
    QVERIFY2(note.contains(QStringLiteral("MSL is 2 minutes")) && note.contains(QStringLiteral("fixes TIME-WAIT at 60 s")),
             qPrintable(note));
}

// TCP-FACTS Linux on the wire: "SYN retransmissions 1, 3, 7, 15, 31, 63 s, ETIMEDOUT at 127 s".
void TestExplanation::synRetries_linuxSchedule()
{
    LessonController controller;
    controller.setLesson(builtIn(QStringLiteral("syn-retries-exhausted")));
    controller.goToStep(controller.stepCount());
    std::vector<std::uint64_t> synTimes;
    std::uint64_t closedAt = 0;
    for (const Event &event : controller.simulation().events()) {
        if (event.kind == EventKind::Send && event.side == Side::Client && event.segment->has(Syn))
            synTimes.push_back(event.time);
        if (event.kind == EventKind::Transition && event.side == Side::Client && event.to == TcpState::Closed)
            closedAt = event.time;
    }
    QCOMPARE(synTimes, (std::vector<std::uint64_t>{0, 1000, 3000, 7000, 15000, 31000, 63000}));
    QCOMPARE(closedAt, std::uint64_t(127000));
}

void TestExplanation::gluedSends_explainedOnce_data()
{
    QTest::addColumn<QByteArray>("script");
    QTest::addColumn<int>("explainedAtStep"); // 0: never
    QTest::addColumn<QString>("gluedBytes");
    // Two sends queued before ESTABLISHED leave in one segment: one recv() returns "ab"; the
    // later sends, one recv() each, get no sentence.
    QTest::newRow("queued before ESTABLISHED")
        << QByteArray("server listen\nclient connect\nclient send \"a\"\nclient send \"b\"\nsettle\n"
                      "client send \"hi\"\nsettle\nclient send \"bye\"\nsettle\n")
        << 5 << QStringLiteral("ab");
    QTest::newRow("one send per recv")
        << QByteArray("server listen\nclient connect\nsettle\nclient send \"hi\"\nsettle\nclient send \"bye\"\n"
                      "settle\nserver send \"ok\"\nsettle\n")
        << 0 << QString();
}

// TCP is a byte stream (issue 9 item 7): the step where two send()s first come out of one
// recv() says why, in the explanation; no other step does.
void TestExplanation::gluedSends_explainedOnce()
{
    QFETCH(QByteArray, script);
    QFETCH(int, explainedAtStep);
    QFETCH(QString, gluedBytes);
    LessonController controller;
    controller.setAutoReply(false);
    controller.setLesson(parsed(script.constData()));
    controller.goToStep(controller.stepCount());
    const QString sentence = Explanation::byteStreamSentence();
    QVERIFY(sentence.contains(QLatin1String("byte stream")));
    for (int step = 1; step <= controller.stepCount(); ++step) {
        const bool explained = explanationOf(controller, step).contains(sentence);
        QVERIFY2(explained == (step == explainedAtStep), qPrintable(QStringLiteral("step %1").arg(step)));
        if (!explained)
            continue;
        // It is the step whose recv() returned both sends' bytes.
        const auto &events = controller.simulation().events();
        bool found = false;
        for (std::size_t i = controller.eventCountAt(step - 1); i < controller.eventCountAt(step); ++i) {
            const Event &event = events[i];
            found = found || (event.kind == EventKind::Return && event.call == Call::Recv
                              && QString::fromStdString(event.text) == gluedBytes);
        }
        QVERIFY(found);
    }
}

QTEST_GUILESS_MAIN(TestExplanation)
#include "tst_explanation.moc"
