// SPDX-License-Identifier: GPL-3.0-or-later
#include "numbertext.h"

#include <QRegularExpression>
#include <QStringList>

using namespace tcpsim;

namespace {

int sideIndex(Side side)
{
    return side == Side::Client ? 0 : 1;
}

} // namespace

NumberText::NumberText(const Lesson &lesson, const std::vector<Event> &events, NumberStyle style)
    : m_style(style)
{
    for (const Event &event : events) {
        if (event.kind == EventKind::Send && event.segment && event.segment->has(Syn) && !event.segment->retransmission)
            m_isn[sideIndex(event.segment->from)] = event.segment->seq;
    }
    for (const Command &command : lesson.commands) {
        if (command.verb == Verb::Isn && !m_isn[sideIndex(command.side)])
            m_isn[sideIndex(command.side)] = command.number;
    }
    // One SYN per known side: the formatter then names each number from that side's ISN.
    std::vector<Event> syns;
    for (Side side : {Side::Client, Side::Server}) {
        if (!m_isn[sideIndex(side)])
            continue;
        Event syn;
        syn.kind = EventKind::Send;
        syn.side = side;
        Segment segment;
        segment.id = syns.size() + 1;
        segment.from = side;
        segment.flags = Syn;
        segment.seq = *m_isn[sideIndex(side)];
        syn.segment = segment;
        syns.push_back(syn);
    }
    m_formatter = NumberFormatter(syns, style);
}

QString NumberText::restyle(const QString &text) const
{
    if (m_style == NumberStyle::Absolute)
        return text;
    QStringList lines = text.split(QLatin1Char('\n'));
    for (QString &line : lines)
        line = restyleLine(line);
    return lines.join(QLatin1Char('\n'));
}

std::optional<Side> NumberText::nearestSpace(SeqNum value) const
{
    std::optional<Side> best;
    std::uint32_t bestOffset = 0;
    for (Side side : {Side::Client, Side::Server}) {
        const auto isn = m_isn[sideIndex(side)];
        if (!isn)
            continue;
        const std::uint32_t offset = value - *isn; // modulo 2^32, as sequence numbers are
        if (offset >= 0x80000000u)
            continue; // before that ISN: not a number of this side
        if (!best || offset < bestOffset) {
            best = side;
            bestOffset = offset;
        }
    }
    return best;
}

QString NumberText::restyleLine(const QString &line) const
{
    static const QRegularExpression senderPattern(QStringLiteral("\\b(client|server) (sent|receive)\\b"));
    static const QRegularExpression numberPattern(QStringLiteral("\\b(seq|ack)=(\\d+)\\b"));
    std::optional<Side> sender;
    const QRegularExpressionMatch named = senderPattern.match(line);
    if (named.hasMatch()) {
        const Side side = named.captured(1) == QLatin1String("client") ? Side::Client : Side::Server;
        sender = named.captured(2) == QLatin1String("sent") ? side : peerOf(side);
    }
    QString result;
    qsizetype last = 0;
    QRegularExpressionMatchIterator it = numberPattern.globalMatch(line);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        bool ok = false;
        const qulonglong number = match.captured(2).toULongLong(&ok);
        if (!ok || number > 0xffffffffULL)
            continue;
        const SeqNum value = static_cast<SeqNum>(number);
        const bool isSeq = match.captured(1) == QLatin1String("seq");
        const std::optional<Side> space = sender ? (isSeq ? *sender : peerOf(*sender)) : nearestSpace(value);
        if (!space || !m_isn[sideIndex(*space)])
            continue;
        Segment segment; // a number in `space`: formatted as that side's seq
        segment.from = *space;
        segment.seq = value;
        result += line.mid(last, match.capturedStart(2) - last) + m_formatter.seq(segment);
        last = match.capturedEnd(2);
    }
    result += line.mid(last);
    return result;
}
