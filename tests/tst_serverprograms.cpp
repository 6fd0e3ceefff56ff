// SPDX-License-Identifier: GPL-3.0-or-later
// The seed notes' servers as programs (issue 11 §1, `server run DESIGN`): each design's call
// sequence on the server, data waiting unread in a queued connection, and the form's errors.
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

// The server's calls and returns after `server run`, one word each: "accept" a call,
// "accept=4" its return (the descriptor), "recv"/"recv(thread 2)", "recv=hi", "recv=0",
// "send", "close"; the queue and socket() calls of listen() are left out.
QString serverCalls(const std::vector<Event> &events)
{
    QStringList words;
    bool running = false;
    for (const Event &event : events) {
        if (event.host != serverHost)
            continue;
        if (event.kind == EventKind::Call && (event.call == Call::Accept || event.call == Call::EpollWait))
            running = true;
        if (!running || (event.kind != EventKind::Call && event.kind != EventKind::Return))
            continue;
        QString word = QString::fromLatin1(callName(event.call).data(), qsizetype(callName(event.call).size()));
        if (event.kind == EventKind::Call && event.call == Call::Recv) {
            const QString text = QString::fromStdString(event.text);
            const qsizetype lane = text.indexOf(QStringLiteral("thread"));
            if (lane >= 0)
                word += u'(' + text.mid(lane) + u')';
        } else if (event.kind == EventKind::Return && event.call == Call::EpollWait) {
            word += QStringLiteral("=[") + QString::fromStdString(event.text) + u']';
        } else if (event.kind == EventKind::Return && event.call == Call::Accept) {
            word += u'=' + QString::number(event.fd);
        } else if (event.kind == EventKind::Return && event.call == Call::Recv) {
            word += u'=' + (event.text.empty() ? QStringLiteral("0") : QString::fromStdString(event.text));
        }
        words.append(word);
    }
    return words.join(u' ');
}

// Two clients connect and send; the first leaves, then the second.
const char *const twoClients = R"(server listen
server run DESIGN
client connect
settle
client2 connect
settle
client2 send "b"
settle
client send "a"
settle
client close
settle
client2 close
settle
)";

} // namespace

class TestServerPrograms : public QObject {
    Q_OBJECT
private slots:
    void design_callSequence_data()
    {
        QTest::addColumn<QString>("design");
        QTest::addColumn<QString>("expected");
        // One client at a time: client2's "b" is read only after client has left.
        QTest::newRow("blocking-echo")
            << QStringLiteral("blocking-echo")
            << QStringLiteral("accept accept=4 recv recv=a send recv recv=0 close "
                              "accept accept=4 recv recv=b send recv recv=0 close accept");
        // A thread per connection: client2 is answered at once, each lane its own recv loop.
        QTest::newRow("thread-echo")
            << QStringLiteral("thread-echo")
            << QStringLiteral("accept accept=4 recv(thread 2) accept accept=5 recv(thread 3) accept "
                              "recv=b send recv(thread 3) recv=a send recv(thread 2) recv=0 close "
                              "recv=0 close");
        // One thread: epoll_wait names the ready descriptors, then accept or recv on each.
        QTest::newRow("epoll-echo")
            << QStringLiteral("epoll-echo")
            << QStringLiteral("epoll_wait epoll_wait=[fd 3] accept accept=4 epoll_wait epoll_wait=[fd 3] accept "
                              "accept=5 epoll_wait epoll_wait=[fd 5] recv recv=b send epoll_wait epoll_wait=[fd 4] "
                              "recv recv=a send epoll_wait epoll_wait=[fd 4] recv recv=0 close epoll_wait "
                              "epoll_wait=[fd 5] recv recv=0 close epoll_wait");
    }
    void design_callSequence()
    {
        QFETCH(QString, design);
        QFETCH(QString, expected);
        ScriptRunner runner(parsed(QString::fromLatin1(twoClients).replace(QStringLiteral("DESIGN"), design).toStdString()));
        QCOMPARE(runner.runToEnd().status, ScriptRunner::Status::Finished);
        QCOMPARE(serverCalls(runner.takeEvents()), expected);
        QVERIFY(runner.simulation().serverProgram().has_value());
    }

    void queuedConnection_dataWaitsUnread()
    {
        ScriptRunner runner(parsed(R"(server listen
server run blocking-echo
client connect
settle
client2 connect
settle
client2 send "waiting"
settle
expect server queue accept=1
expect server.client2 ESTABLISHED
)"));
        QCOMPARE(runner.runToEnd().status, ScriptRunner::Status::Finished);
        const std::vector<Event> events = runner.takeEvents();
        const bool returned = std::any_of(events.begin(), events.end(), [](const Event &event) {
            return event.kind == EventKind::Return && event.call == Call::Recv && event.host == serverHost;
        });
        QVERIFY2(!returned, "a connection in the accept queue must not return data to recv()");
        const Socket *queued = runner.simulation().socketNamed(SocketName::connectionTo(serverHost, 2));
        QVERIFY(queued);
        QCOMPARE(queued->endpoint.received().str(), std::string("waiting")); // acknowledged, in the buffer
        QCOMPARE(queued->bytesRead, std::size_t(0));
        QCOMPARE(queued->fd, -1);
    }

    void runBeforeListen_waitsForTheListener()
    {
        ScriptRunner runner(parsed("server run blocking-echo\nserver listen\nclient connect\nsettle\n"
                                   "expect server fd 4 client\n"));
        QCOMPARE(runner.runToEnd().status, ScriptRunner::Status::Finished);
    }

    void form_roundTrips()
    {
        const Lesson lesson = parsed("server listen\nserver run thread-echo\n");
        QCOMPARE(lesson.commands[1].verb, Verb::Run);
        QCOMPARE(lesson.commands[1].toScriptLine(), std::string("server run thread-echo"));
        QVERIFY(lesson.runsServerProgram());
        QVERIFY(lesson.hasAccept()); // no auto-accept: the program accepts
        QVERIFY(lesson.usesSockets());
    }

    void form_errors_data()
    {
        QTest::addColumn<QString>("script");
        QTest::addColumn<QString>("error");
        QTest::newRow("unknown design") << QStringLiteral("server run forking-echo")
                                        << QStringLiteral("t.tcp:1:12: unknown server design 'forking-echo' (blocking-echo, thread-echo, epoll-echo)");
        QTest::newRow("no design") << QStringLiteral("server run")
                                   << QStringLiteral("t.tcp:1:12: missing server design (blocking-echo, thread-echo, epoll-echo)");
        QTest::newRow("client") << QStringLiteral("client run blocking-echo")
                                << QStringLiteral("t.tcp:1:1: only the server runs a program (server run DESIGN)");
        QTest::newRow("server.client2") << QStringLiteral("server.client2 run blocking-echo")
                                        << QStringLiteral("t.tcp:1:1: only the server runs a program (server run DESIGN)");
        QTest::newRow("trailing") << QStringLiteral("server run blocking-echo now")
                                  << QStringLiteral("t.tcp:1:26: unexpected 'now' at the end of the command");
    }
    void form_errors()
    {
        QFETCH(QString, script);
        QFETCH(QString, error);
        QCOMPARE(errorOf(script.toStdString()), error);
    }
};

QTEST_GUILESS_MAIN(TestServerPrograms)
#include "tst_serverprograms.moc"
