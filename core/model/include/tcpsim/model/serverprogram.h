// SPDX-License-Identifier: GPL-3.0-or-later
// The seed notes' three servers as programs the server process runs on the lesson's listener
// (issue 11 §1, TCP-FACTS "The notes' three servers"): their socket calls run by themselves
// after every operation, as far as they go without blocking.
#pragma once

#include "tcpsim/model/socket.h"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string_view>
#include <vector>

namespace tcpsim {

enum class ServerDesign : std::uint8_t {
    BlockingEcho, // accept, recv/send until recv returns 0, close, accept again: one client at a time
    ThreadEcho,   // accept in a loop; each connection served by its own thread
    EpollEcho,    // one thread: epoll_wait, then accept or recv on each ready descriptor
};

std::string_view serverDesignName(ServerDesign design); // "blocking-echo", "thread-echo", "epoll-echo"
std::optional<ServerDesign> parseServerDesign(std::string_view text);

// server.py's conn.recv(1024).
inline constexpr std::size_t serverRecvSize = 1024;

// One thread of the program and the call it is in.
struct ProgramThread {
    enum class Step : std::uint8_t { Accept, Recv, EpollWait, Done };
    int id = 1;             // 1: the main thread; the thread design numbers its workers 2, 3, ...
    Step step = Step::Accept;
    SocketId connection = 0; // Recv: the connected socket it serves
    bool blocked = false;   // its call is recorded and waits for the kernel
};

struct ServerProgram {
    ServerDesign design = ServerDesign::BlockingEcho;
    std::vector<ProgramThread> threads;
    std::deque<SocketId> accepted; // connections accept() returned, not yet taken by a thread
    int nextThreadId = 2;
    std::vector<SocketId> registered; // epoll: the connected sockets registered for EPOLLIN
    bool running = false;          // advancing now (its own calls must not advance it again)
};

} // namespace tcpsim
