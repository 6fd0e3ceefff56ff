#include "liverun.h"

#include "tcpsim/live/livesession.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

namespace tcpsim::cli {

using live::LiveSession;
using live::Observation;

void LiveCommandLine::addTo(QCommandLineParser &parser) const
{
    parser.addOptions({m_live, m_port, m_address, m_waitTimeWait});
}

bool LiveCommandLine::read(const QCommandLineParser &parser, LiveRunOptions *options, QTextStream &err) const
{
    options->enabled = parser.isSet(m_live);
    bool ok = false;
    const uint port = parser.value(m_port).toUInt(&ok);
    if (!ok || port > 65535) {
        err << "tcpsim-cli: --port takes 0..65535\n";
        return false;
    }
    options->port = quint16(port);
    if (parser.isSet(m_address)) {
        const QHostAddress address(parser.value(m_address));
        if (address.isNull()) {
            err << "tcpsim-cli: --address takes an IP address, not " << parser.value(m_address) << '\n';
            return false;
        }
        options->address = address;
    }
    const int seconds = parser.value(m_waitTimeWait).toInt(&ok);
    if (!ok || seconds < 0 || seconds > 600) {
        err << "tcpsim-cli: --wait-time-wait takes 0..600 seconds\n";
        return false;
    }
    options->timeWaitSeconds = seconds;
    return true;
}

QJsonObject observationJson(const Observation &observation)
{
    QJsonObject object;
    const bool isNote = observation.source == Observation::Source::Note;
    object.insert(QStringLiteral("event"), isNote ? QStringLiteral("note") : QStringLiteral("observed"));
    object.insert(QStringLiteral("source"), Observation::sourceName(observation.source));
    if (observation.endpoint != Observation::Endpoint::None)
        object.insert(QStringLiteral("endpoint"), Observation::endpointName(observation.endpoint));
    if (!observation.state.isEmpty())
        object.insert(QStringLiteral("state"), observation.state);
    if (!isNote)
        object.insert(QStringLiteral("observed"), observation.observed);
    object.insert(QStringLiteral("step"), observation.step);
    object.insert(QStringLiteral("line"), observation.line);
    object.insert(QStringLiteral("time"), observation.timeMs);
    if (observation.tuple.isValid()) {
        object.insert(QStringLiteral("local"),
                      live::formatEndpoint(observation.tuple.localAddress, observation.tuple.localPort));
        if (observation.tuple.remotePort != 0)
            object.insert(QStringLiteral("remote"),
                          live::formatEndpoint(observation.tuple.remoteAddress, observation.tuple.remotePort));
    }
    if (observation.descriptor >= 0)
        object.insert(QStringLiteral("descriptor"), qint64(observation.descriptor));
    if (!observation.detail.isEmpty())
        object.insert(QStringLiteral("detail"), observation.detail);
    return object;
}

namespace {

class LivePrinter
{
public:
    LivePrinter(QTextStream &out, OutputFormat format) : m_out(out), m_format(format) {}

    void print(const Observation &observation)
    {
        if (m_format == OutputFormat::JsonLines)
            m_out << QJsonDocument(observationJson(observation)).toJson(QJsonDocument::Compact) << '\n';
        else
            m_out << "live " << observation.toText() << '\n';
        m_out.flush();
    }
    void printObject(const QJsonObject &object, const QString &text)
    {
        if (m_format == OutputFormat::JsonLines)
            m_out << QJsonDocument(object).toJson(QJsonDocument::Compact) << '\n';
        else
            m_out << "live " << text << '\n';
        m_out.flush();
    }

private:
    QTextStream &m_out;
    OutputFormat m_format;
};

// Lets the event loop run until the live pair has been quiet for quietMs (no observation), at
// most maxMs: the kernel's answers on loopback take microseconds, Qt's signals one loop pass.
void settle(LiveSession &session, int quietMs, int maxMs)
{
    QEventLoop loop;
    QTimer quiet;
    quiet.setSingleShot(true);
    QTimer cap;
    cap.setSingleShot(true);
    QObject::connect(&quiet, &QTimer::timeout, &loop, &QEventLoop::quit);
    QObject::connect(&cap, &QTimer::timeout, &loop, &QEventLoop::quit);
    const auto connection = QObject::connect(&session, &LiveSession::observed, &quiet,
                                             [&quiet, quietMs] { quiet.start(quietMs); });
    quiet.start(quietMs);
    cap.start(maxMs);
    loop.exec();
    QObject::disconnect(connection);
}

} // namespace

int runLive(Lesson lesson, const LiveRunOptions &options, const SimulationConfig &config, OutputFormat format,
            QTextStream &out, QTextStream &err)
{
    LiveSession session;
    session.setServerAddress(options.address);
    session.setServerPort(options.port);
    session.setLesson(lesson);
    if (!options.address.isLoopback()) {
        err << "tcpsim-cli: WARNING: --address " << options.address.toString()
            << " is not loopback: the live echo server is reachable from other machines\n";
        err.flush();
        session.server()->setAllowNonLoopback(true);
    }

    LivePrinter livePrinter(out, format);
    QList<Observation> pending;
    QObject::connect(&session, &LiveSession::observed, &session,
                     [&pending](const Observation &observation) { pending.append(observation); });
    auto flushLive = [&] {
        for (const Observation &observation : std::as_const(pending))
            livePrinter.print(observation);
        pending.clear();
    };

    if (!session.observer()->isAvailable()) {
        livePrinter.printObject({{QStringLiteral("event"), QStringLiteral("note")},
                                 {QStringLiteral("source"), QStringLiteral("kernel")},
                                 {QStringLiteral("detail"), live::KernelObserver::unavailableText()}},
                                QStringLiteral("kernel: ") + live::KernelObserver::unavailableText());
    }

    ScriptRunner runner(std::move(lesson), config);
    EventPrinter printer(out, format);
    bool expectFailed = false;
    while (!runner.atEnd()) {
        const std::size_t step = runner.position();
        const Command command = runner.lesson().commands[step];
        const ScriptRunner::StepResult result = runner.step();
        printer.printNew(runner.simulation().events());
        if (result.status == ScriptRunner::Status::RuntimeError) {
            err << QString::fromStdString(result.message) << '\n';
            return 2;
        }
        if (result.status == ScriptRunner::Status::ExpectFailed) {
            err << QString::fromStdString(result.message) << '\n';
            err.flush();
            expectFailed = true;
        }
        session.perform(command, step);
        if (command.verb == Verb::Listen && command.side == Side::Server && !session.server()->isListening()) {
            flushLive();
            err << "tcpsim-cli: the live server cannot listen: " << session.server()->errorString() << '\n';
            return 2;
        }
        if (command.isApplicationCall())
            settle(session, options.settleMs, 2000);
        else
            QCoreApplication::processEvents();
        flushLive();
    }

    // TIME-WAIT lasts 60 s on Linux: wait for its end only when asked.
    if (options.timeWaitSeconds > 0 && session.observer()->isAvailable()) {
        QElapsedTimer waited;
        waited.start();
        while (session.hasLiveConnection() && waited.elapsed() < options.timeWaitSeconds * 1000) {
            settle(session, 1000, 1000);
            flushLive();
        }
    } else {
        settle(session, 50, 200);
    }
    flushLive();

    // The kernel's states of the lesson's two ends, in order, observed and inferred.
    for (const Observation::Endpoint endpoint : {Observation::Endpoint::Client, Observation::Endpoint::Server}) {
        QStringList states;
        QJsonArray array;
        for (const Observation &observation : session.observations()) {
            if (observation.source != Observation::Source::Kernel || observation.endpoint != endpoint)
                continue;
            states << (observation.observed ? observation.state : QStringLiteral("(%1)").arg(observation.state));
            array.append(QJsonObject{{QStringLiteral("state"), observation.state},
                                     {QStringLiteral("observed"), observation.observed},
                                     {QStringLiteral("step"), observation.step},
                                     {QStringLiteral("time"), observation.timeMs}});
        }
        const QString name = Observation::endpointName(endpoint);
        QString text = QStringLiteral("kernel history %1: %2").arg(name, states.isEmpty()
                                                                            ? QStringLiteral("-")
                                                                            : states.join(QStringLiteral(" -> ")));
        const auto last = session.kernelState(endpoint == Observation::Endpoint::Client ? Side::Client : Side::Server);
        if (last == TcpState::TimeWait)
            text += QStringLiteral("  (still in TIME-WAIT: Linux keeps it 60 s; --wait-time-wait 61 to see it end)");
        livePrinter.printObject({{QStringLiteral("event"), QStringLiteral("kernel-history")},
                                 {QStringLiteral("endpoint"), name},
                                 {QStringLiteral("states"), array}},
                                text);
    }
    return expectFailed ? 1 : 0;
}

} // namespace tcpsim::cli
