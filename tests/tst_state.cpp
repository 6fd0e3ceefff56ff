// SPDX-License-Identifier: GPL-3.0-or-later
// State names: RFC 9293 spellings out, every spelling a student meets in.
#include "tcpsim/model/state.h"

#include <QTest>

using tcpsim::TcpState;
Q_DECLARE_METATYPE(TcpState)

class TestState : public QObject
{
    Q_OBJECT

private slots:
    void stateName_rfcSpelling_data();
    void stateName_rfcSpelling();
    void parseState_aliases_data();
    void parseState_aliases();
    void parseState_unknown();
    void linuxCode_roundTrip();
};

void TestState::stateName_rfcSpelling_data()
{
    QTest::addColumn<TcpState>("state");
    QTest::addColumn<QString>("name");
    QTest::newRow("closed") << TcpState::Closed << "CLOSED";
    QTest::newRow("listen") << TcpState::Listen << "LISTEN";
    QTest::newRow("synSent") << TcpState::SynSent << "SYN-SENT";
    QTest::newRow("synReceived") << TcpState::SynReceived << "SYN-RECEIVED";
    QTest::newRow("established") << TcpState::Established << "ESTABLISHED";
    QTest::newRow("finWait1") << TcpState::FinWait1 << "FIN-WAIT-1";
    QTest::newRow("finWait2") << TcpState::FinWait2 << "FIN-WAIT-2";
    QTest::newRow("closeWait") << TcpState::CloseWait << "CLOSE-WAIT";
    QTest::newRow("closing") << TcpState::Closing << "CLOSING";
    QTest::newRow("lastAck") << TcpState::LastAck << "LAST-ACK";
    QTest::newRow("timeWait") << TcpState::TimeWait << "TIME-WAIT";
}

void TestState::stateName_rfcSpelling()
{
    QFETCH(TcpState, state);
    QFETCH(QString, name);
    QCOMPARE(QString::fromUtf8(tcpsim::stateName(state)), name);
    // The RFC spelling parses back to the same state.
    QCOMPARE(tcpsim::parseState(name.toStdString()), std::optional<TcpState>(state));
}

void TestState::parseState_aliases_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<TcpState>("state");
    QTest::newRow("seed SYN_SEND") << "SYN_SEND" << TcpState::SynSent;
    QTest::newRow("SYN_RECV") << "SYN_RECV" << TcpState::SynReceived;
    QTest::newRow("SYN_RCVD") << "SYN_RCVD" << TcpState::SynReceived;
    QTest::newRow("ss SYN-RECV") << "SYN-RECV" << TcpState::SynReceived;
    QTest::newRow("ss ESTAB") << "ESTAB" << TcpState::Established;
    QTest::newRow("FIN_WAIT1") << "FIN_WAIT1" << TcpState::FinWait1;
    QTest::newRow("FIN_WAIT_1") << "FIN_WAIT_1" << TcpState::FinWait1;
    QTest::newRow("kernel TCP_FIN_WAIT2") << "TCP_FIN_WAIT2" << TcpState::FinWait2;
    QTest::newRow("lower time_wait") << "time_wait" << TcpState::TimeWait;
    QTest::newRow("kernel TCP_CLOSE") << "TCP_CLOSE" << TcpState::Closed;
    QTest::newRow("mixed Last-Ack") << "Last-Ack" << TcpState::LastAck;
}

void TestState::parseState_aliases()
{
    QFETCH(QString, text);
    QFETCH(TcpState, state);
    QCOMPARE(tcpsim::parseState(text.toStdString()), std::optional<TcpState>(state));
}

void TestState::parseState_unknown()
{
    QCOMPARE(tcpsim::parseState("SYN"), std::nullopt);
    QCOMPARE(tcpsim::parseState(""), std::nullopt);
    QCOMPARE(tcpsim::parseState("FIN-WAIT-3"), std::nullopt);
}

void TestState::linuxCode_roundTrip()
{
    // include/net/tcp_states.h: ESTABLISHED=1 ... CLOSING=11.
    QCOMPARE(tcpsim::linuxStateCode(TcpState::Established), 1);
    QCOMPARE(tcpsim::linuxStateCode(TcpState::TimeWait), 6);
    QCOMPARE(tcpsim::linuxStateCode(TcpState::Listen), 10);
    QCOMPARE(tcpsim::linuxStateCode(TcpState::Closing), 11);
    for (TcpState state : tcpsim::allStates)
        QCOMPARE(tcpsim::stateFromLinuxCode(tcpsim::linuxStateCode(state)), std::optional<TcpState>(state));
    QCOMPARE(tcpsim::stateFromLinuxCode(12), std::optional<TcpState>(TcpState::SynReceived));
    QCOMPARE(tcpsim::stateFromLinuxCode(0), std::nullopt);
}

QTEST_APPLESS_MAIN(TestState)
#include "tst_state.moc"
