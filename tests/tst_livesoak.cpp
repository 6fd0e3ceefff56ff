// SPDX-License-Identifier: GPL-3.0-or-later
// Hostile clients against the echo server on loopback (issue 15): a burst of connections,
// random binary, a 10 MB line never read, slowloris, connect-and-RST cycles and half-open
// clients. The server runs in this thread's event loop; the hostile clients run on a
// std::thread with raw POSIX sockets, every wait bounded by a deadline, so the soak stops by
// itself. Counts scale with TCPSIM_SOAK_SCALE (default 1; the sanitizer pass may lower it).
// Each scenario ends with a well-behaved client answered "Hello, ping".
#include "tcpsim/live/liveserver.h"

#include <QElapsedTimer>
#include <QFile>
#include <QMutex>
#include <QMutexLocker>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTest>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <functional>
#include <set>
#include <thread>
#include <utility>
#include <vector>

using namespace tcpsim::live;

namespace {

#if defined(__SANITIZE_ADDRESS__) // GCC's; TCPSIM_SANITIZE builds with GCC here
constexpr bool addressSanitizer = true;
#else
constexpr bool addressSanitizer = false;
#endif

// How many hostile clients: the counts below times TCPSIM_SOAK_SCALE (at least one each).
int scaled(int count)
{
    bool ok = false;
    const double scale = qEnvironmentVariable("TCPSIM_SOAK_SCALE").toDouble(&ok);
    return qMax(1, int(count * (ok && scale > 0 ? scale : 1.0)));
}

// Resident memory of this process in bytes (/proc/self/statm's second field, in pages).
qint64 residentBytes()
{
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return 0;
    return statm.readAll().split(' ').value(1).toLongLong() * sysconf(_SC_PAGESIZE);
}

// What the client thread found wrong; asserted by the test thread after the join (the QtTest
// macros belong to the test thread).
class Failures
{
public:
    void add(const QString &text)
    {
        QMutexLocker locker(&m_mutex);
        m_texts.append(text);
    }
    QString summary() const
    {
        QMutexLocker locker(&m_mutex);
        return QStringLiteral("%1 failure(s): %2").arg(m_texts.size()).arg(m_texts.mid(0, 20).join(u"; "));
    }
    bool isEmpty() const
    {
        QMutexLocker locker(&m_mutex);
        return m_texts.isEmpty();
    }

private:
    mutable QMutex m_mutex;
    QStringList m_texts;
};

// A point in time every client wait gives up at, or earlier when the test thread says stop.
struct Deadline {
    std::chrono::steady_clock::time_point at;
    const std::atomic<bool> *stop = nullptr;

    int remainingMs() const
    {
        if (stop && stop->load())
            return 0;
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            at - std::chrono::steady_clock::now());
        return int(qMax<qint64>(0, left.count()));
    }
    bool expired() const { return remainingMs() == 0; }
};

// Waits for `events` on fd in slices, so that a stop request is seen soon.
bool waitFor(int fd, short events, const Deadline &deadline)
{
    while (!deadline.expired()) {
        pollfd entry{fd, events, 0};
        const int ready = ::poll(&entry, 1, qMin(100, deadline.remainingMs()));
        if (ready > 0)
            return true;
        if (ready < 0 && errno != EINTR)
            return false;
    }
    return false;
}

// A raw non-blocking socket, closed on destruction.
class RawSocket
{
public:
    RawSocket() = default;
    RawSocket(const RawSocket &) = delete;
    RawSocket &operator=(const RawSocket &) = delete;
    RawSocket(RawSocket &&other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}
    ~RawSocket() { close(); }

    int fd() const { return m_fd; }
    bool isOpen() const { return m_fd >= 0; }
    void close()
    {
        if (m_fd >= 0)
            ::close(std::exchange(m_fd, -1));
    }
    // close() with SO_LINGER 0: the kernel sends a RST instead of a FIN.
    void reset()
    {
        if (m_fd < 0)
            return;
        const linger abortive{1, 0};
        ::setsockopt(m_fd, SOL_SOCKET, SO_LINGER, &abortive, sizeof abortive);
        close();
    }

    bool connectTo(quint16 port, const Deadline &deadline)
    {
        close();
        m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (m_fd < 0)
            return false;
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(m_fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) == 0)
            return true;
        if (errno != EINPROGRESS || !waitFor(m_fd, POLLOUT, deadline))
            return false;
        int error = 0;
        socklen_t length = sizeof error;
        return ::getsockopt(m_fd, SOL_SOCKET, SO_ERROR, &error, &length) == 0 && error == 0;
    }

    bool sendAll(const QByteArray &bytes, const Deadline &deadline)
    {
        qsizetype sent = 0;
        while (sent < bytes.size()) {
            const ssize_t n = ::send(m_fd, bytes.constData() + sent, size_t(bytes.size() - sent), MSG_NOSIGNAL);
            if (n > 0) {
                sent += n;
            } else if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
                if (!waitFor(m_fd, POLLOUT, deadline))
                    return false;
            } else {
                return false;
            }
        }
        return true;
    }

    // Reads what is there, waiting until something is; false at EOF, error or deadline.
    enum class ReadResult { Data, EndOfFile, Failed };
    ReadResult readSome(QByteArray *into, const Deadline &deadline)
    {
        char buffer[16 * 1024];
        for (;;) {
            const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
            if (n > 0) {
                into->append(buffer, n);
                return ReadResult::Data;
            }
            if (n == 0)
                return ReadResult::EndOfFile;
            if ((errno != EAGAIN && errno != EINTR) || !waitFor(m_fd, POLLIN, deadline))
                return ReadResult::Failed;
        }
    }

private:
    int m_fd = -1;
};

constexpr char greeting[] = "Hello, ";
constexpr qsizetype greetingSize = 7;

// The answer is the payload cut into chunks, each preceded by "Hello, " (the server answers
// per read; where it cut is not ours to know). Searches every cut, so a payload that contains
// "Hello, " itself is judged right too.
bool isAnsweredChunkwise(const QByteArray &answer, const QByteArray &payload)
{
    const QByteArrayView all(answer);
    auto greetingAt = [&all](qsizetype at) { return all.sliced(at).startsWith(QByteArrayView(greeting)); };
    // (answer, payload) positions where a greeting starts; a cut is tried only there.
    std::vector<std::pair<qsizetype, qsizetype>> todo;
    std::set<std::pair<qsizetype, qsizetype>> seen;
    if (!payload.isEmpty() && greetingAt(0))
        todo.push_back({0, 0});
    while (!todo.empty()) {
        const auto [a, p] = todo.back();
        todo.pop_back();
        if (!seen.insert({a, p}).second)
            continue;
        const qsizetype start = a + greetingSize;
        for (qsizetype k = 0; start + k < answer.size() && p + k < payload.size()
                              && answer[start + k] == payload[p + k];) {
            ++k;
            if (start + k == answer.size() && p + k == payload.size())
                return true;
            if (greetingAt(start + k))
                todo.push_back({start + k, p + k});
        }
    }
    return false;
}

// Runs hostile clients on their own thread while the test thread's event loop serves them.
class ClientThread
{
public:
    using Body = std::function<void(const std::atomic<bool> &stop, Failures &failures)>;
    explicit ClientThread(Body body)
        : m_thread([this, body = std::move(body)] {
              body(m_stop, m_failures);
              m_finished = true;
          })
    {
    }
    ~ClientThread() { stopAndJoin(); }

    bool isFinished() const { return m_finished.load(); }
    void stopAndJoin()
    {
        m_stop = true;
        if (m_thread.joinable())
            m_thread.join();
    }
    const Failures &failures() const { return m_failures; }

private:
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_finished{false};
    Failures m_failures;
    std::thread m_thread; // last: starts once the members above exist
};

Deadline deadlineIn(int milliseconds, const std::atomic<bool> &stop)
{
    return {std::chrono::steady_clock::now() + std::chrono::milliseconds(milliseconds), &stop};
}

constexpr int clientTimeoutMs = 60 * 1000;   // a client thread's whole run
constexpr int answerTimeoutMs = 5 * 1000;    // "promptly": a few seconds, also under ASan

} // namespace

class TestLiveSoak : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void burst_manySimultaneousConnectionsAllAnswered();
    void binary_randomBytesAnsweredByteExactly();
    void flood_tenMegabyteLineNeverReadStaysBounded();
    void slowloris_closedByIdleTimeoutWhileOthersAreAnswered();
    void reset_connectAndResetCyclesLeaveNoConnection();
    void halfOpen_everyByteAnsweredThenEndOfFile();

private:
    // A well-behaved client in this thread's event loop: "ping" is answered "Hello, ping".
    void expectWellBehavedAnswer(quint16 port);
};

void TestLiveSoak::initTestCase()
{
    // Each connection costs the server two descriptors (Qt's and the answering duplicate) and
    // the client one: the burst needs more than the usual soft limit of 1024.
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }
    qInfo("TCPSIM_SOAK_SCALE: 1000 clients become %d", scaled(1000));
}

void TestLiveSoak::expectWellBehavedAnswer(quint16 port)
{
    QElapsedTimer clock;
    clock.start();
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, port);
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), QAbstractSocket::ConnectedState, answerTimeoutMs);
    client.write("ping");
    QByteArray answer;
    QTRY_VERIFY_WITH_TIMEOUT((answer += client.readAll()).size() >= 11, answerTimeoutMs);
    QCOMPARE(answer, QByteArray("Hello, ping"));
    qInfo("a well-behaved client was answered in %lld ms", clock.elapsed());
}

void TestLiveSoak::burst_manySimultaneousConnectionsAllAnswered()
{
    LiveServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const quint16 port = server.serverPort();
    const int count = scaled(300);
    std::atomic<bool> allOpen{false};
    std::atomic<bool> mayClose{false};
    ClientThread clients([&](const std::atomic<bool> &stop, Failures &failures) {
        const Deadline deadline = deadlineIn(clientTimeoutMs, stop);
        std::vector<RawSocket> sockets(static_cast<size_t>(count));
        for (RawSocket &socket : sockets) {
            if (!socket.connectTo(port, deadline))
                failures.add(QStringLiteral("connect failed: %1").arg(qt_error_string(errno)));
        }
        allOpen = true;
        // All at once: every one sends, then every one reads its answer.
        for (size_t i = 0; i < sockets.size(); ++i) {
            if (sockets[i].isOpen() && !sockets[i].sendAll(QByteArray::number(qulonglong(i)), deadline))
                failures.add(QStringLiteral("send %1 failed").arg(i));
        }
        for (size_t i = 0; i < sockets.size(); ++i) {
            const QByteArray expected = greeting + QByteArray::number(qulonglong(i));
            QByteArray answer;
            while (sockets[i].isOpen() && answer.size() < expected.size()
                   && sockets[i].readSome(&answer, deadline) == RawSocket::ReadResult::Data) {
            }
            if (answer != expected)
                failures.add(QStringLiteral("client %1 got \"%2\"").arg(i).arg(QString::fromLatin1(answer)));
        }
        while (!mayClose && !deadline.expired())
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
    });

    QTRY_VERIFY_WITH_TIMEOUT(allOpen.load(), clientTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), count, clientTimeoutMs);
    // With every one of them open, a newcomer is answered.
    expectWellBehavedAnswer(port);
    mayClose = true;
    QTRY_VERIFY_WITH_TIMEOUT(clients.isFinished(), clientTimeoutMs);
    clients.stopAndJoin();
    QVERIFY2(clients.failures().isEmpty(), qPrintable(clients.failures().summary()));
    QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), 0, clientTimeoutMs);
    expectWellBehavedAnswer(port);
}

void TestLiveSoak::binary_randomBytesAnsweredByteExactly()
{
    LiveServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const quint16 port = server.serverPort();
    const int clientCount = 8;
    const int rounds = scaled(40);
    const quint32 seed = QRandomGenerator::global()->generate();
    qInfo("random seed %u", seed);
    std::vector<std::unique_ptr<ClientThread>> clients;
    for (int c = 0; c < clientCount; ++c) {
        clients.push_back(std::make_unique<ClientThread>([=](const std::atomic<bool> &stop, Failures &failures) {
            QRandomGenerator random(seed + quint32(c));
            const Deadline deadline = deadlineIn(clientTimeoutMs, stop);
            RawSocket socket;
            if (!socket.connectTo(port, deadline)) {
                failures.add(QStringLiteral("client %1: connect failed").arg(c));
                return;
            }
            for (int round = 0; round < rounds && !deadline.expired(); ++round) {
                // Bytes a terminal or a parser would choke on, then random ones.
                static const QByteArray hostile = QByteArrayLiteral("\0\xff\x1b[2J\x1b]0;OWNED\x07\r\n");
                QByteArray chunk = hostile;
                chunk.resize(1 + qsizetype(random.bounded(2048)));
                for (qsizetype i = hostile.size(); i < chunk.size(); ++i)
                    chunk[i] = char(random.bounded(256));
                if (!socket.sendAll(chunk, deadline)) {
                    failures.add(QStringLiteral("client %1: send failed").arg(c));
                    return;
                }
                QByteArray answer;
                while (!isAnsweredChunkwise(answer, chunk)) {
                    if (socket.readSome(&answer, deadline) != RawSocket::ReadResult::Data) {
                        failures.add(QStringLiteral("client %1 round %2: %3 bytes sent, answered %4 bytes: %5")
                                         .arg(c).arg(round).arg(chunk.size()).arg(answer.size())
                                         .arg(QString::fromLatin1(answer.left(64).toHex(' '))));
                        return;
                    }
                }
            }
        }));
    }
    for (const auto &client : clients) {
        QTRY_VERIFY_WITH_TIMEOUT(client->isFinished(), clientTimeoutMs);
        client->stopAndJoin();
        QVERIFY2(client->failures().isEmpty(), qPrintable(client->failures().summary()));
    }
    expectWellBehavedAnswer(port);
    clients.clear();
    QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), 0, clientTimeoutMs);
}

void TestLiveSoak::flood_tenMegabyteLineNeverReadStaysBounded()
{
    LiveServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const quint16 port = server.serverPort();
    const qint64 residentBefore = residentBytes();
    const qint64 total = 10 * 1024 * 1024;
    std::atomic<qint64> sent{0};
    std::atomic<bool> floodOver{false};
    std::atomic<bool> mayClose{false};
    ClientThread flooder([&](const std::atomic<bool> &stop, Failures &failures) {
        const Deadline deadline = deadlineIn(clientTimeoutMs, stop);
        RawSocket socket;
        if (!socket.connectTo(port, deadline)) {
            failures.add(QStringLiteral("connect failed"));
            return;
        }
        // One line without a newline, never reading the answers: it stalls once the server
        // stops reading and the kernel's buffers on both sides are full.
        const QByteArray block(64 * 1024, 'x');
        const Deadline stallAfter = deadlineIn(3000, stop);
        while (sent < total) {
            const ssize_t n = ::send(socket.fd(), block.constData(), size_t(block.size()), MSG_NOSIGNAL);
            if (n > 0) {
                sent += n;
                continue;
            }
            if (n < 0 && errno != EAGAIN && errno != EINTR) {
                failures.add(QStringLiteral("send failed: %1").arg(qt_error_string(errno)));
                return;
            }
            if (!waitFor(socket.fd(), POLLOUT, stallAfter))
                break; // stalled: the server reads no more from it
        }
        floodOver = true;
        while (!mayClose && !deadline.expired())
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        socket.reset();
    });

    QTRY_VERIFY_WITH_TIMEOUT(server.connectionCount() == 1 && server.connections().first().bytesIn > 0,
                             clientTimeoutMs);
    // While the flood runs, the answers waiting for the client stay under the cap (one chunk
    // and its greeting may go over: the cap is checked before each read).
    const qint64 cap = server.maxBufferedBytes() + 1024 + greetingSize;
    qint64 mostBuffered = 0;
    auto sample = [&] {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        for (const ServerConnectionInfo &info : server.connections())
            mostBuffered = qMax(mostBuffered, info.bufferedBytes);
    };
    QElapsedTimer clock;
    clock.start();
    while (!floodOver && !flooder.isFinished() && clock.elapsed() < clientTimeoutMs) {
        sample();
        QVERIFY2(mostBuffered <= cap, qPrintable(QString::number(mostBuffered)));
    }
    for (int i = 0; i < 20; ++i) { // and after it: the server has what it will read
        sample();
        QVERIFY2(mostBuffered <= cap, qPrintable(QString::number(mostBuffered)));
    }
    const qint64 grown = residentBytes() - residentBefore;
    qInfo("flood: %lld of %lld bytes sent, the server read %lld, at most %lld answer bytes buffered, "
          "resident memory grew by %lld KiB",
          sent.load(), total, server.connections().value(0).bytesIn, mostBuffered, grown / 1024);
    QVERIFY(server.connections().value(0).bytesIn < total); // it stopped reading
    if (!addressSanitizer) // (ASan keeps freed memory in quarantine: RSS says nothing there)
        QVERIFY2(grown < 64 * 1024 * 1024, qPrintable(QString::number(grown)));

    expectWellBehavedAnswer(port);
    mayClose = true;
    QTRY_VERIFY_WITH_TIMEOUT(flooder.isFinished(), clientTimeoutMs);
    flooder.stopAndJoin();
    QVERIFY2(flooder.failures().isEmpty(), qPrintable(flooder.failures().summary()));
    QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), 0, clientTimeoutMs);
}

void TestLiveSoak::slowloris_closedByIdleTimeoutWhileOthersAreAnswered()
{
    LiveServer server;
    server.setIdleTimeout(1000);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const quint16 port = server.serverPort();
    const int count = scaled(200);
    std::atomic<bool> allOpen{false};
    std::atomic<int> closedByServer{0};
    ClientThread slowloris([&](const std::atomic<bool> &stop, Failures &failures) {
        const Deadline deadline = deadlineIn(clientTimeoutMs, stop);
        std::vector<RawSocket> sockets(static_cast<size_t>(count));
        for (RawSocket &socket : sockets) {
            // One byte, then nothing.
            if (!socket.connectTo(port, deadline) || !socket.sendAll("G", deadline))
                failures.add(QStringLiteral("connect or send failed"));
        }
        allOpen = true;
        // The server answers the byte, then closes each after the idle timeout.
        for (RawSocket &socket : sockets) {
            QByteArray answer;
            RawSocket::ReadResult result = RawSocket::ReadResult::Data;
            while (socket.isOpen() && result == RawSocket::ReadResult::Data)
                result = socket.readSome(&answer, deadline);
            if (result == RawSocket::ReadResult::Failed && errno != ECONNRESET)
                failures.add(QStringLiteral("not closed by the server: %1").arg(qt_error_string(errno)));
            else if (answer != "Hello, G")
                failures.add(QStringLiteral("answered \"%1\"").arg(QString::fromLatin1(answer)));
            else
                ++closedByServer;
        }
    });

    int accepted = 0;
    int mostOpen = 0;
    connect(&server, &LiveServer::connectionAccepted, this, [&] {
        ++accepted;
        mostOpen = qMax(mostOpen, server.connectionCount());
    });
    QElapsedTimer clock;
    clock.start();
    QTRY_VERIFY_WITH_TIMEOUT(allOpen.load() && accepted >= count, clientTimeoutMs);
    const qint64 acceptedAfterMs = clock.elapsed();
    const int openWhenAsked = server.connectionCount();
    // Meanwhile a well-behaved client is answered (the cap of 512 is far away).
    expectWellBehavedAnswer(port);
    qInfo("slowloris: all %d accepted after %lld ms, at most %d open at once; %d open when the "
          "well-behaved client connected, %d when it was answered",
          count, acceptedAfterMs, mostOpen, openWhenAsked, server.connectionCount());
    QTRY_VERIFY_WITH_TIMEOUT(slowloris.isFinished(), clientTimeoutMs);
    slowloris.stopAndJoin();
    QVERIFY2(slowloris.failures().isEmpty(), qPrintable(slowloris.failures().summary()));
    QCOMPARE(closedByServer.load(), count);
    QVERIFY2(server.idleClosedCount() >= count, qPrintable(QString::number(server.idleClosedCount())));
    QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), 0, clientTimeoutMs);
    expectWellBehavedAnswer(port);
}

void TestLiveSoak::reset_connectAndResetCyclesLeaveNoConnection()
{
    LiveServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const quint16 port = server.serverPort();
    const int cycles = scaled(2000);
    std::atomic<int> done{0};
    ClientThread resetter([&](const std::atomic<bool> &stop, Failures &failures) {
        const Deadline deadline = deadlineIn(clientTimeoutMs * 2, stop);
        for (int i = 0; i < cycles && !deadline.expired(); ++i) {
            RawSocket socket;
            if (!socket.connectTo(port, deadline)) {
                failures.add(QStringLiteral("cycle %1: connect failed: %2").arg(i).arg(qt_error_string(errno)));
                return;
            }
            // Every other one leaves a byte for the server to read first.
            if (i % 2 == 1)
                socket.sendAll("r", deadline);
            socket.reset();
            ++done;
        }
    });
    QTRY_VERIFY_WITH_TIMEOUT(resetter.isFinished(), clientTimeoutMs * 2);
    resetter.stopAndJoin();
    QVERIFY2(resetter.failures().isEmpty(), qPrintable(resetter.failures().summary()));
    QCOMPARE(done.load(), cycles);
    QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), 0, clientTimeoutMs);
    expectWellBehavedAnswer(port);
}

void TestLiveSoak::halfOpen_everyByteAnsweredThenEndOfFile()
{
    LiveServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const quint16 port = server.serverPort();
    // Several at once, as a class running `printf … | nc -N` would.
    const QList<int> sizes = {1, 5, 1024, 20 * 1024, 100 * 1024, 1024 * 1024};
    std::vector<std::unique_ptr<ClientThread>> clients;
    for (int repeat = 0; repeat < scaled(3); ++repeat) {
        for (int size : sizes) {
            clients.push_back(std::make_unique<ClientThread>([=](const std::atomic<bool> &stop, Failures &failures) {
                const Deadline deadline = deadlineIn(clientTimeoutMs, stop);
                QByteArray payload(size, Qt::Uninitialized);
                for (int i = 0; i < size; ++i)
                    payload[i] = char(i * 7 + repeat); // binary, NUL and 0xff included
                RawSocket socket;
                if (!socket.connectTo(port, deadline)) {
                    failures.add(QStringLiteral("%1 B: connect failed").arg(size));
                    return;
                }
                // Send while reading (a 1 MB answer does not fit the buffers), then shut down
                // the sending side and read to EOF.
                QByteArray answer;
                qsizetype sent = 0;
                bool writeOpen = true;
                RawSocket::ReadResult result = RawSocket::ReadResult::Data;
                while (result == RawSocket::ReadResult::Data && !deadline.expired()) {
                    if (writeOpen && sent < payload.size()) {
                        const ssize_t n = ::send(socket.fd(), payload.constData() + sent,
                                                 size_t(qMin<qsizetype>(payload.size() - sent, 64 * 1024)),
                                                 MSG_NOSIGNAL | MSG_DONTWAIT);
                        if (n > 0)
                            sent += n;
                    }
                    if (writeOpen && sent == payload.size()) {
                        ::shutdown(socket.fd(), SHUT_WR);
                        writeOpen = false;
                    }
                    pollfd entry{socket.fd(), short(POLLIN | (writeOpen ? POLLOUT : 0)), 0};
                    ::poll(&entry, 1, 100);
                    if (entry.revents & (POLLIN | POLLHUP | POLLERR)) {
                        char buffer[64 * 1024];
                        const ssize_t n = ::recv(socket.fd(), buffer, sizeof buffer, MSG_DONTWAIT);
                        if (n > 0)
                            answer.append(buffer, n);
                        else if (n == 0)
                            result = RawSocket::ReadResult::EndOfFile;
                        else if (errno != EAGAIN && errno != EINTR)
                            result = RawSocket::ReadResult::Failed;
                    }
                }
                if (result != RawSocket::ReadResult::EndOfFile)
                    failures.add(QStringLiteral("%1 B: no EOF (%2 answer bytes)").arg(size).arg(answer.size()));
                else if (!isAnsweredChunkwise(answer, payload))
                    failures.add(QStringLiteral("%1 B: answered %2 bytes, not the payload in chunks")
                                     .arg(size).arg(answer.size()));
            }));
        }
    }
    for (const auto &client : clients) {
        QTRY_VERIFY_WITH_TIMEOUT(client->isFinished(), clientTimeoutMs);
        client->stopAndJoin();
        QVERIFY2(client->failures().isEmpty(), qPrintable(client->failures().summary()));
    }
    QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), 0, clientTimeoutMs);
    expectWellBehavedAnswer(port);
}

QTEST_GUILESS_MAIN(TestLiveSoak)
#include "tst_livesoak.moc"
