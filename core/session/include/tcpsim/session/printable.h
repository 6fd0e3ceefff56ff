// SPDX-License-Identifier: GPL-3.0-or-later
// Text from outside (a lesson file, a client of the live server) shown in a terminal, a dialog or
// the log: control characters and bytes that are not UTF-8 are written as escapes, so no byte
// can retitle or clear a terminal, and a NUL cannot cut a message short.
#pragma once

#include <QString>

#include <string_view>

namespace Printable {

// "\x1b", "\0", "\x7f", "\u0085" for C0/C1 controls and DEL; "\n" and "\t" escaped too when
// `lineBreaks` is EscapeLineBreaks (one-line output); a backslash stays as it is.
enum class LineBreaks { Keep, Escape };
QString text(QStringView text, LineBreaks lineBreaks = LineBreaks::Escape);
// The same for bytes: valid UTF-8 decoded, every other byte as "\xNN".
QString bytes(std::string_view bytes, LineBreaks lineBreaks = LineBreaks::Escape);
// At most `maximum` characters of `text` (already printable), "…" after a cut.
QString shortened(const QString &text, int maximum = 80);

} // namespace Printable
