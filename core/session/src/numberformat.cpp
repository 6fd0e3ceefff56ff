// SPDX-License-Identifier: GPL-3.0-or-later
#include "tcpsim/session/numberformat.h"

using namespace tcpsim;

NumberFormatter::NumberFormatter(const std::vector<Event> &events, NumberStyle style)
    : m_style(style)
{
    for (const Event &event : events) {
        if (event.kind != EventKind::Send || !event.segment || !event.segment->has(tcpsim::Syn))
            continue;
        const Segment &segment = *event.segment;
        if (segment.retransmission)
            continue;
        m_syns.push_back({segment.id, segment.from, segment.seq});
    }
}

std::optional<SeqNum> NumberFormatter::isn(Side side, std::uint64_t segmentId) const
{
    std::optional<SeqNum> result;
    for (const IsnMark &syn : m_syns) {
        if (syn.side != side)
            continue;
        if (segmentId != 0 && syn.id > segmentId)
            break;
        result = syn.isn;
    }
    return result;
}

QString NumberFormatter::format(SeqNum value, Side space, std::uint64_t segmentId) const
{
    if (m_style == NumberStyle::Absolute)
        return QString::number(value);
    const std::optional<SeqNum> base = isn(space, segmentId);
    if (!base)
        return QString::number(value);
    const auto offset = static_cast<std::int32_t>(value - *base);
    if (m_style == NumberStyle::Relative)
        return QString::number(offset);
    const QString letter = space == Side::Client ? QStringLiteral("j") : QStringLiteral("k");
    if (offset == 0)
        return letter;
    return offset > 0 ? letter + QLatin1Char('+') + QString::number(offset)
                      : letter + QString::number(offset);
}

QString NumberFormatter::seq(const Segment &segment) const
{
    return format(segment.seq, segment.from, segment.id);
}

QString NumberFormatter::ack(const Segment &segment) const
{
    return format(segment.ack, peerOf(segment.from), segment.id);
}

QString NumberFormatter::numbers(const Segment &segment) const
{
    QString text = QStringLiteral("seq=") + seq(segment);
    if (segment.has(Ack))
        text += QStringLiteral(" ack=") + ack(segment);
    if (!segment.data.empty())
        text += QStringLiteral(" len=") + QString::number(segment.data.size());
    return text;
}

std::optional<NumberStyle> NumberFormatter::styleNamed(const QString &name)
{
    if (name == QLatin1String("symbolic"))
        return NumberStyle::Symbolic;
    if (name == QLatin1String("relative"))
        return NumberStyle::Relative;
    if (name == QLatin1String("absolute"))
        return NumberStyle::Absolute;
    return std::nullopt;
}

QString NumberFormatter::styleName(NumberStyle style)
{
    switch (style) {
    case NumberStyle::Absolute:
        return tr("Absolute numbers");
    case NumberStyle::Relative:
        return tr("Relative numbers (like Wireshark)");
    case NumberStyle::Symbolic:
        return tr("Symbolic numbers (j, k)");
    }
    return {};
}

QString dataPreview(const std::string &data, int maximumCharacters)
{
    QString text = QString::fromUtf8(data.data(), static_cast<qsizetype>(data.size()));
    for (QChar &c : text) {
        if (c == QLatin1Char('\n'))
            c = QChar(0x21b5); // ↵
        else if (!c.isPrint())
            c = QChar(0x00b7);
    }
    if (text.size() > maximumCharacters)
        text = text.left(maximumCharacters - 1) + QChar(0x2026);
    return QLatin1Char('"') + text + QLatin1Char('"');
}
