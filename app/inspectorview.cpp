// SPDX-License-Identifier: GPL-3.0-or-later
#include "inspectorview.h"

#include "appstyle.h"

#include <QEvent>
#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>

#include <algorithm>

using namespace tcpsim;

namespace {

QString hex(const std::vector<std::uint8_t> &bytes, int offset, int length)
{
    QStringList parts;
    for (int i = offset; i < offset + length && i < static_cast<int>(bytes.size()); ++i)
        parts.append(QStringLiteral("%1").arg(bytes[static_cast<std::size_t>(i)], 2, 16, QLatin1Char('0')).toUpper());
    return parts.join(QLatin1Char(' '));
}

// Distinct light tints, one per field; text on them is always dark.
QColor fieldTint(int index)
{
    static const QColor tints[] = {
        QColor(0xbb, 0xde, 0xfb), QColor(0xff, 0xe0, 0xb2), QColor(0xc8, 0xe6, 0xc9), QColor(0xf8, 0xbb, 0xd0),
        QColor(0xd1, 0xc4, 0xe9), QColor(0xff, 0xf5, 0x9d), QColor(0xb2, 0xeb, 0xf2), QColor(0xff, 0xcc, 0xbc),
        QColor(0xdc, 0xed, 0xc8), QColor(0xe1, 0xbe, 0xe7), QColor(0xcf, 0xd8, 0xdc),
    };
    return tints[index % int(std::size(tints))];
}

} // namespace

InspectorView::InspectorView(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_table(new QLabel(this))
    , m_byteOrder(new QLabel(this))
    , m_hex(new QLabel(this))
    , m_placeholder(new QLabel(this))
{
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *content = new QWidget(scroll);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(10, 8, 10, 8);
    layout->setSpacing(8);
    for (QLabel *label : {m_title, m_table, m_byteOrder, m_hex, m_placeholder}) {
        label->setParent(content);
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        label->setTextFormat(Qt::RichText);
        layout->addWidget(label);
    }
    layout->addStretch(1);
    scroll->setWidget(content);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);
    clear();
}

void InspectorView::clear()
{
    m_segment.reset();
    m_bytes.clear();
    m_fields.clear();
    rebuild();
}

void InspectorView::setSegment(const Segment &segment, const WireAddressing &addressing, const NumberFormatter &formatter)
{
    m_segment = segment;
    m_addressing = addressing;
    m_formatter = formatter;
    m_bytes = encodeSegment(segment, addressing);
    rebuild();
}

void InspectorView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange || event->type() == QEvent::PaletteChange)
        rebuild();
}

QString InspectorView::fieldValue(const QString &name) const
{
    for (const Field &field : m_fields) {
        if (field.name == name)
            return field.value;
    }
    return {};
}

QString InspectorView::hexDump() const
{
    QStringList rows;
    for (int offset = 0; offset < static_cast<int>(m_bytes.size()); offset += 4)
        rows.append(hex(m_bytes, offset, 4));
    return rows.join(QLatin1Char('\n'));
}

void InspectorView::rebuild()
{
    const bool has = m_segment.has_value();
    m_title->setVisible(has);
    m_table->setVisible(has);
    m_byteOrder->setVisible(has);
    m_hex->setVisible(has);
    m_placeholder->setVisible(!has);
    m_fields.clear();
    if (!has) {
        m_placeholder->setText(tr("Click an arrow in the ladder diagram to see its TCP header here."));
        return;
    }
    const Segment &s = *m_segment;
    const QPalette &pal = palette();
    const bool fromClient = s.from == Side::Client;
    const QString sender = fromClient ? tr("client") : tr("server");
    const QString receiver = fromClient ? tr("server") : tr("client");
    const int headerLength = m_bytes.size() >= 13 ? (m_bytes[12] >> 4) * 4 : 20;

    auto add = [this](QString name, QString value, QString meaning, int offset, int length) {
        m_fields.push_back({std::move(name), std::move(value), std::move(meaning), offset, length});
    };
    add(tr("Source port"), QString::number(m_addressing.sourcePort),
        tr("The %1's port: where the segment comes from.").arg(sender), 0, 2);
    add(tr("Destination port"), QString::number(m_addressing.destinationPort),
        tr("The %1's port: which socket receives it.").arg(receiver), 2, 2);
    QString seqValue = QString::number(s.seq);
    if (m_formatter.style() != NumberStyle::Absolute && m_formatter.seq(s) != seqValue)
        seqValue += QStringLiteral(" (%1)").arg(m_formatter.seq(s));
    add(tr("Sequence number"), seqValue,
        s.has(Syn) ? tr("The initial sequence number (ISN) the %1 chose; the SYN itself uses it up.").arg(sender)
                   : tr("Number of the first byte this segment carries (a FIN counts as one byte)."),
        4, 4);
    QString ackValue = QString::number(s.ack);
    if (s.has(Ack) && m_formatter.style() != NumberStyle::Absolute && m_formatter.ack(s) != ackValue)
        ackValue += QStringLiteral(" (%1)").arg(m_formatter.ack(s));
    add(tr("Acknowledgment number"), ackValue,
        s.has(Ack) ? tr("The next byte the %1 expects: everything before it arrived.").arg(sender)
                   : tr("Not used: the ACK flag is off."),
        8, 4);
    add(tr("Data offset"), tr("%1 words = %2 bytes").arg(headerLength / 4).arg(headerLength),
        tr("Header length in 32-bit words; the data starts after it."), 12, 1);
    add(tr("Flags"), QString::fromStdString(flagsToString(s.flags)),
        tr("Control bits: SYN opens, FIN closes, RST aborts, ACK says the ack field is valid, PSH pushes data to the application."),
        13, 1);
    add(tr("Window"), QString::number(s.window),
        s.timestamps && !s.has(Syn)
            ? tr("How many more bytes the %1 can receive now (flow control), in units of 2^shift: the window scale its SYN announced (Linux on loopback: 512 × 128 = 65536 bytes).").arg(sender)
            : tr("How many more bytes the %1 can receive now (flow control).").arg(sender),
        14, 2);
    const QString checksum = m_bytes.size() >= 18
        ? QStringLiteral("0x%1").arg((m_bytes[16] << 8) | m_bytes[17], 4, 16, QLatin1Char('0')).toUpper().replace(QLatin1String("0X"), QLatin1String("0x"))
        : QString();
    add(tr("Checksum"), checksum,
        tr("Covers an IP pseudo-header, the header and the data; the receiver drops the segment if it does not match."),
        16, 2);
    add(tr("Urgent pointer"), QStringLiteral("0"), tr("Unused: the URG flag is off."), 18, 2);
    // One row per option, in the order the bytes go on the wire; NOPs that pad side by side
    // share a row.
    int optionOffset = 20;
    const std::vector<WireOption> options = wireOptions(s);
    for (std::size_t i = 0; i < options.size(); ++i) {
        const WireOption &option = options[i];
        int length = static_cast<int>(option.bytes.size());
        switch (option.kind) {
        case 1: {
            int nops = 1;
            while (i + 1 < options.size() && options[i + 1].kind == 1) {
                ++i;
                ++nops;
                length += 1;
            }
            add(tr("NOP"), nops == 1 ? tr("1 byte of padding") : tr("%1 bytes of padding").arg(nops),
                tr("No-operation: moves the next option to a 32-bit boundary."), optionOffset, length);
            break;
        }
        case 2:
            add(tr("Option: MSS"), QString::number(s.mss),
                tr("Maximum segment size: the largest data the %1 accepts in one segment (sent only on SYNs).").arg(sender),
                optionOffset, length);
            break;
        case 3:
            add(tr("Option: window scale"),
                tr("shift %1 (×%2)").arg(*s.windowScale).arg(1u << std::min<unsigned>(*s.windowScale, 14)),
                tr("After the handshake the %1's window fields are multiplied by this (RFC 7323), so a 16-bit field can announce more than 64 KB. Sent only on SYNs, used only when both SYNs carry it.").arg(sender),
                optionOffset, length);
            break;
        case 4:
            add(tr("Option: SACK permitted"), tr("yes"),
                tr("The %1 understands selective acknowledgments (RFC 2018): a receiver can say which later blocks arrived after a loss. Sent only on SYNs.").arg(sender),
                optionOffset, length);
            break;
        case 8:
            add(tr("Option: timestamps"), tr("TSval %1, TSecr %2").arg(s.timestamps->value).arg(s.timestamps->echo),
                tr("The %1's clock and the last clock value it received (RFC 7323): for round-trip times and to reject old segments whose sequence numbers wrapped. Once both SYNs carry it, every segment does (12 more header bytes).").arg(sender),
                optionOffset, length);
            break;
        default:
            break;
        }
        optionOffset += length;
    }
    if (optionOffset < headerLength) {
        const int padding = headerLength - optionOffset;
        add(tr("Padding"), padding == 1 ? tr("1 byte") : tr("%1 bytes").arg(padding),
            tr("Zero bytes that end the options at a 32-bit boundary."), optionOffset, headerLength - optionOffset);
    }
    if (!s.data.empty()) {
        add(tr("Data"), tr("%n byte(s): %1", nullptr, static_cast<int>(s.data.size())).arg(dataPreview(s.data, 24)),
            tr("The application's bytes, exactly as send() gave them."), headerLength,
            static_cast<int>(s.data.size()));
    }

    const QColor sideColor = AppStyle::sideColor(s.from, pal);
    const QString muted = AppStyle::mutedText(pal).name();
    QString title = tr("Segment #%1: %2 → %3, %4").arg(s.id).arg(sender, receiver,
                                                          QString::fromStdString(flagsToString(s.flags)));
    if (s.retransmission)
        title += QStringLiteral(" · ") + tr("retransmission");
    m_title->setText(QStringLiteral("<span style='font-weight:bold; color:%1'>%2</span><br>"
                                    "<span style='color:%3'>%4</span>")
                         .arg(sideColor.name(), title.toHtmlEscaped(), muted,
                              tr("%n byte(s) on the wire: %1 of header, %2 of data.", nullptr,
                                 static_cast<int>(m_bytes.size()))
                                  .arg(headerLength)
                                  .arg(s.data.size())
                                  .toHtmlEscaped()));

    // The header as RFC 9293 §3.1 draws it: one row per 32-bit word, each field a cell as wide as
    // its bytes, coloured, with its name, its value and its bytes in hex (network byte order).
    const int dataRows = 2; // the first 8 bytes of data; the rest is counted
    const int shownBytes = std::min<int>(static_cast<int>(m_bytes.size()), headerLength + 4 * dataRows);
    auto cell = [&](std::size_t fieldIndex, int offset, int span, bool first) {
        const Field &field = m_fields[fieldIndex];
        // One line when the cell is wide enough (the bytes never break apart), wrapping otherwise.
        QString text;
        if (first) {
            // The data offset's cell is one byte wide: the number of words only.
            const QString value = field.offset == 12 && field.length == 1 ? QString::number(headerLength / 4) : field.value;
            text = QStringLiteral("<span style='color:#3a3a3a'>%1</span> <b>%2</b> &nbsp;")
                       .arg(field.name.toHtmlEscaped(), value.toHtmlEscaped());
        }
        text += QStringLiteral("<span style='font-family:monospace'>%1</span>")
                    .arg(hex(m_bytes, offset, span).replace(QLatin1Char(' '), QStringLiteral("&nbsp;")));
        return QStringLiteral("<td colspan='%1' width='%2%' bgcolor='%3' style='color:#111111'>%4</td>")
            .arg(span)
            .arg(25 * span)
            .arg(fieldTint(static_cast<int>(fieldIndex)).name(), text);
    };
    QString html = QStringLiteral("<table cellspacing='2' cellpadding='3' width='100%'>");
    for (int rowStart = 0; rowStart < shownBytes; rowStart += 4) {
        html += QStringLiteral("<tr>");
        int b = rowStart;
        while (b < rowStart + 4) {
            if (b >= shownBytes) {
                html += QStringLiteral("<td colspan='%1' width='%2%'></td>").arg(rowStart + 4 - b).arg(25 * (rowStart + 4 - b));
                break;
            }
            std::size_t fieldIndex = m_fields.size();
            for (std::size_t f = 0; f < m_fields.size(); ++f) {
                if (b >= m_fields[f].offset && b < m_fields[f].offset + std::max(1, m_fields[f].length))
                    fieldIndex = f;
            }
            if (fieldIndex == m_fields.size()) {
                html += QStringLiteral("<td width='25%'>%1</td>").arg(hex(m_bytes, b, 1));
                ++b;
                continue;
            }
            const Field &field = m_fields[fieldIndex];
            const int end = std::min({field.offset + std::max(1, field.length), rowStart + 4, shownBytes});
            html += cell(fieldIndex, b, end - b, b == field.offset);
            b = end;
        }
        html += QStringLiteral("</tr>");
    }
    html += QStringLiteral("</table>");
    if (shownBytes < static_cast<int>(m_bytes.size())) {
        html += QStringLiteral("<span style='color:%1'>%2</span>")
                    .arg(muted, tr("… %n more byte(s)", nullptr, static_cast<int>(m_bytes.size()) - shownBytes)
                                    .toHtmlEscaped());
    }
    m_table->setText(html);

    const QString seqBytes = hex(m_bytes, 4, 4);
    m_byteOrder->setText(QStringLiteral("<span style='color:%1'>%2</span>")
                             .arg(muted, (tr("Network byte order (big-endian):") + QLatin1Char(' ')
                                          + tr("the most significant byte is sent first, so seq %1 is sent as %2.")
                                                .arg(s.seq)
                                                .arg(seqBytes))
                                             .toHtmlEscaped()));

    // What each field means: name and value on one line, the meaning under it in muted text.
    QString meanings;
    for (std::size_t i = 0; i < m_fields.size(); ++i) {
        const Field &field = m_fields[i];
        meanings += QStringLiteral("<p style='margin-top:0; margin-bottom:6px'>"
                                   "<span style='background-color:%1'>&nbsp;&nbsp;&nbsp;</span> <b>%2</b> %3<br>"
                                   "<span style='color:%4'>%5</span></p>")
                        .arg(fieldTint(static_cast<int>(i)).name(), field.name.toHtmlEscaped(),
                             field.value.toHtmlEscaped(), muted, field.meaning.toHtmlEscaped());
    }
    m_hex->setText(meanings);
}
