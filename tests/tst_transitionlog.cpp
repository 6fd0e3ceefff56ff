// SPDX-License-Identifier: GPL-3.0-or-later
// The transition log model: rows from the model's events, other sources, CSV.
#include "tcpsim/session/lessoncontroller.h"
#include "tcpsim/session/transitionlog.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace tcpsim;

class TestTransitionLog : public QObject
{
    Q_OBJECT

private slots:
    void rowsFromEvents_oneRowPerTransition();
    void severalClients_areNamedAsTheScriptNamesThem();
    void otherSources_areKept();
    void csv_quotesAndSaves();
    void syncModelRows_followsEveryStepAndBack_data();
    void syncModelRows_followsEveryStepAndBack();
    void syncModelRows_keepsLiveRowsAfterTheStepsModelRows();
    void outsideConnections_underTheirOwnHeadingAfterTheSteps();
};

namespace {
bool sameRows(const TransitionLogModel &model, const QList<TransitionLogRow> &rows)
{
    if (model.rowCount() != rows.size())
        return false;
    for (int i = 0; i < rows.size(); ++i) {
        const TransitionLogRow &a = model.row(i);
        const TransitionLogRow &b = rows[i];
        if (a.step != b.step || a.timeMs != b.timeMs || a.side != b.side || a.endpoint != b.endpoint
            || a.from != b.from || a.to != b.to || a.cause != b.cause || a.source != b.source)
            return false;
    }
    return true;
}

Lesson lessonFrom(const char *text)
{
    auto parsed = parseLesson(text, "t.tcp");
    if (auto *error = std::get_if<ScriptError>(&parsed))
        qFatal("%s", error->message.c_str());
    return std::get<Lesson>(std::move(parsed));
}
} // namespace

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

void TestTransitionLog::severalClients_areNamedAsTheScriptNamesThem()
{
    LessonController controller;
    controller.setLesson(lessonFrom("server listen\nclient connect\nclient2 connect\nsettle\n"));
    controller.goToStep(4);
    QStringList endpoints;
    for (const TransitionLogRow &row :
         TransitionLogModel::rowsFromEvents(controller.simulation().events(), controller.eventBoundaries()))
        endpoints << row.endpoint + QLatin1Char(' ') + row.to;
    QVERIFY2(endpoints.contains(QStringLiteral("client ESTABLISHED")), qPrintable(endpoints.join(u", ")));
    QVERIFY2(endpoints.contains(QStringLiteral("client2 ESTABLISHED")), qPrintable(endpoints.join(u", ")));
    QVERIFY2(endpoints.contains(QStringLiteral("server ESTABLISHED")), qPrintable(endpoints.join(u", ")));
    QVERIFY2(endpoints.contains(QStringLiteral("server.client2 ESTABLISHED")), qPrintable(endpoints.join(u", ")));
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

void TestTransitionLog::syncModelRows_followsEveryStepAndBack_data()
{
    QTest::addColumn<QByteArray>("script");
    QTest::newRow("handshake and close") << QByteArray("server listen\nclient connect\nclient deliver\nserver deliver\n"
                                                       "client deliver\nclient close\nclient deliver\nserver deliver\n"
                                                       "server close\nserver deliver\nclient deliver\nclient timeout\n");
    QTest::newRow("steps without transitions") << QByteArray("server listen\nclient connect\nclient deliver\n"
                                                             "server deliver\nclient deliver\nclient send \"a\"\n"
                                                             "client deliver\nserver deliver\nclient send \"b\"\n");
}

// The log after any sequence of steps and Backs equals the rows built from scratch, and is
// only ever inserted into or removed from (never reset: the view keeps its selection).
void TestTransitionLog::syncModelRows_followsEveryStepAndBack()
{
    QFETCH(QByteArray, script);
    LessonController controller;
    controller.setAutoReply(false);
    controller.setLesson(lessonFrom(script.constData()));
    TransitionLogModel model;
    QSignalSpy resets(&model, &QAbstractItemModel::modelAboutToBeReset);
    auto sync = [&] { model.syncModelRows(controller.simulation().events(), controller.eventBoundaryView()); };
    auto expected = [&] {
        return TransitionLogModel::rowsFromEvents(controller.simulation().events(), controller.eventBoundaries());
    };
    sync();
    while (!controller.isAtLessonEnd()) {
        controller.stepForward();
        sync();
        QVERIFY2(sameRows(model, expected()), qPrintable(QStringLiteral("forward to step %1").arg(controller.currentStep())));
    }
    QVERIFY(model.rowCount() > 0);
    while (controller.canStepBack()) {
        controller.stepBack();
        sync();
        QVERIFY2(sameRows(model, expected()), qPrintable(QStringLiteral("back to step %1").arg(controller.currentStep())));
    }
    QCOMPARE(model.rowCount(), 0);
    // Several steps at once, both ways.
    controller.goToStep(controller.stepCount());
    sync();
    QVERIFY(sameRows(model, expected()));
    controller.goToStep(3);
    sync();
    QVERIFY(sameRows(model, expected()));
    QCOMPARE(resets.size(), 0);
    // A new lesson starts the rows again.
    model.resetModelRows();
    controller.setLesson(lessonFrom("client connect\n"));
    controller.stepForward();
    sync();
    QVERIFY(sameRows(model, expected()));
    QCOMPARE(model.rowCount(), 1);
}

void TestTransitionLog::syncModelRows_keepsLiveRowsAfterTheStepsModelRows()
{
    LessonController controller;
    controller.setLesson(lessonFrom("server listen\nclient connect\nclient deliver\n"));
    TransitionLogModel model;
    auto sync = [&] { model.syncModelRows(controller.simulation().events(), controller.eventBoundaryView()); };
    controller.stepForward();
    sync();
    // The live pair reports step 2 before the model's rows of step 2 are synced.
    TransitionLogRow kernel;
    kernel.step = 2;
    kernel.endpoint = QStringLiteral("client socket");
    kernel.to = QStringLiteral("SYN-SENT");
    kernel.source = TransitionLogModel::kernelSource();
    kernel.live = true;
    model.setLiveRows({kernel});
    controller.stepForward();
    sync();
    QCOMPARE(model.rowCount(), 3); // server LISTEN, client SYN-SENT (model), client SYN-SENT (kernel)
    QCOMPARE(model.row(1).source, TransitionLogModel::modelSource());
    QCOMPARE(model.row(1).step, 2);
    QCOMPARE(model.row(2).source, TransitionLogModel::kernelSource());
    // Back removes the model's row of step 2; the live row is the live mirror's to hide.
    controller.stepBack();
    sync();
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.row(0).to, QStringLiteral("LISTEN"));
    QCOMPARE(model.row(1).source, TransitionLogModel::kernelSource());
}

// What a class's nc does is not the doing of the step that was current: those rows come after
// the lesson's, say "outside" in the Step column, and stay there as steps come and go.
void TestTransitionLog::outsideConnections_underTheirOwnHeadingAfterTheSteps()
{
    LessonController controller;
    controller.setLesson(lessonFrom("server listen\nclient connect\nclient deliver\nserver deliver\n"));
    TransitionLogModel model;
    auto sync = [&] { model.syncModelRows(controller.simulation().events(), controller.eventBoundaryView()); };
    controller.stepForward();
    sync();
    TransitionLogRow nc;
    nc.step = 1; // the step current when it connected
    nc.endpoint = QStringLiteral("other");
    nc.to = QStringLiteral("ESTABLISHED");
    nc.source = TransitionLogModel::kernelSource();
    nc.live = true;
    nc.outside = true;
    model.setLiveRows({nc});
    QCOMPARE(model.rowCount(), 2);
    QVERIFY(model.row(1).outside);
    QCOMPARE(model.index(1, TransitionLogModel::StepColumn).data().toString(), QStringLiteral("outside"));
    QCOMPARE(model.index(1, TransitionLogModel::StepColumn).data(TransitionLogModel::OutsideRole).toBool(), true);
    QCOMPARE(model.index(0, TransitionLogModel::StepColumn).data().toInt(), 1);

    // The next steps' model rows go before it, whatever step it arrived at.
    controller.goToStep(controller.stepCount());
    sync();
    QVERIFY(model.rowCount() > 3);
    for (int i = 0; i + 1 < model.rowCount(); ++i) {
        QVERIFY(!model.row(i).outside);
        QCOMPARE(model.row(i).source, TransitionLogModel::modelSource());
    }
    QVERIFY(model.row(model.rowCount() - 1).outside);
    // Back to step 1 removes the model's later rows, not the outside one.
    controller.goToStep(1);
    sync();
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.row(0).to, QStringLiteral("LISTEN"));
    QVERIFY(model.row(1).outside);
    QVERIFY(model.toCsv().contains(QStringLiteral("\noutside,")));
}

QTEST_GUILESS_MAIN(TestTransitionLog)
#include "tst_transitionlog.moc"
