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
    void clear_showsPlaceholder();
};

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
    QCOMPARE(view.fieldValue(QStringLiteral("Options")), QStringLiteral("MSS 1460"));
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
