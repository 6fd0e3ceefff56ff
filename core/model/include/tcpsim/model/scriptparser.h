// SPDX-License-Identifier: GPL-3.0-or-later
// Lesson scripts as text: one command a line (README, "Lesson scripts"). Parsing never throws
// and never crashes on any input; an error names file:line:column. Lesson::toText() writes text
// that parses back to the same lesson.
#pragma once

#include "tcpsim/model/config.h"
#include "tcpsim/model/host.h"
#include "tcpsim/model/segment.h"
#include "tcpsim/model/sequence.h"
#include "tcpsim/model/state.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace tcpsim {

struct ScriptError {
    std::string file;
    int line = 0;   // 1-based
    int column = 0; // 1-based, in characters (UTF-8 code points) of the line
    std::string message;
    std::string toString() const; // "FILE:LINE:COLUMN: message"
};

// The fields an `expect ... sent` or a `receive` names; absent fields are not checked / are 0.
struct SegmentPattern {
    std::uint8_t flags = 0;
    std::optional<SeqNum> seq;
    std::optional<SeqNum> ack;
    std::optional<std::uint32_t> len;
    std::optional<std::string> data;
    std::optional<std::uint16_t> window;
    bool matches(const Segment &segment) const; // exact flag set, given fields only
    std::string toString() const;               // "SYN+ACK seq=300 ack=101"
};

enum class Verb : std::uint8_t {
    Isn,          // client isn 100
    Listen,       // server listen
    Connect,      // client connect
    Accept,       // server accept
    Send,         // client send "hello"
    Close,        // client close
    Abort,        // client abort
    Deliver,      // client deliver
    Drop,         // client drop, client drop #3
    Timeout,      // client timeout
    Receive,      // server receive SYN seq=100
    Settle,       // settle
    ExpectState,  // expect client SYN-SENT
    ExpectSent,   // expect server sent SYN+ACK seq=300 ack=101
    ExpectNothing,// expect client sent nothing
    // Many clients, one listener (issue 11)
    Socket,       // server socket
    Bind,         // server bind 3267
    Setsockopt,   // server setsockopt SO_REUSEADDR
    Set,          // set somaxconn 128
    ExpectQueue,  // expect server queue syn=0 accept=2
    ExpectDescriptor, // expect server fd 4 client2
    ExpectCounter,    // expect server counter ListenOverflows=1
    Run,              // server run blocking-echo (name: the design)
    ExpectUnread,     // expect server.client2 unread 2 (value: bytes in the receive buffer)
};

struct Command {
    Verb verb = Verb::Settle;
    Side side = Side::Client;
    int line = 0;                  // 1-based line in the file
    int column = 1;                // column of the command's first word
    SeqNum number = 0;             // Isn
    std::string data;              // Send
    TcpState state = TcpState::Closed; // ExpectState
    SegmentPattern pattern;        // Receive, ExpectSent
    // Drop: `client drop #3` names the in-flight segment by its global id (Segment::id, the #3 on
    // the ladder); without it the oldest segment in flight from the side is dropped.
    std::optional<std::uint64_t> segmentId;
    // Which socket, when the script names more than `client` or `server`: client2 .. client9,
    // server.clientN, server.listener. Without it, `side` names the socket (Commands the app
    // builds set only the side).
    std::optional<SocketName> socket;
    std::optional<int> backlog;    // Listen: `backlog=N`
    std::uint16_t port = 0;        // Bind
    std::string name;              // Set: the sysctl; ExpectCounter: the counter; Run: the design;
                                   // ExpectDescriptor: what the descriptor holds
    std::uint64_t value = 0;       // Set, ExpectCounter, ExpectUnread; ExpectDescriptor: the descriptor
    std::optional<int> synQueue;   // ExpectQueue
    std::optional<int> acceptQueue;

    SocketName target() const { return socket.value_or(SocketName(side)); }

    bool isApplicationCall() const; // listen, connect, accept, send, close, abort
    bool isCheck() const;           // the expect forms
    std::string toScriptLine() const; // canonical text that parses back to this command
};

struct Lesson {
    std::string file;              // for error messages; "-" for standard input
    std::string title;             // "# title: ..." header line
    std::string titleZh;           // "# title[zh]: ..." (Chinese title, optional)
    std::string note;              // "# note: ..." lines joined with spaces
    std::string noteZh;            // "# note[zh]: ..."
    std::optional<Profile> profile; // "# profile: rfc|linux"; none: the front end's choice
    std::vector<Command> commands;
    bool hasAccept() const;        // a lesson without `server accept` accepts automatically
    // The lesson uses the many-client forms: its log shows socket()/bind() and the queues.
    bool usesSockets() const;
    // `server run DESIGN`: a server program reads the server's data with its own recv().
    bool runsServerProgram() const;
    std::string toText() const;    // header lines, then one command a line
};

// The word of a socket verb ("listen", "bind"); empty for the other verbs.
std::string_view verbWord(Verb verb);

std::variant<Lesson, ScriptError> parseLesson(std::string_view text, std::string_view fileName);
// Quotes a message as a script string: "a \"b\" \\ \n".
std::string quoteScriptString(std::string_view text);

} // namespace tcpsim
