// SPDX-License-Identifier: GPL-3.0-or-later
// tcpsim-cli's exit status, the same in every mode (README documents it).
#pragma once

namespace tcpsim::cli {

enum class ExitCode : int {
    Ok = 0,           // every expect held
    ExpectFailed = 1, // an expect failed (FILE:LINE: expected X, got Y on stderr)
    CannotRun = 2,    // the script cannot run, a bad option, or the live server cannot listen
};

} // namespace tcpsim::cli
