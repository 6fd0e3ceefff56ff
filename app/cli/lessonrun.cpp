// SPDX-License-Identifier: GPL-3.0-or-later
#include "lessonrun.h"

#include "tcpsim/export/pcapexport.h"
#include "tcpsim/live/livesession.h"
#include "tcpsim/session/lessoncontroller.h"
#include "tcpsim/session/lessonlibrary.h"
#include "tcpsim/session/livemirror.h"
#include "tcpsim/session/printable.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <optional>

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
    if (!observation.name.isEmpty())
        object.insert(QStringLiteral("name"), observation.name);
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
            m_out << "live " << Printable::text(observation.toText()) << '\n';
        m_out.flush();
    }
    void printObject(const QJsonObject &object, const QString &text)
    {
        if (m_format == OutputFormat::JsonLines)
            m_out << QJsonDocument(object).toJson(QJsonDocument::Compact) << '\n';
        else
            m_out << "live " << Printable::text(text) << '\n';
        m_out.flush();
    }

private:
    QTextStream &m_out;
    OutputFormat m_format;
};

// The kernel's states of the lesson's two ends, in order, observed and inferred.
void printKernelHistory(const LiveSession &session, LivePrinter &printer)
{
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
        QString text = QStringLiteral("kernel history %1: %2")
                           .arg(name, states.isEmpty() ? QStringLiteral("-") : states.join(QStringLiteral(" -> ")));
        const auto last = session.kernelState(endpoint == Observation::Endpoint::Client ? Side::Client : Side::Server);
        if (last == TcpState::TimeWait)
            text += QStringLiteral("  (still in TIME-WAIT: Linux keeps it 60 s; --wait-time-wait 61 to see it end)");
        printer.printObject({{QStringLiteral("event"), QStringLiteral("kernel-history")},
                             {QStringLiteral("endpoint"), name},
                             {QStringLiteral("states"), array}},
                            text);
    }
}

} // namespace

ExitCode runLesson(Lesson lesson, const LiveRunOptions &live, const SimulationConfig &config, OutputFormat format,
                   const RunOutputs &outputs, QTextStream &out, QTextStream &err)
{
    // A capture on standard output leaves no room for event lines there.
    QString discarded;
    QTextStream nowhere(&discarded);
    QTextStream &lines = outputs.pcapPath == QLatin1String("-") ? nowhere : out;

    LessonController controller;
    controller.setAutoReply(false); // a script says what the server sends
    controller.setBaseConfig(config);
    controller.setLesson(std::move(lesson));

    // The live pair follows the controller's steps (the same mirror the window uses).
    std::optional<LiveMirror> mirror;
    LivePrinter livePrinter(lines, format);
    QList<Observation> pending;
    auto flushLive = [&] {
        for (const Observation &observation : std::as_const(pending))
            livePrinter.print(observation);
        pending.clear();
    };
    if (live.enabled) {
        mirror.emplace(&controller);
        LiveSession *session = mirror->session();
        session->setServerAddress(live.address);
        mirror->setServerPort(live.port);
        if (!live.address.isLoopback()) {
            err << "tcpsim-cli: WARNING: --address " << live.address.toString()
                << " is not loopback: the live echo server is reachable from other machines\n";
            err.flush();
            session->server()->setAllowNonLoopback(true);
        }
        QObject::connect(session, &LiveSession::observed, session,
                         [&pending](const Observation &observation) { pending.append(observation); });
        if (!session->observer()->isAvailable()) {
            livePrinter.printObject({{QStringLiteral("event"), QStringLiteral("note")},
                                     {QStringLiteral("source"), QStringLiteral("kernel")},
                                     {QStringLiteral("detail"), live::KernelObserver::unavailableText()}},
                                    QStringLiteral("kernel: ") + live::KernelObserver::unavailableText());
        }
        mirror->setEnabled(true);
    }

    EventPrinter printer(lines, format);
    bool expectFailed = false;
    while (!controller.isAtLessonEnd()) {
        controller.stepForward();
        const int step = controller.currentStep();
        const auto &events = controller.simulation().events();
        printer.print(events, controller.eventCountAt(step - 1), controller.eventCountAt(step), step);
        const LessonController::StepReport report = controller.reportAt(step);
        if (!report.errors.isEmpty()) {
            for (const QString &error : report.errors)
                err << Printable::text(error) << '\n';
            return ExitCode::CannotRun;
        }
        for (const QString &failure : report.failedExpectations) {
            err << Printable::text(failure) << '\n';
            err.flush();
            expectFailed = true;
        }
        if (mirror) {
            mirror->waitUntilIdle(LiveMirror::settleCapMs * 2);
            flushLive();
            // Where the kernel's state differs from the model's after this step, and why.
            for (const Side side : {Side::Client, Side::Server}) {
                const QString difference = mirror->currentDifference(side);
                if (difference.isEmpty())
                    continue;
                const QString endpoint = QString::fromLatin1(sideName(side));
                livePrinter.printObject({{QStringLiteral("event"), QStringLiteral("difference")},
                                         {QStringLiteral("step"), step},
                                         {QStringLiteral("endpoint"), endpoint},
                                         {QStringLiteral("detail"), difference}},
                                        QStringLiteral("difference %1 at step %2: %3").arg(endpoint).arg(step).arg(difference));
            }
            // client2, server.client2 ...: each compared with its own socket in the model.
            for (const LiveMirror::NamedDifference &difference : mirror->otherDifferences()) {
                livePrinter.printObject({{QStringLiteral("event"), QStringLiteral("difference")},
                                         {QStringLiteral("step"), step},
                                         {QStringLiteral("endpoint"), difference.name},
                                         {QStringLiteral("detail"), difference.explanation}},
                                        QStringLiteral("difference %1 at step %2: %3")
                                            .arg(difference.name)
                                            .arg(step)
                                            .arg(difference.explanation));
            }
            if (mirror->stepVerb(step) == Verb::Listen && !mirror->session()->server()->isListening()
                && !mirror->session()->isListenSkippedByTheLesson()) {
                err << "tcpsim-cli: the live server cannot listen: " << mirror->session()->server()->errorString()
                    << '\n';
                return ExitCode::CannotRun;
            }
        }
    }

    if (mirror) {
        LiveSession *session = mirror->session();
        // TIME-WAIT lasts 60 s on Linux: wait for its end only when asked.
        if (live.timeWaitSeconds > 0 && session->observer()->isAvailable()) {
            QElapsedTimer waited;
            waited.start();
            while (session->hasLiveConnection() && waited.elapsed() < live.timeWaitSeconds * 1000) {
                mirror->waitForQuiet(1000, 1000);
                flushLive();
            }
        } else {
            mirror->waitForQuiet(50, 200);
        }
        flushLive();
        printKernelHistory(*session, livePrinter);
        // What the real accept queue refused meanwhile (the machine's counters).
        const LiveSession::ListenCounters counters = session->listenCountersSinceListen();
        if (counters.available) {
            livePrinter.printObject({{QStringLiteral("event"), QStringLiteral("kernel-counters")},
                                     {QStringLiteral("listenOverflows"), qint64(counters.overflows)},
                                     {QStringLiteral("listenDrops"), qint64(counters.drops)}},
                                    QStringLiteral("kernel counters since listen() (the whole machine's): "
                                                   "ListenOverflows +%1, ListenDrops +%2")
                                        .arg(counters.overflows)
                                        .arg(counters.drops));
        }
    }
    if (!outputs.pcapPath.isEmpty()) {
        std::string error;
        out.flush();
        if (!writePcap(controller.simulation().events(), outputs.pcapPath.toStdString(), &error)) {
            err << outputs.pcapPath << ": cannot write the capture: " << Printable::bytes(error) << '\n';
            return ExitCode::CannotRun;
        }
    }
    return expectFailed ? ExitCode::ExpectFailed : ExitCode::Ok;
}

std::optional<Lesson> loadLessonArgument(const QString &nameOrPath, QTextStream &err)
{
    std::variant<Lesson, ScriptError> loaded;
    if (nameOrPath == QLatin1String("-")) {
        QFile input;
        if (!input.open(stdin, QIODevice::ReadOnly)) {
            err << "-: cannot read standard input: " << input.errorString() << '\n';
            return std::nullopt;
        }
        loaded = LessonLibrary::read(input, nameOrPath);
    } else {
        loaded = LessonLibrary::load(nameOrPath);
    }
    if (const auto *error = std::get_if<ScriptError>(&loaded)) {
        err << LessonLibrary::errorText(*error) << '\n';
        return std::nullopt;
    }
    return std::get<Lesson>(std::move(loaded));
}

bool readSeedAndMsl(const QCommandLineParser &parser, const QCommandLineOption &seed, const QCommandLineOption &msl,
                    SimulationConfig *config, QTextStream &err)
{
    bool ok = false;
    config->seed = parser.value(seed).toULongLong(&ok);
    if (!ok) {
        err << "tcpsim-cli: --seed takes a non-negative integer\n";
        return false;
    }
    const uint mslSeconds = parser.value(msl).toUInt(&ok);
    constexpr uint maxMslSeconds = 3600;
    if (!ok || mslSeconds > maxMslSeconds) {
        err << "tcpsim-cli: --msl takes 0.." << maxMslSeconds << " seconds\n";
        return false;
    }
    config->mslMs = mslSeconds * 1000;
    return true;
}

} // namespace tcpsim::cli
