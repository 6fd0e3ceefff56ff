// SPDX-License-Identifier: GPL-3.0-or-later
// What an endpoint sends: SYN, ACK, FIN, RST and data segments; the output routine that cuts
// the send buffer to the usable window (§3.8.6.2.1) and the effective send MSS (§3.7.1); and the
// zero-window probe (§3.8.6.1).
#include "tcpsim/model/endpoint.h"

#include <algorithm>
#include <utility>

namespace tcpsim {

std::uint32_t Endpoint::usableWindow() const
{
    // §3.8.6.2.1: "the usable window is: U = SND.UNA + SND.WND - SND.NXT" (never below zero).
    const SeqNum rightEdge = m_tcb.sndUna + m_tcb.sndWnd;
    return seqGt(rightEdge, m_tcb.sndNxt) ? rightEdge - m_tcb.sndNxt : 0;
}

std::uint16_t Endpoint::effectiveSendMss(const EndpointContext &context, std::uint16_t peerMss) const
{
    // §3.7.1: "Eff.snd.MSS = min(SendMSS+20, MMS_S) - TCPhdrsize - IPoptionsize" (MUST-16), with
    // SendMSS the peer's MSS option; "If an MSS Option is not received at connection setup, TCP
    // implementations MUST assume a default send MSS of 536" (MUST-15). MMS_S, what IP can
    // send, is the MTU less the 20-octet IP header; neither header carries options here.
    // The Linux profile runs on loopback (MTU 65536) and its segments carry the 12-byte
    // timestamps option, which comes off the payload (RFC 7323 §3.2, tcp_current_mss()).
    constexpr std::uint32_t headerSize = 20;
    const std::uint32_t mtu = isLinux(context) ? linuxloopback::mtu : context.config().mtu;
    const std::uint32_t sendMss = peerMss != 0 ? peerMss : 536;
    const std::uint32_t ipAllows = mtu > headerSize ? mtu - headerSize : 0;
    const std::uint32_t mss = std::min(sendMss + headerSize, ipAllows);
    const std::uint32_t options = m_tcb.timestamps ? linuxloopback::timestampsOptionSize : 0;
    std::uint32_t payload = std::max<std::uint32_t>(mss, headerSize + options + 1) - headerSize - options;
    // tcp_bound_to_half_wnd(): Linux sends at most half the largest window the peer offered
    // (its SYN's, here), so that a small receiver never waits for one huge segment. On
    // loopback that is what `ss -ti` shows: mss:32741 beside advmss:65483.
    if (isLinux(context) && m_tcb.sndWnd > 536)
        payload = std::min(payload, m_tcb.sndWnd / 2);
    return static_cast<std::uint16_t>(payload);
}

bool Endpoint::sendFromBuffer(EndpointContext &context, Rule rule, const Cause &cause)
{
    // §3.8.6.2.1: the segments sent must fit the usable window; §3.7.1: none carries more than
    // the effective send MSS. PSH marks the segment that empties the buffer (§3.9.1).
    bool sent = false;
    while (!m_sendBuffer.empty()) {
        const std::size_t size = std::min<std::size_t>({m_sendBuffer.size(), usableWindow(), m_tcb.sndMss});
        if (size == 0)
            break;
        const std::uint8_t flags = size == m_sendBuffer.size() ? Psh | Ack : Ack;
        sendData(context, m_sendBuffer.substr(0, size), flags, rule, cause);
        m_sendBuffer.erase(0, size);
        sent = true;
    }
    if (!m_sendBuffer.empty()) {
        // §3.8.6.1: a zero window is probed "when a zero window has existed for the
        // retransmission timeout period (SHLD-29)": the persist timer, unless the
        // retransmission timer already watches data in flight.
        if (m_retransmissionQueue.empty() && m_timer != TimerKind::Persist) {
            m_timer = TimerKind::Persist;
            m_timerDeadline = context.now() + m_rtoMs;
        }
        return sent;
    }
    if (m_timer == TimerKind::Persist && m_retransmissionQueue.empty())
        m_timer = TimerKind::None;
    if (m_pendingFin) {
        const Rule finRule = *std::exchange(m_pendingFin, std::nullopt);
        sendFin(context, finRule, cause);
    }
    return sent;
}

void Endpoint::probeZeroWindow(EndpointContext &context, const Cause &cause)
{
    // §3.8.6.1: "The sending TCP MUST regularly transmit at least one octet of new data (if
    // available), or retransmit to the receiving TCP even if the send window is zero, in order
    // to 'probe' the window." The first probe takes one octet of new data; while it waits
    // unacknowledged, later probes resend it. The interval doubles (SHLD-30), and there is no
    // retry limit: "As long as the receiving TCP continues to send acknowledgments in response
    // to the probe segments, the sending TCP MUST allow the connection to stay open" (MUST-36).
    if (!m_retransmissionQueue.empty()) {
        Segment copy = m_retransmissionQueue.front();
        copy.retransmission = true;
        copy.ack = m_tcb.rcvNxt;
        transmit(context, copy, Rule::ZeroWindowProbe, cause);
    } else if (!m_sendBuffer.empty()) {
        const std::uint8_t flags = m_sendBuffer.size() == 1 ? Psh | Ack : Ack;
        sendData(context, m_sendBuffer.substr(0, 1), flags, Rule::ZeroWindowProbe, cause);
        m_sendBuffer.erase(0, 1);
    } else {
        return; // nothing left to probe with
    }
    m_rtoMs = std::min(m_rtoMs * 2, context.config().maxRtoMs);
    m_timer = TimerKind::Persist;
    m_timerDeadline = context.now() + m_rtoMs;
}

void Endpoint::sendSyn(EndpointContext &context, std::uint8_t flags, Rule rule, const Cause &cause)
{
    Segment syn;
    syn.seq = m_tcb.iss;
    syn.ack = (flags & Ack) != 0 ? m_tcb.rcvNxt : 0;
    syn.flags = flags;
    syn.mss = context.config().mss;
    m_tcb.sndNxt = m_tcb.iss + 1;
    transmit(context, syn, rule, cause);
}

void Endpoint::sendAck(EndpointContext &context, Rule rule, const Cause &cause)
{
    Segment ack;
    ack.seq = m_tcb.sndNxt;
    ack.ack = m_tcb.rcvNxt;
    ack.flags = Ack;
    transmit(context, ack, rule, cause);
}

void Endpoint::sendFin(EndpointContext &context, Rule rule, const Cause &cause)
{
    Segment fin;
    fin.seq = m_tcb.sndNxt;
    fin.ack = m_tcb.rcvNxt;
    fin.flags = Fin | Ack;
    m_finSent = true;
    m_finSeq = m_tcb.sndNxt;
    m_tcb.sndNxt += 1;
    transmit(context, fin, rule, cause);
}

void Endpoint::sendData(EndpointContext &context, const std::string &data, std::uint8_t flags, Rule rule,
                        const Cause &cause)
{
    Segment segment;
    segment.seq = m_tcb.sndNxt;
    segment.ack = m_tcb.rcvNxt;
    segment.flags = flags;
    segment.data = data;
    m_tcb.sndNxt += static_cast<SeqNum>(data.size());
    transmit(context, segment, rule, cause);
}

void Endpoint::sendRst(EndpointContext &context, SeqNum seq, Rule rule, const Cause &cause)
{
    Segment reset;
    reset.seq = seq;
    reset.flags = Rst;
    transmit(context, reset, rule, cause);
}

void Endpoint::transmit(EndpointContext &context, Segment segment, Rule rule, const Cause &cause)
{
    segment.from = m_side;
    segment.window = windowToSend(context, segment);
    // tcp_v4_send_reset(): the kernel's answer for a port with no connection carries no
    // options and a zero window.
    if (rule == Rule::ClosedSegmentReplyRst && isLinux(context))
        segment.window = 0;
    else
        addOptions(context, segment);
    // Any segment with an ACK carries the acknowledgment a delayed ACK was holding back.
    if (segment.has(Ack))
        m_delayedAckDeadline.reset();
    segment = context.putOnNetwork(std::move(segment));
    // Whatever occupies sequence space waits for its acknowledgment (§3.7, RFC 6298 §5.1).
    if (segment.seqLength() > 0 && !segment.retransmission) {
        m_retransmissionQueue.push_back(segment);
        if (m_timer != TimerKind::Retransmission) {
            m_timer = TimerKind::Retransmission;
            m_timerDeadline = context.now() + m_rtoMs;
        }
    }
    Event event = eventWithCause(EventKind::Send, rule, cause);
    event.segment = segment;
    record(context, std::move(event));
}

} // namespace tcpsim
