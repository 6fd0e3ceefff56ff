// SPDX-License-Identifier: GPL-3.0-or-later
// How much a kernel sample costs with many unrelated sockets present: the old full dump (the
// whole table, IPv4 and IPv6, what every sample did before), the exact look-ups of a regular
// sample (the lesson's two ends and the listener), the dump filtered in the kernel by port (the
// server pane's scan), /proc/net/tcp for reference; then the CPU an observer takes while one
// connection sits there. A measurement, not a test: `cmake --build build --target bench`.
//
//   bench_kernel [PAIRS]   (default 5000 connected pairs = 10,000 sockets)
#include "tcpsim/live/kernelobserver.h"
#include "tcpsim/live/kerneltable.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace tcpsim::live;

namespace {

// Median of `runs` timings of `work`, in milliseconds.
template<typename Work>
double medianMs(int runs, Work work)
{
    std::vector<double> times;
    times.reserve(size_t(runs));
    QElapsedTimer timer;
    for (int i = 0; i < runs; ++i) {
        timer.start();
        work();
        times.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

int listenLoopback(quint16 *port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0
        || ::listen(fd, 4096) != 0 || ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) != 0) {
        return -1;
    }
    *port = ntohs(address.sin_port);
    return fd;
}

// Connects a client to the listener and accepts it: two sockets in the table, two descriptors.
bool connectPair(int listener, quint16 port, std::vector<int> *descriptors, sockaddr_in *clientAddress = nullptr)
{
    const int client = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(port);
    if (client < 0 || ::connect(client, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0)
        return false;
    const int accepted = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
    if (accepted < 0)
        return false;
    descriptors->push_back(client);
    descriptors->push_back(accepted);
    if (clientAddress) {
        socklen_t length = sizeof *clientAddress;
        ::getsockname(client, reinterpret_cast<sockaddr *>(clientAddress), &length);
    }
    return true;
}

double cpuSeconds()
{
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

void row(const char *what, double value, const char *unit, const char *reference)
{
    std::printf("  %-52s %10.4f %-4s %s\n", what, value, unit, reference);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int pairs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5000;

    // Every pair holds two descriptors.
    rlimit limit{};
    ::getrlimit(RLIMIT_NOFILE, &limit);
    const rlim_t wanted = rlim_t(2 * pairs + 64);
    if (limit.rlim_cur < wanted) {
        limit.rlim_cur = std::min(wanted, limit.rlim_max);
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }
    const int possible = int((limit.rlim_cur - 64) / 2);

    KernelTable table;
    if (table.backend() != KernelTable::Backend::Netlink) {
        std::printf("bench_kernel: netlink sock_diag is not available here (%s); nothing to measure\n",
                    qPrintable(table.backendName()));
        return 0;
    }

    // The unrelated sockets, on their own port.
    std::vector<int> descriptors;
    quint16 noisePort = 0;
    const int noise = listenLoopback(&noisePort);
    int made = 0;
    for (; made < std::min(pairs, possible); ++made) {
        if (!connectPair(noise, noisePort, &descriptors))
            break;
    }
    // The lesson: a listener and one connection, sitting ESTABLISHED.
    quint16 lessonPort = 0;
    const int lesson = listenLoopback(&lessonPort);
    sockaddr_in clientAddress{};
    if (noise < 0 || lesson < 0 || !connectPair(lesson, lessonPort, &descriptors, &clientAddress)) {
        std::printf("bench_kernel: could not set up loopback sockets\n");
        return 1;
    }
    const FourTuple tuple{QHostAddress(QHostAddress::LocalHost), ntohs(clientAddress.sin_port),
                          QHostAddress(QHostAddress::LocalHost), lessonPort};
    const FourTuple listener{QHostAddress(QHostAddress::LocalHost), lessonPort, QHostAddress(QHostAddress::AnyIPv4), 0};
    const qsizetype tableSize = table.read().size();

    // Each dump walks the kernel's whole connection hash (its size: dmesg "TCP established hash
    // table entries"), so the dumps cost milliseconds even when few sockets match.
    std::printf("bench_kernel: %d unrelated connected pairs (%d sockets), %lld sockets in the table, "
                "%ld cores\n", made, 2 * made, static_cast<long long>(tableSize), sysconf(_SC_NPROCESSORS_ONLN));
    std::printf("  %-52s %10s %-4s %s\n", "measure (median)", "value", "", "target / reference");

    const double fullDump = medianMs(30, [&] { (void)table.read(); });
    row("old sample: full dump, IPv4 + IPv6", fullDump, "ms", "(issue 13: 20-26 ms with 10,000 sockets)");
    KernelSocket found;
    const double lookup = medianMs(2000, [&] { (void)table.lookup(tuple, &found); });
    row("one exact look-up (inet_diag_req_v2 with the 4-tuple)", lookup, "ms", "(issue 13: 0.007 ms for two)");
    const double regular = medianMs(2000, [&] {
        (void)table.lookup(tuple, &found);
        (void)table.lookup(tuple.reversed(), &found);
        (void)table.lookup(listener, &found);
    });
    row("regular sample: 3 look-ups (2 ends + listener)", regular, "ms",
        regular <= 0.1 ? "<= 0.1 ms target: MET" : "<= 0.1 ms target: MISSED");
    const double filtered = medianMs(30, [&] { (void)table.readPorts({lessonPort}); });
    row("port-filtered dump (bytecode), IPv4 + IPv6", filtered, "ms", "(issue 13: ss '( sport = :3267 )' 2.8 ms)");
    const double filtered4 = medianMs(30, [&] { (void)table.readPorts({lessonPort}, KernelTable::Families::IPv4Only); });
    row("port-filtered dump, IPv4 only (an IPv4 listener)", filtered4, "ms",
        "(the pane's scan: on a listener change, else <= 1/s)");
    KernelTable proc;
    proc.setBackend(KernelTable::Backend::ProcNet);
    const double procRead = medianMs(10, [&] { (void)proc.read(); });
    row("/proc/net/tcp{,6} read (fallback only)", procRead, "ms", "(reference)");

    // A KernelObserver as LiveSession drives it, one refresh() at a time.
    KernelObserver observer;
    observer.watchPort(lessonPort);
    observer.trackConnection(tuple);
    observer.sample();
    const double observerRefresh = medianMs(2000, [&] { observer.refresh(); });
    row("KernelObserver::refresh() (no scan due)", observerRefresh, "ms",
        observerRefresh <= 0.1 ? "<= 0.1 ms target: MET" : "<= 0.1 ms target: MISSED");

    // CPU while the connection sits, the observer polling on its own (after a second to settle).
    observer.pollFor(0);
    QTimer::singleShot(1000, &app, &QCoreApplication::quit);
    app.exec();
    const quint64 samplesBefore = observer.sampleCount();
    const quint64 scansBefore = observer.portScanCount();
    const double cpuBefore = cpuSeconds();
    QElapsedTimer wall;
    wall.start();
    QTimer::singleShot(3000, &app, &QCoreApplication::quit);
    app.exec();
    const double seconds = double(wall.nsecsElapsed()) / 1e9;
    const double share = 100.0 * (cpuSeconds() - cpuBefore) / seconds;
    const double samplesPerSecond = double(observer.sampleCount() - samplesBefore) / seconds;
    row("sitting connection: CPU of one core, observer polling", share, "%",
        share <= 1.0 ? "<= 1 % target: MET" : "<= 1 % target: MISSED");
    std::printf("    (%.1f samples/s, %llu port scans in %.1f s; the old observer: 10 full dumps/s = "
                "%.0f %% of a core at the median above)\n",
                samplesPerSecond, static_cast<unsigned long long>(observer.portScanCount() - scansBefore), seconds,
                fullDump); // 10 x fullDump ms per second = fullDump % of a core

    for (int fd : descriptors)
        ::close(fd);
    ::close(noise);
    ::close(lesson);
    return 0;
}
