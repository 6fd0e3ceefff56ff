// SPDX-License-Identifier: GPL-3.0-or-later
#include "tcpsim/model/host.h"

namespace tcpsim {

std::string hostName(HostId host)
{
    if (host == serverHost)
        return "server";
    if (host == firstClientHost)
        return "client";
    if (isClientHost(host))
        return "client" + std::to_string(host);
    return "?";
}

std::optional<HostId> parseHost(std::string_view text)
{
    if (text == "server")
        return serverHost;
    if (text == "client")
        return firstClientHost;
    // client2 .. client9: `client1` is spelled `client`.
    if (text.size() == 7 && text.starts_with("client") && text[6] >= '2' && text[6] <= '9')
        return static_cast<HostId>(text[6] - '0');
    return std::nullopt;
}

SocketName SocketName::mainOf(HostId host)
{
    SocketName name;
    name.host = host;
    return name;
}

SocketName SocketName::listenerOf(HostId host)
{
    SocketName name = mainOf(host);
    name.role = Role::Listener;
    return name;
}

SocketName SocketName::connectionTo(HostId host, HostId peer)
{
    SocketName name = mainOf(host);
    name.role = Role::PeerOf;
    name.peer = peer;
    return name;
}

std::string SocketName::toString() const
{
    switch (role) {
    case Role::Main: return hostName(host);
    case Role::Listener: return hostName(host) + ".listener";
    case Role::PeerOf: return hostName(host) + '.' + hostName(peer);
    }
    return hostName(host);
}

std::optional<SocketName> parseSocketName(std::string_view text)
{
    const std::size_t dot = text.find('.');
    const auto host = parseHost(text.substr(0, dot));
    if (!host)
        return std::nullopt;
    if (dot == std::string_view::npos)
        return SocketName::mainOf(*host);
    // Only the server has many sockets: its listener and one connection per client.
    const std::string_view rest = text.substr(dot + 1);
    if (*host != serverHost)
        return std::nullopt;
    if (rest == "listener")
        return SocketName::listenerOf(*host);
    const auto peer = parseHost(rest);
    if (!peer || !isClientHost(*peer))
        return std::nullopt;
    return SocketName::connectionTo(*host, *peer);
}

} // namespace tcpsim
