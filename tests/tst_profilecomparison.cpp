// SPDX-License-Identifier: GPL-3.0-or-later
// Textbook versus Linux (core/session ProfileComparison): every built-in lesson run under both
// profiles, lined up by application call, with one sentence per place where they part.
#include "tcpsim/session/lessonlibrary.h"
#include "tcpsim/session/profilecomparison.h"

#include <QTest>

#include <algorithm>

using namespace tcpsim;
using Kind = ProfileComparison::Kind;

namespace {

Lesson builtIn(const QString &name)
{
    auto loaded = LessonLibrary::load(name);
    if (!std::holds_alternative<Lesson>(loaded))
        qFatal("built-in lesson %s does not load", qPrintable(name));
    return std::get<Lesson>(std::move(loaded));
}

QString kindName(Kind kind)
{
    switch (kind) {
    case Kind::Options: return QStringLiteral("options");
    case Kind::Timer: return QStringLiteral("timer");
    case Kind::State: return QStringLiteral("state");
    case Kind::Segments: break;
    }
    return QStringLiteral("segments");
}

// "segments:LinuxAbortRstAck", "options" (no rule)
QStringList summary(const ProfileComparison &comparison)
{
    QStringList lines;
    for (const ProfileComparison::Divergence &divergence : comparison.divergences()) {
        QString line = kindName(divergence.kind);
        if (divergence.rule != Rule::None)
            line += QLatin1Char(':') + QString::fromLatin1(ruleName(divergence.rule).data());
        lines << line;
    }
    return lines;
}

int sends(const ProfileComparison::Run &run)
{
    return static_cast<int>(std::count_if(run.events.begin(), run.events.end(),
                                          [](const Event &event) { return event.kind == EventKind::Send; }));
}

} // namespace

class TestProfileComparison : public QObject
{
    Q_OBJECT

private slots:
    void everyLesson_data();
    void everyLesson();
    void builtInLessons_data();
    void builtInLessons();
    void timeWaitLength();
    void sameProfileLessonNoDivergence();
    void finishesWhatIsInFlight();
};

void TestProfileComparison::everyLesson_data()
{
    QTest::addColumn<QString>("lesson");
    for (const LessonEntry &entry : LessonLibrary::builtInLessons())
        QTest::newRow(qPrintable(entry.name)) << entry.name;
}

// What holds for every built-in lesson: the lesson runs green under its own profile, the blocks
// hold every segment each run sent, the first SYNs' options are the first divergence, and every
// divergence has a sentence and points at segments or steps that exist.
void TestProfileComparison::everyLesson()
{
    QFETCH(QString, lesson);
    const Lesson parsed = builtIn(lesson);
    const ProfileComparison comparison = ProfileComparison::compare(parsed, SimulationConfig{});
    const Profile own = parsed.profile.value_or(Profile::Rfc9293);
    QCOMPARE(comparison.run(own).failedExpectations, 0);

    for (Profile profile : {Profile::Rfc9293, Profile::Linux}) {
        const int index = ProfileComparison::profileIndex(profile);
        int inBlocks = 0;
        for (const ProfileComparison::Block &block : comparison.blocks())
            inBlocks += static_cast<int>(block.segments[static_cast<std::size_t>(index)].size());
        QCOMPARE(inBlocks, sends(comparison.run(profile)));
        QCOMPARE(comparison.segmentCount(profile), inBlocks);
        QVERIFY(comparison.run(profile).lessonSteps > 0);
    }
    const auto &divergences = comparison.divergences();
    QVERIFY(!divergences.empty());
    QCOMPARE(divergences.front().kind, Kind::Options);
    QVERIFY(divergences.front().sentence.contains(QStringLiteral("MSS 1460")));
    QVERIFY(divergences.front().sentence.contains(QStringLiteral("MSS 65495, SACK-permitted, timestamps, window scale 7")));
    int previousBlock = 0;
    for (const ProfileComparison::Divergence &divergence : divergences) {
        QVERIFY2(!divergence.sentence.isEmpty(), qPrintable(kindName(divergence.kind)));
        QVERIFY(divergence.block >= previousBlock); // in lesson order
        previousBlock = divergence.block;
        for (Profile profile : {Profile::Rfc9293, Profile::Linux}) {
            const auto index = static_cast<std::size_t>(ProfileComparison::profileIndex(profile));
            const ProfileComparison::Run &run = comparison.run(profile);
            QVERIFY(divergence.markStep[index] >= 1);
            QVERIFY(divergence.markStep[index] < static_cast<int>(run.boundaries.size()));
            if (divergence.segmentId[index] != 0) {
                QVERIFY(std::any_of(run.events.begin(), run.events.end(), [&](const Event &event) {
                    return event.kind == EventKind::Send && event.segment->id == divergence.segmentId[index];
                }));
            }
        }
    }
}

void TestProfileComparison::builtInLessons_data()
{
    QTest::addColumn<QString>("lesson");
    QTest::addColumn<QStringList>("divergences");
    QTest::addColumn<int>("fewerUnderLinux"); // segments the Linux run saves
    QTest::addColumn<QString>("phrase");      // in the sentence of the second divergence

    // The client closes first; the server's FIN carries the delayed ACK: 3 segments, not 4.
    QTest::newRow("handshake") << QStringLiteral("handshake")
                               << QStringList{QStringLiteral("options"), QStringLiteral("segments:LinuxFinAckDelayed")}
                               << 1 << QStringLiteral("three segments instead of four");
    QTest::newRow("handshake-linux") << QStringLiteral("handshake-linux")
                                     << QStringList{QStringLiteral("options"), QStringLiteral("segments:LinuxFinAckDelayed")}
                                     << 1 << QStringLiteral("FIN, FIN+ACK, ACK");
    QTest::newRow("server-closes-first") << QStringLiteral("server-closes-first")
                                         << QStringList{QStringLiteral("options"), QStringLiteral("segments:LinuxFinAckDelayed")}
                                         << 1 << QStringLiteral("Client receives the FIN");
    // The client's application is slow: the same four segments, the ACK from the timer.
    QTest::newRow("server-closes-first-linux")
        << QStringLiteral("server-closes-first-linux")
        << QStringList{QStringLiteral("options"), QStringLiteral("timer:LinuxFinAckDelayed")} << 0
        << QStringLiteral("delayed-ACK timer");
    // Half-close: the server's data carries the ACK of the FIN.
    QTest::newRow("half-close") << QStringLiteral("half-close")
                                << QStringList{QStringLiteral("options"), QStringLiteral("segments:LinuxFinAckDelayed")}
                                << 1 << QStringLiteral("the data the application sends in time carries the ACK");
    QTest::newRow("abort") << QStringLiteral("abort")
                           << QStringList{QStringLiteral("options"), QStringLiteral("segments:LinuxAbortRstAck")} << 0
                           << QStringLiteral("RST,ACK with ACK = RCV.NXT");
    QTest::newRow("simultaneous-open")
        << QStringLiteral("simultaneous-open")
        << QStringList{QStringLiteral("options"), QStringLiteral("state:LinuxSimultaneousSynAck")} << 0
        << QStringLiteral("ESTABLISHED at once");
    // The FIN is retransmitted after Linux's 200 ms minimum RTO, not after 1 s.
    QTest::newRow("lost-final-ack")
        << QStringLiteral("lost-final-ack")
        << QStringList{QStringLiteral("options"), QStringLiteral("segments:LinuxFinAckDelayed"), QStringLiteral("timer")}
        << 1 << QStringLiteral("three segments instead of four");
    // Where both TCPs send the same segments, only the options part.
    for (const char *name : {"lost-syn", "connection-refused", "syn-retries-exhausted", "simultaneous-close"})
        QTest::newRow(name) << QString::fromLatin1(name) << QStringList{QStringLiteral("options")} << 0 << QString();
}

void TestProfileComparison::builtInLessons()
{
    QFETCH(QString, lesson);
    QFETCH(QStringList, divergences);
    QFETCH(int, fewerUnderLinux);
    QFETCH(QString, phrase);
    const ProfileComparison comparison = ProfileComparison::compare(builtIn(lesson), SimulationConfig{});
    QCOMPARE(summary(comparison), divergences);
    QCOMPARE(comparison.segmentCount(Profile::Rfc9293) - comparison.segmentCount(Profile::Linux), fewerUnderLinux);
    if (!phrase.isEmpty())
        QVERIFY2(comparison.divergences()[1].sentence.contains(phrase), qPrintable(comparison.divergences()[1].sentence));
    if (lesson == QLatin1String("lost-final-ack"))
        QVERIFY(comparison.divergences()[2].sentence.contains(QStringLiteral("after 1000 ms in the textbook and after 200 ms")));
    if (lesson == QLatin1String("abort")) {
        // The marker points at the RST and at the RST,ACK.
        const auto &divergence = comparison.divergences()[1];
        for (Profile profile : {Profile::Rfc9293, Profile::Linux}) {
            const auto index = static_cast<std::size_t>(ProfileComparison::profileIndex(profile));
            const auto &events = comparison.run(profile).events;
            const auto sent = std::find_if(events.begin(), events.end(), [&](const Event &event) {
                return event.kind == EventKind::Send && event.segment->id == divergence.segmentId[index];
            });
            QVERIFY(sent != events.end());
            QVERIFY(sent->segment->has(Flag::Rst));
            QCOMPARE(sent->segment->has(Flag::Ack), profile == Profile::Linux);
        }
    }
}

// --msl 120: the textbook's TIME-WAIT is 4 minutes, Linux's stays 60 s.
void TestProfileComparison::timeWaitLength()
{
    SimulationConfig config;
    config.mslMs = 120000;
    const ProfileComparison comparison = ProfileComparison::compare(builtIn(QStringLiteral("handshake")), config);
    const auto timer = std::find_if(comparison.divergences().begin(), comparison.divergences().end(),
                                    [](const auto &divergence) { return divergence.kind == Kind::Timer; });
    QVERIFY(timer != comparison.divergences().end());
    QVERIFY2(timer->sentence.contains(QStringLiteral("after 240 s in the textbook (2 × MSL) and after 60 s under Linux")),
             qPrintable(timer->sentence));
    QCOMPARE(timer->side, Side::Client);
}

// A lesson with no SYN and nothing Linux does differently: no divergence at all.
void TestProfileComparison::sameProfileLessonNoDivergence()
{
    const auto parsed = parseLesson("server listen\nexpect server LISTEN\nserver close\n", "t.tcp");
    const ProfileComparison comparison = ProfileComparison::compare(std::get<Lesson>(parsed), SimulationConfig{});
    QVERIFY(comparison.divergences().empty());
    QCOMPARE(comparison.blocks().size(), std::size_t(2));
    QCOMPARE(comparison.blocks()[1].call, QStringLiteral("server close"));
}

// A lesson that stops with segments in flight: both runs deliver them and fire the timers
// (TIME-WAIT), so both ladders end CLOSED; a very long lesson is compared as it ends.
void TestProfileComparison::finishesWhatIsInFlight()
{
    const auto parsed = parseLesson("server listen\nclient connect\nsettle\nclient close\nclient deliver\nserver close\n", "t.tcp");
    const ProfileComparison comparison = ProfileComparison::compare(std::get<Lesson>(parsed), SimulationConfig{});
    for (Profile profile : {Profile::Rfc9293, Profile::Linux}) {
        const ProfileComparison::Run &run = comparison.run(profile);
        QCOMPARE(run.lessonSteps, 6);
        QVERIFY(int(run.boundaries.size()) - 1 > run.lessonSteps);
        const bool timeWaitEnded = std::any_of(run.events.begin(), run.events.end(), [](const Event &event) {
            return event.kind == EventKind::Transition && event.from == TcpState::TimeWait && event.to == TcpState::Closed;
        });
        QVERIFY(timeWaitEnded);
    }
    // The close under Linux: FIN, FIN+ACK, ACK; under the textbook FIN, ACK, FIN, ACK.
    QCOMPARE(comparison.divergences().size(), std::size_t(2));
    QCOMPARE(comparison.divergences()[1].rule, Rule::LinuxFinAckDelayed);
    QCOMPARE(comparison.segmentCount(Profile::Rfc9293), 7);
    QCOMPARE(comparison.segmentCount(Profile::Linux), 6);

    std::string text = "server listen\nclient connect\nsettle\n";
    for (int i = 0; i < ProfileComparison::maxStepsToFinish; ++i)
        text += "client send \"x\"\nsettle\n";
    text += "client close\n";
    const auto longLesson = parseLesson(text, "long.tcp");
    const ProfileComparison long_ = ProfileComparison::compare(std::get<Lesson>(longLesson), SimulationConfig{});
    const ProfileComparison::Run &run = long_.run(Profile::Rfc9293);
    QCOMPARE(int(run.boundaries.size()) - 1, run.lessonSteps);
}

QTEST_GUILESS_MAIN(TestProfileComparison)
#include "tst_profilecomparison.moc"
