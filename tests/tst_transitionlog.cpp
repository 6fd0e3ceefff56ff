// SPDX-License-Identifier: GPL-3.0-or-later
// The transition log model: rows from the model's events, other sources, CSV.
#include "tcpsim/session/lessoncontroller.h"
#include "tcpsim/session/transitionlog.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace tcpsim;

class TestTransitionLog : public QObject
{
    Q_OBJECT

private slots:
    void rowsFromEvents_oneRowPerTransition();
    void otherSources_areKept();
    void csv_quotesAndSaves();
};

void TestTransitionLog::rowsFromEvents_oneRowPerTransition()
{
    auto parsed = parseLesson("server listen\nclient connect\nclient deliver\nserver deliver\nclient deliver\n", "t.tcp");
    LessonController controller;
    controller.setLesson(std::get<Lesson>(parsed));
    controller.goToStep(5);
    const auto rows = TransitionLogModel::rowsFromEvents(controller.simulation().events(), controller.eventBoundaries());
    QCOMPARE(rows.size(), 5); // LISTEN, SYN-SENT, SYN-RECEIVED, client ESTABLISHED, server ESTABLISHED
    QCOMPARE(rows[0].step, 1);
    QCOMPARE(rows[0].endpoint, QStringLiteral("server"));
    QCOMPARE(rows[0].to, QStringLiteral("LISTEN"));
    QCOMPARE(rows[0].cause, QStringLiteral("listen()"));
    QCOMPARE(rows[2].step, 3);
    QCOMPARE(rows[2].cause, QStringLiteral("rcv SYN"));
    QCOMPARE(rows[4].to, QStringLiteral("ESTABLISHED"));
    QCOMPARE(rows[4].source, QStringLiteral("model"));
}

void TestTransitionLog::otherSources_areKept()
{
    TransitionLogModel model;
    TransitionLogRow kernel;
    kernel.step = 2;
    kernel.endpoint = QStringLiteral("client socket");
    kernel.from = QStringLiteral("CLOSED");
    kernel.to = QStringLiteral("SYN-SENT");
    kernel.source = QStringLiteral("kernel");
    model.appendRow(kernel);
    TransitionLogRow modelRow;
    modelRow.step = 1;
    modelRow.endpoint = QStringLiteral("server");
    modelRow.to = QStringLiteral("LISTEN");
    modelRow.source = TransitionLogModel::modelSource();
    model.setRows(TransitionLogModel::modelSource(), {modelRow});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.row(0).source, QStringLiteral("model")); // ordered by step
    QCOMPARE(model.row(1).source, QStringLiteral("kernel"));
    model.setRows(TransitionLogModel::modelSource(), {});
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.columnCount(), int(TransitionLogModel::ColumnCount));
}

void TestTransitionLog::csv_quotesAndSaves()
{
    TransitionLogModel model;
    TransitionLogRow row;
    row.step = 3;
    row.timeMs = 1000;
    row.endpoint = QStringLiteral("server");
    row.from = QStringLiteral("LISTEN");
    row.to = QStringLiteral("SYN-RECEIVED");
    row.cause = QStringLiteral("rcv SYN, \"again\"");
    row.source = QStringLiteral("model");
    model.appendRow(row);
    const QString csv = model.toCsv();
    QCOMPARE(csv, QStringLiteral("step,time_ms,endpoint,from,to,cause,source\n"
                                 "3,1000,server,LISTEN,SYN-RECEIVED,\"rcv SYN, \"\"again\"\"\",model\n"));
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("log.csv"));
    QString error;
    QVERIFY2(model.saveCsv(file, &error), qPrintable(error));
    QFile saved(file);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(saved.readAll()), csv);
}

QTEST_GUILESS_MAIN(TestTransitionLog)
#include "tst_transitionlog.moc"
