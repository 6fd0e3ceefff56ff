// SPDX-License-Identifier: GPL-3.0-or-later
// The RFC 9293 state diagram: Figure 5's edges plus the ones it leaves out, highlights.
#include "statediagram.h"

#include "appstyle.h"

#include <QDir>
#include <QFontMetricsF>
#include <QTest>

using namespace tcpsim;

class TestStateDiagram : public QObject
{
    Q_OBJECT

private slots:
    void edges_data();
    void edges();
    void highlight_and_litEdges();
    void caption_namesTheRealCause();
    void layout_fitsWithoutOverlap_data();
    void layout_fitsWithoutOverlap();
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

void TestStateDiagram::layout_fitsWithoutOverlap_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<bool>("twoTransitions");
    for (const QSize size : {QSize(360, 330), QSize(375, 360), QSize(420, 380), QSize(500, 400), QSize(486, 377),
                             QSize(730, 560), QSize(900, 700), QSize(1400, 1000)}) {
        for (bool two : {false, true}) {
            const QByteArray name = QByteArray::number(size.width()) + 'x' + QByteArray::number(size.height())
                + (two ? " two transitions" : " one transition");
            QTest::newRow(name.constData()) << size << two;
        }
    }
}

// At every dock size from 360x330 up: text of at least 14 px, boxes inside the widget with gaps
// between them, every edge long enough for its arrowhead and clear of every box but its own two.
void TestStateDiagram::layout_fitsWithoutOverlap()
{
    QFETCH(QSize, size);
    QFETCH(bool, twoTransitions);
    StateDiagram diagram;
    QFont font = diagram.font();
    font.setPixelSize(AppStyle::basePixelSize);
    diagram.setFont(font);
    diagram.resize(size);
    diagram.setState(Side::Client, TcpState::FinWait1, TcpState::Established);
    diagram.setState(Side::Server, TcpState::CloseWait, TcpState::Established);
    if (twoTransitions)
        diagram.setTaken({{Side::Client, TcpState::SynSent, TcpState::Established},
                          {Side::Server, TcpState::SynReceived, TcpState::Established}});
    else
        diagram.setTaken({{Side::Server, TcpState::Listen, TcpState::SynReceived}});

    // TCPSIM_RENDER_DIR=/tmp/x: keep a picture of each size for eyeballing.
    const QString dir = qEnvironmentVariable("TCPSIM_RENDER_DIR");
    if (!dir.isEmpty()) {
        QImage image(size, QImage::Format_ARGB32);
        diagram.render(&image);
        image.save(QDir(dir).filePath(QStringLiteral("state-%1x%2-%3.png").arg(size.width()).arg(size.height()).arg(twoTransitions ? 2 : 1)));
    }

    const StateDiagram::Figure figure = diagram.figure();
    QCOMPARE(figure.boxes.size(), 12);
    QVERIFY2(figure.fontPixelSize >= AppStyle::minimumPixelSize, qPrintable(QString::number(figure.fontPixelSize)));
    QCOMPARE(figure.scale, 1.0);
    const QRectF widget(QPointF(0, 0), QSizeF(size));
    const double gap = 6;
    QFont boxFont = AppStyle::boldFont(diagram.font());
    boxFont.setPixelSize(static_cast<int>(figure.fontPixelSize));
    const QFontMetricsF metrics(boxFont);
    for (qsizetype i = 0; i < figure.boxes.size(); ++i) {
        const QRectF &box = figure.boxes[i];
        QVERIFY2(widget.contains(box), qPrintable(figure.texts[i]));
        QVERIFY2(box.top() >= figure.legend.bottom(), qPrintable(figure.texts[i] + QStringLiteral(" under the legend")));
        QVERIFY2(box.bottom() <= figure.caption.top(), qPrintable(figure.texts[i] + QStringLiteral(" above the caption")));
        QVERIFY2(metrics.horizontalAdvance(figure.texts[i]) <= box.width(), qPrintable(figure.texts[i]));
        for (qsizetype j = i + 1; j < figure.boxes.size(); ++j) {
            QVERIFY2(!box.adjusted(-gap / 2, -gap / 2, gap / 2, gap / 2)
                          .intersects(figure.boxes[j].adjusted(-gap / 2, -gap / 2, gap / 2, gap / 2)),
                     qPrintable(figure.texts[i] + QStringLiteral(" touches ") + figure.texts[j]));
        }
    }
    QVERIFY(!figure.abbreviated || size.width() < 420);
    QVERIFY(figure.caption.height() > 0);

    // Edges: the arrowhead (0.6 of the text size) has room, and no line runs through a box.
    const QList<QPair<int, int>> ends = {{0, 1}, {1, 0}, {0, 3}, {3, 0}, {1, 2}, {2, 1}, {1, 3}, {3, 2}, {2, 4}, {3, 4}, {2, 5},
                                          {4, 5}, {4, 6}, {5, 7}, {5, 8}, {5, 10}, {6, 9}, {7, 10}, {8, 10}, {9, 11}, {10, 11}};
    QCOMPARE(figure.edges.size(), ends.size());
    for (qsizetype e = 0; e < figure.edges.size(); ++e) {
        const QLineF &line = figure.edges[e];
        const QString name = figure.texts[ends[e].first] + QStringLiteral(" -> ") + figure.texts[ends[e].second];
        QVERIFY2(line.length() >= 0.6 * figure.fontPixelSize + 4, qPrintable(name));
        for (int step = 1; step < 40; ++step) {
            const QPointF p = line.pointAt(step / 40.0);
            for (qsizetype b = 0; b < figure.boxes.size(); ++b) {
                const bool own = b == ends[e].first || b == ends[e].second;
                const QRectF box = own ? figure.boxes[b].adjusted(1, 1, -1, -1) : figure.boxes[b].adjusted(-2, -2, 2, 2);
                QVERIFY2(!box.contains(p), qPrintable(name + QStringLiteral(" crosses ") + figure.texts[b]));
            }
        }
        // Lines meet only where they share a box.
        for (qsizetype f = e + 1; f < figure.edges.size(); ++f) {
            const bool shareBox = ends[e].first == ends[f].first || ends[e].first == ends[f].second
                || ends[e].second == ends[f].first || ends[e].second == ends[f].second;
            if (shareBox)
                continue;
            QVERIFY2(line.intersects(figure.edges[f], nullptr) != QLineF::BoundedIntersection,
                     qPrintable(name + QStringLiteral(" crosses an edge ") + figure.texts[ends[f].first]
                                + QStringLiteral(" -> ") + figure.texts[ends[f].second]));
        }
    }

}

// SYN-SENT → CLOSED after the SYN retries ran out: the caption says so, not Figure 5's label
// for that edge (CLOSE, or a RST).
void TestStateDiagram::caption_namesTheRealCause()
{
    StateDiagram diagram;
    diagram.setTaken({{Side::Client, TcpState::SynSent, TcpState::Closed, TimerKind::Retransmission}});
    QCOMPARE(diagram.caption().size(), 1);
    QVERIFY2(diagram.caption().first().contains(QStringLiteral("retries exhausted")), qPrintable(diagram.caption().first()));
    QVERIFY(!diagram.caption().first().contains(QStringLiteral("RST")));
    diagram.setTaken({{Side::Client, TcpState::SynSent, TcpState::Closed, TimerKind::None}});
    QVERIFY(!diagram.caption().first().contains(QStringLiteral("retries exhausted")));
    // The Linux profile's FIN in ESTABLISHED: Figure 5's "snd ACK" would be wrong, the ACK waits.
    diagram.setTaken({{Side::Server, TcpState::Established, TcpState::CloseWait, TimerKind::None, Rule::EstablishedFin}});
    QVERIFY2(diagram.caption().first().contains(QStringLiteral("rcv FIN / snd ACK")), qPrintable(diagram.caption().first()));
    diagram.setTaken({{Side::Server, TcpState::Established, TcpState::CloseWait, TimerKind::None, Rule::LinuxFinAckDelayed}});
    QVERIFY2(diagram.caption().first().contains(QStringLiteral("ACK delayed")), qPrintable(diagram.caption().first()));
    QVERIFY(!diagram.caption().first().contains(QStringLiteral("snd ACK")));
}

QTEST_MAIN(TestStateDiagram)
#include "tst_statediagram.moc"
