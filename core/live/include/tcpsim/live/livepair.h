// SPDX-License-Identifier: GPL-3.0-or-later
// The live QTcpServer/QTcpSocket pair on loopback: one include for all of core/live.
#pragma once

#include "tcpsim/live/kernelobserver.h"
#include "tcpsim/live/kerneltable.h"
#include "tcpsim/live/liveserver.h"
#include "tcpsim/live/livesession.h"
#include "tcpsim/live/livesocket.h"
