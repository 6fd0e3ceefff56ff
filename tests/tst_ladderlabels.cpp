// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 9: every built-in lesson at every step, in the default window at 1280x720 and 1024x768,
// in English and in Chinese: no two of the ladder's label boxes (states, calls, arrows, the time
// axis) intersect and none is elided or clipped; the same with the time scale, and under Fit all.
#include "ladderview.h"
#include "mainwindow.h"

#include "tcpsim/session/lessonlibrary.h"
#include "tcpsim/render/appstyle.h"

#include <QFontInfo>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTest>

#include "labeloverlap.h"
#include <QTranslator>

using namespace tcpsim;

class TestLadderLabels : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void everyLessonEveryStep_noOverlapNoElision_data();
    void everyLessonEveryStep_noOverlapNoElision();
    void fitAll_handshakeAt1280x720_fitsWithoutScrolling();
};

void TestLadderLabels::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestLadderLabels::everyLessonEveryStep_noOverlapNoElision_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<bool>("chinese");
    QTest::addColumn<int>("mode"); // 0 normal, 1 time scale, 2 Fit all
    for (const QSize size : {QSize(1280, 720), QSize(1024, 768)}) {
        for (bool chinese : {false, true}) {
            for (int mode : {0, 1, 2})
                QTest::addRow("%dx%d %s %s", size.width(), size.height(), chinese ? "zh" : "en",
                              mode == 0 ? "normal" : mode == 1 ? "time scale" : "fit all")
                    << size << chinese << mode;
        }
    }
}

void TestLadderLabels::everyLessonEveryStep_noOverlapNoElision()
{
    QFETCH(QSize, size);
    QFETCH(bool, chinese);
    QFETCH(int, mode);
    QTranslator translator;
    if (chinese) {
        // As app/main.cpp does for --language zh_CN.
        QVERIFY(translator.load(QStringLiteral(":/i18n/tcpsim_zh_CN.qm")));
        QVERIFY(QCoreApplication::installTranslator(&translator));
    }
    const auto cleanup = qScopeGuard([&] { QCoreApplication::removeTranslator(&translator); });
    MainWindow window(MainWindow::SettingsPolicy::Ignore);
    window.resize(size);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    LadderView *ladder = window.ladder();
    ladder->setTimeScale(mode == 1);
    ladder->setRowFit(mode == 2 ? LadderView::RowFit::All : LadderView::RowFit::Normal);
    for (const LessonEntry &entry : LessonLibrary::builtInLessons()) {
        QVERIFY(window.loadLesson(entry.name));
        const int steps = window.controller()->stepCount();
        for (int step = 0; step <= steps; ++step) {
            window.goToStep(step);
            ladder->finishAnimation();
            const LadderLayout &layout = ladder->layout();
            const QString where = QStringLiteral("%1 step %2 (ladder %3x%4)")
                                      .arg(entry.name)
                                      .arg(step)
                                      .arg(ladder->viewport()->width())
                                      .arg(ladder->viewport()->height());
            const QString overlap = overlappingLabels(layout);
            QVERIFY2(overlap.isEmpty(), qPrintable(where + QStringLiteral(": ") + overlap));
            QVERIFY2(!layout.clipped(), qPrintable(where + QStringLiteral(": a label is clipped")));
            QVERIFY2(QFontInfo(ladder->ladderFont()).pixelSize() >= AppStyle::minimumPixelSize, qPrintable(where));
            for (const LadderLayout::Label &label : layout.labels()) {
                // Wrapped, never shortened.
                QCOMPARE(label.lines.join(QString()).remove(QLatin1Char(' ')),
                         QString(label.text).remove(QLatin1Char(' ')));
            }
            if (QTest::currentTestFailed())
                return;
        }
    }
}

// The 19-step handshake in the default 1280x720 window, Fit all: the whole lesson on screen, its
// last row inside the viewport with no scrolling, nothing overlapping, type >= 14 px.
void TestLadderLabels::fitAll_handshakeAt1280x720_fitsWithoutScrolling()
{
    MainWindow window(MainWindow::SettingsPolicy::Ignore);
    window.resize(1280, 720);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.loadLesson(QStringLiteral("handshake")));
    QCOMPARE(window.controller()->stepCount(), 19);
    window.goToStep(19);
    LadderView *ladder = window.ladder();
    ladder->finishAnimation();
    ladder->setRowFit(LadderView::RowFit::All);
    QTRY_VERIFY(ladder->fitsAll());
    const LadderLayout &layout = ladder->layout();
    const QString size = QStringLiteral("content %1 px, ladder %2x%3")
                             .arg(layout.contentHeight())
                             .arg(ladder->viewport()->width())
                             .arg(ladder->viewport()->height());
    QVERIFY2(layout.nowY() <= ladder->viewport()->height(), qPrintable(size));
    QCOMPARE(ladder->verticalScrollBar()->maximum(), 0);
    QVERIFY2(overlappingLabels(layout).isEmpty(), qPrintable(overlappingLabels(layout)));
    QVERIFY(!layout.clipped());
    QVERIFY(QFontInfo(ladder->ladderFont()).pixelSize() >= AppStyle::minimumPixelSize);
    for (const LadderLayout::Label &label : layout.labels())
        QVERIFY(layout.labelRect(label).bottom() <= ladder->viewport()->height());
}

QTEST_MAIN(TestLadderLabels)
#include "tst_ladderlabels.moc"
