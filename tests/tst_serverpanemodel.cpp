// SPDX-License-Identifier: GPL-3.0-or-later
// The server pane's model under load: rows for connections are inserted and removed, echoed
// chunks change cells with dataChanged (never a reset, so a view keeps its column widths), the
// refreshes are throttled, and past maxRows one summary row counts the rest.
#include "tcpsim/live/kernelobserver.h"
#include "tcpsim/live/liveserver.h"
#include "tcpsim/live/serverpanemodel.h"

#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include <memory>
#include <vector>

#include "tcpsim/live/livesocket.h"

using namespace tcpsim::live;

class TestServerPaneModel : public QObject
{
    Q_OBJECT

private slots:
    void echo_updatesCellsWithoutReset();
    void manyConnections_boundedRowsAndSummary();
    void outsideClient_whatItSentAndGotBack();
    void notAccepted_waitsInTheAcceptQueue();
    void printableText_data();
    void printableText();
};

void TestServerPaneModel::echo_updatesCellsWithoutReset()
{
    LiveServer server;
    KernelObserver observer;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    observer.watchPort(server.serverPort());
    ServerPaneModel model(&server, &observer);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QCOMPARE(model.rowCount(), 1); // the listening socket

    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, server.serverPort());
    QTRY_COMPARE(client.state(), QAbstractSocket::ConnectedState);
    QTRY_VERIFY(model.rowCount() >= 2);
    const QModelIndex kind = model.index(1, ServerPaneModel::KindColumn);
    QCOMPARE(kind.data(Qt::UserRole).toInt(), int(ServerPaneRow::Kind::Connected));
    QVERIFY(!inserted.isEmpty());

    QByteArray answer;
    for (int i = 0; i < 50; ++i) {
        client.write("ping");
        QTRY_VERIFY((answer += client.readAll()).size() >= (i + 1) * 11);
    }
    QTRY_COMPARE(model.index(1, ServerPaneModel::BytesInColumn).data().toLongLong(), 200);
    QVERIFY(!changed.isEmpty());
    // 50 round trips, far fewer refreshes than chunks once the throttle holds them back.
    QVERIFY2(model.refreshCount() <= 50, qPrintable(QString::number(model.refreshCount())));

    client.disconnectFromHost();
    QTRY_COMPARE(server.connectionCount(), 0);
    QTRY_VERIFY(!removed.isEmpty());
    QCOMPARE(resets.size(), 0);
    // Whatever is left (the listener, maybe TIME-WAIT) matches a fresh snapshot.
    model.refresh();
    QCOMPARE(model.rows().size(), ServerPaneModel::snapshot(server, observer).size());
}

void TestServerPaneModel::manyConnections_boundedRowsAndSummary()
{
    LiveServer server;
    KernelObserver observer;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    ServerPaneModel model(&server, &observer);
    const int extra = 5;
    std::vector<std::unique_ptr<QTcpSocket>> clients;
    for (int i = 0; i < ServerPaneModel::maxRows + extra; ++i) {
        clients.push_back(std::make_unique<QTcpSocket>());
        clients.back()->connectToHost(QHostAddress::LocalHost, server.serverPort());
    }
    QTRY_COMPARE(server.connectionCount(), ServerPaneModel::maxRows + extra);
    model.refresh();
    // The listener and maxRows - 1 connections shown, 6 counted in one summary row.
    QCOMPARE(model.rows().size(), qsizetype(ServerPaneModel::maxRows));
    QCOMPARE(model.hiddenRowCount(), extra + 1);
    QCOMPARE(model.rowCount(), ServerPaneModel::maxRows + 1);
    const QModelIndex summary = model.index(ServerPaneModel::maxRows, ServerPaneModel::KindColumn);
    QVERIFY(summary.data().toString().contains(QString::number(extra + 1)));

    clients.clear();
    QTRY_COMPARE(server.connectionCount(), 0);
    model.refresh();
    QCOMPARE(model.hiddenRowCount(), 0);
    QCOMPARE(model.rowCount(), int(model.rows().size()));
}

// What an outside client (nc) typed and what the echo server answered, in its row: the last
// bytes of each, as text.
void TestServerPaneModel::outsideClient_whatItSentAndGotBack()
{
    LiveServer server;
    KernelObserver observer;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    observer.watchPort(server.serverPort());
    ServerPaneModel model(&server, &observer);
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, server.serverPort());
    QTRY_COMPARE(client.state(), QAbstractSocket::ConnectedState);
    client.write("ni hao\n");
    QByteArray answer;
    QTRY_VERIFY((answer += client.readAll()).size() >= 14);
    QCOMPARE(answer, QByteArray("Hello, ni hao\n"));
    const auto row = [&] {
        for (int i = 0; i < model.rowCount(); ++i) {
            if (model.index(i, ServerPaneModel::KindColumn).data(Qt::UserRole).toInt() == int(ServerPaneRow::Kind::Connected))
                return i;
        }
        return -1;
    };
    QTRY_VERIFY(row() >= 0);
    QTRY_COMPARE(model.index(row(), ServerPaneModel::ReceivedColumn).data().toString(), QStringLiteral("ni hao\u23CE"));
    QCOMPARE(model.index(row(), ServerPaneModel::AnsweredColumn).data().toString(), QStringLiteral("Hello, ni hao\u23CE"));

    // A long conversation keeps the last bytes only.
    for (int i = 0; i < 20; ++i)
        client.write("0123456789");
    QTRY_COMPARE(model.index(row(), ServerPaneModel::BytesInColumn).data().toLongLong(), 7 + 200);
    const QString received = model.index(row(), ServerPaneModel::ReceivedColumn).data().toString();
    QCOMPARE(received.size(), LiveSocket::tailBytes);
    QVERIFY2(received.endsWith(QStringLiteral("0123456789")), qPrintable(received));
}

// A connection the server has not accepted (accepting paused, as a lesson before its accept
// step): its row says it waits in the accept queue, where the kernel keeps it.
void TestServerPaneModel::notAccepted_waitsInTheAcceptQueue()
{
    LiveServer server;
    KernelObserver observer;
    if (!observer.isAvailable())
        QSKIP("no kernel socket table on this system");
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    server.pauseAccepting();
    observer.watchPort(server.serverPort());
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, server.serverPort());
    QTRY_COMPARE(client.state(), QAbstractSocket::ConnectedState);
    observer.sample();
    const QList<ServerPaneRow> rows = ServerPaneModel::snapshot(server, observer);
    const auto queued = std::count_if(rows.begin(), rows.end(), [](const ServerPaneRow &row) {
        return row.kind == ServerPaneRow::Kind::AcceptQueue;
    });
    QCOMPARE(queued, 1);
    QCOMPARE(server.connectionCount(), 0);
}

void TestServerPaneModel::printableText_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("text");
    QTest::newRow("a line") << QByteArray("hi\r\n") << QStringLiteral("hi\u23CE");
    QTest::newRow("chinese") << QByteArray("\xe4\xbd\xa0\xe5\xa5\xbd") << QStringLiteral("\u4F60\u597D");
    QTest::newRow("a character cut at the front") << QByteArray("\xbd\xa0\xe5\xa5\xbd") << QStringLiteral("\u597D");
    QTest::newRow("control bytes") << QByteArray("a\x01\x7f", 3) << QStringLiteral("a\\x01\\x7f");
    QTest::newRow("a zero byte") << QByteArray("a\0b", 3) << QStringLiteral("a\\x00b");
    QTest::newRow("not utf-8") << QByteArray("\xff") << QStringLiteral("\uFFFD");
}

void TestServerPaneModel::printableText()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, text);
    QCOMPARE(ServerPaneModel::printableText(bytes), text);
}

QTEST_GUILESS_MAIN(TestServerPaneModel)
#include "tst_serverpanemodel.moc"
