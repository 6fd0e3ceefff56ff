// SPDX-License-Identifier: GPL-3.0-or-later
// The classroom window driven as a teacher drives it: Step with the keyboard, Back, typing a
// message, the screenshot option.
#include "inspectorview.h"
#include "tcpsim/render/appstyle.h"
#include "bandedscrollbarstyle.h"
#include "ladderview.h"
#include "mainwindow.h"
#include "socketsview.h"
#include "sidepane.h"
#include "statediagram.h"
#include "tcpsim/session/transitionlog.h"

#include <QAction>
#include <QApplication>
#include <QAbstractButton>
#include <QDialog>
#include <QDockWidget>
#include <QMenuBar>
#include <QImage>
#include <QToolBar>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QScreen>
#include <QPushButton>
#include <QStandardPaths>
#include <QStatusBar>
#include <QSettings>
#include <QTabBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QScrollBar>
#include <QSemaphore>
#include <QTest>
#include <QThread>
#include <QThreadPool>

#include <sys/resource.h>

using namespace tcpsim;
Q_DECLARE_METATYPE(tcpsim::TcpState)

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void handshake_stepByStep_data();
    void handshake_stepByStep();
    void spaceBar_steps_and_left_goes_back();
    void back_restoresPreviousStepExactly();
    void highContrast_togglesAndRestoresThePalette();
    void profileChoice_restartsTheLessonUnderIt_data();
    void profileChoice_restartsTheLessonUnderIt();
    void exportPackets_writesTheStepsSegments();
    void recvPane_showsEachCallsBytes();
    void settings_badValuesFallBackToDefaults();
    void settings_reopenTheLessonAtItsStep();
    void typedMessage_addsDataSegmentWithNextSeq();
    void autoReply_answersHello();
    void freeMode_actionsBecomeScriptLines_andSaveOpensAgain();
    void clickInspects_shiftClickLosesNewerArrowInFlight();
    void badScript_keepsCurrentLesson();
    void lessonNote_isNotSqueezed_andWindowKeepsItsSize_data();
    void lessonNote_isNotSqueezed_andWindowKeepsItsSize();
    void stepDuringAnimation_finishesIt();
    void inspectSegment_showsHeader();
    void numbersFollowTheStyle_inTheLessonNote();
    void toolBar_staysPutWhenPlayBecomesPause();
    void helpMenu_keyboardShortcutsPage();
    void screenshotOption_writesPngOfAskedSize();
    void presentationMode_f5ShowsOnlyLadderBannerAndDiagram();
    void presentationMode_escRestoresTheLayoutExactly();
    void presentationMode_ladderTextLargeAt1920x1080_zoomScalesTheLadderOnly();
    void defaultLayout_fits1024x768_withNothingClipped();
    void window_opensNoLargerThanTheScreen();
    void unknownOptionValue_isRejectedNamingTheValidOnes_data();
    void unknownOptionValue_isRejectedNamingTheValidOnes();
    void stepScrollBars_paintInBands_lookingTheSame();
    void raiseTab_keepsTheChosenTabInFront_overTheSocketsTab();
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestMainWindow::handshake_stepByStep_data()
{
    // Steps of the handshake lesson: listen, connect, deliver SYN, deliver SYN+ACK, deliver ACK.
    QTest::addColumn<int>("steps");
    QTest::addColumn<TcpState>("client");
    QTest::addColumn<TcpState>("server");
    QTest::addColumn<int>("arrows");
    QTest::addColumn<int>("delivered");
    QTest::newRow("listen") << 1 << TcpState::Closed << TcpState::Listen << 0 << 0;
    QTest::newRow("SYN sent") << 2 << TcpState::SynSent << TcpState::Listen << 1 << 0;
    QTest::newRow("SYN arrives") << 3 << TcpState::SynSent << TcpState::SynReceived << 2 << 1;
    QTest::newRow("SYN+ACK arrives") << 4 << TcpState::Established << TcpState::SynReceived << 3 << 2;
    QTest::newRow("ACK arrives") << 5 << TcpState::Established << TcpState::Established << 3 << 3;
}

void TestMainWindow::handshake_stepByStep()
{
    QFETCH(int, steps);
    QFETCH(TcpState, client);
    QFETCH(TcpState, server);
    QFETCH(int, arrows);
    QFETCH(int, delivered);

    MainWindow window(MainWindow::SettingsPolicy::Ignore);
    QVERIFY(window.loadLesson(QStringLiteral("handshake")));
    for (int i = 0; i < steps; ++i) {
        window.stepAction()->trigger();
        window.ladder()->finishAnimation();
    }
    QCOMPARE(window.controller()->currentStep(), steps);
    const Simulation &sim = window.controller()->simulation();
    QCOMPARE(sim.endpoint(Side::Client).state(), client);
    QCOMPARE(sim.endpoint(Side::Server).state(), server);
    QCOMPARE(window.ladder()->arrowCount(), arrows);
    QCOMPARE(window.ladder()->arrowCount(LadderView::Fate::Delivered), delivered);
    QCOMPARE(window.stateDiagram()->state(Side::Client), client);
    QCOMPARE(window.stateDiagram()->state(Side::Server), server);
}

void TestMainWindow::highContrast_togglesAndRestoresThePalette()
{
    MainWindow window(MainWindow::SettingsPolicy::Ignore);
    const QPalette before = QApplication::palette();
    QVERIFY(!AppStyle::isHighContrast(before));
    window.setHighContrast(true);
    QVERIFY(AppStyle::isHighContrast(QApplication::palette()));
    // The views take the darker side colours from the palette they paint with.
    QTRY_COMPARE(AppStyle::sideColor(Side::Server, window.stateDiagram()->palette()),
                 AppStyle::sideColor(Side::Server, AppStyle::highContrastPalette()));
    window.setHighContrast(false);
    QCOMPARE(QApplication::palette(), before);
}

void TestMainWindow::profileChoice_restartsTheLessonUnderIt_data()
{
    QTest::addColumn<QString>("lesson");
    QTest::addColumn<int>("choice"); // -1 as the lesson says, else a Profile
    QTest::addColumn<int>("effective");
    const int rfc = int(Profile::Rfc9293);
    const int linux = int(Profile::Linux);
    QTest::newRow("RFC lesson as it says") << QStringLiteral("handshake") << -1 << rfc;
    QTest::newRow("Linux lesson as it says") << QStringLiteral("handshake-linux") << -1 << linux;
    QTest::newRow("RFC lesson under Linux") << QStringLiteral("handshake") << linux << linux;
    QTest::newRow("Linux lesson under RFC") << QStringLiteral("handshake-linux") << rfc << rfc;
}

void TestMainWindow::profileChoice_restartsTheLessonUnderIt()
{
    QFETCH(QString, lesson);
    QFETCH(int, choice);
    QFETCH(int, effective);
    MainWindow window(MainWindow::SettingsPolicy::Ignore);
    QVERIFY(window.loadLesson(lesson));
    window.goToStep(2);
    window.setProfileChoice(choice < 0 ? std::nullopt : std::optional<Profile>(Profile(choice)));
    QCOMPARE(int(window.effectiveProfile()), effective);
    const bool changed = window.controller()->currentStep() == 0;
    window.goToStep(2);
    // The SYN on the wire says which profile ran: Linux's carries timestamps.
    const Segment syn = window.controller()->simulation().inFlight(Side::Client).empty()
        ? Segment{}
        : window.controller()->simulation().inFlight(Side::Client).front();
    QCOMPARE(syn.timestamps.has_value(), effective == int(Profile::Linux));
    QCOMPARE(window.findChild<QDockWidget *>(QStringLiteral("stateDock"))->windowTitle().contains(QStringLiteral("Linux")),
             effective == int(Profile::Linux));
    // Only a change of profile restarts the lesson.
    const bool profileChanged = (lesson == QLatin1String("handshake-linux")) != (effective == int(Profile::Linux));
    QCOMPARE(changed, profileChanged);
}

void TestMainWindow::spaceBar_steps_and_left_goes_back()
{
    MainWindow window(MainWindow::SettingsPolicy::Ignore);
    window.setAnimated(false);
    QVERIFY(window.loadLesson(QStringLiteral("handshake")));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.ladder()->setFocus();
    QTest::keyClick(&window, Qt::Key_Space);
    QTest::keyClick(&window, Qt::Key_Right);
    QTest::keyClick(&window, Qt::Key_PageDown);
    QCOMPARE(window.controller()->currentStep(), 3);
    QTest::keyClick(&window, Qt::Key_Left);
    QCOMPARE(window.controller()->currentStep(), 2);
    QTest::keyClick(&window, Qt::Key_Backspace);
    QTest::keyClick(&window, Qt::Key_PageUp);
    QCOMPARE(window.controller()->currentStep(), 0);
    QTest::keyClick(&window, Qt::Key_Space);
    QTest::keyClick(&window, Qt::Key_Space);
    QTest::keyClick(&window, Qt::Key_Home);
    QCOMPARE(window.controller()->currentStep(), 0);
}

void TestMainWindow::back_restoresPreviousStepExactly()
{
    MainWindow window(MainWindow::SettingsPolicy::Ignore);
    window.setAnimated(false);
    QVERIFY(window.loadLesson(QStringLiteral("lost-syn")));
    for (int step = 1; step < window.controller()->stepCount(); ++step) {
        window.step();
        const std::vector<Event> before = window.controller()->simulation().events();
        const int arrows = window.ladder()->arrowCount();
        const int rows = window.logModel()->rowCount();
        window.step();
        window.back();
        QCOMPARE(window.controller()->currentStep(), step);
        QCOMPARE(window.controller()->simulation().events().size(), before.size());
        QCOMPARE(window.ladder()->arrowCount(), arrows);
        QCOMPARE(window.logModel()->rowCount(), rows);
        QVERIFY(window.controller()->simulation().events() == before); // whole events, Event::operator==
    }
}

// A hand-edited settings file cannot break the window: NaN zoom, negative speed, a style that
// does not exist and an endless "lesson" fall back to the defaults, with a status message.
void TestMainWindow::settings_badValuesFallBackToDefaults()
{
    {
        QSettings settings;
        settings.clear();
        settings.setValue(QStringLiteral("view/zoom"), QStringLiteral("nan"));
        settings.setValue(QStringLiteral("view/speed"), -5);
        settings.setValue(QStringLiteral("view/numbers"), 17);
        settings.setValue(QStringLiteral("live/enabled"), false);
        settings.setValue(QStringLiteral("lesson/last"), QStringLiteral("/dev/zero"));
    }
    MainWindow window(MainWindow::SettingsPolicy::Remember);
    QCOMPARE(window.zoom(), 1.0);
    QCOMPARE(window.numberStyle(), NumberStyle::Symbolic);
    QCOMPARE(window.ladder()->speed(), 1.0);
    QVERIFY(!window.controller()->lesson().commands.empty()); // the default lesson
    QVERIFY2(window.statusBar()->currentMessage().contains(QStringLiteral("/dev/zero")),
             qPrintable(window.statusBar()->currentMessage()));
    QSettings().clear();
}

// The app reopens the lesson at the step where the class left it.
void TestMainWindow::settings_reopenTheLessonAtItsStep()
{
    {
        QSettings settings;
        settings.clear();
        settings.setValue(QStringLiteral("live/enabled"), false);
    }
    {
        MainWindow window(MainWindow::SettingsPolicy::Remember);
        window.setAnimated(false);
        QVERIFY(window.loadLesson(QStringLiteral("lost-syn")));
        window.goToStep(4);
        window.close(); // writes the settings
    }
    MainWindow reopened(MainWindow::SettingsPolicy::Remember);
    QCOMPARE(reopened.controller()->currentStep(), 4);
    QVERIFY(reopened.controller()->lesson().title.find("SYN") != std::string::npos);
    QSettings().clear();
}

// TCP is a byte stream: the pane shows what each recv() call returned, with a boundary between,
// so "hi" then "bye" reads "hi │ bye", and two sends queued before ESTABLISHED, carried in one
// segment, show as one recv() — "ab", not "a │ b".
void TestMainWindow::recvPane_showsEachCallsBytes()
{
    MainWindow window(MainWindow::SettingsPolicy::Ignore);
    window.setAnimated(false);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("stream.tcp"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("server listen\nclient connect\nclient send \"a\"\nclient send \"b\"\nsettle\n"
               "client send \"hi\"\nsettle\nclient send \"bye\\n\"\nsettle\n");
    file.close();
    QVERIFY(window.loadLesson(path));
    window.goToStep(window.controller()->stepCount());
    SidePane *server = window.pane(Side::Server);
    QCOMPARE(server->receivedText(), QStringLiteral("abhibye\n"));
    QCOMPARE(server->recvCalls(), (QStringList{QStringLiteral("ab"), QStringLiteral("hi"), QStringLiteral("bye↵")}));
}

// File → Export packets: the segments up to the current step, as a classic pcap.
void TestMainWindow::exportPackets_writesTheStepsSegments()
{
    MainWindow window(MainWindow::SettingsPolicy::Ignore);
    window.setAnimated(false);
    QVERIFY(window.loadLesson(QStringLiteral("handshake")));
    window.goToStep(5);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("lesson.pcap"));
    QString error;
    QVERIFY2(window.exportPackets(path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray capture = file.readAll();
    QCOMPARE(quint8(capture.at(0)), quint8(0xd4)); // classic pcap, little-endian
    std::size_t sends = 0;
    for (const Event &event : window.controller()->simulation().events())
        sends += event.kind == EventKind::Send ? 1 : 0;
    QCOMPARE(sends, std::size_t(3)); // SYN, SYN+ACK, ACK
    // 24-byte file header, then per packet 16 bytes + IPv4 (20) + TCP (20, or 24 with MSS).
    QCOMPARE(capture.size(), qsizetype(24 + 3 * (16 + 40) + 2 * 4));
    QVERIFY(!window.exportPackets(QStringLiteral("/nonexistent/x.pcap"), &error));
    QVERIFY(!error.isEmpty());
}

void TestMainWindow::typedMessage_addsDataSegmentWithNextSeq()
{
    MainWindow window(MainWindow::SettingsPolicy::Ignore);
    window.setAnimated(false);
    QVERIFY(window.loadLesson(QStringLiteral("handshake")));
    window.goToStep(5); // both ESTABLISHED, client ISN 100 -> next seq 101
    QCOMPARE(window.controller()->simulation().endpoint(Side::Client).state(), TcpState::Established);
    const int arrowsBefore = window.ladder()->arrowCount();

    QLineEdit *edit = window.pane(Side::Client)->messageEdit();
    edit->setText(QStringLiteral("hello"));
    QTest::keyClick(edit, Qt::Key_Return);

    QCOMPARE(window.ladder()->arrowCount(), arrowsBefore + 1);
    const Segment &segment = window.ladder()->arrows().back().segment;
    QCOMPARE(segment.from, Side::Client);
    QCOMPARE(segment.data, std::string("hello"));
    QCOMPARE(segment.seq, SeqNum(101));
    QVERIFY(segment.has(Psh));
    QVERIFY(QString::fromStdString(window.controller()->lesson().toText()).contains(QStringLiteral("client send \"hello\"")));
}

void TestMainWindow::autoReply_answersHello()
{
    MainWindow window(MainWindow::SettingsPolicy::Ignore);
    window.setAnimated(false);
    window.newFreeSession();
    auto click = [&](Side side, SidePane::Action action) { window.pane(side)->button(action)->click(); };
    click(Side::Server, SidePane::Action::Listen);
    click(Side::Client, SidePane::Action::Connect);
    window.step(); // SYN arrives
    window.step(); // SYN+ACK arrives
    window.step(); // ACK arrives
    QCOMPARE(window.controller()->simulation().endpoint(Side::Server).state(), TcpState::Established);
    window.pane(Side::Client)->messageEdit()->setText(QStringLiteral("hi"));
    QTest::keyClick(window.pane(Side::Client)->messageEdit(), Qt::Key_Return);
    window.step(); // data reaches the server: it answers
    QCOMPARE(window.controller()->simulation().endpoint(Side::Server).received().str(), std::string("hi"));
    QVERIFY(QString::fromStdString(window.controller()->lesson().toText())
                .contains(QStringLiteral("server send \"Hello, hi\"")));
    for (int i = 0; i < 4 && window.controller()->canStepForward(); ++i)
        window.step();
    QCOMPARE(window.controller()->simulation().endpoint(Side::Client).received().str(), std::string("Hello, hi"));
    QCOMPARE(window.pane(Side::Client)->receivedText(), QStringLiteral("Hello, hi"));
}

void TestMainWindow::freeMode_actionsBecomeScriptLines_andSaveOpensAgain()
{
    MainWindow window(MainWindow::SettingsPolicy::Ignore);
    window.setAnimated(false);
    window.newFreeSession();
    window.pane(Side::Server)->button(SidePane::Action::Listen)->click();
    window.pane(Side::Client)->button(SidePane::Action::Connect)->click();
    window.pane(Side::Client)->button(SidePane::Action::Drop)->click();
    window.pane(Side::Client)->button(SidePane::Action::FireTimer)->click();
    window.pane(Side::Client)->button(SidePane::Action::Deliver)->click();
    QCOMPARE(window.controller()->stepCount(), 5);
    QCOMPARE(window.ladder()->arrowCount(LadderView::Fate::Lost), 1);
    QCOMPARE(window.ladder()->retransmissionCount(), 1);

    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("free.tcp"));
    QVERIFY(window.saveLesson(file));
    const std::string saved = window.controller()->lesson().toText();

    MainWindow reopened(MainWindow::SettingsPolicy::Ignore);
    reopened.setAnimated(false);
    QVERIFY(reopened.loadLesson(file));
    QCOMPARE(reopened.controller()->lesson().toText(), saved);
    reopened.goToStep(5);
    QCOMPARE(reopened.controller()->simulation().endpoint(Side::Server).state(), TcpState::SynReceived);
    QCOMPARE(reopened.ladder()->arrowCount(), window.ladder()->arrowCount());
}

void TestMainWindow::clickInspects_shiftClickLosesNewerArrowInFlight()
{
    MainWindow window(MainWindow::SettingsPolicy::Ignore);
    window.setAnimated(false);
    window.resize(1280, 720);
    window.show();
    window.newFreeSession();
    window.pane(Side::Server)->button(SidePane::Action::Listen)->click();
    window.pane(Side::Client)->button(SidePane::Action::Connect)->click();
    window.pane(Side::Client)->button(SidePane::Action::Deliver)->click();
    window.pane(Side::Server)->button(SidePane::Action::Deliver)->click();
    window.pane(Side::Client)->button(SidePane::Action::Deliver)->click();
    for (const char *message : {"one", "two"}) {
        window.pane(Side::Client)->messageEdit()->setText(QString::fromLatin1(message));
        QTest::keyClick(window.pane(Side::Client)->messageEdit(), Qt::Key_Return);
    }
    const auto &inFlight = window.controller()->simulation().inFlight(Side::Client);
    QCOMPARE(inFlight.size(), std::size_t(2));
    const std::uint64_t older = inFlight.front().id;
    const std::uint64_t newer = inFlight.back().id;

    LadderView *ladder = window.ladder();
    const int index = ladder->arrowIndexForSegmentId(newer);
    QVERIFY(index >= 0);
    ladder->verticalScrollBar()->setValue(ladder->verticalScrollBar()->maximum());
    // A click shows the segment in the inspector and loses nothing (a teacher showing the header).
    const std::string before = window.controller()->lesson().toText();
    QTest::mouseClick(ladder->viewport(), Qt::LeftButton, {}, ladder->arrowHitPoint(index).toPoint());
    QVERIFY(window.inspector()->hasSegment());
    QCOMPARE(window.inspector()->segment()->id, newer);
    QCOMPARE(window.controller()->simulation().inFlight(Side::Client).size(), std::size_t(2));
    QCOMPARE(window.controller()->lesson().toText(), before);

    QTest::mouseClick(ladder->viewport(), Qt::LeftButton, Qt::ShiftModifier, ladder->arrowHitPoint(index).toPoint());

    // The Shift+clicked segment is lost, the older one still travels, and the script says which.
    const auto &after = window.controller()->simulation().inFlight(Side::Client);
    QCOMPARE(after.size(), std::size_t(1));
    QCOMPARE(after.front().id, older);
    QVERIFY(QString::fromStdString(window.controller()->lesson().toText())
                .contains(QStringLiteral("client drop #%1").arg(newer)));
    QCOMPARE(ladder->arrowCount(LadderView::Fate::Lost), 1);
    QVERIFY(window.inspector()->hasSegment());
}

void TestMainWindow::lessonNote_isNotSqueezed_andWindowKeepsItsSize_data()
{
    QTest::addColumn<QSize>("size");
    QTest::newRow("1280x720") << QSize(1280, 720);
    QTest::newRow("1280x640") << QSize(1280, 640);
    QTest::newRow("1920x1080") << QSize(1920, 1080);
}

void TestMainWindow::lessonNote_isNotSqueezed_andWindowKeepsItsSize()
{
    // Step 0 shows the lesson's whole teaching note: the docks must not cut its last line, and
    // making room for it must not make the window taller than the screen it was given.
    QFETCH(QSize, size);
    MainWindow window(MainWindow::SettingsPolicy::Ignore);
    window.resize(size);
    QVERIFY(window.loadLesson(QStringLiteral("handshake")));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *banner = window.findChild<QWidget *>(QStringLiteral("explanationBanner"));
    QVERIFY(banner);
    QTRY_VERIFY(banner->height() >= banner->heightForWidth(banner->width()));
    QCOMPARE(window.size(), size);

    window.step(); // a one-sentence explanation: the banner gives the room back to the ladder
    QTRY_VERIFY(banner->height() < banner->minimumSizeHint().height() + banner->fontMetrics().height() * 4);
    QCOMPARE(window.size(), size);
}

void TestMainWindow::badScript_keepsCurrentLesson()
{
    MainWindow window(MainWindow::SettingsPolicy::Ignore);
    QVERIFY(window.loadLesson(QStringLiteral("handshake")));
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("bad.tcp"));
    QFile out(file);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write("server listen\nclient jump\n");
    out.close();
    QString error;
    QVERIFY(!window.loadLesson(file, &error));
    QVERIFY2(error.contains(QStringLiteral("bad.tcp:2:")), qPrintable(error));
    QCOMPARE(window.currentLessonName(), QStringLiteral("handshake"));
}

void TestMainWindow::stepDuringAnimation_finishesIt()
{
    MainWindow window(MainWindow::SettingsPolicy::Ignore);
    QVERIFY(window.loadLesson(QStringLiteral("handshake")));
    window.step();
    window.step();
    QVERIFY(window.ladder()->isAnimating());
    window.step(); // finishes the SYN at once, then animates its arrival
    QCOMPARE(window.controller()->currentStep(), 3);
    QVERIFY(window.ladder()->isAnimating());
    // Mid-animation the server still shows LISTEN; finishing shows SYN-RECEIVED.
    QCOMPARE(window.stateDiagram()->state(Side::Server), TcpState::Listen);
    window.ladder()->finishAnimation();
    QVERIFY(!window.ladder()->isAnimating());
    QCOMPARE(window.stateDiagram()->state(Side::Server), TcpState::SynReceived);
}

void TestMainWindow::inspectSegment_showsHeader()
{
    MainWindow window(MainWindow::SettingsPolicy::Ignore);
    window.setAnimated(false);
    QVERIFY(window.loadLesson(QStringLiteral("handshake")));
    window.goToStep(3);
    QVERIFY(window.inspectSegment(2));
    const auto segment = window.inspector()->segment();
    QVERIFY(segment);
    QCOMPARE(segment->flags, std::uint8_t(Syn | Ack));
    QCOMPARE(window.inspector()->bytes().size(), std::size_t(24)); // MSS option
    QVERIFY(window.inspector()->hexDump().startsWith(QStringLiteral("0C C3 C3 50\n00 00 01 2C\n00 00 00 65")));
}

void TestMainWindow::numbersFollowTheStyle_inTheLessonNote()
{
    // The handshake's note quotes the SYN,ACK as "seq=300 ack=101": the ladder's style applies.
    MainWindow window(MainWindow::SettingsPolicy::Ignore);
    QVERIFY(window.loadLesson(QStringLiteral("handshake")));
    window.setNumberStyle(NumberStyle::Symbolic);
    QVERIFY2(window.explanationLabel()->text().contains(QStringLiteral("seq=k ack=j+1")),
             qPrintable(window.explanationLabel()->text()));
    window.setNumberStyle(NumberStyle::Absolute);
    QVERIFY(window.explanationLabel()->text().contains(QStringLiteral("seq=300 ack=101")));
}

void TestMainWindow::toolBar_staysPutWhenPlayBecomesPause()
{
    MainWindow window(MainWindow::SettingsPolicy::Ignore);
    QVERIFY(window.loadLesson(QStringLiteral("handshake")));
    window.resize(1280, 720);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QWidget *play = window.toolBar()->widgetForAction(window.playAction());
    QWidget *live = window.toolBar()->widgetForAction(window.liveAction());
    QVERIFY(play && live);
    const int width = play->width();
    const int liveX = live->x();
    window.playAction()->trigger();
    QVERIFY(window.isPlaying());
    QCOMPARE(window.playAction()->text(), QStringLiteral("Pause"));
    QCoreApplication::processEvents();
    QCOMPARE(play->width(), width);
    QCOMPARE(live->x(), liveX);
    window.playAction()->trigger();
    QVERIFY(!window.isPlaying());
}

void TestMainWindow::helpMenu_keyboardShortcutsPage()
{
    MainWindow window(MainWindow::SettingsPolicy::Ignore);
    QVERIFY(window.shortcutsAction()->shortcuts().contains(QKeySequence(QKeySequence::HelpContents)));
    window.shortcutsAction()->trigger();
    auto *page = window.findChild<QDialog *>(QStringLiteral("shortcutsDialog"));
    QVERIFY(page);
    QVERIFY(page->isVisible());
    QString text;
    for (const QLabel *label : page->findChildren<QLabel *>())
        text += label->text();
    for (const char *expected : {"Space", "Page Up", "Home", "Shift+click", "F11"})
        QVERIFY2(text.contains(QLatin1String(expected)), expected);
    page->close();
}

void TestMainWindow::screenshotOption_writesPngOfAskedSize()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("shot.png"));
    QProcess app;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    app.setProcessEnvironment(env);
    app.start(QStringLiteral(TCPSIM_APP), {QStringLiteral("--lesson"), QStringLiteral("handshake"), QStringLiteral("--steps"),
                                          QStringLiteral("3"), QStringLiteral("--screenshot"), file,
                                          QStringLiteral("--size"), QStringLiteral("1024x640")});
    QVERIFY(app.waitForFinished(60000));
    QCOMPARE(app.exitCode(), 0);
    const QImage image(file);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), QSize(1024, 640));
}

void TestMainWindow::unknownOptionValue_isRejectedNamingTheValidOnes_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("language") << QStringList{QStringLiteral("--language"), QStringLiteral("xyz")}
                              << QStringLiteral("unknown language xyz (use zh_CN or en)");
    QTest::newRow("numbers") << QStringList{QStringLiteral("--language"), QStringLiteral("en"),
                                            QStringLiteral("--numbers"), QStringLiteral("xyz")}
                             << QStringLiteral("unknown number style xyz (use symbolic, relative or absolute)");
    QTest::newRow("palette") << QStringList{QStringLiteral("--language"), QStringLiteral("en"),
                                            QStringLiteral("--palette"), QStringLiteral("xyz")}
                             << QStringLiteral("unknown palette xyz (use dark, light or contrast)");
    QTest::newRow("tab") << QStringList{QStringLiteral("--language"), QStringLiteral("en"),
                                        QStringLiteral("--tab"), QStringLiteral("xyz")}
                         << QStringLiteral("unknown tab xyz (use log, inspector, live or sockets)");
}

void TestMainWindow::unknownOptionValue_isRejectedNamingTheValidOnes()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    QTemporaryDir dir;
    QProcess app;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    app.setProcessEnvironment(env);
    // A screenshot is asked for too: an accepted value would render it and exit 0.
    app.start(QStringLiteral(TCPSIM_APP), arguments + QStringList{QStringLiteral("--screenshot"),
                                                                  dir.filePath(QStringLiteral("shot.png"))});
    QVERIFY(app.waitForFinished(60000));
    QCOMPARE(app.exitCode(), 2);
    const QString error = QString::fromUtf8(app.readAllStandardError());
    QVERIFY2(error.contains(message), qPrintable(error));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("shot.png"))));
}


namespace {
QList<QAction *> visibleActions(const QToolBar *bar)
{
    QList<QAction *> visible;
    for (QAction *action : bar->actions()) {
        if (action->isVisible())
            visible.append(action);
    }
    return visible;
}
} // namespace

void TestMainWindow::presentationMode_f5ShowsOnlyLadderBannerAndDiagram()
{
    MainWindow window(MainWindow::SettingsPolicy::Ignore);
    window.resize(1280, 720);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTest::keyClick(&window, Qt::Key_F5);
    QVERIFY(window.isPresenting());
    QVERIFY(window.isFullScreen());
    QVERIFY(!window.menuBar()->isVisible());
    QVERIFY(!window.toolBar()->isVisible());
    for (QDockWidget *dock : window.findChildren<QDockWidget *>()) {
        if (dock->widget() == window.stateDiagram())
            QVERIFY(dock->isVisible());
        else
            QVERIFY2(!dock->isVisible(), qPrintable(dock->objectName()));
    }
    QVERIFY(window.ladder()->isVisible());
    QVERIFY(window.explanationLabel()->isVisible());
    const QToolBar *bar = window.presentationToolBar();
    QVERIFY(bar->isVisible());
    QCOMPARE(visibleActions(bar), (QList<QAction *>{window.backAction(), window.stepAction(), window.resetAction()}));
    // The keys still step in presentation mode.
    QTest::keyClick(&window, Qt::Key_Space);
    QCOMPARE(window.controller()->currentStep(), 1);
}

void TestMainWindow::presentationMode_escRestoresTheLayoutExactly()
{
    MainWindow window(MainWindow::SettingsPolicy::Ignore);
    window.resize(1100, 700);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // Past the lesson note (a note taller than half the window makes the banner's fitted
    // height depend on the window's past sizes): step 2 and the SYN in the inspector.
    window.goToStep(2);
    window.inspectSegment(1); // whatever the teacher had open stays open
    QCoreApplication::processEvents();
    const QByteArray state = window.saveState();
    const QByteArray geometry = window.saveGeometry();
    const QFont ladderFont = window.ladder()->font();
    QTest::keyClick(&window, Qt::Key_F5);
    QVERIFY(window.isPresenting());
    QCoreApplication::processEvents();
    QTest::keyClick(&window, Qt::Key_Escape);
    QVERIFY(!window.isPresenting());
    QCoreApplication::processEvents();
    QCoreApplication::processEvents();
    QVERIFY(!window.isFullScreen());
    QCOMPARE(window.saveState(), state);
    QCOMPARE(window.saveGeometry(), geometry);
    QCOMPARE(window.ladder()->font(), ladderFont);
    QVERIFY(window.menuBar()->isVisible());
    QVERIFY(window.toolBar()->isVisible());
    QVERIFY(!window.presentationToolBar()->isVisible());
    // Esc means nothing outside presentation mode.
    QTest::keyClick(&window, Qt::Key_Escape);
    QCOMPARE(window.saveState(), state);
}

void TestMainWindow::presentationMode_ladderTextLargeAt1920x1080_zoomScalesTheLadderOnly()
{
    MainWindow window(MainWindow::SettingsPolicy::Ignore);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.setPresenting(MainWindow::Presenting::On);
    // The offscreen screen (800×800) is smaller than a projector's: present in a window of the
    // projector's size; the type follows the presented height.
    window.showNormal();
    window.resize(1920, 1080);
    QCoreApplication::processEvents();
    QCOMPARE(window.size(), QSize(1920, 1080));
    const int pixelSize = QFontInfo(window.ladder()->font()).pixelSize();
    QVERIFY2(pixelSize >= 24, qPrintable(QString::number(pixelSize)));
    const int windowPixelSize = QFontInfo(window.font()).pixelSize();
    QTest::keyClick(&window, Qt::Key_Plus, Qt::ControlModifier);
    QVERIFY(QFontInfo(window.ladder()->font()).pixelSize() > pixelSize);
    QCOMPARE(QFontInfo(window.font()).pixelSize(), windowPixelSize);
    QTest::keyClick(&window, Qt::Key_0, Qt::ControlModifier);
    QCOMPARE(QFontInfo(window.ladder()->font()).pixelSize(), pixelSize);
}

void TestMainWindow::defaultLayout_fits1024x768_withNothingClipped()
{
    MainWindow window(MainWindow::SettingsPolicy::Ignore);
    const QSize minimum = window.minimumSizeHint().expandedTo(window.minimumSize());
    QVERIFY2(minimum.width() <= 1024 && minimum.height() <= 768,
             qPrintable(QStringLiteral("%1x%2").arg(minimum.width()).arg(minimum.height())));
    window.resize(1024, 768);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCoreApplication::processEvents();
    QCOMPARE(window.size(), QSize(1024, 768));
    QStringList clipped;
    int checked = 0;
    for (QWidget *widget : window.findChildren<QWidget *>()) {
        if (!widget->isVisible() || widget->window() != &window)
            continue;
        const bool text = (qobject_cast<QLabel *>(widget) && !qobject_cast<QLabel *>(widget)->wordWrap()
                           && !qobject_cast<QLabel *>(widget)->text().isEmpty())
                          || (qobject_cast<QAbstractButton *>(widget) && !qobject_cast<QAbstractButton *>(widget)->text().isEmpty());
        checked += text ? 1 : 0;
        if (text && widget->width() < widget->sizeHint().width())
            clipped.append(QStringLiteral("%1 '%2' %3 < %4")
                               .arg(QString::fromLatin1(widget->metaObject()->className()),
                                    widget->property("text").toString())
                               .arg(widget->width())
                               .arg(widget->sizeHint().width()));
    }
    // Every tool bar control in the bar itself, none pushed into its overflow menu.
    for (const QWidget *extension : window.toolBar()->findChildren<QWidget *>(QStringLiteral("qt_toolbar_ext_button")))
        QVERIFY(!extension->isVisible());
    QVERIFY2(clipped.isEmpty(), qPrintable(clipped.join(QStringLiteral("; "))));
    QVERIFY(checked >= 15); // the tool bar's and both panes' texts were looked at
}

void TestMainWindow::window_opensNoLargerThanTheScreen()
{
    MainWindow window(MainWindow::SettingsPolicy::Ignore);
    const QSize available = window.screen()->availableGeometry().size();
    const QSize minimum = window.minimumSizeHint();
    QVERIFY(window.width() <= std::max(available.width(), minimum.width()));
    QVERIFY(window.height() <= std::max(available.height(), minimum.height()));
}

// The scroll bars a step redraws (the ladder's, the log's) are painted in bands of rows: the
// same pixels as the plain style, and no wait on Qt's thread pool (a voluntary context switch).
void TestMainWindow::stepScrollBars_paintInBands_lookingTheSame()
{
    MainWindow window(MainWindow::SettingsPolicy::Ignore);
    window.setAnimated(false);
    window.resize(1280, 720);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // Long enough that the log scrolls too.
    QVERIFY(window.loadLesson(QStringLiteral("thread-per-client")));
    while (!window.controller()->isAtLessonEnd())
        window.step();
    QApplication::processEvents();
    const auto voluntarySwitches = [] {
        rusage usage{};
        getrusage(RUSAGE_THREAD, &usage);
        return usage.ru_nvcsw;
    };
    for (QScrollBar *bar : {window.ladder()->verticalScrollBar(), window.logView()->verticalScrollBar()}) {
        QVERIFY(bar->isVisible());
        QVERIFY(qobject_cast<BandedScrollBarStyle *>(bar->style()));
        QVERIFY2(bar->height() > 2 * BandedScrollBarStyle::bandRows, "tall enough for several bands");
        QImage banded(bar->size(), QImage::Format_ARGB32_Premultiplied);
        bar->render(&banded); // the first paint may fill the style's caches
        // Every thread of Qt's pool busy: a fill handed to it must wait (a voluntary context
        // switch of this thread), however fast the machine.
        QThreadPool *pool = QThreadPool::globalInstance();
        QSemaphore sleeping;
        for (int i = 0; i < pool->maxThreadCount(); ++i)
            pool->start([&sleeping] { sleeping.release(); QThread::msleep(300); });
        // Counted only once every pool thread has started (a thread starting up takes locks
        // this thread might wait on) and sleeps.
        sleeping.acquire(pool->maxThreadCount());
        const long before = voluntarySwitches();
        for (int i = 0; i < 10; ++i)
            bar->render(&banded);
        const long whenBanded = voluntarySwitches() - before;

        QStyle *banding = bar->style();
        bar->setStyle(QApplication::style());
        QImage plain(bar->size(), QImage::Format_ARGB32_Premultiplied);
        const long beforePlain = voluntarySwitches();
        bar->render(&plain);
        const long whenPlain = voluntarySwitches() - beforePlain;
        pool->waitForDone();
        bar->setStyle(banding);
        QCOMPARE(whenBanded, 0L);
        // The count can see a wait: the plain style's tall fills were handed off.
        QVERIFY(whenPlain > 0);
        QCOMPARE(banded, plain);
    }
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"

// --tab log on a lesson that brings up the Sockets tab: the log stays in front when the window
// is laid out for the screenshot.
void TestMainWindow::raiseTab_keepsTheChosenTabInFront_overTheSocketsTab()
{
    MainWindow window(MainWindow::SettingsPolicy::Ignore);
    QVERIFY(window.loadLesson(QStringLiteral("backlog-overflow")));
    window.goToStep(15);
    QVERIFY(!window.raiseTab(QStringLiteral("xyz")));
    auto *log = window.findChild<QDockWidget *>(QStringLiteral("logDock"));
    QVERIFY(log);
    // The dock tab in front: the current tab of the tab bar that holds the log's tab.
    const auto front = [&] {
        for (QTabBar *tabs : window.findChildren<QTabBar *>(Qt::FindDirectChildrenOnly)) {
            for (int i = 0; i < tabs->count(); ++i) {
                if (tabs->tabText(i) == log->windowTitle())
                    return tabs->tabText(tabs->currentIndex());
            }
        }
        return QString();
    };
    QVERIFY(window.raiseTab(QStringLiteral("log")));
    QVERIFY(!window.renderImage(QSize(1280, 720)).isNull());
    QVERIFY(window.socketsDock()->toggleViewAction()->isChecked()); // still there, as a tab
    QCOMPARE(front(), log->windowTitle());
    QVERIFY(window.raiseTab(QStringLiteral("sockets")));
    window.renderImage(QSize(1280, 720));
    QCOMPARE(front(), window.socketsDock()->windowTitle());
}
