// SPDX-License-Identifier: GPL-3.0-or-later
// Start-up: `tcpsim --screenshot` from start to exit (start, build the window, run the lesson's
// steps, render 1280x720, write the PNG), with the live pair (--live) and without (--no-live),
// beside a bare Qt window doing the same (start, lay out a main window, grab, write the PNG,
// exit). The three alternate, so a load that comes and goes hits them alike; medians of N runs.
//   cmake --build build --target bench      (or run build/bench/bench_startup [RUNS])
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QLabel>
#include <QMainWindow>
#include <QMenuBar>
#include <QProcess>
#include <QStatusBar>
#include <QThread>
#include <QToolBar>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <vector>

namespace {

// The reference: what any Qt Widgets program pays to start, show a window and save its picture.
int bareWindow(int argc, char *argv[], const char *file)
{
    QApplication app(argc, argv);
    QMainWindow window;
    window.menuBar()->addMenu(QStringLiteral("File"));
    window.menuBar()->addMenu(QStringLiteral("View"));
    window.addToolBar(QStringLiteral("Tools"))->addAction(QStringLiteral("Step"));
    window.setCentralWidget(new QLabel(QStringLiteral("A bare window")));
    window.statusBar()->showMessage(QStringLiteral("Ready"));
    window.setAttribute(Qt::WA_DontShowOnScreen, true);
    window.resize(1280, 720);
    window.show();
    QCoreApplication::processEvents();
    return window.grab().toImage().save(QString::fromLocal8Bit(file)) ? 0 : 1;
}

double runMs(const QString &program, const QStringList &arguments)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.setStandardOutputFile(QProcess::nullDevice());
    QElapsedTimer timer;
    timer.start();
    process.start(program, arguments);
    if (!process.waitForFinished(60000) || process.exitCode() != 0)
        qFatal("%s failed", qPrintable(program + QLatin1Char(' ') + arguments.join(QLatin1Char(' '))));
    return double(timer.nsecsElapsed()) / 1e6;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

void report(const char *what, double value, const char *unit, const char *target)
{
    std::printf("%-58s %10.1f %-4s  (%s)\n", what, value, unit, target);
}

} // namespace

int main(int argc, char *argv[])
{
    if (argc == 3 && std::strcmp(argv[1], "--bare") == 0)
        return bareWindow(argc - 2, argv, argv[2]);
    QCoreApplication app(argc, argv);
    const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 21;
    const QString png = QDir::temp().filePath(QStringLiteral("tcpsim-bench-startup.png"));
    const QString tcpsim = QStringLiteral(TCPSIM_APP);
    // The handshake lesson to its end (19 steps: listen, connect, accept, two sends, two closes).
    const QStringList lesson{QStringLiteral("--lesson"), QStringLiteral("handshake"), QStringLiteral("--steps"),
                             QStringLiteral("19"), QStringLiteral("--live-port"), QStringLiteral("0"),
                             QStringLiteral("--screenshot"), png};
    std::vector<double> bare, noLive, live, live4, noLive4;
    QStringList four = lesson;
    four[3] = QStringLiteral("4");
    runMs(tcpsim, QStringList(lesson) << QStringLiteral("--live")); // warm the caches once
    for (int i = 0; i < runs; ++i) {
        bare.push_back(runMs(QCoreApplication::applicationFilePath(), {QStringLiteral("--bare"), png}));
        noLive.push_back(runMs(tcpsim, QStringList(lesson) << QStringLiteral("--no-live")));
        live.push_back(runMs(tcpsim, QStringList(lesson) << QStringLiteral("--live")));
        noLive4.push_back(runMs(tcpsim, QStringList(four) << QStringLiteral("--no-live")));
        live4.push_back(runMs(tcpsim, QStringList(four) << QStringLiteral("--live")));
    }
    QFile::remove(png);
    std::printf("\nStart-up: start, render 1280x720 to a PNG, exit (median of %d runs each, alternating; %d cores)\n",
                runs, QThread::idealThreadCount());
    report("  bare Qt window (reference)", median(bare), "ms", "reference");
    report("  tcpsim --lesson handshake --steps 19 --no-live", median(noLive), "ms", "");
    report("  tcpsim --lesson handshake --steps 19 --live", median(live), "ms", "");
    report("  --live over --no-live, 19 steps (difference of medians)", median(live) - median(noLive), "ms",
           "target <= 50 ms; was +79 ms, at first +215 ms");
    report("  --live over --no-live, 4 steps", median(live4) - median(noLive4), "ms", "was +26 ms");
    report("  tcpsim --no-live / bare window", median(noLive) / median(bare), "x", "target <= 2x; was 1.7x");
    report("  tcpsim --live / bare window", median(live) / median(bare), "x", "target <= 2x; was 2.5x");
    return 0;
}
