// SPDX-License-Identifier: GPL-3.0-or-later
// tcpsim-cli --export FILE: the lesson's ladder (and state diagram) as SVG, PDF or PNG through
// core/render's LadderExport, the same pictures as the window's File → Export ladder. Painting
// needs a QGuiApplication; without a display it runs on Qt's offscreen platform, so it works
// over ssh and in CI.
#pragma once

namespace tcpsim::cli {

// True when the command line has --export (or --export=FILE).
bool isExportCommand(int argc, char *argv[]);
// Parses the export options, runs the lesson up to the asked step and writes the file. Exit
// status: 0 written; 2 a bad option, a lesson that cannot run, a bad suffix or an unwritable path.
int runExport(int argc, char *argv[]);

} // namespace tcpsim::cli
