// SPDX-License-Identifier: GPL-3.0-or-later
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
constexpr int linuxStateCode(TcpState state)
{
    switch (state) {
    case TcpState::Established: return 1;
    case TcpState::SynSent: return 2;
    case TcpState::SynReceived: return 3;
    case TcpState::FinWait1: return 4;
    case TcpState::FinWait2: return 5;
    case TcpState::TimeWait: return 6;
    case TcpState::Closed: return 7;
    case TcpState::CloseWait: return 8;
    case TcpState::LastAck: return 9;
    case TcpState::Listen: return 10;
    case TcpState::Closing: return 11;
    }
    return 7;
}

// TCP_NEW_SYN_RECV: the kernel's request socket for a half-open connection (not an RFC state).
inline constexpr int linuxNewSynRecvCode = 12;

// The RFC state of a Linux code; TCP_NEW_SYN_RECV reads SYN-RECEIVED. Nullopt if unknown.
constexpr std::optional<TcpState> stateFromLinuxCode(int code)
{
    if (code == linuxNewSynRecvCode)
        return TcpState::SynReceived;
    for (TcpState state : allStates) {
        if (linuxStateCode(state) == code)
            return state;
    }
    return std::nullopt;
}

// §3.3.2: ESTABLISHED and every later state have exchanged ISNs ("synchronized states").
bool isSynchronized(TcpState state);

enum class Side : std::uint8_t { Client, Server };

constexpr Side peerOf(Side side) { return side == Side::Client ? Side::Server : Side::Client; }
std::string_view sideName(Side side); // "client" / "server"
std::optional<Side> parseSide(std::string_view text);

} // namespace tcpsim
