// SPDX-License-Identifier: GPL-3.0-or-later
// `tcpsim-cli serve`: the seed notes' echo server (answers every recv() with "Hello, <data>")
// as a standalone program for a class's own terminals, in the notes' three designs
// (tcpsim::live::EchoServer): one line per connection event, Ctrl+C closes everything.
#pragma once

#include <QStringList>
#include <QTextStream>

namespace tcpsim::cli {

// `arguments` are tcpsim-cli's, "serve" included. Returns the exit status: 0 after Ctrl+C
// (SIGINT/SIGTERM), 2 for a bad option or when it cannot listen (port in use).
int runServe(const QStringList &arguments, QTextStream &out, QTextStream &err);

} // namespace tcpsim::cli
