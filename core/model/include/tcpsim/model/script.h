// SPDX-License-Identifier: GPL-3.0-or-later
// Lesson scripts: the parser with its round-trip writer, and the runner.
#pragma once

#include "tcpsim/model/scriptparser.h"
#include "tcpsim/model/scriptrunner.h"
