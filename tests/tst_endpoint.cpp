// SPDX-License-Identifier: GPL-3.0-or-later
// Every row of the transition table (shared/TCP-FACTS.md, RFC 9293 §3.10), one behaviour per
// test, grouped per state. Fixtures build each state from the previous one, as smoltcp's do:
// listening() -> synReceived() -> established() -> finWait1() -> closeWait() -> ...
#include "tcpsim/model/simulation.h"

#include <QMetaMethod>
#include <QSet>
#include <QTest>

#include <set>

using namespace tcpsim;
Q_DECLARE_METATYPE(TcpState)
Q_DECLARE_METATYPE(Rule)

namespace {

constexpr SeqNum clientIss = 100; // RFC 9293 Figure 6 numbers
constexpr SeqNum serverIss = 300;

Segment segment(std::uint8_t flags, SeqNum seq, SeqNum ack = 0, std::string data = {})
{
    Segment result;
    result.flags = flags;
    result.seq = seq;
    result.ack = ack;
    result.data = std::move(data);
    return result;
}

} // namespace

class TestEndpoint : public QObject
{
    Q_OBJECT

private:
    Simulation sim;
    std::set<Rule> exercised;              // rules seen in any test's events
    std::set<QByteArray> testFunctionsRun; // for the coverage check after the last test

    void newSimulation(SimulationConfig config = {})
    {
        sim = Simulation(config);
        sim.setIsn(Side::Client, clientIss);
        sim.setIsn(Side::Server, serverIss);
    }

    // --- fixtures: each builds on the previous; the comment names who is where ---
    void listening() { sim.listen(Side::Server); }                    // server LISTEN
    void synSent() { sim.connect(Side::Client); }                     // client SYN-SENT, SYN in flight
    void synReceived() { listening(); synSent(); sim.deliver(Side::Client); } // server SYN-RECEIVED
    void established()                                                // both ESTABLISHED, nothing in flight
    {
        synReceived();
        sim.deliver(Side::Server);
        sim.deliver(Side::Client);
    }
    void finWait1() { established(); sim.close(Side::Client); }       // client FIN-WAIT-1, FIN in flight
    void closeWait() { finWait1(); sim.deliver(Side::Client); }       // server CLOSE-WAIT, ACK in flight
    void finWait2() { closeWait(); sim.deliver(Side::Server); }       // client FIN-WAIT-2
    void lastAck() { finWait2(); sim.close(Side::Server); }           // server LAST-ACK, FIN in flight
    void timeWait() { lastAck(); sim.deliver(Side::Server); }         // client TIME-WAIT, ACK in flight
    void closing()                                                    // server CLOSING, client FIN-WAIT-1
    {
        established();
        sim.close(Side::Client);
        sim.close(Side::Server);
        sim.deliver(Side::Client);
    }

    // Builds `state` and returns the side that is in it.
    Side build(TcpState state)
    {
        switch (state) {
        case TcpState::Closed: return Side::Client;
        case TcpState::Listen: listening(); return Side::Server;
        case TcpState::SynSent: synSent(); return Side::Client;
        case TcpState::SynReceived: synReceived(); return Side::Server;
        case TcpState::Established: established(); return Side::Server;
        case TcpState::FinWait1: finWait1(); return Side::Client;
        case TcpState::CloseWait: closeWait(); return Side::Server;
        case TcpState::FinWait2: finWait2(); return Side::Client;
        case TcpState::LastAck: lastAck(); return Side::Server;
        case TcpState::TimeWait: timeWait(); return Side::Client;
        case TcpState::Closing: closing(); return Side::Server;
        }
        return Side::Client;
    }

    // --- observations ---
    TcpState state(Side side) const { return sim.endpoint(side).state(); }
    // The TIME-WAIT length the configuration asks for (§3.10.7.4 "2 MSL").
    std::uint64_t twoMsl() const { return 2 * std::uint64_t(sim.config().mslMs); }
    // Rows for tests that run in several states: a "start" column, one row per state, named
    // with its RFC spelling.
    static void addStartStates(std::initializer_list<TcpState> states)
    {
        QTest::addColumn<TcpState>("start");
        for (TcpState start : states)
            QTest::newRow(std::string(tcpsim::stateName(start)).c_str()) << start;
    }
    const TransmissionControlBlock &tcb(Side side) const { return sim.endpoint(side).tcb(); }
    std::size_t inFlightCount(Side side) const { return sim.inFlight(side).size(); }
    const Segment &lastSent(Side side) const { return sim.inFlight(side).back(); }

    const Event *lastEvent(EventKind kind) const
    {
        const auto &events = sim.events();
        for (auto it = events.rbegin(); it != events.rend(); ++it) {
            if (it->kind == kind)
                return &*it;
        }
        return nullptr;
    }
    Rule lastRule(EventKind kind) const
    {
        const Event *event = lastEvent(kind);
        return event ? event->rule : Rule::None;
    }
    // `to` receives `arriving`; returns the rule that decided it and whether it sent a reply.
    Rule receive(Side to, Segment arriving)
    {
        sim.inject(to, std::move(arriving));
        return lastRule(EventKind::Deliver);
    }
    // A segment the peer of `side` could send now: SEQ=RCV.NXT, ACK=SND.NXT.
    Segment fromPeer(Side side, std::uint8_t flags, std::string data = {}) const
    {
        return segment(flags, tcb(side).rcvNxt, tcb(side).sndNxt, std::move(data));
    }

    // The test functions of this class (the slots but the fixtures and the _data functions).
    QSet<QByteArray> allTestFunctions() const
    {
        QSet<QByteArray> names;
        const QMetaObject *meta = metaObject();
        for (int i = meta->methodOffset(); i < meta->methodCount(); ++i) {
            const QMetaMethod method = meta->method(i);
            const QByteArray name = method.name();
            if (method.methodType() != QMetaMethod::Slot || method.access() != QMetaMethod::Private
                || method.parameterCount() != 0 || name.endsWith("_data") || name == "init" || name == "cleanup" || name == "initTestCase"
                || name == "cleanupTestCase")
                continue;
            names.insert(name);
        }
        return names;
    }

    // The table rows are the rules from ClosedPassiveOpen to RetransmissionsExhausted, plus the
    // rows appended at the end of the enum (§3.10.7.4, the send window, the persist timer).
    QStringList transitionTableRulesNotExercised() const
    {
        QStringList missing;
        const auto check = [&](Rule rule) {
            if (!exercised.count(rule))
                missing << QString::fromUtf8(ruleName(rule).data());
        };
        for (auto value = int(Rule::ClosedPassiveOpen); value <= int(Rule::RetransmissionsExhausted); ++value)
            check(Rule(value));
        check(Rule::SynReceivedSynToListen);
        check(Rule::NoAckDropped);
        check(Rule::SynAckRetriesExhausted);
        check(Rule::DataWaitsForWindow);
        check(Rule::ZeroWindowProbe);
        return missing;
    }

private slots:
    void init() { newSimulation(); }
    void cleanup()
    {
        testFunctionsRun.insert(QTest::currentTestFunction());
        for (const Event &event : sim.events())
            exercised.insert(event.rule);
    }

    // Coverage: every row of the transition table is exercised by some test. Checked after the
    // last test whatever the order; when only some tests were selected, it says so and passes.
    void cleanupTestCase()
    {
        const QSet<QByteArray> all = allTestFunctions();
        const bool everyTestRan = std::all_of(all.begin(), all.end(),
                                              [&](const QByteArray &name) { return testFunctionsRun.count(name); });
        if (!everyTestRan) {
            qInfo("coverage of the transition table not checked: %d of %d tests ran",
                  int(testFunctionsRun.size()), int(all.size()));
            return;
        }
        const QStringList missing = transitionTableRulesNotExercised();
        QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("not exercised: ") + missing.join(u", ")));
    }

    // =========================================================================================
    // Tests for the CLOSED state.
    // =========================================================================================
    void closed_listenEntersListen()
    {
        sim.listen(Side::Server);
        QCOMPARE(state(Side::Server), TcpState::Listen);
        QCOMPARE(lastRule(EventKind::Transition), Rule::ClosedPassiveOpen);
        QCOMPARE(inFlightCount(Side::Server), 0u);
    }

    void closed_connectSendsSynWithMss()
    {
        sim.connect(Side::Client);
        QCOMPARE(state(Side::Client), TcpState::SynSent);
        QCOMPARE(lastRule(EventKind::Transition), Rule::ClosedActiveOpen);
        const Segment &syn = lastSent(Side::Client);
        QCOMPARE(syn.flags, std::uint8_t(Syn));
        QCOMPARE(syn.seq, clientIss);
        QCOMPARE(syn.mss, std::uint16_t(1460));
        QCOMPARE(tcb(Side::Client).sndUna, clientIss);
        QCOMPARE(tcb(Side::Client).sndNxt, clientIss + 1);
    }

    void closed_segmentGetsReset_data()
    {
        QTest::addColumn<int>("flags");
        QTest::addColumn<QString>("data");
        QTest::addColumn<int>("replyFlags");
        QTest::addColumn<uint>("replySeq");
        QTest::addColumn<uint>("replyAck");
        // <SEQ=SEG.ACK><CTL=RST> when the ACK bit is on ...
        QTest::newRow("ACK") << int(Ack) << "" << int(Rst) << 77u << 0u;
        QTest::newRow("PSH+ACK") << int(Psh | Ack) << "abc" << int(Rst) << 77u << 0u;
        // ... else <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>.
        QTest::newRow("SYN") << int(Syn) << "" << int(Rst | Ack) << 0u << 6u;
        QTest::newRow("FIN") << int(Fin) << "" << int(Rst | Ack) << 0u << 6u;
        QTest::newRow("PSH with data") << int(Psh) << "abc" << int(Rst | Ack) << 0u << 8u;
    }
    void closed_segmentGetsReset()
    {
        QFETCH(int, flags);
        QFETCH(QString, data);
        QFETCH(int, replyFlags);
        QFETCH(uint, replySeq);
        QFETCH(uint, replyAck);
        QCOMPARE(receive(Side::Server, segment(std::uint8_t(flags), 5, 77, data.toStdString())),
                 Rule::ClosedSegmentReplyRst);
        QCOMPARE(state(Side::Server), TcpState::Closed);
        QCOMPARE(inFlightCount(Side::Server), 1u);
        QCOMPARE(int(lastSent(Side::Server).flags), replyFlags);
        QCOMPARE(lastSent(Side::Server).seq, replySeq);
        if (replyFlags & Ack)
            QCOMPARE(lastSent(Side::Server).ack, replyAck);
    }

    void closed_rstDropped()
    {
        QCOMPARE(receive(Side::Server, segment(Rst, 5)), Rule::ClosedRstDropped);
        QCOMPARE(inFlightCount(Side::Server), 0u);
    }

    void closed_userCallIsAnError_data()
    {
        QTest::addColumn<QString>("call");
        QTest::addColumn<Rule>("rule");
        QTest::newRow("send") << "send" << Rule::ErrorConnectionDoesNotExist;
        QTest::newRow("close") << "close" << Rule::ErrorConnectionDoesNotExist;
        QTest::newRow("abort") << "abort" << Rule::ErrorConnectionDoesNotExist;
        QTest::newRow("accept") << "accept" << Rule::ErrorNothingToAccept;
    }
    void closed_userCallIsAnError()
    {
        QFETCH(QString, call);
        QFETCH(Rule, rule);
        if (call == QLatin1String("send"))
            sim.send(Side::Client, "x");
        else if (call == QLatin1String("close"))
            sim.close(Side::Client);
        else if (call == QLatin1String("abort"))
            sim.abort(Side::Client);
        else
            sim.accept(Side::Client);
        QCOMPARE(lastRule(EventKind::Error), rule);
        QCOMPARE(lastRule(EventKind::Call), rule); // the call record names the answer too
        QCOMPARE(state(Side::Client), TcpState::Closed);
        QCOMPARE(inFlightCount(Side::Client), 0u);
        if (rule == Rule::ErrorConnectionDoesNotExist)
            QCOMPARE(lastEvent(EventKind::Error)->text, std::string("connection does not exist"));
    }

    // =========================================================================================
    // Tests for the LISTEN state.
    // =========================================================================================
    void listen_rstIgnored()
    {
        listening();
        QCOMPARE(receive(Side::Server, segment(Rst, 5)), Rule::ListenRstIgnored);
        QCOMPARE(state(Side::Server), TcpState::Listen);
        QCOMPARE(inFlightCount(Side::Server), 0u);
    }

    void listen_ackGetsReset_data()
    {
        QTest::addColumn<int>("flags");
        QTest::newRow("ACK") << int(Ack);
        QTest::newRow("SYN+ACK") << int(Syn | Ack);
    }
    void listen_ackGetsReset()
    {
        QFETCH(int, flags);
        listening();
        QCOMPARE(receive(Side::Server, segment(std::uint8_t(flags), 5, 55)), Rule::ListenAckReplyRst);
        QCOMPARE(state(Side::Server), TcpState::Listen);
        QCOMPARE(lastSent(Side::Server).flags, std::uint8_t(Rst));
        QCOMPARE(lastSent(Side::Server).seq, SeqNum(55));
    }

    void listen_synSendsSynAck()
    {
        listening();
        QCOMPARE(receive(Side::Server, segment(Syn, 1000)), Rule::ListenSyn);
        QCOMPARE(state(Side::Server), TcpState::SynReceived);
        QCOMPARE(tcb(Side::Server).irs, SeqNum(1000));
        QCOMPARE(tcb(Side::Server).rcvNxt, SeqNum(1001));
        const Segment &synAck = lastSent(Side::Server);
        QCOMPARE(synAck.flags, std::uint8_t(Syn | Ack));
        QCOMPARE(synAck.seq, serverIss);
        QCOMPARE(synAck.ack, SeqNum(1001));
        QVERIFY(sim.endpoint(Side::Server).openedPassively());
    }

    void listen_noSynDropped_data()
    {
        QTest::addColumn<int>("flags");
        QTest::newRow("FIN") << int(Fin);
        QTest::newRow("PSH") << int(Psh);
        QTest::newRow("none") << 0;
    }
    void listen_noSynDropped()
    {
        QFETCH(int, flags);
        listening();
        QCOMPARE(receive(Side::Server, segment(std::uint8_t(flags), 5, 0, "x")), Rule::ListenNoSynDropped);
        QCOMPARE(state(Side::Server), TcpState::Listen);
        QCOMPARE(inFlightCount(Side::Server), 0u);
    }

    void listen_closeOrAbortDeletesRecord_data()
    {
        QTest::addColumn<bool>("abort");
        QTest::newRow("close") << false;
        QTest::newRow("abort") << true;
    }
    void listen_closeOrAbortDeletesRecord()
    {
        QFETCH(bool, abort);
        listening();
        abort ? sim.abort(Side::Server) : sim.close(Side::Server);
        QCOMPARE(state(Side::Server), TcpState::Closed);
        QCOMPARE(lastRule(EventKind::Transition), Rule::ListenClose);
        QCOMPARE(inFlightCount(Side::Server), 0u);
    }

    void listen_sendHasNoForeignSocket()
    {
        listening();
        sim.send(Side::Server, "x");
        QCOMPARE(lastRule(EventKind::Error), Rule::ErrorForeignSocketUnspecified);
        QCOMPARE(inFlightCount(Side::Server), 0u);
    }

    void listen_openAgainIsAnError()
    {
        listening();
        sim.connect(Side::Server);
        QCOMPARE(lastRule(EventKind::Error), Rule::ErrorConnectionExists);
        QCOMPARE(lastEvent(EventKind::Error)->text, std::string("connection already exists"));
        QCOMPARE(state(Side::Server), TcpState::Listen);
    }

    // =========================================================================================
    // Tests for the SYN-SENT state.
    // =========================================================================================
    void synSent_synAckEstablishes()
    {
        synSent();
        QCOMPARE(receive(Side::Client, segment(Syn | Ack, serverIss, clientIss + 1)), Rule::SynSentSynAck);
        QCOMPARE(state(Side::Client), TcpState::Established);
        const Segment &ack = lastSent(Side::Client);
        QCOMPARE(ack.flags, std::uint8_t(Ack));
        QCOMPARE(ack.seq, clientIss + 1);
        QCOMPARE(ack.ack, serverIss + 1);
        QCOMPARE(lastRule(EventKind::Return), Rule::ConnectReturned);
        QVERIFY(sim.endpoint(Side::Client).applicationHasConnection());
        QVERIFY(!sim.nextTimer(Side::Client)); // the SYN is acknowledged
    }

    void synSent_bareSynIsSimultaneousOpen()
    {
        synSent();
        QCOMPARE(receive(Side::Client, segment(Syn, serverIss)), Rule::SynSentSimultaneousSyn);
        QCOMPARE(state(Side::Client), TcpState::SynReceived);
        const Segment &synAck = lastSent(Side::Client);
        QCOMPARE(synAck.flags, std::uint8_t(Syn | Ack));
        QCOMPARE(synAck.seq, clientIss);
        QCOMPARE(synAck.ack, serverIss + 1);
        QVERIFY(!sim.endpoint(Side::Client).openedPassively());
    }

    void synSent_badAckGetsReset_data()
    {
        QTest::addColumn<int>("flags");
        QTest::addColumn<uint>("ack");
        QTest::newRow("ACK = ISS") << int(Ack) << uint(clientIss);
        QTest::newRow("ACK > SND.NXT") << int(Ack) << uint(clientIss + 2);
        QTest::newRow("SYN+ACK, ACK below ISS") << int(Syn | Ack) << 7u;
    }
    void synSent_badAckGetsReset()
    {
        QFETCH(int, flags);
        QFETCH(uint, ack);
        synSent();
        QCOMPARE(receive(Side::Client, segment(std::uint8_t(flags), serverIss, ack)), Rule::SynSentBadAckReplyRst);
        QCOMPARE(state(Side::Client), TcpState::SynSent);
        QCOMPARE(lastSent(Side::Client).flags, std::uint8_t(Rst));
        QCOMPARE(lastSent(Side::Client).seq, SeqNum(ack));
    }

    void synSent_rstWithGoodAckRefused()
    {
        synSent();
        QCOMPARE(receive(Side::Client, segment(Rst | Ack, 0, clientIss + 1)), Rule::SynSentRstRefused);
        QCOMPARE(state(Side::Client), TcpState::Closed);
        QCOMPARE(lastEvent(EventKind::Error)->text, std::string("connection refused"));
        QVERIFY(!sim.nextTimer(Side::Client));
    }

    void synSent_rstWithoutGoodAckDropped_data()
    {
        QTest::addColumn<int>("flags");
        QTest::addColumn<uint>("ack");
        QTest::newRow("RST without ACK") << int(Rst) << 0u;
        QTest::newRow("RST with bad ACK") << int(Rst | Ack) << uint(clientIss + 9);
    }
    void synSent_rstWithoutGoodAckDropped()
    {
        QFETCH(int, flags);
        QFETCH(uint, ack);
        synSent();
        const std::size_t before = inFlightCount(Side::Client);
        QCOMPARE(receive(Side::Client, segment(std::uint8_t(flags), 0, ack)), Rule::SynSentRstDropped);
        QCOMPARE(state(Side::Client), TcpState::SynSent);
        QCOMPARE(inFlightCount(Side::Client), before);
    }

    void synSent_noSynNoRstDropped()
    {
        synSent();
        QCOMPARE(receive(Side::Client, segment(Ack, serverIss, clientIss + 1)), Rule::SynSentNoSynNoRstDropped);
        QCOMPARE(state(Side::Client), TcpState::SynSent);
        QCOMPARE(inFlightCount(Side::Client), 1u); // only the SYN
    }

    void synSent_closeOrAbortDeletesRecord_data()
    {
        QTest::addColumn<bool>("abort");
        QTest::newRow("close") << false;
        QTest::newRow("abort") << true;
    }
    void synSent_closeOrAbortDeletesRecord()
    {
        QFETCH(bool, abort);
        synSent();
        abort ? sim.abort(Side::Client) : sim.close(Side::Client);
        QCOMPARE(state(Side::Client), TcpState::Closed);
        QCOMPARE(lastRule(EventKind::Transition), Rule::SynSentClose);
        QCOMPARE(inFlightCount(Side::Client), 1u); // no RST from SYN-SENT
        QVERIFY(!sim.nextTimer(Side::Client));
    }

    void synSent_sendIsQueuedUntilEstablished()
    {
        listening();
        synSent();
        sim.send(Side::Client, "early");
        QCOMPARE(lastRule(EventKind::Call), Rule::DataQueued);
        QCOMPARE(inFlightCount(Side::Client), 1u);
        sim.deliver(Side::Client);
        sim.deliver(Side::Server);
        QCOMPARE(state(Side::Client), TcpState::Established);
        const Segment &data = lastSent(Side::Client);
        QCOMPARE(data.flags, std::uint8_t(Psh | Ack));
        QCOMPARE(data.seq, clientIss + 1);
        QCOMPARE(data.data, std::string("early"));
    }

    void synSent_synRetransmittedWithBackoff()
    {
        synSent();
        const std::uint64_t firstId = lastSent(Side::Client).id;
        std::uint64_t expectedDeadline = 1000;
        for (std::uint64_t rto = 1000; rto <= 32000; rto *= 2) {
            QCOMPARE(sim.nextTimer(Side::Client), std::optional<std::uint64_t>(expectedDeadline));
            sim.drop(Side::Client);
            QVERIFY(sim.fireTimer(Side::Client));
            QCOMPARE(sim.now(), expectedDeadline);
            const Segment &copy = lastSent(Side::Client);
            QVERIFY(copy.retransmission);
            QVERIFY(copy.id != firstId);
            QCOMPARE(copy.flags, std::uint8_t(Syn));
            QCOMPARE(copy.seq, clientIss);
            QCOMPARE(lastRule(EventKind::Timer), Rule::Retransmit);
            expectedDeadline += rto * 2;
        }
        QCOMPARE(sim.endpoint(Side::Client).retransmissionCount(), 6);
    }

    void synSent_retriesExhaustedTimesOut()
    {
        synSent();
        for (int retry = 0; retry < 6; ++retry) {
            sim.drop(Side::Client);
            sim.fireTimer(Side::Client);
        }
        QCOMPARE(state(Side::Client), TcpState::SynSent);
        QVERIFY(sim.fireTimer(Side::Client));
        QCOMPARE(state(Side::Client), TcpState::Closed);
        QCOMPARE(lastRule(EventKind::Transition), Rule::RetransmissionsExhausted);
        QCOMPARE(lastEvent(EventKind::Error)->text, std::string("connection timed out"));
        QCOMPARE(sim.now(), std::uint64_t(127000)); // Linux: ETIMEDOUT at 127 s
        QVERIFY(!sim.nextTimer(Side::Client));
    }

    // =========================================================================================
    // Tests for the SYN-RECEIVED state.
    // =========================================================================================
    void synReceived_ackEstablishesAndWaitsForAccept()
    {
        SimulationConfig config;
        config.autoAccept = false;
        newSimulation(config);
        synReceived();
        sim.deliver(Side::Server);
        QCOMPARE(receive(Side::Server, segment(Ack, clientIss + 1, serverIss + 1)), Rule::SynReceivedAck);
        QCOMPARE(state(Side::Server), TcpState::Established);
        QVERIFY(sim.endpoint(Side::Server).awaitingAccept());
        QVERIFY(!sim.endpoint(Side::Server).applicationHasConnection());
        sim.accept(Side::Server);
        QCOMPARE(lastRule(EventKind::Return), Rule::AcceptReturned);
        QVERIFY(sim.endpoint(Side::Server).applicationHasConnection());
        // An empty accept queue makes accept() block (issue 11), no longer an error.
        sim.accept(Side::Server);
        QCOMPARE(lastRule(EventKind::Call), Rule::AcceptBlocks);
        QCOMPARE(lastRule(EventKind::Error), Rule::None);
    }

    void synReceived_autoAcceptReturnsAtOnce()
    {
        established();
        QCOMPARE(lastRule(EventKind::Return), Rule::AcceptReturned);
        QVERIFY(!sim.endpoint(Side::Server).awaitingAccept());
        QVERIFY(sim.endpoint(Side::Server).applicationHasConnection());
    }

    void synReceived_badAckGetsReset()
    {
        synReceived();
        QCOMPARE(receive(Side::Server, segment(Ack, clientIss + 1, 999)), Rule::SynReceivedBadAckReplyRst);
        QCOMPARE(state(Side::Server), TcpState::SynReceived);
        QCOMPARE(lastSent(Side::Server).flags, std::uint8_t(Rst));
        QCOMPARE(lastSent(Side::Server).seq, SeqNum(999));
    }

    void synReceived_noAckDropped()
    {
        synReceived();
        const std::size_t before = inFlightCount(Side::Server);
        QCOMPARE(receive(Side::Server, segment(Psh, clientIss + 1, 0, "x")), Rule::SynReceivedNoAckDropped);
        QCOMPARE(state(Side::Server), TcpState::SynReceived);
        QCOMPARE(inFlightCount(Side::Server), before);
    }

    void synReceived_rstAfterPassiveOpenReturnsToListen()
    {
        synReceived();
        QCOMPARE(receive(Side::Server, segment(Rst, clientIss + 1)), Rule::SynReceivedRstToListen);
        QCOMPARE(state(Side::Server), TcpState::Listen);
        QVERIFY(!sim.nextTimer(Side::Server)); // no SYN,ACK left to retransmit
    }

    void synReceived_rstAfterActiveOpenRefused()
    {
        sim.connect(Side::Client);
        sim.connect(Side::Server);
        sim.deliver(Side::Server); // the server's SYN reaches the client: simultaneous open
        QCOMPARE(state(Side::Client), TcpState::SynReceived);
        QCOMPARE(receive(Side::Client, segment(Rst, serverIss + 1)), Rule::SynReceivedRstRefused);
        QCOMPARE(state(Side::Client), TcpState::Closed);
        QCOMPARE(lastEvent(EventKind::Error)->text, std::string("connection refused"));
    }

    void synReceived_synAfterPassiveOpenReturnsToListen()
    {
        synReceived();
        QCOMPARE(receive(Side::Server, segment(Syn, clientIss + 1)), Rule::SynReceivedSynToListen);
        QCOMPARE(state(Side::Server), TcpState::Listen);
    }

    void synReceived_finWithAckEntersCloseWait()
    {
        synReceived();
        QCOMPARE(receive(Side::Server, segment(Fin | Ack, clientIss + 1, serverIss + 1)), Rule::SynReceivedFin);
        QCOMPARE(state(Side::Server), TcpState::CloseWait);
        QCOMPARE(lastSent(Side::Server).flags, std::uint8_t(Ack));
        QCOMPARE(lastSent(Side::Server).ack, clientIss + 2);
        QVERIFY(sim.endpoint(Side::Server).endOfStream());
    }

    void synReceived_closeSendsFin()
    {
        synReceived();
        sim.close(Side::Server);
        QCOMPARE(state(Side::Server), TcpState::FinWait1);
        QCOMPARE(lastRule(EventKind::Transition), Rule::SynReceivedClose);
        QCOMPARE(lastSent(Side::Server).flags, std::uint8_t(Fin | Ack));
        QCOMPARE(lastSent(Side::Server).seq, serverIss + 1);
    }

    void synReceived_abortSendsBareRst()
    {
        synReceived();
        sim.abort(Side::Server);
        QCOMPARE(state(Side::Server), TcpState::Closed);
        QCOMPARE(lastRule(EventKind::Transition), Rule::SynReceivedAbort);
        QCOMPARE(lastSent(Side::Server).flags, std::uint8_t(Rst));
        QCOMPARE(lastSent(Side::Server).seq, serverIss + 1);
    }

    void synReceived_synAckRetransmitted()
    {
        synReceived();
        sim.drop(Side::Server);
        QVERIFY(sim.fireTimer(Side::Server));
        const Segment &copy = lastSent(Side::Server);
        QVERIFY(copy.retransmission);
        QCOMPARE(copy.flags, std::uint8_t(Syn | Ack));
        QCOMPARE(copy.seq, serverIss);
        QCOMPARE(copy.ack, clientIss + 1);
    }

    // §3.10.7.4: "If this connection was initiated with a passive OPEN (i.e., came from the
    // LISTEN state), then return this connection to LISTEN state and return." A listener whose
    // SYN,ACK is never answered drops the half-open connection after its retries (Linux
    // tcp_synack_retries = 5) and keeps listening; an active open (simultaneous open) times out.
    void synReceived_synAckRetriesExhausted_data()
    {
        QTest::addColumn<bool>("passive");
        QTest::addColumn<int>("synAckRetries");
        QTest::addColumn<int>("expectedRetries");
        QTest::addColumn<TcpState>("end");
        QTest::addColumn<Rule>("rule");
        QTest::newRow("passive open, Linux tcp_synack_retries 5")
            << true << 5 << 5 << TcpState::Listen << Rule::SynAckRetriesExhausted;
        QTest::newRow("passive open, 2 retries") << true << 2 << 2 << TcpState::Listen << Rule::SynAckRetriesExhausted;
        QTest::newRow("active open (simultaneous), tcp_syn_retries 6")
            << false << 5 << 6 << TcpState::Closed << Rule::RetransmissionsExhausted;
    }
    void synReceived_synAckRetriesExhausted()
    {
        QFETCH(bool, passive);
        QFETCH(int, synAckRetries);
        QFETCH(int, expectedRetries);
        QFETCH(TcpState, end);
        QFETCH(Rule, rule);
        SimulationConfig config;
        config.synAckRetries = synAckRetries;
        newSimulation(config);
        Side side = Side::Server;
        if (passive) {
            synReceived();
        } else {
            sim.connect(Side::Client);
            sim.connect(Side::Server);
            sim.deliver(Side::Client); // the client's SYN crosses the server's: SYN-RECEIVED
            sim.drop(Side::Client);
            sim.drop(Side::Server);
            side = Side::Server;
        }
        QCOMPARE(state(side), TcpState::SynReceived);
        int retries = 0;
        while (state(side) == TcpState::SynReceived) {
            sim.drop(side);
            QVERIFY(sim.fireTimer(side));
            if (lastEvent(EventKind::Timer)->rule == Rule::Retransmit)
                ++retries;
            QVERIFY(retries <= expectedRetries);
        }
        QCOMPARE(retries, expectedRetries);
        QCOMPARE(state(side), end);
        QCOMPARE(lastRule(EventKind::Transition), rule);
        QCOMPARE(lastEvent(EventKind::Timer)->rule, rule);
        QVERIFY(!sim.nextTimer(side));
        if (passive) {
            // No error reaches the application: the listener never had this connection.
            QCOMPARE(lastEvent(EventKind::Error), nullptr);
            // It keeps listening: a new SYN is answered.
            QCOMPARE(receive(side, segment(Syn, 5000)), Rule::ListenSyn);
            QCOMPARE(state(side), TcpState::SynReceived);
        } else {
            QCOMPARE(lastEvent(EventKind::Error)->text, std::string("connection timed out"));
        }
    }

    // =========================================================================================
    // Tests for the ESTABLISHED state.
    // =========================================================================================
    void established_closeSendsFin()
    {
        established();
        sim.close(Side::Client);
        QCOMPARE(state(Side::Client), TcpState::FinWait1);
        QCOMPARE(lastRule(EventKind::Transition), Rule::EstablishedClose);
        QCOMPARE(lastSent(Side::Client).flags, std::uint8_t(Fin | Ack));
        QCOMPARE(lastSent(Side::Client).seq, clientIss + 1);
        QVERIFY(sim.endpoint(Side::Client).closeRequested());
    }

    void established_finEntersCloseWait()
    {
        established();
        QCOMPARE(receive(Side::Server, fromPeer(Side::Server, Fin | Ack)), Rule::EstablishedFin);
        QCOMPARE(state(Side::Server), TcpState::CloseWait);
        QCOMPARE(lastSent(Side::Server).ack, clientIss + 2);
        QCOMPARE(lastRule(EventKind::Return), Rule::EndOfStream);
    }

    void established_sendCarriesPshAck()
    {
        established();
        sim.send(Side::Client, "hello");
        const Segment &data = lastSent(Side::Client);
        QCOMPARE(data.flags, std::uint8_t(Psh | Ack));
        QCOMPARE(data.seq, clientIss + 1);
        QCOMPARE(data.ack, serverIss + 1);
        QCOMPARE(data.seqLength(), 5u);
        QCOMPARE(tcb(Side::Client).sndNxt, clientIss + 6);
        QCOMPARE(lastRule(EventKind::Call), Rule::DataSent);
    }

    void established_dataDeliveredAndAckedAtOnce()
    {
        established();
        QCOMPARE(receive(Side::Server, fromPeer(Side::Server, Psh | Ack, "hello")), Rule::DataReceived);
        QCOMPARE(sim.endpoint(Side::Server).received().str(), std::string("hello"));
        QCOMPARE(lastEvent(EventKind::Return)->text, std::string("hello"));
        QCOMPARE(lastSent(Side::Server).flags, std::uint8_t(Ack));
        QCOMPARE(lastSent(Side::Server).ack, clientIss + 6);
    }

    void established_ackAdvancesSndUna()
    {
        established();
        sim.send(Side::Client, "hello");
        sim.deliver(Side::Client);
        QCOMPARE(receive(Side::Client, segment(Ack, serverIss + 1, clientIss + 6)), Rule::AckAdvanced);
        QCOMPARE(tcb(Side::Client).sndUna, clientIss + 6);
        QVERIFY(!sim.nextTimer(Side::Client));
    }

    void established_duplicateAckIgnored()
    {
        established();
        const std::size_t before = inFlightCount(Side::Server);
        QCOMPARE(receive(Side::Server, segment(Ack, clientIss + 1, serverIss + 1)), Rule::DuplicateAckIgnored);
        QCOMPARE(inFlightCount(Side::Server), before);
    }

    void established_ackOfUnsentDataGetsAck()
    {
        established();
        QCOMPARE(receive(Side::Server, segment(Ack, clientIss + 1, serverIss + 50)), Rule::AckOfUnsentData);
        QCOMPARE(lastSent(Side::Server).flags, std::uint8_t(Ack));
        QCOMPARE(lastSent(Side::Server).seq, serverIss + 1);
        QCOMPARE(tcb(Side::Server).sndUna, serverIss + 1);
    }

    void established_noAckDropped()
    {
        established();
        QCOMPARE(receive(Side::Server, segment(Psh, clientIss + 1, 0, "x")), Rule::NoAckDropped);
        QCOMPARE(sim.endpoint(Side::Server).received().str(), std::string());
        QCOMPARE(inFlightCount(Side::Server), 0u);
    }

    void established_lostDataRetransmitted()
    {
        established();
        sim.send(Side::Client, "hello");
        sim.drop(Side::Client);
        QVERIFY(sim.fireTimer(Side::Client));
        QCOMPARE(lastSent(Side::Client).data, std::string("hello"));
        QVERIFY(lastSent(Side::Client).retransmission);
        sim.deliver(Side::Client);
        QCOMPARE(sim.endpoint(Side::Server).received().str(), std::string("hello"));
    }

    void established_outOfOrderDataWaits()
    {
        established();
        QCOMPARE(receive(Side::Server, segment(Psh | Ack, clientIss + 4, serverIss + 1, "later")),
                 Rule::UnacceptableSegmentAck);
        QCOMPARE(sim.endpoint(Side::Server).received().str(), std::string());
        QCOMPARE(lastSent(Side::Server).ack, clientIss + 1); // still expects RCV.NXT
    }

    // =========================================================================================
    // The send window (§3.8.6.2.1) and zero-window probing (§3.8.6.1).
    // =========================================================================================
private:
    // Client in ESTABLISHED; an ACK from the server advertising `window` (acknowledging nothing
    // new) has arrived.
    void clientWindowIs(std::uint16_t window)
    {
        Segment update = segment(Ack, tcb(Side::Client).rcvNxt, tcb(Side::Client).sndUna);
        update.window = window;
        sim.inject(Side::Client, update);
        QCOMPARE(tcb(Side::Client).sndWnd, std::uint32_t(window));
    }
    std::string inFlightData(Side side) const
    {
        std::string data;
        for (const Segment &sent : sim.inFlight(side))
            data += sent.data;
        return data;
    }

private slots:
    // "U = SND.UNA + SND.WND - SND.NXT ... the total of the segments sent must not exceed U";
    // with U = 0 nothing is sent.
    void window_usableWindowLimitsWhatIsSent_data()
    {
        QTest::addColumn<int>("window");
        QTest::addColumn<QString>("outstanding"); // sent earlier, not yet acknowledged
        QTest::addColumn<QString>("data");
        QTest::addColumn<QString>("sentNow");
        QTest::addColumn<Rule>("callRule");
        QTest::newRow("U = 0: nothing") << 0 << "" << "hello" << "" << Rule::DataWaitsForWindow;
        QTest::newRow("U = 3: three octets") << 3 << "" << "hello" << "hel" << Rule::DataSent;
        QTest::newRow("window 5, 2 outstanding: U = 3") << 5 << "ab" << "hello" << "hel" << Rule::DataSent;
        QTest::newRow("window 5, 5 outstanding: U = 0") << 5 << "abcde" << "hello" << "" << Rule::DataWaitsForWindow;
        QTest::newRow("window open: all") << 65535 << "" << "hello" << "hello" << Rule::DataSent;
    }
    void window_usableWindowLimitsWhatIsSent()
    {
        QFETCH(int, window);
        QFETCH(QString, outstanding);
        QFETCH(QString, data);
        QFETCH(QString, sentNow);
        QFETCH(Rule, callRule);
        established();
        if (!outstanding.isEmpty()) {
            sim.send(Side::Client, outstanding.toStdString());
            sim.drop(Side::Client); // in flight no more, and unacknowledged
        }
        // The peer acknowledges nothing new and advertises the window.
        Segment update = segment(Ack, tcb(Side::Client).rcvNxt, tcb(Side::Client).sndUna);
        update.window = std::uint16_t(window);
        sim.inject(Side::Client, update);
        sim.send(Side::Client, data.toStdString());
        QCOMPARE(lastRule(EventKind::Call), callRule);
        QCOMPARE(QString::fromStdString(inFlightData(Side::Client)), sentNow);
        QCOMPARE(tcb(Side::Client).sndNxt, clientIss + 1 + SeqNum(outstanding.size() + sentNow.size()));
    }

    // §3.8.6.1: "The sending TCP MUST regularly transmit at least one octet of new data (if
    // available) ... even if the send window is zero, in order to 'probe' the window"; the
    // first probe after a retransmission timeout (SHLD-29), the interval doubling (SHLD-30).
    void window_zeroWindowProbedByPersistTimer()
    {
        established();
        clientWindowIs(0);
        sim.send(Side::Client, "hello");
        QCOMPARE(inFlightCount(Side::Client), 0u);
        QCOMPARE(sim.nextTimer(Side::Client), std::optional<std::uint64_t>(sim.now() + 1000));
        QVERIFY(sim.fireTimer(Side::Client));
        QCOMPARE(lastEvent(EventKind::Timer)->timer, TimerKind::Persist);
        QCOMPARE(lastRule(EventKind::Timer), Rule::ZeroWindowProbe);
        QCOMPARE(timerKindName(TimerKind::Persist), std::string_view("persist"));
        QCOMPARE(inFlightCount(Side::Client), 1u);
        QCOMPARE(lastSent(Side::Client).data, std::string("h"));
        QCOMPARE(lastSent(Side::Client).seq, clientIss + 1);
        QCOMPARE(sim.nextTimer(Side::Client), std::optional<std::uint64_t>(sim.now() + 2000));
        // The peer's window has opened: it takes the octet and its ACK reopens the window,
        // which sends the rest at once.
        sim.deliver(Side::Client);
        QCOMPARE(sim.endpoint(Side::Server).received().str(), std::string("h"));
        sim.deliver(Side::Server);
        QCOMPARE(QString::fromStdString(inFlightData(Side::Client)), QStringLiteral("ello"));
        QCOMPARE(lastSent(Side::Client).seq, clientIss + 2);
        QVERIFY(sim.settle());
        QCOMPARE(sim.endpoint(Side::Server).received().str(), std::string("hello"));
        QVERIFY(!sim.nextTimer(Side::Client));
    }

    // MUST-36: "As long as the receiving TCP continues to send acknowledgments in response to
    // the probe segments, the sending TCP MUST allow the connection to stay open"; the probes
    // go on while the window stays closed, beyond the data retry limit.
    void window_probesContinueWhileTheWindowStaysClosed()
    {
        established();
        clientWindowIs(0);
        sim.send(Side::Client, "hello");
        std::uint64_t interval = 1000;
        const int probes = sim.config().dataRetries + 5;
        for (int probe = 0; probe < probes; ++probe) {
            const std::uint64_t before = sim.now();
            QVERIFY(sim.fireTimer(Side::Client));
            QCOMPARE(sim.now(), before + interval);
            QCOMPARE(lastRule(EventKind::Timer), Rule::ZeroWindowProbe);
            QCOMPARE(lastSent(Side::Client).seq, clientIss + 1);
            QCOMPARE(lastSent(Side::Client).data, std::string("h"));
            sim.drop(Side::Client);
            // The receiver answers: its window is still zero, nothing new acknowledged.
            clientWindowIs(0);
            interval = std::min<std::uint64_t>(interval * 2, sim.config().maxRtoMs);
        }
        QCOMPARE(state(Side::Client), TcpState::Established);
        QCOMPARE(lastEvent(EventKind::Error), nullptr);
    }

    // §3.10.4 CLOSE in ESTABLISHED: "Queue this until all preceding SENDs have been
    // segmentized, then form a FIN segment and send it. In any case, enter FIN-WAIT-1 state."
    void window_finWaitsBehindDataTheWindowHolds()
    {
        established();
        clientWindowIs(0);
        sim.send(Side::Client, "hi");
        sim.close(Side::Client);
        QCOMPARE(state(Side::Client), TcpState::FinWait1);
        QCOMPARE(inFlightCount(Side::Client), 0u);
        clientWindowIs(100);
        QCOMPARE(inFlightCount(Side::Client), 2u);
        QCOMPARE(sim.inFlight(Side::Client).front().data, std::string("hi"));
        QCOMPARE(lastSent(Side::Client).flags, std::uint8_t(Fin | Ack));
        QCOMPARE(lastSent(Side::Client).seq, clientIss + 3);
        QVERIFY(sim.settle());
        QCOMPARE(state(Side::Client), TcpState::FinWait2);
    }

    // =========================================================================================
    // Segmentation by the effective send MSS (§3.7.1).
    // =========================================================================================
    // "Eff.snd.MSS = min(SendMSS+20, MMS_S) - TCPhdrsize - IPoptionsize" (MUST-16); without an
    // MSS option "TCP implementations MUST assume a default send MSS of 536" (MUST-15).
    void mss_sendIsCutIntoSegmentsOfTheEffectiveMss_data()
    {
        QTest::addColumn<int>("peerMss");   // the MSS option of the server's SYN,ACK; 0 = none
        QTest::addColumn<int>("mtu");
        QTest::addColumn<int>("size");
        QTest::addColumn<QList<int>>("segments");
        QTest::newRow("3000 octets, MSS 1460 both ways") << 1460 << 1500 << 3000 << QList<int>{1460, 1460, 80};
        QTest::newRow("exactly one MSS") << 1460 << 1500 << 1460 << QList<int>{1460};
        QTest::newRow("peer MSS 500") << 500 << 1500 << 1200 << QList<int>{500, 500, 200};
        QTest::newRow("no MSS option: 536") << 0 << 1500 << 1000 << QList<int>{536, 464};
        QTest::newRow("MTU 576: IP allows 536") << 1460 << 576 << 1000 << QList<int>{536, 464};
        QTest::newRow("small send: one segment") << 1460 << 1500 << 2 << QList<int>{2};
    }
    void mss_sendIsCutIntoSegmentsOfTheEffectiveMss()
    {
        QFETCH(int, peerMss);
        QFETCH(int, mtu);
        QFETCH(int, size);
        QFETCH(QList<int>, segments);
        SimulationConfig config;
        config.mtu = std::uint16_t(mtu);
        newSimulation(config);
        synSent();
        sim.drop(Side::Client);
        Segment synAck = segment(Syn | Ack, serverIss, clientIss + 1);
        synAck.mss = std::uint16_t(peerMss);
        sim.inject(Side::Client, synAck);
        QCOMPARE(state(Side::Client), TcpState::Established);
        sim.drop(Side::Client); // the ACK of the SYN,ACK
        sim.send(Side::Client, std::string(std::size_t(size), 'x'));
        QList<int> sizes;
        for (const Segment &sent : sim.inFlight(Side::Client))
            sizes << int(sent.data.size());
        QCOMPARE(sizes, segments);
        // PSH marks the segment that empties the send buffer (§3.9.1 "PUSH").
        for (const Segment &sent : sim.inFlight(Side::Client))
            QCOMPARE(sent.has(Psh), &sent == &sim.inFlight(Side::Client).back());
    }

    // The model's SYNs carry MSS 1460 and each side records the peer's.
    void mss_bothSynsCarryItAndEachSideRecordsThePeers()
    {
        established();
        QCOMPARE(tcb(Side::Client).sndMss, std::uint16_t(1460));
        QCOMPARE(tcb(Side::Server).sndMss, std::uint16_t(1460));
        sim.send(Side::Server, std::string(3000, 'y'));
        QCOMPARE(inFlightCount(Side::Server), 3u);
        QVERIFY(sim.settle());
        QCOMPARE(sim.endpoint(Side::Client).received().str(), std::string(3000, 'y'));
    }

    // =========================================================================================
    // Tests shared by the synchronized states (and SYN-RECEIVED where the RFC says so).
    // =========================================================================================
    void synchronized_rstAtRcvNxtResets_data()
    {
        addStartStates({TcpState::Established, TcpState::FinWait1, TcpState::FinWait2, TcpState::CloseWait});
    }
    void synchronized_rstAtRcvNxtResets()
    {
        QFETCH(TcpState, start);
        const Side side = build(start);
        QCOMPARE(receive(side, segment(Rst, tcb(side).rcvNxt)), Rule::RstReset);
        QCOMPARE(state(side), TcpState::Closed);
        QCOMPARE(lastEvent(EventKind::Error)->text, std::string("connection reset"));
        QVERIFY(!sim.nextTimer(side));
    }

    void synchronized_rstInWindowGetsChallengeAck_data()
    {
        addStartStates({TcpState::SynReceived, TcpState::Established, TcpState::FinWait1, TcpState::FinWait2, TcpState::CloseWait, TcpState::LastAck});
    }
    void synchronized_rstInWindowGetsChallengeAck()
    {
        QFETCH(TcpState, start);
        const Side side = build(start);
        QCOMPARE(receive(side, segment(Rst, tcb(side).rcvNxt + 10)), Rule::RstChallengeAck);
        QCOMPARE(state(side), start);
        const Segment &challenge = lastSent(side);
        QCOMPARE(challenge.flags, std::uint8_t(Ack));
        QCOMPARE(challenge.seq, tcb(side).sndNxt);
        QCOMPARE(challenge.ack, tcb(side).rcvNxt);
    }

    void synchronized_rstOutsideWindowDropped_data()
    {
        addStartStates({TcpState::SynReceived, TcpState::Established, TcpState::FinWait1, TcpState::FinWait2, TcpState::CloseWait, TcpState::Closing, TcpState::LastAck, TcpState::TimeWait});
    }
    void synchronized_rstOutsideWindowDropped()
    {
        QFETCH(TcpState, start);
        const Side side = build(start);
        const std::size_t before = inFlightCount(side);
        QCOMPARE(receive(side, segment(Rst, tcb(side).rcvNxt - 1)), Rule::RstOutsideWindowDropped);
        QCOMPARE(state(side), start);
        QCOMPARE(inFlightCount(side), before);
    }

    void synchronized_synGetsChallengeAck_data()
    {
        addStartStates({TcpState::Established, TcpState::FinWait1, TcpState::FinWait2, TcpState::CloseWait, TcpState::Closing, TcpState::LastAck});
    }
    void synchronized_synGetsChallengeAck()
    {
        QFETCH(TcpState, start);
        const Side side = build(start);
        QCOMPARE(receive(side, segment(Syn, tcb(side).rcvNxt)), Rule::SynChallengeAck);
        QCOMPARE(state(side), start);
        QCOMPARE(lastSent(side).flags, std::uint8_t(Ack));
        QCOMPARE(lastSent(side).ack, tcb(side).rcvNxt);
    }

    void synchronized_unacceptableSegmentGetsAck_data()
    {
        QTest::addColumn<int>("offset"); // SEG.SEQ - RCV.NXT
        QTest::addColumn<QString>("data");
        QTest::newRow("old data") << -10 << "abcde";
        QTest::newRow("bare ACK beyond the window") << 70000 << "";
        QTest::newRow("data beyond the window") << 65535 << "abc";
    }
    void synchronized_unacceptableSegmentGetsAck()
    {
        QFETCH(int, offset);
        QFETCH(QString, data);
        established();
        const SeqNum seq = tcb(Side::Server).rcvNxt + static_cast<SeqNum>(offset);
        QCOMPARE(receive(Side::Server, segment(Ack | (data.isEmpty() ? 0 : Psh), seq, serverIss + 1, data.toStdString())),
                 Rule::UnacceptableSegmentAck);
        QCOMPARE(lastSent(Side::Server).flags, std::uint8_t(Ack));
        QCOMPARE(lastSent(Side::Server).ack, clientIss + 1);
        QCOMPARE(sim.endpoint(Side::Server).received().str(), std::string());
    }

    void synchronized_abortSendsRst_data()
    {
        addStartStates({TcpState::Established, TcpState::FinWait1, TcpState::FinWait2, TcpState::CloseWait});
    }
    void synchronized_abortSendsRst()
    {
        QFETCH(TcpState, start);
        const Side side = build(start);
        const SeqNum sndNxt = tcb(side).sndNxt;
        sim.abort(side);
        QCOMPARE(state(side), TcpState::Closed);
        QCOMPARE(lastRule(EventKind::Transition), Rule::AbortSendsRst);
        QCOMPARE(lastSent(side).flags, std::uint8_t(Rst));
        QCOMPARE(lastSent(side).seq, sndNxt);
    }

    void lateStates_rstCloses_data()
    {
        addStartStates({TcpState::Closing, TcpState::LastAck, TcpState::TimeWait});
    }
    void lateStates_rstCloses()
    {
        QFETCH(TcpState, start);
        const Side side = build(start);
        QCOMPARE(receive(side, segment(Rst, tcb(side).rcvNxt)), Rule::LateStateRst);
        QCOMPARE(state(side), TcpState::Closed);
    }

    void lateStates_abortSendsNoRst_data() { lateStates_rstCloses_data(); }
    void lateStates_abortSendsNoRst()
    {
        QFETCH(TcpState, start);
        const Side side = build(start);
        const std::size_t before = inFlightCount(side);
        sim.abort(side);
        QCOMPARE(state(side), TcpState::Closed);
        QCOMPARE(lastRule(EventKind::Transition), Rule::LateStateAbort);
        QCOMPARE(inFlightCount(side), before);
    }

    void closingStates_closeAgainIsAnError_data()
    {
        addStartStates({TcpState::FinWait1, TcpState::FinWait2, TcpState::Closing, TcpState::LastAck, TcpState::TimeWait});
    }
    void closingStates_closeAgainIsAnError()
    {
        QFETCH(TcpState, start);
        const Side side = build(start);
        const std::size_t before = inFlightCount(side);
        sim.close(side);
        QCOMPARE(lastRule(EventKind::Error), Rule::CloseWhileClosing);
        QCOMPARE(lastEvent(EventKind::Error)->text, std::string("connection closing"));
        QCOMPARE(state(side), start);
        QCOMPARE(inFlightCount(side), before); // no second FIN
    }

    void closingStates_sendIsAnError_data() { closingStates_closeAgainIsAnError_data(); }
    void closingStates_sendIsAnError()
    {
        QFETCH(TcpState, start);
        const Side side = build(start);
        sim.send(side, "late");
        QCOMPARE(lastRule(EventKind::Error), Rule::ErrorConnectionClosing);
        QCOMPARE(sim.endpoint(side).sent().str(), std::string());
    }

    // =========================================================================================
    // Tests for the FIN-WAIT-1 state.
    // =========================================================================================
    void finWait1_ackOfFinEntersFinWait2()
    {
        finWait1();
        QCOMPARE(receive(Side::Client, segment(Ack, serverIss + 1, clientIss + 2)), Rule::FinWait1AckOfFin);
        QCOMPARE(state(Side::Client), TcpState::FinWait2);
        QVERIFY(!sim.nextTimer(Side::Client));
    }

    void finWait1_finBeforeAckEntersClosing()
    {
        finWait1();
        QCOMPARE(receive(Side::Client, segment(Fin | Ack, serverIss + 1, clientIss + 1)), Rule::FinWait1Fin);
        QCOMPARE(state(Side::Client), TcpState::Closing);
        QCOMPARE(lastSent(Side::Client).flags, std::uint8_t(Ack));
        QCOMPARE(lastSent(Side::Client).ack, serverIss + 2);
    }

    void finWait1_finAckingOurFinEntersTimeWait()
    {
        finWait1();
        QCOMPARE(receive(Side::Client, segment(Fin | Ack, serverIss + 1, clientIss + 2)), Rule::FinWait1FinAck);
        QCOMPARE(state(Side::Client), TcpState::TimeWait);
        QCOMPARE(lastSent(Side::Client).ack, serverIss + 2);
        QCOMPARE(sim.nextTimer(Side::Client), std::optional<std::uint64_t>(sim.now() + twoMsl()));
    }

    void finWait1_lostFinRetransmitted()
    {
        finWait1();
        sim.drop(Side::Client);
        QVERIFY(sim.fireTimer(Side::Client));
        QCOMPARE(lastSent(Side::Client).flags, std::uint8_t(Fin | Ack));
        QVERIFY(lastSent(Side::Client).retransmission);
    }

    // =========================================================================================
    // Tests for the FIN-WAIT-2 state.
    // =========================================================================================
    void finWait2_finEntersTimeWait()
    {
        finWait2();
        QCOMPARE(receive(Side::Client, segment(Fin | Ack, serverIss + 1, clientIss + 2)), Rule::FinWait2Fin);
        QCOMPARE(state(Side::Client), TcpState::TimeWait);
        QCOMPARE(lastSent(Side::Client).ack, serverIss + 2);
        QCOMPARE(sim.nextTimer(Side::Client), std::optional<std::uint64_t>(sim.now() + twoMsl()));
    }

    void finWait2_dataStillArrives()
    {
        finWait2();
        QCOMPARE(receive(Side::Client, segment(Psh | Ack, serverIss + 1, clientIss + 2, "more")), Rule::FinWait2Data);
        QCOMPARE(state(Side::Client), TcpState::FinWait2);
        QCOMPARE(sim.endpoint(Side::Client).received().str(), std::string("more"));
        QCOMPARE(lastSent(Side::Client).ack, serverIss + 5);
    }

    // =========================================================================================
    // Tests for the CLOSE-WAIT state.
    // =========================================================================================
    void closeWait_sendStillAllowed()
    {
        closeWait();
        sim.send(Side::Server, "more");
        QCOMPARE(lastRule(EventKind::Call), Rule::CloseWaitSend);
        QCOMPARE(lastSent(Side::Server).flags, std::uint8_t(Psh | Ack));
        QCOMPARE(lastSent(Side::Server).data, std::string("more"));
    }

    void closeWait_closeEntersLastAck()
    {
        closeWait();
        sim.close(Side::Server);
        QCOMPARE(state(Side::Server), TcpState::LastAck);
        QCOMPARE(lastRule(EventKind::Transition), Rule::CloseWaitClose);
        QCOMPARE(lastSent(Side::Server).flags, std::uint8_t(Fin | Ack));
        QCOMPARE(lastSent(Side::Server).ack, clientIss + 2);
    }

    // =========================================================================================
    // Tests for the CLOSING state.
    // =========================================================================================
    void closing_ackOfFinEntersTimeWait()
    {
        closing();
        QCOMPARE(receive(Side::Server, segment(Ack, clientIss + 2, serverIss + 2)), Rule::ClosingAckOfFin);
        QCOMPARE(state(Side::Server), TcpState::TimeWait);
        QVERIFY(sim.nextTimer(Side::Server));
    }

    // =========================================================================================
    // Tests for the LAST-ACK state.
    // =========================================================================================
    void lastAck_ackOfFinCloses()
    {
        lastAck();
        QCOMPARE(receive(Side::Server, segment(Ack, clientIss + 2, serverIss + 2)), Rule::LastAckAckOfFin);
        QCOMPARE(state(Side::Server), TcpState::Closed);
        QVERIFY(!sim.nextTimer(Side::Server));
    }

    void lastAck_lostFinRetransmitted()
    {
        lastAck();
        sim.drop(Side::Server);
        QVERIFY(sim.fireTimer(Side::Server));
        QCOMPARE(lastSent(Side::Server).flags, std::uint8_t(Fin | Ack));
        QCOMPARE(lastSent(Side::Server).seq, serverIss + 1);
        QVERIFY(lastSent(Side::Server).retransmission);
    }

    // =========================================================================================
    // Tests for the TIME-WAIT state.
    // =========================================================================================
    void timeWait_retransmittedFinReAckedAndTimerRestarted()
    {
        timeWait();
        sim.drop(Side::Client); // the last ACK is lost
        QVERIFY(sim.fireTimer(Side::Server)); // LAST-ACK retransmits its FIN at t = 1 s
        QCOMPARE(sim.now(), std::uint64_t(1000));
        sim.deliver(Side::Server);
        QCOMPARE(lastRule(EventKind::Deliver), Rule::TimeWaitFinReAck);
        QCOMPARE(state(Side::Client), TcpState::TimeWait);
        QCOMPARE(lastSent(Side::Client).ack, serverIss + 2);
        QCOMPARE(sim.nextTimer(Side::Client), std::optional<std::uint64_t>(1000 + twoMsl()));
    }

    void timeWait_expiresAfterTwoMsl_data()
    {
        QTest::addColumn<uint>("mslMs");
        QTest::newRow("default MSL 30 s") << 30000u;
        QTest::newRow("MSL 2 min (RFC)") << 120000u;
    }
    void timeWait_expiresAfterTwoMsl()
    {
        QFETCH(uint, mslMs);
        SimulationConfig config;
        config.mslMs = mslMs;
        newSimulation(config);
        timeWait();
        QVERIFY(sim.fireTimer(Side::Client));
        QCOMPARE(sim.now(), std::uint64_t(2) * mslMs);
        QCOMPARE(state(Side::Client), TcpState::Closed);
        QCOMPARE(lastRule(EventKind::Transition), Rule::TimeWaitExpired);
        QVERIFY(!sim.fireTimer(Side::Client));
    }

    // =========================================================================================
    // Sequence numbers across the 2^32 wrap.
    // =========================================================================================
    void wrap_conversationAcrossTheWrap_data()
    {
        QTest::addColumn<uint>("clientStart");
        QTest::addColumn<uint>("serverStart");
        QTest::newRow("Figure 6 numbers") << 100u << 300u;
        QTest::newRow("client ISS 2^32-1") << 4294967295u << 300u;
        QTest::newRow("both near 2^32") << 4294967290u << 4294967293u;
    }
    void wrap_conversationAcrossTheWrap()
    {
        QFETCH(uint, clientStart);
        QFETCH(uint, serverStart);
        sim = Simulation();
        sim.setIsn(Side::Client, clientStart);
        sim.setIsn(Side::Server, serverStart);
        established();
        QCOMPARE(tcb(Side::Client).sndNxt, SeqNum(clientStart + 1));
        sim.send(Side::Client, "0123456789");
        sim.send(Side::Server, "abc");
        QVERIFY(sim.settle());
        QCOMPARE(sim.endpoint(Side::Server).received().str(), std::string("0123456789"));
        QCOMPARE(sim.endpoint(Side::Client).received().str(), std::string("abc"));
        QCOMPARE(tcb(Side::Client).sndUna, SeqNum(clientStart + 11));
        sim.close(Side::Client);
        QVERIFY(sim.settle());
        sim.close(Side::Server);
        QVERIFY(sim.settle());
        QCOMPARE(state(Side::Client), TcpState::TimeWait);
        QCOMPARE(state(Side::Server), TcpState::Closed);
        QCOMPARE(tcb(Side::Client).rcvNxt, SeqNum(serverStart + 5));
    }

    // A copy of the model (Back's checkpoints) keeps what was received up to the copy, however
    // the original or the copy goes on, and shares the bytes instead of copying them.
    void receivedBytes_copiesKeepTheirOwnHistory()
    {
        newSimulation();
        established();
        sim.send(Side::Client, "one ");
        QVERIFY(sim.settle());
        const Simulation checkpoint = sim;
        QCOMPARE(checkpoint.endpoint(Side::Server).received().view().data(),
                 sim.endpoint(Side::Server).received().view().data()); // shared, not copied
        sim.send(Side::Client, "two");
        QVERIFY(sim.settle());
        QCOMPARE(sim.endpoint(Side::Server).received().str(), std::string("one two"));
        QCOMPARE(checkpoint.endpoint(Side::Server).received().str(), std::string("one "));
        Simulation back = checkpoint; // Back: the checkpoint goes on differently
        back.send(Side::Client, "2");
        QVERIFY(back.settle());
        QCOMPARE(back.endpoint(Side::Server).received().str(), std::string("one 2"));
        QCOMPARE(sim.endpoint(Side::Server).received().str(), std::string("one two"));
        QCOMPARE(checkpoint.endpoint(Side::Server).received().str(), std::string("one "));
        QCOMPARE(back.endpoint(Side::Client).sent().str(), std::string("one 2"));
        QCOMPARE(sim.endpoint(Side::Client).sent().str(), std::string("one two"));
    }
};

QTEST_APPLESS_MAIN(TestEndpoint)
#include "tst_endpoint.moc"
