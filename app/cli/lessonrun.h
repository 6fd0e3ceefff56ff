// SPDX-License-Identifier: GPL-3.0-or-later
// tcpsim-cli's one step loop: steps a lesson with the session's LessonController, as the window
// does, printing each step's model events; with --live the session's LiveMirror does every step
// again on the real loopback pair and what Qt and the Linux kernel did is printed under it.
#pragma once

#include "eventprinter.h"
#include "exitcode.h"

#include "tcpsim/model/script.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QHostAddress>
#include <QJsonObject>
#include <QTextStream>

namespace tcpsim::live {
struct Observation;
}

namespace tcpsim::cli {

struct LiveRunOptions {
    bool enabled = false;                               // --live
    QHostAddress address = QHostAddress::LocalHost;      // --address (not loopback: a warning)
    quint16 port = 3267;                                 // --port (0: any free port)
    int timeWaitSeconds = 0;                             // --wait-time-wait: wait for its end
};

// The --live options, added to tcpsim-cli's parser and read back from it.
class LiveCommandLine
{
public:
    void addTo(QCommandLineParser &parser) const;
    // False (with a message on err) when a value is wrong.
    bool read(const QCommandLineParser &parser, LiveRunOptions *options, QTextStream &err) const;

private:
    QCommandLineOption m_live{QStringLiteral("live"),
                              QStringLiteral("Also run the application steps on a real QTcpServer/QTcpSocket "
                                             "pair over loopback and print Qt's and the kernel's states.")};
    QCommandLineOption m_port{QStringLiteral("port"),
                              QStringLiteral("--live: the live server's port (default 3267, a free one if "
                                             "taken; 0 = any free port)."),
                              QStringLiteral("N"), QStringLiteral("3267")};
    QCommandLineOption m_address{QStringLiteral("address"),
                                 QStringLiteral("--live: listen on ADDR instead of 127.0.0.1 (anything "
                                                "but loopback is reachable from other machines)."),
                                 QStringLiteral("ADDR")};
    QCommandLineOption m_waitTimeWait{QStringLiteral("wait-time-wait"),
                                      QStringLiteral("--live: at the end, wait up to SECONDS for the kernel "
                                                     "to end TIME-WAIT (Linux: 60 s; default 0: report it "
                                                     "and stop)."),
                                      QStringLiteral("SECONDS"), QStringLiteral("0")};
};

// {"event":"observed","source":"kernel","endpoint":"client","state":"ESTABLISHED",
//  "observed":true,"step":3,"line":5,"time":12,"local":"127.0.0.1:40000",
//  "remote":"127.0.0.1:3267","detail":"..."}; notes are {"event":"note",...}.
QJsonObject observationJson(const live::Observation &observation);

// What the run writes besides its event lines.
struct RunOutputs {
    QString pcapPath; // --pcap: the lesson's segments as a capture ("-": standard output, no event lines)
};

// Runs the lesson step by step, and with options.enabled on the live pair too; prints both.
// CannotRun also when the live server cannot listen or an output cannot be written.
// LESSON on the command line: a built-in name, a file, or - for standard input. On failure
// prints why (FILE:LINE:COLUMN for a script error) and returns nullopt.
std::optional<Lesson> loadLessonArgument(const QString &nameOrPath, QTextStream &err);

// --seed N and --msl SECONDS (0..3600) into `config`; on a bad value prints why, returns false.
bool readSeedAndMsl(const QCommandLineParser &parser, const QCommandLineOption &seed, const QCommandLineOption &msl,
                    SimulationConfig *config, QTextStream &err);

ExitCode runLesson(Lesson lesson, const LiveRunOptions &live, const SimulationConfig &config,
                   OutputFormat format, const RunOutputs &outputs, QTextStream &out, QTextStream &err);

} // namespace tcpsim::cli
