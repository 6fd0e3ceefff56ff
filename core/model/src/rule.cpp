// SPDX-License-Identifier: GPL-3.0-or-later
#include "tcpsim/model/rule.h"

namespace tcpsim {

RuleInfo ruleInfo(Rule rule)
{
    switch (rule) {
    case Rule::None: return {"", ""};
    case Rule::ClosedPassiveOpen:
        return {"3.10.1", "A passive OPEN (listen) creates a connection record in LISTEN."};
    case Rule::ClosedActiveOpen:
        return {"3.10.1", "An active OPEN (connect) picks an ISS, sends SYN and enters SYN-SENT."};
    case Rule::ClosedSegmentReplyRst:
        return {"3.10.7.1", "No connection exists, so any segment but a RST is answered with a RST."};
    case Rule::ClosedRstDropped:
        return {"3.10.7.1", "A RST arriving where no connection exists is silently discarded."};
    case Rule::ListenRstIgnored:
        return {"3.10.7.2", "A listener ignores a RST: it cannot belong to any connection."};
    case Rule::ListenAckReplyRst:
        return {"3.10.7.2", "An ACK reaching a listener acknowledges nothing it sent, so it answers <SEQ=SEG.ACK><RST>."};
    case Rule::ListenSyn:
        return {"3.10.7.2", "A SYN reaching a listener is answered with SYN,ACK; the listener enters SYN-RECEIVED."};
    case Rule::ListenNoSynDropped:
        return {"3.10.7.2", "A listener drops a segment with neither SYN, ACK nor RST."};
    case Rule::ListenClose:
        return {"3.10.4", "CLOSE or ABORT in LISTEN deletes the connection record."};
    case Rule::SynSentSynAck:
        return {"3.10.7.3", "The SYN,ACK acknowledges our SYN: send the final ACK of the handshake and enter ESTABLISHED."};
    case Rule::SynSentSimultaneousSyn:
        return {"3.10.7.3", "A bare SYN while our own SYN is out is a simultaneous open: answer SYN,ACK and enter SYN-RECEIVED."};
    case Rule::SynSentBadAckReplyRst:
        return {"3.10.7.3", "The ACK does not acknowledge our SYN (SEG.ACK =< ISS or > SND.NXT), so answer <SEQ=SEG.ACK><RST>."};
    case Rule::SynSentRstRefused:
        return {"3.10.7.3", "A RST acknowledging our SYN means nobody listens: connection refused, back to CLOSED."};
    case Rule::SynSentRstDropped:
        return {"3.10.7.3", "A RST that does not acknowledge our SYN is dropped."};
    case Rule::SynSentNoSynNoRstDropped:
        return {"3.10.7.3", "In SYN-SENT a segment with neither SYN nor RST is dropped."};
    case Rule::SynSentClose:
        return {"3.10.4", "CLOSE or ABORT in SYN-SENT deletes the connection record."};
    case Rule::SynReceivedAck:
        return {"3.10.7.4", "The ACK acknowledges our SYN: the handshake is complete, enter ESTABLISHED."};
    case Rule::SynReceivedBadAckReplyRst:
        return {"3.10.7.4", "The ACK does not acknowledge our SYN, so answer <SEQ=SEG.ACK><RST>."};
    case Rule::SynReceivedNoAckDropped:
        return {"3.10.7.4", "In SYN-RECEIVED a segment without the ACK bit is dropped."};
    case Rule::SynReceivedRstToListen:
        return {"3.10.7.4", "A RST in SYN-RECEIVED reached from LISTEN returns the connection to LISTEN."};
    case Rule::SynReceivedRstRefused:
        return {"3.10.7.4", "A RST in SYN-RECEIVED reached by an active open means the connection was refused."};
    case Rule::SynReceivedFin:
        return {"3.10.7.4", "A FIN with an acceptable ACK in SYN-RECEIVED completes the open and enters CLOSE-WAIT."};
    case Rule::SynReceivedClose:
        return {"3.10.4", "CLOSE in SYN-RECEIVED sends a FIN and enters FIN-WAIT-1."};
    case Rule::SynReceivedAbort:
        return {"3.10.5", "ABORT in SYN-RECEIVED sends <SEQ=SND.NXT><RST> and enters CLOSED."};
    case Rule::EstablishedClose:
        return {"3.10.4", "CLOSE sends a FIN and enters FIN-WAIT-1: this side has no more data to send."};
    case Rule::EstablishedFin:
        return {"3.10.7.4", "The peer's FIN is acknowledged; recv() returns 0 and the connection enters CLOSE-WAIT."};
    case Rule::RstReset:
        return {"3.10.7.4", "A RST with SEG.SEQ = RCV.NXT resets the connection: CLOSED."};
    case Rule::RstChallengeAck:
        return {"RFC 5961 §3", "A RST inside the window but not at RCV.NXT gets a challenge ACK instead of a reset."};
    case Rule::RstOutsideWindowDropped:
        return {"3.10.7.4", "A RST outside the receive window is silently dropped."};
    case Rule::SynChallengeAck:
        return {"RFC 5961 §4", "A SYN on a synchronized connection gets a challenge ACK and is dropped."};
    case Rule::UnacceptableSegmentAck:
        return {"3.10.7.4", "The segment is outside the receive window (or out of order): answer with an ACK of RCV.NXT and drop it."};
    case Rule::AbortSendsRst:
        return {"3.10.5", "ABORT sends <SEQ=SND.NXT><RST> and enters CLOSED at once."};
    case Rule::FinWait1AckOfFin:
        return {"3.10.7.4", "Our FIN is acknowledged: enter FIN-WAIT-2 and wait for the peer's FIN."};
    case Rule::FinWait1Fin:
        return {"3.10.7.4", "The peer's FIN arrives before the ACK of ours (simultaneous close): ACK it, enter CLOSING."};
    case Rule::FinWait1FinAck:
        return {"3.10.7.4", "The peer's FIN also acknowledges ours: ACK it and go straight to TIME-WAIT."};
    case Rule::CloseWhileClosing:
        return {"3.10.4", "CLOSE again while closing is an error (\"connection closing\"); no second FIN is sent."};
    case Rule::FinWait2Fin:
        return {"3.10.7.4", "The peer's FIN arrives in FIN-WAIT-2: ACK it and enter TIME-WAIT for 2 MSL."};
    case Rule::FinWait2Data:
        return {"3.10.7.4", "Half-close: the peer may still send after our FIN; the data is acknowledged."};
    case Rule::CloseWaitSend:
        return {"3.10.2", "In CLOSE-WAIT this side may still send: only the peer has finished."};
    case Rule::CloseWaitClose:
        return {"3.10.4", "CLOSE in CLOSE-WAIT sends our FIN and enters LAST-ACK."};
    case Rule::ClosingAckOfFin:
        return {"3.10.7.4", "Our FIN is acknowledged in CLOSING: enter TIME-WAIT."};
    case Rule::LastAckAckOfFin:
        return {"3.10.7.4", "Our FIN is acknowledged in LAST-ACK: delete the connection record, CLOSED."};
    case Rule::TimeWaitFinReAck:
        return {"3.10.7.4", "A retransmitted FIN in TIME-WAIT is acknowledged again and the 2 MSL timer restarts."};
    case Rule::TimeWaitExpired:
        return {"3.10.8", "The 2 MSL timer expired: delete the connection record, CLOSED."};
    case Rule::LateStateRst:
        return {"3.10.7.4", "A RST in CLOSING, LAST-ACK or TIME-WAIT deletes the connection record."};
    case Rule::LateStateAbort:
        return {"3.10.5", "ABORT in CLOSING, LAST-ACK or TIME-WAIT deletes the record without sending a RST."};
    case Rule::RetransmissionsExhausted:
        return {"3.10.8", "The retransmissions are used up: connection timed out, CLOSED."};
    case Rule::DataSent:
        return {"3.10.2", "SEND puts the data on the wire in a PSH,ACK segment."};
    case Rule::DataQueued:
        return {"3.10.2", "SEND before ESTABLISHED is queued until the handshake completes."};
    case Rule::DataReceived:
        return {"3.10.7.4", "In-order data is delivered to the application and acknowledged at once."};
    case Rule::AckAdvanced:
        return {"3.10.7.4", "The ACK acknowledges new data: SND.UNA advances."};
    case Rule::DuplicateAckIgnored:
        return {"3.10.7.4", "The ACK acknowledges nothing new (SEG.ACK =< SND.UNA) and is ignored."};
    case Rule::AckOfUnsentData:
        return {"3.10.7.4", "The ACK acknowledges something not yet sent: answer with an ACK and drop it."};
    case Rule::Retransmit:
        return {"3.10.8", "The retransmission timer fired: the oldest unacknowledged segment is sent again and the RTO doubles."};
    case Rule::AcceptReturned:
        return {"3.10.7.4", "accept() returns: the application takes the established connection off the accept queue."};
    case Rule::ConnectReturned:
        return {"3.10.7.3", "connect() returns: the handshake is complete."};
    case Rule::EndOfStream:
        return {"3.10.7.4", "recv() returns 0: the peer's FIN arrived, no more data will come."};
    case Rule::ErrorConnectionExists:
        return {"3.10.1", "OPEN on an existing connection: \"connection already exists\"."};
    case Rule::ErrorConnectionDoesNotExist:
        return {"3.10.2", "The call needs a connection and there is none: \"connection does not exist\"."};
    case Rule::ErrorConnectionClosing:
        return {"3.10.2", "SEND after CLOSE: \"connection closing\"."};
    case Rule::ErrorNothingToAccept:
        return {"3.10.7.4", "accept() finds no established connection waiting."};
    case Rule::ErrorForeignSocketUnspecified:
        return {"3.10.2", "SEND on a listener that knows no peer: \"foreign socket unspecified\"."};
    case Rule::SynReceivedSynToListen:
        return {"3.10.7.4", "A SYN in SYN-RECEIVED reached from LISTEN returns the connection to LISTEN."};
    case Rule::NoAckDropped:
        return {"3.10.7.4", "A segment without the ACK bit on a synchronized connection is dropped."};
    case Rule::SynAckRetriesExhausted:
        return {"3.10.7.4", "The SYN,ACK retries are used up: the half-open connection is dropped and the listener is back in LISTEN."};
    case Rule::DataWaitsForWindow:
        return {"3.8.6.2.1", "The usable window U = SND.UNA + SND.WND - SND.NXT is zero: the data waits to be sent."};
    case Rule::ZeroWindowProbe:
        return {"3.8.6.1", "The persist timer fired on a zero window: one octet probes it, and the interval doubles."};
    case Rule::LinuxFinAckDelayed:
        return {"Linux tcp_fin()", "FIN received in ESTABLISHED: CLOSE-WAIT; Linux delays its ACK, which a FIN sent in time carries."};
    case Rule::DelayedAckSent:
        return {"3.8.6.3", "The delayed-ACK timer fired: the ACK that was held back goes out."};
    case Rule::LinuxAbortRstAck:
        return {"Linux tcp_send_active_reset()", "ABORT: Linux sends RST,ACK with ACK = RCV.NXT (the RFC's bare RST carries no ACK)."};
    case Rule::LinuxSimultaneousSynAck:
        return {"Linux tcp_validate_incoming()", "The peer's SYN,ACK crossed ours: Linux accepts it in SYN-RECEIVED and is ESTABLISHED at once."};
    case Rule::LinuxDuplicateSynResent:
        return {"Linux tcp_check_req()", "The same SYN came again in SYN-RECEIVED: Linux sends its SYN,ACK again."};
    case Rule::SocketCreated:
        return {"socket(2)", "socket() creates a socket and returns the lowest free descriptor (0, 1 and 2 are the standard streams)."};
    case Rule::BindPort:
        return {"bind(2)", "bind() gives the socket its local port."};
    case Rule::BindAddressInUse:
        return {"Linux inet_csk_bind_conflict", "bind() fails with EADDRINUSE: another socket holds the port (a TIME-WAIT one too, unless both set SO_REUSEADDR)."};
    case Rule::ReuseAddressSet:
        return {"socket(7) SO_REUSEADDR", "setsockopt(SO_REUSEADDR): bind() may take a port that only TIME-WAIT connections hold, if they set it too."};
    case Rule::AcceptBlocks:
        return {"accept(2)", "accept() finds the accept queue empty and blocks until a handshake completes."};
    case Rule::AcceptQueueSynDropped:
        return {"Linux sk_acceptq_is_full", "The accept queue is full (length > backlog): the SYN is dropped and the client will retransmit it."};
    case Rule::AcceptQueueAckIgnored:
        return {"Linux tcp_check_req", "The accept queue is full when the final ACK arrives: with tcp_abort_on_overflow 0 the ACK is ignored and the connection stays in the SYN queue."};
    case Rule::AcceptQueueAckReset:
        return {"Linux tcp_check_req", "The accept queue is full when the final ACK arrives: with tcp_abort_on_overflow 1 the connection is answered with a RST."};
    case Rule::SynQueueCookie:
        return {"Linux inet_csk_reqsk_queue_is_full", "The SYN queue is full (length >= backlog): a SYN cookie SYN,ACK answers without keeping an entry, and is never retransmitted."};
    case Rule::SynQueueSynDropped:
        return {"Linux inet_csk_reqsk_queue_is_full", "The SYN queue is full and SYN cookies are off: the SYN is dropped."};
    case Rule::CookieAckAccepted:
        return {"Linux cookie_v4_check", "The final ACK carries a valid SYN cookie: the connection is created straight into the accept queue."};
    case Rule::SynBacklogDropped:
        return {"Linux tcp_conn_request", "SYN cookies are off and fewer than a quarter of tcp_max_syn_backlog is left: the SYN is dropped."};
    }
    return {"", ""};
}

std::string_view ruleName(Rule rule)
{
    switch (rule) {
    case Rule::None: return "None";
    case Rule::ClosedPassiveOpen: return "ClosedPassiveOpen";
    case Rule::ClosedActiveOpen: return "ClosedActiveOpen";
    case Rule::ClosedSegmentReplyRst: return "ClosedSegmentReplyRst";
    case Rule::ClosedRstDropped: return "ClosedRstDropped";
    case Rule::ListenRstIgnored: return "ListenRstIgnored";
    case Rule::ListenAckReplyRst: return "ListenAckReplyRst";
    case Rule::ListenSyn: return "ListenSyn";
    case Rule::ListenNoSynDropped: return "ListenNoSynDropped";
    case Rule::ListenClose: return "ListenClose";
    case Rule::SynSentSynAck: return "SynSentSynAck";
    case Rule::SynSentSimultaneousSyn: return "SynSentSimultaneousSyn";
    case Rule::SynSentBadAckReplyRst: return "SynSentBadAckReplyRst";
    case Rule::SynSentRstRefused: return "SynSentRstRefused";
    case Rule::SynSentRstDropped: return "SynSentRstDropped";
    case Rule::SynSentNoSynNoRstDropped: return "SynSentNoSynNoRstDropped";
    case Rule::SynSentClose: return "SynSentClose";
    case Rule::SynReceivedAck: return "SynReceivedAck";
    case Rule::SynReceivedBadAckReplyRst: return "SynReceivedBadAckReplyRst";
    case Rule::SynReceivedNoAckDropped: return "SynReceivedNoAckDropped";
    case Rule::SynReceivedRstToListen: return "SynReceivedRstToListen";
    case Rule::SynReceivedRstRefused: return "SynReceivedRstRefused";
    case Rule::SynReceivedFin: return "SynReceivedFin";
    case Rule::SynReceivedClose: return "SynReceivedClose";
    case Rule::SynReceivedAbort: return "SynReceivedAbort";
    case Rule::EstablishedClose: return "EstablishedClose";
    case Rule::EstablishedFin: return "EstablishedFin";
    case Rule::RstReset: return "RstReset";
    case Rule::RstChallengeAck: return "RstChallengeAck";
    case Rule::RstOutsideWindowDropped: return "RstOutsideWindowDropped";
    case Rule::SynChallengeAck: return "SynChallengeAck";
    case Rule::UnacceptableSegmentAck: return "UnacceptableSegmentAck";
    case Rule::AbortSendsRst: return "AbortSendsRst";
    case Rule::FinWait1AckOfFin: return "FinWait1AckOfFin";
    case Rule::FinWait1Fin: return "FinWait1Fin";
    case Rule::FinWait1FinAck: return "FinWait1FinAck";
    case Rule::CloseWhileClosing: return "CloseWhileClosing";
    case Rule::FinWait2Fin: return "FinWait2Fin";
    case Rule::FinWait2Data: return "FinWait2Data";
    case Rule::CloseWaitSend: return "CloseWaitSend";
    case Rule::CloseWaitClose: return "CloseWaitClose";
    case Rule::ClosingAckOfFin: return "ClosingAckOfFin";
    case Rule::LastAckAckOfFin: return "LastAckAckOfFin";
    case Rule::TimeWaitFinReAck: return "TimeWaitFinReAck";
    case Rule::TimeWaitExpired: return "TimeWaitExpired";
    case Rule::LateStateRst: return "LateStateRst";
    case Rule::LateStateAbort: return "LateStateAbort";
    case Rule::RetransmissionsExhausted: return "RetransmissionsExhausted";
    case Rule::DataSent: return "DataSent";
    case Rule::DataQueued: return "DataQueued";
    case Rule::DataReceived: return "DataReceived";
    case Rule::AckAdvanced: return "AckAdvanced";
    case Rule::DuplicateAckIgnored: return "DuplicateAckIgnored";
    case Rule::AckOfUnsentData: return "AckOfUnsentData";
    case Rule::Retransmit: return "Retransmit";
    case Rule::AcceptReturned: return "AcceptReturned";
    case Rule::ConnectReturned: return "ConnectReturned";
    case Rule::EndOfStream: return "EndOfStream";
    case Rule::ErrorConnectionExists: return "ErrorConnectionExists";
    case Rule::ErrorConnectionDoesNotExist: return "ErrorConnectionDoesNotExist";
    case Rule::ErrorConnectionClosing: return "ErrorConnectionClosing";
    case Rule::ErrorNothingToAccept: return "ErrorNothingToAccept";
    case Rule::ErrorForeignSocketUnspecified: return "ErrorForeignSocketUnspecified";
    case Rule::SynReceivedSynToListen: return "SynReceivedSynToListen";
    case Rule::NoAckDropped: return "NoAckDropped";
    case Rule::SynAckRetriesExhausted: return "SynAckRetriesExhausted";
    case Rule::DataWaitsForWindow: return "DataWaitsForWindow";
    case Rule::ZeroWindowProbe: return "ZeroWindowProbe";
    case Rule::LinuxFinAckDelayed: return "LinuxFinAckDelayed";
    case Rule::DelayedAckSent: return "DelayedAckSent";
    case Rule::LinuxAbortRstAck: return "LinuxAbortRstAck";
    case Rule::LinuxSimultaneousSynAck: return "LinuxSimultaneousSynAck";
    case Rule::LinuxDuplicateSynResent: return "LinuxDuplicateSynResent";
    case Rule::SocketCreated: return "SocketCreated";
    case Rule::BindPort: return "BindPort";
    case Rule::BindAddressInUse: return "BindAddressInUse";
    case Rule::ReuseAddressSet: return "ReuseAddressSet";
    case Rule::AcceptBlocks: return "AcceptBlocks";
    case Rule::AcceptQueueSynDropped: return "AcceptQueueSynDropped";
    case Rule::AcceptQueueAckIgnored: return "AcceptQueueAckIgnored";
    case Rule::AcceptQueueAckReset: return "AcceptQueueAckReset";
    case Rule::SynQueueCookie: return "SynQueueCookie";
    case Rule::SynQueueSynDropped: return "SynQueueSynDropped";
    case Rule::CookieAckAccepted: return "CookieAckAccepted";
    case Rule::SynBacklogDropped: return "SynBacklogDropped";
    }
    return "?";
}

} // namespace tcpsim
