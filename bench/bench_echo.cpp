// SPDX-License-Identifier: GPL-3.0-or-later
// The live echo server inside tcpsim (LiveSession's LiveServer with the kernel observer and the
// server pane's model, the window minus its widgets) against the reference: the notes' epoll
// server in C (echo_reference.c). One client, 32-byte messages, ping-pong, both servers run
// alternately in their own processes; then the server's resident memory before and after
// 10,000 connect/RST cycles. Then `tcpsim-cli serve --design epoll` against the same reference,
// 100 connections ping-pong. A measurement, not a test: `cmake --build build --target bench`.
//
//   bench_echo [SECONDS_PER_ROUND]     bench_echo --serve (the tcpsim side, started by itself)
#include "tcpsim/live/livesession.h"
#include "tcpsim/live/serverpanemodel.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSocketNotifier>

#include "../tests/tst_serve_client.h" // serveclient::connectTo

#include <algorithm>
#include <cstdio>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <csignal>

#ifndef TCPSIM_CLI
#error "TCPSIM_CLI: path of tcpsim-cli"
#endif
#ifndef TCPSIM_ECHO_REFERENCE
#error "TCPSIM_ECHO_REFERENCE: path of echo_reference"
#endif

using namespace tcpsim;

namespace {

int serve(QCoreApplication &app)
{
    live::LiveSession session;
    session.setServerPort(0);
    live::ServerPaneModel pane(session.server(), session.observer());
    Command listen;
    listen.verb = Verb::Listen;
    listen.side = Side::Server;
    session.perform(listen, 0);
    if (!session.server()->isListening())
        return 1;
    std::printf("%d\n", session.server()->serverPort());
    std::fflush(stdout);
    // Until the parent closes our stdin.
    QSocketNotifier input(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&input, &QSocketNotifier::activated, &app, [&app] {
        char byte;
        if (::read(STDIN_FILENO, &byte, 1) <= 0)
            app.quit();
    });
    return app.exec();
}

// One request, its whole answer ("Hello, " + 32 bytes).
bool pingPong(int fd)
{
    static const char message[33] = "0123456789abcdef0123456789abcdef";
    if (::send(fd, message, 32, MSG_NOSIGNAL) != 32)
        return false;
    char answer[64];
    ssize_t got = 0;
    while (got < 39) {
        const ssize_t n = ::recv(fd, answer + got, sizeof answer - size_t(got), 0);
        if (n <= 0)
            return false;
        got += n;
    }
    return true;
}

struct Rate {
    double repliesPerSecond = 0;
    double p50us = 0;
    double p99us = 0;
};

Rate measure(quint16 port, double seconds)
{
    Rate rate;
    const int fd = serveclient::connectTo(port);
    if (fd < 0)
        return rate;
    std::vector<double> latencies;
    QElapsedTimer wall, one;
    wall.start();
    while (wall.nsecsElapsed() < qint64(seconds * 1e9)) {
        one.start();
        if (!pingPong(fd))
            break;
        latencies.push_back(double(one.nsecsElapsed()) / 1e3);
    }
    rate.repliesPerSecond = double(latencies.size()) / (double(wall.nsecsElapsed()) / 1e9);
    std::sort(latencies.begin(), latencies.end());
    if (!latencies.empty()) {
        rate.p50us = latencies[latencies.size() / 2];
        rate.p99us = latencies[latencies.size() * 99 / 100];
    }
    ::close(fd);
    return rate;
}

// 100 connections, 32-byte messages, ping-pong (issue 13 item 3): each connection sends its
// next message as soon as its whole answer arrived. One client thread, epoll.
Rate measureMany(quint16 port, int connections, double seconds)
{
    Rate rate;
    static const char message[33] = "0123456789abcdef0123456789abcdef";
    constexpr qint64 answerSize = 39; // "Hello, " + 32
    struct Client {
        int fd = -1;
        qint64 got = 0;
        qint64 sentAtNs = 0;
    };
    std::vector<Client> clients(static_cast<size_t>(connections));
    const int epoll = ::epoll_create1(EPOLL_CLOEXEC);
    QElapsedTimer wall;
    wall.start();
    for (size_t i = 0; i < clients.size(); ++i) {
        clients[i].fd = serveclient::connectTo(port);
        if (clients[i].fd < 0) {
            ::close(epoll);
            for (const Client &client : clients)
                ::close(client.fd);
            return rate;
        }
        epoll_event event{};
        event.events = EPOLLIN;
        event.data.u64 = i;
        ::epoll_ctl(epoll, EPOLL_CTL_ADD, clients[i].fd, &event);
    }
    std::vector<double> latencies;
    latencies.reserve(1 << 20);
    const qint64 startNs = wall.nsecsElapsed();
    for (Client &client : clients) {
        client.sentAtNs = wall.nsecsElapsed();
        ::send(client.fd, message, 32, MSG_NOSIGNAL);
    }
    const qint64 endNs = startNs + qint64(seconds * 1e9);
    epoll_event events[256];
    char buffer[4096];
    while (wall.nsecsElapsed() < endNs) {
        const int ready = ::epoll_wait(epoll, events, 256, 1000);
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready <= 0) {
            std::printf("  (stalled: no answer for 1 s after %zu replies)\n", latencies.size());
            break; // the rate shows it
        }
        for (int i = 0; i < ready; ++i) {
            Client &client = clients[events[i].data.u64];
            const ssize_t n = ::recv(client.fd, buffer, sizeof buffer, 0);
            if (n <= 0)
                continue;
            client.got += n;
            while (client.got >= answerSize) {
                client.got -= answerSize;
                const qint64 now = wall.nsecsElapsed();
                latencies.push_back(double(now - client.sentAtNs) / 1e3);
                client.sentAtNs = now;
                ::send(client.fd, message, 32, MSG_NOSIGNAL);
            }
        }
    }
    rate.repliesPerSecond = double(latencies.size()) / (double(wall.nsecsElapsed() - startNs) / 1e9);
    std::sort(latencies.begin(), latencies.end());
    if (!latencies.empty()) {
        rate.p50us = latencies[latencies.size() / 2];
        rate.p99us = latencies[latencies.size() * 99 / 100];
    }
    for (const Client &client : clients)
        ::close(client.fd);
    ::close(epoll);
    return rate;
}

qint64 residentKiB(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}

// connect(), then close with SO_LINGER {1, 0}: a RST. Every 100, a round trip on `probe` so
// that the server has handled them.
void connectResetCycles(quint16 port, int cycles, int probe)
{
    const linger reset{1, 0};
    for (int i = 0; i < cycles; ++i) {
        const int fd = serveclient::connectTo(port);
        if (fd >= 0) {
            ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
            ::close(fd);
        }
        if (i % 100 == 99)
            pingPong(probe);
    }
}

struct Server {
    QString name;
    QProcess process;
    quint16 port = 0;
};

bool start(Server *server, const QString &program, const QStringList &arguments)
{
    server->process.start(program, arguments);
    if (!server->process.waitForStarted(5000) || !server->process.waitForReadyRead(10000))
        return false;
    server->port = quint16(server->process.readLine().trimmed().toUInt());
    return server->port != 0;
}

// tcpsim-cli serve prints "... listening on 127.0.0.1:PORT ..." first.
bool startServe(Server *server, const QStringList &arguments)
{
    server->process.start(QStringLiteral(TCPSIM_CLI), arguments);
    if (!server->process.waitForStarted(5000) || !server->process.waitForReadyRead(10000))
        return false;
    const QByteArray line = server->process.readLine();
    const qsizetype at = line.indexOf("127.0.0.1:");
    server->port = at < 0 ? 0 : quint16(line.mid(at + 10).split(' ').value(0).toUInt());
    return server->port != 0;
}

// The notes' epoll reactor in C against tcpsim-cli serve's epoll design, 100 connections.
void compareEpoll(Server *reference, double seconds)
{
    Server serve;
    serve.name = QStringLiteral("tcpsim-cli serve --design epoll");
    // A backlog large enough for the load, as the C reference's listen(1024); --quiet: a line
    // per connection, none per message.
    if (!startServe(&serve, {QStringLiteral("serve"), QStringLiteral("--design"), QStringLiteral("epoll"),
                             QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--backlog"),
                             QStringLiteral("1024"), QStringLiteral("--quiet")})) {
        std::printf("bench_echo: could not start tcpsim-cli serve\n");
        return;
    }
    constexpr int connections = 100;
    std::printf("\n%d connections, 32-byte messages, ping-pong, %.1f s per round, 5 rounds each, "
                "alternating; median round (issue 13 item 3)\n", connections, seconds);
    std::vector<Rate> rounds[2];
    for (int round = 0; round < 5; ++round) {
        rounds[0].push_back(measureMany(reference->port, connections, seconds));
        rounds[1].push_back(measureMany(serve.port, connections, seconds));
        // Its connection lines: a pipe nobody reads would block the server's writes.
        while (serve.process.waitForReadyRead(100))
            serve.process.readAllStandardOutput();
    }
    Rate median[2];
    for (int which = 0; which < 2; ++which) {
        std::vector<Rate> &list = rounds[which];
        std::sort(list.begin(), list.end(),
                  [](const Rate &a, const Rate &b) { return a.repliesPerSecond < b.repliesPerSecond; });
        median[which] = list[list.size() / 2];
        std::printf("  %-36s %9.0f replies/s  p50 %6.1f us  p99 %6.1f us   (rounds:",
                    qPrintable(which == 0 ? reference->name : serve.name), median[which].repliesPerSecond,
                    median[which].p50us, median[which].p99us);
        for (const Rate &rate : list)
            std::printf(" %.0f", rate.repliesPerSecond);
        std::printf(")\n");
    }
    std::printf("  ratio serve/reference: replies/s %.2fx (target >= 0.9x), p99 %.2fx (target <= 1.5x)\n",
                median[1].repliesPerSecond / std::max(1.0, median[0].repliesPerSecond),
                median[1].p99us / std::max(0.001, median[0].p99us));
    ::kill(pid_t(serve.process.processId()), SIGINT);
    if (!serve.process.waitForFinished(5000)) {
        serve.process.kill();
        serve.process.waitForFinished(2000);
    }
    std::printf("  tcpsim-cli serve exit status after SIGINT: %d\n", serve.process.exitCode());
}

// Issue 15 item 3: a well-behaved client beside 200 connections that send nothing (slowloris
// without even a slow request). Its latency with them open against its latency alone.
void idleNeighbours(Server *server, double seconds)
{
    const Rate alone = measure(server->port, seconds);
    std::vector<int> idle;
    for (int i = 0; i < 200; ++i) {
        const int fd = serveclient::connectTo(server->port);
        if (fd >= 0)
            idle.push_back(fd);
    }
    const Rate crowded = measure(server->port, seconds);
    std::printf("  %-36s alone p50 %6.1f us p99 %6.1f us; beside %zu idle connections p50 %6.1f us p99 %6.1f us "
                "(%.0f replies/s)\n",
                qPrintable(server->name), alone.p50us, alone.p99us, idle.size(), crowded.p50us, crowded.p99us,
                crowded.repliesPerSecond);
    for (int fd : idle)
        ::close(fd);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc > 1 && qstrcmp(argv[1], "--serve") == 0)
        return serve(app);
    const double seconds = argc > 1 ? std::max(0.2, std::atof(argv[1])) : 2.0;

    Server tcpsim;
    tcpsim.name = QStringLiteral("LiveServer (session + pane model)");
    Server reference;
    reference.name = QStringLiteral("epoll reference in C");
    if (!start(&tcpsim, QCoreApplication::applicationFilePath(), {QStringLiteral("--serve")})
        || !start(&reference, QStringLiteral(TCPSIM_ECHO_REFERENCE), {QStringLiteral("0")})) {
        std::printf("bench_echo: could not start the servers\n");
        return 1;
    }
    std::printf("bench_echo: one client, 32-byte messages, ping-pong, %.1f s per round, rounds "
                "alternate; %ld cores\n", seconds, sysconf(_SC_NPROCESSORS_ONLN));
    Rate best[2];
    for (int round = 0; round < 3; ++round) {
        for (int which = 0; which < 2; ++which) {
            const Rate rate = measure(which == 0 ? reference.port : tcpsim.port, seconds);
            if (rate.repliesPerSecond > best[which].repliesPerSecond)
                best[which] = rate;
        }
    }
    for (int which = 0; which < 2; ++which) {
        std::printf("  %-36s %9.0f replies/s  p50 %6.1f us  p99 %6.1f us\n",
                    qPrintable(which == 0 ? reference.name : tcpsim.name), best[which].repliesPerSecond,
                    best[which].p50us, best[which].p99us);
    }
    const double ratio = best[1].repliesPerSecond / std::max(1.0, best[0].repliesPerSecond);
    std::printf("  ratio LiveServer / reference: %.2fx   (issue 13: 0.09-0.16x in the window before; "
                "target in the window >= 0.5x)\n", ratio);

    compareEpoll(&reference, seconds);

    std::printf("\nOne client's ping-pong beside 200 idle connections (issue 15 item 3; the blocking "
                "design serves one client at a time: its waiting is its lesson)\n");
    for (const char *design : {"threads", "epoll"}) {
        Server serve;
        serve.name = QStringLiteral("tcpsim-cli serve --design %1").arg(QLatin1String(design));
        if (!startServe(&serve, {QStringLiteral("serve"), QStringLiteral("--design"), QLatin1String(design),
                                 QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--backlog"),
                                 QStringLiteral("1024"), QStringLiteral("--quiet")})) {
            std::printf("bench_echo: could not start tcpsim-cli serve --design %s\n", design);
            continue;
        }
        idleNeighbours(&serve, seconds);
        ::kill(pid_t(serve.process.processId()), SIGINT);
        if (!serve.process.waitForFinished(5000))
            serve.process.kill();
        serve.process.waitForFinished(2000);
    }
    idleNeighbours(&tcpsim, seconds);

    // Memory after many short-lived outside connections.
    for (Server *server : {&reference, &tcpsim}) {
        const int probe = serveclient::connectTo(server->port);
        pingPong(probe);
        const qint64 before = residentKiB(server->process.processId());
        connectResetCycles(server->port, 10000, probe);
        pingPong(probe);
        const qint64 after = residentKiB(server->process.processId());
        // 10,000 more: memory that grows per connection grows again; a bounded ring does not.
        connectResetCycles(server->port, 10000, probe);
        pingPong(probe);
        const qint64 again = residentKiB(server->process.processId());
        std::printf("  %-36s RSS %6lld KiB -> %6lld KiB after 10,000 connect/RST cycles, %6lld KiB "
                    "after 10,000 more (%+.0f B per connection in the second 10,000)\n",
                    qPrintable(server->name), static_cast<long long>(before), static_cast<long long>(after),
                    static_cast<long long>(again), double(again - after) * 1024 / 10000);
        ::close(probe);
    }
    std::printf("    (issue 15 before: ~4 KB per connection, log rows and observations never dropped)\n");

    for (Server *server : {&tcpsim, &reference}) {
        server->process.closeWriteChannel();
        if (!server->process.waitForFinished(2000)) {
            server->process.kill();
            server->process.waitForFinished(2000);
        }
    }
    return 0;
}
