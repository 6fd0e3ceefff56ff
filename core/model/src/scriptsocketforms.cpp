// SPDX-License-Identifier: GPL-3.0-or-later
// The lesson parser's socket-API forms (issue 11): `server listen backlog=N`, `bind PORT`,
// `setsockopt SO_REUSEADDR`, `server run DESIGN`, `set SYSCTL N`, and the expectations of
// queues, descriptors and counters. Endpoint names (`client2`, `server.client2`,
// `server.listener`) are parseSocketName's (host.cpp).
#include "scriptlineparser.h"
#include "tcpsim/model/serverprogram.h"

#include <array>

namespace tcpsim::scriptparse {

// `set somaxconn 128`: a Linux sysctl, for every host.
bool LineParser::parseSet(Command &command)
{
    static constexpr std::array<std::string_view, 6> names = {
        "somaxconn", "tcp_max_syn_backlog", "tcp_abort_on_overflow", "tcp_syncookies",
        "tcp_syn_retries", "tcp_synack_retries"};
    command.verb = Verb::Set;
    if (!needToken(1, "setting (somaxconn, tcp_max_syn_backlog, tcp_abort_on_overflow, tcp_syncookies, "
                      "tcp_syn_retries or tcp_synack_retries)"))
        return false;
    const Token &nameToken = m_tokens[1];
    if (nameToken.quoted || std::find(names.begin(), names.end(), nameToken.word) == names.end())
        return fail(nameToken.begin, "unknown setting '" + display(nameToken)
                                         + "' (somaxconn, tcp_max_syn_backlog, tcp_abort_on_overflow, "
                                           "tcp_syncookies, tcp_syn_retries, tcp_synack_retries)");
    command.name = nameToken.word;
    if (!needToken(2, "value"))
        return false;
    const bool flag = command.name == "tcp_abort_on_overflow" || command.name == "tcp_syncookies";
    const bool retries = command.name.ends_with("_retries");
    const std::uint64_t max = flag ? 1 : retries ? 255 : 65535;
    if (m_tokens[2].quoted)
        return fail(m_tokens[2].begin, "bad number '" + display(m_tokens[2]) + "'");
    return parseNumber(m_tokens[2].word, m_tokens[2].begin, max, command.value) && expectEnd(3);
}


// `expect server queue syn=0 accept=2`, `expect server fd 4 client2`,
// `expect server counter ListenOverflows=1`, `expect server.client2 unread 2`.
bool LineParser::parseSocketExpect(Command &command, const Token &what)
{
    if (what.word == "queue") {
        command.verb = Verb::ExpectQueue;
        if (!needToken(3, "syn=N or accept=N"))
            return false;
        for (std::size_t i = 3; i < m_tokens.size(); ++i) {
            std::string key;
            std::uint64_t value = 0;
            if (!parseAssignment(m_tokens[i], key, 65535, value))
                return false;
            auto &field = key == "syn" ? command.synQueue : command.acceptQueue;
            if (key != "syn" && key != "accept")
                return fail(m_tokens[i].begin, "unknown queue '" + key + "' (syn or accept)");
            if (field)
                return fail(m_tokens[i].begin, "queue '" + key + "' given twice");
            field = int(value);
        }
        return true;
    }
    if (what.word == "fd") {
        command.verb = Verb::ExpectDescriptor;
        if (!needToken(3, "descriptor number"))
            return false;
        if (m_tokens[3].quoted)
            return fail(m_tokens[3].begin, "bad number '" + display(m_tokens[3]) + "'");
        if (!parseNumber(m_tokens[3].word, m_tokens[3].begin, 1023, command.value))
            return false;
        if (!needToken(4, "what the descriptor holds (listener, socket, free, server, client .. client9)"))
            return false;
        const Token &holder = m_tokens[4];
        const bool known = !holder.quoted
            && (holder.word == "listener" || holder.word == "socket" || holder.word == "free"
                || parseHost(holder.word));
        if (!known)
            return fail(holder.begin, "unknown descriptor holder '" + display(holder)
                                          + "' (listener, socket, free, server, client .. client9)");
        command.name = holder.word;
        return expectEnd(5);
    }
    if (what.word == "unread") {
        // `expect server.client2 unread 2`: bytes received, not yet returned by a recv().
        command.verb = Verb::ExpectUnread;
        if (!needToken(3, "number of unread bytes"))
            return false;
        if (m_tokens[3].quoted)
            return fail(m_tokens[3].begin, "bad number '" + display(m_tokens[3]) + "'");
        return parseNumber(m_tokens[3].word, m_tokens[3].begin, UINT32_MAX, command.value) && expectEnd(4);
    }
    command.verb = Verb::ExpectCounter;
    if (!needToken(3, "counter (ListenOverflows=N or ListenDrops=N)"))
        return false;
    if (!parseAssignment(m_tokens[3], command.name, UINT32_MAX, command.value))
        return false;
    if (command.name != "ListenOverflows" && command.name != "ListenDrops" && command.name != "SyncookiesSent")
        return fail(m_tokens[3].begin, "unknown counter '" + command.name
                                           + "' (ListenOverflows, ListenDrops, SyncookiesSent)");
    return expectEnd(4);
}


bool LineParser::parseSocketCall(Command &command)
{
    switch (command.verb) {
    case Verb::Listen:
        if (m_tokens.size() > 2) {
            std::string key;
            std::uint64_t value = 0;
            if (!parseAssignment(m_tokens[2], key, 65535, value))
                return false;
            if (key != "backlog")
                return fail(m_tokens[2].begin, "unknown option '" + key + "' (backlog=N)");
            command.backlog = int(value);
        }
        return expectEnd(3);
    case Verb::Bind:
        if (!needToken(2, "port"))
            return false;
        if (m_tokens[2].quoted)
            return fail(m_tokens[2].begin, "bad number '" + display(m_tokens[2]) + "'");
        return parseNumber(m_tokens[2].word, m_tokens[2].begin, 65535, command.port) && expectEnd(3);
    case Verb::Setsockopt:
        if (!needToken(2, "option (SO_REUSEADDR)"))
            return false;
        if (m_tokens[2].quoted || m_tokens[2].word != "SO_REUSEADDR")
            return fail(m_tokens[2].begin, "unknown option '" + display(m_tokens[2]) + "' (SO_REUSEADDR)");
        return expectEnd(3);
    case Verb::Run:
        if (command.socket || command.side != Side::Server)
            return fail(m_tokens[0].begin, "only the server runs a program (server run DESIGN)");
        if (!needToken(2, "server design (blocking-echo, thread-echo, epoll-echo)"))
            return false;
        if (m_tokens[2].quoted || !parseServerDesign(m_tokens[2].word))
            return fail(m_tokens[2].begin, "unknown server design '" + display(m_tokens[2]) + "' (blocking-echo, thread-echo, epoll-echo)");
        command.name = m_tokens[2].word;
        return expectEnd(3);
    default:
        return expectEnd(2);
    }
}

} // namespace tcpsim::scriptparse
