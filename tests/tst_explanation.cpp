// Every rule has a sentence; a step's explanation names the side and the rule.
#include "tcpsim/session/explanation.h"
#include "tcpsim/session/lessoncontroller.h"

#include <QTest>

using namespace tcpsim;

class TestExplanation : public QObject
{
    Q_OBJECT

private slots:
    void everyRule_hasSentenceAndReference();
    void synArrives_explainsAcceptNotReturned();
};

void TestExplanation::everyRule_hasSentenceAndReference()
{
    for (int value = 1; value <= int(lastRule); ++value) {
        const auto rule = static_cast<Rule>(value);
        QVERIFY2(!Explanation::ruleSentence(rule).isEmpty(), qPrintable(QString::number(value)));
    }
    QCOMPARE(Explanation::ruleReference(Rule::ListenSyn), QStringLiteral("RFC 9293 §3.10.7.2"));
}

void TestExplanation::synArrives_explainsAcceptNotReturned()
{
    LessonController controller;
    controller.setLesson(std::get<Lesson>(parseLesson("server listen\nclient connect\nclient deliver\n", "t.tcp")));
    controller.goToStep(3);
    const QString text = Explanation::forEvents(controller.simulation().events(), controller.eventCountAt(2),
                                                controller.eventCountAt(3));
    QVERIFY2(text.startsWith(QStringLiteral("Server: ")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("accept() has not returned yet")), qPrintable(text));
}

QTEST_GUILESS_MAIN(TestExplanation)
#include "tst_explanation.moc"
