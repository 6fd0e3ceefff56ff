// SPDX-License-Identifier: GPL-3.0-or-later
// Lessons as text: the writer whose text parses back to the same lesson.
#include "tcpsim/model/scriptparser.h"

#include <algorithm>

namespace tcpsim {

// ---------------------------------------------------------------------------------------------
// Commands and lessons as text
// ---------------------------------------------------------------------------------------------

bool Command::isApplicationCall() const
{
    switch (verb) {
    case Verb::Listen:
    case Verb::Connect:
    case Verb::Accept:
    case Verb::Send:
    case Verb::Close:
    case Verb::Abort:
        return true;
    default:
        return false;
    }
}

bool Command::isCheck() const
{
    return verb == Verb::ExpectState || verb == Verb::ExpectSent || verb == Verb::ExpectNothing
        || verb == Verb::ExpectQueue || verb == Verb::ExpectDescriptor || verb == Verb::ExpectCounter
        || verb == Verb::ExpectUnread;
}

std::string Command::toScriptLine() const
{
    const std::string sideWord = target().toString();
    switch (verb) {
    case Verb::Socket: return sideWord + " socket";
    case Verb::Bind: return sideWord + " bind " + std::to_string(port);
    case Verb::Setsockopt: return sideWord + " setsockopt SO_REUSEADDR";
    case Verb::Set: return "set " + name + ' ' + std::to_string(value);
    case Verb::Run: return sideWord + " run " + name;
    case Verb::ExpectQueue: {
        std::string text = "expect " + sideWord + " queue";
        if (synQueue)
            text += " syn=" + std::to_string(*synQueue);
        if (acceptQueue)
            text += " accept=" + std::to_string(*acceptQueue);
        return text;
    }
    case Verb::ExpectDescriptor: return "expect " + sideWord + " fd " + std::to_string(value) + ' ' + name;
    case Verb::ExpectCounter: return "expect " + sideWord + " counter " + name + '=' + std::to_string(value);
    case Verb::ExpectUnread: return "expect " + sideWord + " unread " + std::to_string(value);
    case Verb::Listen:
        return sideWord + " listen" + (backlog ? " backlog=" + std::to_string(*backlog) : std::string());
    case Verb::Settle: return "settle";
    case Verb::ExpectState: return "expect " + sideWord + ' ' + std::string(stateName(state));
    case Verb::ExpectSent: return "expect " + sideWord + " sent " + pattern.toString();
    case Verb::ExpectNothing: return "expect " + sideWord + " sent nothing";
    case Verb::Isn: return sideWord + " isn " + std::to_string(number);
    case Verb::Send: return sideWord + " send " + quoteScriptString(data);
    case Verb::Receive: return sideWord + " receive " + pattern.toString();
    case Verb::Drop: return sideWord + " drop" + (segmentId ? " #" + std::to_string(*segmentId) : std::string());
    default: return sideWord + ' ' + std::string(verbWord(verb));
    }
}

bool Lesson::usesSockets() const
{
    return std::any_of(commands.begin(), commands.end(), [](const Command &command) {
        switch (command.verb) {
        case Verb::Socket:
        case Verb::Bind:
        case Verb::Setsockopt:
        case Verb::Set:
        case Verb::ExpectQueue:
        case Verb::ExpectDescriptor:
        case Verb::ExpectCounter:
        case Verb::ExpectUnread:
        case Verb::Run:
            return true;
        default:
            return command.socket.has_value() || command.backlog.has_value();
        }
    });
}

bool Lesson::hasAccept() const
{
    return std::any_of(commands.begin(), commands.end(),
                       [](const Command &command) { return command.verb == Verb::Accept || command.verb == Verb::Run; });
}

bool Lesson::runsServerProgram() const
{
    return std::any_of(commands.begin(), commands.end(),
                       [](const Command &command) { return command.verb == Verb::Run; });
}

std::string Lesson::toText() const
{
    std::string text;
    const auto header = [&text](std::string_view key, const std::string &value) {
        if (value.empty())
            return;
        std::string oneLine = value;
        std::replace(oneLine.begin(), oneLine.end(), '\n', ' ');
        text += "# " + std::string(key) + ": " + oneLine + '\n';
    };
    header("title", title);
    header("title[zh]", titleZh);
    header("note", note);
    header("note[zh]", noteZh);
    if (profile)
        text += std::string("# profile: ") + profileName(*profile) + '\n';
    if (!text.empty())
        text += '\n';
    for (const Command &command : commands)
        text += command.toScriptLine() + '\n';
    return text;
}

} // namespace tcpsim
