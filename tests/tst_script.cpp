// SPDX-License-Identifier: GPL-3.0-or-later
// The lesson-script contract: every command form, header lines, round trips, every error form
// with its line and column, runtime errors and expect failures.
#include "tcpsim/model/script.h"

#include <QTest>

using namespace tcpsim;
Q_DECLARE_METATYPE(Verb)

namespace {

Lesson parsed(std::string_view text)
{
    auto result = parseLesson(text, "t.tcp");
    if (const auto *error = std::get_if<ScriptError>(&result))
        qFatal("unexpected parse error: %s", error->toString().c_str());
    return std::get<Lesson>(std::move(result));
}

QString errorOf(std::string_view text)
{
    const auto result = parseLesson(text, "t.tcp");
    const auto *error = std::get_if<ScriptError>(&result);
    return error ? QString::fromStdString(error->toString()) : QStringLiteral("(no error)");
}

} // namespace

class TestScript : public QObject
{
    Q_OBJECT

private slots:
    // --- commands ---
    void parse_commandForms_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<Verb>("verb");
        QTest::addColumn<QString>("canonical");
        QTest::newRow("isn") << "client isn 4294967295" << Verb::Isn << "client isn 4294967295";
        QTest::newRow("listen") << "server listen" << Verb::Listen << "server listen";
        QTest::newRow("connect") << "client connect" << Verb::Connect << "client connect";
        QTest::newRow("accept") << "server accept" << Verb::Accept << "server accept";
        QTest::newRow("send") << "client send \"a \\\"b\\\" \\\\ \\n\"" << Verb::Send << "client send \"a \\\"b\\\" \\\\ \\n\"";
        QTest::newRow("close") << "client close" << Verb::Close << "client close";
        QTest::newRow("abort") << "client abort" << Verb::Abort << "client abort";
        QTest::newRow("deliver") << "client deliver" << Verb::Deliver << "client deliver";
        QTest::newRow("drop") << "server drop" << Verb::Drop << "server drop";
        QTest::newRow("drop #id") << "client drop #3" << Verb::Drop << "client drop #3";
        QTest::newRow("drop #id, comment") << "server  drop  #12 # the FIN" << Verb::Drop << "server drop #12";
        QTest::newRow("drop, '# text' is a comment") << "client drop # lost on the way" << Verb::Drop << "client drop";
        QTest::newRow("deliver, #3 is a comment") << "client deliver #3" << Verb::Deliver << "client deliver";
        QTest::newRow("timeout") << "client timeout" << Verb::Timeout << "client timeout";
        QTest::newRow("receive") << "server receive ack+psh seq=101 ack=301 data=\"hi\" win=100"
                                 << Verb::Receive << "server receive PSH+ACK seq=101 ack=301 data=\"hi\" win=100";
        QTest::newRow("settle") << "settle" << Verb::Settle << "settle";
        QTest::newRow("expect state, Linux spelling") << "expect server SYN_RECV" << Verb::ExpectState
                                                      << "expect server SYN-RECEIVED";
        QTest::newRow("expect state, lower case") << "expect client time-wait" << Verb::ExpectState
                                                  << "expect client TIME-WAIT";
        QTest::newRow("expect sent") << "expect server sent ACK+SYN seq=300 ack=101 len=0" << Verb::ExpectSent
                                     << "expect server sent SYN+ACK seq=300 ack=101 len=0";
        QTest::newRow("expect nothing") << "expect client sent nothing" << Verb::ExpectNothing
                                        << "expect client sent nothing";
        QTest::newRow("trailing comment, tabs") << "\tclient connect\t# go" << Verb::Connect << "client connect";
    }
    void parse_commandForms()
    {
        QFETCH(QString, line);
        QFETCH(Verb, verb);
        QFETCH(QString, canonical);
        const Lesson lesson = parsed(line.toStdString());
        QCOMPARE(lesson.commands.size(), std::size_t(1));
        QCOMPARE(lesson.commands[0].verb, verb);
        QCOMPARE(QString::fromStdString(lesson.commands[0].toScriptLine()), canonical);
        // The canonical line parses back to the same command.
        const Lesson again = parsed(lesson.commands[0].toScriptLine());
        QCOMPARE(again.commands[0].toScriptLine(), lesson.commands[0].toScriptLine());
    }

    void parse_sendUnescapes()
    {
        const Lesson lesson = parsed("client send \"say \\\"hi\\\"\\n\\\\ 你好\"");
        QCOMPARE(lesson.commands[0].data, std::string("say \"hi\"\n\\ 你好"));
        QCOMPARE(quoteScriptString(lesson.commands[0].data), std::string("\"say \\\"hi\\\"\\n\\\\ 你好\""));
    }

    void parse_linesAndColumnsRecorded()
    {
        const Lesson lesson = parsed("# comment\n\n   client connect\r\nsettle\n");
        QCOMPARE(lesson.commands.size(), std::size_t(2));
        QCOMPARE(lesson.commands[0].line, 3);
        QCOMPARE(lesson.commands[0].column, 4);
        QCOMPARE(lesson.commands[1].line, 4);
    }

    void parse_headerLines()
    {
        const Lesson lesson = parsed("# title: Handshake\n# title[zh]: 三次握手\n# note: First line,\n"
                                     "# note: second line.\n# note[zh]: 第一行，\n# note[zh]: 第二行。\n"
                                     "# just a comment\nserver accept\n");
        QCOMPARE(lesson.title, std::string("Handshake"));
        QCOMPARE(lesson.titleZh, std::string("三次握手"));
        QCOMPARE(lesson.note, std::string("First line, second line."));
        QCOMPARE(lesson.noteZh, std::string("第一行，第二行。"));
        QVERIFY(lesson.hasAccept());
        QVERIFY(!parsed("settle").hasAccept());
    }

    void toText_roundTrips()
    {
        const Lesson lesson = parsed("# title: T\n# note: N\nclient isn 1\nclient send \"x\\\"\"\n"
                                     "expect client sent PSH+ACK data=\"x\\\"\" len=2\nserver receive RST seq=5\n");
        const Lesson again = parsed(lesson.toText());
        QCOMPARE(again.title, lesson.title);
        QCOMPARE(again.note, lesson.note);
        QCOMPARE(again.toText(), lesson.toText());
        QCOMPARE(again.commands.size(), lesson.commands.size());
    }

    void classify_callsAndChecks()
    {
        const Lesson lesson = parsed("client connect\nclient deliver\nexpect client SYN-SENT\n");
        QVERIFY(lesson.commands[0].isApplicationCall());
        QVERIFY(!lesson.commands[1].isApplicationCall());
        QVERIFY(lesson.commands[2].isCheck());
        QVERIFY(!lesson.commands[0].isCheck());
    }

    // --- errors: FILE:LINE:COLUMN: message ---
    void parse_errorsPointAtTheToken_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("error");
        QTest::newRow("unknown command") << "settle\n  dance" << "t.tcp:2:3: unknown command 'dance'";
        QTest::newRow("unknown side command") << "client dance" << "t.tcp:1:8: unknown command 'dance'";
        QTest::newRow("missing command") << "client" << "t.tcp:1:8: missing command after 'client'";
        QTest::newRow("unknown side") << "expect clint LISTEN" << "t.tcp:1:8: unknown side 'clint'";
        QTest::newRow("missing side") << "expect" << "t.tcp:1:8: missing side";
        QTest::newRow("bad number") << "client isn 12x" << "t.tcp:1:12: bad number '12x'";
        QTest::newRow("negative number") << "client isn -1" << "t.tcp:1:12: bad number '-1'";
        QTest::newRow("number out of range") << "client isn 4294967296" << "t.tcp:1:12: number out of range";
        QTest::newRow("missing number") << "client isn" << "t.tcp:1:12: missing initial sequence number";
        QTest::newRow("field out of range") << "server receive SYN seq=99999999999" << "t.tcp:1:24: number out of range";
        QTest::newRow("window out of range") << "server receive SYN win=65536" << "t.tcp:1:24: number out of range";
        QTest::newRow("unterminated string") << "client send \"hi" << "t.tcp:1:13: unterminated string";
        QTest::newRow("backslash at the end") << "client send \"hi\\" << "t.tcp:1:13: unterminated string";
        QTest::newRow("bad escape") << "client send \"a\\tb\"" << "t.tcp:1:15: bad escape '\\t'";
        QTest::newRow("send without quotes") << "client send hi" << "t.tcp:1:13: expected a \"quoted\" message";
        QTest::newRow("missing message") << "client send" << "t.tcp:1:13: missing message";
        QTest::newRow("unknown flag") << "server receive SYN+URG seq=1" << "t.tcp:1:20: unknown flag 'URG'";
        QTest::newRow("repeated flag") << "server receive SYN+ACK+SYN" << "t.tcp:1:24: flag 'SYN' given twice";
        QTest::newRow("missing flags") << "server receive" << "t.tcp:1:16: missing flags";
        QTest::newRow("unknown state") << "expect client SYN-WAIT" << "t.tcp:1:15: unknown state 'SYN-WAIT'";
        QTest::newRow("missing state") << "expect client" << "t.tcp:1:15: missing state or 'sent'";
        QTest::newRow("trailing garbage") << "client connect now" << "t.tcp:1:16: unexpected 'now'";
        QTest::newRow("trailing after nothing") << "expect client sent nothing more" << "t.tcp:1:28: unexpected 'more'";
        QTest::newRow("trailing after settle") << "settle 3" << "t.tcp:1:8: unexpected '3'";
        QTest::newRow("unknown field") << "expect server sent ACK foo=1" << "t.tcp:1:24: unknown field 'foo'";
        QTest::newRow("len on receive") << "server receive ACK len=3" << "t.tcp:1:20: unknown field 'len'";
        QTest::newRow("field twice") << "server receive ACK seq=1 seq=2" << "t.tcp:1:26: field 'seq' given twice";
        QTest::newRow("word is not a field") << "server receive ACK 5" << "t.tcp:1:20: unexpected '5'";
        QTest::newRow("data without quotes") << "server receive ACK data=hi" << "t.tcp:1:25: data= takes";
        QTest::newRow("quote inside a word") << "client send\"hi\"" << "t.tcp:1:12: unexpected '\"'";
        QTest::newRow("text after a string") << "client send \"hi\"x" << "t.tcp:1:17: unexpected text after the closing quote";
        QTest::newRow("column counts characters") << "client send \"你好\" x" << "t.tcp:1:18: unexpected 'x'";
        QTest::newRow("quoted command") << "\"client\" connect" << "t.tcp:1:1: unknown command";
        QTest::newRow("drop, bad id") << "client drop #abc" << "t.tcp:1:14: bad segment id '#abc'";
        QTest::newRow("drop, id with letters") << "server drop #3x" << "t.tcp:1:14: bad segment id '#3x'";
        QTest::newRow("drop, id 0") << "client drop #0" << "t.tcp:1:14: bad segment id '#0'";
        QTest::newRow("drop, id too large") << "client drop #4294967296" << "t.tcp:1:14: number out of range";
        QTest::newRow("drop, missing id") << "client drop #" << "t.tcp:1:14: missing segment id after '#'";
        QTest::newRow("drop, missing id, spaces") << "  client drop #  " << "t.tcp:1:16: missing segment id after '#'";
        QTest::newRow("drop, id without #") << "client drop 3" << "t.tcp:1:13: unexpected '3'";
        QTest::newRow("drop, after the id") << "client drop #3 now" << "t.tcp:1:16: unexpected 'now'";
        QTest::newRow("drop, quote after #") << "client drop #\"3\"" << "t.tcp:1:14: bad segment id '#'";
    }
    void parse_errorsPointAtTheToken()
    {
        QFETCH(QString, text);
        QFETCH(QString, error);
        const QString actual = errorOf(text.toStdString());
        QVERIFY2(actual.startsWith(error), qPrintable(actual));
    }

    // --- running ---
    void run_expectFailureNamesFileLine()
    {
        ScriptRunner runner(parsed("client connect\nexpect client ESTABLISHED\nexpect client sent SYN seq=5\n"));
        runner.step();
        ScriptRunner::StepResult result = runner.step();
        QCOMPARE(result.status, ScriptRunner::Status::ExpectFailed);
        QCOMPARE(QString::fromStdString(result.message), QStringLiteral("t.tcp:2: expected client ESTABLISHED, got client SYN-SENT"));
        result = runner.runToEnd(); // keeps going after a failed expect
        QCOMPARE(result.status, ScriptRunner::Status::ExpectFailed);
        QVERIFY(QString::fromStdString(result.message).startsWith(QStringLiteral("t.tcp:3: expected client sent SYN seq=5, got client sent SYN seq=")));
        QCOMPARE(runner.failedExpectations(), 2);
        QCOMPARE(runner.simulation().events().back().kind, EventKind::Expect);
        QVERIFY(!runner.simulation().events().back().passed);
        QCOMPARE(runner.step().status, ScriptRunner::Status::Finished);
    }

    void run_runtimeErrors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("error");
        QTest::newRow("deliver nothing") << "client connect\nserver deliver" << "t.tcp:2:1: deliver: nothing in flight from the server";
        QTest::newRow("drop nothing") << "  client drop" << "t.tcp:1:3: drop: nothing in flight from the client";
        QTest::newRow("no timer") << "server listen\nserver timeout" << "t.tcp:2:1: timeout: the server has no timer pending";
        QTest::newRow("drop #id from the other side") << "client connect\nserver drop #1"
                                                      << "t.tcp:2:1: drop: segment #1 is not in flight from the server";
        QTest::newRow("drop #id never sent") << "client connect\nclient drop #2"
                                             << "t.tcp:2:1: drop: segment #2 is not in flight from the client";
        QTest::newRow("drop #id twice") << "client connect\nclient drop #1\n client drop #1"
                                        << "t.tcp:3:2: drop: segment #1 is not in flight from the client";
    }
    void run_runtimeErrors()
    {
        QFETCH(QString, text);
        QFETCH(QString, error);
        ScriptRunner runner(parsed(text.toStdString()));
        const ScriptRunner::StepResult result = runner.runToEnd();
        QCOMPARE(result.status, ScriptRunner::Status::RuntimeError);
        QCOMPARE(QString::fromStdString(result.message), error);
        QVERIFY(result.error);
        QCOMPARE(QString::fromStdString(result.error->toString()), error);
    }

    void run_dropByIdDropsThatSegment()
    {
        // Two data segments in flight from the client: drop the newer one by its id.
        const std::string handshake = "server listen\nclient connect\nsettle\nclient send \"a\"\nclient send \"b\"\n";
        ScriptRunner probe(parsed(handshake));
        QCOMPARE(probe.runToEnd().status, ScriptRunner::Status::Finished);
        const auto &queue = probe.simulation().inFlight(Side::Client);
        QCOMPARE(queue.size(), std::size_t(2));
        const std::uint64_t older = queue.front().id;
        const std::uint64_t newer = queue.back().id;
        QVERIFY(older != newer && older != 0);

        const std::string dropLine = "client drop #" + std::to_string(newer);
        Lesson lesson = parsed(handshake + dropLine + "\n");
        QCOMPARE(lesson.commands.back().segmentId, std::optional<std::uint64_t>(newer));
        QCOMPARE(lesson.commands.back().toScriptLine(), dropLine);
        // The lesson's text round-trips with the id.
        QCOMPARE(parsed(lesson.toText()).toText(), lesson.toText());
        ScriptRunner runner(std::move(lesson));
        QCOMPARE(runner.runToEnd().status, ScriptRunner::Status::Finished);
        const auto &left = runner.simulation().inFlight(Side::Client);
        QCOMPARE(left.size(), std::size_t(1));
        QCOMPARE(left.front().id, older);
        const Event &last = runner.simulation().events().back();
        QCOMPARE(last.kind, EventKind::Drop);
        QVERIFY(last.segment);
        QCOMPARE(last.segment->id, newer);
    }

    void run_rfcErrorIsAnEventNotAScriptError()
    {
        ScriptRunner runner(parsed("client close\nclient send \"x\"\n"));
        QCOMPARE(runner.runToEnd().status, ScriptRunner::Status::Finished);
        const auto &events = runner.simulation().events();
        QCOMPARE(std::count_if(events.begin(), events.end(), [](const Event &e) { return e.kind == EventKind::Error; }), 2);
    }

    void run_autoAcceptOnlyWithoutAccept()
    {
        const char *handshake = "server listen\nclient connect\nsettle\n";
        ScriptRunner automatic(parsed(handshake));
        automatic.runToEnd();
        QVERIFY(automatic.simulation().endpoint(Side::Server).applicationHasConnection());
        ScriptRunner manual(parsed(std::string(handshake) + "expect server ESTABLISHED\nserver accept\n"));
        manual.step();
        manual.step();
        manual.step();
        QVERIFY(manual.simulation().endpoint(Side::Server).awaitingAccept());
        manual.runToEnd();
        QVERIFY(manual.simulation().endpoint(Side::Server).applicationHasConnection());
    }

    void run_receiveInjectsCraftedSegment()
    {
        ScriptRunner runner(parsed("server listen\nserver receive SYN seq=100\nexpect server SYN-RECEIVED\n"
                                   "server isn 7\nexpect server sent SYN+ACK ack=101\n"));
        QCOMPARE(runner.runToEnd().status, ScriptRunner::Status::Finished);
        QCOMPARE(runner.failedExpectations(), 0);
    }

    void run_copySharesTheLesson()
    {
        auto lesson = std::make_shared<const Lesson>(parsed("server listen\nclient connect\nsettle\n"));
        ScriptRunner runner(lesson);
        QCOMPARE(&runner.lesson(), lesson.get());
        runner.step();
        const ScriptRunner checkpoint = runner;
        QCOMPARE(&checkpoint.lesson(), &runner.lesson());
        QCOMPARE(checkpoint.position(), std::size_t(1));
        // The by-value constructor still works and keeps its own copy.
        ScriptRunner owning(*lesson);
        QVERIFY(&owning.lesson() != lesson.get());
        QCOMPARE(owning.lesson().toText(), lesson->toText());
    }

    void run_takeEventsForwardsToTheSimulation()
    {
        ScriptRunner runner(parsed("server listen\nclient connect\n"));
        runner.step();
        const std::vector<Event> first = runner.takeEvents();
        QCOMPARE(first.size(), std::size_t(2)); // call, transition
        QVERIFY(runner.simulation().events().empty());
        runner.step();
        QCOMPARE(runner.simulation().eventCount(), first.size() + runner.simulation().events().size());
        QCOMPARE(runner.simulation().events().front().kind, EventKind::Call);
    }

    void run_zeroWindowCraftedByScriptIsProbed()
    {
        // A script closes the client's send window with a crafted ACK (win=0); the data waits,
        // the persist timer probes with one octet, the peer's ACK reopens the window.
        ScriptRunner runner(parsed("client isn 100\nserver isn 300\nserver listen\nclient connect\nsettle\n"
                                   "client receive ACK seq=301 ack=101 win=0\n"
                                   "client send \"hi\"\n"
                                   "expect client sent nothing\n"
                                   "client timeout\n"
                                   "expect client sent ACK seq=101 ack=301 len=1 data=\"h\"\n"
                                   "client deliver\nserver deliver\n"
                                   "expect client sent PSH+ACK seq=102 data=\"i\"\n"));
        const ScriptRunner::StepResult result = runner.runToEnd();
        QVERIFY2(result.status == ScriptRunner::Status::Finished, result.message.c_str());
        QCOMPARE(runner.failedExpectations(), 0);
    }

    void run_eventsCarryScriptLine()
    {
        ScriptRunner runner(parsed("\nclient isn 1\n\nclient connect\n"));
        runner.runToEnd();
        for (const Event &event : runner.simulation().events()) {
            QCOMPARE(event.line, 4);
            QCOMPARE(event.step, std::size_t(1));
        }
    }
};

QTEST_APPLESS_MAIN(TestScript)
#include "tst_script.moc"
