// SPDX-License-Identifier: GPL-3.0-or-later
// Sequence-number arithmetic modulo 2^32 (RFC 9293 §3.4), across the wrap.
#include "tcpsim/model/sequence.h"

#include <QTest>

using tcpsim::SeqNum;

class TestSequence : public QObject
{
    Q_OBJECT

private slots:
    void compare_data()
    {
        QTest::addColumn<uint>("a");
        QTest::addColumn<uint>("b");
        QTest::addColumn<bool>("less");
        QTest::newRow("plain") << 100u << 101u << true;
        QTest::newRow("plain, reversed") << 101u << 100u << false;
        QTest::newRow("equal") << 7u << 7u << false;
        QTest::newRow("2^32-1 before 0") << 4294967295u << 0u << true;
        QTest::newRow("0 after 2^32-1") << 0u << 4294967295u << false;
        QTest::newRow("across the wrap by 10") << 4294967290u << 4u << true;
        QTest::newRow("just under half the space") << 0u << 2147483647u << true;
        QTest::newRow("more than half the space") << 0u << 2147483649u << false;
    }
    void compare()
    {
        QFETCH(uint, a);
        QFETCH(uint, b);
        QFETCH(bool, less);
        QCOMPARE(tcpsim::seqLt(a, b), less);
        QCOMPARE(tcpsim::seqGt(b, a), less);
        QCOMPARE(tcpsim::seqLe(a, b), less || a == b);
        QCOMPARE(tcpsim::seqGe(b, a), less || a == b);
    }

    void halfOpenWindow_data()
    {
        QTest::addColumn<uint>("low");
        QTest::addColumn<uint>("x");
        QTest::addColumn<uint>("high");
        QTest::addColumn<bool>("inside");
        QTest::newRow("low edge is in") << 100u << 100u << 200u << true;
        QTest::newRow("high edge is out") << 100u << 200u << 200u << false;
        QTest::newRow("below") << 100u << 99u << 200u << false;
        QTest::newRow("window across the wrap, before 0") << 4294967290u << 4294967295u << 10u << true;
        QTest::newRow("window across the wrap, after 0") << 4294967290u << 5u << 10u << true;
        QTest::newRow("window across the wrap, beyond") << 4294967290u << 10u << 10u << false;
        QTest::newRow("empty window") << 100u << 100u << 100u << false;
    }
    void halfOpenWindow()
    {
        QFETCH(uint, low);
        QFETCH(uint, x);
        QFETCH(uint, high);
        QFETCH(bool, inside);
        QCOMPARE(tcpsim::seqInHalfOpen(low, x, high), inside);
    }

    void ackTest_data()
    {
        QTest::addColumn<uint>("sndUna");
        QTest::addColumn<uint>("ack");
        QTest::addColumn<uint>("sndNxt");
        QTest::addColumn<bool>("acceptable");
        QTest::newRow("acks the SYN") << 100u << 101u << 101u << true;
        QTest::newRow("acks nothing new") << 100u << 100u << 101u << false;
        QTest::newRow("acks unsent") << 100u << 102u << 101u << false;
        QTest::newRow("ISS 2^32-1, ack 0") << 4294967295u << 0u << 0u << true;
        QTest::newRow("ISS 2^32-1, ack 2^32-1") << 4294967295u << 4294967295u << 0u << false;
    }
    void ackTest()
    {
        QFETCH(uint, sndUna);
        QFETCH(uint, ack);
        QFETCH(uint, sndNxt);
        QFETCH(bool, acceptable);
        QCOMPARE(tcpsim::seqInLeftOpen(sndUna, ack, sndNxt), acceptable);
    }
};

QTEST_APPLESS_MAIN(TestSequence)
#include "tst_sequence.moc"
