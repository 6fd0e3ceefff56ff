// SPDX-License-Identifier: GPL-3.0-or-later
// The Linux profile: where the kernel on the class's machine parts from RFC 9293's text
// (../shared/TCP-FACTS.md, "Linux on the wire"), each with the kernel function that does it.
// The RFC profile never reaches any of this: every entry point returns at once for it.
#include "tcpsim/model/endpoint.h"

#include <algorithm>

namespace tcpsim {

bool Endpoint::isLinux(const EndpointContext &context)
{
    return context.config().profile == Profile::Linux;
}

void Endpoint::negotiateOptions(const EndpointContext &context, const Segment &syn)
{
    if (!isLinux(context))
        return;
    // RFC 7323 §1.3/§2.2, RFC 2018 §2: an option is in use only when both SYNs carried it; our
    // SYN always offers all three (tcp_syn_options), so the peer's SYN decides.
    m_tcb.sackPermitted = syn.sackPermitted;
    m_tcb.timestamps = syn.timestamps.has_value();
    if (syn.timestamps)
        m_tcb.tsRecent = syn.timestamps->value;
    m_tcb.windowScaling = syn.windowScale.has_value();
    if (m_tcb.windowScaling) {
        // RFC 7323 §2.3: "the shift count MUST be limited to 14".
        m_tcb.sndWindowShift = std::min<std::uint8_t>(*syn.windowScale, 14);
        m_tcb.rcvWindowShift = linuxloopback::windowScale;
        m_tcb.rcvWnd = linuxloopback::receiveWindow;
    }
}

void Endpoint::addOptions(const EndpointContext &context, Segment &segment) const
{
    if (!isLinux(context))
        return;
    const bool syn = segment.has(Syn);
    const bool synAck = syn && segment.has(Ack);
    if (syn) {
        // tcp_syn_options / tcp_synack_options: MSS always; the others on a SYN, and on a
        // SYN,ACK only when the peer's SYN offered them.
        segment.mss = linuxloopback::synMss;
        segment.sackPermitted = !synAck || m_tcb.sackPermitted;
        if (!synAck || m_tcb.windowScaling)
            segment.windowScale = linuxloopback::windowScale;
    }
    // RFC 7323 §3.2: once negotiated, timestamps go on every segment (RSTs of a full socket
    // too); TSval is the sender's clock (Linux: ms, from a per-connection random offset — here
    // the ISN), TSecr the last TSval received.
    if ((syn && !synAck) || m_tcb.timestamps)
        segment.timestamps = Timestamps{m_tcb.iss + static_cast<std::uint32_t>(context.now()),
                                        syn && !synAck ? 0 : m_tcb.tsRecent};
}

std::uint16_t Endpoint::windowToSend(const EndpointContext &context, const Segment &segment) const
{
    if (!isLinux(context))
        return context.config().window;
    // RFC 7323 §2.2: "The window field in a segment where the SYN bit is set MUST NOT be scaled";
    // Linux offers 65495 in its SYN and 65483 (a whole number of MSS) in its SYN,ACK.
    if (segment.has(Syn))
        return segment.has(Ack) ? linuxloopback::synAckWindow : linuxloopback::synWindow;
    const std::uint32_t window = m_tcb.windowScaling ? m_tcb.rcvWnd >> m_tcb.rcvWindowShift : m_tcb.rcvWnd;
    return static_cast<std::uint16_t>(std::min<std::uint32_t>(window, 65535));
}

std::optional<Rule> Endpoint::linuxBeforeSequenceCheck(EndpointContext &context, const Segment &segment)
{
    if (!isLinux(context) || m_state != TcpState::SynReceived)
        return std::nullopt;
    const Cause cause = segmentCause(segment);
    // Simultaneous open: the peer's SYN,ACK crosses ours. The RFC's first check rejects it (its
    // SYN lies below RCV.NXT) and waits for the peer's ACK; tcp_validate_incoming() lets it
    // pass ("step 4: Check for a SYN ... simultaneous open") and tcp_rcv_state_process() moves
    // to ESTABLISHED on its ACK. tcp_data_queue() then sees an old sequence number and ACKs at
    // once.
    if (!m_openedPassively && segment.has(Syn) && segment.has(Ack) && !segment.has(Rst)
        && segment.seq + 1 == m_tcb.rcvNxt && segment.ack == m_tcb.sndNxt) {
        if (m_tcb.timestamps && segment.timestamps)
            m_tcb.tsRecent = segment.timestamps->value;
        acknowledgeUpTo(context, segment.ack);
        m_tcb.sndWnd = segment.window;
        setState(context, TcpState::Established, Rule::LinuxSimultaneousSynAck, cause);
        sendAck(context, Rule::LinuxSimultaneousSynAck, cause);
        completeOpen(context, cause);
        return Rule::LinuxSimultaneousSynAck;
    }
    // The client's SYN again (its SYN,ACK was lost or slow): tcp_check_req() answers a
    // retransmitted SYN with inet_rtx_syn_ack() instead of the RFC's ACK of an unacceptable
    // segment.
    if (m_openedPassively && segment.flags == Syn && segment.seq == m_tcb.irs && !m_retransmissionQueue.empty()) {
        Segment copy = m_retransmissionQueue.front();
        copy.retransmission = true;
        transmit(context, copy, Rule::LinuxDuplicateSynResent, cause);
        return Rule::LinuxDuplicateSynResent;
    }
    return std::nullopt;
}

void Endpoint::fireDelayedAck(EndpointContext &context)
{
    m_delayedAckDeadline.reset();
    const Cause cause = timerCause(TimerKind::DelayedAck);
    record(context, eventWithCause(EventKind::Timer, Rule::DelayedAckSent, cause));
    sendAck(context, Rule::DelayedAckSent, cause);
}

} // namespace tcpsim
