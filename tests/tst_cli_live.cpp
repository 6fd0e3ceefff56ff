// SPDX-License-Identifier: GPL-3.0-or-later
// tcpsim-cli --live: the script's application steps run on real loopback sockets and the
// observations come out with the model's events, as text or JSON Lines.
#include <QJsonDocument>
#include <QJsonObject>
#include <QHash>
#include <QProcess>
#include <QTest>

class TestCliLive : public QObject
{
    Q_OBJECT

private slots:
    void json_printsObservedKernelAndQtStates();
    void text_printsLiveLinesAndHistory();
    void badPort_exitsWith2();
    void builtInLesson_liveStepsMatchTheModelsAndDifferencesAreExplained();
    void linuxLessons_everyDifferenceExplained_data();
    void linuxLessons_everyDifferenceExplained();
    void backlogOverflow_eachClientLive_theFullQueueIgnoresSyns();

private:
    struct Run {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    Run run(const QStringList &arguments, const QByteArray &script);
};

namespace {

const QByteArray script = R"(# title: handshake and active close
server listen
client connect
settle
expect client ESTABLISHED
server accept
client send "hi"
settle
client close
settle
server close
settle
expect client TIME-WAIT
)";

bool kernelTableExpected()
{
#ifdef Q_OS_LINUX
    return true;
#else
    return false;
#endif
}

} // namespace

TestCliLive::Run TestCliLive::run(const QStringList &arguments, const QByteArray &input)
{
    QProcess process;
    process.start(QStringLiteral(TCPSIM_CLI), arguments);
    if (!process.waitForStarted())
        return {};
    process.write(input);
    process.closeWriteChannel();
    process.waitForFinished(60000);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput(), process.readAllStandardError()};
}

void TestCliLive::json_printsObservedKernelAndQtStates()
{
    const Run result = run({QStringLiteral("--live"), QStringLiteral("--port"), QStringLiteral("0"),
                            QStringLiteral("--json"), QStringLiteral("-")},
                           script);
    QVERIFY2(result.exitCode == 0, result.err.constData());

    bool modelTransition = false, qtConnected = false, kernelClientEstablished = false,
         kernelServerEstablished = false, kernelTimeWait = false, history = false;
    for (const QByteArray &line : result.out.split('\n')) {
        if (line.isEmpty())
            continue;
        QJsonParseError error;
        const QJsonObject object = QJsonDocument::fromJson(line, &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, line.constData());
        const QString event = object.value(QStringLiteral("event")).toString();
        const QString source = object.value(QStringLiteral("source")).toString();
        const QString endpoint = object.value(QStringLiteral("endpoint")).toString();
        const QString state = object.value(QStringLiteral("state")).toString();
        modelTransition = modelTransition || event == QStringLiteral("transition");
        history = history || event == QStringLiteral("kernel-history");
        if (event != QStringLiteral("observed"))
            continue;
        // Every observation says where it comes from, what, whether observed, which step/line.
        QVERIFY(object.contains(QStringLiteral("observed")));
        QVERIFY(object.value(QStringLiteral("step")).toInt() >= 0);
        QVERIFY(object.value(QStringLiteral("line")).toInt() >= 2);
        QVERIFY(source == QStringLiteral("qt") || source == QStringLiteral("kernel"));
        const bool observed = object.value(QStringLiteral("observed")).toBool();
        qtConnected = qtConnected
            || (source == QStringLiteral("qt") && endpoint == QStringLiteral("client") && state == QStringLiteral("ConnectedState"));
        if (source == QStringLiteral("kernel") && observed) {
            kernelClientEstablished = kernelClientEstablished
                || (endpoint == QStringLiteral("client") && state == QStringLiteral("ESTABLISHED"));
            kernelServerEstablished = kernelServerEstablished
                || (endpoint == QStringLiteral("server") && state == QStringLiteral("ESTABLISHED"));
            kernelTimeWait = kernelTimeWait
                || (endpoint == QStringLiteral("client") && state == QStringLiteral("TIME-WAIT"));
        }
    }
    QVERIFY(modelTransition); // the model's events are still there
    QVERIFY(qtConnected);
    QVERIFY(history);
    if (!kernelTableExpected())
        QSKIP("no kernel socket table on this system");
    QVERIFY(kernelClientEstablished);
    QVERIFY(kernelServerEstablished);
    QVERIFY(kernelTimeWait);
}

void TestCliLive::text_printsLiveLinesAndHistory()
{
    const Run result = run({QStringLiteral("--live"), QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("-")},
                           script);
    QVERIFY2(result.exitCode == 0, result.err.constData());
    const QString out = QString::fromUtf8(result.out);
    QVERIFY(out.contains(QStringLiteral("live ")));
    QVERIFY(out.contains(QStringLiteral("qt client ConnectedState (observed)")));
    QVERIFY(out.contains(QStringLiteral("kernel history client:")));
    if (kernelTableExpected()) {
        QVERIFY(out.contains(QStringLiteral("kernel client ESTABLISHED (observed)")));
        QVERIFY(out.contains(QStringLiteral("TIME-WAIT")));
    }
}

// `tcpsim-cli --live lost-syn`: a built-in lesson by name; live rows carry the same step as the
// model events of the same script line (the window's 1-based step), and where the kernel differs
// from the model after a step, a "difference" event says why.
void TestCliLive::builtInLesson_liveStepsMatchTheModelsAndDifferencesAreExplained()
{
    const Run result = run({QStringLiteral("--live"), QStringLiteral("--port"), QStringLiteral("0"),
                            QStringLiteral("--json"), QStringLiteral("handshake")},
                           {});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QHash<int, int> modelStepOfLine;
    QList<QJsonObject> observed;
    QList<QJsonObject> differences;
    for (const QByteArray &line : result.out.split('\n')) {
        if (line.isEmpty())
            continue;
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        const QString event = object.value(QStringLiteral("event")).toString();
        if (event == QStringLiteral("observed"))
            observed << object;
        else if (event == QStringLiteral("difference"))
            differences << object;
        else if (object.contains(QStringLiteral("rule")))
            modelStepOfLine.insert(object.value(QStringLiteral("line")).toInt(), object.value(QStringLiteral("step")).toInt());
    }
    QVERIFY(!observed.isEmpty());
    for (const QJsonObject &object : std::as_const(observed)) {
        const int line = object.value(QStringLiteral("line")).toInt();
        if (modelStepOfLine.contains(line))
            QCOMPARE(object.value(QStringLiteral("step")).toInt(), modelStepOfLine.value(line));
    }
    if (!kernelTableExpected())
        QSKIP("no kernel socket table on this system");
    // After connect() (step 2) loopback has finished the handshake; the model's client is SYN-SENT.
    const auto atConnect = std::find_if(differences.cbegin(), differences.cend(), [](const QJsonObject &object) {
        return object.value(QStringLiteral("step")).toInt() == 2
            && object.value(QStringLiteral("endpoint")).toString() == QStringLiteral("client");
    });
    QVERIFY(atConnect != differences.cend());
    QVERIFY(atConnect->value(QStringLiteral("detail")).toString().contains(QStringLiteral("Loopback")));
}

// The Linux lessons (and lessons with several clients) under --live: every difference between the kernel and the model has a
// specific sentence (never the fallback "differs from the model's here"), and a delayed-ACK
// timer step says that nothing was lost.
void TestCliLive::linuxLessons_everyDifferenceExplained_data()
{
    QTest::addColumn<QString>("lesson");
    QTest::addColumn<bool>("delayedAckStep");
    QTest::newRow("handshake-linux") << QStringLiteral("handshake-linux") << false;
    QTest::newRow("server-closes-first-linux") << QStringLiteral("server-closes-first-linux") << true;
    QTest::newRow("half-close-linux") << QStringLiteral("half-close-linux") << true;
    // Many clients: client2..client9 are live sockets of their own (mirrored on the one live
    // client, client2's close once made the first pair differ unexplained).
    QTest::newRow("thread-per-client") << QStringLiteral("thread-per-client") << false;
    QTest::newRow("accept-queue") << QStringLiteral("accept-queue") << false;
    QTest::newRow("backlog-overflow") << QStringLiteral("backlog-overflow") << false;
    QTest::newRow("blocking-server") << QStringLiteral("blocking-server") << false;
    QTest::newRow("descriptors") << QStringLiteral("descriptors") << false;
    QTest::newRow("event-loop") << QStringLiteral("event-loop") << false;
    // Its own raw server socket: the restart's bind() really fails, and its listen() is not a
    // failure of the live server (exit 0).
    QTest::newRow("address-in-use") << QStringLiteral("address-in-use") << false;
}

void TestCliLive::linuxLessons_everyDifferenceExplained()
{
    QFETCH(QString, lesson);
    QFETCH(bool, delayedAckStep);
    if (!kernelTableExpected())
        QSKIP("no kernel socket table on this system");
    const Run result = run({QStringLiteral("--live"), QStringLiteral("--port"), QStringLiteral("0"),
                            QStringLiteral("--json"), lesson},
                           {});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    int differences = 0;
    bool delayedAckExplained = false;
    for (const QByteArray &line : result.out.split('\n')) {
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        if (object.value(QStringLiteral("event")).toString() != QLatin1String("difference"))
            continue;
        ++differences;
        const QString detail = object.value(QStringLiteral("detail")).toString();
        QVERIFY2(!detail.isEmpty() && !detail.contains(QStringLiteral("differs from the model's here")),
                 qPrintable(QString::fromUtf8(line)));
        delayedAckExplained = delayedAckExplained || detail.contains(QStringLiteral("delayed-ACK timer fired"));
    }
    QVERIFY(differences > 0); // loopback is always ahead somewhere
    if (delayedAckStep)
        QVERIFY(delayedAckExplained);
}

// backlog=1: the real accept queue holds two connections (client, client2); client3's and
// client4's SYNs find it full and are dropped, so they stay SYN-SENT, and the kernel counts it.
void TestCliLive::backlogOverflow_eachClientLive_theFullQueueIgnoresSyns()
{
    if (!kernelTableExpected())
        QSKIP("no kernel socket table on this system");
    const Run result = run({QStringLiteral("--live"), QStringLiteral("--port"), QStringLiteral("0"),
                            QStringLiteral("--json"), QStringLiteral("backlog-overflow")},
                           {});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QHash<QString, QStringList> kernelStates; // client2 -> states seen, in order
    QHash<QString, QStringList> differences;  // client3 -> why its kernel state differs from the model's
    qint64 overflows = -1;
    for (const QByteArray &line : result.out.split('\n')) {
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        const QString event = object.value(QStringLiteral("event")).toString();
        if (event == QLatin1String("difference"))
            differences[object.value(QStringLiteral("endpoint")).toString()]
                << object.value(QStringLiteral("detail")).toString();
        if (event == QLatin1String("kernel-counters"))
            overflows = object.value(QStringLiteral("listenOverflows")).toInteger(-1);
        if (event == QLatin1String("observed") && object.value(QStringLiteral("source")).toString() == QLatin1String("kernel")
            && object.value(QStringLiteral("observed")).toBool() && object.contains(QStringLiteral("name")))
            kernelStates[object.value(QStringLiteral("name")).toString()] << object.value(QStringLiteral("state")).toString();
    }
    QVERIFY2(kernelStates.value(QStringLiteral("client2")).contains(QStringLiteral("ESTABLISHED")),
             qPrintable(kernelStates.value(QStringLiteral("client2")).join(QLatin1Char(' '))));
    QVERIFY(kernelStates.value(QStringLiteral("server.client2")).contains(QStringLiteral("ESTABLISHED")));
    for (const char *dropped : {"client3", "client4"}) {
        const QStringList states = kernelStates.value(QLatin1String(dropped));
        QVERIFY2(states.contains(QStringLiteral("SYN-SENT")) && !states.contains(QStringLiteral("ESTABLISHED")),
                 qPrintable(QLatin1String(dropped) + QLatin1Char(':') + states.join(QLatin1Char(' '))));
    }
    QVERIFY2(overflows >= 2, qPrintable(QString::number(overflows))); // the whole machine's: at least these
    // client3's SYN got a SYN cookie in the model (its queues had room) but was dropped by the
    // real, already full accept queue: compared with its own socket in the model, and said so.
    const QStringList client3 = differences.value(QStringLiteral("client3"));
    QVERIFY2(!client3.isEmpty() && client3.first().contains(QStringLiteral("dropped this client's SYN")),
             qPrintable(client3.join(QLatin1Char('|'))));
    QVERIFY(differences.contains(QStringLiteral("server.client2")));
}

void TestCliLive::badPort_exitsWith2()
{
    const Run result = run({QStringLiteral("--live"), QStringLiteral("--port"), QStringLiteral("70000"),
                            QStringLiteral("-")},
                           script);
    QCOMPARE(result.exitCode, 2);
    QVERIFY(result.err.contains("--port"));
}

QTEST_GUILESS_MAIN(TestCliLive)
#include "tst_cli_live.moc"
