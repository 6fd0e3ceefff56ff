// SPDX-License-Identifier: GPL-3.0-or-later
// The Simulation as a value: snapshots, determinism, the network operations, event origins.
#include "tcpsim/model/simulation.h"

#include <QTest>

using namespace tcpsim;

namespace {
Simulation handshakeInFlight(SimulationConfig config = {})
{
    Simulation sim(config);
    sim.listen(Side::Server);
    sim.connect(Side::Client);
    return sim;
}
} // namespace

class TestSimulation : public QObject
{
    Q_OBJECT

private slots:
    void copy_isAnIndependentSnapshot()
    {
        Simulation sim = handshakeInFlight();
        const Simulation snapshot = sim;
        QVERIFY(sim.settle());
        QCOMPARE(sim.endpoint(Side::Client).state(), TcpState::Established);
        QCOMPARE(snapshot.endpoint(Side::Client).state(), TcpState::SynSent);
        QCOMPARE(snapshot.inFlight(Side::Client).size(), std::size_t(1));
        // Stepping the snapshot forward reproduces the same events.
        Simulation replay = snapshot;
        QVERIFY(replay.settle());
        QCOMPARE(replay.events().size(), sim.events().size());
        QCOMPARE(replay.inFlight(Side::Server), sim.inFlight(Side::Server));
    }

    void takeEvents_movesOutWhatWasRecordedAndKeepsCounting()
    {
        Simulation sim = handshakeInFlight();
        const std::vector<Event> before = sim.events();
        QCOMPARE(sim.eventCount(), before.size());
        std::vector<Event> taken = sim.takeEvents();
        QVERIFY(taken == before);
        QVERIFY(sim.events().empty());
        QCOMPARE(sim.eventCount(), before.size());
        QVERIFY(sim.takeEvents().empty());

        // Only what is recorded after the take is there; the count goes on from the total.
        QVERIFY(sim.deliver(Side::Client));
        QVERIFY(!sim.events().empty());
        QCOMPARE(sim.events().front().kind, EventKind::Deliver);
        QCOMPARE(sim.eventCount(), before.size() + sim.events().size());

        // A copy taken now carries only the events since the take: a small checkpoint.
        const Simulation checkpoint = sim;
        QCOMPARE(checkpoint.events().size(), sim.events().size());
        QCOMPARE(checkpoint.eventCount(), sim.eventCount());
    }

    void randomIsn_deterministicPerSeed()
    {
        SimulationConfig config;
        config.seed = 42;
        Simulation first = handshakeInFlight(config);
        Simulation second = handshakeInFlight(config);
        QCOMPARE(first.inFlight(Side::Client).front().seq, second.inFlight(Side::Client).front().seq);
        config.seed = 43;
        Simulation other = handshakeInFlight(config);
        QVERIFY(other.inFlight(Side::Client).front().seq != first.inFlight(Side::Client).front().seq);
    }

    void setIsn_usedByTheNextOpenOnly()
    {
        Simulation sim;
        sim.setIsn(Side::Client, 4294967295u);
        sim.connect(Side::Client);
        QCOMPARE(sim.inFlight(Side::Client).back().seq, SeqNum(4294967295u));
        QCOMPARE(sim.endpoint(Side::Client).tcb().sndNxt, SeqNum(0));
    }

    void deliverDropTimeout_falseWhenNothingThere()
    {
        Simulation sim;
        QVERIFY(!sim.deliver(Side::Client));
        QVERIFY(!sim.drop(Side::Server));
        QVERIFY(!sim.fireTimer(Side::Client));
        QVERIFY(!sim.dropById(1));
        QVERIFY(sim.events().empty());
    }

    void dropById_removesThatSegment()
    {
        Simulation sim = handshakeInFlight();
        sim.send(Side::Client, "queued"); // SYN-SENT: queued, not sent
        const std::uint64_t id = sim.inFlight(Side::Client).front().id;
        QVERIFY(sim.dropById(id));
        QVERIFY(sim.inFlight(Side::Client).empty());
        QCOMPARE(sim.events().back().kind, EventKind::Drop);
        QCOMPARE(sim.events().back().segment->id, id);
        QVERIFY(!sim.dropById(id));
    }

    void settle_oldestFirstAcrossDirections()
    {
        Simulation sim;
        sim.setIsn(Side::Client, 100);
        sim.setIsn(Side::Server, 300);
        sim.connect(Side::Client); // #1
        sim.connect(Side::Server); // #2
        QVERIFY(sim.settle());
        std::vector<std::uint64_t> deliveredIds;
        for (const Event &event : sim.events()) {
            if (event.kind == EventKind::Deliver)
                deliveredIds.push_back(event.segment->id);
        }
        QVERIFY(std::is_sorted(deliveredIds.begin(), deliveredIds.end()));
        QCOMPARE(deliveredIds.front(), std::uint64_t(1));
        QCOMPARE(sim.endpoint(Side::Client).state(), TcpState::Established);
        QCOMPARE(sim.endpoint(Side::Server).state(), TcpState::Established);
    }

    void settle_boundStops()
    {
        Simulation sim = handshakeInFlight();
        QVERIFY(!sim.settle(1)); // SYN delivered, the SYN,ACK still in flight
        QCOMPARE(sim.inFlight(Side::Server).size(), std::size_t(1));
        QVERIFY(sim.settle(2));
    }

    void inject_isDeliveredAtOnceAsCrafted()
    {
        Simulation sim;
        sim.listen(Side::Server);
        Segment syn;
        syn.flags = Syn;
        syn.seq = 7;
        sim.inject(Side::Server, syn);
        const auto deliver = std::find_if(sim.events().begin(), sim.events().end(),
                                          [](const Event &event) { return event.kind == EventKind::Deliver; });
        QVERIFY(deliver != sim.events().end());
        QCOMPARE(deliver->segment->id, std::uint64_t(0));
        QCOMPARE(deliver->segment->from, Side::Client);
        QCOMPARE(deliver->rule, Rule::ListenSyn);
    }

    void events_carryOriginAndTime()
    {
        Simulation sim;
        sim.setOrigin(12, 3);
        sim.connect(Side::Client);
        sim.drop(Side::Client);
        sim.setOrigin(13, 4);
        sim.fireTimer(Side::Client);
        for (const Event &event : sim.events()) {
            QVERIFY(event.line == 12 || event.line == 13);
            QCOMPARE(event.step, std::size_t(event.line == 12 ? 3 : 4));
            QCOMPARE(event.time, std::uint64_t(event.line == 12 ? 0 : 1000));
        }
        QCOMPARE(sim.events().front().kind, EventKind::Call);
        QCOMPARE(sim.events().front().rule, Rule::ClosedActiveOpen);
        QCOMPARE(sim.events().back().segment->retransmission, true);
    }

    void oneWayDelay_advancesTheClock()
    {
        SimulationConfig config;
        config.oneWayDelayMs = 5;
        Simulation sim = handshakeInFlight(config);
        QVERIFY(sim.settle());
        QCOMPARE(sim.now(), std::uint64_t(15)); // SYN, SYN+ACK, ACK
    }

    void recordExpect_keepsTheVerdict()
    {
        Simulation sim;
        sim.recordExpect(Side::Server, Verdict::Failed, "expected server LISTEN, got server CLOSED");
        QCOMPARE(sim.events().back().kind, EventKind::Expect);
        QCOMPARE(sim.events().back().passed, false);
        QCOMPARE(sim.events().back().side, Side::Server);
    }

    void names_everyKindAndRuleHasText()
    {
        QCOMPARE(eventKindName(EventKind::Transition), std::string_view("transition"));
        QCOMPARE(timerKindName(TimerKind::TimeWait), std::string_view("time-wait"));
        for (int value = 1; value <= int(lastRule); ++value) {
            const Rule rule = Rule(value);
            QVERIFY2(!ruleInfo(rule).section.empty(), ruleName(rule).data());
            QVERIFY2(ruleInfo(rule).summary.ends_with('.'), ruleName(rule).data());
            QVERIFY(ruleName(rule) != "?");
        }
    }
};

QTEST_APPLESS_MAIN(TestSimulation)
#include "tst_simulation.moc"
