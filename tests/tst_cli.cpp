// tcpsim-cli as a user meets it: exit codes 0/1/2, messages on stderr, JSON Lines on stdout.
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

QString lesson(const QString &name)
{
    return qEnvironmentVariable("TCPSIM_SOURCE_DIR", QStringLiteral(TCPSIM_SOURCE_DIR))
        + QStringLiteral("/resources/lessons/") + name;
}

Run runCli(const QStringList &arguments, const QByteArray &input = {})
{
    QProcess process;
    process.start(QStringLiteral(TCPSIM_CLI), arguments);
    if (!process.waitForStarted())
        qFatal("cannot start %s", TCPSIM_CLI);
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(60000))
        qFatal("tcpsim-cli did not finish");
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput(), process.readAllStandardError()};
}

QList<QJsonObject> jsonLines(const QByteArray &out)
{
    QList<QJsonObject> objects;
    for (const QByteArray &line : out.split('\n')) {
        if (line.isEmpty())
            continue;
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(line, &error);
        if (error.error != QJsonParseError::NoError || !document.isObject())
            qFatal("not a JSON object: %s", line.constData());
        objects << document.object();
    }
    return objects;
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir scratch;

    QString writeScript(const QString &name, const QByteArray &text)
    {
        QFile file(scratch.filePath(name));
        if (!file.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(file.fileName()));
        file.write(text);
        return file.fileName();
    }

private slots:
    void lessonHolds_exitsZero()
    {
        const Run run = runCli({lesson(QStringLiteral("handshake.tcp"))});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.err.isEmpty());
        QVERIFY(run.out.contains("CLOSED -> SYN-SENT  by connect()"));
        QVERIFY(run.out.contains("expect ok: client TIME-WAIT"));
        QVERIFY(run.out.contains("time-wait timer fires"));
    }

    void expectFails_exitsOneWithFileLine()
    {
        const QString path = writeScript(QStringLiteral("fail.tcp"), "client connect\n\nexpect client LISTEN\nexpect client SYN-SENT\n");
        const Run run = runCli({path});
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(run.err.trimmed(), (path + QStringLiteral(":3: expected client LISTEN, got client SYN-SENT")).toUtf8());
        QVERIFY(run.out.contains("expect ok: client SYN-SENT")); // kept going
    }

    void parseError_exitsTwoWithColumn()
    {
        const QString path = writeScript(QStringLiteral("bad.tcp"), "client connect\nclient send \"oops\n");
        const Run run = runCli({path});
        QCOMPARE(run.exitCode, 2);
        QCOMPARE(run.err.trimmed(), (path + QStringLiteral(":2:13: unterminated string")).toUtf8());
        QVERIFY(run.out.isEmpty());
    }

    void runtimeError_exitsTwo()
    {
        const QString path = writeScript(QStringLiteral("runtime.tcp"), "server listen\nserver deliver\n");
        const Run run = runCli({path});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.startsWith((path + QStringLiteral(":2:1: deliver:")).toUtf8()));
    }

    void missingFileOrArguments_exitTwo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("no such file") << QStringList{QStringLiteral("/nonexistent/x.tcp")};
        QTest::newRow("no script") << QStringList{};
        QTest::newRow("unknown option") << QStringList{QStringLiteral("--frobnicate"), QStringLiteral("x.tcp")};
        QTest::newRow("bad seed") << QStringList{QStringLiteral("--seed"), QStringLiteral("x"), QStringLiteral("-")};
    }
    void missingFileOrArguments_exitTwo()
    {
        QFETCH(QStringList, arguments);
        const Run run = runCli(arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY(!run.err.isEmpty());
    }

    void stdin_dash()
    {
        const Run run = runCli({QStringLiteral("-")}, "client connect\nexpect client SYN_SENT\n");
        QCOMPARE(run.exitCode, 0);
        const Run failing = runCli({QStringLiteral("-")}, "expect client LISTEN\n");
        QCOMPARE(failing.exitCode, 1);
        QVERIFY(failing.err.startsWith("-:1: expected client LISTEN"));
    }

    void json_fields()
    {
        const Run run = runCli({QStringLiteral("--json"), lesson(QStringLiteral("handshake.tcp"))});
        QCOMPARE(run.exitCode, 0);
        const QList<QJsonObject> events = jsonLines(run.out);
        QVERIFY(events.size() > 50);
        QSet<QString> kinds;
        for (const QJsonObject &event : events) {
            kinds << event.value(QStringLiteral("event")).toString();
            QVERIFY(event.contains(QStringLiteral("line")));
            QVERIFY(event.contains(QStringLiteral("time")));
            QVERIFY(event.contains(QStringLiteral("endpoint")));
        }
        QCOMPARE(kinds, (QSet<QString>{"call", "return", "transition", "send", "deliver", "timer", "expect"}));

        const QJsonObject first = events.at(1); // server CLOSED -> LISTEN
        QCOMPARE(first.value(QStringLiteral("event")).toString(), QStringLiteral("transition"));
        QCOMPARE(first.value(QStringLiteral("from")).toString(), QStringLiteral("CLOSED"));
        QCOMPARE(first.value(QStringLiteral("to")).toString(), QStringLiteral("LISTEN"));
        QCOMPARE(first.value(QStringLiteral("rule")).toString(), QStringLiteral("ClosedPassiveOpen"));
        QCOMPARE(first.value(QStringLiteral("rfc")).toString(), QStringLiteral("3.10.1"));

        const auto synAck = std::find_if(events.begin(), events.end(), [](const QJsonObject &event) {
            return event.value(QStringLiteral("event")).toString() == QLatin1String("send")
                && event.value(QStringLiteral("flags")).toString() == QLatin1String("SYN+ACK");
        });
        QVERIFY(synAck != events.end());
        QCOMPARE(synAck->value(QStringLiteral("seq")).toInteger(), 300);
        QCOMPARE(synAck->value(QStringLiteral("ack")).toInteger(), 101);
        QCOMPARE(synAck->value(QStringLiteral("len")).toInteger(), 0);
        QCOMPARE(synAck->value(QStringLiteral("endpoint")).toString(), QStringLiteral("server"));
        QCOMPARE(synAck->value(QStringLiteral("line")).toInteger(), 24);
    }

    void json_errorAndDropEvents()
    {
        const Run run = runCli({QStringLiteral("--json"), QStringLiteral("-")},
                               "client close\nclient connect\nclient drop\n");
        QCOMPARE(run.exitCode, 0);
        const QList<QJsonObject> events = jsonLines(run.out);
        QCOMPARE(events.at(1).value(QStringLiteral("event")).toString(), QStringLiteral("error"));
        QCOMPARE(events.at(1).value(QStringLiteral("text")).toString(), QStringLiteral("connection does not exist"));
        QCOMPARE(events.last().value(QStringLiteral("event")).toString(), QStringLiteral("drop"));
        QCOMPARE(events.last().value(QStringLiteral("flags")).toString(), QStringLiteral("SYN"));
    }

    void msl_setsTimeWait()
    {
        const Run run = runCli({QStringLiteral("--json"), QStringLiteral("--msl"), QStringLiteral("10"),
                                lesson(QStringLiteral("handshake.tcp"))});
        QCOMPARE(run.exitCode, 0);
        const QList<QJsonObject> events = jsonLines(run.out);
        const auto expiry = std::find_if(events.begin(), events.end(), [](const QJsonObject &event) {
            return event.value(QStringLiteral("rule")).toString() == QLatin1String("TimeWaitExpired");
        });
        QVERIFY(expiry != events.end());
        QCOMPARE(expiry->value(QStringLiteral("time")).toInteger(), 20000);
    }

    void seed_choosesUnfixedIsns()
    {
        const QByteArray script = "client connect\n";
        const auto firstSeq = [&](const QString &seed) {
            const Run run = runCli({QStringLiteral("--json"), QStringLiteral("--seed"), seed, QStringLiteral("-")}, script);
            return jsonLines(run.out).at(2).value(QStringLiteral("seq")).toInteger();
        };
        QCOMPARE(firstSeq(QStringLiteral("7")), firstSeq(QStringLiteral("7")));
        QVERIFY(firstSeq(QStringLiteral("7")) != firstSeq(QStringLiteral("8")));
    }

    void help_documentsTheFormat()
    {
        const Run run = runCli({QStringLiteral("--help")});
        QCOMPARE(run.exitCode, 0);
        for (const char *word : {"--json", "--seed", "--msl", "expect", "receive", "settle", "Exit status"})
            QVERIFY2(run.out.contains(word), word);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
