// SPDX-License-Identifier: GPL-3.0-or-later
// Lesson text (script lines, notes) in the chosen number style, as the ladder shows numbers.
#include "numbertext.h"

#include <QTest>

using namespace tcpsim;
Q_DECLARE_METATYPE(NumberStyle)

class TestNumberText : public QObject
{
    Q_OBJECT

private slots:
    void restyle_data();
    void restyle();
};

void TestNumberText::restyle_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<NumberStyle>("style");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    const QString isns = QStringLiteral("client isn 100\nserver isn 300\n");
    const QString synAck = QStringLiteral("expect server sent SYN+ACK seq=300 ack=101");
    QTest::newRow("symbolic, sender named") << isns << NumberStyle::Symbolic << synAck
                                            << QStringLiteral("expect server sent SYN+ACK seq=k ack=j+1");
    QTest::newRow("relative, sender named") << isns << NumberStyle::Relative << synAck
                                            << QStringLiteral("expect server sent SYN+ACK seq=0 ack=1");
    QTest::newRow("absolute unchanged") << isns << NumberStyle::Absolute << synAck << synAck;
    QTest::newRow("receive: seq in the peer's space")
        << isns << NumberStyle::Symbolic << QStringLiteral("client receive ACK seq=301 ack=101")
        << QStringLiteral("client receive ACK seq=k+1 ack=j+1");
    QTest::newRow("note: nearest ISN below")
        << isns << NumberStyle::Symbolic
        << QStringLiteral("the client's SYN (seq=100) asks, the SYN,ACK (seq=300 ack=101) agrees, the ACK (ack=301)")
        << QStringLiteral("the client's SYN (seq=j) asks, the SYN,ACK (seq=k ack=j+1) agrees, the ACK (ack=k+1)");
    QTest::newRow("several lines") << isns << NumberStyle::Symbolic
                                   << QStringLiteral("expect client sent SYN seq=100\nexpect server sent ACK seq=301 ack=102")
                                   << QStringLiteral("expect client sent SYN seq=j\nexpect server sent ACK seq=k+1 ack=j+2");
    QTest::newRow("unknown ISN left as written")
        << QStringLiteral("client isn 100\n") << NumberStyle::Symbolic
        << QStringLiteral("expect server sent RST+ACK seq=0 ack=101")
        << QStringLiteral("expect server sent RST+ACK seq=0 ack=j+1");
    QTest::newRow("below every ISN left as written") << isns << NumberStyle::Symbolic
                                                     << QStringLiteral("a RST with seq=0") << QStringLiteral("a RST with seq=0");
}

void TestNumberText::restyle()
{
    QFETCH(QString, script);
    QFETCH(NumberStyle, style);
    QFETCH(QString, text);
    QFETCH(QString, expected);
    auto parsed = parseLesson(script.toStdString(), "test.tcp");
    QVERIFY(std::holds_alternative<Lesson>(parsed));
    const NumberText numbers(std::get<Lesson>(parsed), {}, style);
    QCOMPARE(numbers.restyle(text), expected);
}

QTEST_APPLESS_MAIN(TestNumberText)
#include "tst_numbertext.moc"
