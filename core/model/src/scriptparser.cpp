// SPDX-License-Identifier: GPL-3.0-or-later
// Lesson scripts as text: a line-oriented parser that reports file:line:column and never
// throws, and the writer whose text parses back to the same lesson.
#include "tcpsim/model/scriptparser.h"
#include "scriptlineparser.h"

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

} // namespace

namespace scriptparse {

// nullopt with no error: a blank or comment line.
std::optional<Command> LineParser::parse()
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

// `name=N` with N in 0..max.
bool LineParser::parseAssignment(const Token &token, std::string &name, std::uint64_t max, std::uint64_t &value)
{
    const std::size_t equals = token.word.find('=');
    if (token.quoted || equals == std::string::npos || equals == 0)
        return fail(token.begin, "expected name=number, got '" + display(token) + "'");
    name = token.word.substr(0, equals);
    return parseNumber(std::string_view(token.word).substr(equals + 1), token.begin + equals + 1, max, value);
}

int LineParser::column(std::size_t byteOffset) const
{
    // Columns count characters: every UTF-8 byte but a continuation byte starts one.
    const auto prefix = m_line.substr(0, std::min(byteOffset, m_line.size()));
    return 1 + static_cast<int>(std::count_if(prefix.begin(), prefix.end(), [](char c) {
               return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
           }));
}

bool LineParser::readString(std::size_t &at, std::string &value)
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

bool LineParser::tokenize()
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
bool LineParser::isDropVerb() const
{
    return m_tokens.size() == 2 && !m_tokens[0].quoted && parseSocketName(m_tokens[0].word)
        && !m_tokens[1].quoted && m_tokens[1].word == "drop";
}

bool LineParser::expectEnd(std::size_t count)
{
    if (m_tokens.size() <= count)
        return true;
    return fail(m_tokens[count].begin, "unexpected '" + display(m_tokens[count]) + "' at the end of the command");
}

bool LineParser::needToken(std::size_t index, std::string_view what)
{
    if (index < m_tokens.size())
        return true;
    // Where the missing word would start: one space after the last one.
    return failAtColumn(column(m_tokens.back().end) + 1, "missing " + std::string(what));
}

bool LineParser::parseFlagsToken(const Token &token, std::uint8_t &flags)
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

// `seq=100 ack=301 data="hi"` after the flags.
bool LineParser::parsePattern(std::size_t first, PatternUse use, SegmentPattern &pattern)
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

bool LineParser::parseExpect(Command &command)
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
    if (!what.quoted && (what.word == "queue" || what.word == "fd" || what.word == "counter" || what.word == "unread"))
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

bool LineParser::parseSideCommand(Command &command)
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
    case Verb::Bind:
    case Verb::Setsockopt:
    case Verb::Run:
        return parseSocketCall(command);
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

} // namespace scriptparse

namespace {

using scriptparse::LineParser;

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
