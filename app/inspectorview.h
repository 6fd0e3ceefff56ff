// SPDX-License-Identifier: GPL-3.0-or-later
// The segment inspector: the TCP header of one segment drawn as RFC 9293 §3.1 draws it, one row
// per 32-bit word, each field a coloured cell with its name, value and bytes in hex (network byte
// order); under it, each field's name and value on one line with its meaning in muted text.
#pragma once

#include "tcpsim/session/numberformat.h"

#include "tcpsim/model/segment.h"

#include <QWidget>

#include <optional>
#include <vector>

class QLabel;

class InspectorView : public QWidget
{
    Q_OBJECT

public:
    struct Field {
        QString name;
        QString value;
        QString meaning;
        int offset = 0; // first byte
        int length = 0; // bytes (0 for bit fields sharing a byte)
    };

    explicit InspectorView(QWidget *parent = nullptr);

    void setSegment(const tcpsim::Segment &segment, const tcpsim::WireAddressing &addressing,
                    const NumberFormatter &formatter);
    void clear();
    bool hasSegment() const { return m_segment.has_value(); }
    std::optional<tcpsim::Segment> segment() const { return m_segment; }

    // What is shown, for tests.
    const std::vector<Field> &fields() const { return m_fields; }
    const std::vector<std::uint8_t> &bytes() const { return m_bytes; }
    QString hexDump() const;
    QString fieldValue(const QString &name) const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void rebuild();

    std::optional<tcpsim::Segment> m_segment;
    tcpsim::WireAddressing m_addressing;
    NumberFormatter m_formatter;
    std::vector<std::uint8_t> m_bytes;
    std::vector<Field> m_fields;
    QLabel *m_title = nullptr;
    QLabel *m_table = nullptr;     // the header diagram
    QLabel *m_byteOrder = nullptr;
    QLabel *m_hex = nullptr;       // the fields' meanings
    QLabel *m_placeholder = nullptr;
};
