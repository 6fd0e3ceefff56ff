// SPDX-License-Identifier: GPL-3.0-or-later
#include "tcpsim/session/explanation.h"

#include "tcpsim/model/sequence.h"

#include <algorithm>
#include <cstdint>
#include <string>

using namespace tcpsim;

namespace {

// Why TIME-WAIT exists and why it lasts 2×MSL (TCP-FACTS "Why TIME-WAIT lasts 2×MSL"; RFC 9293
// §3.4.2, §3.6.1, MUST-13): both reasons, wherever a side enters TIME-WAIT.
QString timeWaitReasons()
{
    return Explanation::tr("TIME-WAIT has two reasons: if this last ACK is lost, the peer's retransmitted FIN must "
                           "still find the connection, to be acknowledged again instead of answered with a RST; "
                           "and old duplicate segments of this connection must die out before the same 4-tuple "
                           "(addresses and ports) can be used again. The second is why it lasts 2×MSL, not one "
                           "retransmission timeout.");
}

// The send() calls whose bytes entered the stream (not those answered with an error).
bool sendAccepted(const Event &event)
{
    return event.kind == EventKind::Call && event.call == Call::Send && !event.text.empty()
        && (event.rule == Rule::DataQueued || event.rule == Rule::DataSent || event.rule == Rule::CloseWaitSend
            || event.rule == Rule::DataWaitsForWindow);
}

// The first recv() that returned the bytes of more than one send() (npos: none before `end`).
// Each side's stream is counted in bytes: a recv() glues sends when an end of the peer's send()
// falls strictly inside the bytes it returned. Stops at the first one, so later steps of a long
// lesson do not scan further than it.
std::size_t firstGluedRecv(const std::vector<Event> &events, std::size_t end)
{
    std::vector<std::uint64_t> sendEnds[2]; // per sending side, where each send()'s bytes end
    std::size_t nextEnd[2] = {0, 0};
    std::uint64_t sent[2] = {0, 0};
    std::uint64_t received[2] = {0, 0};
    auto index = [](Side side) { return side == Side::Client ? 0 : 1; };
    for (std::size_t i = 0; i < end && i < events.size(); ++i) {
        const Event &event = events[i];
        if (sendAccepted(event)) {
            const int from = index(event.side);
            sent[from] += event.text.size();
            sendEnds[from].push_back(sent[from]);
        } else if (event.kind == EventKind::Return && event.call == Call::Recv && !event.text.empty()) {
            const int at = index(event.side);
            const int from = 1 - at;
            const std::uint64_t begin = received[at];
            received[at] += event.text.size();
            auto &ends = sendEnds[from];
            std::size_t &next = nextEnd[from];
            while (next < ends.size() && ends[next] <= begin)
                ++next;
            if (next < ends.size() && ends[next] < received[at])
                return i;
        }
    }
    return std::string::npos;
}

// CLOSE and ABORT share a rule in LISTEN and SYN-SENT (§3.10.4, §3.10.5: both delete the TCB);
// the sentence names the call the step made.
QString callText(Call call)
{
    switch (call) {
    case Call::Close:
        return QStringLiteral("close()");
    case Call::Abort:
        return QStringLiteral("abort()");
    default:
        break;
    }
    return Explanation::tr("close() or abort()");
}

// The side's SYN-RECEIVED was reached from LISTEN (passive open) rather than from SYN-SENT
// (simultaneous open): only then is there a listener and an accept queue (§3.10.7.4).
bool reachedFromListen(const std::vector<Event> &events, std::size_t before, Side side)
{
    for (std::size_t i = std::min(before, events.size()); i-- > 0;) {
        const Event &event = events[i];
        if (event.kind == EventKind::Transition && event.side == side && event.to == TcpState::SynReceived)
            return event.from == TcpState::Listen;
    }
    return true;
}

// The model answers two different segments with the same ACK of RCV.NXT (§3.10.7.4 "first" and
// "seventh"): one outside the receive window, and one inside it that starts beyond RCV.NXT
// (out of order: the model does not queue it). The reply's ack is RCV.NXT and its window
// RCV.WND, so the arriving segment tells which.
QString unacceptableSentence(const std::vector<Event> &events, std::size_t begin, std::size_t end, Side side)
{
    const Event *reply = nullptr;
    const Event *arrival = nullptr;
    for (std::size_t i = begin; i < end && i < events.size(); ++i) {
        const Event &event = events[i];
        if (event.side != side || !event.segment)
            continue;
        if (event.kind == EventKind::Deliver && !reply)
            arrival = &event;
        if (event.kind == EventKind::Send && event.rule == Rule::UnacceptableSegmentAck) {
            reply = &event;
            break;
        }
    }
    if (!reply || !arrival)
        return Explanation::ruleSentence(Rule::UnacceptableSegmentAck);
    const SeqNum rcvNxt = reply->segment->ack;
    const SeqNum seq = arrival->segment->seq;
    const SeqNum last = seq + arrival->segment->seqLength();
    if (seqLe(last, rcvNxt) && seqLt(seq, rcvNxt))
        return Explanation::tr("Everything in the segment was already received (a duplicate: a retransmission, "
                               "or a copy that crossed its answer): the endpoint drops it and resends an ACK of "
                               "what it expects next.");
    if (seqGt(seq, rcvNxt) && seqLt(seq, rcvNxt + reply->segment->window))
        return Explanation::tr("The segment is inside the receive window but starts beyond the next expected "
                               "byte (out of order: bytes before it are missing): the endpoint keeps only what "
                               "arrives in order, so it drops the segment and acknowledges what it has (a "
                               "duplicate ACK); the sender will send it again.");
    return Explanation::ruleSentence(Rule::UnacceptableSegmentAck);
}

} // namespace

QString Explanation::ruleSentence(Rule rule)
{
    return ruleSentence(rule, Call::None);
}

QString Explanation::ruleSentence(Rule rule, Call call)
{
    switch (rule) {
    case Rule::None:
        return {};
    case Rule::ClosedPassiveOpen:
        return tr("listen() opens the socket passively: it now waits in LISTEN for a SYN.");
    case Rule::ClosedActiveOpen:
        return tr("connect(): the kernel picks an initial sequence number (ISN) and sends a SYN; connect() blocks until the handshake completes.");
    case Rule::ClosedSegmentReplyRst:
        return tr("Nobody listens on this port, so the kernel answers the segment with a RST.");
    case Rule::ClosedRstDropped:
        return tr("A RST reached a closed port: it is dropped silently (never answer a RST with a RST).");
    case Rule::ListenRstIgnored:
        return tr("A listening socket ignores a RST: it has no connection to reset.");
    case Rule::ListenAckReplyRst:
        return tr("An ACK reached a listening socket that has no such connection: it answers with a RST.");
    case Rule::ListenSyn:
        return tr("The server's kernel answered the SYN with its own SYN and an ACK of the client's SYN; accept() has not returned yet.");
    case Rule::ListenNoSynDropped:
        return tr("A segment with no SYN, ACK or RST reached a listening socket: it is dropped.");
    case Rule::ListenClose:
        return tr("%1 on a listening socket deletes it: back to CLOSED.").arg(callText(call));
    case Rule::SynSentSynAck:
        return tr("The SYN,ACK acknowledges this side's SYN: it sends the final ACK, is ESTABLISHED, and connect() returns.");
    case Rule::SynSentSimultaneousSyn:
        return tr("The peer's bare SYN crossed this side's own SYN (simultaneous open): this side answers SYN,ACK and enters SYN-RECEIVED.");
    case Rule::SynSentBadAckReplyRst:
        return tr("The ACK does not acknowledge our SYN: it does not belong to this connection attempt (an old duplicate), so the endpoint answers with a RST.");
    case Rule::SynSentRstRefused:
        return tr("A RST answered the SYN: the connection is refused and connect() fails.");
    case Rule::SynSentRstDropped:
        return tr("A RST that does not acknowledge our SYN is not believed: it is dropped.");
    case Rule::SynSentNoSynNoRstDropped:
        return tr("In SYN-SENT only a SYN or a RST matters: this segment is dropped.");
    case Rule::SynSentClose:
        return tr("%1 before the handshake finished: the connection record is deleted and nothing is sent; connect() fails.").arg(callText(call));
    case Rule::SynReceivedAck:
        return tr("The final ACK of the handshake arrived: the server is ESTABLISHED and the connection waits in the accept queue until accept() takes it.");
    case Rule::SynReceivedBadAckReplyRst:
        return tr("The ACK does not acknowledge the SYN,ACK: the endpoint answers with a RST.");
    case Rule::SynReceivedNoAckDropped:
        return tr("In SYN-RECEIVED a segment without ACK is dropped.");
    case Rule::SynReceivedRstToListen:
        return tr("A RST aborted the half-open connection: the server goes back to LISTEN and keeps listening.");
    case Rule::SynReceivedRstRefused:
        return tr("A RST arrived in SYN-RECEIVED after an active open: the connection is refused.");
    case Rule::SynReceivedFin:
        return tr("A FIN arrived with the final ACK: the endpoint acknowledges it and enters CLOSE-WAIT.");
    case Rule::SynReceivedClose:
        return tr("close() in SYN-RECEIVED sends a FIN: FIN-WAIT-1.");
    case Rule::SynReceivedAbort:
        return tr("abort() in SYN-RECEIVED sends a RST and deletes the connection.");
    case Rule::EstablishedClose:
        return tr("close(): the application has nothing more to send, so its kernel sends a FIN and waits for it to be acknowledged (FIN-WAIT-1).");
    case Rule::EstablishedFin:
        return tr("The peer's FIN arrived: the kernel acknowledges it and enters CLOSE-WAIT; recv() will return 0 once the data before the FIN is read, but this side may still send.");
    case Rule::RstReset:
        return tr("A RST with the expected sequence number arrived: the connection is reset at once, with no FIN exchange.");
    case Rule::RstChallengeAck:
        return tr("A RST inside the window but not at the expected number could be forged: the endpoint sends a challenge ACK (RFC 5961).");
    case Rule::RstOutsideWindowDropped:
        return tr("A RST outside the receive window is ignored.");
    case Rule::SynChallengeAck:
        return tr("A SYN on a synchronized connection is answered with a challenge ACK (RFC 5961).");
    case Rule::UnacceptableSegmentAck:
        return tr("The segment is outside the receive window: the endpoint drops it and resends an ACK of what it expects next.");
    case Rule::AbortSendsRst:
        return tr("abort(): the endpoint sends a RST and forgets the connection at once; unsent data is lost.");
    case Rule::FinWait1AckOfFin:
        return tr("The ACK of our FIN arrived: our direction is closed (FIN-WAIT-2); the peer may still send data.");
    case Rule::FinWait1Fin:
        return tr("The peer's FIN crossed ours (simultaneous close): acknowledge it and wait for our own FIN's ACK in CLOSING.");
    case Rule::FinWait1FinAck:
        return tr("The peer's FIN also acknowledges our FIN: ACK it and go straight to TIME-WAIT (Figure 5 does not draw this edge).")
            + QLatin1Char(' ') + timeWaitReasons();
    case Rule::CloseWhileClosing:
        return tr("close() was already called: no second FIN is sent.");
    case Rule::FinWait2Fin:
        return tr("The peer's FIN arrived: ACK it and wait in TIME-WAIT for 2×MSL.") + QLatin1Char(' ') + timeWaitReasons();
    case Rule::FinWait2Data:
        return tr("Data after our FIN (half-close): the peer may still send, and we acknowledge it.");
    case Rule::CloseWaitSend:
        return tr("In CLOSE-WAIT this side may still send: only the peer's direction is closed.");
    case Rule::CloseWaitClose:
        return tr("close() in CLOSE-WAIT sends our FIN: LAST-ACK, waiting for its acknowledgment.");
    case Rule::ClosingAckOfFin:
        return tr("Our FIN is acknowledged: CLOSING becomes TIME-WAIT.") + QLatin1Char(' ') + timeWaitReasons();
    case Rule::LastAckAckOfFin:
        return tr("The last ACK arrived: the connection record is deleted (CLOSED).");
    case Rule::TimeWaitFinReAck:
        return tr("The peer's FIN came again (our ACK was lost): ACK it again and restart the 2MSL timer. This is TIME-WAIT's first reason; the second is that old duplicates of this connection must die out before the same 4-tuple is used again, which is why it lasts 2×MSL.");
    case Rule::TimeWaitExpired:
        return tr("2×MSL passed: no retransmitted FIN came, and any old duplicate of this connection has died out, so TIME-WAIT ends, the connection is CLOSED and its 4-tuple may be used again.");
    case Rule::LateStateRst:
        return tr("A RST while closing: the connection record is deleted.");
    case Rule::LateStateAbort:
        return tr("abort() while closing deletes the connection without a RST.");
    case Rule::RetransmissionsExhausted:
        return tr("Too many retransmissions went unanswered: the connection times out and is closed.");
    case Rule::DataSent:
        return tr("send() hands the bytes to the kernel, which sends them with ACK (PSH on the last segment), in segments of at most the MSS; seq is the number of the first byte.");
    case Rule::DataQueued:
        return tr("send() before the connection is established: the data waits in the send queue.");
    case Rule::DataReceived:
        return tr("Data arrived in order: the kernel delivers it to recv() and acknowledges it (ack = seq + len).");
    case Rule::AckAdvanced:
        return tr("The ACK confirms our bytes: they leave the retransmission queue.");
    case Rule::DuplicateAckIgnored:
        return tr("A duplicate ACK acknowledges nothing new: ignored.");
    case Rule::AckOfUnsentData:
        return tr("The ACK acknowledges data never sent: the endpoint answers with an ACK and drops the segment.");
    case Rule::Retransmit:
        return tr("No ACK came before the retransmission timer expired: the same segment is sent again and the timeout doubles.");
    case Rule::AcceptReturned:
        return tr("accept() returns the connection the kernel already established: the handshake happened without the application.");
    case Rule::ConnectReturned:
        return tr("The handshake is complete: connect() returns.");
    case Rule::EndOfStream:
        return tr("recv() returns 0: the peer closed its direction (its FIN arrived).");
    case Rule::ErrorConnectionExists:
        return tr("Error: the connection already exists.");
    case Rule::ErrorConnectionDoesNotExist:
        return tr("Error: there is no connection.");
    case Rule::ErrorConnectionClosing:
        return tr("Error: the connection is closing; no more data can be sent.");
    case Rule::ErrorNothingToAccept:
        return tr("accept() has no established connection to take yet.");
    case Rule::ErrorForeignSocketUnspecified:
        return tr("Error: a listening socket has no peer to send to.");
    case Rule::SynReceivedSynToListen:
        return tr("A SYN arrived in SYN-RECEIVED after a passive open: the half-open connection is dropped and the socket goes back to LISTEN.");
    case Rule::NoAckDropped:
        return tr("A segment without the ACK bit on a synchronized connection is dropped.");
    case Rule::SynAckRetriesExhausted:
        return tr("The SYN,ACK was never answered: after the last retry the half-open connection is dropped and the server keeps listening (back to LISTEN).");
    case Rule::DataWaitsForWindow:
        return tr("The peer's window is full (usable window 0): the bytes wait in the send buffer until the peer opens its window.");
    case Rule::ZeroWindowProbe:
        return tr("The peer's window stayed at 0 for a timeout: the persist timer sends one byte to probe it and waits twice as long before the next probe.");
    case Rule::LinuxFinAckDelayed:
        return tr("The peer's FIN arrived: CLOSE-WAIT. Linux does not ACK it at once: the delayed-ACK timer (40 ms) sends the ACK, unless the application closes first and its FIN carries the ACK (three segments instead of four).");
    case Rule::DelayedAckSent:
        return tr("The delayed-ACK timer fired: the ACK that was held back goes out on its own.");
    case Rule::LinuxAbortRstAck:
        return tr("abort(): Linux sends RST,ACK with ACK = RCV.NXT and forgets the connection; the RFC's reset carries no ACK.");
    case Rule::LinuxSimultaneousSynAck:
        return tr("The peer's SYN,ACK crossed ours: Linux takes its ACK and is ESTABLISHED at once (the RFC's text waits for one more ACK), then ACKs the old SYN.");
    case Rule::LinuxDuplicateSynResent:
        return tr("The same SYN came again while the connection is half-open: Linux answers it with its SYN,ACK again.");
    case Rule::SocketCreated:
        return tr("socket() creates a socket and returns the lowest free descriptor: 0, 1 and 2 are the standard streams, so the first socket is 3.");
    case Rule::BindPort:
        return tr("bind() gives the socket its local port; a server binds a well-known port so that clients can find it.");
    case Rule::BindAddressInUse:
        return tr("bind() fails: address already in use (EADDRINUSE). Another socket holds the port — a connection in TIME-WAIT too, unless both the old and the new socket set SO_REUSEADDR.");
    case Rule::ReuseAddressSet:
        return tr("setsockopt(SO_REUSEADDR): bind() may take a port that only TIME-WAIT connections hold, if they set it too. Servers set it before bind() so that a restart does not fail.");
    case Rule::AcceptBlocks:
        return tr("accept() finds the accept queue empty and blocks: it returns when a handshake completes. The kernel completes handshakes by itself; accept() only takes finished connections off the queue.");
    case Rule::AcceptQueueSynDropped:
        return tr("The accept queue is full (Linux: its length exceeds the backlog), so the listener drops the SYN without an answer; the client's retransmission timer will send it again.");
    case Rule::AcceptQueueAckIgnored:
        return tr("The final ACK arrives while the accept queue is full: Linux ignores it (tcp_abort_on_overflow = 0). The client already believes it is ESTABLISHED; the server will retransmit its SYN,ACK.");
    case Rule::AcceptQueueAckReset:
        return tr("The final ACK arrives while the accept queue is full and tcp_abort_on_overflow = 1: the server answers with a RST and forgets the connection.");
    case Rule::SynQueueCookie:
        return tr("The SYN queue is full (its length reached the backlog): Linux answers with a SYN cookie — a SYN,ACK whose sequence number encodes the connection, with no queue entry, so it is never retransmitted.");
    case Rule::SynQueueSynDropped:
        return tr("The SYN queue is full and SYN cookies are off: the SYN is dropped; the client will retransmit it.");
    case Rule::CookieAckAccepted:
        return tr("The final ACK returns a valid SYN cookie: the connection is rebuilt from it and goes straight to the accept queue.");
    case Rule::SynBacklogDropped:
        return tr("SYN cookies are off and fewer than a quarter of tcp_max_syn_backlog is left for half-open connections: Linux drops the SYN (that last quarter is kept for peers it already knows); the client will retransmit it.");
    default:
        break;
    }
    return QString::fromLatin1(ruleInfo(rule).summary.data(), static_cast<qsizetype>(ruleInfo(rule).summary.size()));
}

QString Explanation::ruleReference(Rule rule)
{
    const RuleInfo info = ruleInfo(rule);
    const QString section = QString::fromLatin1(info.section.data(), static_cast<qsizetype>(info.section.size()));
    if (section.isEmpty())
        return {};
    // A Linux rule names its kernel function or man page; only RFC 9293's sections are bare numbers.
    if (!section.front().isDigit())
        return section;
    return tr("RFC 9293 §%1").arg(section);
}

QString Explanation::byteStreamSentence()
{
    return tr("This recv() returned the bytes of more than one send() at once: TCP carries a byte stream, not "
              "messages, so it keeps no boundaries between sends. An application that needs messages must mark "
              "them itself, with a length or a delimiter.");
}

std::vector<Rule> Explanation::mainRules(const std::vector<Event> &events, std::size_t begin, std::size_t end)
{
    // Transitions first, then errors, returns and sends; at most two distinct rules.
    std::vector<Rule> rules;
    auto take = [&](EventKind kind) {
        for (std::size_t i = begin; i < end && i < events.size(); ++i) {
            const Event &event = events[i];
            if (event.kind != kind || event.rule == Rule::None)
                continue;
            if (std::find(rules.begin(), rules.end(), event.rule) == rules.end())
                rules.push_back(event.rule);
        }
    };
    take(EventKind::Transition);
    take(EventKind::Error);
    take(EventKind::Return);
    take(EventKind::Send);
    take(EventKind::Deliver);
    take(EventKind::Timer);
    // "connect() returns" is already said by the SYN,ACK rule.
    // The simultaneous open's SynReceivedAck sentence says it too.
    if (std::find(rules.begin(), rules.end(), Rule::SynSentSynAck) != rules.end()
        || std::find(rules.begin(), rules.end(), Rule::SynReceivedAck) != rules.end())
        rules.erase(std::remove(rules.begin(), rules.end(), Rule::ConnectReturned), rules.end());
    // accept() returning right after the handshake says the important thing: keep it.
    if (rules.size() > 2) {
        const auto accept = std::find(rules.begin(), rules.end(), Rule::AcceptReturned);
        if (accept != rules.end() && accept - rules.begin() >= 2)
            std::rotate(rules.begin() + 1, accept, accept + 1);
        rules.resize(2);
    }
    return rules;
}

QString Explanation::forEvents(const std::vector<Event> &events, std::size_t begin, std::size_t end)
{
    QStringList sentences;
    for (Rule rule : mainRules(events, begin, end)) {
        std::size_t first = end;
        for (std::size_t i = begin; i < end && i < events.size(); ++i) {
            if (events[i].rule == rule) {
                first = i;
                break;
            }
        }
        const Side side = first < end ? events[first].side : Side::Client;
        // Whose it is: the socket the rule's transition happened on (a delivery is stamped before
        // the listener has made the connection the segment is for).
        std::size_t owner = first;
        for (std::size_t i = first; i < end && i < events.size(); ++i) {
            if (events[i].rule == rule && events[i].kind == EventKind::Transition) {
                owner = i;
                break;
            }
        }
        const HostId host = owner < end ? events[owner].host : firstClientHost;
        const HostId peer = owner < end ? events[owner].peer : noHost;
        const Call call = first < end ? events[first].call : Call::None;
        QString sentence = ruleSentence(rule, call);
        if (rule == Rule::UnacceptableSegmentAck)
            sentence = unacceptableSentence(events, begin, end, side);
        else if (rule == Rule::SynReceivedAck && !reachedFromListen(events, first, side))
            sentence = tr("The ACK of this side's SYN arrived: it is ESTABLISHED. This was a simultaneous open: "
                          "there was no listen(), so no accept queue; connect() returns.");
        // With several clients, say which: "Client 2", "Server (client 2's connection)".
        QString who = side == Side::Client ? tr("Client") : tr("Server");
        if (side == Side::Client && host > firstClientHost)
            who = tr("Client %1").arg(host);
        else if (side == Side::Server && isClientHost(peer) && peer > firstClientHost)
            who = tr("Server (client %1's connection)").arg(peer);
        sentences.append(tr("%1: %2").arg(who, sentence));
    }
    // A lost segment has no rule of its own.
    for (std::size_t i = begin; i < end && i < events.size(); ++i) {
        if (events[i].kind == EventKind::Drop) {
            sentences.prepend(tr("The network lost the segment: nobody receives it, and only its sender's retransmission timer will notice."));
            break;
        }
    }
    // The first time a recv() returns two sends at once, say why: it is not a bug.
    const std::size_t glued = firstGluedRecv(events, end);
    if (glued != std::string::npos && glued >= begin)
        sentences.append(byteStreamSentence());
    return sentences.join(QLatin1Char(' '));
}
