// SPDX-License-Identifier: GPL-3.0-or-later
// The seed notes' echo server: server.py answers every recv() with
// conn.sendall("Hello, {}".format(data)). The model's auto-reply, the live echo server and the
// lessons all answer with these bytes.
#pragma once

#include <string>
#include <string_view>

namespace tcpsim {

inline constexpr std::string_view echoGreeting = "Hello, ";

inline std::string echoReply(std::string_view received)
{
    std::string reply(echoGreeting);
    reply.append(received);
    return reply;
}

} // namespace tcpsim
