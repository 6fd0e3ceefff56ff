// SPDX-License-Identifier: GPL-3.0-or-later
// The built-in lessons (resources/lessons/*.tcp, embedded as ":/lessons/NAME.tcp") and lesson
// files on disk.
#pragma once

#include "tcpsim/model/script.h"

#include <QList>
#include <QString>

class QIODevice;

#include <variant>

struct LessonEntry {
    QString name;    // base name: "handshake"
    QString path;    // ":/lessons/handshake.tcp"
    QString title;   // "# title:"
    QString titleZh; // "# title[zh]:" (may be empty)

    // The title in the UI language (Chinese when it is Chinese and the lesson has one).
    QString displayTitle(bool chinese) const;
};

namespace LessonLibrary {

// Built-in lessons in teaching order (the handshake first), then any others by name.
QList<LessonEntry> builtInLessons();
// The resource path of a built-in lesson name ("handshake"), or an empty string.
QString builtInPath(const QString &name);
// Lesson files are text: anything larger, or with more commands, is refused before it is read
// whole (README documents both limits).
constexpr qint64 maxLessonBytes = 32 * 1024 * 1024;
constexpr std::size_t maxLessonCommands = 1'000'000;

// Reads and parses a lesson: a built-in name or a file path. The error names file:line:column
// (only the file when the file as a whole is the problem: missing, a directory, too large).
std::variant<tcpsim::Lesson, tcpsim::ScriptError> load(const QString &nameOrPath);
// Reads a lesson from an open device (standard input), at most maxLessonBytes.
std::variant<tcpsim::Lesson, tcpsim::ScriptError> read(QIODevice &device, const QString &fileName);
// Parses lesson text read from `fileName` (shown in errors): a UTF-8 byte order mark is skipped,
// CRLF and CR line ends read as LF; empty, binary or non-UTF-8 text is refused with a message.
std::variant<tcpsim::Lesson, tcpsim::ScriptError> parse(QByteArray text, const QString &fileName);
// "FILE:LINE:COLUMN: message", or "FILE: message" for an error about the file as a whole.
QString errorText(const tcpsim::ScriptError &error);

} // namespace LessonLibrary
