// The echo server: answers "Hello, <chunk>" as the seed server.py does, falls back to a free
// port, binds loopback only by default, and survives misbehaving clients with bounded memory.
#include "tcpsim/live/liveserver.h"

#include <QFile>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

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
    void misbehaving_moreConnectionsThanTheCap();

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

void TestLiveServer::misbehaving_moreConnectionsThanTheCap()
{
    LiveServer server;
    server.setMaxConnections(4);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    std::vector<std::unique_ptr<QTcpSocket>> clients;
    for (int i = 0; i < 7; ++i) {
        clients.push_back(std::make_unique<QTcpSocket>());
        clients.back()->connectToHost(QHostAddress::LocalHost, server.serverPort());
    }
    QTRY_COMPARE(server.refusedCount(), 3);
    QCOMPARE(server.connectionCount(), 4);
    // The ones over the cap were closed at once.
    QTRY_COMPARE(std::count_if(clients.begin(), clients.end(),
                               [](const auto &c) { return c->state() == QAbstractSocket::UnconnectedState; }),
                 3);
    clients.clear();
    QTRY_COMPARE(server.connectionCount(), 0);
    expectWellBehavedAnswer(server.serverPort());
}

QTEST_GUILESS_MAIN(TestLiveServer)
#include "tst_liveserver.moc"
