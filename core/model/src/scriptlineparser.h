// SPDX-License-Identifier: GPL-3.0-or-later
// The lesson parser's line parser, shared by scriptparser.cpp (tokens, numbers, flags, segment
// patterns, the two-sided commands and expectations) and scriptsocketforms.cpp (the socket-API
// forms: socket/bind/listen/setsockopt/run, `set`, queue/fd/counter expectations). Internal to
// core/model.
#pragma once

#include "tcpsim/model/scriptparser.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tcpsim::scriptparse {

inline constexpr std::string_view flagNamesHint = "SYN, ACK, FIN, RST or PSH";

struct Token {
    std::string word;          // the bare text; for `data="..."` the `data=` part
    std::size_t begin = 0;     // byte offsets in the line
    std::size_t end = 0;
    bool quoted = false;       // a "string" follows the word (or is the whole token)
    std::string value;         // the string's unescaped text
    bool segmentId = false;    // `#3` after `drop`: word is "#3"
};

// Parses one line; the first error wins and stops it.
class LineParser {
public:
    LineParser(std::string_view line, int lineNumber, std::string_view file)
        : m_line(line), m_lineNumber(lineNumber), m_file(file)
    {
    }

    // nullopt with no error: a blank or comment line.
    std::optional<Command> parse();

    const std::optional<ScriptError> &error() const { return m_error; }

private:
    static void setTarget(Command &command, const SocketName &name)
    {
        command.side = name.side();
        if (!(name == SocketName(name.side())))
            command.socket = name;
    }

    // `name=N` with N in 0..max.
    bool parseAssignment(const Token &token, std::string &name, std::uint64_t max, std::uint64_t &value);

    // --- the socket-API forms (scriptsocketforms.cpp) ---
    // `set somaxconn 128`: a Linux sysctl, for every host.
    bool parseSet(Command &command);
    // `expect server queue syn=0 accept=2`, `expect server fd 4 client2`,
    // `expect server counter ListenOverflows=1`, `expect server.client2 unread 2`.
    bool parseSocketExpect(Command &command, const Token &what);
    // `server listen backlog=N`, `bind PORT`, `setsockopt SO_REUSEADDR`, `server run DESIGN`.
    bool parseSocketCall(Command &command);

    // --- tokens, numbers, errors ---
    int column(std::size_t byteOffset) const;
    bool failAtColumn(int column, std::string message)
    {
        if (!m_error)
            m_error = ScriptError{std::string(m_file), m_lineNumber, column, std::move(message)};
        return false;
    }

    bool fail(std::size_t byteOffset, std::string message) { return failAtColumn(column(byteOffset), std::move(message)); }

    static std::string display(const Token &token)
    {
        return token.quoted ? token.word + quoteScriptString(token.value) : token.word;
    }

    static bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\r'; }

    bool readString(std::size_t &at, std::string &value);
    bool tokenize();
    // The tokens so far are `client drop` or `server drop`: a `#` now may start a segment id.
    bool isDropVerb() const;
    bool expectEnd(std::size_t count);
    bool needToken(std::size_t index, std::string_view what);

    template <typename Number>
    bool parseNumber(std::string_view text, std::size_t begin, std::uint64_t max, Number &out)
    {
        if (text.empty() || !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
            return fail(begin, "bad number '" + std::string(text) + "'");
        std::uint64_t value = 0;
        const auto [end, status] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (status != std::errc() || end != text.data() + text.size() || value > max)
            return fail(begin, "number out of range '" + std::string(text) + "' (0.." + std::to_string(max) + ")");
        out = static_cast<Number>(value);
        return true;
    }

    bool parseFlagsToken(const Token &token, std::uint8_t &flags);

    // What a pattern describes: a segment an `expect ... sent` checks (len= allowed), or one a
    // `receive` crafts (its length is its data's).
    enum class PatternUse : std::uint8_t { Expect, Receive };
    // `seq=100 ack=301 data="hi"` after the flags.
    bool parsePattern(std::size_t first, PatternUse use, SegmentPattern &pattern);
    bool parseExpect(Command &command);
    bool parseSideCommand(Command &command);

    std::string_view m_line;
    int m_lineNumber;
    std::string_view m_file;
    std::vector<Token> m_tokens;
    std::optional<ScriptError> m_error;
};

} // namespace tcpsim::scriptparse
