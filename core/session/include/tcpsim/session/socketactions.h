// SPDX-License-Identifier: GPL-3.0-or-later
// The Sockets view's free-mode actions as script commands (issue 12 §4): each is one line added
// to the lesson at the current position through LessonController::perform(), so it is saved with
// the lesson and Back undoes it exactly, like every other free-play button.
#pragma once

#include "tcpsim/model/scriptparser.h"
#include "tcpsim/model/serverprogram.h"
#include "tcpsim/model/simulation.h"

#include <optional>

namespace SocketActions {
// Add client: the lowest client host that has never made a socket (client, client2 .. client9);
// nullopt when all nine have.
std::optional<tcpsim::HostId> nextClient(const tcpsim::Simulation &simulation);
tcpsim::Command connect(tcpsim::HostId client); // `client2 connect`
// Remove client: `selected` if that client still holds its socket, else the newest client that
// does; nullopt when no client holds one.
std::optional<tcpsim::HostId> clientToRemove(const tcpsim::Simulation &simulation,
                                             std::optional<tcpsim::HostId> selected = std::nullopt);
tcpsim::Command abort(tcpsim::HostId client); // `client2 abort`: RST, the descriptor released
tcpsim::Command accept();                     // `server accept`: one accept() on the listener
// `server listen backlog=N`; without a backlog (or the default 5) plain `server listen`.
tcpsim::Command listen(std::optional<int> backlog);
tcpsim::Command run(tcpsim::ServerDesign design); // `server run blocking-echo`
// Free play's Step at the end of a lesson with several clients: deliver the oldest segment in
// flight from any host (`client3 deliver`, `server deliver`), else fire the earliest pending
// timer of any socket (`server.client2 timeout`); nullopt when nothing is in flight and no timer
// is pending. For the first pair alone it gives the plain `client`/`server` commands.
std::optional<tcpsim::Command> nextNetworkStep(const tcpsim::Simulation &simulation);
} // namespace SocketActions
