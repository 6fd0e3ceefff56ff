// SPDX-License-Identifier: GPL-3.0-or-later
// Runs tcpsim-cli (TCPSIM_CLI, set by tests/CMakeLists.txt) as a user does, for the tests of
// its output: exit status, stdout, stderr, and stdout read as JSON Lines.
#pragma once

#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QStringList>

#ifndef TCPSIM_CLI
#error "TCPSIM_CLI: path of tcpsim-cli"
#endif

namespace clirun {

struct Run {
    int exitCode = -1; // -1: it crashed
    QByteArray out;
    QByteArray err;
};

inline Run runCli(const QStringList &arguments, const QByteArray &input = {})
{
    QProcess process;
    process.start(QStringLiteral(TCPSIM_CLI), arguments);
    if (!process.waitForStarted())
        qFatal("cannot start %s", TCPSIM_CLI);
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(60000))
        qFatal("tcpsim-cli did not finish");
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput(), process.readAllStandardError()};
}

// Every non-empty line must be one JSON object.
inline QList<QJsonObject> jsonLines(const QByteArray &out)
{
    QList<QJsonObject> objects;
    for (const QByteArray &line : out.split('\n')) {
        if (line.isEmpty())
            continue;
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(line, &error);
        if (error.error != QJsonParseError::NoError || !document.isObject())
            qFatal("not a JSON object: %s", line.constData());
        objects << document.object();
    }
    return objects;
}

} // namespace clirun
