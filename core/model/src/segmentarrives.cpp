// SPDX-License-Identifier: GPL-3.0-or-later
// SEGMENT ARRIVES (RFC 9293 §3.10.7): one function per state of the RFC's text, and for
// SYN-RECEIVED and the synchronized states one function per step of §3.10.7.4, in its order.
// Each check quotes the sentence it implements.
#include "tcpsim/model/endpoint.h"

#include <algorithm>

namespace tcpsim {

Rule Endpoint::receive(EndpointContext &context, const Segment &segment)
{
    switch (m_state) {
    case TcpState::Closed: return receiveInClosed(context, segment);
    case TcpState::Listen: return receiveInListen(context, segment);
    case TcpState::SynSent: return receiveInSynSent(context, segment);
    default: return receiveOtherwise(context, segment);
    }
}

Rule Endpoint::receiveInClosed(EndpointContext &context, const Segment &segment)
{
    const Cause cause = segmentCause(segment);
    // §3.10.7.1: "An incoming segment containing a RST is discarded."
    if (segment.has(Rst))
        return Rule::ClosedRstDropped;
    // "An incoming segment not containing a RST causes a RST to be sent in response ...
    // If the ACK bit is off, sequence number zero is used, <SEQ=0><ACK=SEG.SEQ+SEG.LEN>
    // <CTL=RST,ACK>. If the ACK bit is on, <SEQ=SEG.ACK><CTL=RST>".
    if (segment.has(Ack)) {
        sendRst(context, segment.ack, Rule::ClosedSegmentReplyRst, cause);
    } else {
        Segment reset;
        reset.seq = 0;
        reset.ack = segment.seq + segment.seqLength();
        reset.flags = Rst | Ack;
        transmit(context, reset, Rule::ClosedSegmentReplyRst, cause);
    }
    return Rule::ClosedSegmentReplyRst;
}

Rule Endpoint::receiveInListen(EndpointContext &context, const Segment &segment)
{
    const Cause cause = segmentCause(segment);
    // §3.10.7.2 first: "An incoming RST segment could not be valid ... should be ignored."
    if (segment.has(Rst))
        return Rule::ListenRstIgnored;
    // second: "Any acknowledgment is bad if it arrives on a connection still in the LISTEN
    // state. An acceptable reset segment should be formed ... <SEQ=SEG.ACK><CTL=RST>".
    if (segment.has(Ack)) {
        sendRst(context, segment.ack, Rule::ListenAckReplyRst, cause);
        return Rule::ListenAckReplyRst;
    }
    // third: "If the SYN bit is set ... Set RCV.NXT to SEG.SEQ+1, IRS is set to SEG.SEQ ...
    // ISS should be selected and a SYN segment sent of the form <SEQ=ISS><ACK=RCV.NXT>
    // <CTL=SYN,ACK>. SND.NXT is set to ISS+1 and SND.UNA to ISS. The connection state should
    // be changed to SYN-RECEIVED."
    if (segment.has(Syn)) {
        m_tcb.irs = segment.seq;
        m_tcb.rcvNxt = segment.seq + 1;
        m_tcb.sndWnd = segment.window;
        negotiateOptions(context, segment);
        m_tcb.sndMss = effectiveSendMss(context, segment.mss);
        m_tcb.iss = chooseIss(context);
        m_tcb.sndUna = m_tcb.iss;
        m_openedPassively = true;
        setState(context, TcpState::SynReceived, Rule::ListenSyn, cause);
        sendSyn(context, Syn | Ack, Rule::ListenSyn, cause);
        return Rule::ListenSyn;
    }
    // fourth: "Any other control or text-bearing segment (not containing SYN) must have an ACK
    // and thus would have been discarded by the ACK processing ... drop the segment and return."
    return Rule::ListenNoSynDropped;
}

Rule Endpoint::openFromCookie(EndpointContext &context, const Segment &ack)
{
    const Cause cause = segmentCause(ack);
    // The cookie SYN,ACK was <SEQ=ISS><ACK=IRS+1>: the ACK returns ISS+1 and carries IRS+1, so
    // the TCB of §3.10.7.2 "third" can be rebuilt as if SYN-RECEIVED had been passed through.
    m_tcb.irs = ack.seq - 1;
    m_tcb.rcvNxt = ack.seq;
    m_tcb.iss = ack.ack - 1;
    m_tcb.sndUna = ack.ack;
    m_tcb.sndNxt = ack.ack;
    m_tcb.sndWnd = ack.window;
    // The cookie keeps the peer's MSS only approximately (Linux: one of four values).
    m_tcb.sndMss = effectiveSendMss(context, context.config().mss);
    m_openedPassively = true;
    setState(context, TcpState::Established, Rule::CookieAckAccepted, cause);
    completeOpen(context, cause);
    return Rule::CookieAckAccepted;
}

Rule Endpoint::receiveInSynSent(EndpointContext &context, const Segment &segment)
{
    const Cause cause = segmentCause(segment);
    // §3.10.7.3 first: "If SEG.ACK =< ISS or SEG.ACK > SND.NXT, send a reset (unless the RST bit
    // is set, if so drop the segment and return) <SEQ=SEG.ACK><CTL=RST>".
    const bool ackAcceptable = segment.has(Ack) && seqInLeftOpen(m_tcb.sndUna, segment.ack, m_tcb.sndNxt);
    if (segment.has(Ack) && !ackAcceptable) {
        if (segment.has(Rst))
            return Rule::SynSentRstDropped;
        sendRst(context, segment.ack, Rule::SynSentBadAckReplyRst, cause);
        return Rule::SynSentBadAckReplyRst;
    }
    // second: "If the ACK was acceptable, then signal to the user 'error: connection reset',
    // drop the segment, enter CLOSED state ... Otherwise (no ACK), drop the segment and return."
    if (segment.has(Rst)) {
        if (!ackAcceptable)
            return Rule::SynSentRstDropped;
        setState(context, TcpState::Closed, Rule::SynSentRstRefused, cause);
        recordError(context, Rule::SynSentRstRefused, cause, "connection refused");
        return Rule::SynSentRstRefused;
    }
    // fifth: "If neither of the SYN or RST bits is set, then drop the segment and return."
    if (!segment.has(Syn))
        return Rule::SynSentNoSynNoRstDropped;

    // fourth: "RCV.NXT is set to SEG.SEQ+1, IRS is set to SEG.SEQ. SND.UNA should be advanced to
    // equal SEG.ACK (if there is an ACK) ..."
    m_tcb.irs = segment.seq;
    m_tcb.rcvNxt = segment.seq + 1;
    m_tcb.sndWnd = segment.window;
    negotiateOptions(context, segment);
    m_tcb.sndMss = effectiveSendMss(context, segment.mss);
    if (ackAcceptable)
        acknowledgeUpTo(context, segment.ack);
    // "If SND.UNA > ISS (our SYN has been ACKed), change the connection state to ESTABLISHED,
    // form an ACK segment <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> and send it."
    if (seqGt(m_tcb.sndUna, m_tcb.iss)) {
        setState(context, TcpState::Established, Rule::SynSentSynAck, cause);
        sendAck(context, Rule::SynSentSynAck, cause);
        completeOpen(context, cause);
        return Rule::SynSentSynAck;
    }
    // "Otherwise, enter SYN-RECEIVED, form a SYN,ACK segment <SEQ=ISS><ACK=RCV.NXT>
    // <CTL=SYN,ACK> and send it." It replaces our SYN in the retransmission queue.
    m_retransmissionQueue.clear();
    setState(context, TcpState::SynReceived, Rule::SynSentSimultaneousSyn, cause);
    sendSyn(context, Syn | Ack, Rule::SynSentSimultaneousSyn, cause);
    return Rule::SynSentSimultaneousSyn;
}

// ---------------------------------------------------------------------------------------------
// §3.10.7.4 Other states: SYN-RECEIVED, ESTABLISHED, FIN-WAIT-1/2, CLOSE-WAIT, CLOSING, LAST-ACK,
// TIME-WAIT
// ---------------------------------------------------------------------------------------------

// A segment on its way through the steps of §3.10.7.4.
struct Endpoint::Arrival {
    const Segment &segment;
    Cause cause;
    TcpState state;         // the state it arrived in
    // Text and FIN are taken only from RCV.NXT on: octets already received are trimmed off, and
    // a segment starting beyond RCV.NXT (one before it was lost) waits for its retransmission.
    std::string text;
    bool inOrder = false;   // what is left starts at RCV.NXT
    bool finArrives = false; // an in-order FIN
    Rule rule = Rule::DuplicateAckIgnored;  // the rule that decides the segment, so far
    std::optional<Rule> acknowledgeWith;    // one ACK answers the text and the FIN together
};

Rule Endpoint::receiveOtherwise(EndpointContext &context, const Segment &segment)
{
    if (const auto decided = linuxBeforeSequenceCheck(context, segment))
        return *decided;
    const Rule rule = processSegment(context, segment);
    // An ACK may have opened the send window: data and a FIN waiting for it go out now (data
    // queued before ESTABLISHED waits for it, §3.10.2).
    if (isSynchronized(m_state) && (!m_sendBuffer.empty() || m_pendingFin))
        sendFromBuffer(context, Rule::DataSent, segmentCause(segment));
    return rule;
}

Rule Endpoint::processSegment(EndpointContext &context, const Segment &segment)
{
    Arrival arrival{.segment = segment, .cause = segmentCause(segment), .state = m_state,
                    .text = segment.data, .inOrder = false, .finArrives = false,
                    .rule = Rule::DuplicateAckIgnored, .acknowledgeWith = std::nullopt};
    SeqNum textSeq = segment.seq;
    if (seqLt(textSeq, m_tcb.rcvNxt)) {
        const auto duplicate = std::min<std::size_t>(m_tcb.rcvNxt - textSeq, arrival.text.size());
        arrival.text.erase(0, duplicate);
        textSeq += static_cast<SeqNum>(duplicate);
    }
    arrival.inOrder = textSeq == m_tcb.rcvNxt;
    arrival.finArrives = segment.has(Fin) && arrival.inOrder;

    if (const auto decided = checkSequence(context, arrival))
        return *decided;
    // RFC 7323 §4.3: an acceptable segment's TSval is the one to echo from now on.
    if (m_tcb.timestamps && segment.timestamps)
        m_tcb.tsRecent = segment.timestamps->value;
    if (const auto decided = checkRst(context, arrival))
        return *decided;
    // third, check security: "If the security/compartment in the segment does not exactly match
    // the security/compartment in the TCB, then send a reset and return." The model has no
    // compartments: every segment matches.
    if (const auto decided = checkSyn(context, arrival))
        return *decided;
    if (const auto decided = processAck(context, arrival))
        return *decided;
    // sixth, check the URG bit: the model never sends urgent data (RFC 6093 advises against
    // new uses), so no segment carries it.
    if (const auto decided = processText(context, arrival))
        return *decided;
    processFin(context, arrival);
    if (arrival.acknowledgeWith)
        sendAck(context, *arrival.acknowledgeWith, arrival.cause);
    return arrival.rule;
}

// first, check sequence number.
std::optional<Rule> Endpoint::checkSequence(EndpointContext &context, const Arrival &arrival)
{
    const Segment &segment = arrival.segment;
    // "If an incoming segment is not acceptable, an acknowledgment should be sent in reply
    // (unless the RST bit is set, if so drop the segment and return): <SEQ=SND.NXT>
    // <ACK=RCV.NXT><CTL=ACK>".
    if (isAcceptable(segment))
        return std::nullopt;
    if (segment.has(Rst))
        return Rule::RstOutsideWindowDropped;
    // TIME-WAIT: "The only thing that can arrive in this state is a retransmission of the
    // remote FIN. Acknowledge it, and restart the 2 MSL timeout." A retransmitted FIN ends
    // just below RCV.NXT, so the window test rejects it; the eighth step's rule still holds.
    if (m_state == TcpState::TimeWait && segment.has(Fin)
        && segment.seq + segment.seqLength() == m_tcb.rcvNxt) {
        sendAck(context, Rule::TimeWaitFinReAck, arrival.cause);
        startTimeWait(context);
        return Rule::TimeWaitFinReAck;
    }
    sendAck(context, Rule::UnacceptableSegmentAck, arrival.cause);
    return Rule::UnacceptableSegmentAck;
}

bool Endpoint::isAcceptable(const Segment &segment) const
{
    // The four cases of the acceptance test.
    const std::uint32_t length = segment.seqLength();
    const SeqNum windowStart = m_tcb.rcvNxt;
    const SeqNum windowEnd = m_tcb.rcvNxt + m_tcb.rcvWnd;
    if (m_tcb.rcvWnd == 0)
        return length == 0 && segment.seq == windowStart;
    if (length == 0)
        return seqInHalfOpen(windowStart, segment.seq, windowEnd);
    return seqInHalfOpen(windowStart, segment.seq, windowEnd)
        || seqInHalfOpen(windowStart, segment.seq + length - 1, windowEnd);
}

// second, check the RST bit (RFC 5961 §3 as adopted by §3.10.7.4).
std::optional<Rule> Endpoint::checkRst(EndpointContext &context, const Arrival &arrival)
{
    const Segment &segment = arrival.segment;
    const Cause &cause = arrival.cause;
    if (!segment.has(Rst))
        return std::nullopt;
    // "If the RST bit is set and the sequence number does not exactly match the next expected
    // sequence value, yet is within the current receive window, TCP endpoints MUST send an
    // acknowledgment (challenge ACK)".
    if (segment.seq != m_tcb.rcvNxt) {
        sendAck(context, Rule::RstChallengeAck, cause);
        return Rule::RstChallengeAck;
    }
    switch (m_state) {
    case TcpState::SynReceived:
        // "If this connection was initiated with a passive OPEN (i.e., came from the LISTEN
        // state), then return this connection to LISTEN state and return. ... If this
        // connection was initiated with an active OPEN ... the connection was refused".
        if (m_openedPassively) {
            setState(context, TcpState::Listen, Rule::SynReceivedRstToListen, cause);
            return Rule::SynReceivedRstToListen;
        }
        setState(context, TcpState::Closed, Rule::SynReceivedRstRefused, cause);
        recordError(context, Rule::SynReceivedRstRefused, cause, "connection refused");
        return Rule::SynReceivedRstRefused;
    case TcpState::Closing:
    case TcpState::LastAck:
    case TcpState::TimeWait:
        // "If the RST bit is set, then enter the CLOSED state, delete the TCB, and return."
        setState(context, TcpState::Closed, Rule::LateStateRst, cause);
        return Rule::LateStateRst;
    default:
        // ESTABLISHED, FIN-WAIT-1/2, CLOSE-WAIT: "any outstanding RECEIVEs and SEND should
        // receive 'reset' responses ... Enter the CLOSED state, delete the TCB, and return."
        setState(context, TcpState::Closed, Rule::RstReset, cause);
        recordError(context, Rule::RstReset, cause, "connection reset");
        return Rule::RstReset;
    }
}

// fourth, check the SYN bit.
std::optional<Rule> Endpoint::checkSyn(EndpointContext &context, const Arrival &arrival)
{
    if (!arrival.segment.has(Syn))
        return std::nullopt;
    // "SYN-RECEIVED STATE: If the connection was initiated with a passive OPEN, then return
    // this connection to the LISTEN state and return."
    if (m_state == TcpState::SynReceived && m_openedPassively) {
        setState(context, TcpState::Listen, Rule::SynReceivedSynToListen, arrival.cause);
        return Rule::SynReceivedSynToListen;
    }
    // Synchronized states: "TCP endpoints MUST send a 'challenge ACK' to the remote peer"
    // (RFC 5961 §4), then drop the segment.
    sendAck(context, Rule::SynChallengeAck, arrival.cause);
    return Rule::SynChallengeAck;
}

// fifth, check the ACK field.
std::optional<Rule> Endpoint::processAck(EndpointContext &context, Arrival &arrival)
{
    const Segment &segment = arrival.segment;
    const Cause &cause = arrival.cause;
    // "if the ACK bit is off, drop the segment and return".
    if (!segment.has(Ack))
        return m_state == TcpState::SynReceived ? Rule::SynReceivedNoAckDropped : Rule::NoAckDropped;

    if (m_state == TcpState::SynReceived) {
        // "If SND.UNA < SEG.ACK =< SND.NXT, then enter ESTABLISHED state and continue
        // processing ... If the segment acknowledgment is not acceptable, form a reset segment
        // <SEQ=SEG.ACK><CTL=RST> and send it."
        if (!seqInLeftOpen(m_tcb.sndUna, segment.ack, m_tcb.sndNxt)) {
            sendRst(context, segment.ack, Rule::SynReceivedBadAckReplyRst, cause);
            return Rule::SynReceivedBadAckReplyRst;
        }
        setState(context, TcpState::Established, Rule::SynReceivedAck, cause);
        completeOpen(context, cause);
        arrival.rule = Rule::SynReceivedAck;
    }
    // ESTABLISHED: "If the ACK acks something not yet sent (SEG.ACK > SND.NXT), then send an
    // ACK, drop the segment, and return."
    if (seqGt(segment.ack, m_tcb.sndNxt)) {
        sendAck(context, Rule::AckOfUnsentData, cause);
        return Rule::AckOfUnsentData;
    }
    // "If SND.UNA < SEG.ACK =< SND.NXT, then set SND.UNA <- SEG.ACK ... If the ACK is a
    // duplicate (SEG.ACK =< SND.UNA), it can be ignored."
    if (seqGt(segment.ack, m_tcb.sndUna)) {
        acknowledgeUpTo(context, segment.ack);
        if (arrival.rule == Rule::DuplicateAckIgnored)
            arrival.rule = Rule::AckAdvanced;
    }
    // RFC 7323 §2.3: a window scale negotiated by both SYNs applies to every later segment.
    m_tcb.sndWnd = m_tcb.windowScaling ? std::uint32_t(segment.window) << m_tcb.sndWindowShift : segment.window;

    switch (m_state) {
    case TcpState::FinWait1:
        // "In addition to the processing for the ESTABLISHED state, if the FIN segment is now
        // acknowledged, then enter FIN-WAIT-2 and continue processing in that state." A FIN
        // arriving with that ACK is handled in the eighth step (straight to TIME-WAIT).
        if (ourFinAcknowledged() && !arrival.finArrives) {
            setState(context, TcpState::FinWait2, Rule::FinWait1AckOfFin, cause);
            arrival.rule = Rule::FinWait1AckOfFin;
        }
        return std::nullopt;
    case TcpState::Closing:
        // "if the ACK acknowledges our FIN, then enter the TIME-WAIT state; otherwise, ignore
        // the segment."
        if (!ourFinAcknowledged())
            return arrival.rule;
        setState(context, TcpState::TimeWait, Rule::ClosingAckOfFin, cause);
        startTimeWait(context);
        return Rule::ClosingAckOfFin;
    case TcpState::LastAck:
        // "The only thing that can arrive in this state is an acknowledgment of our FIN. If our
        // FIN is now acknowledged, delete the TCB, enter the CLOSED state, and return."
        if (!ourFinAcknowledged())
            return arrival.rule;
        setState(context, TcpState::Closed, Rule::LastAckAckOfFin, cause);
        return Rule::LastAckAckOfFin;
    default:
        return std::nullopt;
    }
}

bool Endpoint::ourFinAcknowledged() const
{
    return m_finSent && seqGt(m_tcb.sndUna, m_finSeq);
}

// seventh, process the segment text.
std::optional<Rule> Endpoint::processText(EndpointContext &context, Arrival &arrival)
{
    // A segment that starts beyond RCV.NXT waits for the octets before it: acknowledge what
    // has arrived in order (RCV.NXT) and drop it, so the sender retransmits.
    if (!arrival.inOrder && arrival.segment.seqLength() > 0) {
        sendAck(context, Rule::UnacceptableSegmentAck, arrival.cause);
        return Rule::UnacceptableSegmentAck;
    }
    if (arrival.text.empty())
        return std::nullopt;
    switch (m_state) {
    case TcpState::Established:
    case TcpState::FinWait1:
    case TcpState::FinWait2:
        // "Once in the ESTABLISHED state, it is possible to deliver segment data to user
        // RECEIVE buffers ... Send an acknowledgment of the form <SEQ=SND.NXT><ACK=RCV.NXT>
        // <CTL=ACK>". The model's application reads at once, so RCV.WND stays open.
        m_received += arrival.text;
        m_tcb.rcvNxt += static_cast<SeqNum>(arrival.text.size());
        // A server program reads with its own recv(): the data waits in the receive buffer
        // until then (a connection still in the accept queue keeps it unread).
        if (!applicationReadsItself(context))
            recordReturn(context, Rule::DataReceived, arrival.cause, arrival.text);
        arrival.rule = m_state == TcpState::FinWait2 ? Rule::FinWait2Data : Rule::DataReceived;
        arrival.acknowledgeWith = arrival.rule;
        break;
    default:
        // CLOSE-WAIT, CLOSING, LAST-ACK, TIME-WAIT: "This should not occur since a FIN has
        // been received from the remote side. Ignore the segment text."
        break;
    }
    return std::nullopt;
}

// eighth, check the FIN bit.
void Endpoint::processFin(EndpointContext &context, Arrival &arrival)
{
    if (!arrival.finArrives)
        return;
    const Cause &cause = arrival.cause;
    // "signal the user 'connection closing' ... advance RCV.NXT over the FIN, and send an
    // acknowledgment for the FIN."
    if (!m_endOfStream) {
        m_tcb.rcvNxt += 1;
        m_endOfStream = true;
        if (!applicationReadsItself(context))
            recordReturn(context, Rule::EndOfStream, cause);
    }
    switch (m_state) {
    case TcpState::Established:
        // "SYN-RECEIVED STATE, ESTABLISHED STATE: Enter the CLOSE-WAIT state."
        if (isLinux(context)) {
            // tcp_fin(): CLOSE-WAIT, and the ACK is only scheduled (inet_csk_schedule_ack() in
            // ping-pong mode): the delayed-ACK timer sends it, unless the application's close()
            // sends its FIN first, which carries it (a three-segment teardown).
            setState(context, TcpState::CloseWait, Rule::LinuxFinAckDelayed, cause);
            arrival.rule = Rule::LinuxFinAckDelayed;
            arrival.acknowledgeWith.reset();
            m_delayedAckDeadline = context.now() + linuxloopback::delayedAckMs;
            return;
        }
        arrival.rule = arrival.state == TcpState::SynReceived ? Rule::SynReceivedFin : Rule::EstablishedFin;
        setState(context, TcpState::CloseWait, arrival.rule, cause);
        break;
    case TcpState::FinWait1:
        // "If our FIN has been ACKed (perhaps in this segment), then enter TIME-WAIT, start
        // the time-wait timer, turn off the other timers; otherwise, enter the CLOSING state."
        if (ourFinAcknowledged()) {
            arrival.rule = Rule::FinWait1FinAck;
            setState(context, TcpState::TimeWait, arrival.rule, cause);
            startTimeWait(context);
        } else {
            arrival.rule = Rule::FinWait1Fin;
            setState(context, TcpState::Closing, arrival.rule, cause);
        }
        break;
    case TcpState::FinWait2:
        // "Enter the TIME-WAIT state. Start the time-wait timer, turn off the other timers."
        arrival.rule = Rule::FinWait2Fin;
        setState(context, TcpState::TimeWait, arrival.rule, cause);
        startTimeWait(context);
        break;
    case TcpState::TimeWait:
        // "Remain in the TIME-WAIT state. Restart the 2 MSL time-wait timeout."
        arrival.rule = Rule::TimeWaitFinReAck;
        startTimeWait(context);
        break;
    default:
        // CLOSE-WAIT, CLOSING, LAST-ACK: "Remain in the ... state."
        break;
    }
    arrival.acknowledgeWith = arrival.rule;
}

} // namespace tcpsim
