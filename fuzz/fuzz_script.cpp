// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer: any bytes through the front door of a lesson (LessonLibrary::parse: BOM, line ends,
// binary check, the parser, the size limits) and, when they parse, through the runner to the end.
// Nothing may crash, hang or leak; errors must be messages. Built with -DTCPSIM_FUZZ=ON (clang).
#include "tcpsim/model/script.h"
#include "tcpsim/session/lessonlibrary.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray text(reinterpret_cast<const char *>(data), qsizetype(size));
    auto parsed = LessonLibrary::parse(text, QStringLiteral("fuzz.tcp"));
    if (const auto *error = std::get_if<tcpsim::ScriptError>(&parsed)) {
        (void)LessonLibrary::errorText(*error);
        return 0;
    }
    auto &lesson = std::get<tcpsim::Lesson>(parsed);
    (void)lesson.toText(); // the round-trip writer must cope with whatever parsed
    // A long lesson runs long: what matters here is the parser, and a bounded run of the rest.
    constexpr std::size_t maxCommands = 400;
    if (lesson.commands.size() > maxCommands)
        lesson.commands.resize(maxCommands);
    tcpsim::ScriptRunner runner(std::move(lesson));
    runner.runToEnd();
    return 0;
}
