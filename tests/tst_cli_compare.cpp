// SPDX-License-Identifier: GPL-3.0-or-later
// tcpsim-cli --compare LESSON: the RFC 9293 and Linux segment lists side by side per application
// call, and the sentences where they part, as text and as JSON Lines; exit status 0.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include "clirun.h"

namespace {

using clirun::jsonLines;
using clirun::Run;
using clirun::runCli;

} // namespace

class TestCliCompare : public QObject
{
    Q_OBJECT

private slots:
    // Text: the close block's rows, the missing ACK marked ≠, and the sentence with its rule.
    void text_handshake()
    {
        const Run run = runCli({QStringLiteral("--compare"), QStringLiteral("handshake")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.err.isEmpty());
        const QString out = QString::fromUtf8(run.out);
        QVERIFY(out.contains(QStringLiteral("step 13 line ")));
        QVERIFY(out.contains(QStringLiteral("  client close\n")));
        QVERIFY(out.contains(QStringLiteral("| client FIN+ACK seq=3 ack=10 len=0 <timestamps>")));
        QVERIFY(out.contains(QRegularExpression(QStringLiteral("server ACK seq=10 ack=4 len=0 +≠ \n"))));
        QVERIFY(out.contains(QStringLiteral("three segments instead of four.  [Linux tcp_fin()]")));
        QVERIFY(out.contains(QStringLiteral("2 divergence(s); RFC 9293: 11 segments, Linux: 10 segments")));
    }

    // JSON: blocks with both lists, one "divergence" event per difference, a summary.
    void json_abort()
    {
        const Run run = runCli({QStringLiteral("--compare"), QStringLiteral("--json"), QStringLiteral("abort")});
        QCOMPARE(run.exitCode, 0);
        const QList<QJsonObject> lines = jsonLines(run.out);
        QList<QJsonObject> divergences;
        QJsonObject abortBlock;
        for (const QJsonObject &line : lines) {
            if (line.value(QStringLiteral("event")).toString() == QLatin1String("divergence"))
                divergences << line;
            if (line.value(QStringLiteral("call")).toString() == QLatin1String("client abort"))
                abortBlock = line;
        }
        QCOMPARE(divergences.size(), 2);
        QCOMPARE(divergences[0].value(QStringLiteral("kind")).toString(), QStringLiteral("options"));
        const QJsonObject &rst = divergences[1];
        QCOMPARE(rst.value(QStringLiteral("kind")).toString(), QStringLiteral("segments"));
        QCOMPARE(rst.value(QStringLiteral("rule")).toString(), QStringLiteral("LinuxAbortRstAck"));
        QCOMPARE(rst.value(QStringLiteral("reference")).toString(), QStringLiteral("Linux tcp_send_active_reset()"));
        QCOMPARE(rst.value(QStringLiteral("endpoint")).toString(), QStringLiteral("client"));
        QVERIFY(rst.value(QStringLiteral("text")).toString().contains(QStringLiteral("RST,ACK with ACK = RCV.NXT")));
        QCOMPARE(rst.value(QStringLiteral("step")).toInt(), abortBlock.value(QStringLiteral("step")).toInt());
        QCOMPARE(abortBlock.value(QStringLiteral("rfc")).toArray().first().toString(), QStringLiteral("client RST seq=3 len=0"));
        QCOMPARE(abortBlock.value(QStringLiteral("linux")).toArray().first().toString(),
                 QStringLiteral("client RST+ACK seq=3 ack=1 len=0 <timestamps>"));
        const QJsonObject &summary = lines.last();
        QCOMPARE(summary.value(QStringLiteral("event")).toString(), QStringLiteral("summary"));
        QCOMPARE(summary.value(QStringLiteral("divergences")).toInt(), 2);
        QCOMPARE(summary.value(QStringLiteral("rfcSegments")).toInt(), 6);
        QCOMPARE(summary.value(QStringLiteral("linuxSegments")).toInt(), 6);
    }

    // --msl reaches the textbook's run: TIME-WAIT 240 s against Linux's fixed 60 s.
    void msl_timeWait()
    {
        const Run run = runCli({QStringLiteral("--compare"), QStringLiteral("--msl"), QStringLiteral("120"),
                                QStringLiteral("handshake")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains("divergence 3 (timer): Client leaves TIME-WAIT after 240 s in the textbook"));
    }

    void refusedCombinations_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("--profile") << QStringList{QStringLiteral("--compare"), QStringLiteral("--profile"),
                                                  QStringLiteral("linux"), QStringLiteral("handshake")};
        QTest::newRow("--live") << QStringList{QStringLiteral("--compare"), QStringLiteral("--live"), QStringLiteral("handshake")};
        QTest::newRow("unknown lesson") << QStringList{QStringLiteral("--compare"), QStringLiteral("no-such-lesson")};
    }
    void refusedCombinations()
    {
        QFETCH(QStringList, arguments);
        const Run run = runCli(arguments);
        QCOMPARE(run.exitCode, 2);
        QVERIFY(!run.err.isEmpty());
        QVERIFY(run.out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCliCompare)
#include "tst_cli_compare.moc"
