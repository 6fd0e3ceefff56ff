// SPDX-License-Identifier: GPL-3.0-or-later
// How long one full repaint of the ladder takes for a long lesson (200 steps, 250 arrows), and
// what one step forward or back costs the ladder's layout at 10,000 steps: built anew from all
// events (before) or extended / truncated by the one step (now).
// A measurement, not an assertion: run `build/tests/bench_ladder`.
#include "ladderview.h"
#include "tcpsim/session/lessoncontroller.h"

#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <QTest>

using namespace tcpsim;

class BenchLadder : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void fullRepaint_longLesson();
    void fullRepaint_midAnimation();
    void layout_longLesson();
    void layoutPerStep_10000Steps();

private:
    LessonController m_controller;
};

void BenchLadder::initTestCase()
{
    std::string text = "client isn 100\nserver isn 300\nserver listen\nclient connect\nclient deliver\n"
                       "server deliver\nclient deliver\n";
    for (int i = 0; i < 64; ++i)
        text += "client send \"message " + std::to_string(i) + "\"\nclient deliver\nserver deliver\n";
    text += "client close\nclient deliver\nserver deliver\nserver close\nserver deliver\nclient deliver\n";
    m_controller.setLesson(std::get<Lesson>(parseLesson(text, "bench.tcp")));
    m_controller.goToStep(m_controller.stepCount());
}

void BenchLadder::fullRepaint_longLesson()
{
    LadderView view;
    view.resize(1280, 4000); // everything visible: the worst case
    view.setSimulation(m_controller.simulation(), m_controller.eventBoundaries(), LadderView::Animation::Instant);
    QImage image(view.size(), QImage::Format_ARGB32_Premultiplied);
    QBENCHMARK {
        view.render(&image);
    }
}

void BenchLadder::fullRepaint_midAnimation()
{
    LadderView view;
    view.resize(1280, 720);
    QImage image(view.size(), QImage::Format_ARGB32_Premultiplied);
    QBENCHMARK {
        view.setSimulation(m_controller.simulation(), m_controller.eventBoundaries(), LadderView::Animation::Animate);
        view.render(&image);
    }
    view.finishAnimation();
}

void BenchLadder::layout_longLesson()
{
    LadderView view;
    view.resize(1280, 720);
    QBENCHMARK {
        view.setSimulation(m_controller.simulation(), m_controller.eventBoundaries(), LadderView::Animation::Instant);
    }
}

void BenchLadder::layoutPerStep_10000Steps()
{
    std::string text = "client isn 100\nserver isn 300\nserver listen\nclient connect\nsettle\n";
    for (int i = 0; i < 3333; ++i)
        text += "client send \"message " + std::to_string(i) + "\"\nclient deliver\nserver deliver\n";
    LessonController controller;
    controller.setAutoReply(false);
    controller.setLesson(std::get<Lesson>(parseLesson(text, "long.tcp")));
    QFont font;
    font.setPixelSize(15);
    LadderLayout layout(controller.simulation().events(), controller.eventBoundaries(), NumberStyle::Symbolic);
    layout.place(font, 1000);
    double extendSum = 0;
    double extendMax = 0;
    QElapsedTimer timer;
    while (controller.currentStep() < controller.stepCount()) {
        controller.stepForward();
        const auto boundaries = controller.eventBoundaries();
        timer.start();
        QVERIFY(layout.extend(controller.simulation().events(), boundaries));
        const double ms = double(timer.nsecsElapsed()) / 1e6;
        extendSum += ms;
        extendMax = std::max(extendMax, ms);
    }
    const int steps = controller.currentStep();
    // Built anew at the end, as every step did before extend().
    timer.start();
    LadderLayout anew(controller.simulation().events(), controller.eventBoundaries(), NumberStyle::Symbolic);
    anew.place(font, 1000);
    const double rebuildMs = double(timer.nsecsElapsed()) / 1e6;
    double truncateMax = 0;
    for (int i = 0; i < 50; ++i) {
        controller.stepBack();
        const auto boundaries = controller.eventBoundaries();
        timer.start();
        QVERIFY(layout.truncate(controller.simulation().events(), boundaries));
        truncateMax = std::max(truncateMax, double(timer.nsecsElapsed()) / 1e6);
    }
    qInfo("ladder layout, %d steps: one step built anew from all events %.2f ms; extend by one step: "
          "mean %.3f ms, slowest %.3f ms; Back (truncate, 50 from the end): slowest %.3f ms",
          steps, rebuildMs, extendSum / steps, extendMax, truncateMax);
}

QTEST_MAIN(BenchLadder)
#include "bench_ladder.moc"
