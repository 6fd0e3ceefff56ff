// SPDX-License-Identifier: GPL-3.0-or-later
// File → Export ladder…: the dialog writes what it shows (range, diagram, format controls by
// suffix) and an unwritable path is reported while the dialog and the lesson stay as they were.
#include "exportdialog.h"
#include "mainwindow.h"

#include "tcpsim/session/lessoncontroller.h"
#include "tcpsim/session/lessonlibrary.h"

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QImageReader>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace tcpsim;

class TestExportDialog : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void range_data();
    void range();
    void suffix_enablesItsControls_data();
    void suffix_enablesItsControls();
    void png_scale2();
    void unwritablePath_reportsAndKeepsTheDialog();
    void mainWindow_fileMenu_opensTheDialog();

private:
    QTemporaryDir m_dir;
    LessonController m_controller;
};

void TestExportDialog::init()
{
    QVERIFY(m_dir.isValid());
    auto loaded = LessonLibrary::load(QStringLiteral("handshake"));
    QVERIFY(std::holds_alternative<Lesson>(loaded));
    m_controller.setLesson(std::get<Lesson>(std::move(loaded)));
    m_controller.goToStep(3);
}

void TestExportDialog::range_data()
{
    QTest::addColumn<int>("range");
    QTest::addColumn<bool>("teardownDrawn");
    QTest::newRow("up to step 3") << int(ExportDialog::Range::UpToCurrentStep) << false;
    QTest::newRow("whole lesson") << int(ExportDialog::Range::WholeLesson) << true;
}

void TestExportDialog::range()
{
    QFETCH(int, range);
    QFETCH(bool, teardownDrawn);
    ExportDialog dialog(m_controller, NumberStyle::Symbolic);
    const QString path = m_dir.filePath(QStringLiteral("range-%1.svg").arg(range));
    dialog.setFileName(path);
    dialog.setRange(static_cast<ExportDialog::Range>(range));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray svg = file.readAll();
    QVERIFY(svg.contains(">SYN+ACK<"));
    QCOMPARE(svg.contains(">FIN+ACK<"), teardownDrawn);
    QCOMPARE(m_controller.currentStep(), 3); // exporting the whole lesson does not step the window's
}

void TestExportDialog::suffix_enablesItsControls_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("exportEnabled");
    QTest::addColumn<bool>("pageSizeEnabled");
    QTest::addColumn<bool>("scaleEnabled");
    QTest::newRow("svg") << "a.svg" << true << false << false;
    QTest::newRow("pdf") << "a.pdf" << true << true << false;
    QTest::newRow("png") << "a.PNG" << true << false << true;
    QTest::newRow("txt") << "a.txt" << false << false << false;
}

void TestExportDialog::suffix_enablesItsControls()
{
    QFETCH(QString, name);
    QFETCH(bool, exportEnabled);
    QFETCH(bool, pageSizeEnabled);
    QFETCH(bool, scaleEnabled);
    ExportDialog dialog(m_controller, NumberStyle::Symbolic);
    dialog.setFileName(m_dir.filePath(name));
    QCOMPARE(dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled(), exportEnabled);
    const QList<QComboBox *> combos = dialog.findChildren<QComboBox *>();
    QCOMPARE(combos.size(), 2); // the range, the page size
    QCOMPARE(combos.last()->isEnabled(), pageSizeEnabled);
    QCOMPARE(dialog.findChild<QSpinBox *>()->isEnabled(), scaleEnabled);
}

void TestExportDialog::png_scale2()
{
    ExportDialog dialog(m_controller, NumberStyle::Absolute);
    const QString one = m_dir.filePath(QStringLiteral("one.png"));
    const QString two = m_dir.filePath(QStringLiteral("two.png"));
    dialog.setFileName(one);
    QVERIFY(dialog.exportLadder(nullptr));
    dialog.setFileName(two);
    dialog.setScale(2);
    QVERIFY(dialog.exportLadder(nullptr));
    QCOMPARE(QImageReader(two).size(), QImageReader(one).size() * 2);
}

void TestExportDialog::unwritablePath_reportsAndKeepsTheDialog()
{
    ExportDialog dialog(m_controller, NumberStyle::Symbolic);
    dialog.show();
    const QString path = m_dir.filePath(QStringLiteral("no/such/dir/ladder.pdf"));
    dialog.setFileName(path);
    dialog.accept();
    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    auto *box = dialog.findChild<QMessageBox *>();
    QVERIFY(box);
    QTRY_VERIFY(box->isVisible());
    QVERIFY2(box->text().contains(path), qPrintable(box->text()));
    QVERIFY(!QFile::exists(path));
    QCOMPARE(m_controller.currentStep(), 3);
    box->accept();
}

void TestExportDialog::mainWindow_fileMenu_opensTheDialog()
{
    MainWindow window(MainWindow::SettingsPolicy::Ignore);
    QVERIFY(window.loadLesson(QStringLiteral("handshake")));
    QAction *exportLadder = nullptr;
    for (QAction *action : window.findChildren<QAction *>()) {
        if (action->text() == QStringLiteral("Export &ladder…"))
            exportLadder = action;
    }
    QVERIFY(exportLadder);
    exportLadder->trigger();
    auto *dialog = window.findChild<ExportDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    dialog->reject();
}

QTEST_MAIN(TestExportDialog)
#include "tst_exportdialog.moc"
