// SPDX-License-Identifier: GPL-3.0-or-later
// How long one full repaint of the ladder takes for a long lesson (200 steps, 250 arrows).
// A measurement, not an assertion: run `build/tests/bench_ladder`.
#include "ladderview.h"
#include "tcpsim/session/lessoncontroller.h"

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

QTEST_MAIN(BenchLadder)
#include "bench_ladder.moc"
