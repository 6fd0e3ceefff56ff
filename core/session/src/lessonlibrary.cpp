#include "tcpsim/session/lessonlibrary.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

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

std::variant<Lesson, ScriptError> parse(const QByteArray &text, const QString &fileName)
{
    return parseLesson(std::string_view(text.constData(), static_cast<std::size_t>(text.size())),
                       fileName.toStdString());
}

std::variant<Lesson, ScriptError> load(const QString &nameOrPath)
{
    QString path = nameOrPath;
    if (!nameOrPath.contains(QLatin1Char('/')) && !nameOrPath.endsWith(QLatin1String(".tcp"))) {
        const QString builtIn = builtInPath(nameOrPath);
        if (!builtIn.isEmpty())
            path = builtIn;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ScriptError error;
        error.file = nameOrPath.toStdString();
        error.line = 0;
        error.column = 0;
        error.message = QCoreApplication::translate("LessonLibrary", "cannot open the lesson: %1")
                            .arg(file.errorString())
                            .toStdString();
        return error;
    }
    const QString shownName = path.startsWith(QLatin1Char(':')) ? QFileInfo(path).fileName() : path;
    return parse(file.readAll(), shownName);
}

} // namespace LessonLibrary
