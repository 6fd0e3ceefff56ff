// SPDX-License-Identifier: GPL-3.0-or-later
// The Sockets view's data (core/session SocketsSnapshot), step by step through the queue lessons:
// the listener's queues slot by slot, what they refused, the counters and every process's
// descriptor table, the same after Back as on the way forward; and the free-mode actions
// (SocketActions) run through the lesson controller.
#include "tcpsim/session/lessoncontroller.h"
#include "tcpsim/session/lessonlibrary.h"
#include "tcpsim/session/socketactions.h"
#include "tcpsim/session/socketsnapshot.h"

#include <QTest>

#include <algorithm>

using namespace tcpsim;

class TestSocketSnapshot : public QObject
{
    Q_OBJECT

private slots:
    void queueLessons_stepByStep_data();
    void queueLessons_stepByStep();
    void queueLessons_everyStep_data();
    void queueLessons_everyStep();
    void queueLessons_backGivesTheSameSnapshots_data();
    void queueLessons_backGivesTheSameSnapshots();
    void refusal_namesTheClientAndTheFullQueue();
    void changedRows_areThoseTheStepTouched();
    void selectedSocket_stateAndWhereItCameFrom();
    void freeMode_addTwoClients_acceptGivesFd4Then5_backIsExact();
    void freeMode_removeClient_abortsAndReleasesItsDescriptor();
    void freeMode_backlogAndDesign_areScriptLines();
    void freeMode_stepDeliversEveryClientsSegments();
    void lessonShowsSockets_onlyForManySocketLessons();
};

namespace {
Lesson builtIn(const char *name)
{
    auto loaded = LessonLibrary::load(QString::fromLatin1(name));
    if (auto *error = std::get_if<ScriptError>(&loaded))
        qFatal("%s", error->toString().c_str());
    return std::get<Lesson>(loaded);
}

QString fromView(std::string_view view)
{
    return QString::fromUtf8(view.data(), qsizetype(view.size()));
}

QString clients(const std::vector<SocketsSnapshot::QueueSlot> &queue)
{
    QStringList names;
    for (const auto &slot : queue)
        names.append(QString::fromStdString(hostName(slot.client)));
    return names.join(QLatin1Char(','));
}

// "3=listener 4=client2" for the host's descriptors above the standard streams.
QString descriptors(const SocketsSnapshot &snapshot, HostId host)
{
    QStringList rows;
    const SocketsSnapshot::Process *process = snapshot.process(host);
    if (!process)
        return QStringLiteral("-");
    for (const auto &row : process->descriptors) {
        if (row.kind == SocketsSnapshot::Descriptor::Kind::StandardStream)
            continue;
        const QString what = row.kind == SocketsSnapshot::Descriptor::Kind::Listener ? QStringLiteral("listener")
            : row.peer == noHost ? QStringLiteral("socket")
                                 : QString::fromStdString(hostName(row.peer));
        rows.append(QStringLiteral("%1=%2").arg(row.fd).arg(what));
    }
    return rows.join(QLatin1Char(' '));
}

QString refusals(const SocketsSnapshot &snapshot)
{
    QStringList texts;
    for (const auto &refusal : snapshot.refusals)
        texts.append(QStringLiteral("%1:%2").arg(QString::fromStdString(hostName(refusal.client)),
                                                  fromView(ruleName(refusal.rule))));
    return texts.join(QLatin1Char(','));
}

// Everything the view draws, as one line.
QString describe(const SocketsSnapshot &snapshot)
{
    QString text;
    if (snapshot.listener) {
        const auto &listener = *snapshot.listener;
        text += QStringLiteral("listener fd %1 backlog %2 slots %3/%4 syn=[%5] accept=[%6] blocked %7; ")
                    .arg(listener.fd)
                    .arg(listener.backlog)
                    .arg(listener.synCapacity)
                    .arg(listener.acceptCapacity)
                    .arg(clients(listener.synQueue), clients(listener.acceptQueue))
                    .arg(listener.blockedAccepts);
    }
    text += QStringLiteral("overflows %1 drops %2 cookies %3 somaxconn %4; refused [%5]; ")
                .arg(snapshot.counters.listenOverflows)
                .arg(snapshot.counters.listenDrops)
                .arg(snapshot.counters.synCookiesSent)
                .arg(snapshot.somaxconn)
                .arg(refusals(snapshot));
    for (const auto &process : snapshot.processes) {
        text += QString::fromStdString(hostName(process.host)) + QLatin1Char(':');
        for (const auto &row : process.descriptors)
            text += QStringLiteral(" %1/%2/%3%4")
                        .arg(row.fd)
                        .arg(row.socket)
                        .arg(fromView(stateName(row.state)))
                        .arg(row.changed ? QStringLiteral("*") : QString());
        text += QStringLiteral("; ");
    }
    return text;
}
} // namespace

void TestSocketSnapshot::queueLessons_stepByStep_data()
{
    QTest::addColumn<QString>("lesson");
    QTest::addColumn<int>("step");
    QTest::addColumn<QString>("synQueue");
    QTest::addColumn<QString>("acceptQueue");
    QTest::addColumn<QString>("serverFds");
    QTest::addColumn<int>("overflows");
    QTest::addColumn<int>("drops");
    QTest::addColumn<QString>("refused");

    // accept-queue: listen(5), three handshakes nobody accepts, then accept() x 3, one that blocks.
    QTest::newRow("accept-queue listen") << "accept-queue" << 1 << "" << "" << "3=listener" << 0 << 0 << "";
    QTest::newRow("accept-queue two SYNs") << "accept-queue" << 6 << "client,client2" << "" << "3=listener" << 0 << 0 << "";
    QTest::newRow("accept-queue first final ACK") << "accept-queue" << 11 << "client2,client3" << "client"
                                                  << "3=listener" << 0 << 0 << "";
    QTest::newRow("accept-queue all established") << "accept-queue" << 13 << "" << "client,client2,client3"
                                                  << "3=listener" << 0 << 0 << "";
    QTest::newRow("accept-queue first accept") << "accept-queue" << 14 << "" << "client2,client3"
                                               << "3=listener 4=client" << 0 << 0 << "";
    QTest::newRow("accept-queue three accepts") << "accept-queue" << 16 << "" << ""
                                                << "3=listener 4=client 5=client2 6=client3" << 0 << 0 << "";
    QTest::newRow("accept-queue blocked accept returns") << "accept-queue" << 21 << "" << ""
                                                         << "3=listener 4=client 5=client2 6=client3 7=client4" << 0
                                                         << 0 << "";

    // backlog-overflow: listen(1), nobody accepts; backlog 1 holds 2.
    QTest::newRow("overflow first established") << "backlog-overflow" << 5 << "" << "client" << "3=listener" << 0 << 0 << "";
    QTest::newRow("overflow SYN queue full") << "backlog-overflow" << 7 << "client2" << "client" << "3=listener" << 0 << 0 << "";
    QTest::newRow("overflow cookie") << "backlog-overflow" << 9 << "client2" << "client" << "3=listener" << 0 << 0
                                     << "client3:SynQueueCookie";
    QTest::newRow("overflow cookie ACK") << "backlog-overflow" << 11 << "client2" << "client,client3" << "3=listener"
                                         << 0 << 0 << "";
    QTest::newRow("overflow final ACK ignored") << "backlog-overflow" << 13 << "client2" << "client,client3"
                                                << "3=listener" << 1 << 1 << "client2:AcceptQueueAckIgnored";
    QTest::newRow("overflow SYN dropped") << "backlog-overflow" << 15 << "client2" << "client,client3" << "3=listener"
                                          << 2 << 2 << "client4:AcceptQueueSynDropped";
    QTest::newRow("overflow retried SYN dropped") << "backlog-overflow" << 20 << "client2" << "client,client3"
                                                  << "3=listener" << 4 << 4 << "client4:AcceptQueueSynDropped";
    QTest::newRow("overflow accept frees a place") << "backlog-overflow" << 21 << "client2" << "client3"
                                                   << "3=listener 4=client" << 4 << 4 << "";
    QTest::newRow("overflow retry gets in") << "backlog-overflow" << 24 << "" << "client3,client2"
                                            << "3=listener 4=client" << 4 << 4 << "";
}

void TestSocketSnapshot::queueLessons_stepByStep()
{
    QFETCH(QString, lesson);
    QFETCH(int, step);
    QFETCH(QString, synQueue);
    QFETCH(QString, acceptQueue);
    QFETCH(QString, serverFds);
    QFETCH(int, overflows);
    QFETCH(int, drops);
    QFETCH(QString, refused);

    LessonController controller;
    controller.setLesson(builtIn(lesson.toLatin1().constData()));
    controller.goToStep(step);
    QCOMPARE(controller.currentStep(), step);
    const SocketsSnapshot snapshot = SocketsSnapshot::of(controller);
    QVERIFY(snapshot.listener);
    QCOMPARE(clients(snapshot.listener->synQueue), synQueue);
    QCOMPARE(clients(snapshot.listener->acceptQueue), acceptQueue);
    QCOMPARE(descriptors(snapshot, serverHost), serverFds);
    QCOMPARE(int(snapshot.counters.listenOverflows), overflows);
    QCOMPARE(int(snapshot.counters.listenDrops), drops);
    QCOMPARE(refusals(snapshot), refused);
    // The slots drawn: Linux's "backlog N holds N + 1", the SYN queue full at N.
    const int backlog = lesson == QLatin1String("accept-queue") ? 5 : 1;
    QCOMPARE(snapshot.listener->backlog, backlog);
    QCOMPARE(snapshot.listener->acceptCapacity, backlog + 1);
    QCOMPARE(snapshot.listener->synCapacity, backlog);
    QCOMPARE(snapshot.somaxconn, 4096);
    // Every queued connection is ESTABLISHED in the accept queue and SYN-RECEIVED in the SYN queue.
    for (const auto &slot : snapshot.listener->acceptQueue)
        QCOMPARE(slot.state, TcpState::Established);
    for (const auto &slot : snapshot.listener->synQueue)
        QCOMPARE(slot.state, TcpState::SynReceived);
    // Each client that connected holds its socket as descriptor 3.
    for (const auto &process : snapshot.processes) {
        if (process.host == serverHost)
            continue;
        const auto *row = snapshot.descriptor(process.host, 3);
        QVERIFY(row);
        QCOMPARE(row->peer, serverHost);
        QCOMPARE(row->peerPort, std::uint16_t(3267));
    }
}

void TestSocketSnapshot::queueLessons_everyStep_data()
{
    // After each step 1..N: the SYN queue's and the accept queue's lengths, the server's
    // descriptors above 2, ListenOverflows (one character per step).
    QTest::addColumn<QString>("lesson");
    QTest::addColumn<QString>("syn");
    QTest::addColumn<QString>("accept");
    QTest::addColumn<QString>("descriptors");
    QTest::addColumn<QString>("overflows");
    QTest::newRow("accept-queue") << "accept-queue"
                                  << "000012333321000000110"
                                  << "000000000012321000000"
                                  << "111111111111123444445"
                                  << "000000000000000000000";
    QTest::newRow("backlog-overflow") << "backlog-overflow"
                                      << "001100111111111111111110"
                                      << "000011111122222222221112"
                                      << "111111111111111111112222"
                                      << "000000000000112223344444";
}

void TestSocketSnapshot::queueLessons_everyStep()
{
    QFETCH(QString, lesson);
    QFETCH(QString, syn);
    QFETCH(QString, accept);
    QFETCH(QString, descriptors);
    QFETCH(QString, overflows);
    LessonController controller;
    controller.setLesson(builtIn(lesson.toLatin1().constData()));
    QCOMPARE(controller.stepCount(), int(syn.size()));
    QString gotSyn, gotAccept, gotDescriptors, gotOverflows;
    const auto row = [&] {
        const SocketsSnapshot snapshot = SocketsSnapshot::of(controller);
        gotSyn += QString::number(snapshot.listener->synQueue.size());
        gotAccept += QString::number(snapshot.listener->acceptQueue.size());
        gotDescriptors += QString::number(snapshot.process(serverHost)->descriptors.size() - 3);
        gotOverflows += QString::number(snapshot.counters.listenOverflows);
    };
    while (!controller.isAtLessonEnd()) {
        controller.stepForward();
        row();
    }
    QCOMPARE(gotSyn, syn);
    QCOMPARE(gotAccept, accept);
    QCOMPARE(gotDescriptors, descriptors);
    QCOMPARE(gotOverflows, overflows);
    // And backwards, step by step (each Back restores the step before exactly).
    gotSyn.clear();
    gotAccept.clear();
    gotDescriptors.clear();
    gotOverflows.clear();
    while (controller.currentStep() > 1) {
        controller.stepBack();
        row();
    }
    std::reverse(gotSyn.begin(), gotSyn.end());
    std::reverse(gotAccept.begin(), gotAccept.end());
    std::reverse(gotDescriptors.begin(), gotDescriptors.end());
    std::reverse(gotOverflows.begin(), gotOverflows.end());
    QCOMPARE(gotSyn, syn.chopped(1));
    QCOMPARE(gotAccept, accept.chopped(1));
    QCOMPARE(gotDescriptors, descriptors.chopped(1));
    QCOMPARE(gotOverflows, overflows.chopped(1));
}

void TestSocketSnapshot::queueLessons_backGivesTheSameSnapshots_data()
{
    QTest::addColumn<QString>("lesson");
    QTest::newRow("accept-queue") << "accept-queue";
    QTest::newRow("backlog-overflow") << "backlog-overflow";
    QTest::newRow("blocking-server") << "blocking-server";
}

void TestSocketSnapshot::queueLessons_backGivesTheSameSnapshots()
{
    QFETCH(QString, lesson);
    LessonController controller;
    controller.setLesson(builtIn(lesson.toLatin1().constData()));
    QStringList forward{describe(SocketsSnapshot::of(controller))};
    while (!controller.isAtLessonEnd()) {
        controller.stepForward();
        forward.append(describe(SocketsSnapshot::of(controller)));
    }
    QVERIFY(forward.size() > 10);
    // Something changes from step to step (the view has something to show).
    QVERIFY(forward.front() != forward.back());
    while (controller.canStepBack()) {
        controller.stepBack();
        QCOMPARE(describe(SocketsSnapshot::of(controller)), forward.at(controller.currentStep()));
    }
}

void TestSocketSnapshot::refusal_namesTheClientAndTheFullQueue()
{
    LessonController controller;
    controller.setLesson(builtIn("backlog-overflow"));
    controller.goToStep(15);
    SocketsSnapshot snapshot = SocketsSnapshot::of(controller);
    QCOMPARE(snapshot.refusals.size(), std::size_t(1));
    QCOMPARE(snapshot.refusals.front().client, HostId(4));
    QVERIFY(snapshot.refusals.front().acceptQueueFull());
    controller.goToStep(9);
    snapshot = SocketsSnapshot::of(controller);
    QCOMPARE(snapshot.refusals.size(), std::size_t(1));
    QVERIFY(!snapshot.refusals.front().acceptQueueFull()); // the SYN queue was full: a cookie
    controller.goToStep(10);
    QVERIFY(SocketsSnapshot::of(controller).refusals.empty());
}

void TestSocketSnapshot::changedRows_areThoseTheStepTouched()
{
    LessonController controller;
    controller.setLesson(builtIn("accept-queue"));
    controller.goToStep(14); // the first accept(): fd 4 is new, the listener's queue changed
    SocketsSnapshot snapshot = SocketsSnapshot::of(controller);
    QVERIFY(snapshot.descriptor(serverHost, 4)->changed);
    QVERIFY(snapshot.descriptor(serverHost, 3)->changed);
    QVERIFY(!snapshot.descriptor(HostId(2), 3)->changed); // client2 did nothing
    QVERIFY(!snapshot.descriptor(serverHost, 0)->changed);
    controller.goToStep(16); // the third accept(), and `expect server ...` checks that change nothing
    snapshot = SocketsSnapshot::of(controller);
    QVERIFY(snapshot.descriptor(serverHost, 6)->changed);
    QVERIFY(!snapshot.descriptor(serverHost, 4)->changed); // `server` names it; the checks only look
    controller.goToStep(18); // client4 connect: only client4's socket
    snapshot = SocketsSnapshot::of(controller);
    QVERIFY(snapshot.descriptor(HostId(4), 3)->changed);
    QVERIFY(!snapshot.descriptor(serverHost, 4)->changed);
    controller.goToStep(0);
    snapshot = SocketsSnapshot::of(controller);
    QVERIFY(snapshot.changedSockets.empty());
    QCOMPARE(snapshot.processes.size(), std::size_t(1)); // the server's table, 0 1 2 only
    QCOMPARE(snapshot.processes.front().descriptors.size(), std::size_t(3));
    QVERIFY(!snapshot.listener);
}

void TestSocketSnapshot::selectedSocket_stateAndWhereItCameFrom()
{
    LessonController controller;
    controller.setLesson(builtIn("backlog-overflow"));
    controller.goToStep(13); // client2 ESTABLISHED, its server connection still SYN-RECEIVED
    const SocketsSnapshot snapshot = SocketsSnapshot::of(controller);
    const auto client2 = socketStateNow(controller.simulation(), snapshot.descriptor(HostId(2), 3)->socket);
    QVERIFY(client2);
    QCOMPARE(client2->side, Side::Client);
    QCOMPARE(client2->state, TcpState::Established);
    QCOMPARE(client2->cameFrom, std::optional<TcpState>(TcpState::SynSent));
    const auto server2 = socketStateNow(controller.simulation(), snapshot.listener->synQueue.front().socket);
    QVERIFY(server2);
    QCOMPARE(server2->side, Side::Server);
    QCOMPARE(server2->state, TcpState::SynReceived);
    QCOMPARE(server2->cameFrom, std::optional<TcpState>(TcpState::Listen));
    QVERIFY(!socketStateNow(controller.simulation(), 999));
}

void TestSocketSnapshot::freeMode_addTwoClients_acceptGivesFd4Then5_backIsExact()
{
    LessonController controller;
    Lesson free;
    free.file = "free-play.tcp";
    controller.setLesson(free);
    controller.perform(SocketActions::listen(std::nullopt));
    const auto first = SocketActions::nextClient(controller.simulation());
    QCOMPARE(first, std::optional<HostId>(firstClientHost));
    controller.perform(SocketActions::connect(*first));
    const auto second = SocketActions::nextClient(controller.simulation());
    QCOMPARE(second, std::optional<HostId>(HostId(2)));
    controller.perform(SocketActions::connect(*second));
    QCOMPARE(SocketActions::nextClient(controller.simulation()), std::optional<HostId>(HostId(3)));
    // Step at the end delivers what is in flight, client2's segments too.
    for (int i = 0; i < 20 && controller.canStepForward(); ++i)
        controller.stepForward();
    QVERIFY(!controller.canStepForward());
    // Without any accept in the lesson the server accepts by itself (as every two-sided lesson).
    SocketsSnapshot snapshot = SocketsSnapshot::of(controller);
    QVERIFY(snapshot.listener->acceptQueue.empty());
    QCOMPARE(descriptors(snapshot, serverHost), QStringLiteral("3=listener 4=client 5=client2"));

    // The first Accept makes the lesson one that accepts by hand: both handshakes now end in the
    // accept queue, and accept() takes the oldest.
    controller.perform(SocketActions::accept());
    snapshot = SocketsSnapshot::of(controller);
    QCOMPARE(descriptors(snapshot, serverHost), QStringLiteral("3=listener 4=client"));
    QCOMPARE(clients(snapshot.listener->acceptQueue), QStringLiteral("client2"));
    const QString afterFirst = describe(snapshot);
    controller.perform(SocketActions::accept());
    snapshot = SocketsSnapshot::of(controller);
    QCOMPARE(descriptors(snapshot, serverHost), QStringLiteral("3=listener 4=client 5=client2"));
    QVERIFY(snapshot.listener->acceptQueue.empty());
    QVERIFY(QString::fromStdString(controller.lesson().toText()).contains(QLatin1String("client2 connect\n")));
    QCOMPARE(QString::fromStdString(controller.lesson().toText()).count(QLatin1String("server accept\n")), 2);

    controller.stepBack();
    QCOMPARE(describe(SocketsSnapshot::of(controller)), afterFirst);
    QCOMPARE(descriptors(SocketsSnapshot::of(controller), serverHost), QStringLiteral("3=listener 4=client"));
}

void TestSocketSnapshot::freeMode_removeClient_abortsAndReleasesItsDescriptor()
{
    LessonController controller;
    controller.setLesson(std::get<Lesson>(parseLesson("server listen\nclient connect\nclient2 connect\nsettle\n"
                                                      "server accept\nserver accept\n",
                                                      "t.tcp")));
    controller.goToStep(controller.stepCount());
    QCOMPARE(descriptors(SocketsSnapshot::of(controller), serverHost), QStringLiteral("3=listener 4=client 5=client2"));
    // Without a selection, the newest client goes; a selected client goes first.
    QCOMPARE(SocketActions::clientToRemove(controller.simulation()), std::optional<HostId>(HostId(2)));
    QCOMPARE(SocketActions::clientToRemove(controller.simulation(), firstClientHost),
             std::optional<HostId>(firstClientHost));
    controller.perform(SocketActions::abort(HostId(2)));
    QCOMPARE(descriptors(SocketsSnapshot::of(controller), HostId(2)), QString());
    QVERIFY(QString::fromStdString(controller.lesson().toText()).endsWith(QLatin1String("client2 abort\n")));
    // The RST reaches the server: its connection with client2 is CLOSED, and fd 5 stays until
    // the server's program calls close() (a reset does not release a descriptor).
    controller.stepForward();
    const SocketsSnapshot snapshot = SocketsSnapshot::of(controller);
    QCOMPARE(descriptors(snapshot, serverHost), QStringLiteral("3=listener 4=client 5=client2"));
    QCOMPARE(snapshot.descriptor(serverHost, 5)->state, TcpState::Closed);
    QVERIFY(snapshot.descriptor(serverHost, 5)->changed);
    QCOMPARE(SocketActions::clientToRemove(controller.simulation()), std::optional<HostId>(firstClientHost));
}

void TestSocketSnapshot::freeMode_backlogAndDesign_areScriptLines()
{
    QCOMPARE(SocketActions::listen(2).toScriptLine(), std::string("server listen backlog=2"));
    QCOMPARE(SocketActions::listen(5).toScriptLine(), std::string("server listen"));
    QCOMPARE(SocketActions::listen(std::nullopt).toScriptLine(), std::string("server listen"));
    QCOMPARE(SocketActions::run(ServerDesign::ThreadEcho).toScriptLine(), std::string("server run thread-echo"));
    QCOMPARE(SocketActions::connect(HostId(3)).toScriptLine(), std::string("client3 connect"));
    QCOMPARE(SocketActions::abort(firstClientHost).toScriptLine(), std::string("client abort"));
    QCOMPARE(SocketActions::accept().toScriptLine(), std::string("server accept"));

    LessonController controller;
    controller.setLesson(Lesson{});
    controller.perform(SocketActions::listen(2));
    QCOMPARE(SocketsSnapshot::of(controller).listener->backlog, 2);
    QCOMPARE(SocketsSnapshot::of(controller).listener->acceptCapacity, 3);
    controller.perform(SocketActions::run(ServerDesign::BlockingEcho));
    QVERIFY(controller.simulation().serverProgram());
    QCOMPARE(controller.simulation().serverProgram()->design, ServerDesign::BlockingEcho);
    // The blocking server's accept() waits on the listener.
    QCOMPARE(SocketsSnapshot::of(controller).listener->blockedAccepts, 1);
}

void TestSocketSnapshot::freeMode_stepDeliversEveryClientsSegments()
{
    // The two-sided Step is unchanged: client first, then the server's answer.
    const Simulation empty;
    QVERIFY(!SocketActions::nextNetworkStep(empty));
    LessonController controller;
    controller.setLesson(std::get<Lesson>(parseLesson("server listen\nclient3 connect\nclient connect\n", "t.tcp")));
    controller.goToStep(controller.stepCount());
    QCOMPARE(SocketActions::nextNetworkStep(controller.simulation())->toScriptLine(), std::string("client3 deliver"));
    controller.stepForward();
    QCOMPARE(SocketActions::nextNetworkStep(controller.simulation())->toScriptLine(), std::string("client deliver"));
    controller.stepForward();
    QCOMPARE(SocketActions::nextNetworkStep(controller.simulation())->toScriptLine(), std::string("server deliver"));
    for (int i = 0; i < 10 && controller.canStepForward(); ++i)
        controller.stepForward();
    QCOMPARE(controller.simulation().endpoint(*parseSocketName("client3")).state(), TcpState::Established);
    QCOMPARE(controller.simulation().endpoint(*parseSocketName("server.client3")).state(), TcpState::Established);
    // A lost SYN: the timer is the next thing, named by its socket.
    controller.setLesson(std::get<Lesson>(parseLesson("server listen\nclient2 connect\nclient2 drop\n", "t.tcp")));
    controller.goToStep(controller.stepCount());
    QCOMPARE(SocketActions::nextNetworkStep(controller.simulation())->toScriptLine(), std::string("client2 timeout"));
}

void TestSocketSnapshot::lessonShowsSockets_onlyForManySocketLessons()
{
    QVERIFY(lessonShowsSockets(builtIn("accept-queue")));
    QVERIFY(lessonShowsSockets(builtIn("backlog-overflow")));
    QVERIFY(lessonShowsSockets(builtIn("blocking-server")));
    QVERIFY(!lessonShowsSockets(builtIn("handshake")));
    QVERIFY(!lessonShowsSockets(builtIn("lost-syn")));
}

QTEST_GUILESS_MAIN(TestSocketSnapshot)
#include "tst_socketsnapshot.moc"
