// SPDX-License-Identifier: GPL-3.0-or-later
// Many clients, one listener (issue 11): the new script forms and their errors, descriptors,
// accept() blocking and returning, and Linux's listen-queue rules, one scripted row per rule.
#include "tcpsim/model/script.h"

#include <QTest>

#include <algorithm>

using namespace tcpsim;

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

struct Outcome {
    ScriptRunner::StepResult result;
    std::vector<Event> events;
};

Outcome run(const QString &script)
{
    ScriptRunner runner(parsed(script.toStdString()));
    Outcome outcome;
    outcome.result = runner.runToEnd();
    outcome.events = runner.takeEvents();
    return outcome;
}

bool hasRule(const std::vector<Event> &events, EventKind kind, Rule rule)
{
    return std::any_of(events.begin(), events.end(),
                       [&](const Event &event) { return event.kind == kind && event.rule == rule; });
}

// Two clients whose handshakes complete while nobody accepts; then a third and fourth whose
// SYNs reach a listener with `backlog=2` before either handshake completes.
const char *const fourClients = R"(server listen backlog=2
client connect
settle
client2 connect
settle
client3 connect
client4 connect
client3 deliver
client4 deliver
server.client3 deliver
server.client4 deliver
client3 deliver
client4 deliver
)";

// The server closes first, so its connection ends in TIME-WAIT holding port 3267; then the
// server program "restarts": a new socket binds the same port.
QString restart(bool oldReuse, bool newReuse)
{
    QString script;
    if (oldReuse)
        script += QStringLiteral("server setsockopt SO_REUSEADDR\n");
    script += QStringLiteral("server listen\nclient connect\nsettle\nserver close\nsettle\nclient close\nsettle\n"
                             "server.listener close\nexpect server TIME-WAIT\nserver socket\n");
    if (newReuse)
        script += QStringLiteral("server setsockopt SO_REUSEADDR\n");
    return script + QStringLiteral("server bind 3267\n");
}

} // namespace

class TestListenQueue : public QObject
{
    Q_OBJECT

private slots:
    void parse_newForms_roundTrip_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addRow("client2") << "client2 connect";
        QTest::addRow("client9") << "client9 send \"hi\"";
        QTest::addRow("server.client2") << "server.client2 close";
        QTest::addRow("server.client") << "server.client send \"x\"";
        QTest::addRow("listener close") << "server.listener close";
        QTest::addRow("backlog") << "server listen backlog=1";
        QTest::addRow("socket") << "server socket";
        QTest::addRow("bind") << "server bind 3267";
        QTest::addRow("setsockopt") << "server setsockopt SO_REUSEADDR";
        QTest::addRow("set") << "set somaxconn 128";
        QTest::addRow("set flag") << "set tcp_abort_on_overflow 1";
        QTest::addRow("queue") << "expect server queue syn=0 accept=2";
        QTest::addRow("queue accept only") << "expect server queue accept=2";
        QTest::addRow("fd listener") << "expect server fd 3 listener";
        QTest::addRow("fd client2") << "expect server fd 4 client2";
        QTest::addRow("fd free") << "expect client3 fd 3 free";
        QTest::addRow("counter") << "expect server counter ListenOverflows=1";
        QTest::addRow("state of clientN") << "expect server.client2 ESTABLISHED";
        QTest::addRow("sent to clientN") << "expect server.client2 sent SYN+ACK ack=501";
        QTest::addRow("drop from clientN") << "client2 drop #3";
        QTest::addRow("deliver to clientN") << "server.client2 deliver";
        QTest::addRow("unread") << "expect server.client2 unread 2";
    }
    void parse_newForms_roundTrip()
    {
        QFETCH(QString, line);
        const Lesson lesson = parsed(line.toStdString());
        QCOMPARE(lesson.commands.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(lesson.commands[0].toScriptLine()), line);
        QVERIFY(lesson.usesSockets() || line.startsWith(QLatin1String("client ")));
    }

    void parse_errors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("error");
        QTest::addRow("client1") << "client1 connect"
                                 << "t.tcp:1:1: unknown command 'client1' (expected client, server, settle or expect)";
        QTest::addRow("client10") << "client10 connect"
                                  << "t.tcp:1:1: unknown command 'client10' (expected client, server, settle or expect)";
        QTest::addRow("client.server") << "client.server close"
                                       << "t.tcp:1:1: unknown command 'client.server' (expected client, server, settle or expect)";
        QTest::addRow("backlog name") << "server listen queue=3" << "t.tcp:1:15: unknown option 'queue' (backlog=N)";
        QTest::addRow("backlog number") << "server listen backlog=x" << "t.tcp:1:23: bad number 'x'";
        QTest::addRow("bind port") << "server bind 70000" << "t.tcp:1:13: number out of range '70000' (0..65535)";
        QTest::addRow("bind missing") << "server bind" << "t.tcp:1:13: missing port";
        QTest::addRow("setsockopt") << "server setsockopt SO_LINGER"
                                    << "t.tcp:1:19: unknown option 'SO_LINGER' (SO_REUSEADDR)";
        QTest::addRow("set name") << "set tcp_fin_timeout 30"
                                  << "t.tcp:1:5: unknown setting 'tcp_fin_timeout' (somaxconn, tcp_max_syn_backlog, "
                                     "tcp_abort_on_overflow, tcp_syncookies, tcp_syn_retries, tcp_synack_retries)";
        QTest::addRow("set flag range") << "set tcp_abort_on_overflow 2"
                                        << "t.tcp:1:27: number out of range '2' (0..1)";
        QTest::addRow("queue name") << "expect server queue listen=1" << "t.tcp:1:21: unknown queue 'listen' (syn or accept)";
        QTest::addRow("queue twice") << "expect server queue syn=1 syn=2" << "t.tcp:1:27: queue 'syn' given twice";
        QTest::addRow("fd holder") << "expect server fd 4 pipe"
                                   << "t.tcp:1:20: unknown descriptor holder 'pipe' (listener, socket, free, server, "
                                      "client .. client9)";
        QTest::addRow("counter") << "expect server counter TcpTimeouts=1"
                                 << "t.tcp:1:23: unknown counter 'TcpTimeouts' (ListenOverflows, ListenDrops, "
                                    "SyncookiesSent)";
        QTest::addRow("on line 3") << "server listen\n\nclient2 bind x" << "t.tcp:3:14: bad number 'x'";
        QTest::addRow("unread missing") << "expect server.client2 unread" << "t.tcp:1:30: missing number of unread bytes";
        QTest::addRow("unread number") << "expect server unread two" << "t.tcp:1:22: bad number 'two'";
        QTest::addRow("unread quoted") << "expect server unread \"2\"" << "t.tcp:1:22: bad number '\"2\"'";
        QTest::addRow("unread extra") << "expect server unread 2 bytes"
                                      << "t.tcp:1:24: unexpected 'bytes' at the end of the command";
    }
    void parse_errors()
    {
        QFETCH(QString, text);
        QFETCH(QString, error);
        QCOMPARE(errorOf(text.toStdString()), error);
    }

    // Each row: a script whose expect lines state the rule; it must run green.
    void rules_data()
    {
        QTest::addColumn<QString>("script");
        QTest::addRow("handshake completes before accept()")
            << "server listen\nclient connect\nclient2 connect\nclient3 connect\nsettle\n"
               "expect server queue syn=0 accept=3\nexpect client2 ESTABLISHED\nexpect server.client2 ESTABLISHED\n"
               "expect server.listener LISTEN\nexpect server fd 3 listener\nexpect server fd 4 free\n"
               "server accept\nexpect server fd 4 client\nexpect server queue syn=0 accept=2\n";
        QTest::addRow("accept() blocks, then returns")
            << "server listen\nserver accept\nexpect server fd 4 free\nclient connect\nsettle\n"
               "expect server fd 4 client\nexpect server queue syn=0 accept=0\n";
        QTest::addRow("each SYN makes its own connection")
            << "server listen\nclient isn 100\nclient connect\nclient2 isn 500\nclient2 connect\n"
               "client deliver\nclient2 deliver\nexpect server queue syn=2 accept=0\n"
               "expect server.client SYN-RECEIVED\nexpect server SYN-RECEIVED\nexpect server.listener LISTEN\n"
               "expect server.client2 sent SYN+ACK ack=501\nexpect server sent SYN+ACK ack=101\nserver accept\n";
        // The server's in-flight queue holds client's SYN,ACK first: client2's is behind it (the
        // fuzzer found a deque position taken as a pointer difference here).
        QTest::addRow("delivering a segment behind another in flight")
            << "server listen\nclient connect\nclient2 connect\nclient deliver\nclient2 deliver\n"
               "server.client2 deliver\nexpect client2 ESTABLISHED\nexpect client SYN-SENT\n"
               "expect server.client sent SYN+ACK\nserver deliver\nexpect client ESTABLISHED\n"
               "client3 connect\nclient3 deliver\nclient4 connect\nclient4 deliver\nclient5 connect\n"
               "client5 deliver\nclient6 connect\nclient6 deliver\nclient7 connect\nclient7 deliver\n"
               "client8 connect\nclient8 deliver\nclient9 connect\nclient9 deliver\nserver.client9 deliver\n"
               "expect client9 ESTABLISHED\nexpect client8 SYN-SENT\nserver.client5 deliver\n"
               "expect client5 ESTABLISHED\nexpect client4 SYN-SENT\nexpect client6 SYN-SENT\nserver accept\n";
        QTest::addRow("descriptors: lowest free number")
            << "server listen\nclient connect\nclient2 connect\nclient3 connect\nsettle\n"
               "server accept\nserver accept\nserver accept\nexpect server fd 5 client2\n"
               "server.client2 close\nclient2 close\nsettle\nexpect server fd 5 free\nexpect server fd 6 client3\n"
               "client4 connect\nsettle\nserver accept\nexpect server fd 5 client4\nexpect client4 fd 3 server\n";
        QTest::addRow("abort releases the descriptor")
            << "server listen\nclient connect\nsettle\nserver accept\nserver abort\nexpect server fd 4 free\n"
               "expect server fd 3 listener\n";
        QTest::addRow("backlog N holds N+1; a SYN to a full accept queue is dropped")
            << "server listen backlog=1\nclient connect\nsettle\nclient2 connect\nsettle\nclient3 connect\nsettle\n"
               "expect server queue syn=0 accept=2\nexpect client3 SYN-SENT\nexpect client3 sent nothing\n"
               "expect server counter ListenOverflows=1\nexpect server counter ListenDrops=1\n"
               "client3 timeout\nexpect client3 sent SYN\nserver accept\n";
        QTest::addRow("somaxconn caps the backlog")
            << "set somaxconn 1\nserver listen backlog=128\nclient connect\nsettle\nclient2 connect\nsettle\n"
               "client3 connect\nsettle\nexpect server queue accept=2\nexpect client3 SYN-SENT\nserver accept\n";
        QTest::addRow("final ACK to a full accept queue ignored (abort_on_overflow 0)")
            << QString::fromLatin1(fourClients)
                   + "expect server queue syn=1 accept=3\nexpect client4 ESTABLISHED\n"
                     "expect server.client4 SYN-RECEIVED\nexpect server counter ListenOverflows=1\n"
                     "server.client4 timeout\nexpect server.client4 sent SYN+ACK\nserver accept\n";
        QTest::addRow("final ACK to a full accept queue reset (abort_on_overflow 1)")
            << "set tcp_abort_on_overflow 1\n" + QString::fromLatin1(fourClients)
                   + "expect server queue syn=0 accept=3\nexpect server.client4 CLOSED\n"
                     "expect server.client4 sent RST\nserver.client4 deliver\nexpect client4 CLOSED\nserver accept\n";
        QTest::addRow("SYN queue full: a SYN cookie")
            << "server listen backlog=1\nclient connect\nclient deliver\nclient2 connect\nclient2 deliver\n"
               "expect server queue syn=1 accept=0\nexpect server.client2 sent SYN+ACK\n"
               "expect server counter SyncookiesSent=1\nserver.client2 deliver\nexpect client2 ESTABLISHED\n"
               "expect server.client2 sent nothing\nclient2 deliver\nexpect server queue syn=1 accept=1\n"
               "expect server.client2 ESTABLISHED\nserver accept\n";
        QTest::addRow("SYN queue full, no cookies: dropped")
            << "set tcp_syncookies 0\nserver listen backlog=1\nclient connect\nclient deliver\nclient2 connect\n"
               "client2 deliver\nexpect server queue syn=1 accept=0\nexpect server.client2 sent nothing\n"
               "expect server counter ListenDrops=1\nserver accept\n";
        QTest::addRow("data before accept() waits unread, accept() reads it")
            << "server listen\nclient connect\nsettle\nclient send \"hi\"\nclient deliver\n"
               "expect server.client unread 2\nexpect server.client sent ACK\nexpect server fd 4 free\n"
               "server accept\nexpect server.client unread 0\nexpect server fd 4 client\n";
        QTest::addRow("a FIN before accept() waits too; accept() reads data and end")
            << "server listen\nclient2 connect\nsettle\nclient2 send \"ab\"\nclient2 close\nsettle\n"
               "expect server.client2 unread 2\nexpect server.client2 CLOSE-WAIT\nserver accept\n"
               "expect server.client2 unread 0\nserver.client2 close\nsettle\nexpect server fd 4 free\n";
        QTest::addRow("closing the listener resets its queue")
            << "server listen\nclient connect\nsettle\nserver.listener close\nexpect server.listener CLOSED\n"
               "expect server sent RST\nserver deliver\nexpect client CLOSED\nserver accept\n";
    }
    void rules()
    {
        QFETCH(QString, script);
        const Outcome outcome = run(script);
        QVERIFY2(outcome.result.status == ScriptRunner::Status::Finished, outcome.result.message.c_str());
    }

    // accept() returns the connection first, then recv() what waited for it, then its end.
    void unreadData_returnsAfterAccept_inOrder()
    {
        const Outcome outcome = run(QStringLiteral("server listen\nclient2 connect\nsettle\nclient2 send \"ab\"\n"
                                                   "client2 close\nsettle\nserver accept\n"));
        QVERIFY2(outcome.result.status == ScriptRunner::Status::Finished, outcome.result.message.c_str());
        std::vector<std::pair<Rule, std::string>> serverReturns;
        for (const Event &event : outcome.events) {
            if (event.kind == EventKind::Return && event.host == serverHost)
                serverReturns.emplace_back(event.rule, event.text);
        }
        const std::vector<std::pair<Rule, std::string>> expected = {
            {Rule::AcceptReturned, ""}, {Rule::DataReceived, "ab"}, {Rule::EndOfStream, ""}};
        QCOMPARE(serverReturns, expected);
        const auto read = std::find_if(outcome.events.begin(), outcome.events.end(), [](const Event &event) {
            return event.kind == EventKind::Return && event.rule == Rule::DataReceived && event.host == serverHost;
        });
        QCOMPARE(read->fd, 4);
        QCOMPARE(read->call, Call::Recv);
    }

    // Lessons with neither socket calls nor clientN read at arrival, as they always did, even
    // before their `accept`.
    void twoEndpointLessons_readAtArrival()
    {
        ScriptRunner runner(parsed("server listen\nclient connect\nsettle\nclient send \"hi\"\nsettle\nserver accept\n"));
        QCOMPARE(runner.runToEnd().status, ScriptRunner::Status::Finished);
        const std::vector<Event> events = runner.takeEvents();
        const auto read = std::find_if(events.begin(), events.end(), [](const Event &event) {
            return event.kind == EventKind::Return && event.rule == Rule::DataReceived;
        });
        const auto accepted = std::find_if(events.begin(), events.end(), [](const Event &event) {
            return event.kind == EventKind::Return && event.rule == Rule::AcceptReturned;
        });
        QVERIFY(read != events.end() && accepted != events.end());
        QVERIFY(read < accepted);
        QCOMPARE(runner.simulation().unreadBytes(Side::Server), std::size_t(0));
    }

    // tcp_max_syn_backlog (TCP-FACTS "The listen queues"): with SYN cookies off, a SYN is dropped
    // when fewer than a quarter of it is left (Linux tcp_conn_request: max_syn_backlog - len <
    // max_syn_backlog >> 2); with cookies on it has no effect. The SYN queue's own limit (the
    // backlog, 9 here) is never reached.
    void maxSynBacklog_data()
    {
        QTest::addColumn<int>("maxSynBacklog");
        QTest::addColumn<bool>("cookies");
        QTest::addColumn<int>("synQueue");
        QTest::addColumn<int>("drops");
        QTest::addRow("4 without cookies: 4 - 4 < 1 drops the fifth") << 4 << false << 4 << 5;
        QTest::addRow("8 without cookies: 8 - 7 < 2 drops the eighth") << 8 << false << 7 << 2;
        QTest::addRow("12 without cookies: never short") << 12 << false << 9 << 0;
        QTest::addRow("4 with cookies: no effect") << 4 << true << 9 << 0;
        QTest::addRow("1 without cookies: 1 >> 2 = 0, 1 - 2 < 0 drops the third") << 1 << false << 2 << 7;
    }
    void maxSynBacklog()
    {
        QFETCH(int, maxSynBacklog);
        QFETCH(bool, cookies);
        QFETCH(int, synQueue);
        QFETCH(int, drops);
        QString script = QStringLiteral("set tcp_max_syn_backlog %1\nset tcp_syncookies %2\nserver listen backlog=10\n")
                             .arg(maxSynBacklog)
                             .arg(cookies ? 1 : 0);
        for (int client = 1; client <= 9; ++client) {
            const QString name = client == 1 ? QStringLiteral("client") : QStringLiteral("client%1").arg(client);
            script += name + QStringLiteral(" connect\n") + name + QStringLiteral(" deliver\n");
        }
        script += QStringLiteral("expect server queue syn=%1 accept=0\nexpect server counter ListenDrops=%2\n"
                                 "expect server counter ListenOverflows=0\nexpect server counter SyncookiesSent=0\n")
                      .arg(synQueue)
                      .arg(drops);
        if (drops > 0)
            script += QStringLiteral("expect server.client9 sent nothing\nexpect client9 SYN-SENT\n");
        const Outcome outcome = run(script);
        QVERIFY2(outcome.result.status == ScriptRunner::Status::Finished, outcome.result.message.c_str());
        QCOMPARE(hasRule(outcome.events, EventKind::Queue, Rule::SynBacklogDropped), drops > 0);
    }

    // The earliest pending timer of any socket, named as a script names it (issue 11 item 5):
    // client's SYN is lost at 0 s and again at 1 s (next due at 3 s); client2's at 1 s (due at 2 s).
    void earliestTimer_acrossHosts()
    {
        ScriptRunner runner(parsed("server listen\nclient connect\nclient drop\nclient timeout\nclient drop\n"
                                   "client2 connect\nclient2 drop\n"));
        QCOMPARE(runner.runToEnd().status, ScriptRunner::Status::Finished);
        const Simulation &sim = runner.simulation();
        QCOMPARE(sim.nextTimer(Side::Client), std::optional<std::uint64_t>(3000));
        const auto earliest = sim.earliestTimer();
        QVERIFY(earliest);
        QCOMPARE(earliest->socket, SocketName::mainOf(2));
        QCOMPARE(earliest->deadline, std::uint64_t(2000));
        QVERIFY(!sim.oldestSender());
    }

    // The client's final ACK is lost: only the server's SYN,ACK timer is pending. A server
    // connection's timer is named server.clientN; the two-sided name when it is `server`'s.
    void earliestTimer_namesServerConnections()
    {
        ScriptRunner runner(parsed("server listen\nclient2 connect\nclient2 deliver\nserver.client2 deliver\nclient2 drop\n"));
        QCOMPARE(runner.runToEnd().status, ScriptRunner::Status::Finished);
        auto earliest = runner.simulation().earliestTimer();
        QVERIFY(earliest);
        QCOMPARE(earliest->socket, SocketName::connectionTo(serverHost, 2));
        ScriptRunner twoSided(parsed("server listen\nclient connect\nclient deliver\nserver deliver\nclient drop\n"));
        QCOMPARE(twoSided.runToEnd().status, ScriptRunner::Status::Finished);
        earliest = twoSided.simulation().earliestTimer();
        QVERIFY(earliest);
        QCOMPARE(earliest->socket, SocketName(Side::Server));
    }

    // `server socket` makes the socket the following calls use, with its descriptor.
    void explicitSocket_isTheOneBoundAndListening()
    {
        const Outcome outcome = run(QStringLiteral("server socket\nexpect server fd 3 socket\nserver bind 3267\n"
                                                   "server listen\nexpect server fd 3 listener\nexpect server fd 4 free\n"));
        QVERIFY2(outcome.result.status == ScriptRunner::Status::Finished, outcome.result.message.c_str());
        QCOMPARE(std::count_if(outcome.events.begin(), outcome.events.end(),
                               [](const Event &event) { return event.call == Call::Socket; }),
                 1);
    }

    void bind_addressInUse_data()
    {
        QTest::addColumn<bool>("oldReuse");
        QTest::addColumn<bool>("newReuse");
        QTest::addColumn<bool>("inUse");
        QTest::addRow("neither socket") << false << false << true;
        QTest::addRow("only the new socket (Linux: not enough)") << false << true << true;
        QTest::addRow("only the old socket") << true << false << true;
        QTest::addRow("both sockets") << true << true << false;
    }
    void bind_addressInUse()
    {
        QFETCH(bool, oldReuse);
        QFETCH(bool, newReuse);
        QFETCH(bool, inUse);
        const Outcome outcome = run(restart(oldReuse, newReuse));
        QVERIFY2(outcome.result.status == ScriptRunner::Status::Finished, outcome.result.message.c_str());
        QCOMPARE(hasRule(outcome.events, EventKind::Error, Rule::BindAddressInUse), inUse);
        const auto lastBind = std::find_if(outcome.events.rbegin(), outcome.events.rend(), [](const Event &event) {
            return event.kind == EventKind::Call && event.call == Call::Bind;
        });
        QVERIFY(lastBind != outcome.events.rend());
        QCOMPARE(lastBind->rule, inUse ? Rule::BindAddressInUse : Rule::BindPort);
    }

    void bind_whileListening_inUse()
    {
        const Outcome outcome = run(QStringLiteral("server setsockopt SO_REUSEADDR\nserver listen\nserver socket\n"
                                                   "server setsockopt SO_REUSEADDR\nserver bind 3267\n"));
        QVERIFY(hasRule(outcome.events, EventKind::Error, Rule::BindAddressInUse));
    }

    void twoEndpointLessons_recordNoSocketDetail()
    {
        const Outcome outcome = run(QStringLiteral("server listen\nclient connect\nsettle\nserver accept\n"));
        QVERIFY(std::none_of(outcome.events.begin(), outcome.events.end(), [](const Event &event) {
            return event.kind == EventKind::Queue || event.call == Call::Socket || event.call == Call::Bind;
        }));
        QCOMPARE(outcome.events.front().call, Call::Listen);
    }

    void queueEvents_andDescriptors_onTheLog()
    {
        const Outcome outcome = run(QStringLiteral("server listen backlog=3\nclient connect\nsettle\nserver accept\n"));
        std::vector<std::pair<int, int>> queues;
        for (const Event &event : outcome.events) {
            if (event.kind == EventKind::Queue)
                queues.emplace_back(event.synQueue, event.acceptQueue);
        }
        QCOMPARE(queues, (std::vector<std::pair<int, int>>{{1, 0}, {0, 1}, {0, 0}}));
        const auto accepted = std::find_if(outcome.events.begin(), outcome.events.end(), [](const Event &event) {
            return event.kind == EventKind::Return && event.call == Call::Accept;
        });
        QVERIFY(accepted != outcome.events.end());
        QCOMPARE(accepted->fd, 4);
        QCOMPARE(accepted->host, serverHost);
        QCOMPARE(accepted->peer, firstClientHost);
        QCOMPARE(outcome.events.front().call, Call::Socket);
        QCOMPARE(outcome.events.front().fd, 3);
    }

    void segments_carryTheirFourTuple()
    {
        ScriptRunner runner(parsed("server listen\nclient2 connect\nsettle\n"));
        runner.runToEnd();
        for (const Event &event : runner.takeEvents()) {
            if (event.kind != EventKind::Send)
                continue;
            QCOMPARE(event.segment->clientHost, HostId(2));
            QCOMPARE(event.segment->clientPort, std::uint16_t(50001)); // 49999 + N
            QCOMPARE(event.segment->serverPort, std::uint16_t(3267));
        }
    }
};

QTEST_APPLESS_MAIN(TestListenQueue)
#include "tst_listenqueue.moc"
