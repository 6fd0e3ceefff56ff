// SPDX-License-Identifier: GPL-3.0-or-later
// The Linux profile: each place where the kernel parts from RFC 9293's text (TCP-FACTS "Linux
// on the wire") as a test, beside the RFC profile's behaviour for the same input, so a change
// to either shows. Numbers are Linux's on loopback: MSS 65495 (65483 with timestamps), window
// scale 7, SYN windows 65495 / 65483, windows of 512 << 7 afterwards, RTO 200 ms after an RTT
// sample, delayed ACK 40 ms, TIME-WAIT 60 s.
#include "tcpsim/model/scriptparser.h"
#include "tcpsim/model/scriptrunner.h"
#include "tcpsim/model/simulation.h"

#include <QTest>

using namespace tcpsim;
Q_DECLARE_METATYPE(Profile)

namespace {

constexpr SeqNum clientIss = 100;
constexpr SeqNum serverIss = 300;

Simulation simulation(Profile profile, std::uint32_t mslMs = 30000)
{
    SimulationConfig config;
    config.profile = profile;
    config.mslMs = mslMs;
    Simulation sim(config);
    sim.setIsn(Side::Client, clientIss);
    sim.setIsn(Side::Server, serverIss);
    return sim;
}

// listen, connect, the three segments of the handshake delivered.
void handshake(Simulation &sim)
{
    sim.listen(Side::Server);
    sim.connect(Side::Client);
    sim.deliver(Side::Client);
    sim.deliver(Side::Server);
    sim.deliver(Side::Client);
}

const Event *lastOf(const Simulation &sim, EventKind kind)
{
    const auto &events = sim.events();
    for (auto it = events.rbegin(); it != events.rend(); ++it) {
        if (it->kind == kind)
            return &*it;
    }
    return nullptr;
}

// The segments one side sent, in order.
std::vector<Segment> sentBy(const Simulation &sim, Side side)
{
    std::vector<Segment> sent;
    for (const Event &event : sim.events()) {
        if (event.kind == EventKind::Send && event.side == side)
            sent.push_back(*event.segment);
    }
    return sent;
}

std::string hex(const std::vector<std::uint8_t> &bytes, std::size_t from, std::size_t to)
{
    std::string text;
    static const char digits[] = "0123456789abcdef";
    for (std::size_t i = from; i < to && i < bytes.size(); ++i) {
        text += digits[bytes[i] >> 4];
        text += digits[bytes[i] & 15];
    }
    return text;
}

} // namespace

class TestLinuxProfile : public QObject
{
    Q_OBJECT

private slots:
    void handshake_synOptions();
    void handshake_peerWithoutOptionsGetsNone();
    void rfcProfile_segmentsCarryOnlyTheMss();
    void windows_scaledAfterTheHandshake();
    void wire_optionsInLinuxOrder();
    void finInEstablished_ackDelayed();
    void finInEstablished_closeInTimeCarriesTheAck();
    void abort_sendsRstAck_data();
    void abort_sendsRstAck();
    void simultaneousOpen_crossingSynAckAccepted();
    void duplicateSyn_synAckResent();
    void timeWait_fixedAt60s_data();
    void timeWait_fixedAt60s();
    void rto_200msAfterAnRttSample();
    void closedPort_bareRstWithZeroWindow();
    void script_profileHeader_data();
    void script_profileHeader();
    void script_badProfileNamesItsColumn();
    void script_commandLineOverridesTheHeader();
};

void TestLinuxProfile::handshake_synOptions()
{
    Simulation sim = simulation(Profile::Linux);
    handshake(sim);
    const auto client = sentBy(sim, Side::Client);
    const auto server = sentBy(sim, Side::Server);
    QCOMPARE(client.size(), std::size_t(2));
    QCOMPARE(server.size(), std::size_t(1));

    // tcpdump on loopback: [S] win 65495 <mss 65495,sackOK,TS val V ecr 0,nop,wscale 7>
    const Segment &syn = client[0];
    QCOMPARE(syn.mss, std::uint16_t(65495));
    QVERIFY(syn.sackPermitted);
    QCOMPARE(syn.windowScale, std::optional<std::uint8_t>(7));
    QVERIFY(syn.timestamps.has_value());
    QCOMPARE(syn.timestamps->echo, 0u);
    QCOMPARE(syn.window, std::uint16_t(65495));

    // [S.] win 65483 <mss 65495,sackOK,TS val W ecr V,nop,wscale 7>
    const Segment &synAck = server[0];
    QCOMPARE(synAck.mss, std::uint16_t(65495));
    QVERIFY(synAck.sackPermitted);
    QCOMPARE(synAck.windowScale, std::optional<std::uint8_t>(7));
    QCOMPARE(synAck.timestamps->echo, syn.timestamps->value);
    QCOMPARE(synAck.window, std::uint16_t(65483));

    // [.] win 512 <nop,nop,TS val V' ecr W>: scaled, no SYN options, timestamps on.
    const Segment &ack = client[1];
    QCOMPARE(ack.window, std::uint16_t(512));
    QCOMPARE(ack.mss, std::uint16_t(0));
    QVERIFY(!ack.sackPermitted);
    QVERIFY(!ack.windowScale);
    QCOMPARE(ack.timestamps->echo, synAck.timestamps->value);

    // The send MSS: 65495 less the 12-byte timestamps option, at most half the peer's SYN
    // window (tcp_bound_to_half_wnd; `ss -ti` on loopback: mss:32741 advmss:65483).
    QCOMPARE(sim.endpoint(Side::Client).tcb().sndMss, std::uint16_t(65483 / 2));
    QCOMPARE(sim.endpoint(Side::Server).tcb().sndMss, std::uint16_t(65495 / 2));
    QCOMPARE(sim.endpoint(Side::Client).state(), TcpState::Established);
    QCOMPARE(sim.endpoint(Side::Server).state(), TcpState::Established);
}

void TestLinuxProfile::handshake_peerWithoutOptionsGetsNone()
{
    // A peer whose SYN offers only the MSS (the RFC's minimum): Linux answers with the MSS
    // alone, sends unscaled windows and no timestamps (RFC 7323 §1.3: both SYNs must carry them).
    Simulation sim = simulation(Profile::Linux);
    sim.listen(Side::Server);
    Segment syn;
    syn.flags = Syn;
    syn.seq = clientIss;
    syn.mss = 1460;
    sim.inject(Side::Server, syn);
    const Segment synAck = sim.inFlight(Side::Server).back();
    QCOMPARE(synAck.flags, std::uint8_t(Syn | Ack));
    QCOMPARE(synAck.mss, std::uint16_t(65495));
    QVERIFY(!synAck.sackPermitted);
    QVERIFY(!synAck.windowScale);
    QVERIFY(!synAck.timestamps);
    QCOMPARE(sim.endpoint(Side::Server).tcb().sndMss, std::uint16_t(1460));

    Segment ack;
    ack.flags = Ack;
    ack.seq = clientIss + 1;
    ack.ack = serverIss + 1;
    ack.window = 100;
    sim.inject(Side::Server, ack);
    QCOMPARE(sim.endpoint(Side::Server).state(), TcpState::Established);
    QCOMPARE(sim.endpoint(Side::Server).tcb().sndWnd, 100u); // not scaled
    sim.send(Side::Server, "hi");
    const Segment data = sim.inFlight(Side::Server).back();
    QVERIFY(!data.timestamps);
    QCOMPARE(data.window, std::uint16_t(65535));
}

void TestLinuxProfile::rfcProfile_segmentsCarryOnlyTheMss()
{
    Simulation sim = simulation(Profile::Rfc9293);
    handshake(sim);
    for (Side side : {Side::Client, Side::Server}) {
        for (const Segment &segment : sentBy(sim, side)) {
            QVERIFY(!segment.sackPermitted);
            QVERIFY(!segment.windowScale);
            QVERIFY(!segment.timestamps);
            QCOMPARE(segment.window, std::uint16_t(65535));
            QCOMPARE(segment.mss, std::uint16_t(segment.has(Syn) ? 1460 : 0));
        }
    }
    QCOMPARE(sim.endpoint(Side::Client).tcb().sndMss, std::uint16_t(1460));
}

void TestLinuxProfile::windows_scaledAfterTheHandshake()
{
    Simulation sim = simulation(Profile::Linux);
    handshake(sim);
    // RFC 7323 §2.3: the peer's window field is shifted by the scale its SYN announced.
    Segment update;
    update.flags = Ack;
    update.seq = sim.endpoint(Side::Server).tcb().rcvNxt;
    update.ack = sim.endpoint(Side::Server).tcb().sndNxt;
    update.window = 3;
    sim.inject(Side::Server, update);
    QCOMPARE(sim.endpoint(Side::Server).tcb().sndWnd, 3u << 7);
}

void TestLinuxProfile::wire_optionsInLinuxOrder()
{
    Simulation sim = simulation(Profile::Linux);
    handshake(sim);
    const auto client = sentBy(sim, Side::Client);
    const WireAddressing addressing{0x7F000001, 0x7F000001, 50000, 3267};

    const auto syn = encodeSegment(client[0], addressing);
    QCOMPARE(syn.size(), std::size_t(40)); // 20 + 20 bytes of options
    QCOMPARE(syn[12] >> 4, 10);            // data offset in 32-bit words
    // mss 65495 | sackOK + TS (kind 8, length 10) | nop, wscale 7
    QCOMPARE(hex(syn, 20, 26), std::string("0204ffd70402"));
    QCOMPARE(hex(syn, 26, 28), std::string("080a"));
    QCOMPARE(hex(syn, 36, 40), std::string("01030307"));
    QCOMPARE(tcpChecksum(syn, addressing), std::uint16_t(0));

    const auto ack = encodeSegment(client[1], addressing);
    QCOMPARE(ack.size(), std::size_t(32)); // nop, nop, TS: Linux's 32-byte header
    QCOMPARE(hex(ack, 20, 24), std::string("0101080a"));
    QCOMPARE(tcpChecksum(ack, addressing), std::uint16_t(0));

    const auto options = wireOptions(client[0]);
    QCOMPARE(options.size(), std::size_t(5)); // MSS, SACK-permitted, timestamps, NOP, window scale
    QCOMPARE(optionKindName(options[1].kind), std::string_view("SACK-permitted"));
    QCOMPARE(optionKindName(options[3].kind), std::string_view("NOP"));
}

void TestLinuxProfile::finInEstablished_ackDelayed()
{
    Simulation sim = simulation(Profile::Linux);
    handshake(sim);
    sim.close(Side::Client);
    const std::uint64_t finArrives = sim.now();
    sim.deliver(Side::Client);
    QCOMPARE(sim.endpoint(Side::Server).state(), TcpState::CloseWait);
    QCOMPARE(lastOf(sim, EventKind::Transition)->rule, Rule::LinuxFinAckDelayed);
    // Nothing answers the FIN yet: the ACK waits for the delayed-ACK timer (tcp_fin()).
    QVERIFY(sim.inFlight(Side::Server).empty());
    QCOMPARE(sim.nextTimer(Side::Server), std::optional<std::uint64_t>(finArrives + 40));

    QVERIFY(sim.fireTimer(Side::Server));
    QCOMPARE(lastOf(sim, EventKind::Timer)->timer, TimerKind::DelayedAck);
    QCOMPARE(lastOf(sim, EventKind::Timer)->rule, Rule::DelayedAckSent);
    QCOMPARE(sim.inFlight(Side::Server).size(), std::size_t(1));
    const Segment ack = sim.inFlight(Side::Server).back();
    QCOMPARE(ack.flags, std::uint8_t(Ack));
    QCOMPARE(ack.ack, sim.endpoint(Side::Server).tcb().rcvNxt);
    QCOMPARE(sim.nextTimer(Side::Server), std::nullopt);

    // The RFC profile ACKs the FIN at once (§3.10.7.4 eighth step).
    Simulation rfc = simulation(Profile::Rfc9293);
    handshake(rfc);
    rfc.close(Side::Client);
    rfc.deliver(Side::Client);
    QCOMPARE(rfc.inFlight(Side::Server).size(), std::size_t(1));
    QCOMPARE(lastOf(rfc, EventKind::Transition)->rule, Rule::EstablishedFin);
}

void TestLinuxProfile::finInEstablished_closeInTimeCarriesTheAck()
{
    Simulation sim = simulation(Profile::Linux);
    handshake(sim);
    sim.close(Side::Client);
    sim.deliver(Side::Client);
    sim.close(Side::Server); // before the 40 ms: FIN,ACK answers the FIN too
    QCOMPARE(sim.endpoint(Side::Server).state(), TcpState::LastAck);
    QCOMPARE(sim.inFlight(Side::Server).size(), std::size_t(1));
    const Segment fin = sim.inFlight(Side::Server).back();
    QCOMPARE(fin.flags, std::uint8_t(Fin | Ack));
    QCOMPARE(fin.ack, sim.endpoint(Side::Server).tcb().rcvNxt);
    // The delayed ACK is gone: what remains is the FIN's retransmission timer, 200 ms.
    QCOMPARE(sim.nextTimer(Side::Server), std::optional<std::uint64_t>(sim.now() + 200));
    // The client goes FIN-WAIT-1 -> TIME-WAIT on it: a three-segment teardown.
    sim.deliver(Side::Server);
    QCOMPARE(sim.endpoint(Side::Client).state(), TcpState::TimeWait);
    QCOMPARE(lastOf(sim, EventKind::Transition)->rule, Rule::FinWait1FinAck);
}

void TestLinuxProfile::abort_sendsRstAck_data()
{
    QTest::addColumn<Profile>("profile");
    QTest::addColumn<int>("flags");
    QTest::addColumn<bool>("acknowledges");
    QTest::newRow("RFC: <SEQ=SND.NXT><CTL=RST>") << Profile::Rfc9293 << int(Rst) << false;
    QTest::newRow("Linux: RST,ACK, ACK=RCV.NXT") << Profile::Linux << int(Rst | Ack) << true;
}

void TestLinuxProfile::abort_sendsRstAck()
{
    QFETCH(Profile, profile);
    QFETCH(int, flags);
    QFETCH(bool, acknowledges);
    Simulation sim = simulation(profile);
    handshake(sim);
    const TransmissionControlBlock before = sim.endpoint(Side::Client).tcb();
    sim.abort(Side::Client);
    QCOMPARE(sim.endpoint(Side::Client).state(), TcpState::Closed);
    const Segment reset = sim.inFlight(Side::Client).back();
    QCOMPARE(int(reset.flags), flags);
    QCOMPARE(reset.seq, before.sndNxt);
    if (acknowledges)
        QCOMPARE(reset.ack, before.rcvNxt);
    sim.deliver(Side::Client);
    QCOMPARE(sim.endpoint(Side::Server).state(), TcpState::Closed);
}

void TestLinuxProfile::simultaneousOpen_crossingSynAckAccepted()
{
    Simulation sim = simulation(Profile::Linux);
    sim.connect(Side::Client);
    sim.connect(Side::Server);
    sim.deliver(Side::Client); // client's SYN -> server SYN-RECEIVED, SYN,ACK out
    sim.deliver(Side::Server); // server's SYN -> client SYN-RECEIVED, SYN,ACK out
    QCOMPARE(sim.endpoint(Side::Client).state(), TcpState::SynReceived);
    QCOMPARE(sim.endpoint(Side::Server).state(), TcpState::SynReceived);
    sim.deliver(Side::Client); // client's SYN,ACK reaches the server
    QCOMPARE(sim.endpoint(Side::Server).state(), TcpState::Established);
    QCOMPARE(lastOf(sim, EventKind::Transition)->rule, Rule::LinuxSimultaneousSynAck);
    sim.deliver(Side::Server); // server's SYN,ACK reaches the client
    QCOMPARE(sim.endpoint(Side::Client).state(), TcpState::Established);
    QVERIFY(sim.settle());
    QCOMPARE(sim.endpoint(Side::Client).state(), TcpState::Established);
    QCOMPARE(sim.endpoint(Side::Server).state(), TcpState::Established);
    // SYN, SYN,ACK and the ACK of the old SYN each way.
    QCOMPARE(sentBy(sim, Side::Client).size(), std::size_t(3));
    QCOMPARE(sentBy(sim, Side::Server).size(), std::size_t(3));

    // The RFC's literal reading: the crossing SYN,ACK is not acceptable (its SYN lies below
    // RCV.NXT), so it is ACKed and dropped; ESTABLISHED comes with the peer's ACK.
    Simulation rfc = simulation(Profile::Rfc9293);
    rfc.connect(Side::Client);
    rfc.connect(Side::Server);
    rfc.deliver(Side::Client);
    rfc.deliver(Side::Server);
    rfc.deliver(Side::Client);
    QCOMPARE(rfc.endpoint(Side::Server).state(), TcpState::SynReceived);
}

void TestLinuxProfile::duplicateSyn_synAckResent()
{
    Simulation sim = simulation(Profile::Linux);
    sim.listen(Side::Server);
    sim.connect(Side::Client);
    const Segment syn = sim.inFlight(Side::Client).front();
    sim.deliver(Side::Client);
    QCOMPARE(sim.endpoint(Side::Server).state(), TcpState::SynReceived);
    const Segment synAck = sim.inFlight(Side::Server).front();
    sim.drop(Side::Server);
    sim.inject(Side::Server, syn); // the client's SYN again
    QCOMPARE(lastOf(sim, EventKind::Deliver)->rule, Rule::LinuxDuplicateSynResent);
    QCOMPARE(sim.endpoint(Side::Server).state(), TcpState::SynReceived);
    const Segment again = sim.inFlight(Side::Server).back();
    QCOMPARE(again.flags, std::uint8_t(Syn | Ack));
    QCOMPARE(again.seq, synAck.seq);
    QVERIFY(again.retransmission);
}

void TestLinuxProfile::timeWait_fixedAt60s_data()
{
    QTest::addColumn<Profile>("profile");
    QTest::addColumn<uint>("mslMs");
    QTest::addColumn<qulonglong>("timeWaitMs");
    QTest::newRow("RFC, MSL 30 s") << Profile::Rfc9293 << 30000u << 60000ull;
    QTest::newRow("RFC, MSL 120 s (the RFC's)") << Profile::Rfc9293 << 120000u << 240000ull;
    QTest::newRow("Linux ignores the MSL") << Profile::Linux << 120000u << 60000ull;
}

void TestLinuxProfile::timeWait_fixedAt60s()
{
    QFETCH(Profile, profile);
    QFETCH(uint, mslMs);
    QFETCH(qulonglong, timeWaitMs);
    Simulation sim = simulation(profile, mslMs);
    handshake(sim);
    sim.close(Side::Client);
    sim.deliver(Side::Client);
    sim.close(Side::Server);
    QVERIFY(sim.settle());
    QCOMPARE(sim.endpoint(Side::Client).state(), TcpState::TimeWait);
    const std::uint64_t entered = sim.now();
    QCOMPARE(sim.nextTimer(Side::Client), std::optional<std::uint64_t>(entered + timeWaitMs));
}

void TestLinuxProfile::rto_200msAfterAnRttSample()
{
    Simulation sim = simulation(Profile::Linux);
    // Before any sample the SYN is retried after 1 s (TCP_TIMEOUT_INIT) ...
    sim.listen(Side::Server);
    sim.connect(Side::Client);
    QCOMPARE(sim.nextTimer(Side::Client), std::optional<std::uint64_t>(sim.now() + 1000));
    sim.deliver(Side::Client);
    sim.deliver(Side::Server);
    sim.deliver(Side::Client);
    // ... after the handshake's sample, loopback's RTO is TCP_RTO_MIN.
    sim.send(Side::Client, "hello");
    QCOMPARE(sim.nextTimer(Side::Client), std::optional<std::uint64_t>(sim.now() + 200));
}

void TestLinuxProfile::closedPort_bareRstWithZeroWindow()
{
    Simulation sim = simulation(Profile::Linux);
    sim.connect(Side::Client); // nobody listens
    sim.deliver(Side::Client);
    const Segment reset = sim.inFlight(Side::Server).back();
    QCOMPARE(reset.flags, std::uint8_t(Rst | Ack));
    QCOMPARE(reset.window, std::uint16_t(0));
    QVERIFY(!reset.timestamps);
    sim.deliver(Side::Server);
    QCOMPARE(sim.endpoint(Side::Client).state(), TcpState::Closed);
}

void TestLinuxProfile::script_profileHeader_data()
{
    QTest::addColumn<QString>("header");
    QTest::addColumn<bool>("named");
    QTest::addColumn<Profile>("profile");
    QTest::newRow("none") << QString() << false << Profile::Rfc9293;
    QTest::newRow("rfc") << QStringLiteral("# profile: rfc\n") << true << Profile::Rfc9293;
    QTest::newRow("linux") << QStringLiteral("# profile: linux\n") << true << Profile::Linux;
    QTest::newRow("spaces") << QStringLiteral("  #   profile:   linux  \n") << true << Profile::Linux;
}

void TestLinuxProfile::script_profileHeader()
{
    QFETCH(QString, header);
    QFETCH(bool, named);
    QFETCH(Profile, profile);
    const std::string text = header.toStdString() + "server listen\nclient connect\nclient deliver\n";
    auto parsed = parseLesson(text, "lesson.tcp");
    QVERIFY(std::holds_alternative<Lesson>(parsed));
    const Lesson lesson = std::get<Lesson>(parsed);
    QCOMPARE(lesson.profile.has_value(), named);
    // The header survives a round trip through the writer.
    const auto again = parseLesson(lesson.toText(), "again.tcp");
    QCOMPARE(std::get<Lesson>(again).profile, lesson.profile);

    ScriptRunner runner(lesson);
    QCOMPARE(runner.simulation().config().profile, profile);
    runner.runToEnd();
    const Segment synAck = runner.simulation().inFlight(Side::Server).back();
    QCOMPARE(synAck.timestamps.has_value(), profile == Profile::Linux);
}

void TestLinuxProfile::script_badProfileNamesItsColumn()
{
    auto parsed = parseLesson("# title: x\n# profile: bsd\nserver listen\n", "lesson.tcp");
    QVERIFY(std::holds_alternative<ScriptError>(parsed));
    const ScriptError error = std::get<ScriptError>(parsed);
    QCOMPARE(error.line, 2);
    QCOMPARE(error.column, 12);
    QVERIFY2(error.toString().find("lesson.tcp:2:12: unknown profile 'bsd'") == 0, error.toString().c_str());
}

void TestLinuxProfile::script_commandLineOverridesTheHeader()
{
    const Lesson lesson = std::get<Lesson>(parseLesson("# profile: linux\nserver listen\n", "x.tcp"));
    SimulationConfig config;
    config.profile = Profile::Rfc9293;
    QCOMPARE(ScriptRunner(lesson, config).simulation().config().profile, Profile::Linux);
    config.profileOverridesLesson = true;
    QCOMPARE(ScriptRunner(lesson, config).simulation().config().profile, Profile::Rfc9293);
}

QTEST_APPLESS_MAIN(TestLinuxProfile)
#include "tst_linuxprofile.moc"
