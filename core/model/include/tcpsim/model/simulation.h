// SPDX-License-Identifier: GPL-3.0-or-later
// Two endpoints and the network between them. A value: copy it to keep a snapshot, replay
// operations to reproduce it. Time is virtual and moves only when an operation says so.
#pragma once

#include "tcpsim/model/config.h"
#include "tcpsim/model/endpoint.h"
#include "tcpsim/model/event.h"
#include "tcpsim/model/segment.h"

#include <cstdint>
#include <deque>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace tcpsim {

class Simulation {
public:
    explicit Simulation(SimulationConfig config = {});

    const SimulationConfig &config() const { return m_config; }
    const Endpoint &endpoint(Side side) const;
    std::uint64_t now() const { return m_now; }

    // --- user calls (RFC 9293 §3.10.1-3.10.5) on one side's application ---
    void setIsn(Side side, SeqNum isn);  // ISN for the next open of that side
    void listen(Side side);
    void connect(Side side);
    void accept(Side side);
    void send(Side side, const std::string &data);
    void close(Side side);
    void abort(Side side);

    // --- the network ---
    // Segments in flight from `from`, oldest first.
    const std::deque<Segment> &inFlight(Side from) const;
    // The oldest segment in flight from `from` reaches its peer. False if none is in flight.
    bool deliver(Side from);
    // The oldest segment in flight from `from` is lost. False if none is in flight.
    bool drop(Side from);
    // Drop the in-flight segment with this id (clicking an arrow). False if not in flight.
    bool dropById(std::uint64_t id);
    // `to` receives a crafted segment from its peer (sent now, delivered at once).
    void inject(Side to, Segment segment);
    // Side's earliest pending timer fires; the clock jumps to its deadline. False if none.
    bool fireTimer(Side side);
    // Deliver everything in flight, oldest first by global send order across both directions,
    // until nothing is in flight. Timers do not fire. Returns false (and stops) when more than
    // maxDeliveries deliveries would be needed.
    bool settle(int maxDeliveries = 1000);

    // Deadline of side's earliest pending timer (virtual ms), if any.
    std::optional<std::uint64_t> nextTimer(Side side) const;

    // --- what happened ---
    // The events recorded since the last takeEvents() (all of them if nothing was taken).
    const std::vector<Event> &events() const { return m_events; }
    // Hands the events recorded so far to an owner that keeps the lesson's one append-only log,
    // so that a checkpoint copy of the simulation stays small. Nothing in the model reads old
    // events back.
    std::vector<Event> takeEvents();
    // Every event ever recorded: taken and present.
    std::size_t eventCount() const { return m_takenEventCount + m_events.size(); }
    // The inverse of takeEvents(): the events taken so far (exactly eventCount() - events().size()
    // of them, in order) are put back before the present ones. A copy made from an events-free
    // checkpoint gets its whole log back this way.
    void restoreTakenEvents(std::vector<Event> taken);
    // Events recorded from now on carry this script line and step index.
    void setOrigin(int line, std::size_t step);
    // Records an Expect event (the script runner checks, the simulation keeps the record).
    void recordExpect(Side side, Verdict verdict, std::string text);

private:
    class Context; // the EndpointContext an endpoint runs in: this simulation's clock, network, log
    Endpoint &endpointAt(Side side);
    std::size_t record(Event event); // stamps time and origin; returns the event's index
    std::size_t recordCall(Side side, Call call, std::string text = {});
    void arrive(Side to, const Segment &segment);

    SimulationConfig m_config;
    std::uint64_t m_now = 0;
    std::uint64_t m_nextSegmentId = 1;
    int m_originLine = 0;
    std::size_t m_originStep = 0;
    std::mt19937_64 m_random;
    Endpoint m_client;
    Endpoint m_server;
    std::deque<Segment> m_inFlight[2];
    std::vector<Event> m_events;
    std::size_t m_takenEventCount = 0;
};

} // namespace tcpsim
