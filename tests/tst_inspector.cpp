// SPDX-License-Identifier: GPL-3.0-or-later
// The segment inspector: header fields and bytes in network byte order.
#include "inspectorview.h"

#include <QLabel>
#include <QTest>

using namespace tcpsim;

class TestInspector : public QObject
{
    Q_OBJECT

private slots:
    void syn_fieldsAndBytes();
    void data_bytesFollowHeader();
    void linuxSyn_everyOptionWithItsBytes();
    void clear_showsPlaceholder();
};

// The Linux profile's SYN: <mss 65495,sackOK,TS val 100 ecr 0,nop,wscale 7>, each option a
// row whose bytes are the option's own.
void TestInspector::linuxSyn_everyOptionWithItsBytes()
{
    Segment syn;
    syn.id = 1;
    syn.seq = 100;
    syn.flags = Syn;
    syn.window = 65495;
    syn.mss = 65495;
    syn.sackPermitted = true;
    syn.timestamps = Timestamps{100, 0};
    syn.windowScale = 7;
    InspectorView view;
    view.setSegment(syn, WireAddressing{0x7F000001, 0x7F000001, 50000, 3267}, NumberFormatter());
    QCOMPARE(view.fieldValue(QStringLiteral("Data offset")), QStringLiteral("10 words = 40 bytes"));
    QCOMPARE(view.fieldValue(QStringLiteral("Option: MSS")), QStringLiteral("65495"));
    QCOMPARE(view.fieldValue(QStringLiteral("Option: SACK permitted")), QStringLiteral("yes"));
    QCOMPARE(view.fieldValue(QStringLiteral("Option: timestamps")), QStringLiteral("TSval 100, TSecr 0"));
    QCOMPARE(view.fieldValue(QStringLiteral("NOP")), QStringLiteral("1 byte of padding"));
    QCOMPARE(view.fieldValue(QStringLiteral("Option: window scale")), QStringLiteral("shift 7 (×128)"));
    // The rows tile the 20 option bytes in wire order: 4 + 2 + 10 + 1 + 3.
    int next = 20;
    for (const InspectorView::Field &field : view.fields()) {
        if (field.offset < 20 || field.name == QLatin1String("Data"))
            continue;
        QCOMPARE(field.offset, next);
        next += field.length;
    }
    QCOMPARE(next, 40);
    const QStringList words = view.hexDump().split(QLatin1Char('\n'));
    QCOMPARE(words.size(), 10);
    QCOMPARE(words[5], QStringLiteral("02 04 FF D7"));      // MSS 65495
    QCOMPARE(words[6], QStringLiteral("04 02 08 0A"));      // SACK-permitted, then timestamps
    QCOMPARE(words[9], QStringLiteral("01 03 03 07"));      // NOP, window scale 7
}

void TestInspector::syn_fieldsAndBytes()
{
    Segment syn;
    syn.id = 1;
    syn.from = Side::Client;
    syn.seq = 100;
    syn.flags = Syn;
    syn.window = 65535;
    syn.mss = 1460;
    WireAddressing addressing;
    addressing.sourcePort = 50000;
    addressing.destinationPort = 3267;
    InspectorView view;
    view.setSegment(syn, addressing, NumberFormatter());
    QCOMPARE(view.fieldValue(QStringLiteral("Source port")), QStringLiteral("50000"));
    QCOMPARE(view.fieldValue(QStringLiteral("Destination port")), QStringLiteral("3267"));
    QCOMPARE(view.fieldValue(QStringLiteral("Sequence number")), QStringLiteral("100"));
    QCOMPARE(view.fieldValue(QStringLiteral("Flags")), QStringLiteral("SYN"));
    QCOMPARE(view.fieldValue(QStringLiteral("Window")), QStringLiteral("65535"));
    QCOMPARE(view.fieldValue(QStringLiteral("Option: MSS")), QStringLiteral("1460"));
    QCOMPARE(view.fieldValue(QStringLiteral("Data offset")), QStringLiteral("6 words = 24 bytes"));
    QVERIFY(view.fieldValue(QStringLiteral("Checksum")).startsWith(QStringLiteral("0x")));
    // seq 100 is 00 00 00 64 in network byte order; MSS option is kind 2, length 4, 05 B4.
    const QStringList words = view.hexDump().split(QLatin1Char('\n'));
    QCOMPARE(words.size(), 6);
    QCOMPARE(words[0], QStringLiteral("C3 50 0C C3"));
    QCOMPARE(words[1], QStringLiteral("00 00 00 64"));
    QCOMPARE(words[2], QStringLiteral("00 00 00 00"));
    QVERIFY(words[3].startsWith(QStringLiteral("60 02 FF FF")));
    QCOMPARE(words[5], QStringLiteral("02 04 05 B4"));
    for (const InspectorView::Field &field : view.fields())
        QVERIFY2(!field.meaning.isEmpty(), qPrintable(field.name));
}

void TestInspector::data_bytesFollowHeader()
{
    Segment data;
    data.id = 4;
    data.from = Side::Server;
    data.seq = 301;
    data.ack = 103;
    data.flags = Psh | Ack;
    data.data = "Hello, hi";
    InspectorView view;
    view.setSegment(data, WireAddressing{}, NumberFormatter());
    QCOMPARE(view.bytes().size(), std::size_t(20 + 9));
    QCOMPARE(view.fieldValue(QStringLiteral("Acknowledgment number")), QStringLiteral("103"));
    QVERIFY(view.fieldValue(QStringLiteral("Data")).contains(QStringLiteral("Hello, hi")));
    QCOMPARE(view.hexDump().split(QLatin1Char('\n')).at(5), QStringLiteral("48 65 6C 6C")); // "Hell"
    // The header diagram and the field list show the message once escaped, never as "&quot;".
    bool shown = false;
    for (const QLabel *label : view.findChildren<QLabel *>()) {
        QVERIFY2(!label->text().contains(QStringLiteral("&amp;")), qPrintable(label->text()));
        shown = shown || label->text().contains(QStringLiteral("Hello, hi"));
    }
    QVERIFY(shown);
}

void TestInspector::clear_showsPlaceholder()
{
    InspectorView view;
    QVERIFY(!view.hasSegment());
    QVERIFY(view.fields().empty());
}

QTEST_MAIN(TestInspector)
#include "tst_inspector.moc"
