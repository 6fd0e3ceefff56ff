// SPDX-License-Identifier: GPL-3.0-or-later
// The ladder's layout as a value, without a widget: which arrows and labels a lesson's events
// make, where they sit, and what the newest step's animation has revealed at a given progress.
#include "tcpsim/render/appstyle.h"
#include "tcpsim/render/ladderlayout.h"
#include "tcpsim/session/lessoncontroller.h"
#include "tcpsim/session/lessonlibrary.h"

#include <QFont>
#include <QTest>

#include "labeloverlap.h"

#include <memory>

using namespace tcpsim;
Q_DECLARE_METATYPE(tcpsim::TcpState)

class TestLadderLayout : public QObject
{
    Q_OBJECT

private slots:
    void handshake_arrowsAndLabels();
    void place_ordersMomentsAndKeepsLabelsBetweenTimelines_data();
    void place_ordersMomentsAndKeepsLabelsBetweenTimelines();
    void reveal_followsProgress();
    void replyInTheSameStep_stateShownWithItsLabel_data();
    void replyInTheSameStep_stateShownWithItsLabel();
    void extend_stepByStep_equalsBuildingAnew_data();
    void extend_stepByStep_equalsBuildingAnew(); // and truncate, on Back
    void extend_afterBackOrAnotherLesson_refuses();
    void labels_neverOverlapNorElide_data();
    void labels_neverOverlapNorElide(); // every built-in lesson at every step
    void compact_fitsTheHandshakeIn389px();
    void timeScale_rowsOrderedByTime_data();
    void timeScale_rowsOrderedByTime();
    void timeScale_gapsProportionalUpToTheCap_compressedGapsLabelled();
    void lanes_oneClientKeepsTwoTimelines();
    void lanes_eachClientAndEachServerSocketHasItsOwn();
    void lanes_listenerStaysWhileConnectionsComeAndGo();
    void lanes_numbersAreEachConnectionsOwn();
    void lanes_refusedConnectionMarkedOnTheListener();
    void lanes_collapsedLaneHidesItsLabels();

private:
    static LadderLayout layoutAt(const QString &lesson, int step)
    {
        auto loaded = LessonLibrary::load(lesson);
        if (!std::holds_alternative<Lesson>(loaded))
            qFatal("cannot load %s", qPrintable(lesson));
        LessonController controller;
        controller.setLesson(std::get<Lesson>(loaded));
        controller.goToStep(step < 0 ? controller.stepCount() : step);
        return LadderLayout(controller.simulation().events(), controller.eventBoundaries(), NumberStyle::Symbolic);
    }
    static QFont font()
    {
        QFont f;
        f.setPixelSize(15);
        return f;
    }
};

void TestLadderLayout::handshake_arrowsAndLabels()
{
    LadderLayout layout = layoutAt(QStringLiteral("handshake"), 5); // the three segments delivered
    QCOMPARE(layout.newestStep(), 5);
    QCOMPARE(layout.arrows().size(), std::size_t(3));
    for (const LadderLayout::Arrow &arrow : layout.arrows())
        QCOMPARE(arrow.fate, LadderLayout::Fate::Delivered);
    QCOMPARE(layout.arrowText(layout.arrows()[0]).first(), QStringLiteral("SYN"));
    QCOMPARE(layout.arrowText(layout.arrows()[1]).at(1), QStringLiteral("seq=k ack=j+1"));
    layout.setNumberStyle(NumberStyle::Relative);
    QCOMPARE(layout.arrowText(layout.arrows()[1]).at(1), QStringLiteral("seq=0 ack=1"));
    // Each side's last state label is ESTABLISHED, and so is its last transition.
    for (Side side : {Side::Client, Side::Server}) {
        QString lastState;
        for (const LadderLayout::Label &label : layout.labels()) {
            if (label.side == side && label.kind == LadderLayout::LabelKind::State)
                lastState = label.text;
        }
        QCOMPARE(lastState, QStringLiteral("ESTABLISHED"));
        QCOMPARE(layout.lastRevealedTransition(side, LadderLayout::finished)->to, TcpState::Established);
    }
}

void TestLadderLayout::place_ordersMomentsAndKeepsLabelsBetweenTimelines_data()
{
    QTest::addColumn<QString>("lesson");
    QTest::addColumn<double>("width");
    for (const LessonEntry &entry : LessonLibrary::builtInLessons()) {
        for (double width : {640.0, 1100.0})
            QTest::addRow("%s %g", qPrintable(entry.name), width) << entry.name << width;
    }
}

void TestLadderLayout::place_ordersMomentsAndKeepsLabelsBetweenTimelines()
{
    QFETCH(QString, lesson);
    QFETCH(double, width);
    LadderLayout layout = layoutAt(lesson, -1);
    layout.place(font(), width);
    const LadderLayout::Geometry &g = layout.geometry();
    // Lanes mode gives some of the room between the timelines to the lanes beside them.
    QVERIFY(g.clientX > 0 && g.clientX + (layout.lanesMode() ? 160 : 200) <= g.serverX);
    double y = 0;
    for (const LadderLayout::Moment &moment : layout.moments()) {
        QVERIFY(moment.y > y);
        QVERIFY(moment.height > 0);
        y = moment.y;
    }
    QVERIFY(layout.contentHeight() > layout.nowY());
    for (const LadderLayout::Arrow &arrow : layout.arrows()) {
        const QRectF rect = layout.labelRect(arrow);
        // Between its ends: the two timelines (in lanes mode its own lanes, perhaps outer ones).
        const QLineF ends = layout.arrowLine(arrow);
        QVERIFY(rect.left() >= std::min(ends.x1(), ends.x2()));
        QVERIFY(rect.right() <= std::max(ends.x1(), ends.x2()));
        if (!layout.lanesMode())
            QVERIFY(rect.left() >= g.clientX);
        QVERIFY(rect.width() > 0 && rect.height() > 0);
        const QLineF line = layout.arrowLine(arrow);
        // From its sender's lane: the side's timeline, or in lanes mode one beside it.
        const LadderLayout::Lane &from = layout.lanes()[static_cast<std::size_t>(arrow.fromLane)];
        QCOMPARE(from.side, arrow.segment.from);
        QCOMPARE(line.p1().x(), layout.laneX(arrow.fromLane));
        if (!layout.lanesMode())
            QCOMPARE(line.p1().x(), arrow.segment.from == Side::Client ? g.clientX : g.serverX);
        QVERIFY(line.p2().y() >= line.p1().y());
    }
}

void TestLadderLayout::reveal_followsProgress()
{
    // Step 3 of the handshake: the SYN arrives at the server, which enters SYN-RECEIVED.
    LadderLayout layout = layoutAt(QStringLiteral("handshake"), 3);
    layout.place(font(), 800);
    QCOMPARE(layout.lastRevealedTransition(Side::Server, 0)->to, TcpState::Listen);
    QVERIFY(layout.revealedNewestTransitions(0).isEmpty());
    QCOMPARE(layout.lastRevealedTransition(Side::Server, LadderLayout::finished)->to, TcpState::SynReceived);
    QCOMPARE(layout.revealedNewestTransitions(LadderLayout::finished).size(), 1);
    QVERIFY(layout.revealedCount(0) < layout.revealedCount(LadderLayout::finished));
    QCOMPARE(int(layout.labels().size()), layout.revealedCount(LadderLayout::finished));
    // The arrow travels: nothing drawn at the start, the whole line at the end.
    const LadderLayout::Arrow &syn = layout.arrows().front();
    QCOMPARE(layout.arrowFraction(syn, 0), 0.5); // sent in step 2: half way, waiting
    QCOMPARE(layout.arrowFraction(syn, LadderLayout::finished), 1.0);
}

void TestLadderLayout::replyInTheSameStep_stateShownWithItsLabel_data()
{
    // Steps where an arriving segment makes the receiver reply in the same step (issue 9: the
    // state diagram kept the old state after the animation).
    QTest::addColumn<QString>("lesson");
    QTest::addColumn<int>("step");
    QTest::newRow("handshake 4") << QStringLiteral("handshake") << 4;
    QTest::newRow("handshake 17") << QStringLiteral("handshake") << 17;
    QTest::newRow("simultaneous-close 9") << QStringLiteral("simultaneous-close") << 9;
    QTest::newRow("simultaneous-open 3") << QStringLiteral("simultaneous-open") << 3;
}

void TestLadderLayout::replyInTheSameStep_stateShownWithItsLabel()
{
    QFETCH(QString, lesson);
    QFETCH(int, step);
    const LadderLayout layout = layoutAt(lesson, step);
    QVERIFY(!layout.transitions().empty());
    // At every point of the animation, each side's newest revealed state label names the state
    // its last revealed transition entered; at the end, that is the last transition.
    for (double progress = 0; progress <= layout.newestMomentCount() + 0.01; progress += 0.05) {
        for (Side side : {Side::Client, Side::Server}) {
            QString label;
            for (const LadderLayout::Label &candidate : layout.labels()) {
                if (candidate.side == side && candidate.kind == LadderLayout::LabelKind::State
                    && layout.isRevealed(candidate, progress))
                    label = candidate.text;
            }
            const auto transition = layout.lastRevealedTransition(side, progress);
            const TcpState state = transition ? transition->to : TcpState::Closed;
            QVERIFY2(label == QString::fromLatin1(stateName(state)),
                     qPrintable(QStringLiteral("progress %1, %2: label %3, transition to %4")
                                    .arg(progress)
                                    .arg(QString::fromStdString(std::string(sideName(side))), label,
                                         QString::fromLatin1(stateName(state)))));
        }
    }
    QCOMPARE(layout.revealedTransitionCount(layout.newestMomentCount()), int(layout.transitions().size()));
}

void TestLadderLayout::extend_stepByStep_equalsBuildingAnew_data()
{
    QTest::addColumn<QString>("lesson");
    QTest::addColumn<bool>("compact");
    QTest::addColumn<bool>("timeScale");
    for (const LessonEntry &entry : LessonLibrary::builtInLessons()) {
        QTest::addRow("%s", qPrintable(entry.name)) << entry.name << false << false;
        QTest::addRow("%s compact", qPrintable(entry.name)) << entry.name << true << false;
        QTest::addRow("%s time", qPrintable(entry.name)) << entry.name << false << true;
        QTest::addRow("%s compact time", qPrintable(entry.name)) << entry.name << true << true;
    }
    // Labels that grow step by step: the client's column widens again and again, its labels
    // wrap less each time, and the server's long ones wrap in a column that stays.
    QTest::addRow("wider labels") << QStringLiteral("wider labels") << false << false;
    QTest::addRow("wider labels compact") << QStringLiteral("wider labels") << true << false;
}

// A built-in lesson, or "wider labels": messages one word longer at each exchange.
static std::variant<Lesson, ScriptError> lessonForLayoutTest(const QString &name)
{
    if (name != QLatin1String("wider labels"))
        return LessonLibrary::load(name);
    QByteArray text = "client isn 100\nserver isn 300\nserver listen\nclient connect\nsettle\nserver accept\n";
    QByteArray message = "m alpha beta gamma";
    for (int i = 0; i < 14; ++i) {
        message += " word" + QByteArray::number(i) + " more" + QByteArray::number(i);
        text += "client send \"" + message + "\"\nclient deliver\nserver deliver\n";
        text += "server send \"Hello, " + message + "\"\nserver deliver\nclient deliver\n";
    }
    return LessonLibrary::parse(text, QStringLiteral("wider.tcp"));
}

// A layout changed step by step must equal one built from the same events.
static void compareLayouts(const LadderLayout &changed, const LadderLayout &anew, int step)
{
    const QByteArray where = QByteArray("step ") + QByteArray::number(step);
    QCOMPARE(changed.newestStep(), anew.newestStep());
    QCOMPARE(changed.firstNewestMoment(), anew.firstNewestMoment());
    QCOMPARE(changed.contentHeight(), anew.contentHeight());
    QCOMPARE(changed.geometry().clientX, anew.geometry().clientX);
    QCOMPARE(changed.events(), anew.events());
    QCOMPARE(changed.moments().size(), anew.moments().size());
    for (std::size_t i = 0; i < anew.moments().size(); ++i) {
        QVERIFY2(changed.moments()[i].y == anew.moments()[i].y, where.constData());
        QVERIFY2(changed.moments()[i].height == anew.moments()[i].height, where.constData());
    }
    QCOMPARE(changed.arrows().size(), anew.arrows().size());
    for (std::size_t i = 0; i < anew.arrows().size(); ++i) {
        const LadderLayout::Arrow &a = changed.arrows()[i];
        const LadderLayout::Arrow &b = anew.arrows()[i];
        QVERIFY2(a.segment == b.segment && a.fate == b.fate && a.sendMoment == b.sendMoment
                     && a.endMoment == b.endMoment && a.endStep == b.endStep && a.injected == b.injected,
                 where.constData());
        QCOMPARE(changed.arrowText(a), anew.arrowText(b));
    }
    QCOMPARE(changed.labels().size(), anew.labels().size());
    for (std::size_t i = 0; i < anew.labels().size(); ++i) {
        QCOMPARE(changed.labels()[i].text, anew.labels()[i].text);
        QCOMPARE(changed.labels()[i].row, anew.labels()[i].row);
        QCOMPARE(changed.labels()[i].moment, anew.labels()[i].moment);
        QCOMPARE(changed.labels()[i].lines, anew.labels()[i].lines);
    }
    const std::vector<QRectF> changedRects = changed.labelRects();
    const std::vector<QRectF> anewRects = anew.labelRects();
    QCOMPARE(changedRects.size(), anewRects.size());
    for (std::size_t i = 0; i < anewRects.size(); ++i)
        QVERIFY2(changedRects[i] == anewRects[i], (where + " label box " + QByteArray::number(quint64(i))).constData());
    QCOMPARE(changed.timeMarks().size(), anew.timeMarks().size());
    for (std::size_t i = 0; i < anew.timeMarks().size(); ++i)
        QCOMPARE(changed.timeMarks()[i].text, anew.timeMarks()[i].text);
    QCOMPARE(changed.transitions().size(), anew.transitions().size());
    for (std::size_t i = 0; i < anew.transitions().size(); ++i)
        QCOMPARE(changed.transitions()[i].revealAt, anew.transitions()[i].revealAt);
    QCOMPARE(changed.revealedCount(0.5), anew.revealedCount(0.5));
}

// The window lays out only the new step when stepping on and drops only the last one on Back:
// at every step of every built-in lesson, forwards then back to the start, the layout must be
// exactly the one built from all events.
void TestLadderLayout::extend_stepByStep_equalsBuildingAnew()
{
    QFETCH(QString, lesson);
    QFETCH(bool, compact);
    QFETCH(bool, timeScale);
    auto loaded = lessonForLayoutTest(lesson);
    QVERIFY(std::holds_alternative<Lesson>(loaded));
    LessonController controller;
    controller.setLesson(std::get<Lesson>(loaded));
    LadderLayout changed(controller.simulation().events(), controller.eventBoundaries(), NumberStyle::Symbolic);
    changed.setCompact(compact);
    changed.setTimeScale(timeScale);
    changed.place(font(), 900);
    const auto check = [&] {
        LadderLayout anew(controller.simulation().events(), controller.eventBoundaries(), NumberStyle::Symbolic);
        anew.setCompact(compact);
        anew.setTimeScale(timeScale);
        anew.place(font(), 900);
        compareLayouts(changed, anew, controller.currentStep());
    };
    while (controller.currentStep() < controller.stepCount()) {
        controller.stepForward();
        QVERIFY(changed.extend(controller.simulation().events(), controller.eventBoundaries()));
        check();
        if (QTest::currentTestFailed())
            return;
    }
    while (controller.canStepBack()) {
        controller.stepBack();
        QVERIFY(!changed.extend(controller.simulation().events(), controller.eventBoundaries()));
        QVERIFY(changed.truncate(controller.simulation().events(), controller.eventBoundaries()));
        check();
        if (QTest::currentTestFailed())
            return;
    }
}

void TestLadderLayout::extend_afterBackOrAnotherLesson_refuses()
{
    auto loaded = LessonLibrary::load(QStringLiteral("handshake"));
    QVERIFY(std::holds_alternative<Lesson>(loaded));
    LessonController controller;
    controller.setLesson(std::get<Lesson>(loaded));
    controller.goToStep(6);
    // A layout never built (the view's before its first lesson) is built anew, not extended.
    LadderLayout empty;
    QVERIFY(!empty.extend(controller.simulation().events(), controller.eventBoundaries()));
    QVERIFY(!empty.truncate(controller.simulation().events(), controller.eventBoundaries()));
    LadderLayout layout(controller.simulation().events(), controller.eventBoundaries(), NumberStyle::Symbolic);
    controller.stepBack();
    QVERIFY(!layout.extend(controller.simulation().events(), controller.eventBoundaries()));
    QCOMPARE(layout.newestStep(), 6); // unchanged
    controller.goToStep(7);
    QVERIFY(!layout.truncate(controller.simulation().events(), controller.eventBoundaries()));
    QCOMPARE(layout.newestStep(), 6);

    // Another lesson whose step 2 differs (the SYN's ISN) has as many steps and more: refused.
    const auto controllerFor = [](const char *text, int step) {
        auto parsed = LessonLibrary::parse(QByteArray(text), QStringLiteral("isn.tcp"));
        if (!std::holds_alternative<Lesson>(parsed))
            qFatal("test lesson does not parse");
        auto lessonController = std::make_unique<LessonController>();
        lessonController->setLesson(std::get<Lesson>(std::move(parsed)));
        lessonController->goToStep(step);
        return lessonController;
    };
    const auto first = controllerFor("client isn 100\nserver listen\nclient connect\nclient deliver\n", 2);
    const auto second = controllerFor("client isn 200\nserver listen\nclient connect\nclient deliver\n", 3);
    LadderLayout shorter(first->simulation().events(), first->eventBoundaries(), NumberStyle::Symbolic);
    QCOMPARE(first->eventBoundaries().size(), std::size_t(3));
    QVERIFY(!shorter.extend(second->simulation().events(), second->eventBoundaries()));
    // Nor is its step 1 this one's step 1 once the ISN differs in what is kept.
    const auto secondAtStep2 = controllerFor("client isn 200\nserver listen\nclient connect\nclient deliver\n", 2);
    LadderLayout longer(secondAtStep2->simulation().events(), secondAtStep2->eventBoundaries(), NumberStyle::Symbolic);
    const auto firstAtStep1 = controllerFor("client isn 100\nserver listen\nclient connect\nclient deliver\n", 1);
    QVERIFY(longer.truncate(firstAtStep1->simulation().events(), firstAtStep1->eventBoundaries())
            == (firstAtStep1->simulation().events() == std::vector<Event>(secondAtStep2->simulation().events().begin(),
                                                                          secondAtStep2->simulation().events().begin()
                                                                              + static_cast<std::ptrdiff_t>(firstAtStep1->simulation().events().size()))));
    // The same lesson one step on: extended.
    const auto same = controllerFor("client isn 100\nserver listen\nclient connect\nclient deliver\n", 3);
    QVERIFY(shorter.extend(same->simulation().events(), same->eventBoundaries()));
    QCOMPARE(shorter.newestStep(), 3);
}

void TestLadderLayout::labels_neverOverlapNorElide_data()
{
    // The ladder's width in the default window at 1024x768 (598 in Chinese, 638 in English) and
    // 1280x720 (788; tst_ladderlabels checks the window itself), and a wide one; every mode.
    QTest::addColumn<QString>("lesson");
    QTest::addColumn<double>("width");
    QTest::addColumn<bool>("compact");
    QTest::addColumn<bool>("timeScale");
    for (const LessonEntry &entry : LessonLibrary::builtInLessons()) {
        for (double width : {598.0, 638.0, 788.0, 1200.0}) {
            for (int mode = 0; mode < 4; ++mode)
                QTest::addRow("%s %g %s%s", qPrintable(entry.name), width, mode & 1 ? "compact" : "normal",
                              mode & 2 ? " time" : "")
                    << entry.name << width << bool(mode & 1) << bool(mode & 2);
        }
    }
}

void TestLadderLayout::labels_neverOverlapNorElide()
{
    QFETCH(QString, lesson);
    QFETCH(double, width);
    QFETCH(bool, compact);
    QFETCH(bool, timeScale);
    auto loaded = LessonLibrary::load(lesson);
    QVERIFY(std::holds_alternative<Lesson>(loaded));
    LessonController controller;
    controller.setLesson(std::get<Lesson>(loaded));
    QFont type;
    type.setPixelSize(AppStyle::minimumPixelSize);
    for (int step = 0; step <= controller.stepCount(); ++step) {
        controller.goToStep(step);
        LadderLayout layout(controller.simulation().events(), controller.eventBoundaries(), NumberStyle::Symbolic);
        layout.setCompact(compact);
        layout.setTimeScale(timeScale);
        layout.place(type, width);
        if (compact)
            layout.compressTo(1e9); // as Fit all does: rows apart until no labels meet
        const QString overlap = overlappingLabels(layout);
        QVERIFY2(overlap.isEmpty(), qPrintable(QStringLiteral("step %1: %2").arg(step).arg(overlap)));
        QVERIFY2(!layout.clipped(), qPrintable(QStringLiteral("step %1: a label clipped").arg(step)));
        for (const LadderLayout::Label &label : layout.labels()) {
            QCOMPARE(label.lines.join(QString()).remove(QLatin1Char(' ')), QString(label.text).remove(QLatin1Char(' ')));
        }
    }
}

// The 19-step handshake in the ladder of the default 1280x720 window (774x389): compact, the
// type at its readable minimum, it fits with nothing overlapping.
void TestLadderLayout::compact_fitsTheHandshakeIn389px()
{
    LadderLayout layout = layoutAt(QStringLiteral("handshake"), -1);
    QCOMPARE(layout.newestStep(), 19);
    QFont type;
    type.setPixelSize(AppStyle::minimumPixelSize);
    layout.place(type, 774);
    const double normal = layout.contentHeight();
    layout.setCompact(true);
    layout.place(type, 774);
    layout.compressTo(389);
    QVERIFY2(layout.contentHeight() <= 389, qPrintable(QStringLiteral("%1 px (normal rows: %2)").arg(layout.contentHeight()).arg(normal)));
    QVERIFY2(overlappingLabels(layout).isEmpty(), qPrintable(overlappingLabels(layout)));
    QVERIFY(!layout.clipped());
}

void TestLadderLayout::timeScale_rowsOrderedByTime_data()
{
    QTest::addColumn<QString>("lesson");
    for (const LessonEntry &entry : LessonLibrary::builtInLessons())
        QTest::newRow(qPrintable(entry.name)) << entry.name;
}

void TestLadderLayout::timeScale_rowsOrderedByTime()
{
    QFETCH(QString, lesson);
    LadderLayout layout = layoutAt(lesson, -1);
    layout.setTimeScale(true);
    layout.place(font(), 900);
    const auto &moments = layout.moments();
    for (std::size_t i = 1; i < moments.size(); ++i) {
        QVERIFY(moments[i].time >= moments[i - 1].time);
        QVERIFY(moments[i].y > moments[i - 1].y);
        // Later in time is lower, and never closer than without the time scale.
        QVERIFY(moments[i].y - moments[i - 1].y >= moments[i - 1].need - 1e-9);
    }
    QVERIFY(layout.geometry().rulerX > 0);
    QVERIFY(layout.geometry().rulerX < layout.geometry().labelsLeft);
}

void TestLadderLayout::timeScale_gapsProportionalUpToTheCap_compressedGapsLabelled()
{
    // The SYN is sent 7 times (1, 2, 4, 8, 16, 32 s apart), then the connection times out.
    LadderLayout layout = layoutAt(QStringLiteral("syn-retries-exhausted"), -1);
    layout.setTimeScale(true);
    layout.place(font(), 900);
    const double perSecond = layout.pixelsPerSecond();
    QVERIFY(perSecond > 0);
    const auto &moments = layout.moments();
    QList<std::uint64_t> waits; // the gaps of a second or more
    int proportional = 0;
    for (std::size_t i = 1; i < moments.size(); ++i) {
        const std::uint64_t ms = moments[i].time - moments[i - 1].time;
        if (ms < 1000)
            continue;
        waits.append(ms);
        const double distance = moments[i].y - moments[i - 1].y;
        const double seconds = static_cast<double>(ms) / 1000;
        if (seconds <= LadderLayout::maxGapSeconds) {
            QCOMPARE(distance, perSecond * seconds); // proportional
            ++proportional;
            for (const LadderLayout::TimeMark &mark : layout.timeMarks())
                QVERIFY(!(mark.gap && mark.moment == int(i - 1)));
        } else {
            QCOMPARE(distance, perSecond * LadderLayout::maxGapSeconds); // compressed
            bool labelled = false;
            for (const LadderLayout::TimeMark &mark : layout.timeMarks()) {
                if (mark.gap && mark.moment == int(i - 1)) {
                    labelled = true;
                    QCOMPARE(mark.ms, ms);
                    QCOMPARE(mark.text, QStringLiteral("… %1 s").arg(ms / 1000));
                    QVERIFY(mark.y > moments[i - 1].y && mark.y < moments[i].y);
                }
            }
            QVERIFY2(labelled, qPrintable(QStringLiteral("the %1 ms gap").arg(ms)));
        }
    }
    // ... and the last one's 64 s until the connection times out.
    QCOMPARE(waits, (QList<std::uint64_t>{1000, 2000, 4000, 8000, 16000, 32000, 64000}));
    QCOMPARE(proportional, 3); // 1, 2 and 4 s; 8 s and more compressed
    // The handshake's TIME-WAIT: 60 s, compressed and labelled.
    LadderLayout handshake = layoutAt(QStringLiteral("handshake"), -1);
    handshake.setTimeScale(true);
    handshake.place(font(), 900);
    bool timeWait = false;
    for (const LadderLayout::TimeMark &mark : handshake.timeMarks())
        timeWait = timeWait || (mark.gap && mark.ms == 60000 && mark.text == QStringLiteral("… 60 s"));
    QVERIFY(timeWait);
}

QTEST_MAIN(TestLadderLayout)
#include "tst_ladderlayout.moc"

// A lesson of one client keeps the two timelines it always had.
void TestLadderLayout::lanes_oneClientKeepsTwoTimelines()
{
    LadderLayout layout = layoutAt(QStringLiteral("handshake"), -1);
    layout.place(font(), 900);
    QVERIFY(!layout.lanesMode());
    QCOMPARE(layout.lanes().size(), std::size_t(2));
    QCOMPARE(layout.laneX(0), layout.geometry().clientX);
    QCOMPARE(layout.laneX(1), layout.geometry().serverX);
    QCOMPARE(layout.geometry().tagRow, 0.0);
    for (const LadderLayout::Label &label : layout.labels())
        QVERIFY2(!label.text.contains(QLatin1Char(':')), qPrintable(label.text)); // no owner before it
}

// accept-queue: four clients, a listener and four connections, each on a lane of its own; every
// label and arrow on the lane of the socket it belongs to.
void TestLadderLayout::lanes_eachClientAndEachServerSocketHasItsOwn()
{
    LadderLayout layout = layoutAt(QStringLiteral("accept-queue"), -1);
    layout.place(font(), 900);
    QVERIFY(layout.lanesMode());
    const auto &lanes = layout.lanes();
    QCOMPARE(lanes.size(), std::size_t(9));
    const auto find = [&](Side side, HostId host, HostId peer) {
        for (std::size_t i = 0; i < lanes.size(); ++i) {
            if (lanes[i].side == side && lanes[i].host == host && lanes[i].peer == peer)
                return static_cast<int>(i);
        }
        return -1;
    };
    const int listener = find(Side::Server, serverHost, noHost);
    QVERIFY(listener >= 0);
    QCOMPARE(lanes[static_cast<std::size_t>(listener)].rank, 0);
    QCOMPARE(layout.laneX(listener), layout.geometry().serverX);
    for (HostId client = 1; client <= 4; ++client) {
        const int own = find(Side::Client, client, noHost);
        const int connection = find(Side::Server, serverHost, client);
        QVERIFY(own >= 0 && connection >= 0);
        // Outwards from each side's timeline in the clients' order.
        QCOMPARE(lanes[static_cast<std::size_t>(own)].rank, client - 1);
        QCOMPARE(lanes[static_cast<std::size_t>(connection)].rank, int(client));
        QVERIFY(layout.laneX(own) <= layout.geometry().clientX);
        QVERIFY(layout.laneX(connection) > layout.geometry().serverX);
        QCOMPARE(layout.laneTag(own), QStringLiteral("c%1").arg(client));
        QCOMPARE(layout.laneTag(connection), QStringLiteral("c%1").arg(client));
        // Its tag above its timeline, in the header.
        const QRectF tag = layout.laneTagRect(own);
        QVERIFY(tag.contains(QPointF(layout.laneX(own), tag.center().y())));
        QVERIFY(tag.bottom() <= layout.geometry().header);
        QCOMPARE(layout.laneTagAt(tag.center()), own);
        QCOMPARE(layout.laneAt(QPointF(layout.laneX(connection) + 3, layout.nowY())), connection);
    }
    QCOMPARE(layout.laneTag(listener), QStringLiteral("L"));
    // Every state change on its socket's lane, and its label names the socket.
    for (const LadderLayout::Transition &transition : layout.transitions()) {
        const LadderLayout::Lane &lane = lanes[static_cast<std::size_t>(transition.lane)];
        QCOMPARE(lane.host, transition.host);
        if (lane.side == Side::Server)
            QCOMPARE(lane.peer, transition.peer);
    }
    for (const LadderLayout::Label &label : layout.labels()) {
        const LadderLayout::Lane &lane = lanes[static_cast<std::size_t>(label.lane)];
        QCOMPARE(label.side, lane.side);
        if (label.moment == 0)
            continue;
        if (lane.side == Side::Client)
            QVERIFY2(label.text.startsWith(QString::fromStdString(hostName(lane.host)) + QStringLiteral(": ")),
                     qPrintable(label.text));
        else if (lane.peer == noHost)
            QVERIFY2(label.text.startsWith(QStringLiteral("listener")), qPrintable(label.text));
        else
            QVERIFY2(label.text.contains(QStringLiteral("↔ ") + QString::fromStdString(hostName(lane.peer))),
                     qPrintable(label.text));
    }
    // The queued connection has no descriptor yet; accept() gives it one (4, 5, 6, 7).
    const auto labelled = [&](const QString &text) {
        return std::any_of(layout.labels().begin(), layout.labels().end(),
                           [&](const LadderLayout::Label &label) { return label.text == text; });
    };
    QVERIFY(labelled(QStringLiteral("↔ client2 (queue): SYN-RECEIVED")));
    QVERIFY(labelled(QStringLiteral("↔ client3 (queue): ESTABLISHED")));
    QVERIFY(labelled(QStringLiteral("fd 5 ↔ client2: accept() returns")));
    QVERIFY(labelled(QStringLiteral("client3: SYN-SENT")));
    QVERIFY(labelled(QStringLiteral("listener fd 3: LISTEN")));
    // Each segment from its sender's lane; a client's SYN to the listener, the rest to the
    // connection with that client, and the server's to its client.
    for (const LadderLayout::Arrow &arrow : layout.arrows()) {
        const LadderLayout::Lane &from = lanes[static_cast<std::size_t>(arrow.fromLane)];
        const LadderLayout::Lane &to = lanes[static_cast<std::size_t>(arrow.toLane)];
        const HostId client = arrow.segment.clientHost;
        QCOMPARE(from.side, arrow.segment.from);
        QCOMPARE(to.side, peerOf(arrow.segment.from));
        if (arrow.segment.from == Side::Client) {
            QCOMPARE(from.host, client);
            QCOMPARE(to.peer, arrow.segment.has(Syn) && !arrow.segment.has(Ack) ? noHost : client);
        } else {
            QCOMPARE(from.peer, client);
            QCOMPARE(to.host, client);
        }
        QCOMPARE(layout.arrowLine(arrow).p1().x(), layout.laneX(arrow.fromLane));
        QCOMPARE(layout.arrowLine(arrow).p2().x(), layout.laneX(arrow.toLane));
        // Its label's corner names the connection: arrows of four pairs run side by side.
        QCOMPARE(layout.cornerText(arrow), QString::fromStdString(hostName(client)));
    }
    QVERIFY(overlappingLabels(layout).isEmpty());
}

// Two clients; the first one's connection torn down to CLOSED (its lane's line ends there)
// while the listener, still in LISTEN, stays to the end.
void TestLadderLayout::lanes_listenerStaysWhileConnectionsComeAndGo()
{
    const QByteArray script = "client isn 100\nclient2 isn 500\nserver isn 300\nserver listen\n"
                              "client connect\nclient deliver\nserver deliver\nclient deliver\nserver accept\n"
                              "client2 connect\nclient2 deliver\nserver.client2 deliver\nclient2 deliver\n"
                              "client close\nclient deliver\nserver.client deliver\nserver.client close\n"
                              "server.client deliver\nclient deliver\nexpect server.client CLOSED\n"
                              "expect server.listener LISTEN\n";
    auto loaded = LessonLibrary::parse(script, QStringLiteral("lanes.tcp"));
    QVERIFY(std::holds_alternative<Lesson>(loaded));
    LessonController controller;
    controller.setLesson(std::get<Lesson>(loaded));
    controller.goToStep(controller.stepCount());
    for (const Event &event : controller.simulation().events()) {
        if (event.kind == EventKind::Expect)
            QVERIFY2(event.passed, event.text.c_str());
    }
    LadderLayout layout(controller.simulation().events(), controller.eventBoundaries(), NumberStyle::Symbolic);
    layout.place(font(), 900);
    QVERIFY(layout.lanesMode());
    const auto &lanes = layout.lanes();
    int listener = -1;
    int first = -1;
    for (std::size_t i = 0; i < lanes.size(); ++i) {
        if (lanes[i].side == Side::Server && lanes[i].peer == noHost)
            listener = static_cast<int>(i);
        if (lanes[i].side == Side::Server && lanes[i].peer == firstClientHost)
            first = static_cast<int>(i);
    }
    QVERIFY(listener >= 0 && first >= 0);
    QCOMPARE(lanes[static_cast<std::size_t>(listener)].spans.back().second, -1);
    const auto &spans = lanes[static_cast<std::size_t>(first)].spans;
    QVERIFY(!spans.empty());
    QVERIFY2(spans.front().first > 0, "the connection comes into being at its SYN, not at step 0");
    QVERIFY2(spans.front().second > spans.front().first, "and goes at CLOSED");
    std::vector<QString> listenerStates;
    int closedAt = -1;
    for (const LadderLayout::Transition &transition : layout.transitions()) {
        if (transition.lane == listener)
            listenerStates.push_back(QString::fromLatin1(stateName(transition.to)));
        if (transition.lane == first && transition.to == TcpState::Closed)
            closedAt = transition.moment;
    }
    QCOMPARE(listenerStates, std::vector<QString>{QStringLiteral("LISTEN")});
    QCOMPARE(spans.front().second, closedAt);
}

// client2's numbers are its own connection's: its SYN is seq=j, not j plus the distance from
// the first client's ISN.
void TestLadderLayout::lanes_numbersAreEachConnectionsOwn()
{
    LadderLayout layout = layoutAt(QStringLiteral("accept-queue"), -1);
    int checked = 0;
    for (const LadderLayout::Arrow &arrow : layout.arrows()) {
        if (arrow.segment.clientHost != 2 || !arrow.segment.has(Syn))
            continue;
        QCOMPARE(layout.arrowText(arrow).at(1), arrow.segment.has(Ack) ? QStringLiteral("seq=k ack=j+1")
                                                                        : QStringLiteral("seq=j"));
        ++checked;
    }
    QCOMPARE(checked, 2);
    layout.setNumberStyle(NumberStyle::Absolute);
    for (const LadderLayout::Arrow &arrow : layout.arrows()) {
        if (arrow.segment.clientHost == 2 && arrow.segment.has(Syn) && !arrow.segment.has(Ack))
            QCOMPARE(layout.arrowText(arrow).at(1), QStringLiteral("seq=500")); // client2 isn 500
    }
}

// backlog-overflow: the SYN the full accept queue drops is marked on the listener's lane.
void TestLadderLayout::lanes_refusedConnectionMarkedOnTheListener()
{
    LadderLayout layout = layoutAt(QStringLiteral("backlog-overflow"), 15);
    int marks = 0;
    for (const LadderLayout::Label &label : layout.labels()) {
        if (label.kind != LadderLayout::LabelKind::Error || !label.text.contains(QStringLiteral("accept queue full")))
            continue;
        const LadderLayout::Lane &lane = layout.lanes()[static_cast<std::size_t>(label.lane)];
        QCOMPARE(lane.side, Side::Server);
        QCOMPARE(lane.peer, noHost);
        QVERIFY(label.onArrival);
        ++marks;
    }
    QVERIFY(layout.labels().back().text == QStringLiteral("listener fd 3: SYN from client4 dropped: accept queue full"));
    QCOMPARE(marks, 2); // client3's SYN, then client4's
}

// A collapsed lane's labels and its arrows' labels are hidden; the ladder gets no taller.
void TestLadderLayout::lanes_collapsedLaneHidesItsLabels()
{
    LadderLayout open = layoutAt(QStringLiteral("accept-queue"), -1);
    open.place(font(), 900);
    LadderLayout collapsed = layoutAt(QStringLiteral("accept-queue"), -1);
    int client2 = -1;
    for (std::size_t i = 0; i < collapsed.lanes().size(); ++i) {
        if (collapsed.lanes()[i].side == Side::Client && collapsed.lanes()[i].host == 2)
            client2 = static_cast<int>(i);
    }
    QVERIFY(client2 >= 0);
    collapsed.setCollapsedLanes({collapsed.lanes()[static_cast<std::size_t>(client2)].key()});
    collapsed.place(font(), 900);
    QVERIFY(collapsed.isCollapsed(client2));
    int hidden = 0;
    for (const LadderLayout::Label &label : collapsed.labels()) {
        QCOMPARE(collapsed.isHidden(label), label.lane == client2);
        hidden += collapsed.isHidden(label) ? 1 : 0;
    }
    QVERIFY(hidden >= 4);
    int hiddenArrows = 0;
    for (const LadderLayout::Arrow &arrow : collapsed.arrows()) {
        const bool itsPair = arrow.fromLane == client2 || arrow.toLane == client2;
        QCOMPARE(collapsed.isLabelHidden(arrow), itsPair);
        QCOMPARE(collapsed.labelRect(arrow).isEmpty(), itsPair);
        hiddenArrows += itsPair ? 1 : 0;
    }
    QCOMPARE(hiddenArrows, 3); // client2's handshake
    QCOMPARE(collapsed.labelRects().size() + std::size_t(hidden + hiddenArrows), open.labelRects().size());
    QVERIFY(collapsed.contentHeight() <= open.contentHeight());
    QVERIFY(overlappingLabels(collapsed).isEmpty());
}
