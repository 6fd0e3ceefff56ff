#include "inspectorview.h"

#include "appstyle.h"

#include <QEvent>
#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>

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
    m_hex->setWordWrap(false);
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
        tr("How many more bytes the %1 can receive now (flow control).").arg(sender), 14, 2);
    const QString checksum = m_bytes.size() >= 18
        ? QStringLiteral("0x%1").arg((m_bytes[16] << 8) | m_bytes[17], 4, 16, QLatin1Char('0')).toUpper().replace(QLatin1String("0X"), QLatin1String("0x"))
        : QString();
    add(tr("Checksum"), checksum,
        tr("Covers an IP pseudo-header, the header and the data; the receiver drops the segment if it does not match."),
        16, 2);
    add(tr("Urgent pointer"), QStringLiteral("0"), tr("Unused: the URG flag is off."), 18, 2);
    if (headerLength > 20) {
        add(tr("Options"), s.mss ? tr("MSS %1").arg(s.mss) : tr("(padding)"),
            tr("Maximum segment size: the largest data the %1 accepts in one segment (sent only on SYNs).").arg(sender),
            20, headerLength - 20);
    }
    if (!s.data.empty()) {
        add(tr("Data"), tr("%n byte(s): %1", nullptr, static_cast<int>(s.data.size())).arg(dataPreview(s.data, 24).toHtmlEscaped()),
            tr("The application's bytes, exactly as send() gave them."), headerLength,
            static_cast<int>(s.data.size()));
    }

    const QColor sideColor = AppStyle::sideColor(s.from, pal);
    QString title = tr("Segment #%1: %2 → %3, %4").arg(s.id).arg(sender, receiver,
                                                          QString::fromStdString(flagsToString(s.flags)));
    if (s.retransmission)
        title += QStringLiteral(" · ") + tr("retransmission");
    m_title->setText(QStringLiteral("<span style='font-size:large; font-weight:bold; color:%1'>%2</span><br>%3")
                         .arg(sideColor.name(), title.toHtmlEscaped(),
                              tr("%n byte(s) on the wire: %1 of header, %2 of data.", nullptr,
                                 static_cast<int>(m_bytes.size()))
                                  .arg(headerLength)
                                  .arg(s.data.size())
                                  .toHtmlEscaped()));

    const QString muted = AppStyle::mutedText(pal).name();
    QString html = QStringLiteral("<table cellspacing='0' cellpadding='4' width='100%'>");
    html += QStringLiteral("<tr><th align='left'>%1</th><th align='left'>%2</th><th align='left'>%3</th></tr>")
                .arg(tr("Field"), tr("Value"), tr("Bytes (hex)"));
    for (std::size_t i = 0; i < m_fields.size(); ++i) {
        const Field &field = m_fields[i];
        QString bytes = hex(m_bytes, field.offset, std::min(field.length, 8));
        if (field.length > 8)
            bytes += QStringLiteral(" …");
        html += QStringLiteral("<tr><td><b>%1</b><br><span style='color:%2'>%3</span></td>"
                               "<td valign='top'>%4</td>"
                               "<td valign='top'><span style='background-color:%5; color:#111111; font-family:monospace'>&nbsp;%6&nbsp;</span></td></tr>")
                    .arg(field.name.toHtmlEscaped(), muted, field.meaning.toHtmlEscaped(), field.value.toHtmlEscaped(),
                         fieldTint(static_cast<int>(i)).name(), bytes);
    }
    html += QStringLiteral("</table>");
    m_table->setText(html);

    const QString seqBytes = hex(m_bytes, 4, 4);
    m_byteOrder->setText(QStringLiteral("<b>%1</b> %2")
                             .arg(tr("Network byte order (big-endian):").toHtmlEscaped(),
                                  tr("the most significant byte is sent first, so seq %1 is sent as %2.")
                                      .arg(s.seq)
                                      .arg(seqBytes)
                                      .toHtmlEscaped()));

    // The bytes as 32-bit words (the layout of the RFC's header figure), each coloured by field.
    QString dump = QStringLiteral("<pre style='font-family:monospace'>");
    const int shown = std::min<int>(static_cast<int>(m_bytes.size()), headerLength + 32);
    for (int offset = 0; offset < shown; offset += 4) {
        dump += QStringLiteral("<span style='color:%1'>%2</span>  ").arg(muted).arg(offset, 2, 10, QLatin1Char('0'));
        for (int b = offset; b < offset + 4 && b < shown; ++b) {
            int fieldIndex = -1;
            for (std::size_t f = 0; f < m_fields.size(); ++f) {
                if (b >= m_fields[f].offset && b < m_fields[f].offset + std::max(1, m_fields[f].length))
                    fieldIndex = static_cast<int>(f);
            }
            const QString cell = hex(m_bytes, b, 1);
            if (fieldIndex >= 0)
                dump += QStringLiteral("<span style='background-color:%1; color:#111111'>%2</span> ")
                            .arg(fieldTint(fieldIndex).name(), cell);
            else
                dump += cell + QLatin1Char(' ');
        }
        dump += QLatin1Char('\n');
    }
    if (shown < static_cast<int>(m_bytes.size()))
        dump += tr("… %n more byte(s)", nullptr, static_cast<int>(m_bytes.size()) - shown).toHtmlEscaped();
    dump += QStringLiteral("</pre>");
    m_hex->setText(dump);
}
