// SPDX-License-Identifier: GPL-3.0-or-later
// tcpsim-cli --compare LESSON: the lesson's application calls under the RFC 9293 profile and
// under the Linux profile (core/session's ProfileComparison), the two segment lists side by
// side per call, and one sentence where they part.
#pragma once

#include "eventprinter.h"
#include "exitcode.h"

#include "tcpsim/model/script.h"

#include <QTextStream>

namespace tcpsim::cli {

// Text: per application call its step, line and call, then "RFC segment | Linux segment" rows,
// then each divergence's sentence. JSON Lines: {"event":"block",...}, {"event":"divergence",...}
// and a closing {"event":"summary",...}. Always Ok: a divergence is the answer, not an error.
ExitCode runCompare(const Lesson &lesson, const SimulationConfig &config, OutputFormat format, QTextStream &out);

} // namespace tcpsim::cli
