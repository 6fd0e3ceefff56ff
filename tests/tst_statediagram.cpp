// The RFC 9293 state diagram: Figure 5's edges plus the ones it leaves out, highlights.
#include "statediagram.h"

#include <QTest>

using namespace tcpsim;

class TestStateDiagram : public QObject
{
    Q_OBJECT

private slots:
    void edges_data();
    void edges();
    void highlight_and_litEdges();
};

Q_DECLARE_METATYPE(tcpsim::TcpState)

void TestStateDiagram::edges_data()
{
    QTest::addColumn<TcpState>("from");
    QTest::addColumn<TcpState>("to");
    QTest::addColumn<bool>("drawn");
    QTest::newRow("passive open") << TcpState::Closed << TcpState::Listen << true;
    QTest::newRow("active open") << TcpState::Closed << TcpState::SynSent << true;
    QTest::newRow("rcv SYN") << TcpState::Listen << TcpState::SynReceived << true;
    QTest::newRow("RST back to LISTEN") << TcpState::SynReceived << TcpState::Listen << true;
    QTest::newRow("simultaneous open") << TcpState::SynSent << TcpState::SynReceived << true;
    QTest::newRow("rcv SYN,ACK") << TcpState::SynSent << TcpState::Established << true;
    QTest::newRow("FIN-WAIT-1 to TIME-WAIT") << TcpState::FinWait1 << TcpState::TimeWait << true;
    QTest::newRow("simultaneous close") << TcpState::FinWait1 << TcpState::Closing << true;
    QTest::newRow("LAST-ACK") << TcpState::LastAck << TcpState::Closed << true;
    QTest::newRow("2MSL") << TcpState::TimeWait << TcpState::Closed << true;
    QTest::newRow("reset, not drawn") << TcpState::Established << TcpState::Closed << false;
}

void TestStateDiagram::edges()
{
    QFETCH(TcpState, from);
    QFETCH(TcpState, to);
    QFETCH(bool, drawn);
    QCOMPARE(StateDiagram::hasEdge(from, to), drawn);
}

void TestStateDiagram::highlight_and_litEdges()
{
    StateDiagram diagram;
    diagram.resize(480, 440);
    diagram.setState(Side::Client, TcpState::TimeWait, TcpState::FinWait2);
    diagram.setState(Side::Server, TcpState::Closed, TcpState::LastAck);
    diagram.setTaken({{Side::Client, TcpState::FinWait2, TcpState::TimeWait},
                      {Side::Server, TcpState::LastAck, TcpState::Closed}});
    QCOMPARE(diagram.state(Side::Client), TcpState::TimeWait);
    QCOMPARE(diagram.state(Side::Server), TcpState::Closed);
    QCOMPARE(diagram.litEdgeCount(), 2);
    diagram.setTaken({{Side::Client, TcpState::Established, TcpState::Closed}});
    QCOMPARE(diagram.litEdgeCount(), 0);
    QImage image(diagram.size(), QImage::Format_ARGB32);
    diagram.render(&image); // paints without crashing in every state
}

QTEST_MAIN(TestStateDiagram)
#include "tst_statediagram.moc"
