// SPDX-License-Identifier: GPL-3.0-or-later
// The live echo server inside the whole window (issue 13 item 3): tcpsim's MainWindow with the
// live pair on and the Live dock (the server pane) shown, its server listening after the
// lesson's accept step, against the notes' epoll reactor in C (echo_reference.c). One client,
// 32-byte messages, ping-pong; rounds alternate. Meanwhile the window is sent a key press every
// 20 ms: the time from the press being queued to the window receiving it is the GUI's answer
// time under the load. A measurement, not a test: `cmake --build build --target bench`.
//
//   bench_echo_window [SECONDS_PER_ROUND]     bench_echo_window --serve (the window, started by itself)
#include "mainwindow.h"

#include "tcpsim/live/livesession.h"
#include "tcpsim/live/liveserver.h"
#include "tcpsim/session/livemirror.h"

#include <QApplication>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QKeyEvent>
#include <QProcess>
#include <QSocketNotifier>

#include "../tests/tst_serve_client.h" // serveclient::connectTo
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#ifndef TCPSIM_ECHO_REFERENCE
#error "TCPSIM_ECHO_REFERENCE: path of echo_reference"
#endif

namespace {

// Times each probe key press from being queued to reaching the window.
class KeyProbe : public QObject
{
public:
    explicit KeyProbe(QWidget *target) : m_target(target)
    {
        target->installEventFilter(this);
        m_clock.start();
        connect(&m_timer, &QTimer::timeout, this, [this] {
            if (m_sentAt >= 0)
                return; // the last one is still on its way: its wait grows
            m_sentAt = m_clock.nsecsElapsed();
            QCoreApplication::postEvent(m_target, new QKeyEvent(QEvent::KeyPress, probeKey, Qt::NoModifier));
        });
        m_timer.start(20);
    }
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == m_target && event->type() == QEvent::KeyPress
            && static_cast<QKeyEvent *>(event)->key() == probeKey && m_sentAt >= 0) {
            m_latencies.push_back(double(m_clock.nsecsElapsed() - m_sentAt) / 1e6);
            m_sentAt = -1;
            return true;
        }
        return false;
    }
    // Only the presses queued while the load ran (`from` .. now).
    std::vector<double> latencies() const { return m_latencies; }
    void clear() { m_latencies.clear(); }

private:
    static constexpr int probeKey = Qt::Key_F35; // bound to nothing
    QWidget *m_target;
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_sentAt = -1;
    std::vector<double> m_latencies;
};

int serve(int argc, char **argv)
{
    QApplication app(argc, argv);
    MainWindow window(MainWindow::SettingsPolicy::Ignore);
    window.setAnimated(false);
    window.setLivePort(0);
    window.setLiveEnabled(true);
    if (!window.loadLesson(QStringLiteral("handshake")))
        return 1;
    window.resize(1280, 720);
    window.show();
    window.liveDock()->show();
    window.liveDock()->raise();
    // The handshake lesson at its end: the live server accepts and echoes connections from
    // outside the lesson, as it does for a class's nc (before, one accept() per accept step).
    window.goToStep(window.controller()->stepCount());
    window.liveMirror()->waitUntilIdle(5000);
    const auto *server = window.liveMirror()->session()->server();
    if (!server || !server->isListening())
        return 1;
    std::printf("%d\n", server->serverPort());
    std::fflush(stdout);
    KeyProbe probe(&window);
    // stdin: "r" = forget the probes so far (a round starts), EOF = print them and quit.
    QSocketNotifier input(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&input, &QSocketNotifier::activated, &app, [&app, &probe] {
        char byte;
        if (::read(STDIN_FILENO, &byte, 1) > 0) {
            if (byte == 'r')
                probe.clear();
            return;
        }
        std::vector<double> latencies = probe.latencies();
        std::sort(latencies.begin(), latencies.end());
        const double p99 = latencies.empty() ? 0 : latencies[latencies.size() * 99 / 100];
        const double worst = latencies.empty() ? 0 : latencies.back();
        std::printf("%zu %.2f %.2f\n", latencies.size(), p99, worst);
        std::fflush(stdout);
        app.quit();
    });
    return app.exec();
}

int connectTo(quint16 port)
{
    const int fd = serveclient::connectTo(port);
    // A server that never answers (never accepted the connection) ends the round, not the bench.
    const timeval patience{5, 0};
    if (fd >= 0)
        ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &patience, sizeof patience);
    return fd;
}

// Replies per second of one ping-pong client (32 bytes out, "Hello, " + 32 back).
double measure(quint16 port, double seconds)
{
    static const char message[33] = "0123456789abcdef0123456789abcdef";
    const int fd = connectTo(port);
    if (fd < 0)
        return 0;
    long replies = 0;
    QElapsedTimer wall;
    wall.start();
    while (wall.nsecsElapsed() < qint64(seconds * 1e9)) {
        if (::send(fd, message, 32, MSG_NOSIGNAL) != 32)
            break;
        char answer[64];
        ssize_t got = 0;
        while (got < 39) {
            const ssize_t n = ::recv(fd, answer + got, sizeof answer - size_t(got), 0);
            if (n <= 0)
                break;
            got += n;
        }
        if (got < 39)
            break;
        ++replies;
    }
    const double rate = double(replies) / (double(wall.nsecsElapsed()) / 1e9);
    ::close(fd);
    return rate;
}

quint16 readPort(QProcess *process)
{
    if (!process->waitForStarted(5000) || !process->waitForReadyRead(30000))
        return 0;
    return quint16(process->readLine().trimmed().toUInt());
}

} // namespace

int main(int argc, char **argv)
{
    if (argc > 1 && qstrcmp(argv[1], "--serve") == 0)
        return serve(argc, argv);
    QCoreApplication app(argc, argv);
    const double seconds = argc > 1 ? std::max(0.2, std::atof(argv[1])) : 2.0;
    QProcess window;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    window.setProcessEnvironment(environment);
    window.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    window.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--serve")});
    QProcess reference;
    reference.start(QStringLiteral(TCPSIM_ECHO_REFERENCE), {QStringLiteral("0")});
    const quint16 windowPort = readPort(&window);
    const quint16 referencePort = readPort(&reference);
    if (windowPort == 0 || referencePort == 0) {
        std::printf("bench_echo_window: could not start the servers\n");
        return 1;
    }
    std::printf("\nbench_echo_window: the echo server inside the window (Live dock shown) against the C "
                "reference; one client, 32-byte messages, ping-pong, %.1f s per round, 5 rounds each, "
                "alternating; median round; %ld cores\n", seconds, sysconf(_SC_NPROCESSORS_ONLN));
    std::vector<double> rates[2];
    window.write("r");
    window.waitForBytesWritten(1000);
    for (int round = 0; round < 5; ++round) {
        rates[0].push_back(measure(referencePort, seconds));
        rates[1].push_back(measure(windowPort, seconds));
    }
    window.closeWriteChannel();
    window.waitForReadyRead(10000);
    const QList<QByteArray> probe = window.readAll().trimmed().split(' ');
    window.waitForFinished(5000);
    reference.closeWriteChannel();
    reference.kill();
    reference.waitForFinished(2000);
    double median[2];
    for (int which = 0; which < 2; ++which) {
        std::sort(rates[which].begin(), rates[which].end());
        median[which] = rates[which][rates[which].size() / 2];
    }
    std::printf("  %-44s %9.0f replies/s\n", "epoll reference in C", median[0]);
    std::printf("  %-44s %9.0f replies/s\n", "tcpsim window, live server, Live dock shown", median[1]);
    std::printf("  ratio window / reference: %.2fx   (target >= 0.5x; issue 13: 0.09-0.16x before)\n",
                median[1] / std::max(1.0, median[0]));
    std::printf("  key presses during the load: %s answered, p99 %s ms, slowest %s ms   (target <= 50 ms)\n",
                probe.value(0).constData(), probe.value(1).constData(), probe.value(2).constData());
    return 0;
}
