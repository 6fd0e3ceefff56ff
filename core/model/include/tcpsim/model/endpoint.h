// One TCP endpoint: its state and its Transmission Control Block (RFC 9293 §3.3.1).
// Public members are read-only views for the app and the tests; only Simulation drives it.
#pragma once

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
    SeqNum irs = 0;     // initial receive sequence number
    SeqNum rcvNxt = 0;  // next sequence number expected
    std::uint32_t rcvWnd = 65535;
};

class Endpoint {
public:
    Endpoint() = default;
    explicit Endpoint(Side side) : m_side(side) {}

    Side side() const { return m_side; }
    TcpState state() const { return m_state; }
    const TransmissionControlBlock &tcb() const { return m_tcb; }
    // Data received and already returned to the application by recv(), in order.
    const std::string &received() const { return m_received; }
    // Data the application sent, in order (what the peer should eventually receive).
    const std::string &sent() const { return m_sent; }
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

private:
    friend class Simulation;
    // Implementation detail below: the model implementer adds what the RFC rules need
    // (timers, retransmission queue, ISN for the next open, ...). Exactly one member function
    // may assign m_state, and it records a Transition event with its cause.
    Side m_side = Side::Client;
    TcpState m_state = TcpState::Closed;
    TransmissionControlBlock m_tcb;
    std::string m_received;
    std::string m_sent;
    bool m_endOfStream = false;
    bool m_awaitingAccept = false;
    bool m_applicationHasConnection = false;
    bool m_openedPassively = false;
    bool m_closeRequested = false;
    int m_retransmissionCount = 0;
};

} // namespace tcpsim
