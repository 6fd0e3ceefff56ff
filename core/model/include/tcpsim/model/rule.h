// SPDX-License-Identifier: GPL-3.0-or-later
// Every rule of RFC 9293 §3.10 the model applies, one value per row of the transition table in
// shared/TCP-FACTS.md plus the data-transfer and user-call rules. Each event the model records
// names the rule that produced it; the app turns a rule into its translated explanation, the CLI
// prints ruleSummary(), and the tests check that every row is covered.
#pragma once

#include <cstdint>
#include <string_view>

namespace tcpsim {

enum class Rule : std::uint8_t {
    None,

    // CLOSED
    ClosedPassiveOpen,          // listen: CLOSED -> LISTEN (3.10.1)
    ClosedActiveOpen,           // connect: send SYN, CLOSED -> SYN-SENT (3.10.1)
    ClosedSegmentReplyRst,      // any segment but RST: reply RST (3.10.7.1)
    ClosedRstDropped,           // RST: drop silently (3.10.7.1)

    // LISTEN
    ListenRstIgnored,           // 3.10.7.2
    ListenAckReplyRst,          // segment with ACK: <SEQ=SEG.ACK><RST> (3.10.7.2)
    ListenSyn,                  // SYN: send SYN,ACK, LISTEN -> SYN-RECEIVED (3.10.7.2)
    ListenNoSynDropped,         // neither SYN, ACK nor RST: drop (3.10.7.2 "fourth other")
    ListenClose,                // CLOSE/ABORT: delete record (3.10.4, 3.10.5)

    // SYN-SENT
    SynSentSynAck,              // acceptable SYN,ACK: send ACK, -> ESTABLISHED (3.10.7.3)
    SynSentSimultaneousSyn,     // bare SYN: send SYN,ACK, -> SYN-RECEIVED (3.10.7.3)
    SynSentBadAckReplyRst,      // unacceptable ACK, no RST: <SEQ=SEG.ACK><RST> (3.10.7.3)
    SynSentRstRefused,          // RST with acceptable ACK: "connection reset", -> CLOSED (3.10.7.3)
    SynSentRstDropped,          // RST without (acceptable) ACK: drop (3.10.7.3)
    SynSentNoSynNoRstDropped,   // neither SYN nor RST: drop (3.10.7.3)
    SynSentClose,               // CLOSE/ABORT: delete record (3.10.4, 3.10.5)

    // SYN-RECEIVED
    SynReceivedAck,             // acceptable ACK: -> ESTABLISHED (3.10.7.4)
    SynReceivedBadAckReplyRst,  // unacceptable ACK: <SEQ=SEG.ACK><RST> (3.10.7.4)
    SynReceivedNoAckDropped,    // no ACK bit: drop (3.10.7.4)
    SynReceivedRstToListen,     // RST, reached from LISTEN: -> LISTEN (3.10.7.4)
    SynReceivedRstRefused,      // RST, reached from SYN-SENT: "connection refused" (3.10.7.4)
    SynReceivedFin,             // FIN with acceptable ACK: ACK it, -> CLOSE-WAIT (3.10.7.4)
    SynReceivedClose,           // CLOSE: send FIN, -> FIN-WAIT-1 (3.10.4)
    SynReceivedAbort,           // ABORT: <SEQ=SND.NXT><RST>, -> CLOSED (3.10.5)

    // ESTABLISHED and the states of closing
    EstablishedClose,           // CLOSE: send FIN, -> FIN-WAIT-1 (3.10.4)
    EstablishedFin,             // FIN: ACK it, -> CLOSE-WAIT (3.10.7.4)
    RstReset,                   // RST with SEG.SEQ == RCV.NXT: "connection reset" (3.10.7.4)
    RstChallengeAck,            // RST in window, SEG.SEQ != RCV.NXT: challenge ACK (RFC 5961 §3)
    RstOutsideWindowDropped,    // RST outside the window: drop (3.10.7.4)
    SynChallengeAck,            // SYN in a synchronized state: challenge ACK (RFC 5961 §4)
    UnacceptableSegmentAck,     // not acceptable, not RST: send ACK, drop (3.10.7.4)
    AbortSendsRst,              // ABORT in ESTABLISHED, FIN-WAIT-1/2, CLOSE-WAIT: RST (3.10.5)
    FinWait1AckOfFin,           // -> FIN-WAIT-2 (3.10.7.4)
    FinWait1Fin,                // FIN, our FIN unacknowledged: ACK, -> CLOSING (3.10.7.4)
    FinWait1FinAck,             // FIN that also acknowledges our FIN: ACK, -> TIME-WAIT (3.10.7.4)
    CloseWhileClosing,          // CLOSE again: "connection closing" (3.10.4)
    FinWait2Fin,                // FIN: ACK, -> TIME-WAIT, start 2MSL (3.10.7.4)
    FinWait2Data,               // data in FIN-WAIT-2 (half-close): ACK it (3.10.7.4)
    CloseWaitSend,              // SEND in CLOSE-WAIT still allowed (3.10.2)
    CloseWaitClose,             // CLOSE: send FIN, -> LAST-ACK (3.10.4)
    ClosingAckOfFin,            // -> TIME-WAIT (3.10.7.4)
    LastAckAckOfFin,            // -> CLOSED (3.10.7.4)
    TimeWaitFinReAck,           // retransmitted FIN: ACK, restart 2MSL (3.10.7.4)
    TimeWaitExpired,            // 2MSL timer: -> CLOSED (3.10.8)
    LateStateRst,               // RST in CLOSING, LAST-ACK, TIME-WAIT: -> CLOSED (3.10.7.4)
    LateStateAbort,             // ABORT in CLOSING, LAST-ACK, TIME-WAIT: no RST (3.10.5)
    RetransmissionsExhausted,   // "connection timed out", -> CLOSED (3.10.8)

    // Data transfer, acknowledgment and timers
    DataSent,                   // SEND: data segment PSH+ACK (3.10.2)
    DataQueued,                 // SEND before ESTABLISHED: queued until then (3.10.2)
    DataReceived,               // in-order data: deliver, ACK at once (3.10.7.4 "seventh")
    AckAdvanced,                // SND.UNA advances (3.10.7.4 "fifth")
    DuplicateAckIgnored,        // SEG.ACK =< SND.UNA: ignore (3.10.7.4)
    AckOfUnsentData,            // SEG.ACK > SND.NXT: send ACK, drop (3.10.7.4)
    Retransmit,                 // retransmission timer fired: resend, double RTO (3.10.8, RFC 6298)
    AcceptReturned,             // accept() took the connection off the accept queue
    ConnectReturned,            // connect() returned: the handshake completed
    EndOfStream,                // recv() returns 0: the peer's FIN arrived

    // User calls the RFC answers with an error (§3.10.1-3.10.5); reported, not script errors
    ErrorConnectionExists,      // OPEN on an existing connection
    ErrorConnectionDoesNotExist,// SEND/CLOSE/... on CLOSED
    ErrorConnectionClosing,     // SEND after CLOSE; CLOSE after CLOSE
    ErrorNothingToAccept,       // accept() with no established connection waiting
    ErrorForeignSocketUnspecified, // SEND in LISTEN (the model's passive open is unspecified)

    // Rows of §3.10.7.4 the table above leaves out (appended: earlier values keep their numbers)
    SynReceivedSynToListen,     // SYN in SYN-RECEIVED reached from LISTEN: -> LISTEN (3.10.7.4 "fourth")
    NoAckDropped,               // synchronized state, ACK bit off: drop (3.10.7.4 "fifth")

    // Windows, segmentation and retry limits (issue 10's audit)
    SynAckRetriesExhausted,     // passive open's SYN,ACK unanswered: -> LISTEN (3.10.7.4, 3.10.8)
    DataWaitsForWindow,         // SEND with usable window U = 0: data waits (3.8.6.2.1)
    ZeroWindowProbe,            // persist timer: probe the zero window (3.8.6.1, SHLD-29, MUST-36)

    // The Linux profile, where the kernel parts from the RFC's text (TCP-FACTS "Linux on the wire")
    LinuxFinAckDelayed,         // FIN in ESTABLISHED: -> CLOSE-WAIT, its ACK delayed (tcp_fin)
    DelayedAckSent,             // the delayed-ACK timer fired: the ACK goes out (3.8.6.3)
    LinuxAbortRstAck,           // ABORT: RST,ACK with ACK = RCV.NXT (tcp_send_active_reset)
    LinuxSimultaneousSynAck,    // crossing SYN,ACK in SYN-RECEIVED: -> ESTABLISHED at once
    LinuxDuplicateSynResent,    // the SYN again in SYN-RECEIVED: resend the SYN,ACK (tcp_check_req)
    // Sockets, descriptors and the listen queues (issue 11; Linux rules cite its functions)
    SocketCreated,
    BindPort,
    BindAddressInUse,
    ReuseAddressSet,
    AcceptBlocks,
    AcceptQueueSynDropped,
    AcceptQueueAckIgnored,
    AcceptQueueAckReset,
    SynQueueCookie,
    SynQueueSynDropped,
    CookieAckAccepted,
    SynBacklogDropped, // no cookies and under a quarter of tcp_max_syn_backlog left (tcp_conn_request)
};

struct RuleInfo {
    std::string_view section; // RFC section, e.g. "3.10.7.3", or "RFC 5961 §3"
    std::string_view summary; // one English sentence for the CLI and logs
};

RuleInfo ruleInfo(Rule rule);
// The enumerator's name, "SynSentRstRefused": a stable identifier for JSON and logs.
std::string_view ruleName(Rule rule);

// The highest Rule value: the rules are Rule(1) .. lastRule (for tables and coverage checks).
inline constexpr Rule lastRule = Rule::SynBacklogDropped;


} // namespace tcpsim
