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

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, std::size_t(p / 100.0 * double(values.size())))];
}

// The slowest few, with the step each was: where a spike comes from.
void slowestSteps(const char *what, const std::vector<double> &times, int firstStep, int direction)
{
    std::vector<std::size_t> order(times.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    const std::size_t shown = std::min<std::size_t>(5, order.size());
    std::partial_sort(order.begin(), order.begin() + std::ptrdiff_t(shown), order.end(),
                      [&times](std::size_t a, std::size_t b) { return times[a] > times[b]; });
    std::printf("  %s:", what);
    for (std::size_t i = 0; i < shown; ++i)
        std::printf(" step %d %.1f ms;", firstStep + direction * int(order[i]), times[order[i]]);
    std::printf("\n");
}

void controllerOnly(int steps)
{
    LessonController controller;
    controller.setAutoReply(false);
    const double before = currentRssMiB();
    controller.setLesson(longLesson(steps / 3));
    QElapsedTimer timer;
    double slowest = 0;
    std::vector<double> times;
    timer.start();
    while (!controller.isAtLessonEnd()) {
        QElapsedTimer one;
        one.start();
        controller.stepForward();
        times.push_back(double(one.nsecsElapsed()) / 1e6);
        slowest = std::max(slowest, times.back());
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
    slowestSteps("slowest forward", times, 1, 1);
}

// Voluntary context switches of this thread: each a sleep until another thread answers (the
// raster engine waits so for every fill it hands to Qt's thread pool).
long voluntarySwitches()
{
    rusage usage{};
    getrusage(RUSAGE_THREAD, &usage);
    return usage.ru_nvcsw;
}

void window(int steps)
{
    MainWindow window(MainWindow::SettingsPolicy::Ignore);
    window.setAnimated(false);
    window.resize(1280, 720);
    window.show();
    LessonController *controller = window.controller();
    controller->setLesson(longLesson(steps / 3));
    // The window on screen at step 0, as a class sees it before the first click (its first
    // paint is start-up's, measured by bench_startup).
    QCoreApplication::processEvents();
    QElapsedTimer timer;
    double slowest = 0;
    double sum = 0;
    int count = 0;
    // A step must not cost more late in a long lesson than early: the first and last 1,000.
    constexpr int edge = 1000;
    std::vector<double> times;
    times.reserve(std::size_t(controller->stepCount()));
    long waits = 0; // times the GUI thread slept on another thread (Qt's raster pool) while stepping
    timer.start();
    while (!controller->isAtLessonEnd()) {
        QElapsedTimer one;
        const long switchesBefore = voluntarySwitches();
        one.start();
        controller->stepForward();
        QCoreApplication::processEvents();
        const double ms = double(one.nsecsElapsed()) / 1e6;
        waits += voluntarySwitches() - switchesBefore;
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
    // Back from the end, over several checkpoint intervals (each Back replays from the one before).
    const int lastStep = controller->currentStep();
    std::vector<double> backTimes;
    for (int i = 0; i < 500; ++i) {
        QElapsedTimer one;
        one.start();
        controller->stepBack();
        QCoreApplication::processEvents();
        backTimes.push_back(double(one.nsecsElapsed()) / 1e6);
    }
    const double slowestBack = *std::max_element(backTimes.begin(), backTimes.end());
    std::printf("\nThe window stepping a %d-step lesson (no animation, 1280x720, offscreen)\n", controller->stepCount());
    report("  peak RSS of the process", peakRssMiB(), "MiB", "target <= 200 MiB at 10,000 steps");
    report("  mean step forward (model + ladder + log + panes)", sum / std::max(1, count), "ms", "target <= 16.7 ms");
    report("  mean of the first 1,000 steps", firstMean, "ms", "");
    report("  mean of the last 1,000 steps", lastMean, "ms", "about the first's: no cost growing with the lesson");
    report("  p99 step forward", percentile(times, 99), "ms", "");
    report("  slowest step forward", slowest, "ms", "target <= 16.7 ms; was 12.3-26.9 ms, from waits on Qt's raster pool");
    report("  waits on another thread per step forward", double(waits) / std::max(1, count), "",
           "was 17 (label boxes and scroll bars handed to Qt's raster pool)");
    report("  mean step back (500 from the end)", meanOf(backTimes.begin(), backTimes.end()), "ms", "");
    report("  p99 step back", percentile(backTimes, 99), "ms", "");
    report("  slowest step back", slowestBack, "ms", "target <= 16.7 ms; was 8.9 ms");
    slowestSteps("slowest forward", times, 1, 1);
    slowestSteps("slowest back", backTimes, lastStep - 1, -1);
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
    std::printf("\nA %d-command lesson (%d steps), the LessonController stepping it to the end\n",
                int(controller.lesson().commands.size()), controller.stepCount());
    report("  parse and set", loadMs, "ms", "");
    report("  memory after loading", loaded - before, "MiB", "");
    // Per step the model keeps its events (the log), a count and a report, and a checkpoint
    // every checkpointInterval steps: a constant per step, not one growing with the lesson.
    double previous = loaded;
    int previousStep = 0;
    QElapsedTimer stepping;
    stepping.start();
    for (const int mark : {1000, 10000, 50000, 100000}) {
        if (mark > controller.stepCount())
            break;
        controller.goToStep(mark);
        const double now = currentRssMiB();
        char what[80];
        std::snprintf(what, sizeof what, "  memory added, steps %d..%d, per step", previousStep, mark);
        report(what, (now - previous) * 1024.0 * 1024.0 / double(mark - previousStep), "B", "flat: the same at every length");
        previous = now;
        previousStep = mark;
    }
    report("  memory at the end over loaded", currentRssMiB() - loaded, "MiB", "");
    report("  time per step (mean over all)", double(stepping.nsecsElapsed()) / 1e6 / std::max(1, previousStep), "ms", "");
}

// Free play: actions on the simulation the lesson has reached (the network's next delivery, a
// send, a close). Each continues the run where it is; the reference is what one used to cost:
// running the whole lesson again from the start.
void freePlay(int actions)
{
    LessonController controller;
    controller.setAutoReply(false);
    controller.setLesson(longLesson(30));
    controller.goToStep(controller.stepCount());
    std::vector<double> times;
    times.reserve(std::size_t(actions));
    for (int i = 0; i < actions; ++i) {
        QElapsedTimer one;
        one.start();
        switch (i % 3) {
        case 0:
            controller.perform(Commands::make(Verb::Send, Side::Client, "free " + std::to_string(i)));
            break;
        default:
            controller.stepForward(); // at the lesson's end: the next delivery in flight
            break;
        }
        times.push_back(double(one.nsecsElapsed()) / 1e6);
    }
    const auto meanOf = [](auto begin, auto end) {
        return end > begin ? std::accumulate(begin, end, 0.0) / double(end - begin) : 0.0;
    };
    const std::ptrdiff_t edge = std::min<std::ptrdiff_t>(100, std::ptrdiff_t(times.size()));
    // The old cost of the last action: the lesson from the start to the step it reached.
    LessonController again;
    again.setAutoReply(false);
    QElapsedTimer replay;
    replay.start();
    again.setLesson(controller.lesson());
    again.goToStep(controller.currentStep());
    const double replayMs = double(replay.nsecsElapsed()) / 1e6;
    std::vector<double> backTimes;
    for (int i = 0; i < 300; ++i) {
        QElapsedTimer one;
        one.start();
        controller.stepBack();
        backTimes.push_back(double(one.nsecsElapsed()) / 1e6);
    }
    std::printf("\nFree play: %d actions after a %d-step lesson (LessonController)\n", actions,
                again.stepCount() - actions);
    report("  mean of the first 100 actions", meanOf(times.begin(), times.begin() + edge), "ms", "");
    report("  mean of the last 100 actions", meanOf(times.end() - edge, times.end()), "ms", "flat: about the first's");
    report("  slowest action", *std::max_element(times.begin(), times.end()), "ms", "target <= 16.7 ms");
    report("  the whole lesson run again (the old cost of one action)", replayMs, "ms", "reference");
    report("  slowest Back over the actions (300)", *std::max_element(backTimes.begin(), backTimes.end()), "ms", "target <= 16.7 ms");
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    std::printf("bench_lesson on %d cores\n", QThread::idealThreadCount());
    // bench_lesson [controller|free|huge|window ...]: only those parts (all by default).
    const QStringList parts = app.arguments().mid(1);
    const auto wanted = [&parts](const char *part) { return parts.isEmpty() || parts.contains(QLatin1String(part)); };
    // The window first: its figure is the process's peak RSS, which the huge lesson would set.
    if (wanted("window"))
        window(10000);
    if (wanted("controller"))
        controllerOnly(10000);
    if (wanted("free"))
        freePlay(1000);
    if (wanted("huge"))
        hugeLesson(100000);
    return 0;
}
