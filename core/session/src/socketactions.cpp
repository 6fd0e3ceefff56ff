// SPDX-License-Identifier: GPL-3.0-or-later
#include "tcpsim/session/socketactions.h"

#include <cstdint>
#include <string>

using namespace tcpsim;

namespace {
// The command exactly as a script line parses (its socket name, its defaults).
Command parsed(const std::string &line)
{
    auto result = parseLesson(line + '\n', "free-play.tcp");
    if (const auto *lesson = std::get_if<Lesson>(&result); lesson && lesson->commands.size() == 1)
        return lesson->commands.front();
    return {}; // not reached: every line below is a valid script line
}

bool holdsSocket(const Simulation &simulation, HostId host)
{
    for (const Socket &socket : simulation.sockets())
        if (socket.host == host && socket.fd >= 0)
            return true;
    return false;
}
} // namespace

namespace SocketActions {

std::optional<HostId> nextClient(const Simulation &simulation)
{
    for (HostId host = firstClientHost; host <= lastClientHost; ++host) {
        bool used = false;
        for (const Socket &socket : simulation.sockets())
            used = used || socket.host == host;
        if (!used)
            return host;
    }
    return std::nullopt;
}

Command connect(HostId client)
{
    return parsed(hostName(client) + " connect");
}

std::optional<HostId> clientToRemove(const Simulation &simulation, std::optional<HostId> selected)
{
    if (selected && isClientHost(*selected) && holdsSocket(simulation, *selected))
        return selected;
    for (HostId host = lastClientHost; host >= firstClientHost; --host)
        if (holdsSocket(simulation, host))
            return host;
    return std::nullopt;
}

Command abort(HostId client)
{
    return parsed(hostName(client) + " abort");
}

Command accept()
{
    return parsed("server accept");
}

Command listen(std::optional<int> backlog)
{
    if (!backlog || *backlog == SimulationConfig{}.defaultBacklog)
        return parsed("server listen");
    return parsed("server listen backlog=" + std::to_string(*backlog));
}

Command run(ServerDesign design)
{
    return parsed("server run " + std::string(serverDesignName(design)));
}

std::optional<Command> nextNetworkStep(const Simulation &simulation)
{
    // The model's answer (Simulation::oldestSender, earliestTimer): the oldest segment in flight
    // from any host, else the earliest timer of any socket, a client's first on a tie (as the
    // two-sided Step did), each named as a script names it.
    if (const auto sender = simulation.oldestSender())
        return parsed(sender->toString() + " deliver");
    if (const auto timer = simulation.earliestTimer())
        return parsed(timer->socket.toString() + " timeout");
    return std::nullopt;
}

} // namespace SocketActions
