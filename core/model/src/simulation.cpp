// SPDX-License-Identifier: GPL-3.0-or-later
// Two endpoints and a FIFO network per direction; every operation is recorded as events.
#include "tcpsim/model/simulation.h"

#include <algorithm>
#include <cassert>
#include <iterator>
#include <utility>

namespace tcpsim {

namespace {
std::size_t indexOf(Side side) { return side == Side::Client ? 0 : 1; }
} // namespace

class Simulation::Context final : public EndpointContext {
public:
    explicit Context(Simulation &simulation) : m_simulation(simulation) {}

    std::uint64_t now() const override { return m_simulation.m_now; }
    const SimulationConfig &config() const override { return m_simulation.m_config; }
    SeqNum randomIsn() override { return static_cast<SeqNum>(m_simulation.m_random()); }
    Segment putOnNetwork(Segment segment) override
    {
        segment.id = m_simulation.m_nextSegmentId++;
        segment.sentAt = m_simulation.m_now;
        m_simulation.m_inFlight[indexOf(segment.from)].push_back(segment);
        return segment;
    }
    void record(Event event) override { m_simulation.record(std::move(event)); }

private:
    Simulation &m_simulation;
};

Simulation::Simulation(SimulationConfig config)
    : m_config(config), m_random(config.seed), m_client(Side::Client), m_server(Side::Server)
{
}

const Endpoint &Simulation::endpoint(Side side) const
{
    return side == Side::Client ? m_client : m_server;
}

Endpoint &Simulation::endpointAt(Side side)
{
    return side == Side::Client ? m_client : m_server;
}

std::size_t Simulation::record(Event event)
{
    event.time = m_now;
    event.line = m_originLine;
    event.step = m_originStep;
    m_events.push_back(std::move(event));
    return m_events.size() - 1;
}

std::vector<Event> Simulation::takeEvents()
{
    m_takenEventCount += m_events.size();
    return std::exchange(m_events, {});
}

void Simulation::restoreTakenEvents(std::vector<Event> taken)
{
    assert(taken.size() == m_takenEventCount);
    taken.insert(taken.end(), std::make_move_iterator(m_events.begin()), std::make_move_iterator(m_events.end()));
    m_events = std::move(taken);
    m_takenEventCount = 0;
}

void Simulation::setOrigin(int line, std::size_t step)
{
    m_originLine = line;
    m_originStep = step;
}

void Simulation::recordExpect(Side side, Verdict verdict, std::string text)
{
    Event event;
    event.kind = EventKind::Expect;
    event.side = side;
    event.passed = verdict == Verdict::Passed;
    event.text = std::move(text);
    record(std::move(event));
}

// --- user calls: a Call event, tagged afterwards with the rule that decided the call ---

std::size_t Simulation::recordCall(Side side, Call call, std::string text)
{
    Event event;
    event.kind = EventKind::Call;
    event.side = side;
    event.cause = CauseKind::UserCall;
    event.call = call;
    event.text = std::move(text);
    return record(std::move(event));
}

void Simulation::setIsn(Side side, SeqNum isn)
{
    endpointAt(side).setNextIsn(isn);
}

void Simulation::listen(Side side)
{
    const std::size_t call = recordCall(side, Call::Listen);
    Context context(*this);
    m_events[call].rule = endpointAt(side).listen(context);
}

void Simulation::connect(Side side)
{
    const std::size_t call = recordCall(side, Call::Connect);
    Context context(*this);
    m_events[call].rule = endpointAt(side).connect(context);
}

void Simulation::accept(Side side)
{
    const std::size_t call = recordCall(side, Call::Accept);
    Context context(*this);
    m_events[call].rule = endpointAt(side).accept(context);
}

void Simulation::send(Side side, const std::string &data)
{
    const std::size_t call = recordCall(side, Call::Send, data);
    Context context(*this);
    m_events[call].rule = endpointAt(side).send(context, data);
}

void Simulation::close(Side side)
{
    const std::size_t call = recordCall(side, Call::Close);
    Context context(*this);
    m_events[call].rule = endpointAt(side).close(context);
}

void Simulation::abort(Side side)
{
    const std::size_t call = recordCall(side, Call::Abort);
    Context context(*this);
    m_events[call].rule = endpointAt(side).abort(context);
}

// --- the network ---

const std::deque<Segment> &Simulation::inFlight(Side from) const
{
    return m_inFlight[indexOf(from)];
}

void Simulation::arrive(Side to, const Segment &segment)
{
    Event event;
    event.kind = EventKind::Deliver;
    event.side = to;
    event.cause = CauseKind::Segment;
    event.segment = segment;
    const std::size_t delivery = record(std::move(event));
    // The Deliver record names the rule that decided the segment's fate.
    Context context(*this);
    m_events[delivery].rule = endpointAt(to).receive(context, segment);
}

bool Simulation::deliver(Side from)
{
    auto &queue = m_inFlight[indexOf(from)];
    if (queue.empty())
        return false;
    const Segment segment = queue.front();
    queue.pop_front();
    m_now += m_config.oneWayDelayMs;
    arrive(peerOf(from), segment);
    return true;
}

bool Simulation::drop(Side from)
{
    const auto &queue = m_inFlight[indexOf(from)];
    return !queue.empty() && dropById(queue.front().id);
}

bool Simulation::dropById(std::uint64_t id)
{
    for (auto &queue : m_inFlight) {
        const auto found = std::find_if(queue.begin(), queue.end(),
                                        [id](const Segment &segment) { return segment.id == id; });
        if (found == queue.end())
            continue;
        Event event;
        event.kind = EventKind::Drop;
        event.side = found->from;
        event.segment = *found;
        queue.erase(found);
        record(std::move(event));
        return true;
    }
    return false;
}

void Simulation::inject(Side to, Segment segment)
{
    segment.from = peerOf(to);
    segment.id = 0;
    segment.sentAt = m_now;
    arrive(to, segment);
}

bool Simulation::fireTimer(Side side)
{
    const std::optional<std::uint64_t> deadline = nextTimer(side);
    if (!deadline)
        return false;
    // Time jumps to the deadline; nothing runs in between.
    m_now = std::max(m_now, *deadline);
    Context context(*this);
    endpointAt(side).fireTimer(context);
    return true;
}

std::optional<std::uint64_t> Simulation::nextTimer(Side side) const
{
    return endpoint(side).timerDeadline();
}

bool Simulation::settle(int maxDeliveries)
{
    for (int delivered = 0;; ++delivered) {
        const auto &fromClient = m_inFlight[indexOf(Side::Client)];
        const auto &fromServer = m_inFlight[indexOf(Side::Server)];
        if (fromClient.empty() && fromServer.empty())
            return true;
        if (delivered >= maxDeliveries)
            return false;
        const bool clientFirst = fromServer.empty()
            || (!fromClient.empty() && fromClient.front().id < fromServer.front().id);
        deliver(clientFirst ? Side::Client : Side::Server);
    }
}

} // namespace tcpsim
