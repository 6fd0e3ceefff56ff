// SPDX-License-Identifier: GPL-3.0-or-later
// The shared colours and sizes moved to core/render (the painters the window and tcpsim-cli
// share need them); the window's files keep including them by this name.
#pragma once

#include "tcpsim/render/appstyle.h"
