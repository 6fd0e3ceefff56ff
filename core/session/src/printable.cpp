// SPDX-License-Identifier: GPL-3.0-or-later
#include "tcpsim/session/printable.h"

#include <QList>

namespace Printable {

namespace {

void appendEscaped(QString &out, char32_t code, LineBreaks lineBreaks)
{
    if (code == '\n' && lineBreaks == LineBreaks::Keep) {
        out += QLatin1Char('\n');
    } else if (code == '\n') {
        out += QLatin1String("\\n");
    } else if (code == '\t') {
        out += lineBreaks == LineBreaks::Keep ? QStringLiteral("\t") : QStringLiteral("\\t");
    } else if (code == 0) {
        out += QLatin1String("\\0");
    } else if (code < 0x20 || code == 0x7f) {
        out += QStringLiteral("\\x%1").arg(uint(code), 2, 16, QLatin1Char('0'));
    } else if (code >= 0x80 && code <= 0x9f) {
        out += QStringLiteral("\\u%1").arg(uint(code), 4, 16, QLatin1Char('0'));
    } else {
        out += QString::fromUcs4(&code, 1);
    }
}

} // namespace

QString text(QStringView text, LineBreaks lineBreaks)
{
    QString out;
    out.reserve(text.size());
    for (const uint code : text.toUcs4())
        appendEscaped(out, char32_t(code), lineBreaks);
    return out;
}

QString bytes(std::string_view bytes, LineBreaks lineBreaks)
{
    QString out;
    out.reserve(qsizetype(bytes.size()));
    const auto *data = reinterpret_cast<const unsigned char *>(bytes.data());
    const std::size_t size = bytes.size();
    for (std::size_t i = 0; i < size;) {
        const unsigned char lead = data[i];
        std::size_t length = lead < 0x80 ? 1 : (lead >= 0xC2 && lead <= 0xDF) ? 2 : (lead >= 0xE0 && lead <= 0xEF) ? 3
                                             : (lead >= 0xF0 && lead <= 0xF4) ? 4 : 0;
        bool valid = length > 0 && i + length <= size;
        for (std::size_t k = 1; valid && k < length; ++k)
            valid = (data[i + k] & 0xC0) == 0x80;
        if (!valid) {
            out += QStringLiteral("\\x%1").arg(uint(lead), 2, 16, QLatin1Char('0'));
            ++i;
            continue;
        }
        char32_t code = length == 1 ? lead : lead & (0xFF >> (length + 1));
        for (std::size_t k = 1; k < length; ++k)
            code = (code << 6) | (data[i + k] & 0x3F);
        appendEscaped(out, code, lineBreaks);
        i += length;
    }
    return out;
}

QString shortened(const QString &text, int maximum)
{
    if (text.size() <= maximum)
        return text;
    return text.left(maximum - 1) + QChar(0x2026);
}

} // namespace Printable
