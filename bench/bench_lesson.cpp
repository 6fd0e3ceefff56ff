// SPDX-License-Identifier: GPL-3.0-or-later
// How a long lesson costs: memory and time per step of the LessonController (exact Back from
// checkpoints) and of the whole window stepping it. Prints each figure beside its target.
//   cmake --build build --target bench      (or run build/bench/bench_lesson directly)
#include "mainwindow.h"

#include "tcpsim/session/lessoncontroller.h"
#include "tcpsim/session/lessonlibrary.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTextStream>
#include <QThread>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <numeric>
#include <vector>

using namespace tcpsim;

namespace {

double peakRssMiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0; // kB on Linux
}

double currentRssMiB()
{
    QFile status(QStringLiteral("/proc/self/statm"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = status.readAll().split(' ');
    return fields.size() > 1 ? double(fields[1].toLongLong()) * 4096.0 / (1024.0 * 1024.0) : 0;
}

// `exchanges` rounds of a message each way: 3 steps each (send, deliver, deliver the ACK).
Lesson longLesson(int exchanges)
{
    QByteArray text = "client isn 100\nserver isn 300\nserver listen\nclient connect\nsettle\n";
    text.reserve(exchanges * 48);
    for (int i = 0; i < exchanges; ++i)
        text += "client send \"message " + QByteArray::number(i) + "\"\nclient deliver\nserver deliver\n";
    auto parsed = LessonLibrary::parse(text, QStringLiteral("long.tcp"));
    if (!std::holds_alternative<Lesson>(parsed))
        qFatal("bench lesson does not parse");
    return std::get<Lesson>(std::move(parsed));
}

void report(const char *what, double value, const char *unit, const char *target)
{
    std::printf("%-58s %10.3f %-4s  (%s)\n", what, value, unit, target);
}

void controllerOnly(int steps)
{
    LessonController controller;
    controller.setAutoReply(false);
    const double before = currentRssMiB();
    controller.setLesson(longLesson(steps / 3));
    QElapsedTimer timer;
    double slowest = 0;
    timer.start();
    while (!controller.isAtLessonEnd()) {
        QElapsedTimer one;
        one.start();
        controller.stepForward();
        slowest = std::max(slowest, double(one.nsecsElapsed()) / 1e6);
    }
    const double forwardMs = double(timer.nsecsElapsed()) / 1e6;
    double slowestBack = 0;
    for (int i = 0; i < 200; ++i) {
        QElapsedTimer one;
        one.start();
        controller.stepBack();
        slowestBack = std::max(slowestBack, double(one.nsecsElapsed()) / 1e6);
    }
    QElapsedTimer jump;
    jump.start();
    controller.goToStep(controller.stepCount() / 2);
    const double jumpMs = double(jump.nsecsElapsed()) / 1e6;
    std::printf("\nLessonController, %d steps (%zu events)\n", controller.stepCount(),
                controller.simulation().events().size());
    report("  memory for the lesson stepped to the end", currentRssMiB() - before, "MiB", "linear: was 563 MiB at 1,000 steps");
    report("  all steps forward", forwardMs, "ms", "");
    report("  slowest step forward", slowest, "ms", "target <= 16.7 ms, one 60 Hz frame");
    report("  slowest step back (200 Backs from the end)", slowestBack, "ms", "target <= 16.7 ms");
    report("  jump back to the middle", jumpMs, "ms", "");
}

void window(int steps)
{
    MainWindow window(MainWindow::SettingsPolicy::Ignore);
    window.setAnimated(false);
    window.resize(1280, 720);
    window.show();
    LessonController *controller = window.controller();
    controller->setLesson(longLesson(steps / 3));
    QElapsedTimer timer;
    double slowest = 0;
    double sum = 0;
    int count = 0;
    // A step must not cost more late in a long lesson than early: the first and last 1,000.
    constexpr int edge = 1000;
    std::vector<double> times;
    times.reserve(std::size_t(controller->stepCount()));
    timer.start();
    while (!controller->isAtLessonEnd()) {
        QElapsedTimer one;
        one.start();
        controller->stepForward();
        QCoreApplication::processEvents();
        const double ms = double(one.nsecsElapsed()) / 1e6;
        slowest = std::max(slowest, ms);
        sum += ms;
        ++count;
        times.push_back(ms);
    }
    const auto meanOf = [](auto begin, auto end) {
        return end > begin ? std::accumulate(begin, end, 0.0) / double(end - begin) : 0.0;
    };
    const std::size_t edgeCount = std::min(times.size(), std::size_t(edge));
    const double firstMean = meanOf(times.begin(), times.begin() + std::ptrdiff_t(edgeCount));
    const double lastMean = meanOf(times.end() - std::ptrdiff_t(edgeCount), times.end());
    double slowestBack = 0;
    for (int i = 0; i < 50; ++i) {
        QElapsedTimer one;
        one.start();
        controller->stepBack();
        QCoreApplication::processEvents();
        slowestBack = std::max(slowestBack, double(one.nsecsElapsed()) / 1e6);
    }
    std::printf("\nThe window stepping a %d-step lesson (no animation, 1280x720, offscreen)\n", controller->stepCount());
    report("  peak RSS of the process", peakRssMiB(), "MiB", "target <= 200 MiB at 10,000 steps");
    report("  mean step forward (model + ladder + log + panes)", sum / std::max(1, count), "ms", "target <= 16.7 ms");
    report("  mean of the first 1,000 steps", firstMean, "ms", "");
    report("  mean of the last 1,000 steps", lastMean, "ms", "about the first's: no cost growing with the lesson");
    report("  slowest step forward", slowest, "ms", "target <= 16.7 ms");
    report("  slowest step back (50 from the end)", slowestBack, "ms", "target <= 16.7 ms");
}

void hugeLesson(int commands)
{
    QElapsedTimer timer;
    timer.start();
    const double before = currentRssMiB();
    LessonController controller;
    controller.setAutoReply(false);
    controller.setLesson(longLesson(commands / 3));
    const double loadMs = double(timer.nsecsElapsed()) / 1e6;
    const double loaded = currentRssMiB();
    for (int i = 0; i < 1000; ++i)
        controller.stepForward();
    std::printf("\nA %d-command lesson\n", int(controller.lesson().commands.size()));
    report("  parse and set", loadMs, "ms", "");
    report("  memory after loading", loaded - before, "MiB", "");
    report("  memory added by 1,000 steps", currentRssMiB() - loaded, "MiB", "target: no growth per step beyond the log");
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    std::printf("bench_lesson on %d cores\n", QThread::idealThreadCount());
    controllerOnly(10000);
    hugeLesson(100000);
    window(10000);
    return 0;
}
