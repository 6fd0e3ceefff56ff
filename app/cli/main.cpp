// tcpsim-cli: runs a lesson script headless and prints what happened, one event a line.
#include "eventprinter.h"
#include "liverun.h"

#include "tcpsim/model/script.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

#include <optional>

using namespace tcpsim;
using tcpsim::cli::EventPrinter;
using tcpsim::cli::OutputFormat;

namespace {

enum ExitCode { ExitOk = 0, ExitExpectFailed = 1, ExitCannotRun = 2 };

const char *const description = R"(Runs a tcpsim lesson script without the window and prints one line per event:
state transitions with their cause, segments sent / delivered / dropped, timers,
errors the RFC gives to user calls, and the result of every `expect`.

SCRIPT is a lesson file (.tcp), or - for standard input. One command a line:
  client isn 100                  ISN for the next open (else random from --seed)
  server listen | client connect  passive / active OPEN
  server accept                   take the established connection off the accept queue
  client send "hello"             SEND ("..." with \" \\ \n escapes)
  client close | client abort     CLOSE (FIN) / ABORT (RST)
  client deliver | client drop    the oldest segment in flight from the client arrives / is lost
  client timeout                  the client's earliest timer fires (RTO, TIME-WAIT)
  server receive SYN seq=100      the server receives a crafted segment
                                  (fields seq= ack= win= data="...")
  settle                          deliver everything in flight, oldest first
  expect client SYN-SENT          check a state (RFC, underscore or Linux spelling)
  expect server sent SYN+ACK seq=300 ack=101
                                  check the oldest segment in flight (fields seq= ack= len=
                                  data= win=; exact flag set)
  expect client sent nothing
Header comments: # title: / # title[zh]: / # note: / # note[zh]:

Exit status: 0 every expect held; 1 an expect failed (FILE:LINE: expected X, got Y on
stderr); 2 the script cannot run (FILE:LINE:COLUMN: what is wrong).

--json prints JSON Lines: event (call, return, transition, send, deliver, drop, timer,
error, expect), line, step, time (virtual ms), endpoint, rule, rfc, summary; from/to for
transitions; flags, seq, ack, len, data, sender, id, retransmission for segments; text,
passed for expects.)";

struct Options {
    QString scriptPath;
    OutputFormat format = OutputFormat::Text;
    SimulationConfig config;
    tcpsim::cli::LiveRunOptions live;
};

// Parses the command line; on failure prints why and returns nullopt (exit 2).
std::optional<Options> parseArguments(const QCoreApplication &app, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QString::fromUtf8(description));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("SCRIPT"), QStringLiteral("Lesson script to run, or - for standard input."));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print JSON Lines instead of text."));
    const QCommandLineOption seedOption(QStringLiteral("seed"),
                                        QStringLiteral("Seed for the ISNs a script does not fix (default 1)."),
                                        QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption mslOption(QStringLiteral("msl"),
                                       QStringLiteral("Maximum segment lifetime; TIME-WAIT lasts 2*MSL (default 30)."),
                                       QStringLiteral("SECONDS"), QStringLiteral("30"));
    parser.addOptions({jsonOption, seedOption, mslOption});
    const tcpsim::cli::LiveCommandLine liveOptions;
    liveOptions.addTo(parser);

    if (!parser.parse(app.arguments())) {
        err << parser.errorText() << '\n';
        return std::nullopt;
    }
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(ExitOk);
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();

    Options options;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        err << "tcpsim-cli: expected one SCRIPT (a file, or - for standard input); see --help\n";
        return std::nullopt;
    }
    options.scriptPath = positional.first();
    options.format = parser.isSet(jsonOption) ? OutputFormat::JsonLines : OutputFormat::Text;

    bool ok = false;
    options.config.seed = parser.value(seedOption).toULongLong(&ok);
    if (!ok) {
        err << "tcpsim-cli: --seed takes a non-negative integer\n";
        return std::nullopt;
    }
    const uint mslSeconds = parser.value(mslOption).toUInt(&ok);
    constexpr uint maxMslSeconds = 3600;
    if (!ok || mslSeconds > maxMslSeconds) {
        err << "tcpsim-cli: --msl takes 0.." << maxMslSeconds << " seconds\n";
        return std::nullopt;
    }
    options.config.mslMs = mslSeconds * 1000;
    if (!liveOptions.read(parser, &options.live, err))
        return std::nullopt;
    return options;
}

std::optional<QByteArray> readScript(const QString &path, QTextStream &err)
{
    QFile file;
    const bool opened = path == QLatin1String("-") ? file.open(stdin, QIODevice::ReadOnly)
                                                   : (file.setFileName(path), file.open(QIODevice::ReadOnly));
    if (!opened) {
        err << path << ": cannot open: " << file.errorString() << '\n';
        return std::nullopt;
    }
    return file.readAll();
}

int runScript(const Options &options, QTextStream &out, QTextStream &err)
{
    const std::optional<QByteArray> text = readScript(options.scriptPath, err);
    if (!text)
        return ExitCannotRun;
    auto parsed = parseLesson(std::string_view(text->constData(), static_cast<std::size_t>(text->size())),
                              options.scriptPath.toStdString());
    if (const auto *error = std::get_if<ScriptError>(&parsed)) {
        err << QString::fromStdString(error->toString()) << '\n';
        return ExitCannotRun;
    }
    if (options.live.enabled)
        return tcpsim::cli::runLive(std::get<Lesson>(std::move(parsed)), options.live, options.config,
                                    options.format, out, err);

    ScriptRunner runner(std::get<Lesson>(std::move(parsed)), options.config);
    EventPrinter printer(out, options.format);
    bool expectFailed = false;
    while (!runner.atEnd()) {
        const ScriptRunner::StepResult result = runner.step();
        printer.printNew(runner.simulation().events());
        if (result.status == ScriptRunner::Status::RuntimeError) {
            err << QString::fromStdString(result.message) << '\n';
            return ExitCannotRun;
        }
        if (result.status == ScriptRunner::Status::ExpectFailed) {
            err << QString::fromStdString(result.message) << '\n';
            err.flush();
            expectFailed = true;
        }
    }
    return expectFailed ? ExitExpectFailed : ExitOk;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tcpsim-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TCPSIM_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);

    const std::optional<Options> options = parseArguments(app, err);
    if (!options)
        return ExitCannotRun;
    return runScript(*options, out, err);
}
