// SPDX-License-Identifier: GPL-3.0-or-later
// `tcpsim-cli serve` as a process: it starts, answers `printf hello | nc -N 127.0.0.1 PORT` with
// "Hello, hello" in every design, prints a line per event with hostile bytes escaped (text and
// JSON), exits 0 on SIGINT, and exits 2 with a message when the port is in use.
#include "tst_serve_client.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include <csignal>

#ifndef TCPSIM_CLI
#error "TCPSIM_CLI: path of tcpsim-cli"
#endif

using namespace serveclient;

namespace {

// Starts `tcpsim-cli serve --port 0 ...` and reads the port from its first line.
quint16 startServe(QProcess *process, const QStringList &arguments)
{
    process->start(QStringLiteral(TCPSIM_CLI),
                   QStringList{QStringLiteral("serve"), QStringLiteral("--port"), QStringLiteral("0")} + arguments);
    if (!process->waitForStarted(boundMs))
        return 0;
    static const QRegularExpression listening(QStringLiteral("listening on 127\\.0\\.0\\.1:(\\d+)"));
    QByteArray output;
    while (!output.contains('\n') && process->waitForReadyRead(boundMs))
        output += process->readAllStandardOutput();
    const QRegularExpressionMatch match = listening.match(QString::fromUtf8(output));
    return match.hasMatch() ? quint16(match.captured(1).toUInt()) : 0;
}

// SIGINT (Ctrl+C), then the rest of its output; true if it exited normally with status 0.
bool interrupt(QProcess *process, QByteArray *output)
{
    ::kill(pid_t(process->processId()), SIGINT);
    const bool finished = process->waitForFinished(boundMs);
    *output += process->readAllStandardOutput();
    return finished && process->exitStatus() == QProcess::NormalExit && process->exitCode() == 0;
}

// `printf DATA | nc -N 127.0.0.1 PORT`: the answer, after which the server closed.
QByteArray askAndHalfClose(quint16 port, const QByteArray &data)
{
    const int fd = connectTo(port);
    if (fd < 0)
        return {};
    const Exchange exchange = sendHalfCloseAndRead(fd, data);
    ::close(fd);
    return exchange.endOfFile ? exchange.reply : QByteArray("(no EOF)");
}

} // namespace

class TestServeCli : public QObject
{
    Q_OBJECT

private slots:
    void answersAndStopsOnCtrlC_data();
    void answersAndStopsOnCtrlC();
    void hostileBytesEscaped_data();
    void hostileBytesEscaped();
    void portInUse();
    void badOption();
};

void TestServeCli::answersAndStopsOnCtrlC_data()
{
    QTest::addColumn<QString>("design");
    for (const char *design : {"blocking", "threads", "epoll"})
        QTest::newRow(design) << QString::fromLatin1(design);
}

void TestServeCli::answersAndStopsOnCtrlC()
{
    QFETCH(QString, design);
    QProcess process;
    const quint16 port = startServe(&process, {QStringLiteral("--design"), design});
    QVERIFY(port != 0);
    QCOMPARE(askAndHalfClose(port, "hello"), QByteArray("Hello, hello"));
    QByteArray output;
    QVERIFY(interrupt(&process, &output));
    QVERIFY2(output.contains("received 5 B \"hello\""), output.constData());
    QVERIFY(output.contains("accepted"));
    QVERIFY(output.contains("stopped"));
}

void TestServeCli::hostileBytesEscaped_data()
{
    QTest::addColumn<bool>("json");
    QTest::newRow("text") << false;
    QTest::newRow("json") << true;
}

// `printf '\033]0;OWNED\007\033[2J'` would retitle and clear the teacher's terminal.
void TestServeCli::hostileBytesEscaped()
{
    QFETCH(bool, json);
    QProcess process;
    const quint16 port = startServe(&process, json ? QStringList{QStringLiteral("--json")} : QStringList{});
    QVERIFY(port != 0);
    const QByteArray hostile("\x1b]0;OWNED\x07\x1b[2J\0\xff", 14);
    QCOMPARE(askAndHalfClose(port, hostile), QByteArray("Hello, ") + hostile);
    QByteArray output;
    QVERIFY(interrupt(&process, &output));
    QVERIFY(!output.contains('\x1b'));
    QVERIFY(!output.contains('\x07'));
    QVERIFY(!output.contains('\0'));
    QVERIFY2(output.contains("\\x1b]0;OWNED"), output.constData());
    if (json) {
        bool sawReceived = false;
        for (const QByteArray &line : output.split('\n')) {
            if (line.isEmpty())
                continue;
            QJsonParseError error;
            const QJsonObject object = QJsonDocument::fromJson(line, &error).object();
            QVERIFY2(error.error == QJsonParseError::NoError, line.constData());
            if (object.value(QStringLiteral("event")).toString() == QLatin1String("received")) {
                sawReceived = true;
                QCOMPARE(object.value(QStringLiteral("bytes")).toInt(), 14);
                QVERIFY(object.value(QStringLiteral("data")).toString().startsWith(QLatin1String("\\x1b]0;OWNED\\x07")));
            }
        }
        QVERIFY(sawReceived);
    }
}

void TestServeCli::portInUse()
{
    // Someone already listens on the port.
    const int taken = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    QVERIFY(::bind(taken, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0);
    QVERIFY(::listen(taken, 1) == 0);
    const quint16 port = localPort(taken);
    QProcess process;
    process.start(QStringLiteral(TCPSIM_CLI),
                  {QStringLiteral("serve"), QStringLiteral("--port"), QString::number(port)});
    QVERIFY(process.waitForFinished(boundMs));
    ::close(taken);
    QCOMPARE(process.exitCode(), 2);
    const QByteArray error = process.readAllStandardError();
    QVERIFY2(error.contains("in use"), error.constData());
}

void TestServeCli::badOption()
{
    QProcess process;
    process.start(QStringLiteral(TCPSIM_CLI), {QStringLiteral("serve"), QStringLiteral("--design"), QStringLiteral("fork")});
    QVERIFY(process.waitForFinished(boundMs));
    QCOMPARE(process.exitCode(), 2);
    QVERIFY(process.readAllStandardError().contains("--design"));
}

QTEST_GUILESS_MAIN(TestServeCli)
#include "tst_serve_cli.moc"
