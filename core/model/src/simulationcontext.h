// SPDX-License-Identifier: GPL-3.0-or-later
// The EndpointContext a socket runs in: its host's clock, ISNs and network, and the log, which
// stamps every record with the host, the socket and its descriptor.
#pragma once

#include "tcpsim/model/simulation.h"

namespace tcpsim {

class Simulation::Context final : public EndpointContext {
public:
    Context(Simulation &simulation, Socket &socket)
        : m_simulation(simulation), m_host(socket.host), m_socket(socket.id), m_tuple(simulation.tupleOf(socket))
    {
    }
    // No socket: the answers of a host where no connection exists (§3.10.7.1).
    Context(Simulation &simulation, HostId host, Tuple tuple = {})
        : m_simulation(simulation), m_host(host), m_tuple(tuple)
    {
        if (m_tuple.clientPort == 0)
            m_tuple = simulation.defaultTuple(host == serverHost ? firstClientHost : host);
    }

    std::uint64_t now() const override { return m_simulation.m_now; }
    const SimulationConfig &config() const override { return m_simulation.m_config; }
    SeqNum randomIsn() override
    {
        // A script's `isn` for the host's next open, else the seeded random source (§3.4.1).
        auto &next = m_simulation.m_hosts[m_host].nextIsn;
        if (next) {
            const SeqNum isn = *next;
            next.reset();
            return isn;
        }
        return static_cast<SeqNum>(m_simulation.m_random());
    }
    Segment putOnNetwork(Segment segment) override
    {
        segment.id = m_simulation.m_nextSegmentId++;
        segment.sentAt = m_simulation.m_now;
        segment.clientHost = m_tuple.clientHost;
        segment.clientPort = m_tuple.clientPort;
        segment.serverPort = m_tuple.serverPort;
        m_simulation.m_inFlight[m_host].push_back(segment);
        return segment;
    }
    void record(Event event) override
    {
        Socket *socket = m_socket != 0 ? &m_simulation.at(m_socket) : nullptr;
        // accept() returns the connection's new descriptor (auto-accept included).
        const bool accepted = socket && event.kind == EventKind::Return && event.rule == Rule::AcceptReturned;
        if (accepted) {
            m_simulation.assignDescriptor(*socket);
            socket->place = QueuePlace::Accepted;
        }
        // What recv() returned is no longer in the receive buffer.
        if (socket && event.kind == EventKind::Return && event.rule == Rule::DataReceived)
            socket->bytesRead = socket->endpoint.received().size();
        if (socket && event.kind == EventKind::Return && event.rule == Rule::EndOfStream)
            socket->endOfStreamRead = true;
        const Side side = event.side;
        m_simulation.stamp(event, m_host, socket);
        event.side = side;
        m_simulation.record(std::move(event));
        if (accepted)
            m_simulation.readAfterAccept(*socket, *this);
    }
    bool applicationReadsNow() const override
    {
        const SimulationConfig &config = m_simulation.m_config;
        if (m_host == serverHost && config.programReads)
            return false;
        const Socket *socket = m_socket != 0 ? &m_simulation.at(m_socket) : nullptr;
        // Two-endpoint lessons keep reading at arrival, as they always did.
        return !(socket && config.socketDetail
                 && (socket->place == QueuePlace::SynQueue || socket->place == QueuePlace::AcceptQueue));
    }

private:
    Simulation &m_simulation;
    HostId m_host;
    SocketId m_socket = 0;
    Tuple m_tuple;
};

} // namespace tcpsim
