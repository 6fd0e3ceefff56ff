// SPDX-License-Identifier: GPL-3.0-or-later
// The live pair wired into the window: the handshake lesson stepped with the Space bar on a real
// loopback pair (port 0, never 3267) puts Qt's and the kernel's states of both sides in the
// transition log under the step they belong to — ESTABLISHED on both sides, the server's
// ESTABLISHED before accept() (seed 001), CLOSE-WAIT held until the server's close step,
// TIME-WAIT for the client — flags the rows where the kernel differs from the model with an
// explanation, lists the listening and the connected socket in the Live dock, and stops when
// Live is turned off.
#include "ladderview.h"
#include "tcpsim/session/lessoncontroller.h"
#include "tcpsim/session/livemirror.h"
#include "livepane.h"
#include "mainwindow.h"
#include "tcpsim/session/transitionlog.h"
#include "transitionlogdelegate.h"

#include "tcpsim/live/livesession.h"
#include "tcpsim/live/serverpanemodel.h"

#include <QAction>
#include <QLabel>
#include <QDockWidget>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTcpSocket>
#include <QTest>

#include <algorithm>

using namespace tcpsim;

namespace {

constexpr int liveTimeoutMs = 10000;

// The handshake lesson's steps (resources/lessons/handshake.tcp).
constexpr int listenStep = 1;
constexpr int connectStep = 2;
constexpr int lastHandshakeDelivery = 5;
constexpr int acceptStep = 6;
constexpr int clientCloseStep = 13;
constexpr int serverCloseStep = 16;
constexpr int timeoutStep = 19;

QString dump(const TransitionLogModel &model)
{
    QString text;
    for (int i = 0; i < model.rowCount(); ++i) {
        const TransitionLogRow &row = model.row(i);
        text += QStringLiteral("\n%1 %2 %3 %4 -> %5 (%6) %7 %8")
                    .arg(row.step)
                    .arg(row.source, row.endpoint, row.from, row.to, row.qualifier, row.cause,
                         row.warning.isEmpty() ? QString() : QStringLiteral("[!] ") + row.warning);
    }
    return text;
}

} // namespace

class TestLivePane : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void handshake_kernelEstablishedOnBothSides();
    void deferredAccept_kernelEstablishedBeforeAccept();
    void passiveCloser_closeWaitHeldUntilServerClose();
    void activeCloser_timeWaitInLog();
    void differingRow_isFlaggedAndExplained();
    void liveRow_selectionHighlightsItsStep();
    void back_hidesLaterLiveRows_andDoesNotRepeatThem();
    void serverPane_listsListeningAndConnectedSockets();
    void liveOff_stopsMirroring();
    void reset_startsTheLivePairAgain();
    void outsideConnections_keepTheLogBounded();

private:
    // Presses Space `count` times, waiting for the live pair after each press.
    void stepWithSpace(int count);
    void stepTo(int step);
    // Index of the first log row matching, -1 if none.
    int findRow(const QString &source, const QString &endpoint, const QString &to, int step = -1,
                const QString &qualifier = {}) const;

    MainWindow *m_window = nullptr;
};

void TestLivePane::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestLivePane::init()
{
    m_window = new MainWindow(MainWindow::SettingsPolicy::Ignore);
    m_window->setAnimated(false);
    m_window->setLivePort(0); // any free port: nothing here depends on 3267
    QVERIFY(m_window->loadLesson(QStringLiteral("handshake")));
    QVERIFY(!m_window->isLiveEnabled()); // off unless asked for when settings are ignored
    m_window->liveAction()->trigger();
    QVERIFY(m_window->isLiveEnabled());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    m_window->ladder()->setFocus();
}

void TestLivePane::cleanup()
{
    delete m_window;
    m_window = nullptr;
}

void TestLivePane::stepWithSpace(int count)
{
    for (int i = 0; i < count; ++i) {
        QTest::keyClick(m_window, Qt::Key_Space);
        m_window->ladder()->finishAnimation();
        QTRY_VERIFY_WITH_TIMEOUT(m_window->liveMirror()->isIdle(), liveTimeoutMs);
    }
    QVERIFY(m_window->liveMirror()->waitUntilIdle(liveTimeoutMs));
}

void TestLivePane::stepTo(int step)
{
    stepWithSpace(step - m_window->controller()->currentStep());
    QCOMPARE(m_window->controller()->currentStep(), step);
    QCOMPARE(m_window->liveMirror()->mirroredStep(), step);
}

int TestLivePane::findRow(const QString &source, const QString &endpoint, const QString &to, int step,
                          const QString &qualifier) const
{
    const TransitionLogModel *model = m_window->logModel();
    for (int i = 0; i < model->rowCount(); ++i) {
        const TransitionLogRow &row = model->row(i);
        if (row.source == source && row.endpoint == endpoint && row.to == to && (step < 0 || row.step == step)
            && (qualifier.isEmpty() || row.qualifier == qualifier))
            return i;
    }
    return -1;
}

void TestLivePane::handshake_kernelEstablishedOnBothSides()
{
    stepTo(lastHandshakeDelivery);
    const TransitionLogModel &log = *m_window->logModel();
    QVERIFY2(findRow(QStringLiteral("kernel"), QStringLiteral("client"), QStringLiteral("ESTABLISHED")) >= 0,
             qPrintable(dump(log)));
    QVERIFY2(findRow(QStringLiteral("kernel"), QStringLiteral("server"), QStringLiteral("ESTABLISHED")) >= 0,
             qPrintable(dump(log)));
    QVERIFY2(findRow(QStringLiteral("kernel"), QStringLiteral("listener"), QStringLiteral("LISTEN"), listenStep) >= 0,
             qPrintable(dump(log)));
    QVERIFY2(findRow(QStringLiteral("Qt"), QStringLiteral("client"), QStringLiteral("ConnectedState"), connectStep) >= 0,
             qPrintable(dump(log)));
    // The Qt and kernel rows come under their step, after the model's rows of that step.
    int lastStep = 0;
    bool modelSeenInStep = false;
    for (int i = 0; i < log.rowCount(); ++i) {
        const TransitionLogRow &row = log.row(i);
        QVERIFY2(row.step >= lastStep, qPrintable(dump(log)));
        if (row.step != lastStep)
            modelSeenInStep = false;
        lastStep = row.step;
        if (row.source == TransitionLogModel::modelSource())
            QVERIFY2(!modelSeenInStep || log.row(i - 1).source == TransitionLogModel::modelSource(), qPrintable(dump(log)));
        modelSeenInStep = modelSeenInStep || row.source == TransitionLogModel::modelSource();
    }
    // Steps the live pair cannot do are marked as such.
    QVERIFY2(findRow(QStringLiteral("live"), QStringLiteral("client"), QStringLiteral("simulation only"), lastHandshakeDelivery) >= 0,
             qPrintable(dump(log)));
    // Sources are shown translated, the kernel's state observed or inferred.
    const int kernelRow = findRow(QStringLiteral("kernel"), QStringLiteral("server"), QStringLiteral("ESTABLISHED"));
    const QModelIndex source = log.index(kernelRow, TransitionLogModel::SourceColumn);
    QCOMPARE(log.data(source).toString(), TransitionLogModel::tr("kernel"));
    QVERIFY(log.data(log.index(kernelRow, TransitionLogModel::TransitionColumn)).toString().contains(QStringLiteral("observed")));
}

void TestLivePane::deferredAccept_kernelEstablishedBeforeAccept()
{
    // Seed 001: the kernel completes the handshake before the application calls accept().
    stepTo(lastHandshakeDelivery);
    const int before = findRow(QStringLiteral("kernel"), QStringLiteral("server"), QStringLiteral("ESTABLISHED"));
    QVERIFY2(before >= 0, qPrintable(dump(*m_window->logModel())));
    QVERIFY(m_window->logModel()->row(before).step < acceptStep);
    QVERIFY(m_window->logModel()->row(before).cause.contains(QStringLiteral("accept queue")));
    QCOMPARE(m_window->liveMirror()->session()->server()->connectionCount(), 0);
    stepTo(acceptStep);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->liveMirror()->session()->server()->connectionCount(), 1, liveTimeoutMs);
    QVERIFY2(findRow(QStringLiteral("Qt"), QStringLiteral("server"), QStringLiteral("ConnectedState"), acceptStep) >= 0,
             qPrintable(dump(*m_window->logModel())));
}

void TestLivePane::passiveCloser_closeWaitHeldUntilServerClose()
{
    stepTo(clientCloseStep);
    QVERIFY2(findRow(QStringLiteral("kernel"), QStringLiteral("server"), QStringLiteral("CLOSE-WAIT"), clientCloseStep) >= 0,
             qPrintable(dump(*m_window->logModel())));
    live::LiveSession *session = m_window->liveMirror()->session();
    for (int step = clientCloseStep + 1; step < serverCloseStep; ++step) {
        stepTo(step);
        QCOMPARE(session->kernelState(Side::Server), TcpState::CloseWait);
        // Where the model's server changes and the kernel's does not, the log says it is held.
        QVERIFY(m_window->livePane()->sideText(Side::Server).contains(QStringLiteral("CLOSE-WAIT (held)")));
    }
    QVERIFY2(findRow(QStringLiteral("kernel"), QStringLiteral("server"), QStringLiteral("CLOSE-WAIT"), -1,
                     QStringLiteral("held")) >= 0,
             qPrintable(dump(*m_window->logModel())));
    stepTo(serverCloseStep);
    QTRY_VERIFY_WITH_TIMEOUT(session->kernelState(Side::Server) != TcpState::CloseWait, liveTimeoutMs);
}

void TestLivePane::activeCloser_timeWaitInLog()
{
    stepTo(serverCloseStep);
    QVERIFY2(findRow(QStringLiteral("kernel"), QStringLiteral("client"), QStringLiteral("TIME-WAIT"), serverCloseStep) >= 0,
             qPrintable(dump(*m_window->logModel())));
    stepTo(timeoutStep);
    // The model's 2MSL timer fired; the kernel's TIME-WAIT lasts 60 s.
    QCOMPARE(m_window->liveMirror()->session()->kernelState(Side::Client), TcpState::TimeWait);
    const int still = findRow(QStringLiteral("kernel"), QStringLiteral("client"), QStringLiteral("TIME-WAIT"), timeoutStep,
                              QStringLiteral("still"));
    QVERIFY2(still >= 0, qPrintable(dump(*m_window->logModel())));
    QVERIFY2(m_window->logModel()->row(still).warning.contains(QStringLiteral("60 s")), qPrintable(dump(*m_window->logModel())));
    if (qEnvironmentVariableIsSet("TCPSIM_DUMP_LOG"))
        qInfo("%s", qPrintable(dump(*m_window->logModel())));
}

void TestLivePane::differingRow_isFlaggedAndExplained()
{
    // At the connect step the model's client is SYN-SENT; loopback is already ESTABLISHED.
    stepTo(connectStep);
    const TransitionLogModel &log = *m_window->logModel();
    const int row = findRow(QStringLiteral("kernel"), QStringLiteral("client"), QStringLiteral("ESTABLISHED"), connectStep);
    QVERIFY2(row >= 0, qPrintable(dump(log)));
    QVERIFY(!log.row(row).warning.isEmpty());
    const QModelIndex transition = log.index(row, TransitionLogModel::TransitionColumn);
    QVERIFY(log.data(transition).toString().startsWith(QStringLiteral("⚠")));
    QVERIFY(log.data(transition, Qt::ToolTipRole).toString().contains(log.row(row).warning));
    // The window paints it: a wash behind the row (colours are the view's business, not the session's).
    QVERIFY(log.data(transition, TransitionLogModel::DiffersRole).toBool());
    auto *delegate = qobject_cast<TransitionLogDelegate *>(m_window->logView()->itemDelegate());
    QVERIFY(delegate);
    QStyleOptionViewItem option;
    delegate->initStyleOption(&option, transition);
    QVERIFY(option.backgroundBrush.style() != Qt::NoBrush);
    // A row that agrees with the model is not flagged.
    const int agrees = findRow(QStringLiteral("kernel"), QStringLiteral("client"), QStringLiteral("SYN-SENT"), connectStep);
    if (agrees >= 0)
        QVERIFY(log.row(agrees).warning.isEmpty());
    QVERIFY(!m_window->liveMirror()->currentDifference(Side::Client).isEmpty());
}

void TestLivePane::liveRow_selectionHighlightsItsStep()
{
    stepTo(acceptStep);
    const int row = findRow(QStringLiteral("kernel"), QStringLiteral("client"), QStringLiteral("ESTABLISHED"), connectStep);
    QVERIFY(row >= 0);
    m_window->logView()->selectionModel()->select(m_window->logModel()->index(row, 0),
                                                  QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QCOMPARE(m_window->ladder()->highlightedStep(), connectStep);
}

void TestLivePane::back_hidesLaterLiveRows_andDoesNotRepeatThem()
{
    stepTo(acceptStep);
    QSignalSpy status(m_window->liveMirror(), &LiveMirror::statusMessage);
    m_window->backAction()->trigger();
    m_window->backAction()->trigger();
    QCOMPARE(status.count(), 2);
    const TransitionLogModel &log = *m_window->logModel();
    for (int i = 0; i < log.rowCount(); ++i)
        QVERIFY(log.row(i).step <= acceptStep - 2);
    QCOMPARE(m_window->liveMirror()->mirroredStep(), acceptStep);
    // Forward again: the rows come back, nothing is done twice on the pair.
    const int connections = m_window->liveMirror()->session()->server()->connectionCount();
    const qsizetype observations = m_window->liveMirror()->session()->observations().size();
    stepWithSpace(2);
    QCOMPARE(m_window->liveMirror()->session()->observations().size(), observations);
    QCOMPARE(m_window->liveMirror()->session()->server()->connectionCount(), connections);
    QVERIFY(findRow(QStringLiteral("Qt"), QStringLiteral("server"), QStringLiteral("ConnectedState"), acceptStep) >= 0);
}

void TestLivePane::serverPane_listsListeningAndConnectedSockets()
{
    stepTo(acceptStep);
    live::ServerPaneModel *pane = m_window->livePane()->serverModel();
    // The pane follows kernel samples, which come after the step settles: wait for the
    // connected socket's row itself, not just for a second row.
    const auto hasConnectedRow = [pane] {
        const auto rows = pane->rows();
        return std::any_of(rows.begin(), rows.end(), [](const live::ServerPaneRow &row) {
            return row.kind == live::ServerPaneRow::Kind::Connected;
        });
    };
    QTRY_VERIFY_WITH_TIMEOUT(pane->rows().size() >= 2 && hasConnectedRow(), liveTimeoutMs);
    live::LiveServer *server = m_window->liveMirror()->session()->server();
    bool listening = false;
    bool connected = false;
    for (const live::ServerPaneRow &row : pane->rows()) {
        if (row.kind == live::ServerPaneRow::Kind::Listening) {
            listening = true;
            QCOMPARE(row.descriptor, server->listeningDescriptor());
            QVERIFY(row.descriptor >= 0);
        } else if (row.kind == live::ServerPaneRow::Kind::Connected) {
            connected = true;
            QVERIFY(row.descriptor >= 0);
            QVERIFY(row.descriptor != server->listeningDescriptor());
            QCOMPARE(row.tuple.localPort, server->serverPort());
        }
    }
    QVERIFY(listening);
    QVERIFY(connected);
    // The view shows the model's own headers and socket kinds: one source of those strings.
    const QAbstractItemModel *shown = m_window->livePane()->serverView()->model();
    for (int column = 0; column < pane->columnCount(); ++column)
        QCOMPARE(shown->headerData(column, Qt::Horizontal), pane->headerData(column, Qt::Horizontal));
    for (int row = 0; row < pane->rowCount(); ++row)
        QCOMPARE(shown->index(row, live::ServerPaneModel::KindColumn).data(),
                 pane->index(row, live::ServerPaneModel::KindColumn).data());
    QVERIFY(m_window->livePane()->statusText().contains(QString::number(server->serverPort())));
    // The ladder's header names the port really used (any free port here, not the model's 3267).
    QCOMPARE(m_window->ladder()->shownServerPort(), server->serverPort());
    QVERIFY(!m_window->livePane()->isWarningShown()); // loopback
    QVERIFY(!m_window->liveDock()->isHidden());
    // The kernel's own listen-queue counters since listen() (Linux).
    if (!live::readTcpExtCounters().isEmpty()) {
        const auto *counters = m_window->livePane()->findChild<QLabel *>(QStringLiteral("kernelCounters"));
        QVERIFY(counters);
        QTRY_VERIFY(counters->isVisible());
        QVERIFY2(counters->text().contains(QStringLiteral("ListenOverflows +")), qPrintable(counters->text()));
    }
}

void TestLivePane::liveOff_stopsMirroring()
{
    stepTo(connectStep);
    m_window->liveAction()->trigger();
    QVERIFY(!m_window->isLiveEnabled());
    QVERIFY(m_window->liveDock()->isHidden());
    live::LiveSession *session = m_window->liveMirror()->session();
    QVERIFY(!session->server()->isListening());
    stepWithSpace(4);
    QCOMPARE(m_window->controller()->currentStep(), acceptStep);
    QCOMPARE(m_window->liveMirror()->mirroredStep(), 0);
    QVERIFY(session->observations().isEmpty());
    const TransitionLogModel &log = *m_window->logModel();
    for (int i = 0; i < log.rowCount(); ++i)
        QCOMPARE(log.row(i).source, TransitionLogModel::modelSource());
}

void TestLivePane::reset_startsTheLivePairAgain()
{
    stepTo(connectStep);
    const quint16 firstPort = m_window->liveMirror()->session()->server()->serverPort();
    QVERIFY(firstPort != 0);
    m_window->resetAction()->trigger();
    QCOMPARE(m_window->liveMirror()->mirroredStep(), 0);
    QVERIFY(!m_window->liveMirror()->session()->server()->isListening());
    QTRY_VERIFY_WITH_TIMEOUT(m_window->logModel()->rowCount() == 0, liveTimeoutMs);
    stepTo(connectStep);
    QVERIFY(findRow(QStringLiteral("kernel"), QStringLiteral("client"), QStringLiteral("ESTABLISHED"), connectStep) >= 0);
}

// A class connecting hundreds of times from outside the lesson: the log keeps the newest
// outside rows and one "N more" row, so neither its length nor the work per update grows.
void TestLivePane::outsideConnections_keepTheLogBounded()
{
    // At the lesson's end the live server is the class's echo server: it accepts everyone
    // (before, one accept() per accept step, and outside clients wait in its queue).
    stepTo(m_window->controller()->stepCount());
    const quint16 port = m_window->liveMirror()->session()->server()->serverPort();
    QVERIFY(port != 0);
    constexpr int connections = 300;
    for (int i = 0; i < connections; ++i) {
        QTcpSocket outside;
        outside.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(outside.waitForConnected(5000));
        outside.write("hi\n");
        outside.waitForBytesWritten(1000);
        outside.abort();
        if (i % 20 == 0)
            QCoreApplication::processEvents();
    }
    LiveMirror *mirror = m_window->liveMirror();
    QTRY_VERIFY_WITH_TIMEOUT(mirror->outsideObservationsDropped() > 0, liveTimeoutMs);
    mirror->waitForQuiet(200, 3000);
    const TransitionLogModel &log = *m_window->logModel();
    int outsideRows = 0;
    int summaries = 0;
    for (int i = 0; i < log.rowCount(); ++i) {
        if (log.row(i).endpoint != QStringLiteral("other"))
            continue;
        ++outsideRows;
        summaries += log.row(i).cause.contains(QStringLiteral("not shown")) ? 1 : 0;
    }
    QVERIFY2(outsideRows <= LiveMirror::maxOutsideObservations + 1, qPrintable(QString::number(outsideRows)));
    QCOMPARE(summaries, 1);
}

QTEST_MAIN(TestLivePane)
#include "tst_livepane.moc"
