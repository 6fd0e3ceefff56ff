// The built-in lessons (resources/lessons/*.tcp, embedded as ":/lessons/NAME.tcp") and lesson
// files on disk.
#pragma once

#include "tcpsim/model/script.h"

#include <QList>
#include <QString>

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
// Reads and parses a lesson: a built-in name or a file path. The error names file:line:column.
std::variant<tcpsim::Lesson, tcpsim::ScriptError> load(const QString &nameOrPath);
// Parses lesson text read from `fileName` (shown in errors).
std::variant<tcpsim::Lesson, tcpsim::ScriptError> parse(const QByteArray &text, const QString &fileName);

} // namespace LessonLibrary
