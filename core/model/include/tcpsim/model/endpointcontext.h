// SPDX-License-Identifier: GPL-3.0-or-later
// What an endpoint uses of the host it lives on, and nothing more: the clock, the
// configuration, a random source for ISNs, the network and the event log. A host with many
// endpoints (a listener and its connected sockets) gives each the same narrow view.
#pragma once

#include "tcpsim/model/config.h"
#include "tcpsim/model/event.h"
#include "tcpsim/model/segment.h"
#include "tcpsim/model/sequence.h"

#include <cstdint>

namespace tcpsim {

class EndpointContext {
public:
    virtual ~EndpointContext() = default;

    // Virtual time in ms: passed in, never read from a clock.
    virtual std::uint64_t now() const = 0;
    virtual const SimulationConfig &config() const = 0;
    // An initial sequence number when the lesson fixes none (§3.4.1); seeded, so replayable.
    virtual SeqNum randomIsn() = 0;
    // Puts the segment on the network: it gets its number (Segment::id) and send time, and is
    // returned as it was sent.
    virtual Segment putOnNetwork(Segment segment) = 0;
    // Appends an event to the log; the host stamps its time and script origin.
    virtual void record(Event event) = 0;
    // Whether the application takes received data as it arrives (its recv() returns at once).
    // Not while a server program makes its own recv() calls, nor, in a lesson with socket
    // calls, while the connection waits in the listen queues: no accept() has returned it, so
    // no recv() can read it; its data waits in the receive buffer.
    virtual bool applicationReadsNow() const { return true; }
};

} // namespace tcpsim
