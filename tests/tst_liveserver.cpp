// SPDX-License-Identifier: GPL-3.0-or-later
// The echo server: answers "Hello, <chunk>" as the seed server.py does, answers every byte even
// when the client half-closes, falls back to a free port, binds loopback only by default, and
// survives misbehaving clients with bounded memory: over the connection cap clients wait in the
// kernel's queue, idle outside connections are closed (never the lesson's).
#include "tcpsim/live/liveserver.h"

#include <QFile>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <sys/socket.h>

#include <memory>
#include <vector>

using namespace tcpsim::live;

namespace {

// VmRSS of this process in KiB (0 when /proc is not there).
qint64 residentKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}

} // namespace

class TestLiveServer : public QObject
{
    Q_OBJECT

private slots:
    void echo_answersHello();
    void echo_binaryBytesPassThrough();
    void listen_portTakenFallsBackToFreePort();
    void listen_nonLoopbackNeedsExplicitPermission();
    void misbehaving_tenMegabytesWithoutNewlineStaysBounded();
    void misbehaving_clientVanishesMidMessage();
    void halfClose_everyByteIsAnswered_data();
    void halfClose_everyByteIsAnswered();
    void cap_overCapClientWaitsAndIsAnsweredWhenASlotFrees();
    void idle_outsideConnectionClosedAfterTimeout();
    void idle_lessonConnectionIsNeverClosed();
    void backlog_isPassedToListen();

private:
    // A well-behaved client: sends `message`, expects "Hello, <message>".
    void expectWellBehavedAnswer(quint16 port);
};

void TestLiveServer::expectWellBehavedAnswer(quint16 port)
{
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, port);
    QTRY_COMPARE(client.state(), QAbstractSocket::ConnectedState);
    client.write("still alive?");
    QByteArray answer;
    QTRY_VERIFY((answer += client.readAll()).size() >= 19);
    QCOMPARE(answer, QByteArray("Hello, still alive?"));
}

void TestLiveServer::echo_answersHello()
{
    LiveServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    QVERIFY(server.serverAddress().isLoopback());
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, server.serverPort());
    QTRY_COMPARE(client.state(), QAbstractSocket::ConnectedState);
    client.write("hi");
    QByteArray answer;
    QTRY_VERIFY((answer += client.readAll()).size() >= 9);
    QCOMPARE(answer, QByteArray("Hello, hi"));
    QTRY_COMPARE(server.connectionCount(), 1);
    const ServerConnectionInfo info = server.connections().first();
    QCOMPARE(info.bytesIn, 2);
    QCOMPARE(info.bytesOut, 9);
    QVERIFY(info.descriptor >= 0);
    QVERIFY(info.descriptor != server.listeningDescriptor());
    QCOMPARE(info.tuple.remotePort, client.localPort());

    // The client closes: the server closes too and lets go of the connection.
    QSignalSpy released(&server, &LiveServer::connectionReleased);
    client.disconnectFromHost();
    QTRY_COMPARE(released.size(), 1);
    QCOMPARE(server.connectionCount(), 0);
}

void TestLiveServer::echo_binaryBytesPassThrough()
{
    LiveServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, server.serverPort());
    QTRY_COMPARE(client.state(), QAbstractSocket::ConnectedState);
    QByteArray bytes;
    for (int i = 0; i < 256; ++i)
        bytes.append(char(i));
    client.write(bytes);
    QByteArray answer;
    QTRY_VERIFY((answer += client.readAll()).size() >= 7 + 256);
    // Answered per chunk, in order; the payload comes back byte for byte.
    QVERIFY(answer.startsWith("Hello, "));
    QCOMPARE(QByteArray(answer).replace("Hello, ", ""), bytes);
}

void TestLiveServer::listen_portTakenFallsBackToFreePort()
{
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
    LiveServer server;
    QSignalSpy messages(&server, &LiveServer::message);
    QVERIFY(server.listen(QHostAddress::LocalHost, squatter.serverPort()));
    QVERIFY(server.serverPort() != 0);
    QVERIFY(server.serverPort() != squatter.serverPort());
    QVERIFY(!messages.isEmpty());
    QVERIFY(messages.first().at(0).toString().contains(QString::number(squatter.serverPort())));
    QVERIFY(messages.first().at(0).toString().contains(QString::number(server.serverPort())));
}

void TestLiveServer::listen_nonLoopbackNeedsExplicitPermission()
{
    LiveServer server;
    QSignalSpy messages(&server, &LiveServer::message);
    QVERIFY(!server.listen(QHostAddress::AnyIPv4, 0));
    QVERIFY(!server.isListening());
    QVERIFY(!server.errorString().isEmpty());

    server.setAllowNonLoopback(true);
    QVERIFY(server.listen(QHostAddress::AnyIPv4, 0));
    QVERIFY(messages.last().at(0).toString().contains(QStringLiteral("WARNING"))
            || messages.at(messages.size() - 2).at(0).toString().contains(QStringLiteral("WARNING")));
}

void TestLiveServer::misbehaving_tenMegabytesWithoutNewlineStaysBounded()
{
    LiveServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const qint64 before = residentKiB();

    // A client that sends 10 MB without a newline and never reads an answer. It writes only
    // when its own buffer is nearly empty, so whatever memory grows is the server's.
    QTcpSocket flooder;
    flooder.setReadBufferSize(4096); // it does not read: Qt must not read for it either
    flooder.connectToHost(QHostAddress::LocalHost, server.serverPort());
    QTRY_COMPARE(flooder.state(), QAbstractSocket::ConnectedState);
    const qint64 total = 10 * 1024 * 1024;
    const QByteArray block(64 * 1024, 'x');
    qint64 sent = 0;
    auto feed = [&] {
        while (sent < total && flooder.bytesToWrite() < 128 * 1024) {
            flooder.write(block);
            sent += block.size();
        }
    };
    connect(&flooder, &QTcpSocket::bytesWritten, this, feed);
    feed();

    // The server stops reading once its answers back up: the flood stalls in kernel buffers.
    QTRY_VERIFY(server.connectionCount() == 1 && server.connections().first().bytesIn > 0);
    QTRY_VERIFY_WITH_TIMEOUT(server.connections().first().bufferedBytes >= server.maxBufferedBytes(), 10000);
    for (int i = 0; i < 20; ++i) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        const ServerConnectionInfo info = server.connections().first();
        QVERIFY2(info.bufferedBytes <= server.maxBufferedBytes() + 1024 + 7,
                 qPrintable(QString::number(info.bufferedBytes)));
    }
    // Whatever of the 10 MB is not answered yet waits in kernel buffers (loopback's grow to
    // several MB) and in the client: never in the server.
    const qint64 grown = residentKiB() - before;
    qInfo("resident memory grew by %lld KiB while a client pushed %lld bytes it never reads answers to",
          grown, sent);
#if !defined(__SANITIZE_ADDRESS__)
    // (AddressSanitizer keeps freed memory in quarantine: RSS says nothing there.)
    QVERIFY2(grown < 8 * 1024, qPrintable(QString::number(grown)));
#endif

    // Another client is still served.
    expectWellBehavedAnswer(server.serverPort());

    // When the flooder finally reads, everything it sent comes back answered, chunk by chunk.
    flooder.disconnect(this);
    flooder.abort();
    QTRY_COMPARE(server.connectionCount(), 0);
}

void TestLiveServer::misbehaving_clientVanishesMidMessage()
{
    LiveServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    QSignalSpy released(&server, &LiveServer::connectionReleased);
    for (int i = 0; i < 5; ++i) {
        auto client = std::make_unique<QTcpSocket>();
        client->connectToHost(QHostAddress::LocalHost, server.serverPort());
        QTRY_COMPARE(client->state(), QAbstractSocket::ConnectedState);
        client->write(QByteArray(3000 + i * 1000, 'm')); // half a "message", no newline
        QVERIFY(client->waitForBytesWritten(0) || client->bytesToWrite() >= 0);
        QTRY_VERIFY(server.connectionCount() >= 1);
        client->abort(); // gone, maybe with unread answers (the kernel then sends a RST)
    }
    QTRY_COMPARE(released.size(), 5);
    QCOMPARE(server.connectionCount(), 0);
    expectWellBehavedAnswer(server.serverPort());
}

void TestLiveServer::halfClose_everyByteIsAnswered_data()
{
    QTest::addColumn<int>("size");
    QTest::newRow("1 B") << 1;
    QTest::newRow("1 KB") << 1024;
    QTest::newRow("20 KB") << 20 * 1024;
    QTest::newRow("100 KB") << 100 * 1024;
    QTest::newRow("1 MB") << 1024 * 1024;
}

void TestLiveServer::halfClose_everyByteIsAnswered()
{
    // printf hello | nc -N: the client sends, shuts down its sending side, and reads until the
    // server's FIN. Every byte must come back answered.
    QFETCH(int, size);
    LiveServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    QByteArray payload(size, Qt::Uninitialized);
    for (int i = 0; i < size; ++i)
        payload[i] = char('a' + i % 26); // no "Hello, " inside: the answer splits cleanly

    QTcpSocket client;
    QByteArray answer;
    connect(&client, &QIODevice::readyRead, this, [&] { answer += client.readAll(); });
    client.connectToHost(QHostAddress::LocalHost, server.serverPort());
    QTRY_COMPARE(client.state(), QAbstractSocket::ConnectedState);
    client.write(payload);
    QTRY_COMPARE_WITH_TIMEOUT(client.bytesToWrite(), qint64(0), 20000);
    QCOMPARE(::shutdown(int(client.socketDescriptor()), SHUT_WR), 0);
    // The server answers everything, then closes: the client reads EOF.
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), QAbstractSocket::UnconnectedState, 20000);
    answer += client.readAll();

    QVERIFY(answer.startsWith("Hello, "));
    const qsizetype greetings = answer.count("Hello, ");
    QCOMPARE(answer.size(), size + greetings * 7);
    QCOMPARE(QByteArray(answer).replace("Hello, ", ""), payload);
    QTRY_COMPARE(server.connectionCount(), 0);
}

void TestLiveServer::cap_overCapClientWaitsAndIsAnsweredWhenASlotFrees()
{
    LiveServer server;
    server.setMaxConnections(2);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    std::vector<std::unique_ptr<QTcpSocket>> clients;
    for (int i = 0; i < 3; ++i) {
        clients.push_back(std::make_unique<QTcpSocket>());
        clients.back()->connectToHost(QHostAddress::LocalHost, server.serverPort());
        QTRY_COMPARE(clients.back()->state(), QAbstractSocket::ConnectedState);
        clients.back()->write(QByteArray(1, char('a' + i)));
    }
    QTRY_VERIFY(clients[0]->bytesAvailable() >= 8 && clients[1]->bytesAvailable() >= 8);
    QCOMPARE(clients[0]->readAll(), QByteArray("Hello, a"));
    QCOMPARE(clients[1]->readAll(), QByteArray("Hello, b"));
    // The third completed its handshake in the kernel and waits in the accept queue: the
    // server did not accept it, so nothing answered it and nothing closed it.
    QCOMPARE(server.connectionCount(), 2);
    QVERIFY(server.isAtCapacity());
    QCOMPARE(clients[2]->state(), QAbstractSocket::ConnectedState);
    QCOMPARE(clients[2]->bytesAvailable(), qint64(0));

    // A place frees: the waiting client is accepted and its bytes, sent long ago, answered.
    clients[0]->disconnectFromHost();
    QTRY_VERIFY(clients[2]->bytesAvailable() >= 8);
    QCOMPARE(clients[2]->readAll(), QByteArray("Hello, c"));
    QTRY_VERIFY(!server.isAtCapacity() || server.connectionCount() == 2);
    clients.clear();
    QTRY_COMPARE(server.connectionCount(), 0);
    QVERIFY(!server.isAtCapacity());
    expectWellBehavedAnswer(server.serverPort());
}

void TestLiveServer::idle_outsideConnectionClosedAfterTimeout()
{
    LiveServer server;
    server.setIdleTimeout(200);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    QTcpSocket silent; // slowloris: connects and sends nothing
    silent.connectToHost(QHostAddress::LocalHost, server.serverPort());
    QTRY_COMPARE(silent.state(), QAbstractSocket::ConnectedState);
    QTRY_COMPARE(server.connectionCount(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(silent.state(), QAbstractSocket::UnconnectedState, 10000);
    QCOMPARE(server.idleClosedCount(), qint64(1));
    QTRY_COMPARE(server.connectionCount(), 0);
    expectWellBehavedAnswer(server.serverPort());
}

void TestLiveServer::idle_lessonConnectionIsNeverClosed()
{
    LiveServer server;
    server.setIdleTimeout(200);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    QTcpSocket lesson;
    QVERIFY(lesson.bind(QHostAddress::LocalHost, 0));
    server.setHeldPeerPort(lesson.localPort());
    lesson.connectToHost(QHostAddress::LocalHost, server.serverPort());
    QTRY_COMPARE(lesson.state(), QAbstractSocket::ConnectedState);
    QTcpSocket outside;
    outside.connectToHost(QHostAddress::LocalHost, server.serverPort());
    QTRY_COMPARE(outside.state(), QAbstractSocket::ConnectedState);
    QTRY_COMPARE(server.connectionCount(), 2);

    // The idle outside connection goes; the lesson's, just as silent, stays.
    QTRY_COMPARE_WITH_TIMEOUT(outside.state(), QAbstractSocket::UnconnectedState, 10000);
    QCOMPARE(server.connectionCount(), 1);
    QVERIFY(server.connections().first().held);
    QCOMPARE(lesson.state(), QAbstractSocket::ConnectedState);
}

void TestLiveServer::backlog_isPassedToListen()
{
#if QT_VERSION < QT_VERSION_CHECK(6, 3, 0)
    QSKIP("Qt before 6.3 always listens with a backlog of 50");
#endif
    LiveServer server;
    QCOMPARE(server.listenBacklogSize(), LiveServer::defaultListenBacklog);
    server.setListenBacklogSize(7);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    QCOMPARE(server.listenBacklogSize(), 7);
}

QTEST_GUILESS_MAIN(TestLiveServer)
#include "tst_liveserver.moc"
