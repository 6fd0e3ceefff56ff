// SPDX-License-Identifier: GPL-3.0-or-later
// The seed notes' servers run by the server process (issue 11 §1). Each thread makes the calls
// of server.py as far as they go without blocking; a blocked call is recorded once and returns
// in a later operation, when the kernel has what it waits for.
#include "tcpsim/model/simulation.h"
#include "tcpsim/model/echo.h"

#include <algorithm>

namespace tcpsim {

std::string_view serverDesignName(ServerDesign design)
{
    switch (design) {
    case ServerDesign::BlockingEcho: return "blocking-echo";
    case ServerDesign::ThreadEcho: return "thread-echo";
    case ServerDesign::EpollEcho: return "epoll-echo";
    }
    return {};
}

std::optional<ServerDesign> parseServerDesign(std::string_view text)
{
    for (const ServerDesign design : {ServerDesign::BlockingEcho, ServerDesign::ThreadEcho, ServerDesign::EpollEcho}) {
        if (serverDesignName(design) == text)
            return design;
    }
    return std::nullopt;
}

namespace {

// The thread design's workers name their lane; the blocking server has one thread.
std::string threadSuffix(const ServerProgram &program, const ProgramThread &thread)
{
    if (program.design == ServerDesign::BlockingEcho)
        return {};
    return " thread " + std::to_string(thread.id);
}

} // namespace

void Simulation::runServer(ServerDesign design)
{
    m_config.programReads = true;
    m_config.autoAccept = false;
    ServerProgram program;
    program.design = design;
    ProgramThread main;
    if (design == ServerDesign::EpollEcho)
        main.step = ProgramThread::Step::EpollWait;
    program.threads.push_back(main);
    m_program = std::move(program);
    advanceProgram();
}

void Simulation::advanceProgram()
{
    if (!m_program || m_program->running)
        return;
    m_program->running = true;
    // Round-robin until no thread can go on: each call may complete another thread's wait.
    for (bool progressed = true; progressed;) {
        progressed = false;
        for (std::size_t i = 0; i < m_program->threads.size(); ++i) {
            ProgramThread thread = m_program->threads[i];
            const bool went = advanceThread(thread);
            m_program->threads[i] = thread; // the thread design may have added workers
            progressed = progressed || went;
        }
        std::erase_if(m_program->threads,
                      [](const ProgramThread &thread) { return thread.step == ProgramThread::Step::Done; });
    }
    m_program->running = false;
}

bool Simulation::advanceThread(ProgramThread &thread)
{
    ServerProgram &program = *m_program;
    switch (thread.step) {
    case ProgramThread::Step::Done:
        return false;
    case ProgramThread::Step::Accept: {
        if (!thread.blocked) {
            const Socket *listener = findConst(SocketName::listenerOf(serverHost));
            if (!listener || listener->endpoint.state() != TcpState::Listen)
                return false; // nothing to serve yet: the lesson's listen() comes later
            thread.blocked = true;
            // accept(2): blocks while the accept queue is empty; completeAccept() hands the
            // connection over (program.accepted).
            accept(SocketName::listenerOf(serverHost));
        }
        if (program.accepted.empty())
            return false;
        const SocketId connection = program.accepted.front();
        program.accepted.pop_front();
        thread.blocked = false;
        if (program.design == ServerDesign::ThreadEcho) {
            // threading.Thread(target=handle, args=(conn,)).start(); the main thread accepts again.
            program.threads.push_back(
                ProgramThread{program.nextThreadId++, ProgramThread::Step::Recv, connection, false});
        } else {
            thread.step = ProgramThread::Step::Recv;
            thread.connection = connection;
        }
        return true;
    }
    case ProgramThread::Step::Recv:
        return serveRecv(thread);
    case ProgramThread::Step::EpollWait:
        return serveEpoll(thread);
    }
    return false;
}

bool Simulation::serveRecv(ProgramThread &thread)
{
    Socket &connection = at(thread.connection);
    const SocketName name = SocketName::connectionTo(serverHost, connection.peer);
    const std::string lane = threadSuffix(*m_program, thread);
    if (!thread.blocked) {
        recordCall(&connection, serverHost, Call::Recv, std::to_string(serverRecvSize) + lane);
        thread.blocked = true;
    }
    const ByteHistory &received = connection.endpoint.received();
    if (received.size() > connection.bytesRead) {
        // recv(2) returns what the receive buffer holds, at most the size asked for.
        const std::string data = received.substr(connection.bytesRead, serverRecvSize);
        connection.bytesRead += data.size();
        thread.blocked = false;
        recordProgramReturn(&connection, Call::Recv, Rule::DataReceived, data);
        send(name, echoReply(data)); // conn.sendall("Hello, {}".format(data))
        return true;
    }
    const TcpState state = connection.endpoint.state();
    // §3.10.7: "signal the user 'connection closing'": recv() returns 0 after the peer's FIN;
    // a reset or vanished connection ends the loop the same way for the notes' code.
    if (connection.endpoint.endOfStream() || state == TcpState::Closed) {
        connection.endOfStreamRead = true;
        thread.blocked = false;
        recordProgramReturn(&connection, Call::Recv, Rule::EndOfStream, {});
        close(name); // conn.close()
        if (m_program->design == ServerDesign::ThreadEcho) {
            thread.step = ProgramThread::Step::Done;
        } else {
            thread.step = ProgramThread::Step::Accept;
            thread.connection = 0;
        }
        return true;
    }
    return false; // blocks: no data and no FIN yet
}

bool Simulation::readable(const Socket &connection) const
{
    // EPOLLIN: data in the receive buffer, or the end of the stream not yet read.
    return connection.endpoint.received().size() > connection.bytesRead
        || ((connection.endpoint.endOfStream() || connection.endpoint.state() == TcpState::Closed)
            && !connection.endOfStreamRead);
}

bool Simulation::serveEpoll(ProgramThread &thread)
{
    ServerProgram &program = *m_program;
    Socket *listener = find(SocketName::listenerOf(serverHost));
    if (!listener || listener->endpoint.state() != TcpState::Listen)
        return false; // nothing registered yet: the lesson's listen() comes later
    const SocketId listenerId = listener->id;
    if (!thread.blocked) {
        // epoll_wait(epfd, events, maxevents, -1): blocks until a registered descriptor is ready.
        recordCall(listener, serverHost, Call::EpollWait);
        thread.blocked = true;
    }
    std::vector<SocketId> ready;
    if (!at(listenerId).acceptQueue.empty())
        ready.push_back(listenerId); // a ready listener: accept() will not block
    for (const SocketId id : program.registered) {
        if (readable(at(id)))
            ready.push_back(id); // a ready connection: recv() will not block
    }
    if (ready.empty())
        return false;
    std::string list;
    for (const SocketId id : ready)
        list += (list.empty() ? "fd " : ", fd ") + std::to_string(at(id).fd);
    thread.blocked = false;
    recordProgramReturn(&at(listenerId), Call::EpollWait, Rule::None, list);
    for (const SocketId id : ready) {
        if (id == listenerId) {
            accept(SocketName::listenerOf(serverHost));
            while (!program.accepted.empty()) {
                program.registered.push_back(program.accepted.front()); // epoll_ctl(EPOLL_CTL_ADD)
                program.accepted.pop_front();
            }
            continue;
        }
        Socket &connection = at(id);
        const SocketName name = SocketName::connectionTo(serverHost, connection.peer);
        recordCall(&connection, serverHost, Call::Recv, std::to_string(serverRecvSize));
        const ByteHistory &received = connection.endpoint.received();
        if (received.size() > connection.bytesRead) {
            const std::string data = received.substr(connection.bytesRead, serverRecvSize);
            connection.bytesRead += data.size();
            recordProgramReturn(&connection, Call::Recv, Rule::DataReceived, data);
            send(name, echoReply(data));
        } else {
            connection.endOfStreamRead = true;
            recordProgramReturn(&connection, Call::Recv, Rule::EndOfStream, {});
            std::erase(program.registered, id); // epoll_ctl(EPOLL_CTL_DEL), then close
            close(name);
        }
    }
    return true;
}

void Simulation::recordProgramReturn(Socket *socket, Call call, Rule rule, std::string text)
{
    Event event;
    event.kind = EventKind::Return;
    stamp(event, serverHost, socket);
    event.cause = CauseKind::UserCall;
    event.call = call;
    event.rule = rule;
    event.text = std::move(text);
    record(std::move(event));
}

} // namespace tcpsim
