// SPDX-License-Identifier: GPL-3.0-or-later
// The ladder's layout as a value, without a widget: which arrows and labels a lesson's events
// make, where they sit, and what the newest step's animation has revealed at a given progress.
#include "tcpsim/render/ladderlayout.h"
#include "tcpsim/session/lessoncontroller.h"
#include "tcpsim/session/lessonlibrary.h"

#include <QFont>
#include <QTest>

using namespace tcpsim;
Q_DECLARE_METATYPE(tcpsim::TcpState)

class TestLadderLayout : public QObject
{
    Q_OBJECT

private slots:
    void handshake_arrowsAndLabels();
    void place_ordersMomentsAndKeepsLabelsBetweenTimelines_data();
    void place_ordersMomentsAndKeepsLabelsBetweenTimelines();
    void reveal_followsProgress();
    void replyInTheSameStep_stateShownWithItsLabel_data();
    void replyInTheSameStep_stateShownWithItsLabel();

private:
    static LadderLayout layoutAt(const QString &lesson, int step)
    {
        auto loaded = LessonLibrary::load(lesson);
        if (!std::holds_alternative<Lesson>(loaded))
            qFatal("cannot load %s", qPrintable(lesson));
        LessonController controller;
        controller.setLesson(std::get<Lesson>(loaded));
        controller.goToStep(step < 0 ? controller.stepCount() : step);
        return LadderLayout(controller.simulation().events(), controller.eventBoundaries(), NumberStyle::Symbolic);
    }
    static QFont font()
    {
        QFont f;
        f.setPixelSize(15);
        return f;
    }
};

void TestLadderLayout::handshake_arrowsAndLabels()
{
    LadderLayout layout = layoutAt(QStringLiteral("handshake"), 5); // the three segments delivered
    QCOMPARE(layout.newestStep(), 5);
    QCOMPARE(layout.arrows().size(), std::size_t(3));
    for (const LadderLayout::Arrow &arrow : layout.arrows())
        QCOMPARE(arrow.fate, LadderLayout::Fate::Delivered);
    QCOMPARE(layout.arrowText(layout.arrows()[0]).first(), QStringLiteral("SYN"));
    QCOMPARE(layout.arrowText(layout.arrows()[1]).at(1), QStringLiteral("seq=k ack=j+1"));
    layout.setNumberStyle(NumberStyle::Relative);
    QCOMPARE(layout.arrowText(layout.arrows()[1]).at(1), QStringLiteral("seq=0 ack=1"));
    // Each side's last state label is ESTABLISHED, and so is its last transition.
    for (Side side : {Side::Client, Side::Server}) {
        QString lastState;
        for (const LadderLayout::Label &label : layout.labels()) {
            if (label.side == side && label.kind == LadderLayout::LabelKind::State)
                lastState = label.text;
        }
        QCOMPARE(lastState, QStringLiteral("ESTABLISHED"));
        QCOMPARE(layout.lastRevealedTransition(side, LadderLayout::finished)->to, TcpState::Established);
    }
}

void TestLadderLayout::place_ordersMomentsAndKeepsLabelsBetweenTimelines_data()
{
    QTest::addColumn<QString>("lesson");
    QTest::addColumn<double>("width");
    for (const LessonEntry &entry : LessonLibrary::builtInLessons()) {
        for (double width : {640.0, 1100.0})
            QTest::addRow("%s %g", qPrintable(entry.name), width) << entry.name << width;
    }
}

void TestLadderLayout::place_ordersMomentsAndKeepsLabelsBetweenTimelines()
{
    QFETCH(QString, lesson);
    QFETCH(double, width);
    LadderLayout layout = layoutAt(lesson, -1);
    layout.place(font(), width);
    const LadderLayout::Geometry &g = layout.geometry();
    QVERIFY(g.clientX > 0 && g.clientX + 200 <= g.serverX);
    double y = 0;
    for (const LadderLayout::Moment &moment : layout.moments()) {
        QVERIFY(moment.y > y);
        QVERIFY(moment.height > 0);
        y = moment.y;
    }
    QVERIFY(layout.contentHeight() > layout.nowY());
    for (const LadderLayout::Arrow &arrow : layout.arrows()) {
        const QRectF rect = layout.labelRect(arrow);
        QVERIFY(rect.left() >= g.clientX);
        QVERIFY(rect.width() > 0 && rect.height() > 0);
        const QLineF line = layout.arrowLine(arrow);
        QCOMPARE(line.p1().x(), arrow.segment.from == Side::Client ? g.clientX : g.serverX);
        QVERIFY(line.p2().y() >= line.p1().y());
    }
}

void TestLadderLayout::reveal_followsProgress()
{
    // Step 3 of the handshake: the SYN arrives at the server, which enters SYN-RECEIVED.
    LadderLayout layout = layoutAt(QStringLiteral("handshake"), 3);
    layout.place(font(), 800);
    QCOMPARE(layout.lastRevealedTransition(Side::Server, 0)->to, TcpState::Listen);
    QVERIFY(layout.revealedNewestTransitions(0).isEmpty());
    QCOMPARE(layout.lastRevealedTransition(Side::Server, LadderLayout::finished)->to, TcpState::SynReceived);
    QCOMPARE(layout.revealedNewestTransitions(LadderLayout::finished).size(), 1);
    QVERIFY(layout.revealedCount(0) < layout.revealedCount(LadderLayout::finished));
    QCOMPARE(int(layout.labels().size()), layout.revealedCount(LadderLayout::finished));
    // The arrow travels: nothing drawn at the start, the whole line at the end.
    const LadderLayout::Arrow &syn = layout.arrows().front();
    QCOMPARE(layout.arrowFraction(syn, 0), 0.5); // sent in step 2: half way, waiting
    QCOMPARE(layout.arrowFraction(syn, LadderLayout::finished), 1.0);
}

void TestLadderLayout::replyInTheSameStep_stateShownWithItsLabel_data()
{
    // Steps where an arriving segment makes the receiver reply in the same step (issue 9: the
    // state diagram kept the old state after the animation).
    QTest::addColumn<QString>("lesson");
    QTest::addColumn<int>("step");
    QTest::newRow("handshake 4") << QStringLiteral("handshake") << 4;
    QTest::newRow("handshake 17") << QStringLiteral("handshake") << 17;
    QTest::newRow("simultaneous-close 9") << QStringLiteral("simultaneous-close") << 9;
    QTest::newRow("simultaneous-open 3") << QStringLiteral("simultaneous-open") << 3;
}

void TestLadderLayout::replyInTheSameStep_stateShownWithItsLabel()
{
    QFETCH(QString, lesson);
    QFETCH(int, step);
    const LadderLayout layout = layoutAt(lesson, step);
    QVERIFY(!layout.transitions().empty());
    // At every point of the animation, each side's newest revealed state label names the state
    // its last revealed transition entered; at the end, that is the last transition.
    for (double progress = 0; progress <= layout.newestMomentCount() + 0.01; progress += 0.05) {
        for (Side side : {Side::Client, Side::Server}) {
            QString label;
            for (const LadderLayout::Label &candidate : layout.labels()) {
                if (candidate.side == side && candidate.kind == LadderLayout::LabelKind::State
                    && layout.isRevealed(candidate, progress))
                    label = candidate.text;
            }
            const auto transition = layout.lastRevealedTransition(side, progress);
            const TcpState state = transition ? transition->to : TcpState::Closed;
            QVERIFY2(label == QString::fromLatin1(stateName(state)),
                     qPrintable(QStringLiteral("progress %1, %2: label %3, transition to %4")
                                    .arg(progress)
                                    .arg(QString::fromStdString(std::string(sideName(side))), label,
                                         QString::fromLatin1(stateName(state)))));
        }
    }
    QCOMPARE(layout.revealedTransitionCount(layout.newestMomentCount()), int(layout.transitions().size()));
}

QTEST_MAIN(TestLadderLayout)
#include "tst_ladderlayout.moc"
