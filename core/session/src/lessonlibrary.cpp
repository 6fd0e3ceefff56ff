// SPDX-License-Identifier: GPL-3.0-or-later
#include "tcpsim/session/lessonlibrary.h"

#include "tcpsim/session/printable.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

using namespace tcpsim;

QString LessonEntry::displayTitle(bool chinese) const
{
    if (chinese && !titleZh.isEmpty())
        return titleZh;
    return title.isEmpty() ? name : title;
}

namespace LessonLibrary {

QList<LessonEntry> builtInLessons()
{
    static const QStringList teachingOrder = {
        QStringLiteral("handshake"),         QStringLiteral("server-closes-first"),
        QStringLiteral("lost-syn"),          QStringLiteral("lost-final-ack"),
        QStringLiteral("connection-refused"), QStringLiteral("simultaneous-open"),
        QStringLiteral("simultaneous-close"), QStringLiteral("half-close"),
        QStringLiteral("abort"),             QStringLiteral("syn-retries-exhausted"),
        QStringLiteral("handshake-linux"),   QStringLiteral("server-closes-first-linux"),
        QStringLiteral("half-close-linux"),
        QStringLiteral("accept-queue"),      QStringLiteral("backlog-overflow"),
        QStringLiteral("blocking-server"),   QStringLiteral("thread-per-client"),
        QStringLiteral("event-loop"),        QStringLiteral("descriptors"),
        QStringLiteral("address-in-use"),
    };
    QStringList names;
    const QStringList files = QDir(QStringLiteral(":/lessons")).entryList({QStringLiteral("*.tcp")},
                                                                         QDir::Files, QDir::Name);
    for (const QString &file : files)
        names.append(QFileInfo(file).completeBaseName());
    std::stable_sort(names.begin(), names.end(), [](const QString &a, const QString &b) {
        const qsizetype ia = teachingOrder.indexOf(a);
        const qsizetype ib = teachingOrder.indexOf(b);
        return (ia < 0 ? teachingOrder.size() : ia) < (ib < 0 ? teachingOrder.size() : ib);
    });

    QList<LessonEntry> entries;
    for (const QString &name : names) {
        LessonEntry entry;
        entry.name = name;
        entry.path = builtInPath(name);
        const auto result = load(entry.path);
        if (const auto *lesson = std::get_if<Lesson>(&result)) {
            entry.title = QString::fromStdString(lesson->title);
            entry.titleZh = QString::fromStdString(lesson->titleZh);
        }
        entries.append(entry);
    }
    return entries;
}

QString builtInPath(const QString &name)
{
    const QString path = QStringLiteral(":/lessons/%1.tcp").arg(name);
    return QFile::exists(path) ? path : QString();
}

namespace {

ScriptError fileError(const QString &fileName, const QString &message, int line = 0)
{
    ScriptError error;
    error.file = fileName.toStdString();
    error.line = line;
    error.column = line > 0 ? 1 : 0;
    error.message = message.toStdString();
    return error;
}

QString tooLargeMessage()
{
    return QCoreApplication::translate("LessonLibrary", "too large for a lesson (more than %1 MB)")
        .arg(maxLessonBytes / (1024 * 1024));
}

// The 1-based line of byte `offset`.
int lineAt(const QByteArray &text, qsizetype offset)
{
    return int(std::count(text.cbegin(), text.cbegin() + offset, '\n')) + 1;
}

// Offset of the first NUL byte or byte that is not part of valid UTF-8, or -1.
qsizetype firstBinaryByte(const QByteArray &text)
{
    const auto *bytes = reinterpret_cast<const unsigned char *>(text.constData());
    const qsizetype size = text.size();
    for (qsizetype i = 0; i < size;) {
        const unsigned char lead = bytes[i];
        int length = 0;
        if (lead == 0)
            return i;
        if (lead < 0x80)
            length = 1;
        else if (lead >= 0xC2 && lead <= 0xDF)
            length = 2;
        else if (lead >= 0xE0 && lead <= 0xEF)
            length = 3;
        else if (lead >= 0xF0 && lead <= 0xF4)
            length = 4;
        else
            return i;
        if (i + length > size)
            return i;
        for (int k = 1; k < length; ++k) {
            if ((bytes[i + k] & 0xC0) != 0x80)
                return i;
        }
        i += length;
    }
    return -1;
}

} // namespace

std::variant<Lesson, ScriptError> parse(QByteArray text, const QString &fileName)
{
    if (text.startsWith("\xEF\xBB\xBF"))
        text.remove(0, 3);
    if (text.contains('\r')) {
        text.replace("\r\n", "\n");
        text.replace('\r', '\n');
    }
    if (text.trimmed().isEmpty())
        return fileError(fileName, QCoreApplication::translate("LessonLibrary", "the lesson file is empty"));
    // Binary data: a NUL byte, or bytes that are not UTF-8. Say where, without echoing them.
    const qsizetype bad = firstBinaryByte(text);
    if (bad >= 0) {
        const int line = lineAt(text, bad);
        return fileError(fileName,
                         QCoreApplication::translate("LessonLibrary", "not a lesson file (binary data at line %1)")
                             .arg(line),
                         line);
    }
    auto parsed = parseLesson(std::string_view(text.constData(), static_cast<std::size_t>(text.size())),
                              fileName.toStdString());
    if (const auto *lesson = std::get_if<Lesson>(&parsed); lesson && lesson->commands.size() > maxLessonCommands) {
        return fileError(fileName, QCoreApplication::translate("LessonLibrary", "too many commands for a lesson "
                                                                                "(%1; at most %2)")
                                       .arg(lesson->commands.size())
                                       .arg(maxLessonCommands));
    }
    return parsed;
}

std::variant<Lesson, ScriptError> read(QIODevice &device, const QString &fileName)
{
    // One byte over the limit tells "too large" without reading an endless stream (/dev/zero).
    const QByteArray text = device.read(maxLessonBytes + 1);
    if (text.size() > maxLessonBytes)
        return fileError(fileName, tooLargeMessage());
    return parse(text, fileName);
}

std::variant<Lesson, ScriptError> load(const QString &nameOrPath)
{
    QString path = nameOrPath;
    if (!nameOrPath.contains(QLatin1Char('/')) && !nameOrPath.endsWith(QLatin1String(".tcp"))) {
        const QString builtIn = builtInPath(nameOrPath);
        if (!builtIn.isEmpty())
            path = builtIn;
    }
    const QFileInfo info(path);
    if (!info.exists()) {
        const bool looksLikeName = !nameOrPath.contains(QLatin1Char('/')) && !nameOrPath.contains(QLatin1Char('.'));
        return fileError(nameOrPath, looksLikeName
                                         ? QCoreApplication::translate("LessonLibrary",
                                                                       "no such built-in lesson or file")
                                         : QCoreApplication::translate("LessonLibrary", "no such file"));
    }
    if (info.isDir())
        return fileError(nameOrPath, QCoreApplication::translate("LessonLibrary", "is a folder, not a lesson file"));
    if (info.isFile() && info.size() > maxLessonBytes)
        return fileError(nameOrPath, tooLargeMessage());
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return fileError(nameOrPath, QCoreApplication::translate("LessonLibrary", "cannot open the lesson: %1")
                                         .arg(file.errorString()));
    }
    const QString shownName = path.startsWith(QLatin1Char(':')) ? QFileInfo(path).fileName() : path;
    return read(file, shownName);
}

QString errorText(const ScriptError &error)
{
    // The message may quote the offending token: escaped, and cut so a 100 MB token cannot flood
    // a terminal or a dialog.
    constexpr int maximumMessage = 160;
    const QString file = Printable::bytes(error.file);
    const QString message = Printable::shortened(Printable::bytes(error.message), maximumMessage);
    if (error.line <= 0)
        return file + QStringLiteral(": ") + message;
    return QStringLiteral("%1:%2:%3: %4").arg(file).arg(error.line).arg(error.column).arg(message);
}

} // namespace LessonLibrary
