// SPDX-License-Identifier: GPL-3.0-or-later
// The live pair mirrors a lesson on real loopback sockets: the kernel finishes the handshake
// before accept(), the passive closer stays in CLOSE-WAIT until its close step, the active
// closer's connection is found in TIME-WAIT by its 4-tuple, a connect to a port nobody listens
// on is refused, abort sends a RST, simulation-only steps are reported as such.
#include "tcpsim/live/kerneltable.h"
#include "tcpsim/live/livesession.h"
#include "tcpsim/model/script.h"

#include <QFile>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <algorithm>

using namespace tcpsim;
using namespace tcpsim::live;

namespace {

Lesson lessonFrom(const char *text)
{
    auto parsed = parseLesson(text, "test.tcp");
    if (const auto *error = std::get_if<ScriptError>(&parsed))
        qFatal("%s", error->toString().c_str());
    return std::get<Lesson>(std::move(parsed));
}

const char *const handshakeWithAccept = R"(server listen
client connect
client deliver
server deliver
client deliver
server accept
client close
client deliver
server deliver
server send "still here"
server deliver
client deliver
server close
server deliver
client deliver
)";

} // namespace

class TestLiveSession : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void handshake_observesEstablishedOnBothSides();
    void deferredAccept_kernelEstablishedBeforeAccept();
    void passiveCloser_heldInCloseWaitUntilItsCloseStep();
    void activeClose_timeWaitFoundInKernelTable();
    void connect_toPortNobodyListensOn_isRefused();
    void abort_sendsRstAndLeavesNoTimeWait();
    void simulationOnlySteps_areReportedAsSuch();
    void setSynRetries_isTheLiveClientsSyncnt_otherSysctlsStayTheMachines();
    void rawServerSocket_restartMeetsTheRealAddressInUse();
    void otherClients_eachIsALiveSocketOfItsOwn();
    void outsideConnection_isObservedAsOther();
    void acceptStep_takesOneConnection_outsideClientsWaitInTheQueue();
    void listen_takesTheLessonsBacklog_theKernelsQueueStopsAtIt();
    void acceptStep_returnsTheOldestConnection_anOutsideOneFirst();
    void outsideClientsBytes_neverReachTheTexts();
    void explainDifference_knownCases();
    void droppedSyn_itsRetransmissionIsObserved();
    void plainListen_isTheNotesListen5_theLessonsEndWidensItForTheClass();

private:
    // Runs lesson commands [from, to) on the session.
    void perform(const Lesson &lesson, std::size_t from, std::size_t to);
    // The last kernel observation of an endpoint, observed (not inferred).
    std::optional<Observation> lastKernel(Observation::Endpoint endpoint) const;
    qsizetype indexOf(Observation::Source source, Observation::Endpoint endpoint, const QString &state,
                      bool observedOnly = true) const;
    bool kernelAvailable() const { return m_session->observer()->isAvailable(); }

    LiveSession *m_session = nullptr;
    QList<Observation> m_seen;
};

void TestLiveSession::init()
{
    m_session = new LiveSession(this);
    m_session->setServerPort(0); // never depend on 3267 being free
    m_seen.clear();
    connect(m_session, &LiveSession::observed, this, [this](const Observation &o) { m_seen.append(o); });
}

void TestLiveSession::cleanup()
{
    if (QTest::currentTestFailed()) {
        for (const Observation &o : std::as_const(m_seen))
            qInfo("%s", qPrintable(o.toText()));
    }
    delete m_session;
    m_session = nullptr;
}

void TestLiveSession::perform(const Lesson &lesson, std::size_t from, std::size_t to)
{
    for (std::size_t i = from; i < to && i < lesson.commands.size(); ++i)
        m_session->perform(lesson.commands[i], i);
}

std::optional<Observation> TestLiveSession::lastKernel(Observation::Endpoint endpoint) const
{
    for (qsizetype i = m_seen.size() - 1; i >= 0; --i) {
        const Observation &o = m_seen[i];
        if (o.source == Observation::Source::Kernel && o.endpoint == endpoint)
            return o;
    }
    return std::nullopt;
}

qsizetype TestLiveSession::indexOf(Observation::Source source, Observation::Endpoint endpoint,
                                   const QString &state, bool observedOnly) const
{
    for (qsizetype i = 0; i < m_seen.size(); ++i) {
        const Observation &o = m_seen[i];
        if (o.source == source && o.endpoint == endpoint && o.state == state && (o.observed || !observedOnly))
            return i;
    }
    return -1;
}

void TestLiveSession::handshake_observesEstablishedOnBothSides()
{
    const Lesson lesson = lessonFrom("server listen\nclient connect\nclient deliver\nserver deliver\n"
                                     "client deliver\n");
    m_session->setLesson(lesson);
    QVERIFY(!m_session->isAcceptDeferred()); // no accept step: accepted at once
    perform(lesson, 0, lesson.commands.size());
    QVERIFY(m_session->server()->isListening());
    QVERIFY(m_session->server()->serverAddress().isLoopback());

    using S = Observation::Source;
    using E = Observation::Endpoint;
    QTRY_VERIFY(indexOf(S::Qt, E::Client, QStringLiteral("ConnectedState")) >= 0);
    QTRY_VERIFY(indexOf(S::Qt, E::Server, QStringLiteral("ConnectedState")) >= 0);
    if (!kernelAvailable()) {
        QVERIFY(indexOf(S::Kernel, E::Client, QStringLiteral("ESTABLISHED")) < 0);
        QSKIP("no kernel socket table on this system");
    }
    QTRY_VERIFY(indexOf(S::Kernel, E::Client, QStringLiteral("ESTABLISHED")) >= 0);
    QTRY_VERIFY(indexOf(S::Kernel, E::Server, QStringLiteral("ESTABLISHED")) >= 0);
    QTRY_VERIFY(indexOf(S::Kernel, E::Listener, QStringLiteral("LISTEN")) >= 0);
    QCOMPARE(m_session->kernelState(Side::Client), TcpState::Established);
    QCOMPARE(m_session->kernelState(Side::Server), TcpState::Established);

    // Every kernel observation names its step, its time and its 4-tuple.
    const Observation client = m_seen[indexOf(S::Kernel, E::Client, QStringLiteral("ESTABLISHED"))];
    QCOMPARE(client.tcpState, TcpState::Established);
    QVERIFY(client.step >= 1);
    QCOMPARE(client.tuple, m_session->clientTuple());
    QCOMPARE(client.tuple.remotePort, m_session->server()->serverPort());
    // Exact look-ups bring the kernel's tcp_info: what Linux negotiated, beside the model's.
    if (KernelTable().backend() == KernelTable::Backend::Netlink) {
        QVERIFY2(client.detail.contains(QStringLiteral("negotiated MSS ")), qPrintable(client.detail));
        QVERIFY(client.detail.contains(QStringLiteral("RTO ")));
    }
    // The handshake's first states were too brief to sample: logged as inferred, before.
    const qsizetype synSent = indexOf(S::Kernel, E::Client, QStringLiteral("SYN-SENT"), false);
    if (synSent >= 0 && !m_seen[synSent].observed)
        QVERIFY(synSent < indexOf(S::Kernel, E::Client, QStringLiteral("ESTABLISHED")));
}

void TestLiveSession::deferredAccept_kernelEstablishedBeforeAccept()
{
    if (!kernelAvailable())
        QSKIP("no kernel socket table on this system");
    const Lesson lesson = lessonFrom(handshakeWithAccept);
    m_session->setLesson(lesson);
    QVERIFY(m_session->isAcceptDeferred());
    perform(lesson, 0, 5); // listen, connect, the three deliveries; not accept yet

    using S = Observation::Source;
    using E = Observation::Endpoint;
    QTRY_VERIFY(indexOf(S::Kernel, E::Server, QStringLiteral("ESTABLISHED")) >= 0);
    const Observation queued = m_seen[indexOf(S::Kernel, E::Server, QStringLiteral("ESTABLISHED"))];
    QVERIFY(queued.step < 5);
    QVERIFY(queued.detail.contains(QStringLiteral("accept")));
    QCOMPARE(m_session->server()->connectionCount(), 0); // accept() has not returned
    QVERIFY(indexOf(S::Qt, E::Server, QStringLiteral("ConnectedState")) < 0);
    // The LISTEN row counts it in the accept queue.
    m_session->observer()->sample();
    const auto listener = m_session->observer()->listener(m_session->server()->serverPort());
    QVERIFY(listener.has_value());
    QCOMPARE(listener->rxQueue, 1u);

    perform(lesson, 5, 6); // server accept
    QTRY_VERIFY(indexOf(S::Qt, E::Server, QStringLiteral("ConnectedState")) >= 0);
    const qsizetype accepted = indexOf(S::Qt, E::Server, QStringLiteral("ConnectedState"));
    QVERIFY(accepted > indexOf(S::Kernel, E::Server, QStringLiteral("ESTABLISHED")));
    QCOMPARE(m_seen[accepted].step, 5);
    QVERIFY(m_seen[accepted].descriptor >= 0);
    QVERIFY(m_seen[accepted].descriptor != m_session->server()->listeningDescriptor());
    QCOMPARE(m_session->server()->connectionCount(), 1);
}

void TestLiveSession::passiveCloser_heldInCloseWaitUntilItsCloseStep()
{
    if (!kernelAvailable())
        QSKIP("no kernel socket table on this system");
    const Lesson lesson = lessonFrom(handshakeWithAccept);
    m_session->setLesson(lesson);
    perform(lesson, 0, 6);
    using S = Observation::Source;
    using E = Observation::Endpoint;
    QTRY_VERIFY(indexOf(S::Qt, E::Server, QStringLiteral("ConnectedState")) >= 0);

    perform(lesson, 6, 9); // client close + deliveries
    QTRY_COMPARE(m_session->kernelState(Side::Server), TcpState::CloseWait);
    QTRY_COMPARE(m_session->kernelState(Side::Client), TcpState::FinWait2);
    // Qt read the FIN and closed its own socket, yet the lesson's descriptor keeps the
    // connection in CLOSE-WAIT: however often we look, it stays there.
    QTRY_VERIFY(indexOf(S::Qt, E::Server, QStringLiteral("UnconnectedState")) >= 0);
    const quint64 samples = m_session->observer()->sampleCount();
    QTRY_VERIFY(m_session->observer()->sampleCount() >= samples + 5);
    QCOMPARE(m_session->kernelState(Side::Server), TcpState::CloseWait);
    QCOMPARE(m_session->kernelState(Side::Client), TcpState::FinWait2);

    // Half-close: the server still sends in CLOSE-WAIT, the client still receives in FIN-WAIT-2.
    perform(lesson, 9, 12);
    QTRY_VERIFY(std::any_of(m_seen.cbegin(), m_seen.cend(), [](const Observation &o) {
        return o.endpoint == Observation::Endpoint::Client && o.detail.contains(QStringLiteral("still here"));
    }));
    QCOMPARE(m_session->kernelState(Side::Server), TcpState::CloseWait);

    perform(lesson, 12, 13); // server close: LAST-ACK, then gone
    QTRY_VERIFY(!m_session->kernelState(Side::Server).has_value());
    QTRY_COMPARE(m_session->kernelState(Side::Client), TcpState::TimeWait);
    const qsizetype closed = indexOf(S::Kernel, E::Server, QStringLiteral("CLOSED"), false);
    QVERIFY(closed >= 0);
    QVERIFY(!m_seen[closed].observed);
    QCOMPARE(m_seen[closed].step, 12);
}

void TestLiveSession::activeClose_timeWaitFoundInKernelTable()
{
    if (!kernelAvailable())
        QSKIP("no kernel socket table on this system");
    const Lesson lesson = lessonFrom(handshakeWithAccept);
    m_session->setLesson(lesson);
    perform(lesson, 0, 6);
    QTRY_COMPARE(m_session->server()->connectionCount(), 1);
    perform(lesson, 6, lesson.commands.size());

    using S = Observation::Source;
    using E = Observation::Endpoint;
    QTRY_VERIFY(indexOf(S::Kernel, E::Client, QStringLiteral("TIME-WAIT")) >= 0);
    const Observation timeWait = m_seen[indexOf(S::Kernel, E::Client, QStringLiteral("TIME-WAIT"))];
    QCOMPARE(timeWait.tuple, m_session->clientTuple());
    QCOMPARE(timeWait.tcpState, TcpState::TimeWait);
    // The application holds no descriptor any more; the kernel table still has the 4-tuple.
    QTRY_VERIFY(m_session->client()->isReleased());
    KernelTable table;
    bool found = false;
    for (const KernelSocket &row : table.read()) {
        if (row.tuple == m_session->clientTuple()) {
            found = true;
            QCOMPARE(row.stateCode, linuxcode::TimeWait);
            QCOMPARE(row.inode, 0u);
            QCOMPARE(row.timer, KernelTimer::TimeWait);
            QVERIFY(row.timerExpiresMs > 50000);
        }
    }
    QVERIFY(found);
    // It is still being watched, slowly, until the kernel forgets it.
    QVERIFY(m_session->observer()->isPolling());
    QVERIFY(m_session->hasLiveConnection());
}

void TestLiveSession::connect_toPortNobodyListensOn_isRefused()
{
    const Lesson lesson = lessonFrom("client connect\nclient deliver\nserver deliver\n");
    m_session->setLesson(lesson);
    perform(lesson, 0, lesson.commands.size());
    QTRY_VERIFY(indexOf(Observation::Source::Qt, Observation::Endpoint::Client,
                        QStringLiteral("ConnectionRefusedError")) >= 0);
    QTRY_VERIFY(indexOf(Observation::Source::Qt, Observation::Endpoint::Client,
                        QStringLiteral("UnconnectedState")) >= 0);
    QVERIFY(!m_session->server()->isListening());
    // Qt's error text reaches the user inside a translated sentence, never bare (issue 9 item 9).
    const int error = indexOf(Observation::Source::Qt, Observation::Endpoint::Client,
                              QStringLiteral("ConnectionRefusedError"));
    const QString detail = m_seen.at(error).detail;
    const QString sentence = QStringLiteral("the client socket reported an error: ");
    QVERIFY2(detail.startsWith(sentence) && detail.size() > sentence.size(), qPrintable(detail));
}

void TestLiveSession::abort_sendsRstAndLeavesNoTimeWait()
{
    if (!kernelAvailable())
        QSKIP("no kernel socket table on this system");
    const Lesson lesson = lessonFrom("server listen\nclient connect\nsettle\nclient send \"hi\"\n"
                                     "settle\nclient abort\nsettle\n");
    m_session->setLesson(lesson);
    perform(lesson, 0, 5);
    QTRY_COMPARE(m_session->kernelState(Side::Server), TcpState::Established);
    QTRY_COMPARE(m_session->server()->connectionCount(), 1);
    perform(lesson, 5, 7);
    QTRY_VERIFY(!m_session->kernelState(Side::Client).has_value());
    QTRY_VERIFY(!m_session->kernelState(Side::Server).has_value());
    QVERIFY(indexOf(Observation::Source::Kernel, Observation::Endpoint::Client, QStringLiteral("TIME-WAIT")) < 0);
    // The server read the RST: Qt reports the reset.
    QTRY_VERIFY(indexOf(Observation::Source::Qt, Observation::Endpoint::Server,
                        QStringLiteral("RemoteHostClosedError")) >= 0
                || indexOf(Observation::Source::Qt, Observation::Endpoint::Server,
                           QStringLiteral("UnconnectedState")) >= 0);
    QTRY_VERIFY(!m_session->observer()->isPolling());
}

void TestLiveSession::simulationOnlySteps_areReportedAsSuch()
{
    const Lesson lesson = lessonFrom("client isn 100\nclient drop\nclient timeout\nsettle\n"
                                     "expect client CLOSED\nserver receive SYN seq=1\n");
    for (std::size_t i = 0; i < lesson.commands.size(); ++i) {
        const qsizetype before = m_seen.size();
        m_session->perform(lesson.commands[i], i);
        QVERIFY(m_seen.size() > before);
        const Observation &o = m_seen[before];
        QCOMPARE(o.source, Observation::Source::Note);
        QCOMPARE(o.step, int(i));
        QCOMPARE(o.line, int(i + 1));
        QVERIFY2(o.detail.startsWith(QStringLiteral("simulation only")), qPrintable(o.detail));
    }
    QVERIFY(!m_session->observer()->isPolling()); // nothing live: no timer
}

// `set tcp_syn_retries N` has a per-socket equivalent, TCP_SYNCNT, which the live client gets
// (read back from the kernel); a system-wide sysctl is the machine's, said with its value.
void TestLiveSession::setSynRetries_isTheLiveClientsSyncnt_otherSysctlsStayTheMachines()
{
    const auto machine = [](const char *path) {
        QFile file(QString::fromLatin1(path));
        return file.open(QIODevice::ReadOnly) ? file.readAll().trimmed().toInt() : -1;
    };
    const auto syncnt = [this] {
        int value = -1;
        socklen_t length = sizeof value;
        const int fd = int(m_session->client()->descriptor());
        return ::getsockopt(fd, IPPROTO_TCP, TCP_SYNCNT, &value, &length) == 0 ? value : -1;
    };
    const int machineRetries = machine("/proc/sys/net/ipv4/tcp_syn_retries");
    QVERIFY(machineRetries > 0);
    const int chosen = machineRetries == 2 ? 3 : 2; // not what the kernel would report anyway

    const Lesson lesson = lessonFrom(qPrintable(QStringLiteral("set somaxconn 128\nset tcp_syn_retries %1\n"
                                                               "server listen\nclient connect\n")
                                                    .arg(chosen)));
    m_session->setLesson(lesson);
    perform(lesson, 0, 2);
    QCOMPARE(m_seen.size(), 2);
    QCOMPARE(m_seen[0].source, Observation::Source::Note);
    QCOMPARE(m_seen[0].detail, QStringLiteral("simulation only: somaxconn is the whole machine's setting (here %1) "
                                              "and needs root to change; the live pair keeps it, the model uses 128")
                                   .arg(machine("/proc/sys/net/core/somaxconn")));
    QCOMPARE(m_seen[1].endpoint, Observation::Endpoint::Client);
    QCOMPARE(m_seen[1].state, QStringLiteral("TCP_SYNCNT %1").arg(chosen));
    perform(lesson, 2, 4);
    QVERIFY(m_session->client());
    QCOMPARE(syncnt(), chosen);
    QTRY_VERIFY(indexOf(Observation::Source::Qt, Observation::Endpoint::Client, QStringLiteral("ConnectedState")) >= 0);

    // Reset forgets it: the next lesson's client has the machine's count again.
    m_session->reset();
    m_seen.clear();
    const Lesson plain = lessonFrom("server listen\nclient connect\nset tcp_syn_retries 200\n");
    m_session->setLesson(plain);
    perform(plain, 0, 3);
    QCOMPARE(syncnt(), machineRetries);
    // The step's own note; the lesson's end then notes its wider backlog.
    const auto refused = std::find_if(m_seen.cbegin(), m_seen.cend(), [](const Observation &o) {
        return o.detail.startsWith(QStringLiteral("simulation only: TCP_SYNCNT, the per-socket "
                                                  "tcp_syn_retries, takes 1 to 127, not 200"));
    });
    QVERIFY(refused != m_seen.cend());
    QCOMPARE(refused->step, 2);
}

// The address-in-use lesson's own server socket: no SO_REUSEADDR (QTcpServer::listen() would
// set it), and after the server closed first, a new socket's bind() to the port meets the
// kernel's TIME-WAIT: a real EADDRINUSE, and the next listen() is not called.
void TestLiveSession::rawServerSocket_restartMeetsTheRealAddressInUse()
{
    if (!kernelAvailable())
        QSKIP("no kernel socket table on this system");
    const Lesson lesson = lessonFrom("server socket\nserver bind 3267\nserver listen\nclient connect\nsettle\n"
                                     "server accept\nserver close\nsettle\nclient close\nsettle\n"
                                     "server.listener close\nserver socket\nserver bind 3267\nserver listen\n");
    m_session->setLesson(lesson);
    perform(lesson, 0, 3);
    QVERIFY(m_session->server()->isListening());
    int reuse = -1;
    socklen_t length = sizeof reuse;
    QCOMPARE(::getsockopt(int(m_session->server()->listeningDescriptor()), SOL_SOCKET, SO_REUSEADDR, &reuse, &length), 0);
    QCOMPARE(reuse, 0);
    const quint16 port = m_session->server()->serverPort();
    QVERIFY(port != 0);

    perform(lesson, 3, 6);
    QTRY_VERIFY(m_session->serverConnection());
    perform(lesson, 6, 11);
    QTRY_COMPARE(m_session->kernelState(Side::Server), TcpState::TimeWait);
    QVERIFY(!m_session->server()->isListening());

    const qsizetype before = m_seen.size();
    perform(lesson, 11, 14);
    QStringList notes;
    for (qsizetype i = before; i < m_seen.size(); ++i) {
        if (m_seen[i].source == Observation::Source::Note)
            notes.append(m_seen[i].detail);
    }
    const QString failed = QStringLiteral("bind(127.0.0.1:%1) failed: EADDRINUSE").arg(port);
    QVERIFY2(std::any_of(notes.begin(), notes.end(), [&](const QString &n) { return n.startsWith(failed); }),
             qPrintable(notes.join(QLatin1Char('\n'))));
    QVERIFY2(notes.last().startsWith(QStringLiteral("listen(): not called on the live pair")),
             qPrintable(notes.last()));
    QVERIFY(!m_session->server()->isListening());
}

// client2 connects on a socket of its own; the second accept step takes its connection, which
// the lesson's steps drive (its send reaches client2, client2's FIN leaves it in CLOSE-WAIT:
// not echoed nor closed by the echo server); the first pair stays the first pair.
void TestLiveSession::otherClients_eachIsALiveSocketOfItsOwn()
{
    if (!kernelAvailable())
        QSKIP("no kernel socket table on this system");
    const Lesson lesson = lessonFrom("server listen\nclient connect\nclient2 connect\nsettle\nserver accept\n"
                                     "server accept\nserver.client2 send \"to two\"\nclient2 close\nsettle\n");
    m_session->setLesson(lesson);
    QVERIFY(m_session->isAcceptDeferred());
    perform(lesson, 0, 4);
    const auto seen = [this](Observation::Source source, const QString &name, const QString &state) {
        return std::any_of(m_seen.begin(), m_seen.end(), [&](const Observation &o) {
            return o.source == source && o.name == name && o.state == state && o.observed;
        });
    };
    QTRY_VERIFY(seen(Observation::Source::Kernel, QStringLiteral("client2"), QStringLiteral("ESTABLISHED")));
    QTRY_VERIFY(seen(Observation::Source::Kernel, QStringLiteral("server.client2"), QStringLiteral("ESTABLISHED")));
    QVERIFY(m_session->clientTuple().isValid());
    perform(lesson, 4, 6);
    QTRY_VERIFY(m_session->serverConnection());
    QCOMPARE(m_session->serverConnection()->tuple().remotePort, m_session->clientTuple().localPort);
    QTRY_VERIFY(seen(Observation::Source::Qt, QStringLiteral("server.client2"), QStringLiteral("ConnectedState")));
    perform(lesson, 6, 9);
    QTRY_VERIFY(std::any_of(m_seen.begin(), m_seen.end(), [](const Observation &o) {
        return o.name == QLatin1String("client2") && o.detail == QLatin1String("client2 received 6 byte(s): \"to two\"");
    }));
    QTRY_VERIFY(seen(Observation::Source::Kernel, QStringLiteral("server.client2"), QStringLiteral("CLOSE-WAIT")));
    QTRY_VERIFY(seen(Observation::Source::Kernel, QStringLiteral("client2"), QStringLiteral("FIN-WAIT-2")));
    // The first pair's states are the first pair's only.
    QCOMPARE(m_session->kernelState(Side::Client), TcpState::Established);
}

void TestLiveSession::outsideConnection_isObservedAsOther()
{
    if (!kernelAvailable())
        QSKIP("no kernel socket table on this system");
    const Lesson lesson = lessonFrom("server listen\n");
    m_session->setLesson(lesson);
    perform(lesson, 0, 1);
    QTcpSocket outsider; // like `nc 127.0.0.1 3267`
    outsider.connectToHost(QHostAddress::LocalHost, m_session->server()->serverPort());
    QTRY_COMPARE(m_session->server()->connectionCount(), 1);
    QTRY_VERIFY(indexOf(Observation::Source::Qt, Observation::Endpoint::Other, QStringLiteral("ConnectedState")) >= 0);
    m_session->observer()->sample();
    QTRY_VERIFY(indexOf(Observation::Source::Kernel, Observation::Endpoint::Other, QStringLiteral("ESTABLISHED")) >= 0);
    outsider.write("nc");
    QByteArray answer;
    QTRY_VERIFY((answer += outsider.readAll()).size() >= 9);
    QCOMPARE(answer, QByteArray("Hello, nc"));
}

// Issue 12 item 6: three nc clients connect while the lesson waits before its accept step; the
// accept step is one accept() and takes one connection (the lesson's, the oldest). The others
// stay ESTABLISHED in the kernel's accept queue, their data unread, until the lesson is over.
void TestLiveSession::acceptStep_takesOneConnection_outsideClientsWaitInTheQueue()
{
    if (!kernelAvailable())
        QSKIP("no kernel socket table on this system");
    const Lesson lesson = lessonFrom(handshakeWithAccept);
    m_session->setLesson(lesson);
    perform(lesson, 0, 5); // listen, connect, the handshake's deliveries
    const quint16 port = m_session->server()->serverPort();
    const auto acceptQueue = [this, port] {
        m_session->observer()->sample();
        const auto listener = m_session->observer()->listener(port);
        return listener ? int(listener->rxQueue) : -1;
    };
    QTRY_COMPARE(acceptQueue(), 1); // the lesson's connection
    QTcpSocket outsiders[3];
    for (QTcpSocket &outsider : outsiders) {
        outsider.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(outsider.waitForConnected(5000)); // the kernel completes the handshake
        outsider.write("nc");
    }
    QTRY_COMPARE(acceptQueue(), 4);

    perform(lesson, 5, 6); // server accept
    QTRY_COMPARE(m_session->server()->connectionCount(), 1);
    QTRY_VERIFY(m_session->serverConnection() != nullptr); // the lesson's: it was first
    QCOMPARE(acceptQueue(), 3);
    // Later event-loop passes take nothing more: the others wait for an accept() that does not come.
    QTest::qWait(300);
    QCOMPARE(m_session->server()->connectionCount(), 1);
    QCOMPARE(acceptQueue(), 3);
    for (QTcpSocket &outsider : outsiders)
        QCOMPARE(outsider.bytesAvailable(), 0); // no answer: nobody read their "nc"
    const auto noted = [this](const QString &text) {
        return std::any_of(m_seen.cbegin(), m_seen.cend(),
                           [&text](const Observation &o) { return o.detail.contains(text); });
    };
    QVERIFY(noted(QStringLiteral("takes the oldest of the 4 connections")));

    perform(lesson, 6, lesson.commands.size()); // to the lesson's end: the echo server takes them
    QVERIFY(noted(QStringLiteral("the lesson is over")));
    QTRY_COMPARE(acceptQueue(), 0);
    for (QTcpSocket &outsider : outsiders) {
        QByteArray answer;
        QTRY_VERIFY((answer += outsider.readAll()).size() >= 9);
        QCOMPARE(answer, QByteArray("Hello, nc"));
    }
}

// The accept queue is first come, first served: a class's nc that connected before the lesson's
// client is what the accept step's accept() returns, and the log says so.
// `server listen backlog=2` is the real listen(2): the kernel's LISTEN row says backlog 2 and
// its accept queue stops at 3 (backlog + 1, Linux), the other clients' SYNs go unanswered.
void TestLiveSession::listen_takesTheLessonsBacklog_theKernelsQueueStopsAtIt()
{
    if (!kernelAvailable())
        QSKIP("no kernel socket table on this system");
    QByteArray text(handshakeWithAccept);
    text.replace("server listen\n", "server listen backlog=2\n");
    const Lesson lesson = lessonFrom(text.constData());
    m_session->setLesson(lesson);
    perform(lesson, 0, 1); // listen
    const quint16 port = m_session->server()->serverPort();
    QCOMPARE(m_session->server()->listenBacklogSize(), 2);
    const auto listener = [this, port] {
        m_session->observer()->sample();
        return m_session->observer()->listener(port);
    };
    QTRY_VERIFY(listener().has_value());
    QCOMPARE(listener()->txQueue, 2u); // the kernel's own word for the backlog
    QTcpSocket clients[5];
    for (QTcpSocket &client : clients)
        client.connectToHost(QHostAddress::LocalHost, port);
    QTRY_COMPARE(listener()->rxQueue, 3u);
    QTest::qWait(300);
    QCOMPARE(listener()->rxQueue, 3u);
    const auto established = std::count_if(std::begin(clients), std::end(clients), [](const QTcpSocket &client) {
        return client.state() == QAbstractSocket::ConnectedState;
    });
    QVERIFY2(established <= 3, qPrintable(QString::number(established)));
    // The kernel counted the clients it refused (the machine's counters: at least ours).
    if (!readTcpExtCounters().isEmpty()) {
        const LiveSession::ListenCounters counters = m_session->listenCountersSinceListen();
        QVERIFY(counters.available);
        QVERIFY2(counters.overflows >= 1, qPrintable(QString::number(counters.overflows)));
        QVERIFY(counters.drops >= counters.overflows);
    }
    QVERIFY(std::any_of(m_seen.cbegin(), m_seen.cend(),
                        [](const Observation &o) { return o.detail.contains(QStringLiteral("backlog 2")); }));
}

void TestLiveSession::acceptStep_returnsTheOldestConnection_anOutsideOneFirst()
{
    if (!kernelAvailable())
        QSKIP("no kernel socket table on this system");
    const Lesson lesson = lessonFrom(handshakeWithAccept);
    m_session->setLesson(lesson);
    perform(lesson, 0, 1); // server listen
    const quint16 port = m_session->server()->serverPort();
    QTcpSocket outsider;
    outsider.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(outsider.waitForConnected(5000));
    perform(lesson, 1, 5); // the lesson's client connects after it
    const auto acceptQueue = [this, port] {
        m_session->observer()->sample();
        const auto listener = m_session->observer()->listener(port);
        return listener ? int(listener->rxQueue) : -1;
    };
    QTRY_COMPARE(acceptQueue(), 2);
    perform(lesson, 5, 6); // server accept
    QTRY_COMPARE(m_session->server()->connectionCount(), 1);
    QTest::qWait(100);
    QCOMPARE(m_session->server()->connectionCount(), 1);
    QVERIFY(!m_session->serverConnection()); // the lesson's still waits
    const auto accepted = std::find_if(m_seen.cbegin(), m_seen.cend(), [](const Observation &o) {
        return o.endpoint == Observation::Endpoint::Other && o.detail.contains(QLatin1String("the oldest in the accept queue"));
    });
    QVERIFY(accepted != m_seen.cend());
    QCOMPARE(accepted->step, 5);
    outsider.write("first");
    QByteArray answer;
    QTRY_VERIFY((answer += outsider.readAll()).size() >= 12);
    QCOMPARE(answer, QByteArray("Hello, first")); // accepted: served by the echo server
}

// What a class's client sends is anything (terminal escapes, a right-to-left override, NUL):
// none of it reaches the texts the window's log and live pane show (issue 15 item 5).
void TestLiveSession::outsideClientsBytes_neverReachTheTexts()
{
    const Lesson lesson = lessonFrom("server listen\n");
    m_session->setLesson(lesson);
    perform(lesson, 0, 1);
    QTcpSocket outsider;
    outsider.connectToHost(QHostAddress::LocalHost, m_session->server()->serverPort());
    QVERIFY(outsider.waitForConnected(5000));
    const QByteArray hostile("\x1b]0;pwned\x07\x1b[2J\xe2\x80\xae" "evil\r\n\0\xff", 25);
    outsider.write(hostile);
    QByteArray answer;
    QTRY_VERIFY((answer += outsider.readAll()).size() >= 7 + hostile.size());
    QCOMPARE(answer, QByteArray("Hello, ") + hostile); // answered byte-exactly
    outsider.disconnectFromHost();
    QTRY_VERIFY(indexOf(Observation::Source::Qt, Observation::Endpoint::Other, QStringLiteral("ConnectedState")) >= 0);
    m_session->observer()->sample();
    for (const Observation &observation : std::as_const(m_seen)) {
        for (const QString &text : {observation.state, observation.detail, observation.toText()}) {
            QVERIFY2(!text.contains(QLatin1String("pwned")) && !text.contains(QLatin1String("evil")), qPrintable(text));
            for (QChar c : text) {
                const bool control = c.category() == QChar::Other_Control && c != QLatin1Char('\n');
                QVERIFY2(!control && c.category() != QChar::Other_Format, qPrintable(text));
            }
        }
    }
}

void TestLiveSession::explainDifference_knownCases()
{
    QVERIFY(explainDifference(Side::Client, TcpState::Established, TcpState::Established, Verb::Deliver).isEmpty());
    QVERIFY(explainDifference(Side::Client, TcpState::SynSent, TcpState::Established, Verb::Connect)
                .contains(QStringLiteral("Loopback")));
    QVERIFY(explainDifference(Side::Server, TcpState::SynReceived, TcpState::Established, Verb::Deliver)
                .contains(QStringLiteral("request socket")));
    QVERIFY(explainDifference(Side::Client, TcpState::SynSent, TcpState::Established, Verb::Drop)
                .contains(QStringLiteral("loopback never loses")));
    QVERIFY(explainDifference(Side::Client, TcpState::Closed, TcpState::TimeWait, Verb::Timeout)
                .contains(QStringLiteral("lost a segment or fired a timer")));
    QVERIFY(explainDifference(Side::Client, TcpState::Closed, TcpState::TimeWait, Verb::Settle)
                .contains(QStringLiteral("60 s")));
    // Many clients: a SYN the real listener dropped (its queue filled at once on loopback), also
    // at a timer's step; a server connection the model has not made yet.
    for (const Verb verb : {Verb::Deliver, Verb::Timeout})
        QVERIFY(explainDifference(Side::Client, TcpState::Established, TcpState::SynSent, verb)
                    .contains(QStringLiteral("dropped this client's SYN")));
    QVERIFY(explainDifference(Side::Server, TcpState::Closed, TcpState::Established, Verb::Connect)
                .contains(QStringLiteral("does not exist there yet")));
    QVERIFY(explainDifference(Side::Server, TcpState::Closed, std::nullopt, Verb::Connect).isEmpty());
}

// backlog=1 and no accept(): client and client2 fill the real accept queue, client3's SYN is
// dropped; the kernel sends it again after its RTO (1 s), and the log says so under client3.
void TestLiveSession::droppedSyn_itsRetransmissionIsObserved()
{
    if (!kernelAvailable())
        QSKIP("no kernel socket table on this system");
    const Lesson lesson = lessonFrom("server listen backlog=1\nclient connect\nclient2 connect\nsettle\n"
                                     "client3 connect\nsettle\nserver accept\n");
    m_session->setLesson(lesson);
    QVERIFY(m_session->isAcceptDeferred());
    perform(lesson, 0, 3);
    const auto seen = [this](const QString &name, const QString &text) {
        return std::any_of(m_seen.begin(), m_seen.end(), [&](const Observation &o) {
            return o.source == Observation::Source::Kernel && o.name == name && o.detail.contains(text);
        });
    };
    QTRY_VERIFY(std::any_of(m_seen.begin(), m_seen.end(), [](const Observation &o) {
        return o.name == QLatin1String("server.client2") && o.state == QLatin1String("ESTABLISHED");
    }));
    perform(lesson, 3, 5);
    QTRY_VERIFY_WITH_TIMEOUT(seen(QStringLiteral("client3"), QStringLiteral("SYN sent again (retransmission 1)")), 5000);
    QVERIFY(!seen(QStringLiteral("client2"), QStringLiteral("SYN sent again")));
}

// A plain `server listen` is the model's listen(5) on the real socket too (the kernel's LISTEN
// row says backlog 5); after the lesson's last step, a second listen() widens it to 128 for a
// class connecting at once.
void TestLiveSession::plainListen_isTheNotesListen5_theLessonsEndWidensItForTheClass()
{
    if (!kernelAvailable())
        QSKIP("no kernel socket table on this system");
    const Lesson lesson = lessonFrom("server listen\nclient connect\nclient deliver\nserver deliver\n"
                                     "client deliver\nserver accept\n");
    m_session->setLesson(lesson);
    perform(lesson, 0, 1); // listen
    const quint16 port = m_session->server()->serverPort();
    const auto listener = [this, port] {
        m_session->observer()->sample();
        return m_session->observer()->listener(port);
    };
    QTRY_VERIFY(listener().has_value());
    QCOMPARE(listener()->txQueue, quint32(SimulationConfig{}.defaultBacklog));
    QCOMPARE(SimulationConfig{}.defaultBacklog, 5);
    perform(lesson, 1, lesson.commands.size());
    QTRY_COMPARE(listener()->txQueue, quint32(LiveServer::defaultListenBacklog));
    QVERIFY(std::any_of(m_seen.cbegin(), m_seen.cend(), [](const Observation &o) {
        return o.detail.contains(QStringLiteral("backlog is now 128 (it was 5)"));
    }));
}

QTEST_GUILESS_MAIN(TestLiveSession)
#include "tst_livesession.moc"
