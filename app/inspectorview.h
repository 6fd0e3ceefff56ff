// The segment inspector: the TCP header of one segment field by field (ports, seq, ack, data
// offset, flags, window, checksum, options), each with one line of meaning, and its bytes in hex
// in network byte order, coloured by field.
#pragma once

#include "numberformat.h"

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
    QLabel *m_table = nullptr;
    QLabel *m_byteOrder = nullptr;
    QLabel *m_hex = nullptr;
    QLabel *m_placeholder = nullptr;
};
