// SPDX-License-Identifier: GPL-3.0-or-later
// Lesson → Compare textbook and Linux…: both ladders side by side, a marker per divergence, the
// sentences beside them; the menu item opens it on the window's lesson.
#include "comparedialog.h"
#include "mainwindow.h"

#include "tcpsim/session/lessonlibrary.h"

#include <QAction>
#include <QApplication>
#include <QImage>
#include <QTest>
#include <QTextBrowser>

using namespace tcpsim;

namespace {

Lesson builtIn(const QString &name)
{
    auto loaded = LessonLibrary::load(name);
    if (!std::holds_alternative<Lesson>(loaded))
        qFatal("built-in lesson %s does not load", qPrintable(name));
    return std::get<Lesson>(std::move(loaded));
}

} // namespace

class TestCompareDialog : public QObject
{
    Q_OBJECT

private slots:
    void ladders_data();
    void ladders();
    void menuOpensOnTheWindowsLesson();
};

void TestCompareDialog::ladders_data()
{
    QTest::addColumn<QString>("lesson");
    QTest::addColumn<int>("rfcArrows");
    QTest::addColumn<int>("linuxArrows");
    QTest::addColumn<QString>("sentence"); // a phrase of the last divergence
    QTest::newRow("handshake") << QStringLiteral("handshake") << 11 << 10 << QStringLiteral("three segments instead of four");
    QTest::newRow("abort") << QStringLiteral("abort") << 6 << 6 << QStringLiteral("Linux sends RST,ACK");
    QTest::newRow("server-closes-first-linux") << QStringLiteral("server-closes-first-linux") << 11 << 11
                                               << QStringLiteral("delayed-ACK timer");
}

void TestCompareDialog::ladders()
{
    QFETCH(QString, lesson);
    QFETCH(int, rfcArrows);
    QFETCH(int, linuxArrows);
    QFETCH(QString, sentence);
    CompareDialog dialog(builtIn(lesson), SimulationConfig{}, NumberStyle::Relative);
    dialog.resize(1240, 680); // a 1280×720 projector, less the frame
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));

    QCOMPARE(dialog.arrowCount(Profile::Rfc9293), rfcArrows);
    QCOMPARE(dialog.arrowCount(Profile::Linux), linuxArrows);
    QVERIFY(dialog.ladderTitle(Profile::Rfc9293).contains(QStringLiteral("RFC 9293")));
    QVERIFY(dialog.ladderTitle(Profile::Linux).contains(QStringLiteral("Linux")));
    QVERIFY(dialog.windowTitle().contains(QString::fromStdString(builtIn(lesson).title)));

    const QStringList sentences = dialog.sentences();
    QCOMPARE(sentences.size(), int(dialog.comparison().divergences().size()));
    QVERIFY(sentences.size() >= 2);
    QVERIFY2(sentences.last().contains(sentence), qPrintable(sentences.last()));
    const auto *browser = dialog.findChild<QTextBrowser *>(QStringLiteral("compareSentences"));
    QVERIFY(browser);
    for (const QString &text : sentences)
        QVERIFY(browser->toPlainText().simplified().contains(text.simplified()));
    QVERIFY(browser->toPlainText().contains(
        QStringLiteral("RFC 9293: %1 segments. Linux: %2 segments.").arg(rfcArrows).arg(linuxArrows)));

    // One marker per divergence in each ladder, in lesson order, inside the ladder; the first
    // (the SYNs' options) at the first SYN.
    for (Profile profile : {Profile::Rfc9293, Profile::Linux}) {
        const QList<double> markers = dialog.markerPositions(profile);
        QCOMPARE(markers.size(), sentences.size());
        for (int i = 1; i < markers.size(); ++i)
            QVERIFY(markers[i] >= markers[i - 1]);
        QVERIFY(markers.first() > 0);
    }
    // A click on the last sentence's step scrolls both ladders to its markers.
    dialog.showDivergence(int(sentences.size()) - 1);
    const double lastMarker = std::min(dialog.markerPositions(Profile::Rfc9293).last(),
                                       dialog.markerPositions(Profile::Linux).last());
    QVERIFY(dialog.scrollPosition() > 0);
    QVERIFY(dialog.scrollPosition() <= lastMarker);
    const QImage shot = dialog.grab().toImage();
    QCOMPARE(shot.size(), dialog.size() * dialog.devicePixelRatio());
    const QString shotPath = qEnvironmentVariable("TCPSIM_COMPARE_SHOT");
    if (!shotPath.isEmpty())
        shot.save(shotPath.arg(lesson));
}

void TestCompareDialog::menuOpensOnTheWindowsLesson()
{
    MainWindow window(MainWindow::SettingsPolicy::Ignore);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *action = window.findChild<QAction *>(QStringLiteral("compareProfilesAction"));
    QVERIFY(action);
    QVERIFY(!action->text().isEmpty());
    action->trigger();
    auto *dialog = window.findChild<CompareDialog *>(QStringLiteral("compareDialog"));
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QVERIFY(dialog->width() <= 1240);
    QCOMPARE(dialog->comparison().run(Profile::Rfc9293).lessonSteps,
             dialog->comparison().run(Profile::Linux).lessonSteps);
    QVERIFY(!dialog->sentences().isEmpty());
    dialog->close();
}

QTEST_MAIN(TestCompareDialog)
#include "tst_comparedialog.moc"
