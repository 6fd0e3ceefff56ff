// SPDX-License-Identifier: GPL-3.0-or-later
// Lesson scripts as text: a line-oriented parser that reports file:line:column and never
// throws, and the writer whose text parses back to the same lesson.
#include "tcpsim/model/scriptparser.h"
#include "tcpsim/model/serverprogram.h"

#include <algorithm>
#include <array>
#include <charconv>

namespace tcpsim {

std::string ScriptError::toString() const
{
    return file + ':' + std::to_string(line) + ':' + std::to_string(column) + ": " + message;
}

// ---------------------------------------------------------------------------------------------
// Segment patterns
// ---------------------------------------------------------------------------------------------

bool SegmentPattern::matches(const Segment &segment) const
{
    return segment.flags == flags && (!seq || *seq == segment.seq) && (!ack || *ack == segment.ack)
        && (!len || *len == segment.data.size()) && (!data || *data == segment.data)
        && (!window || *window == segment.window);
}

std::string SegmentPattern::toString() const
{
    std::string text = flagsToString(flags);
    if (seq)
        text += " seq=" + std::to_string(*seq);
    if (ack)
        text += " ack=" + std::to_string(*ack);
    if (len)
        text += " len=" + std::to_string(*len);
    if (data)
        text += " data=" + quoteScriptString(*data);
    if (window)
        text += " win=" + std::to_string(*window);
    return text;
}

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

namespace {

constexpr std::string_view flagNamesHint = "SYN, ACK, FIN, RST or PSH";

struct Token {
    std::string word;          // the bare text; for `data="..."` the `data=` part
    std::size_t begin = 0;     // byte offsets in the line
    std::size_t end = 0;
    bool quoted = false;       // a "string" follows the word (or is the whole token)
    std::string value;         // the string's unescaped text
    bool segmentId = false;    // `#3` after `drop`: word is "#3"
};

struct Verbs {
    std::string_view word;
    Verb verb;
};
constexpr std::array<Verbs, 15> sideVerbs = {{
    {"socket", Verb::Socket},   {"bind", Verb::Bind},       {"setsockopt", Verb::Setsockopt},
    {"isn", Verb::Isn},         {"listen", Verb::Listen},   {"connect", Verb::Connect},
    {"accept", Verb::Accept},   {"send", Verb::Send},       {"close", Verb::Close},
    {"abort", Verb::Abort},     {"deliver", Verb::Deliver}, {"drop", Verb::Drop},
    {"timeout", Verb::Timeout}, {"receive", Verb::Receive}, {"run", Verb::Run},
}};


// Parses one line; the first error wins and stops it.
class LineParser {
public:
    LineParser(std::string_view line, int lineNumber, std::string_view file)
        : m_line(line), m_lineNumber(lineNumber), m_file(file)
    {
    }

    // nullopt with no error: a blank or comment line.
    std::optional<Command> parse()
    {
        if (!tokenize() || m_tokens.empty())
            return std::nullopt;
        const Token &first = m_tokens[0];
        Command command;
        command.line = m_lineNumber;
        command.column = column(first.begin);
        if (!first.quoted && first.word == "settle") {
            command.verb = Verb::Settle;
            if (!expectEnd(1))
                return std::nullopt;
            return command;
        }
        if (!first.quoted && first.word == "expect")
            return parseExpect(command) ? std::optional<Command>(command) : std::nullopt;
        if (!first.quoted && first.word == "set")
            return parseSet(command) ? std::optional<Command>(command) : std::nullopt;
        const auto name = first.quoted ? std::nullopt : parseSocketName(first.word);
        if (!name) {
            fail(first.begin, "unknown command '" + display(first)
                                  + "' (expected client, server, settle or expect)");
            return std::nullopt;
        }
        setTarget(command, *name);
        return parseSideCommand(command) ? std::optional<Command>(command) : std::nullopt;
    }

    const std::optional<ScriptError> &error() const { return m_error; }

private:
    static void setTarget(Command &command, const SocketName &name)
    {
        command.side = name.side();
        if (!(name == SocketName(name.side())))
            command.socket = name;
    }

    // `name=N` with N in 0..max.
    bool parseAssignment(const Token &token, std::string &name, std::uint64_t max, std::uint64_t &value)
    {
        const std::size_t equals = token.word.find('=');
        if (token.quoted || equals == std::string::npos || equals == 0)
            return fail(token.begin, "expected name=number, got '" + display(token) + "'");
        name = token.word.substr(0, equals);
        return parseNumber(std::string_view(token.word).substr(equals + 1), token.begin + equals + 1, max, value);
    }

    // `set somaxconn 128`: a Linux sysctl, for every host.
    bool parseSet(Command &command)
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
    // `expect server counter ListenOverflows=1`.
    bool parseSocketExpect(Command &command, const Token &what)
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

    int column(std::size_t byteOffset) const
    {
        // Columns count characters: every UTF-8 byte but a continuation byte starts one.
        const auto prefix = m_line.substr(0, std::min(byteOffset, m_line.size()));
        return 1 + static_cast<int>(std::count_if(prefix.begin(), prefix.end(), [](char c) {
                   return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
               }));
    }

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

    bool readString(std::size_t &at, std::string &value)
    {
        const std::size_t opening = at;
        for (++at; at < m_line.size(); ++at) {
            const char c = m_line[at];
            if (c == '"') {
                ++at;
                return true;
            }
            if (c != '\\') {
                value += c;
                continue;
            }
            if (at + 1 >= m_line.size())
                break;
            switch (m_line[at + 1]) {
            case '"': value += '"'; break;
            case '\\': value += '\\'; break;
            case 'n': value += '\n'; break;
            default:
                return fail(at, std::string("bad escape '\\") + m_line[at + 1] + "' (use \\\", \\\\ or \\n)");
            }
            ++at;
        }
        return fail(opening, "unterminated string");
    }

    bool tokenize()
    {
        std::size_t at = 0;
        while (at < m_line.size()) {
            if (isSpace(m_line[at])) {
                ++at;
                continue;
            }
            if (m_line[at] == '#') {
                // After `client drop`, `#3` names a segment; anywhere else `#` starts a comment,
                // and so does `# text` after drop. A bare `#` ending the line is a missing id.
                if (!isDropVerb())
                    break;
                const std::size_t next = m_line.find_first_not_of(" \t\r", at + 1);
                if (next == std::string_view::npos)
                    return fail(at + 1, "missing segment id after '#' (such as #3)");
                if (next != at + 1)
                    break;
                Token token;
                token.begin = at;
                token.segmentId = true;
                for (++at; at < m_line.size() && !isSpace(m_line[at]) && m_line[at] != '#' && m_line[at] != '"'; ++at) {
                }
                token.word = std::string(m_line.substr(token.begin, at - token.begin));
                token.end = at;
                m_tokens.push_back(std::move(token));
                continue;
            }
            Token token;
            token.begin = at;
            while (at < m_line.size() && !isSpace(m_line[at]) && m_line[at] != '#' && m_line[at] != '"')
                ++at;
            token.word = std::string(m_line.substr(token.begin, at - token.begin));
            if (at < m_line.size() && m_line[at] == '"') {
                if (!token.word.empty() && !token.word.ends_with('='))
                    return fail(at, "unexpected '\"' (write a message as a separate \"word\")");
                token.quoted = true;
                if (!readString(at, token.value))
                    return false;
                if (at < m_line.size() && !isSpace(m_line[at]) && m_line[at] != '#')
                    return fail(at, "unexpected text after the closing quote");
            }
            token.end = at;
            m_tokens.push_back(std::move(token));
        }
        return true;
    }

    // The tokens so far are `client drop` or `server drop`: a `#` now may start a segment id.
    bool isDropVerb() const
    {
        return m_tokens.size() == 2 && !m_tokens[0].quoted && parseSocketName(m_tokens[0].word)
            && !m_tokens[1].quoted && m_tokens[1].word == "drop";
    }

    bool expectEnd(std::size_t count)
    {
        if (m_tokens.size() <= count)
            return true;
        return fail(m_tokens[count].begin, "unexpected '" + display(m_tokens[count]) + "' at the end of the command");
    }

    bool needToken(std::size_t index, std::string_view what)
    {
        if (index < m_tokens.size())
            return true;
        // Where the missing word would start: one space after the last one.
        return failAtColumn(column(m_tokens.back().end) + 1, "missing " + std::string(what));
    }

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

    bool parseFlagsToken(const Token &token, std::uint8_t &flags)
    {
        if (token.quoted)
            return fail(token.begin, "expected flags such as SYN+ACK, got '" + display(token) + "'");
        if (const auto parsed = parseFlags(token.word)) {
            flags = *parsed;
            return true;
        }
        // Point at the offending name inside the token.
        std::uint8_t seen = 0;
        std::size_t partBegin = 0;
        while (true) {
            const std::size_t plus = token.word.find('+', partBegin);
            const std::string name = token.word.substr(partBegin, plus - partBegin);
            const auto one = parseFlags(name);
            if (!one)
                return fail(token.begin + partBegin, "unknown flag '" + name + "' (" + std::string(flagNamesHint) + ")");
            if ((seen & *one) != 0)
                return fail(token.begin + partBegin, "flag '" + name + "' given twice");
            seen |= *one;
            partBegin = plus + 1;
        }
    }

    // What a pattern describes: a segment an `expect ... sent` checks (len= allowed), or one a
    // `receive` crafts (its length is its data's).
    enum class PatternUse : std::uint8_t { Expect, Receive };

    // `seq=100 ack=301 data="hi"` after the flags.
    bool parsePattern(std::size_t first, PatternUse use, SegmentPattern &pattern)
    {
        const bool allowLength = use == PatternUse::Expect;
        if (!needToken(first, "flags (" + std::string(flagNamesHint) + ", joined by +)"))
            return false;
        if (!parseFlagsToken(m_tokens[first], pattern.flags))
            return false;
        for (std::size_t i = first + 1; i < m_tokens.size(); ++i) {
            const Token &token = m_tokens[i];
            const std::size_t equals = token.word.find('=');
            if (equals == std::string::npos)
                return fail(token.begin, "unexpected '" + display(token) + "' (expected a field such as seq=100)");
            const std::string key = token.word.substr(0, equals);
            const std::string_view value = std::string_view(token.word).substr(equals + 1);
            const std::size_t valueAt = token.begin + equals + 1;
            const bool known = key == "seq" || key == "ack" || key == "data" || key == "win"
                || (key == "len" && allowLength);
            if (!known)
                return fail(token.begin, "unknown field '" + key + "' (seq, ack, " + (allowLength ? "len, " : "")
                                             + "data, win)");
            if (key == "data") {
                if (!token.quoted)
                    return fail(valueAt, "data= takes a \"quoted\" message");
                if (pattern.data)
                    return fail(token.begin, "field 'data' given twice");
                pattern.data = token.value;
                continue;
            }
            if (token.quoted)
                return fail(valueAt, "bad number '" + quoteScriptString(token.value) + "'");
            const auto assign = [&](auto &field, std::uint64_t max) {
                if (field)
                    return fail(token.begin, "field '" + key + "' given twice");
                typename std::remove_reference_t<decltype(field)>::value_type number{};
                if (!parseNumber(value, valueAt, max, number))
                    return false;
                field = number;
                return true;
            };
            const bool ok = key == "seq" ? assign(pattern.seq, UINT32_MAX)
                : key == "ack"           ? assign(pattern.ack, UINT32_MAX)
                : key == "len"           ? assign(pattern.len, UINT32_MAX)
                                         : assign(pattern.window, UINT16_MAX);
            if (!ok)
                return false;
        }
        return true;
    }

    bool parseExpect(Command &command)
    {
        if (!needToken(1, "side (client or server)"))
            return false;
        const Token &sideToken = m_tokens[1];
        const auto name = sideToken.quoted ? std::nullopt : parseSocketName(sideToken.word);
        if (!name)
            return fail(sideToken.begin, "unknown side '" + display(sideToken) + "' (client or server)");
        setTarget(command, *name);
        if (!needToken(2, "state or 'sent'"))
            return false;
        const Token &what = m_tokens[2];
        if (!what.quoted && (what.word == "queue" || what.word == "fd" || what.word == "counter"))
            return parseSocketExpect(command, what);
        if (!what.quoted && what.word == "sent") {
            if (!needToken(3, "'nothing' or flags after 'sent'"))
                return false;
            if (!m_tokens[3].quoted && m_tokens[3].word == "nothing") {
                command.verb = Verb::ExpectNothing;
                return expectEnd(4);
            }
            command.verb = Verb::ExpectSent;
            return parsePattern(3, PatternUse::Expect, command.pattern);
        }
        const auto state = what.quoted ? std::nullopt : parseState(what.word);
        if (!state)
            return fail(what.begin, "unknown state '" + display(what) + "'");
        command.verb = Verb::ExpectState;
        command.state = *state;
        return expectEnd(3);
    }

    bool parseSideCommand(Command &command)
    {
        if (!needToken(1, "command after '" + m_tokens[0].word + "'"))
            return false;
        const Token &verbToken = m_tokens[1];
        const auto found = std::find_if(sideVerbs.begin(), sideVerbs.end(), [&](const Verbs &entry) {
            return !verbToken.quoted && entry.word == verbToken.word;
        });
        if (found == sideVerbs.end())
            return fail(verbToken.begin, "unknown command '" + display(verbToken) + "'");
        command.verb = found->verb;
        switch (command.verb) {
        case Verb::Isn:
            if (!needToken(2, "initial sequence number"))
                return false;
            if (m_tokens[2].quoted)
                return fail(m_tokens[2].begin, "bad number '" + display(m_tokens[2]) + "'");
            return parseNumber(m_tokens[2].word, m_tokens[2].begin, UINT32_MAX, command.number) && expectEnd(3);
        case Verb::Send:
            if (!needToken(2, "message (a \"quoted\" string)"))
                return false;
            if (!m_tokens[2].quoted || !m_tokens[2].word.empty())
                return fail(m_tokens[2].begin, "expected a \"quoted\" message, got '" + display(m_tokens[2]) + "'");
            command.data = m_tokens[2].value;
            return expectEnd(3);
        case Verb::Receive:
            return parsePattern(2, PatternUse::Receive, command.pattern);
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
        case Verb::Drop:
            if (m_tokens.size() > 2 && m_tokens[2].segmentId) {
                const Token &idToken = m_tokens[2];
                const std::string_view digits = std::string_view(idToken.word).substr(1);
                const std::size_t digitsAt = idToken.begin + 1;
                if (digits.empty() || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
                    return fail(digitsAt, "bad segment id '" + idToken.word + "' (a number such as #3)");
                std::uint64_t id = 0;
                if (!parseNumber(digits, digitsAt, UINT32_MAX, id))
                    return false;
                if (id == 0)
                    return fail(digitsAt, "bad segment id '#0' (segments are numbered from #1)");
                command.segmentId = id;
                return expectEnd(3);
            }
            return expectEnd(2);
        default:
            return expectEnd(2);
        }
    }

    std::string_view m_line;
    int m_lineNumber;
    std::string_view m_file;
    std::vector<Token> m_tokens;
    std::optional<ScriptError> m_error;
};

std::string_view trimmed(std::string_view text)
{
    const auto first = text.find_first_not_of(" \t\r");
    if (first == std::string_view::npos)
        return {};
    const auto last = text.find_last_not_of(" \t\r");
    return text.substr(first, last - first + 1);
}

// `# title: ...`, `# title[zh]: ...`, `# note: ...`, `# note[zh]: ...`
bool readHeader(std::string_view line, Lesson &lesson)
{
    line = trimmed(line);
    if (!line.starts_with('#'))
        return false;
    line = trimmed(line.substr(1));
    struct Header {
        std::string_view key;
        std::string Lesson::*field;
        bool joins;
    };
    static const std::array<Header, 4> headers = {{
        {"title:", &Lesson::title, false},
        {"title[zh]:", &Lesson::titleZh, false},
        {"note:", &Lesson::note, true},
        {"note[zh]:", &Lesson::noteZh, true},
    }};
    for (const Header &header : headers) {
        if (!line.starts_with(header.key))
            continue;
        const std::string value(trimmed(line.substr(header.key.size())));
        std::string &field = lesson.*header.field;
        // English notes join with a space; Chinese text needs none between lines.
        const std::string separator = header.field == &Lesson::note ? " " : "";
        if (!header.joins)
            field = value;
        else if (!value.empty())
            field = field.empty() ? value : field + separator + value;
        return true;
    }
    return false;
}

// `# profile: rfc` or `# profile: linux`: whose TCP the lesson shows. Anything else after
// `# profile:` is an error (a typo would silently run the other profile).
std::optional<ScriptError> readProfileHeader(std::string_view line, int lineNumber, std::string_view fileName,
                                             Lesson &lesson)
{
    const std::string_view trimmedLine = trimmed(line);
    if (!trimmedLine.starts_with('#'))
        return std::nullopt;
    const std::string_view afterHash = trimmed(trimmedLine.substr(1));
    constexpr std::string_view key = "profile:";
    if (!afterHash.starts_with(key))
        return std::nullopt;
    const std::string_view value = trimmed(afterHash.substr(key.size()));
    if (const auto profile = parseProfile(value)) {
        lesson.profile = profile;
        return std::nullopt;
    }
    // The column of the value (an empty value: just past the key); the line up to it is ASCII.
    const std::string_view afterKey = afterHash.substr(key.size());
    const char *at = value.empty() ? afterKey.data() : value.data();
    const int column = static_cast<int>(at - line.data()) + 1;
    return ScriptError{std::string(fileName), lineNumber, column,
                       "unknown profile '" + std::string(value.substr(0, 80)) + "' (expected rfc or linux)"};
}

} // namespace

std::string_view verbWord(Verb verb)
{
    const auto found = std::find_if(sideVerbs.begin(), sideVerbs.end(),
                                    [verb](const Verbs &entry) { return entry.verb == verb; });
    return found != sideVerbs.end() ? found->word : std::string_view{};
}

std::variant<Lesson, ScriptError> parseLesson(std::string_view text, std::string_view fileName)
{
    Lesson lesson;
    lesson.file = std::string(fileName);
    int lineNumber = 0;
    while (!text.empty() || lineNumber == 0) {
        ++lineNumber;
        const std::size_t newline = text.find('\n');
        std::string_view line = text.substr(0, newline);
        text = newline == std::string_view::npos ? std::string_view{} : text.substr(newline + 1);
        if (line.ends_with('\r'))
            line.remove_suffix(1);
        if (auto error = readProfileHeader(line, lineNumber, fileName, lesson))
            return *error;
        if (readHeader(line, lesson))
            continue;
        LineParser parser(line, lineNumber, fileName);
        const std::optional<Command> command = parser.parse();
        if (parser.error())
            return *parser.error();
        if (command)
            lesson.commands.push_back(*command);
        if (text.empty())
            break;
    }
    return lesson;
}

std::string quoteScriptString(std::string_view text)
{
    std::string quoted = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\')
            quoted += '\\';
        if (c == '\n') {
            quoted += "\\n";
            continue;
        }
        quoted += c;
    }
    return quoted + '"';
}

} // namespace tcpsim
