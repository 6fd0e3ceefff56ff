// SPDX-License-Identifier: GPL-3.0-or-later
// One TCP endpoint: its state and its Transmission Control Block (RFC 9293 §3.3.1).
// The observers are read-only views for the app and the tests; the host (Simulation) drives it
// through the user calls, SEGMENT ARRIVES and the timer, each given the EndpointContext it runs in.
#pragma once

#include "tcpsim/model/bytehistory.h"
#include "tcpsim/model/endpointcontext.h"
#include "tcpsim/model/event.h"
#include "tcpsim/model/segment.h"
#include "tcpsim/model/sequence.h"
#include "tcpsim/model/state.h"

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

namespace tcpsim {

// The send and receive sequence variables of §3.3.1.
struct TransmissionControlBlock {
    SeqNum iss = 0;     // initial send sequence number
    SeqNum sndUna = 0;  // oldest unacknowledged sequence number
    SeqNum sndNxt = 0;  // next sequence number to be sent
    std::uint32_t sndWnd = 0;
    std::uint16_t sndMss = 536; // effective send MSS (§3.7.1), from the peer's SYN
    SeqNum irs = 0;     // initial receive sequence number
    SeqNum rcvNxt = 0;  // next sequence number expected
    std::uint32_t rcvWnd = 65535;
    // What both SYNs negotiated (RFC 7323, RFC 2018; the Linux profile only): windows after the
    // handshake are sent >> rcvWindowShift and read << sndWindowShift; timestamps go on every
    // segment, echoing the last TSval received.
    std::uint8_t sndWindowShift = 0;
    std::uint8_t rcvWindowShift = 0;
    bool windowScaling = false;
    bool timestamps = false;
    bool sackPermitted = false;
    std::uint32_t tsRecent = 0;
};

class Endpoint {
public:
    Endpoint() = default;
    explicit Endpoint(Side side) : m_side(side) {}

    Side side() const { return m_side; }
    TcpState state() const { return m_state; }
    const TransmissionControlBlock &tcb() const { return m_tcb; }
    // Data received and already returned to the application by recv(), in order.
    const ByteHistory &received() const { return m_received; }
    // Data the application sent, in order (what the peer should eventually receive).
    const ByteHistory &sent() const { return m_sent; }
    // The peer's FIN arrived (recv() has returned 0).
    bool endOfStream() const { return m_endOfStream; }
    // An established connection waits in the accept queue (server side, accept() not yet called).
    bool awaitingAccept() const { return m_awaitingAccept; }
    // The application holds the connection: connect() returned or accept() returned.
    bool applicationHasConnection() const { return m_applicationHasConnection; }
    // The SYN-RECEIVED was reached from LISTEN (a RST sends it back there, §3.10.7.4).
    bool openedPassively() const { return m_openedPassively; }
    // The application called close() (no more SENDs, §3.10.4).
    bool closeRequested() const { return m_closeRequested; }
    int retransmissionCount() const { return m_retransmissionCount; }
    // Deadline of the pending timer (virtual ms), if one runs.
    std::optional<std::uint64_t> timerDeadline() const;

    // The ISN of the next open (a script's `isn`); without it the context's random source picks.
    void setNextIsn(SeqNum isn) { m_nextIsn = isn; }

    // User calls (§3.10.1-3.10.5): each returns the rule that decided the call.
    Rule listen(EndpointContext &context);
    Rule connect(EndpointContext &context);
    Rule accept(EndpointContext &context);
    Rule send(EndpointContext &context, const std::string &data);
    Rule close(EndpointContext &context);
    Rule abort(EndpointContext &context);

    // SEGMENT ARRIVES (§3.10.7): returns the rule that decided the segment's fate.
    Rule receive(EndpointContext &context, const Segment &segment);
    // A copy of a listener takes the ACK that returns a valid SYN cookie (Linux
    // cookie_v4_check): the connection is rebuilt from the ACK, LISTEN -> ESTABLISHED.
    Rule openFromCookie(EndpointContext &context, const Segment &ack);

    // The pending timer fires (§3.10.8). The host has already moved its clock to the deadline.
    void fireTimer(EndpointContext &context);

private:
    // Exactly one member function assigns m_state, and it records a Transition with its cause.

    // Why something happened: the user call, arriving segment or timer a record points back to.
    struct Cause {
        CauseKind kind = CauseKind::None;
        Call call = Call::None;
        std::optional<Segment> segment;
        TimerKind timer = TimerKind::None;
    };
    static Cause callCause(Call call);
    static Cause segmentCause(const Segment &segment);
    static Cause timerCause(TimerKind timer);
    static Event eventWithCause(EventKind kind, Rule rule, const Cause &cause);

    // The only writer of m_state.
    void setState(EndpointContext &context, TcpState next, Rule rule, const Cause &cause);
    void record(EndpointContext &context, Event event) const;
    void recordError(EndpointContext &context, Rule rule, const Cause &cause, std::string message) const;
    void recordReturn(EndpointContext &context, Rule rule, const Cause &cause, std::string text = {}) const;

    void takeFromAcceptQueue(EndpointContext &context, const Cause &cause);

    // SEGMENT ARRIVES, per state.
    Rule receiveInClosed(EndpointContext &context, const Segment &segment);
    Rule receiveInListen(EndpointContext &context, const Segment &segment);
    Rule receiveInSynSent(EndpointContext &context, const Segment &segment);
    Rule receiveOtherwise(EndpointContext &context, const Segment &segment);
    Rule processSegment(EndpointContext &context, const Segment &segment);
    // The steps of §3.10.7.4 in the RFC's order; a step that decides the segment's fate returns
    // its rule, and processing stops there.
    struct Arrival;
    std::optional<Rule> checkSequence(EndpointContext &context, const Arrival &arrival);  // first
    std::optional<Rule> checkRst(EndpointContext &context, const Arrival &arrival);       // second
    std::optional<Rule> checkSyn(EndpointContext &context, const Arrival &arrival);       // fourth
    std::optional<Rule> processAck(EndpointContext &context, Arrival &arrival);           // fifth
    std::optional<Rule> processText(EndpointContext &context, Arrival &arrival);          // seventh
    void processFin(EndpointContext &context, Arrival &arrival);                          // eighth
    bool isAcceptable(const Segment &segment) const;
    // Received data waits in the receive buffer instead of returning from recv() at once
    // (EndpointContext::applicationReadsNow).
    static bool applicationReadsItself(const EndpointContext &context) { return !context.applicationReadsNow(); }
    bool ourFinAcknowledged() const;

    // Output.
    enum class Opening : std::uint8_t { Active, Passive }; // connect() or listen()
    void openConnection(EndpointContext &context, Opening opening);
    SeqNum chooseIss(EndpointContext &context);
    void completeOpen(EndpointContext &context, const Cause &cause); // just entered ESTABLISHED
    void sendSyn(EndpointContext &context, std::uint8_t flags, Rule rule, const Cause &cause);
    void sendAck(EndpointContext &context, Rule rule, const Cause &cause);
    void sendFin(EndpointContext &context, Rule rule, const Cause &cause);
    void sendData(EndpointContext &context, const std::string &data, std::uint8_t flags, Rule rule,
                  const Cause &cause);
    // The output routine: sends what the usable window allows of the send buffer, in segments
    // of at most the effective send MSS, then a FIN waiting behind it; arms the persist timer
    // when the window holds data back. True when data went out.
    bool sendFromBuffer(EndpointContext &context, Rule rule, const Cause &cause);
    std::uint32_t usableWindow() const;
    std::uint16_t effectiveSendMss(const EndpointContext &context, std::uint16_t peerMss) const;
    void probeZeroWindow(EndpointContext &context, const Cause &cause);
    void sendRst(EndpointContext &context, SeqNum seq, Rule rule, const Cause &cause);
    void transmit(EndpointContext &context, Segment segment, Rule rule, const Cause &cause);
    void startTimeWait(EndpointContext &context);
    // The Linux profile's differences from the text (TCP-FACTS "Linux on the wire").
    static bool isLinux(const EndpointContext &context);
    void negotiateOptions(const EndpointContext &context, const Segment &syn); // a SYN arrived
    void addOptions(const EndpointContext &context, Segment &segment) const;  // what goes out
    std::uint16_t windowToSend(const EndpointContext &context, const Segment &segment) const;
    std::optional<Rule> linuxBeforeSequenceCheck(EndpointContext &context, const Segment &segment);
    void fireDelayedAck(EndpointContext &context);
    void acknowledgeUpTo(EndpointContext &context, SeqNum ack);

    Side m_side = Side::Client;
    TcpState m_state = TcpState::Closed;
    TransmissionControlBlock m_tcb;
    ByteHistory m_received; // shared with the model's copies (bytehistory.h)
    ByteHistory m_sent;
    bool m_endOfStream = false;
    bool m_awaitingAccept = false;
    bool m_applicationHasConnection = false;
    bool m_openedPassively = false;
    bool m_closeRequested = false;
    int m_retransmissionCount = 0;

    std::optional<SeqNum> m_nextIsn;        // `isn` of a script, used by the next open
    std::deque<Segment> m_retransmissionQueue; // sent, occupying sequence space, unacknowledged
    std::string m_sendBuffer;               // SENDs accepted but not yet sent (§3.10.2, §3.8.6.2.1)
    bool m_finQueued = false;               // CLOSE in SYN-RECEIVED with data queued (§3.10.4)
    std::optional<Rule> m_pendingFin;       // CLOSE's FIN, sent once the send buffer is empty
    bool m_finSent = false;
    SeqNum m_finSeq = 0;                    // sequence number our FIN occupies
    TimerKind m_timer = TimerKind::None;
    std::uint64_t m_timerDeadline = 0;
    std::optional<std::uint64_t> m_delayedAckDeadline; // an ACK held back (Linux profile)
    std::uint32_t m_rtoMs = 0;
};

} // namespace tcpsim
