// SPDX-License-Identifier: GPL-3.0-or-later
#include "tcpsim/model/state.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace tcpsim {

std::string_view stateName(TcpState state)
{
    switch (state) {
    case TcpState::Closed: return "CLOSED";
    case TcpState::Listen: return "LISTEN";
    case TcpState::SynSent: return "SYN-SENT";
    case TcpState::SynReceived: return "SYN-RECEIVED";
    case TcpState::Established: return "ESTABLISHED";
    case TcpState::FinWait1: return "FIN-WAIT-1";
    case TcpState::FinWait2: return "FIN-WAIT-2";
    case TcpState::CloseWait: return "CLOSE-WAIT";
    case TcpState::Closing: return "CLOSING";
    case TcpState::LastAck: return "LAST-ACK";
    case TcpState::TimeWait: return "TIME-WAIT";
    }
    return "?";
}

std::optional<TcpState> parseState(std::string_view text)
{
    // Normalise: upper case, '_' and ' ' become '-', a "TCP-" prefix (kernel enum) goes.
    std::string key;
    key.reserve(text.size());
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        key.push_back(c == '_' || c == ' ' ? '-' : static_cast<char>(std::toupper(u)));
    }
    if (key.starts_with("TCP-"))
        key.erase(0, 4);

    struct Alias {
        std::string_view name;
        TcpState state;
    };
    static constexpr Alias aliases[] = {
        {"CLOSED", TcpState::Closed},        {"CLOSE", TcpState::Closed},
        {"UNCONN", TcpState::Closed},        {"LISTEN", TcpState::Listen},
        {"SYN-SENT", TcpState::SynSent},     {"SYN-SEND", TcpState::SynSent},
        {"SYN-RECEIVED", TcpState::SynReceived}, {"SYN-RECV", TcpState::SynReceived},
        {"SYN-RCVD", TcpState::SynReceived}, {"ESTABLISHED", TcpState::Established},
        {"ESTAB", TcpState::Established},    {"FIN-WAIT-1", TcpState::FinWait1},
        {"FIN-WAIT1", TcpState::FinWait1},   {"FIN-WAIT-2", TcpState::FinWait2},
        {"FIN-WAIT2", TcpState::FinWait2},   {"CLOSE-WAIT", TcpState::CloseWait},
        {"CLOSING", TcpState::Closing},      {"LAST-ACK", TcpState::LastAck},
        {"TIME-WAIT", TcpState::TimeWait},
    };
    const auto found = std::find_if(std::begin(aliases), std::end(aliases),
                                     [&](const Alias &alias) { return alias.name == key; });
    if (found == std::end(aliases))
        return std::nullopt;
    return found->state;
}

bool isSynchronized(TcpState state)
{
    switch (state) {
    case TcpState::Closed:
    case TcpState::Listen:
    case TcpState::SynSent:
    case TcpState::SynReceived:
        return false;
    default:
        return true;
    }
}

std::string_view sideName(Side side)
{
    return side == Side::Client ? "client" : "server";
}

std::optional<Side> parseSide(std::string_view text)
{
    if (text == "client")
        return Side::Client;
    if (text == "server")
        return Side::Server;
    return std::nullopt;
}

} // namespace tcpsim
