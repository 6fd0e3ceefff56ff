// SPDX-License-Identifier: GPL-3.0-or-later
// tcpsim-cli: runs a lesson headless and prints what happened, one event a line.
#include "compare.h"
#include "eventprinter.h"
#include "exitcode.h"
#include "export.h"
#include "lessonrun.h"
#include "serve.h"

#include "tcpsim/model/script.h"
#include "tcpsim/session/lessonlibrary.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

#include <optional>

using namespace tcpsim;
using tcpsim::cli::EventPrinter;
using tcpsim::cli::OutputFormat;

namespace {

using tcpsim::cli::ExitCode;

int exitStatus(ExitCode code)
{
    return static_cast<int>(code);
}

const char *const description = R"(Runs a tcpsim lesson without the window and prints one line per event:
state transitions with their cause, segments sent / delivered / dropped, timers,
errors the RFC gives to user calls, and the result of every `expect`. Events are
numbered by step as the window numbers them ("Step 3 of 19").

LESSON is a built-in lesson's name (handshake, lost-syn, ...: see --list), a lesson
file (.tcp), or - for standard input. One command a line:
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
Header comments: # title: / # title[zh]: / # note: / # note[zh]: / # profile: rfc|linux

Exit status: 0 every expect held; 1 an expect failed (FILE:LINE: expected X, got Y on
stderr); 2 the script cannot run (FILE:LINE:COLUMN: what is wrong).

--compare runs the lesson under the RFC 9293 profile and under the Linux profile and
prints the two segment lists side by side per application call, with one sentence
where they part (JSON: "event":"divergence"); exit status 0.

--export FILE writes the lesson's ladder as .svg, .pdf or .png instead (see
tcpsim-cli --export x.svg --help: --until-step N, --no-diagram, --scale, --page).

--json prints JSON Lines: event (call, return, transition, send, deliver, drop, timer,
error, expect), step (1-based, as in the window), line, time (virtual ms), endpoint,
rule, rfc, summary; from/to for
transitions; flags, seq, ack, len, data, sender, id, retransmission for segments; text,
passed for expects.)";

struct Options {
    QString lesson; // a built-in name, a file, or "-"
    OutputFormat format = OutputFormat::Text;
    SimulationConfig config;
    tcpsim::cli::LiveRunOptions live;
    tcpsim::cli::RunOutputs outputs;
    bool mslGiven = false;
    bool compare = false; // --compare: RFC 9293 beside Linux
};

// Parses the command line; on failure prints why and returns nullopt (exit 2).
std::optional<Options> parseArguments(const QCoreApplication &app, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QString::fromUtf8(description));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("LESSON"),
                                 QStringLiteral("A built-in lesson's name, a lesson file, or - for standard input."));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print JSON Lines instead of text."));
    const QCommandLineOption pcapOption(QStringLiteral("pcap"),
                                        QStringLiteral("Also write the lesson's segments as a pcap capture for "
                                                       "Wireshark (- for standard output, instead of the event lines)."),
                                        QStringLiteral("FILE"));
    const QCommandLineOption listOption(QStringLiteral("list"),
                                        QStringLiteral("List the built-in lessons (name and title) and exit."));
    const QCommandLineOption seedOption(QStringLiteral("seed"),
                                        QStringLiteral("Seed for the ISNs a script does not fix (default 1)."),
                                        QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption mslOption(QStringLiteral("msl"),
                                       QStringLiteral("Maximum segment lifetime; TIME-WAIT lasts 2*MSL (default 30)."),
                                       QStringLiteral("SECONDS"), QStringLiteral("30"));
    const QCommandLineOption profileOption(
        QStringLiteral("profile"),
        QStringLiteral("Whose TCP to play: rfc (RFC 9293's text) or linux (the kernel on loopback: options, "
                       "delayed ACK of a FIN, RST,ACK on abort, TIME-WAIT fixed at 60 s). Overrides the "
                       "lesson's # profile: header; default: the header, else rfc."),
        QStringLiteral("rfc|linux"));
    const QCommandLineOption compareOption(
        QStringLiteral("compare"),
        QStringLiteral("Run the lesson under both profiles (RFC 9293 and Linux) and print the two segment "
                       "lists side by side per application call, with one sentence where they part."));
    parser.addOptions({jsonOption, pcapOption, listOption, seedOption, mslOption, profileOption, compareOption});
    const tcpsim::cli::LiveCommandLine liveOptions;
    liveOptions.addTo(parser);

    if (!parser.parse(app.arguments())) {
        err << parser.errorText() << '\n';
        return std::nullopt;
    }
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(exitStatus(ExitCode::Ok));
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();
    if (parser.isSet(listOption)) {
        QTextStream out(stdout);
        for (const LessonEntry &entry : LessonLibrary::builtInLessons())
            out << entry.name.leftJustified(26) << entry.title << '\n';
        out.flush();
        std::exit(exitStatus(ExitCode::Ok));
    }

    Options options;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        err << "tcpsim-cli: expected one LESSON (a built-in name, a file, or - for standard input); see --help\n";
        return std::nullopt;
    }
    options.lesson = positional.first();
    options.format = parser.isSet(jsonOption) ? OutputFormat::JsonLines : OutputFormat::Text;
    options.outputs.pcapPath = parser.value(pcapOption);

    if (!tcpsim::cli::readSeedAndMsl(parser, seedOption, mslOption, &options.config, err))
        return std::nullopt;
    options.mslGiven = parser.isSet(mslOption);
    options.compare = parser.isSet(compareOption);
    if (options.compare && (parser.isSet(profileOption) || parser.isSet(pcapOption))) {
        err << "tcpsim-cli: --compare runs both profiles; it takes neither --profile nor --pcap\n";
        return std::nullopt;
    }
    if (parser.isSet(profileOption)) {
        const auto profile = parseProfile(parser.value(profileOption).toStdString());
        if (!profile) {
            err << "tcpsim-cli: --profile takes rfc or linux\n";
            return std::nullopt;
        }
        options.config.profile = *profile;
        options.config.profileOverridesLesson = true;
    }
    if (!liveOptions.read(parser, &options.live, err))
        return std::nullopt;
    return options;
}

} // namespace

int main(int argc, char *argv[])
{
    // Painting the ladder needs a QGuiApplication (offscreen without a display): its own path.
    if (tcpsim::cli::isExportCommand(argc, argv))
        return tcpsim::cli::runExport(argc, argv);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tcpsim-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TCPSIM_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    // `tcpsim-cli serve ...`: the notes' echo server (serve.h).
    if (argc > 1 && qstrcmp(argv[1], "serve") == 0)
        return tcpsim::cli::runServe(app.arguments(), out, err);

    const std::optional<Options> options = parseArguments(app, err);
    if (!options)
        return exitStatus(ExitCode::CannotRun);
    std::optional<Lesson> lesson = tcpsim::cli::loadLessonArgument(options->lesson, err);
    if (!lesson)
        return exitStatus(ExitCode::CannotRun);
    if (options->compare) {
        if (options->live.enabled) {
            err << "tcpsim-cli: --compare does not run the live pair (leave out --live)\n";
            return exitStatus(ExitCode::CannotRun);
        }
        return exitStatus(tcpsim::cli::runCompare(*lesson, options->config, options->format, out));
    }
    const Profile profile = options->config.profileOverridesLesson
        ? options->config.profile
        : lesson->profile.value_or(options->config.profile);
    if (profile == Profile::Linux && options->mslGiven)
        err << "tcpsim-cli: note: --msl has no effect under the Linux profile: Linux keeps TIME-WAIT a fixed "
               "60 s (TCP_TIMEWAIT_LEN)\n";
    return exitStatus(tcpsim::cli::runLesson(std::move(*lesson), options->live, options->config, options->format,
                                             options->outputs, out, err));
}
