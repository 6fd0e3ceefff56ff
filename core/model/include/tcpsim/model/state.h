// The eleven connection states of RFC 9293 §3.3.2 and the two sides of a lesson.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace tcpsim {

enum class TcpState : std::uint8_t {
    Closed,
    Listen,
    SynSent,
    SynReceived,
    Established,
    FinWait1,
    FinWait2,
    CloseWait,
    Closing,
    LastAck,
    TimeWait,
};

inline constexpr std::array<TcpState, 11> allStates = {
    TcpState::Closed,    TcpState::Listen,   TcpState::SynSent,   TcpState::SynReceived,
    TcpState::Established, TcpState::FinWait1, TcpState::FinWait2, TcpState::CloseWait,
    TcpState::Closing,   TcpState::LastAck,  TcpState::TimeWait,
};

// RFC 9293 spelling: "SYN-RECEIVED", "FIN-WAIT-1", ...
std::string_view stateName(TcpState state);

// Accepts, case-insensitively, the RFC spelling and the spellings users meet elsewhere:
// underscores (SYN_RECEIVED, FIN_WAIT_1), Linux/ss (SYN-RECV, ESTAB, FIN_WAIT1, TCP_TIME_WAIT,
// CLOSE), textbooks and the seed notes (SYN_SEND, SYN_RCVD). Unknown text gives nullopt.
std::optional<TcpState> parseState(std::string_view text);

// Linux include/net/tcp_states.h code (ESTABLISHED=1 ... CLOSING=11; CLOSED maps to CLOSE=7).
int linuxStateCode(TcpState state);
std::optional<TcpState> stateFromLinuxCode(int code);

// §3.3.2: ESTABLISHED and every later state have exchanged ISNs ("synchronized states").
bool isSynchronized(TcpState state);

enum class Side : std::uint8_t { Client, Server };

constexpr Side peerOf(Side side) { return side == Side::Client ? Side::Server : Side::Client; }
std::string_view sideName(Side side); // "client" / "server"
std::optional<Side> parseSide(std::string_view text);

} // namespace tcpsim
