// SPDX-License-Identifier: GPL-3.0-or-later
// A shown window with its animations on, driven by real key presses through the event loop (run
// under Xvfb, QT_QPA_PLATFORM=xcb): after every step, once its animation has finished by itself,
// each view shows the model's state. Issue 9: the state diagram kept SYN-SENT at handshake step 4
// when the arriving SYN+ACK made the client reply in the same step; offscreen renders, which
// never animate, were right.
#include "ladderview.h"
#include "mainwindow.h"
#include "sidepane.h"
#include "socketsview.h"
#include "statediagram.h"

#include "tcpsim/session/lessonlibrary.h"

#include <QDockWidget>
#include <QElapsedTimer>
#include <QScrollArea>
#include <QStandardPaths>
#include <QTest>

using namespace tcpsim;

namespace {
// Fast enough to step every lesson within seconds, slow enough that each step animates over
// several frames of the real event loop.
constexpr double testSpeed = 10.0;
constexpr int animationTimeoutMs = 5000;
} // namespace

class TestRealWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void everyLesson_forwardToTheEndAndBack_data();
    void everyLesson_forwardToTheEndAndBack();
    void handshake_atNormalSpeed();
    void keysPressedDuringAnimations();
    void play_toTheEnd();
    void socketsDock_clickSelectsTheSocketForTheStateDiagram();
    void ladderLanes_clickTagCollapses_clickLaneSelectsItsSocket();

private:
    static void showWindow(MainWindow &window, const QString &lesson, double speed);
    static void pressKey(MainWindow &window, Qt::Key key);
    static void waitForAnimation(MainWindow &window);
    // Every view against the model, for the step the controller is at.
    static void verifyViewsShowTheModel(MainWindow &window, const char *when);
};

void TestRealWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    if (QGuiApplication::platformName() == QLatin1String("offscreen"))
        QSKIP("needs a real window system: run under xvfb-run with QT_QPA_PLATFORM=xcb");
}

void TestRealWindow::showWindow(MainWindow &window, const QString &lesson, double speed)
{
    QVERIFY(window.loadLesson(lesson));
    window.resize(1280, 720);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // Shortcuts only reach an active window.
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    window.ladder()->setFocus();
    window.ladder()->setSpeed(speed);
}

void TestRealWindow::pressKey(MainWindow &window, Qt::Key key)
{
    QTest::keyClick(&window, key);
}

void TestRealWindow::waitForAnimation(MainWindow &window)
{
    // The event loop runs the animation to its end: no finishAnimation() shortcut.
    QTRY_VERIFY_WITH_TIMEOUT(!window.ladder()->isAnimating(), animationTimeoutMs);
    QTest::qWait(1); // what the animation's end queued
}

void TestRealWindow::verifyViewsShowTheModel(MainWindow &window, const char *when)
{
    const Simulation &sim = window.controller()->simulation();
    const QString where = QStringLiteral("%1, step %2 of %3 (%4)")
                              .arg(window.currentLessonName())
                              .arg(window.controller()->currentStep())
                              .arg(window.controller()->stepCount())
                              .arg(QString::fromLatin1(when));
    for (Side side : {Side::Client, Side::Server}) {
        const TcpState model = sim.endpoint(side).state();
        const QString name = QString::fromLatin1(stateName(model));
        const QString context = where + QStringLiteral(", ") + QString::fromLatin1(sideName(side))
            + QStringLiteral(": model ") + name;
        QVERIFY2(window.stateDiagram()->state(side) == model,
                 qPrintable(context + QStringLiteral(", diagram ")
                            + QString::fromLatin1(stateName(window.stateDiagram()->state(side)))));
        QVERIFY2(window.ladder()->displayedState(side) == model,
                 qPrintable(context + QStringLiteral(", ladder ")
                            + QString::fromLatin1(stateName(window.ladder()->displayedState(side)))));
        const QString pane = window.pane(side)->statusText();
        QVERIFY2(pane == name || pane.startsWith(name + QStringLiteral(" · ")),
                 qPrintable(context + QStringLiteral(", pane ") + pane));
    }
    // Lanes (many clients): each lane's newest state is its socket's in the model.
    const LadderLayout &layout = window.ladder()->layout();
    if (!layout.lanesMode())
        return;
    for (std::size_t lane = 0; lane < layout.lanes().size(); ++lane) {
        std::optional<LadderLayout::Transition> last;
        for (const LadderLayout::Transition &transition : layout.transitions()) {
            if (transition.lane == static_cast<int>(lane))
                last = transition;
        }
        if (!last)
            continue;
        const Socket *socket = sim.socketById(last->socket);
        QVERIFY2(socket, qPrintable(where));
        QVERIFY2(socket->endpoint.state() == last->to,
                 qPrintable(where + QStringLiteral(", lane %1 (%2): model %3, ladder %4")
                                        .arg(lane)
                                        .arg(layout.laneName(static_cast<int>(lane)))
                                        .arg(QString::fromLatin1(stateName(socket->endpoint.state())))
                                        .arg(QString::fromLatin1(stateName(last->to)))));
    }
}

void TestRealWindow::everyLesson_forwardToTheEndAndBack_data()
{
    QTest::addColumn<QString>("lesson");
    for (const LessonEntry &entry : LessonLibrary::builtInLessons())
        QTest::newRow(qPrintable(entry.name)) << entry.name;
}

void TestRealWindow::everyLesson_forwardToTheEndAndBack()
{
    QFETCH(QString, lesson);
    MainWindow window(MainWindow::SettingsPolicy::Ignore);
    showWindow(window, lesson, testSpeed);
    const int steps = window.controller()->stepCount();
    QVERIFY(steps > 0);
    for (int step = 1; step <= steps; ++step) {
        pressKey(window, Qt::Key_Space);
        QCOMPARE(window.controller()->currentStep(), step);
        waitForAnimation(window);
        verifyViewsShowTheModel(window, "forward");
        if (QTest::currentTestFailed())
            return;
    }
    for (int step = steps - 1; step >= 0; --step) {
        pressKey(window, Qt::Key_Left);
        QCOMPARE(window.controller()->currentStep(), step);
        waitForAnimation(window);
        verifyViewsShowTheModel(window, "back");
        if (QTest::currentTestFailed())
            return;
    }
}

void TestRealWindow::handshake_atNormalSpeed()
{
    // The first case as a teacher meets it: speed 1, the SYN+ACK arrives (step 4).
    MainWindow window(MainWindow::SettingsPolicy::Ignore);
    showWindow(window, QStringLiteral("handshake"), 1.0);
    for (int step = 1; step <= 5; ++step) {
        pressKey(window, Qt::Key_Space);
        waitForAnimation(window);
        verifyViewsShowTheModel(window, "speed 1");
        if (QTest::currentTestFailed())
            return;
    }
}

void TestRealWindow::keysPressedDuringAnimations()
{
    // Key repeat: each press lands while the previous step still animates (a step finishes the
    // running animation at once); Back and Home are instant and must show their step at once.
    MainWindow window(MainWindow::SettingsPolicy::Ignore);
    showWindow(window, QStringLiteral("handshake"), 1.0);
    const int steps = window.controller()->stepCount();
    for (int step = 1; step <= steps; ++step) {
        pressKey(window, Qt::Key_Space);
        QTest::qWait(40);
        if (step % 5 == 0) {
            pressKey(window, Qt::Key_Left); // during the animation
            verifyViewsShowTheModel(window, "back during an animation");
            pressKey(window, Qt::Key_Space);
            QTest::qWait(40);
        }
    }
    QCOMPARE(window.controller()->currentStep(), steps);
    waitForAnimation(window);
    verifyViewsShowTheModel(window, "after key repeat");
    pressKey(window, Qt::Key_PageUp);
    pressKey(window, Qt::Key_PageDown); // animates again
    waitForAnimation(window);
    verifyViewsShowTheModel(window, "back and forward");
    pressKey(window, Qt::Key_Home);
    verifyViewsShowTheModel(window, "home");
}

void TestRealWindow::play_toTheEnd()
{
    MainWindow window(MainWindow::SettingsPolicy::Ignore);
    showWindow(window, QStringLiteral("simultaneous-close"), testSpeed);
    pressKey(window, Qt::Key_P);
    QVERIFY(window.isPlaying());
    QTRY_VERIFY_WITH_TIMEOUT(!window.isPlaying(), 30000);
    QCOMPARE(window.controller()->currentStep(), window.controller()->stepCount());
    waitForAnimation(window);
    verifyViewsShowTheModel(window, "after play");
}

void TestRealWindow::socketsDock_clickSelectsTheSocketForTheStateDiagram()
{
    MainWindow window(MainWindow::SettingsPolicy::Ignore);
    showWindow(window, QStringLiteral("backlog-overflow"), testSpeed);
    QVERIFY(window.socketsDock()->isVisible());
    for (int i = 0; i < 13; ++i) {
        pressKey(window, Qt::Key_Right);
        waitForAnimation(window);
    }
    QCOMPARE(window.controller()->currentStep(), 13);
    QCOMPARE(window.stateDiagram()->state(tcpsim::Side::Server), tcpsim::TcpState::Established);
    // client2's connection, SYN-RECEIVED in the SYN queue: a real click where it is on screen.
    SocketsCanvas *canvas = window.socketsView()->canvas();
    const SocketsCanvas::Item *slot = canvas->slot(SocketsCanvas::Item::Queue::Syn, 0);
    QVERIFY(slot);
    QCOMPARE(slot->text, QStringLiteral("client2"));
    QScrollArea *scroll = window.socketsView()->scrollArea();
    scroll->ensureVisible(slot->rect.center().x(), slot->rect.center().y(), 0, slot->rect.height());
    const QPoint onScreen = canvas->mapTo(scroll->viewport(), slot->rect.center());
    QVERIFY(scroll->viewport()->rect().contains(onScreen));
    QTest::mouseClick(scroll->viewport()->childAt(onScreen), Qt::LeftButton, {},
                      scroll->viewport()->childAt(onScreen)->mapFrom(scroll->viewport(), onScreen));
    QTRY_COMPARE(window.stateDiagram()->state(tcpsim::Side::Server), tcpsim::TcpState::SynReceived);
    // Stepping on keeps it lit; Home (before it existed) goes back to the first pair.
    pressKey(window, Qt::Key_Right);
    waitForAnimation(window);
    QCOMPARE(window.stateDiagram()->state(tcpsim::Side::Server), tcpsim::TcpState::SynReceived);
    pressKey(window, Qt::Key_Home);
    QTRY_COMPARE(window.socketsView()->selectedSocket(), tcpsim::SocketId(0));
}

// A lesson of many clients: a real click on a lane's tag collapses it (its labels go) and a
// second expands it; a click on a lane's timeline lights its socket in the state diagram, as a
// click on its descriptor row does.
void TestRealWindow::ladderLanes_clickTagCollapses_clickLaneSelectsItsSocket()
{
    MainWindow window(MainWindow::SettingsPolicy::Ignore);
    showWindow(window, QStringLiteral("backlog-overflow"), testSpeed);
    for (int i = 0; i < 13; ++i) {
        pressKey(window, Qt::Key_Right);
        waitForAnimation(window);
    }
    LadderView *ladder = window.ladder();
    const LadderLayout &layout = ladder->layout();
    QVERIFY(layout.lanesMode());
    const auto laneOf = [&](Side side, HostId host, HostId peer) {
        for (std::size_t i = 0; i < layout.lanes().size(); ++i) {
            const LadderLayout::Lane &lane = layout.lanes()[i];
            if (lane.side == side && lane.host == host && lane.peer == peer)
                return static_cast<int>(i);
        }
        return -1;
    };
    // client2's connection on the server, SYN-RECEIVED in the SYN queue.
    const int connection = laneOf(Side::Server, serverHost, 2);
    QVERIFY(connection >= 0);
    QCOMPARE(window.stateDiagram()->state(Side::Server), TcpState::Established);
    QTest::mouseClick(ladder->viewport(), Qt::LeftButton, {}, ladder->laneHitPoint(connection).toPoint());
    QTRY_COMPARE(window.stateDiagram()->state(Side::Server), TcpState::SynReceived);
    QCOMPARE(window.socketsView()->selectedSocket(), layout.lanes()[static_cast<std::size_t>(connection)].socket);

    const int client2 = laneOf(Side::Client, 2, noHost);
    QVERIFY(client2 >= 0);
    const auto shownOn = [&](int lane) {
        int shown = 0;
        for (const LadderLayout::Label &label : ladder->layout().labels())
            shown += label.lane == lane && !ladder->layout().isHidden(label) ? 1 : 0;
        return shown;
    };
    QVERIFY(shownOn(client2) > 0);
    const QPoint tag = ladder->laneTagRect(client2).center().toPoint();
    QTest::mouseClick(ladder->viewport(), Qt::LeftButton, {}, tag);
    QTRY_VERIFY(ladder->isLaneCollapsed(client2));
    QCOMPARE(shownOn(client2), 0);
    // Stepping on keeps it collapsed.
    pressKey(window, Qt::Key_Right);
    waitForAnimation(window);
    QVERIFY(ladder->isLaneCollapsed(client2));
    QCOMPARE(shownOn(client2), 0);
    QTest::mouseClick(ladder->viewport(), Qt::LeftButton, {}, ladder->laneTagRect(client2).center().toPoint());
    QTRY_VERIFY(!ladder->isLaneCollapsed(client2));
    QVERIFY(shownOn(client2) > 0);
}

QTEST_MAIN(TestRealWindow)
#include "tst_realwindow.moc"
