// SPDX-License-Identifier: GPL-3.0-or-later
// The hosts of a lesson and how scripts name their sockets. Host 0 is the server, hosts 1..9
// are `client`, `client2` .. `client9`. Every view that knows only two sides keeps reading
// Side: any client host is Side::Client.
#pragma once

#include "tcpsim/model/state.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tcpsim {

using HostId = std::uint8_t;
inline constexpr HostId serverHost = 0;
inline constexpr HostId firstClientHost = 1; // `client`
inline constexpr HostId lastClientHost = 9;  // `client9`
inline constexpr HostId noHost = 0xFF;       // no peer (a listener, a socket not yet connected)
inline constexpr int hostCount = 10;

constexpr HostId hostOf(Side side) { return side == Side::Server ? serverHost : firstClientHost; }
constexpr Side sideOfHost(HostId host) { return host == serverHost ? Side::Server : Side::Client; }
constexpr bool isClientHost(HostId host) { return host >= firstClientHost && host <= lastClientHost; }
std::string hostName(HostId host);                     // "server", "client", "client2", ...
std::optional<HostId> parseHost(std::string_view text); // the names above, exactly

// A socket as a script names it: `server`, `client2`, `server.client2`, `server.listener`.
struct SocketName {
    enum class Role : std::uint8_t {
        Main,     // `server`: its connection with `client` once one exists, else its listener;
                  // `clientN`: that host's socket
        Listener, // `server.listener`: the listening socket
        PeerOf,   // `server.clientN`: the newest server connection whose peer is clientN
    };
    HostId host = firstClientHost;
    Role role = Role::Main;
    HostId peer = noHost; // PeerOf

    SocketName() = default;
    // The two-sided API names sockets by Side: `server` and `client`.
    SocketName(Side side) : host(hostOf(side)) {} // NOLINT(google-explicit-constructor)
    static SocketName mainOf(HostId host);
    static SocketName listenerOf(HostId host);
    static SocketName connectionTo(HostId host, HostId peer);

    Side side() const { return sideOfHost(host); }
    std::string toString() const; // the script's spelling
    friend bool operator==(const SocketName &, const SocketName &) = default;
};

std::optional<SocketName> parseSocketName(std::string_view text);

} // namespace tcpsim
