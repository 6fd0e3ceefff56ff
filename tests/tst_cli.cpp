// SPDX-License-Identifier: GPL-3.0-or-later
// tcpsim-cli as a user meets it: exit codes 0/1/2, messages on stderr, JSON Lines on stdout.
#include "tcpsim/session/lessoncontroller.h"
#include "tcpsim/session/lessonlibrary.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "clirun.h"

namespace {

using clirun::jsonLines;
using clirun::Run;
using clirun::runCli;

QString lesson(const QString &name)
{
    return qEnvironmentVariable("TCPSIM_SOURCE_DIR", QStringLiteral(TCPSIM_SOURCE_DIR))
        + QStringLiteral("/resources/lessons/") + name;
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

    // Many clients, one listener: queue events with their lengths, descriptors, overflow counters.
    void json_queueEventsAndDescriptors()
    {
        const Run run = runCli({QStringLiteral("--json"), lesson(QStringLiteral("backlog-overflow.tcp"))});
        QCOMPARE(run.exitCode, 0);
        QList<QJsonObject> queues;
        bool acceptReturnedFd = false;
        for (const QJsonObject &event : jsonLines(run.out)) {
            if (event.value(QStringLiteral("event")).toString() == QLatin1String("queue"))
                queues << event;
            if (event.value(QStringLiteral("event")).toString() == QLatin1String("return")
                && event.value(QStringLiteral("call")).toString() == QLatin1String("accept"))
                acceptReturnedFd = event.value(QStringLiteral("fd")).toInt() == 4;
        }
        QVERIFY(acceptReturnedFd);
        QVERIFY(!queues.isEmpty());
        QCOMPARE(queues.first().value(QStringLiteral("syn")).toInt(), 1);
        QCOMPARE(queues.first().value(QStringLiteral("accept")).toInt(), 0);
        QCOMPARE(queues.first().value(QStringLiteral("endpoint")).toString(), QStringLiteral("server"));
        QCOMPARE(queues.first().value(QStringLiteral("fd")).toInt(), 3);
        const auto overflow = std::find_if(queues.begin(), queues.end(), [](const QJsonObject &event) {
            return event.value(QStringLiteral("rule")).toString() == QLatin1String("AcceptQueueAckIgnored");
        });
        QVERIFY(overflow != queues.end());
        QCOMPARE(overflow->value(QStringLiteral("text")).toString(), QStringLiteral("ListenOverflows=1 ListenDrops=1"));
        QCOMPARE(overflow->value(QStringLiteral("accept")).toInt(), 2);

        const Run text = runCli({lesson(QStringLiteral("accept-queue.tcp"))});
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains("client2  calls connect()"), text.out.constData());
        QVERIFY(text.out.contains("server  accept() returns fd 4"));
        QVERIFY(text.out.contains("queues of fd 3: syn=0 accept=3"));
        // The server's connection with client2 is named as the script names it.
        QVERIFY(text.out.contains("server.client2  LISTEN -> SYN-RECEIVED  on SYN"));

        // The event loop: epoll_wait's ready list, one thread's recv() on each connection.
        const Run loop = runCli({lesson(QStringLiteral("event-loop.tcp"))});
        QCOMPARE(loop.exitCode, 0);
        QVERIFY2(loop.out.contains("server  epoll_wait() returns [fd 3]"), loop.out.constData());
        QVERIFY(loop.out.contains("server  epoll_wait() returns [fd 5]"));
        QVERIFY(loop.out.contains("server.client2  recv() returns \"b\""));
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
        QCOMPARE(synAck->value(QStringLiteral("line")).toInteger(), 25);
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

    // --profile overrides a lesson's `# profile:` header: the Linux lesson's expectations (a
    // delayed ACK of the FIN) fail under the RFC profile and the RFC lesson's under Linux, up
    // to a `deliver` with nothing in flight, which stops the script (exit 2).
    void profile_chosenOrFromTheHeader_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("stderrHas");
        const QString linuxLesson = lesson(QStringLiteral("handshake-linux.tcp"));
        const QString rfcLesson = lesson(QStringLiteral("handshake.tcp"));
        QTest::newRow("header: linux") << QStringList{linuxLesson} << 0 << QString();
        QTest::newRow("--profile linux on the RFC lesson")
            << QStringList{QStringLiteral("--profile"), QStringLiteral("linux"), rfcLesson} << 2
            << QStringLiteral("expected server sent ACK seq=310 ack=104, got server sent nothing");
        QTest::newRow("--profile rfc on the Linux lesson")
            << QStringList{QStringLiteral("--profile"), QStringLiteral("rfc"), linuxLesson} << 2
            << QStringLiteral("expected client sent SYN seq=100 win=65495, got client sent SYN seq=100 len=0 win=65535");
        QTest::newRow("--msl under Linux says it has no effect")
            << QStringList{QStringLiteral("--msl"), QStringLiteral("120"), linuxLesson} << 0
            << QStringLiteral("--msl has no effect under the Linux profile");
        QTest::newRow("unknown profile")
            << QStringList{QStringLiteral("--profile"), QStringLiteral("bsd"), rfcLesson} << 2
            << QStringLiteral("--profile takes rfc or linux");
    }
    void profile_chosenOrFromTheHeader()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, stderrHas);
        const Run run = runCli(arguments);
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY2(QString::fromUtf8(run.err).contains(stderrHas), run.err.constData());
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

    // A built-in lesson's name runs that lesson, and its events are numbered by the window's
    // steps ("Step 3 of 19"): every event's line belongs to the step it is printed under.
    void builtInName_numbersStepsAsTheWindow_data()
    {
        QTest::addColumn<QString>("name");
        for (const LessonEntry &entry : LessonLibrary::builtInLessons())
            QTest::newRow(qPrintable(entry.name)) << entry.name;
    }
    void builtInName_numbersStepsAsTheWindow()
    {
        QFETCH(QString, name);
        const Run run = runCli({QStringLiteral("--json"), name});
        QCOMPARE(run.exitCode, 0);
        auto loaded = LessonLibrary::load(name);
        QVERIFY(std::holds_alternative<tcpsim::Lesson>(loaded));
        LessonController controller;
        controller.setLesson(std::get<tcpsim::Lesson>(std::move(loaded)));
        int previousStep = 1;
        int lastStep = 0;
        for (const QJsonObject &event : jsonLines(run.out)) {
            const int step = event.value(QStringLiteral("step")).toInt();
            const int line = event.value(QStringLiteral("line")).toInt();
            QVERIFY2(step >= previousStep && step <= controller.stepCount(), qPrintable(QString::number(step)));
            bool lineInStep = false;
            for (const tcpsim::Command &command : controller.stepCommands(step))
                lineInStep = lineInStep || command.line == line;
            QVERIFY2(lineInStep, qPrintable(QStringLiteral("line %1 printed under step %2").arg(line).arg(step)));
            previousStep = step;
            lastStep = step;
        }
        QCOMPARE(lastStep, controller.stepCount());
        const Run text = runCli({name});
        QVERIFY(text.out.startsWith("t=0.000s step 1 line "));
    }

    void list_namesTheBuiltInLessons()
    {
        const Run run = runCli({QStringLiteral("--list")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.startsWith("handshake "));
        QVERIFY(run.out.contains("lost-syn "));
    }

    // Files that are not lessons: a clear message naming the file (no fake 0:0 position), exit 2.
    void notALesson_exitsTwoWithAClearMessage_data()
    {
        QTest::addColumn<QByteArray>("content"); // written to a file; empty name = see `path`
        QTest::addColumn<QString>("path");       // used as is when not empty
        QTest::addColumn<QString>("message");
        QTest::newRow("missing file") << QByteArray() << QStringLiteral("/nonexistent/x.tcp") << QStringLiteral("/nonexistent/x.tcp: no such file");
        QTest::newRow("unknown name") << QByteArray() << QStringLiteral("handshak") << QStringLiteral("handshak: no such built-in lesson or file");
        QTest::newRow("folder") << QByteArray() << QStringLiteral("/tmp") << QStringLiteral("/tmp: is a folder, not a lesson file");
        QTest::newRow("endless") << QByteArray() << QStringLiteral("/dev/zero") << QStringLiteral("/dev/zero: too large for a lesson (more than 32 MB)");
        QTest::newRow("empty") << QByteArray("\n  \n") << QString() << QStringLiteral(": the lesson file is empty");
        QTest::newRow("binary") << QByteArray("client connect\n\x7f" "ELF\x02\x01\x00\x00", 22) << QString()
                                << QStringLiteral(":2:1: not a lesson file (binary data at line 2)");
        QTest::newRow("latin-1") << QByteArray("client send \"caf\xe9\"\n") << QString()
                                 << QStringLiteral(":1:1: not a lesson file (binary data at line 1)");
    }
    void notALesson_exitsTwoWithAClearMessage()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, path);
        QFETCH(QString, message);
        if (path.isEmpty())
            path = writeScript(QStringLiteral("bad.tcp"), content);
        const Run run = runCli({path});
        QCOMPARE(run.exitCode, 2);
        const QString err = QString::fromUtf8(run.err.trimmed());
        QVERIFY2(err.endsWith(message), qPrintable(err));
        QVERIFY2(!err.contains(QStringLiteral(":0:0")), qPrintable(err));
        QVERIFY(run.err.size() < 200); // no bytes of the file dumped
    }

    // Text files from other editors: a UTF-8 byte order mark, CRLF and CR-only line ends.
    void lineEndsAndByteOrderMark_work_data()
    {
        QTest::addColumn<QByteArray>("script");
        QTest::newRow("LF") << QByteArray("client connect\nexpect client SYN-SENT\n");
        QTest::newRow("CRLF") << QByteArray("client connect\r\nexpect client SYN-SENT\r\n");
        QTest::newRow("CR") << QByteArray("client connect\rexpect client SYN-SENT\r");
        QTest::newRow("BOM") << QByteArray("\xEF\xBB\xBF" "client connect\nexpect client SYN-SENT\n");
    }
    void lineEndsAndByteOrderMark_work()
    {
        QFETCH(QByteArray, script);
        const Run run = runCli({QStringLiteral("-")}, script);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains("expect ok: client SYN-SENT"), run.out.constData());
    }

    // Hostile bytes in a lesson file reach the terminal escaped: an error message quoting them,
    // and data a script sends; a huge token is cut.
    void hostileBytes_areEscaped()
    {
        const QString title = writeScript(QStringLiteral("title.tcp"), "\x1b]0;OWNED\x07\x1b[2J\n");
        const Run error = runCli({title});
        QCOMPARE(error.exitCode, 2);
        QVERIFY2(!error.err.contains('\x1b') && !error.err.contains('\x07'), error.err.constData());
        QVERIFY2(error.err.contains("\\x1b]0;OWNED"), error.err.constData());

        const QString sending = writeScript(QStringLiteral("send.tcp"),
                                            "server listen\nclient connect\nsettle\nclient send \"\x1b[2Jhi\"\nsettle\n");
        const Run sent = runCli({sending});
        QCOMPARE(sent.exitCode, 0);
        QVERIFY(!sent.out.contains('\x1b'));
        QVERIFY2(sent.out.contains("send(\"\\x1b[2Jhi\")"), sent.out.constData());
        const Run json = runCli({QStringLiteral("--json"), sending});
        QVERIFY(!json.out.contains('\x1b'));
        QVERIFY(!jsonLines(json.out).isEmpty()); // still valid JSON Lines

        const QString huge = writeScript(QStringLiteral("huge.tcp"), QByteArray(1 << 20, 'x') + '\n');
        const Run long_ = runCli({huge});
        QCOMPARE(long_.exitCode, 2);
        QVERIFY2(long_.err.size() < 400, long_.err.left(400).constData());
    }

    // --pcap writes the lesson's segments as a classic pcap: one record per segment sent.
    void pcap_writesOneRecordPerSegmentSent()
    {
        const QString path = scratch.filePath(QStringLiteral("handshake.pcap"));
        const Run run = runCli({QStringLiteral("--json"), QStringLiteral("--pcap"), path, QStringLiteral("handshake")});
        QCOMPARE(run.exitCode, 0);
        int sends = 0;
        for (const QJsonObject &event : jsonLines(run.out))
            sends += event.value(QStringLiteral("event")).toString() == QStringLiteral("send") ? 1 : 0;
        QVERIFY(sends > 0);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray capture = file.readAll();
        QVERIFY(capture.size() > 24);
        QCOMPARE(quint8(capture[0]), quint8(0xd4)); // 0xa1b2c3d4 little-endian: classic pcap
        QCOMPARE(quint8(capture[3]), quint8(0xa1));
        int records = 0;
        for (qsizetype at = 24; at + 16 <= capture.size(); ++records) {
            const auto *header = reinterpret_cast<const uchar *>(capture.constData() + at);
            const quint32 included = header[8] | header[9] << 8 | header[10] << 16 | quint32(header[11]) << 24;
            at += 16 + qsizetype(included);
        }
        QCOMPARE(records, sends);
        const Run toStdout = runCli({QStringLiteral("--pcap"), QStringLiteral("-"), QStringLiteral("handshake")});
        QCOMPARE(toStdout.exitCode, 0);
        QCOMPARE(toStdout.out, capture); // the capture alone, no event lines
        const Run unwritable = runCli({QStringLiteral("--pcap"), QStringLiteral("/nonexistent/x.pcap"), QStringLiteral("handshake")});
        QCOMPARE(unwritable.exitCode, 2);
        QVERIFY(unwritable.err.contains("/nonexistent/x.pcap"));
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
