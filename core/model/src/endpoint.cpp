// SPDX-License-Identifier: GPL-3.0-or-later
// One endpoint's state machine: RFC 9293 §3.10, checked in the RFC's order. Each arm quotes the
// sentence it implements. m_state is written only by setState(), which records the transition.
#include "tcpsim/model/endpoint.h"

#include <algorithm>
#include <utility>

namespace tcpsim {

// ---------------------------------------------------------------------------------------------
// Records
// ---------------------------------------------------------------------------------------------

Endpoint::Cause Endpoint::callCause(Call call)
{
    Cause cause;
    cause.kind = CauseKind::UserCall;
    cause.call = call;
    return cause;
}

Endpoint::Cause Endpoint::segmentCause(const Segment &segment)
{
    Cause cause;
    cause.kind = CauseKind::Segment;
    cause.segment = segment;
    return cause;
}

Endpoint::Cause Endpoint::timerCause(TimerKind timer)
{
    Cause cause;
    cause.kind = CauseKind::Timer;
    cause.timer = timer;
    return cause;
}

void Endpoint::record(EndpointContext &context, Event event) const
{
    event.side = m_side;
    context.record(std::move(event));
}

Event Endpoint::eventWithCause(EventKind kind, Rule rule, const Cause &cause)
{
    Event event;
    event.kind = kind;
    event.rule = rule;
    event.cause = cause.kind;
    event.call = cause.call;
    event.segment = cause.segment;
    event.timer = cause.timer;
    return event;
}

void Endpoint::setState(EndpointContext &context, TcpState next, Rule rule, const Cause &cause)
{
    Event event = eventWithCause(EventKind::Transition, rule, cause);
    event.from = m_state;
    event.to = next;
    m_state = next;
    record(context, std::move(event));
    if (next == TcpState::Closed || next == TcpState::Listen) {
        // The connection record is deleted (or, back in LISTEN, the half-open one is): nothing
        // is left to retransmit and no timer runs.
        m_retransmissionQueue.clear();
        m_sendBuffer.clear();
        m_finQueued = false;
        m_pendingFin.reset();
        m_timer = TimerKind::None;
        m_delayedAckDeadline.reset();
        m_retransmissionCount = 0;
    }
}

void Endpoint::recordError(EndpointContext &context, Rule rule, const Cause &cause, std::string message) const
{
    Event event = eventWithCause(EventKind::Error, rule, cause);
    event.text = std::move(message);
    record(context, std::move(event));
}

void Endpoint::recordReturn(EndpointContext &context, Rule rule, const Cause &cause, std::string text) const
{
    const Call call = rule == Rule::ConnectReturned  ? Call::Connect
                      : rule == Rule::AcceptReturned ? Call::Accept
                                                     : Call::Recv;
    Event event = eventWithCause(EventKind::Return, rule, cause);
    event.call = call;
    event.text = std::move(text);
    record(context, std::move(event));
}

// ---------------------------------------------------------------------------------------------
// User calls (§3.10.1-3.10.5)
// ---------------------------------------------------------------------------------------------

void Endpoint::openConnection(EndpointContext &context, Opening opening)
{
    m_tcb = {};
    m_tcb.rcvWnd = context.config().window;
    m_received.clear();
    m_sent.clear();
    m_endOfStream = false;
    m_awaitingAccept = false;
    m_applicationHasConnection = false;
    m_openedPassively = opening == Opening::Passive;
    m_closeRequested = false;
    m_retransmissionCount = 0;
    m_retransmissionQueue.clear();
    m_sendBuffer.clear();
    m_finQueued = false;
    m_pendingFin.reset();
    m_finSent = false;
    m_timer = TimerKind::None;
    m_delayedAckDeadline.reset();
    m_rtoMs = context.config().initialRtoMs;
}

SeqNum Endpoint::chooseIss(EndpointContext &context)
{
    // §3.4.1: a lesson fixes the ISN to match the RFC figures; otherwise it is random (seeded,
    // so a replay picks the same numbers).
    const SeqNum iss = m_nextIsn ? *m_nextIsn : context.randomIsn();
    m_nextIsn.reset();
    return iss;
}

Rule Endpoint::listen(EndpointContext &context)
{
    const Cause cause = callCause(Call::Listen);
    // §3.10.1 OPEN, any state but CLOSED: "return 'error: connection already exists'".
    if (m_state != TcpState::Closed) {
        recordError(context, Rule::ErrorConnectionExists, cause, "connection already exists");
        return Rule::ErrorConnectionExists;
    }
    openConnection(context, Opening::Passive);
    setState(context, TcpState::Listen, Rule::ClosedPassiveOpen, cause);
    return Rule::ClosedPassiveOpen;
}

Rule Endpoint::connect(EndpointContext &context)
{
    const Cause cause = callCause(Call::Connect);
    if (m_state != TcpState::Closed) {
        recordError(context, Rule::ErrorConnectionExists, cause, "connection already exists");
        return Rule::ErrorConnectionExists;
    }
    // §3.10.1: "select an ISS. Send a SYN segment, set SND.UNA to ISS, SND.NXT to ISS+1.
    // Enter SYN-SENT state."
    openConnection(context, Opening::Active);
    m_tcb.iss = chooseIss(context);
    m_tcb.sndUna = m_tcb.iss;
    setState(context, TcpState::SynSent, Rule::ClosedActiveOpen, cause);
    sendSyn(context, Syn, Rule::ClosedActiveOpen, cause);
    return Rule::ClosedActiveOpen;
}

Rule Endpoint::accept(EndpointContext &context)
{
    const Cause cause = callCause(Call::Accept);
    if (!m_awaitingAccept) {
        recordError(context, Rule::ErrorNothingToAccept, cause, "no established connection to accept");
        return Rule::ErrorNothingToAccept;
    }
    takeFromAcceptQueue(context, cause);
    return Rule::AcceptReturned;
}

void Endpoint::takeFromAcceptQueue(EndpointContext &context, const Cause &cause)
{
    m_awaitingAccept = false;
    m_applicationHasConnection = true;
    recordReturn(context, Rule::AcceptReturned, cause);
}

Rule Endpoint::send(EndpointContext &context, const std::string &data)
{
    const Cause cause = callCause(Call::Send);
    switch (m_state) {
    case TcpState::Closed:
        // §3.10.2 CLOSED: "return 'error: connection does not exist'".
        recordError(context, Rule::ErrorConnectionDoesNotExist, cause, "connection does not exist");
        return Rule::ErrorConnectionDoesNotExist;
    case TcpState::Listen:
        // §3.10.2 LISTEN: "If the foreign socket is specified ... If the foreign socket is not
        // specified, then return 'error: foreign socket unspecified'".
        recordError(context, Rule::ErrorForeignSocketUnspecified, cause, "foreign socket unspecified");
        return Rule::ErrorForeignSocketUnspecified;
    case TcpState::SynSent:
    case TcpState::SynReceived:
        if (m_closeRequested)
            break;
        // §3.10.2: "Queue the data for transmission after entering ESTABLISHED state."
        m_sendBuffer += data;
        m_sent += data;
        return Rule::DataQueued;
    case TcpState::Established:
    case TcpState::CloseWait: {
        // §3.10.2: "Segmentize the buffer and send it with a piggybacked acknowledgment";
        // in CLOSE-WAIT too, since only the peer has finished sending (half-close).
        const Rule rule = m_state == TcpState::Established ? Rule::DataSent : Rule::CloseWaitSend;
        m_sent += data;
        m_sendBuffer += data;
        if (m_sendBuffer.empty() || sendFromBuffer(context, rule, cause))
            return rule;
        return Rule::DataWaitsForWindow;
    }
    case TcpState::FinWait1:
    case TcpState::FinWait2:
    case TcpState::Closing:
    case TcpState::LastAck:
    case TcpState::TimeWait:
        break;
    }
    // §3.10.2: "return 'error: connection closing' and do not service request".
    recordError(context, Rule::ErrorConnectionClosing, cause, "connection closing");
    return Rule::ErrorConnectionClosing;
}

Rule Endpoint::close(EndpointContext &context)
{
    const Cause cause = callCause(Call::Close);
    switch (m_state) {
    case TcpState::Closed:
        recordError(context, Rule::ErrorConnectionDoesNotExist, cause, "connection does not exist");
        return Rule::ErrorConnectionDoesNotExist;
    case TcpState::Listen:
        // §3.10.4 LISTEN: "Any outstanding RECEIVEs are returned ... delete TCB, enter CLOSED".
        setState(context, TcpState::Closed, Rule::ListenClose, cause);
        return Rule::ListenClose;
    case TcpState::SynSent:
        // §3.10.4 SYN-SENT: "Delete the TCB and return 'error: closing' responses to any
        // queued SENDs".
        setState(context, TcpState::Closed, Rule::SynSentClose, cause);
        return Rule::SynSentClose;
    case TcpState::SynReceived:
        m_closeRequested = true;
        // §3.10.4 SYN-RECEIVED: "If no SENDs have been issued and there is no pending data to
        // send, then form a FIN segment and send it ... otherwise, queue for processing after
        // entering ESTABLISHED state."
        if (!m_sendBuffer.empty()) {
            m_finQueued = true;
            return Rule::SynReceivedClose;
        }
        setState(context, TcpState::FinWait1, Rule::SynReceivedClose, cause);
        sendFin(context, Rule::SynReceivedClose, cause);
        return Rule::SynReceivedClose;
    case TcpState::Established:
        // §3.10.4 ESTABLISHED: "Queue this until all preceding SENDs have been segmentized,
        // then form a FIN segment and send it. In any case, enter FIN-WAIT-1 state."
        m_closeRequested = true;
        setState(context, TcpState::FinWait1, Rule::EstablishedClose, cause);
        m_pendingFin = Rule::EstablishedClose;
        sendFromBuffer(context, Rule::DataSent, cause);
        return Rule::EstablishedClose;
    case TcpState::CloseWait:
        // §3.10.4 CLOSE-WAIT: "Queue this request until all preceding SENDs have been
        // segmentized; then send a FIN segment, enter LAST-ACK state."
        m_closeRequested = true;
        setState(context, TcpState::LastAck, Rule::CloseWaitClose, cause);
        m_pendingFin = Rule::CloseWaitClose;
        sendFromBuffer(context, Rule::CloseWaitSend, cause);
        return Rule::CloseWaitClose;
    case TcpState::FinWait1:
    case TcpState::FinWait2:
    case TcpState::Closing:
    case TcpState::LastAck:
    case TcpState::TimeWait:
        break;
    }
    // §3.10.4: "Strictly speaking, this is an error and should receive an 'error: connection
    // closing' response ... as long as a second FIN is not emitted".
    recordError(context, Rule::CloseWhileClosing, cause, "connection closing");
    return Rule::CloseWhileClosing;
}

Rule Endpoint::abort(EndpointContext &context)
{
    const Cause cause = callCause(Call::Abort);
    switch (m_state) {
    case TcpState::Closed:
        recordError(context, Rule::ErrorConnectionDoesNotExist, cause, "connection does not exist");
        return Rule::ErrorConnectionDoesNotExist;
    case TcpState::Listen:
        setState(context, TcpState::Closed, Rule::ListenClose, cause);
        return Rule::ListenClose;
    case TcpState::SynSent:
        setState(context, TcpState::Closed, Rule::SynSentClose, cause);
        return Rule::SynSentClose;
    case TcpState::SynReceived:
    case TcpState::Established:
    case TcpState::FinWait1:
    case TcpState::FinWait2:
    case TcpState::CloseWait: {
        // §3.10.5: "Send a reset segment: <SEQ=SND.NXT><CTL=RST> ... enter CLOSED state".
        // Linux's tcp_send_active_reset() sends RST,ACK with ACK = RCV.NXT.
        if (isLinux(context)) {
            setState(context, TcpState::Closed, Rule::LinuxAbortRstAck, cause);
            Segment reset;
            reset.seq = m_tcb.sndNxt;
            reset.ack = m_tcb.rcvNxt;
            reset.flags = Rst | Ack;
            transmit(context, reset, Rule::LinuxAbortRstAck, cause);
            return Rule::LinuxAbortRstAck;
        }
        const Rule rule = m_state == TcpState::SynReceived ? Rule::SynReceivedAbort : Rule::AbortSendsRst;
        setState(context, TcpState::Closed, rule, cause);
        sendRst(context, m_tcb.sndNxt, rule, cause);
        return rule;
    }
    case TcpState::Closing:
    case TcpState::LastAck:
    case TcpState::TimeWait:
        break;
    }
    // §3.10.5 CLOSING, LAST-ACK, TIME-WAIT: "Respond with 'ok' and delete the TCB, enter CLOSED".
    setState(context, TcpState::Closed, Rule::LateStateAbort, cause);
    return Rule::LateStateAbort;
}

void Endpoint::completeOpen(EndpointContext &context, const Cause &cause)
{
    // A passive open waits in the accept queue until the application calls accept(); an
    // active open returns from connect() now.
    if (m_openedPassively) {
        m_awaitingAccept = true;
        if (context.config().autoAccept)
            takeFromAcceptQueue(context, cause);
    } else {
        m_applicationHasConnection = true;
        recordReturn(context, Rule::ConnectReturned, cause);
    }
    // §3.10.2/3.10.4: SENDs and a CLOSE queued before ESTABLISHED are carried out now.
    if (!m_sendBuffer.empty())
        sendFromBuffer(context, Rule::DataSent, cause);
    if (m_finQueued) {
        m_finQueued = false;
        setState(context, TcpState::FinWait1, Rule::SynReceivedClose, cause);
        m_pendingFin = Rule::SynReceivedClose;
        sendFromBuffer(context, Rule::DataSent, cause);
    }
}

void Endpoint::acknowledgeUpTo(EndpointContext &context, SeqNum ack)
{
    m_tcb.sndUna = ack;
    while (!m_retransmissionQueue.empty()) {
        const Segment &oldest = m_retransmissionQueue.front();
        if (seqGt(oldest.seq + oldest.seqLength(), ack))
            break;
        m_retransmissionQueue.pop_front();
    }
    // RFC 6298 §5.2-5.3: all data acknowledged turns the timer off; new data acknowledged
    // restarts it. A new acknowledgment also ends the backoff.
    m_retransmissionCount = 0;
    // Linux: the ACK is an RTT sample, and on loopback RTO = max(TCP_RTO_MIN, SRTT + 4·RTTVAR)
    // = 200 ms (RFC 6298 §2.3 with Linux's minimum).
    m_rtoMs = isLinux(context) ? linuxloopback::minRtoMs : context.config().initialRtoMs;
    if (m_retransmissionQueue.empty()) {
        if (m_timer == TimerKind::Retransmission)
            m_timer = TimerKind::None;
    } else {
        m_timer = TimerKind::Retransmission;
        m_timerDeadline = context.now() + m_rtoMs;
    }
}

// ---------------------------------------------------------------------------------------------
// Timers (§3.10.8)
// ---------------------------------------------------------------------------------------------

std::optional<std::uint64_t> Endpoint::timerDeadline() const
{
    if (m_timer == TimerKind::None)
        return m_delayedAckDeadline;
    if (m_delayedAckDeadline)
        return std::min(m_timerDeadline, *m_delayedAckDeadline);
    return m_timerDeadline;
}

void Endpoint::startTimeWait(EndpointContext &context)
{
    // §3.10.7.4: "start the time-wait timer, turn off the other timers" (2 MSL, MUST-13).
    m_retransmissionQueue.clear();
    m_timer = TimerKind::TimeWait;
    // Linux: TCP_TIMEWAIT_LEN, 60 s whatever the MSL (it has no MSL setting).
    m_timerDeadline = context.now()
        + (isLinux(context) ? linuxloopback::timeWaitMs : 2 * static_cast<std::uint64_t>(context.config().mslMs));
}

void Endpoint::fireTimer(EndpointContext &context)
{
    if (m_delayedAckDeadline && (m_timer == TimerKind::None || *m_delayedAckDeadline <= m_timerDeadline)) {
        fireDelayedAck(context);
        return;
    }
    const TimerKind kind = m_timer;
    if (kind == TimerKind::Retransmission && m_retransmissionQueue.empty())
        return; // unreachable by construction: acknowledgeUpTo() stops the timer with the queue
    m_timer = TimerKind::None;
    const Cause cause = timerCause(kind);
    Event timerEvent = eventWithCause(EventKind::Timer, Rule::None, cause);

    if (kind == TimerKind::Persist) {
        timerEvent.rule = Rule::ZeroWindowProbe;
        record(context, timerEvent);
        probeZeroWindow(context, cause);
        return;
    }

    if (kind == TimerKind::TimeWait) {
        // §3.10.8: "If the time-wait timeout expires on a connection, delete the TCB, enter the
        // CLOSED state, and return."
        timerEvent.rule = Rule::TimeWaitExpired;
        record(context, timerEvent);
        setState(context, TcpState::Closed, Rule::TimeWaitExpired, cause);
        return;
    }

    // §3.10.8 / RFC 6298: retransmit the earliest unacknowledged segment and back off; give
    // up after the configured number of retries ("connection timed out", Linux ETIMEDOUT).
    const bool passiveOpening = m_state == TcpState::SynReceived && m_openedPassively;
    const bool opening = m_state == TcpState::SynSent || m_state == TcpState::SynReceived;
    const int retryLimit = passiveOpening ? context.config().synAckRetries
        : opening                         ? context.config().synRetries
                                          : context.config().dataRetries;
    if (m_retransmissionCount >= retryLimit && passiveOpening) {
        // §3.10.7.4: "If this connection was initiated with a passive OPEN (i.e., came from the
        // LISTEN state), then return this connection to LISTEN state and return." The listener
        // outlives its half-open connection (Linux drops the request after tcp_synack_retries
        // and keeps listening); no application call is waiting, so no error is reported.
        timerEvent.rule = Rule::SynAckRetriesExhausted;
        record(context, timerEvent);
        setState(context, TcpState::Listen, Rule::SynAckRetriesExhausted, cause);
        return;
    }
    if (m_retransmissionCount >= retryLimit) {
        timerEvent.rule = Rule::RetransmissionsExhausted;
        record(context, timerEvent);
        setState(context, TcpState::Closed, Rule::RetransmissionsExhausted, cause);
        recordError(context, Rule::RetransmissionsExhausted, cause, "connection timed out");
        return;
    }
    timerEvent.rule = Rule::Retransmit;
    record(context, timerEvent);
    ++m_retransmissionCount;
    m_rtoMs = std::min(m_rtoMs * 2, context.config().maxRtoMs);
    Segment copy = m_retransmissionQueue.front();
    copy.retransmission = true;
    if (m_state != TcpState::SynSent) {
        // The copy acknowledges what has arrived since the original was sent.
        copy.flags |= Ack;
        copy.ack = m_tcb.rcvNxt;
    }
    transmit(context, copy, Rule::Retransmit, cause);
    m_timer = TimerKind::Retransmission;
    m_timerDeadline = context.now() + m_rtoMs;
}

} // namespace tcpsim
