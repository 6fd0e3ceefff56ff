// SPDX-License-Identifier: GPL-3.0-or-later
#include "serve.h"

#include "eventprinter.h"
#include "exitcode.h"

#include "tcpsim/live/echoserver.h"
#include "tcpsim/session/printable.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>

#include <cerrno>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <deque>
#include <mutex>
#include <thread>

#include <fcntl.h>
#include <unistd.h>

using tcpsim::live::EchoServer;
using tcpsim::live::EchoServerDesign;
using tcpsim::live::EchoServerEvent;
using tcpsim::live::EchoServerOptions;

namespace tcpsim::cli {

namespace {

const char *const description = R"(tcpsim-cli serve: the seed notes' echo server for real. Every recv() of up to
1024 bytes is answered with "Hello, <data>"; a client that shuts down its sending
side (printf hello | nc -N 127.0.0.1 3267) gets every answer, then the server's FIN.

Designs (--design):
  blocking  one thread: accept(), recv()/send() until the client closes, close(),
            accept() again. A second client connects (the kernel completes its
            handshake and queues it) but gets no answer until the first one leaves.
  threads   an accept loop and a thread per client, at most --max-connections (256).
  epoll     one thread, an epoll event loop (the Reactor), at most --max-connections
            (1024), each with a 64 KiB answer buffer (the default design).
Over the cap accept() is not called: new connections wait in the kernel's accept
queue (--backlog, + 1 on Linux), beyond it their SYNs go unanswered and clients
retry them. Connections that send nothing for --idle-timeout seconds are closed.

One line per event: accepted (peer, descriptor), received (escaped: \x1b, \0, \xNN)
and the answer, the client's FIN, closed. Ctrl+C (SIGINT) or SIGTERM closes every
connection and the listening socket and exits 0. Exit status 2: a bad option, or
the address cannot be listened on (the port is in use).)";

// The self-pipe: the signal handler only writes a byte; the main thread waits for it.
int signalPipe[2] = {-1, -1};

extern "C" void onStopSignal(int)
{
    const int saved = errno;
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = ::write(signalPipe[1], &byte, 1);
    errno = saved;
}

bool installStopSignals()
{
    if (::pipe2(signalPipe, O_CLOEXEC) != 0)
        return false;
    struct sigaction action {};
    action.sa_handler = onStopSignal;
    sigemptyset(&action.sa_mask);
    return ::sigaction(SIGINT, &action, nullptr) == 0 && ::sigaction(SIGTERM, &action, nullptr) == 0;
}

void waitForStopSignal()
{
    char byte;
    while (::read(signalPipe[0], &byte, 1) < 0 && errno == EINTR) {
    }
}

QString kindName(EchoServerEvent::Kind kind)
{
    switch (kind) {
    case EchoServerEvent::Kind::Listening: return QStringLiteral("listening");
    case EchoServerEvent::Kind::Accepted: return QStringLiteral("accepted");
    case EchoServerEvent::Kind::Received: return QStringLiteral("received");
    case EchoServerEvent::Kind::PeerClosed: return QStringLiteral("fin");
    case EchoServerEvent::Kind::Closed: return QStringLiteral("closed");
    case EchoServerEvent::Kind::CapacityReached: return QStringLiteral("cap");
    case EchoServerEvent::Kind::CapacityFreed: return QStringLiteral("cap-freed");
    case EchoServerEvent::Kind::Error: return QStringLiteral("error");
    case EchoServerEvent::Kind::Stopped: return QStringLiteral("stopped");
    }
    return {};
}

// What the client sent, escaped for a terminal and cut to 80 characters.
QString shownData(const EchoServerEvent &event)
{
    QString text = Printable::bytes(std::string_view(event.data.constData(), size_t(event.data.size())));
    if (event.bytes > event.data.size())
        text += QStringLiteral("…");
    return Printable::shortened(text, 80);
}

// Lines wait in a queue for a writer thread: standard output that does not keep up (a terminal
// paused with Ctrl+S, a pipe nobody reads) never blocks the server; beyond maxQueuedLines, lines
// are dropped and counted.
class EventLines
{
public:
    static constexpr size_t maxQueuedLines = 10000;

    explicit EventLines(OutputFormat format) : m_format(format)
    {
        m_clock.start();
        m_writer = std::thread([this] { writeLoop(); });
    }
    ~EventLines() { finish(); }

    // Called by the server's threads, one at a time.
    void print(const EchoServerEvent &event)
    {
        QByteArray line = (m_format == OutputFormat::JsonLines ? json(event) : text(event)).toUtf8() + '\n';
        const std::lock_guard lock(m_mutex);
        if (m_queue.size() >= maxQueuedLines) {
            ++m_dropped;
            return;
        }
        m_queue.push_back(std::move(line));
        m_wake.notify_one();
    }

    // Writes what is queued, then stops the writer.
    void finish()
    {
        {
            const std::lock_guard lock(m_mutex);
            m_finishing = true;
            m_wake.notify_one();
        }
        if (m_writer.joinable())
            m_writer.join();
    }

private:
    void writeLoop()
    {
        std::unique_lock lock(m_mutex);
        for (;;) {
            m_wake.wait(lock, [this] { return !m_queue.empty() || m_dropped > 0 || m_finishing; });
            if (m_queue.empty() && m_dropped == 0 && m_finishing)
                return;
            std::deque<QByteArray> batch;
            batch.swap(m_queue);
            const quint64 dropped = std::exchange(m_dropped, 0);
            lock.unlock();
            for (const QByteArray &line : batch)
                std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
            if (dropped > 0) {
                const QByteArray note = (m_format == OutputFormat::JsonLines
                                             ? QStringLiteral("{\"event\":\"dropped\",\"lines\":%1}").arg(dropped)
                                             : QStringLiteral("(%1 lines not printed: the output did not keep up)")
                                                   .arg(dropped))
                                            .toUtf8()
                    + '\n';
                std::fwrite(note.constData(), 1, size_t(note.size()), stdout);
            }
            std::fflush(stdout);
            lock.lock();
        }
    }

    QString text(const EchoServerEvent &event) const
    {
        QString line = QStringLiteral("t=%1s ").arg(double(m_clock.elapsed()) / 1000.0, 0, 'f', 3);
        if (event.connection > 0) {
            line += QStringLiteral("#%1 fd %2 %3  ").arg(event.connection).arg(event.descriptor).arg(event.peer);
        }
        switch (event.kind) {
        case EchoServerEvent::Kind::Accepted:
            line += QStringLiteral("accepted");
            break;
        case EchoServerEvent::Kind::Received: {
            const QString data = shownData(event);
            line += QStringLiteral("received %1 B \"%2\" -> answer %3 B \"Hello, %2\"")
                        .arg(event.bytes)
                        .arg(data)
                        .arg(event.bytes + 7);
            break;
        }
        case EchoServerEvent::Kind::CapacityReached:
            line += QStringLiteral("CAP REACHED: ") + Printable::text(event.text);
            break;
        case EchoServerEvent::Kind::Error:
            line += QStringLiteral("error: ") + Printable::text(event.text);
            break;
        default:
            line += Printable::text(event.text);
            break;
        }
        if (!event.state.isEmpty())
            line += QStringLiteral("  [%1]").arg(event.state);
        return line;
    }

    QString json(const EchoServerEvent &event) const
    {
        QJsonObject object;
        object.insert(QStringLiteral("event"), kindName(event.kind));
        object.insert(QStringLiteral("time"), double(m_clock.elapsed()) / 1000.0);
        if (event.connection > 0) {
            object.insert(QStringLiteral("connection"), event.connection);
            object.insert(QStringLiteral("peer"), event.peer);
        } else if (event.kind == EchoServerEvent::Kind::Listening) {
            object.insert(QStringLiteral("local"), event.peer);
        }
        if (event.descriptor >= 0)
            object.insert(QStringLiteral("fd"), event.descriptor);
        if (event.kind == EchoServerEvent::Kind::Received) {
            const QString data = shownData(event);
            object.insert(QStringLiteral("bytes"), event.bytes);
            object.insert(QStringLiteral("data"), data);
            object.insert(QStringLiteral("reply"), QStringLiteral("Hello, ") + data);
        }
        if (!event.state.isEmpty())
            object.insert(QStringLiteral("state"), event.state);
        if (!event.text.isEmpty())
            object.insert(QStringLiteral("text"), Printable::text(event.text));
        return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
    }

    OutputFormat m_format;
    QElapsedTimer m_clock;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<QByteArray> m_queue;
    quint64 m_dropped = 0;
    bool m_finishing = false;
    std::thread m_writer;
};

// Reads an integer option in [minimum, maximum]; false (message on err) otherwise.
bool readNumber(const QCommandLineParser &parser, const QCommandLineOption &option, int minimum, int maximum,
                int *value, QTextStream &err)
{
    if (!parser.isSet(option))
        return true;
    bool ok = false;
    const int number = parser.value(option).toInt(&ok);
    if (!ok || number < minimum || number > maximum) {
        err << "tcpsim-cli serve: --" << option.names().constFirst() << " takes " << minimum << ".." << maximum
            << '\n';
        return false;
    }
    *value = number;
    return true;
}

} // namespace

int runServe(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QString::fromUtf8(description));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("serve"), QStringLiteral("Run the echo server."));
    const QCommandLineOption designOption(QStringLiteral("design"),
                                          QStringLiteral("blocking, threads or epoll (default epoll)."),
                                          QStringLiteral("DESIGN"), QStringLiteral("epoll"));
    const QCommandLineOption portOption(QStringLiteral("port"),
                                        QStringLiteral("The port (default 3267; 0: any free port)."),
                                        QStringLiteral("N"), QStringLiteral("3267"));
    const QCommandLineOption backlogOption(QStringLiteral("backlog"),
                                           QStringLiteral("listen()'s backlog (default 5, as the notes' "
                                                          "listen(5); the kernel caps it at somaxconn)."),
                                           QStringLiteral("N"), QStringLiteral("5"));
    const QCommandLineOption addressOption(QStringLiteral("address"),
                                           QStringLiteral("Listen on ADDR (default 127.0.0.1; any other address "
                                                          "is reachable from other machines)."),
                                           QStringLiteral("ADDR"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption idleOption(QStringLiteral("idle-timeout"),
                                        QStringLiteral("Close connections that send nothing for SECONDS "
                                                       "(default 60; 0: never)."),
                                        QStringLiteral("SECONDS"), QStringLiteral("60"));
    const QCommandLineOption capOption(QStringLiteral("max-connections"),
                                       QStringLiteral("At most N clients at once (threads: 256, epoll: 1024; "
                                                      "blocking: always 1)."),
                                       QStringLiteral("N"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print JSON Lines instead of text."));
    const QCommandLineOption quietOption(QStringLiteral("quiet"),
                                         QStringLiteral("Print connections only, not every received chunk "
                                                        "(for load tests)."));
    parser.addOptions({designOption, portOption, backlogOption, addressOption, idleOption, capOption, jsonOption,
                       quietOption});
    if (!parser.parse(arguments)) {
        err << "tcpsim-cli serve: " << parser.errorText() << '\n';
        return int(ExitCode::CannotRun);
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText();
        return int(ExitCode::Ok);
    }
    if (parser.positionalArguments().size() != 1) {
        err << "tcpsim-cli serve: unexpected argument " << parser.positionalArguments().value(1) << "; see --help\n";
        return int(ExitCode::CannotRun);
    }

    EchoServerOptions options;
    const std::optional<EchoServerDesign> design = live::echoServerDesignFromName(parser.value(designOption));
    if (!design) {
        err << "tcpsim-cli serve: --design takes blocking, threads or epoll\n";
        return int(ExitCode::CannotRun);
    }
    options.design = *design;
    if (!options.address.setAddress(parser.value(addressOption))) {
        err << "tcpsim-cli serve: --address takes an IPv4 or IPv6 address\n";
        return int(ExitCode::CannotRun);
    }
    int port = options.port;
    int idleSeconds = options.idleTimeoutMs / 1000;
    if (!readNumber(parser, portOption, 0, 65535, &port, err)
        || !readNumber(parser, backlogOption, 1, 65535, &options.backlog, err)
        || !readNumber(parser, idleOption, 0, 24 * 3600, &idleSeconds, err)
        || !readNumber(parser, capOption, 1, 100000, &options.maxConnections, err)) {
        return int(ExitCode::CannotRun);
    }
    options.port = quint16(port);
    options.idleTimeoutMs = idleSeconds * 1000;
    if (parser.isSet(quietOption))
        options.dataEvents = EchoServerOptions::DataEvents::Omitted;
    const OutputFormat format = parser.isSet(jsonOption) ? OutputFormat::JsonLines : OutputFormat::Text;

    if (!options.address.isLoopback()) {
        err << "tcpsim-cli serve: WARNING: listening on " << options.address.toString()
            << ": other machines (the class's) can reach this echo server, and it answers anyone who "
               "connects\n";
    }
    if (!installStopSignals()) {
        err << "tcpsim-cli serve: cannot install the Ctrl+C handler\n";
        return int(ExitCode::CannotRun);
    }
    err.flush();

    EventLines lines(format);
    EchoServer server(options, [&lines](const EchoServerEvent &event) { lines.print(event); });
    if (!server.start()) {
        lines.finish();
        err << "tcpsim-cli serve: " << server.errorString() << '\n';
        return int(ExitCode::CannotRun);
    }
    if (format == OutputFormat::Text) {
        err << "tcpsim-cli serve: try  printf hello | nc -N " << options.address.toString() << ' '
            << server.port() << "  ; Ctrl+C stops the server\n";
        err.flush();
    }
    waitForStopSignal();
    server.stop();
    lines.finish();
    return int(ExitCode::Ok);
}

} // namespace tcpsim::cli
