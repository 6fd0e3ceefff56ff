// SPDX-License-Identifier: GPL-3.0-or-later
// Flags as text, SEG.LEN, and the wire form the segment inspector shows (RFC 9293 §3.1).
#include "tcpsim/model/segment.h"

#include <QTest>

using namespace tcpsim;

class TestSegment : public QObject
{
    Q_OBJECT

private slots:
    void flagsToString_wiresharkOrder_data()
    {
        QTest::addColumn<int>("flags");
        QTest::addColumn<QString>("text");
        QTest::newRow("SYN,ACK") << int(Ack | Syn) << "SYN+ACK";
        QTest::newRow("FIN,ACK") << int(Ack | Fin) << "FIN+ACK";
        QTest::newRow("PSH,ACK") << int(Ack | Psh) << "PSH+ACK";
        QTest::newRow("RST,ACK") << int(Ack | Rst) << "RST+ACK";
        QTest::newRow("all") << int(Syn | Fin | Rst | Psh | Ack) << "SYN+FIN+RST+PSH+ACK";
        QTest::newRow("none") << 0 << "none";
    }
    void flagsToString_wiresharkOrder()
    {
        QFETCH(int, flags);
        QFETCH(QString, text);
        QCOMPARE(QString::fromStdString(flagsToString(std::uint8_t(flags))), text);
        QCOMPARE(parseFlags(text.toStdString()), flags ? std::optional<std::uint8_t>(flags) : std::nullopt);
    }

    void parseFlags_anyOrderAnyCase_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("flags");
        QTest::newRow("ACK+SYN") << "ACK+SYN" << int(Syn | Ack);
        QTest::newRow("ack+psh") << "ack+psh" << int(Psh | Ack);
        QTest::newRow("Rst") << "Rst" << int(Rst);
    }
    void parseFlags_anyOrderAnyCase()
    {
        QFETCH(QString, text);
        QFETCH(int, flags);
        QCOMPARE(parseFlags(text.toStdString()), std::optional<std::uint8_t>(flags));
    }

    void parseFlags_rejects_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("unknown") << "SYN+URG";
        QTest::newRow("repeated") << "SYN+syn";
        QTest::newRow("empty") << "";
        QTest::newRow("trailing plus") << "SYN+";
        QTest::newRow("comma") << "SYN,ACK";
    }
    void parseFlags_rejects()
    {
        QFETCH(QString, text);
        QCOMPARE(parseFlags(text.toStdString()), std::nullopt);
    }

    void seqLength_countsSynAndFin()
    {
        Segment segment;
        segment.flags = Syn;
        QCOMPARE(segment.seqLength(), 1u);
        segment.flags = Fin | Ack | Psh;
        segment.data = "hello";
        QCOMPARE(segment.seqLength(), 6u);
        segment.flags = Ack;
        segment.data.clear();
        QCOMPARE(segment.seqLength(), 0u);
    }

    void encode_synWithMssMatchesHandComputedHeader()
    {
        Segment syn;
        syn.flags = Syn;
        syn.seq = 100;
        syn.ack = 12345; // not on the wire: the ACK bit is off
        syn.mss = 1460;
        syn.window = 65535;
        const WireAddressing addressing{0x7F000001, 0x7F000001, 50000, 3267};
        const std::vector<std::uint8_t> expected = {
            0xC3, 0x50,             // source port 50000
            0x0C, 0xC3,             // destination port 3267
            0x00, 0x00, 0x00, 0x64, // seq 100
            0x00, 0x00, 0x00, 0x00, // ack (ACK bit off)
            0x60,                   // data offset 6 words (MSS option)
            0x02,                   // SYN
            0xFF, 0xFF,             // window
            0xC9, 0xAC,             // checksum over the 127.0.0.1 pseudo-header
            0x00, 0x00,             // urgent pointer
            0x02, 0x04, 0x05, 0xB4, // MSS option, kind 2, length 4, 1460
        };
        QCOMPARE(encodeSegment(syn, addressing), expected);
    }

    void encode_dataSegmentChecksum()
    {
        Segment data;
        data.flags = Psh | Ack;
        data.seq = 301;
        data.ack = 103;
        data.data = "Hello, hi"; // odd length: the checksum pads with a zero octet
        const WireAddressing addressing{0x0A000002, 0xC0A80001, 3267, 50000};
        const std::vector<std::uint8_t> bytes = encodeSegment(data, addressing);
        QCOMPARE(bytes.size(), std::size_t(20 + 9));
        QCOMPARE(bytes[12], std::uint8_t(0x50));
        QCOMPARE(bytes[13], std::uint8_t(0x18));
        QCOMPARE(bytes[16], std::uint8_t(0x66));
        QCOMPARE(bytes[17], std::uint8_t(0x0A));
        QCOMPARE(std::string(bytes.begin() + 20, bytes.end()), std::string("Hello, hi"));
        // Over a segment with its checksum in place the sum comes out zero.
        QCOMPARE(tcpChecksum(bytes, addressing), std::uint16_t(0));
        // A different address in the pseudo-header breaks it.
        QVERIFY(tcpChecksum(bytes, WireAddressing{0x0A000003, 0xC0A80001, 3267, 50000}) != 0);
    }
};

QTEST_APPLESS_MAIN(TestSegment)
#include "tst_segment.moc"
