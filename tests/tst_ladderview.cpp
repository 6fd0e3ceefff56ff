// SPDX-License-Identifier: GPL-3.0-or-later
// The ladder diagram: arrows and their fates, the animation, clicking an arrow.
#include "ladderview.h"
#include "tcpsim/render/appstyle.h"
#include "tcpsim/session/lessoncontroller.h"
#include "tcpsim/session/lessonlibrary.h"

#include <QContextMenuEvent>
#include <QMenu>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTimer>
#include <QTest>

using namespace tcpsim;

class TestLadderView : public QObject
{
    Q_OBJECT

private slots:
    void lostSegment_showsLostArrowAndRetransmission();
    void animation_revealsReceiverStateOnArrival();
    void noTimerRunsWhenIdle();
    void numberStyles();
    void clickingArrow_emitsIndex();
    void click_inspects_shiftClickLosesInFlightSegment();
    void contextMenu_losesInFlightSegment();
    void longLesson_scrolls();
    void fitAll_compressesTheHandshake();
    void fitAll_tooLongForReadableType_stillScrolls();

private:
    static Lesson lesson(const char *text)
    {
        auto parsed = parseLesson(text, "test.tcp");
        if (auto *error = std::get_if<ScriptError>(&parsed))
            qFatal("%s", error->toString().c_str());
        return std::get<Lesson>(parsed);
    }
};

void TestLadderView::lostSegment_showsLostArrowAndRetransmission()
{
    auto loaded = LessonLibrary::load(QStringLiteral("lost-syn"));
    QVERIFY(std::holds_alternative<Lesson>(loaded));
    LessonController controller;
    controller.setLesson(std::get<Lesson>(loaded));
    controller.goToStep(3); // listen, connect, drop
    LadderView view;
    view.resize(800, 600);
    view.setSimulation(controller.simulation(), controller.eventBoundaries(), LadderView::Animation::Instant);
    QCOMPARE(view.arrowCount(), 1);
    QCOMPARE(view.arrowCount(LadderView::Fate::Lost), 1);

    controller.goToStep(controller.stepCount());
    view.setSimulation(controller.simulation(), controller.eventBoundaries(), LadderView::Animation::Instant);
    QCOMPARE(view.arrowCount(LadderView::Fate::Lost), 1);
    QCOMPARE(view.retransmissionCount(), 1);
    const auto &arrows = view.arrows();
    const auto retransmitted = std::find_if(arrows.begin(), arrows.end(),
                                            [](const LadderView::Arrow &a) { return a.segment.retransmission; });
    QVERIFY(retransmitted != arrows.end());
    QCOMPARE(retransmitted->fate, LadderView::Fate::Delivered);
    QCOMPARE(retransmitted->segment.seq, arrows.front().segment.seq); // the same SYN again
    QVERIFY(retransmitted->segment.has(Syn));
}

void TestLadderView::animation_revealsReceiverStateOnArrival()
{
    LessonController controller;
    controller.setLesson(lesson("server listen\nclient connect\nclient deliver\n"));
    controller.goToStep(3);
    LadderView view;
    view.resize(800, 600);
    QSignalSpy finished(&view, &LadderView::animationFinished);
    view.setSimulation(controller.simulation(), controller.eventBoundaries(), LadderView::Animation::Animate);
    QVERIFY(view.isAnimating());
    QCOMPARE(view.displayedState(Side::Server), TcpState::Listen); // the SYN has not arrived yet
    view.finishAnimation();
    QCOMPARE(finished.count(), 1);
    QVERIFY(!view.isAnimating());
    QCOMPARE(view.displayedState(Side::Server), TcpState::SynReceived);
    QCOMPARE(view.revealedNewestTransitions().size(), 1);
}

void TestLadderView::noTimerRunsWhenIdle()
{
    LessonController controller;
    controller.setLesson(lesson("server listen\nclient connect\n"));
    controller.goToStep(2);
    LadderView view;
    view.resize(800, 600);
    view.setSimulation(controller.simulation(), controller.eventBoundaries(), LadderView::Animation::Animate);
    QVERIFY(view.isAnimating());
    QTRY_VERIFY_WITH_TIMEOUT(!view.isAnimating(), 5000); // ends by itself
    const auto timers = view.findChildren<QTimer *>();
    for (const QTimer *timer : timers)
        QVERIFY(!timer->isActive());
}

void TestLadderView::numberStyles()
{
    LessonController controller;
    controller.setLesson(lesson("client isn 100\nserver isn 300\nserver listen\nclient connect\nclient deliver\n"
                                "server deliver\n"));
    controller.goToStep(controller.stepCount());
    const auto &events = controller.simulation().events();
    const auto synAck = std::find_if(events.begin(), events.end(), [](const Event &e) {
        return e.kind == EventKind::Send && e.segment && e.segment->has(Syn) && e.segment->has(Ack);
    });
    QVERIFY(synAck != events.end());
    QCOMPARE(NumberFormatter(events, NumberStyle::Absolute).numbers(*synAck->segment), QStringLiteral("seq=300 ack=101"));
    QCOMPARE(NumberFormatter(events, NumberStyle::Relative).numbers(*synAck->segment), QStringLiteral("seq=0 ack=1"));
    QCOMPARE(NumberFormatter(events, NumberStyle::Symbolic).numbers(*synAck->segment), QStringLiteral("seq=k ack=j+1"));
}

void TestLadderView::clickingArrow_emitsIndex()
{
    LessonController controller;
    controller.setLesson(lesson("server listen\nclient connect\nclient deliver\n"));
    controller.goToStep(3);
    LadderView view;
    view.resize(800, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setSimulation(controller.simulation(), controller.eventBoundaries(), LadderView::Animation::Instant);
    QSignalSpy clicked(&view, &LadderView::arrowClicked);
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, view.arrowLabelRect(0).center().toPoint());
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked.first().first().toInt(), 0);
    QCOMPARE(view.selectedArrow(), 0);
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, view.arrowHitPoint(1).toPoint());
    QCOMPARE(clicked.count(), 2);
    QCOMPARE(clicked.last().first().toInt(), 1);
}

void TestLadderView::click_inspects_shiftClickLosesInFlightSegment()
{
    LessonController controller;
    controller.setLesson(lesson("server listen\nclient connect\nsettle\nclient send \"a\"\nclient send \"b\"\n"));
    controller.goToStep(controller.stepCount());
    LadderView view;
    view.resize(800, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const auto show = [&] {
        view.setSimulation(controller.simulation(), controller.eventBoundaries(), LadderView::Animation::Instant);
    };
    show();
    // As the window wires it: the controller records `client drop #id`, the ladder shows the result.
    connect(&view, &LadderView::dropRequested, &controller,
            [&](Side from, std::uint64_t id) { controller.dropSegment(from, id); });
    connect(&controller, &LessonController::stepped, &view, show);
    QSignalSpy drops(&view, &LadderView::dropRequested);
    QSignalSpy clicked(&view, &LadderView::arrowClicked);
    const int stepsBefore = controller.stepCount();

    const std::uint64_t newer = controller.simulation().inFlight(Side::Client).back().id;
    const int index = view.arrowIndexForSegmentId(newer);
    QVERIFY(index >= 0);
    QCOMPARE(view.arrows()[static_cast<std::size_t>(index)].fate, LadderView::Fate::InFlight);
    view.verticalScrollBar()->setValue(view.verticalScrollBar()->maximum());

    // A plain click only inspects: the segment keeps travelling, nothing is recorded.
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, view.arrowHitPoint(index).toPoint());
    QCOMPARE(drops.count(), 0);
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked.first().first().toInt(), index);
    QCOMPARE(view.selectedArrow(), index);
    QCOMPARE(controller.stepCount(), stepsBefore);
    QCOMPARE(view.arrowCount(LadderView::Fate::InFlight), 2);

    // Shift+click loses it, recorded as the script's `client drop #id`, and inspects it.
    QTest::mouseClick(view.viewport(), Qt::LeftButton, Qt::ShiftModifier, view.arrowHitPoint(index).toPoint());
    QCOMPARE(drops.count(), 1);
    QCOMPARE(drops.first().at(1).value<std::uint64_t>(), newer);
    QCOMPARE(controller.stepScript(controller.currentStep()), QStringLiteral("client drop #%1").arg(newer));
    QCOMPARE(clicked.count(), 2);
    const int now = clicked.last().first().toInt();
    QCOMPARE(view.arrows()[static_cast<std::size_t>(now)].segment.id, newer);
    QCOMPARE(view.arrows()[static_cast<std::size_t>(now)].fate, LadderView::Fate::Lost);
    QCOMPARE(view.arrowCount(LadderView::Fate::InFlight), 1); // the older one still travels

    // A lost arrow only selects, Shift or not.
    QTest::mouseClick(view.viewport(), Qt::LeftButton, Qt::ShiftModifier, view.arrowHitPoint(now).toPoint());
    QCOMPARE(drops.count(), 1);
    QCOMPARE(clicked.count(), 3);
}

void TestLadderView::contextMenu_losesInFlightSegment()
{
    LessonController controller;
    controller.setLesson(lesson("server listen\nclient connect\n"));
    controller.goToStep(controller.stepCount());
    LadderView view;
    view.resize(800, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const auto show = [&] {
        view.setSimulation(controller.simulation(), controller.eventBoundaries(), LadderView::Animation::Instant);
    };
    show();
    connect(&view, &LadderView::dropRequested, &controller,
            [&](Side from, std::uint64_t id) { controller.dropSegment(from, id); });
    connect(&controller, &LessonController::stepped, &view, show);
    QCOMPARE(view.arrowCount(LadderView::Fate::InFlight), 1); // the SYN

    const QPoint at = view.arrowHitPoint(0).toPoint();
    QContextMenuEvent event(QContextMenuEvent::Mouse, at, view.viewport()->mapToGlobal(at));
    QCoreApplication::sendEvent(view.viewport(), &event);
    auto *menu = view.findChild<QMenu *>();
    QVERIFY(menu);
    QAction *lose = nullptr;
    for (QAction *action : menu->actions()) {
        if (action->text() == QStringLiteral("Lose this segment"))
            lose = action;
    }
    QVERIFY(lose);
    QVERIFY(lose->isEnabled());
    lose->trigger();
    QCOMPARE(view.arrowCount(LadderView::Fate::Lost), 1);
    QCOMPARE(controller.stepScript(controller.currentStep()), QStringLiteral("client drop #1"));
    QCOMPARE(view.selectedArrow(), 0);
    menu->close();
}

void TestLadderView::longLesson_scrolls()
{
    std::string text = "server listen\nclient connect\nclient deliver\nserver deliver\nclient deliver\n";
    for (int i = 0; i < 40; ++i)
        text += "client send \"message\"\nclient deliver\nserver deliver\n";
    LessonController controller;
    controller.setLesson(lesson(text.c_str()));
    controller.goToStep(controller.stepCount());
    LadderView view;
    view.resize(800, 600);
    view.setSimulation(controller.simulation(), controller.eventBoundaries(), LadderView::Animation::Instant);
    QCOMPARE(view.arrowCount(), 3 + 80);
    QVERIFY(view.contentHeight() > 600);
}

// The ladder's viewport in the default 1280x720 window (the bench measured 774x389).
void TestLadderView::fitAll_compressesTheHandshake()
{
    auto loaded = LessonLibrary::load(QStringLiteral("handshake"));
    QVERIFY(std::holds_alternative<Lesson>(loaded));
    LessonController controller;
    controller.setLesson(std::get<Lesson>(loaded));
    controller.goToStep(controller.stepCount());
    QCOMPARE(controller.stepCount(), 19);

    LadderView view;
    view.setFont(AppStyle::withPixelSize(view.font(), AppStyle::basePixelSize));
    view.resize(774, 389);
    view.setSimulation(controller.simulation(), controller.eventBoundaries(), LadderView::Animation::Instant);
    const int normalHeight = view.contentHeight();
    QVERIFY(normalHeight > view.viewport()->height());

    view.show();
    QCOMPARE(view.viewport()->height(), 389);
    view.setRowFit(LadderView::RowFit::All);
    // Compressed: labels side by side, arrow labels on one line, the type at a readable size;
    // the whole 19-step lesson fits with no scrolling and nothing overlapping.
    QVERIFY2(view.fitsAll(), qPrintable(QString::number(view.contentHeight())));
    QCOMPARE(view.verticalScrollBar()->maximum(), 0);
    QVERIFY(!view.layout().labelsOverlap());
    QVERIFY(QFontInfo(view.ladderFont()).pixelSize() >= AppStyle::minimumPixelSize);
    for (int i = 0; i < view.arrowCount(); ++i) {
        for (int j = i + 1; j < view.arrowCount(); ++j)
            QVERIFY2(!view.arrowLabelRect(i).intersects(view.arrowLabelRect(j)),
                     qPrintable(QStringLiteral("labels %1 and %2 overlap").arg(i).arg(j)));
    }
    // Room for everything: it fits, with no scrolling.
    view.resize(774, 1400);
    QVERIFY(view.fitsAll());
    QCOMPARE(view.verticalScrollBar()->maximum(), 0);
    view.resize(774, 389);

    view.setRowFit(LadderView::RowFit::Normal);
    QCOMPARE(view.contentHeight(), normalHeight);
    QCOMPARE(view.ladderFont().pixelSize(), AppStyle::basePixelSize);
    // Follows the current step again: the newest step is scrolled into view.
    QVERIFY(view.verticalScrollBar()->value() >= view.verticalScrollBar()->maximum() - 2);
}

void TestLadderView::fitAll_tooLongForReadableType_stillScrolls()
{
    std::string text = "server listen\nclient connect\nclient deliver\nserver deliver\nclient deliver\n";
    for (int i = 0; i < 40; ++i)
        text += "client send \"message\"\nclient deliver\nserver deliver\n";
    LessonController controller;
    controller.setLesson(lesson(text.c_str()));
    controller.goToStep(controller.stepCount());
    LadderView view;
    view.setFont(AppStyle::withPixelSize(view.font(), AppStyle::basePixelSize));
    view.resize(800, 600);
    view.setSimulation(controller.simulation(), controller.eventBoundaries(), LadderView::Animation::Instant);
    view.setRowFit(LadderView::RowFit::All);
    QVERIFY(!view.fitsAll());
    QCOMPARE(QFontInfo(view.ladderFont()).pixelSize(), AppStyle::minimumPixelSize);
    QVERIFY(view.verticalScrollBar()->maximum() > 0);
}

QTEST_MAIN(TestLadderView)
#include "tst_ladderview.moc"
