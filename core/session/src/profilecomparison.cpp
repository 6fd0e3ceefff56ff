// SPDX-License-Identifier: GPL-3.0-or-later
#include "tcpsim/session/profilecomparison.h"

#include "tcpsim/session/explanation.h"
#include "tcpsim/session/lessoncontroller.h"

#include <QStringList>

#include <algorithm>
#include <map>
#include <utility>

using namespace tcpsim;

namespace {

constexpr std::array<Profile, 2> bothProfiles{Profile::Rfc9293, Profile::Linux};

// The lesson's own calls (and a crafted segment, which is the lesson's input too) start a block.
bool startsBlock(const Command &command)
{
    switch (command.verb) {
    case Verb::Socket:
    case Verb::Bind:
    case Verb::Setsockopt:
    case Verb::Run:
    case Verb::Receive:
        return true;
    default:
        return command.isApplicationCall();
    }
}

bool isBareAck(const Segment &segment)
{
    return segment.flags == Flag::Ack && segment.data.empty();
}

QString optionList(const Segment &segment)
{
    QStringList parts;
    if (segment.mss != 0)
        parts << QStringLiteral("MSS %1").arg(segment.mss);
    if (segment.sackPermitted)
        parts << QStringLiteral("SACK-permitted");
    if (segment.timestamps)
        parts << QStringLiteral("timestamps");
    if (segment.windowScale)
        parts << QStringLiteral("window scale %1").arg(*segment.windowScale);
    return parts.join(QStringLiteral(", "));
}

std::vector<std::uint8_t> optionKinds(const Segment &segment)
{
    std::vector<std::uint8_t> kinds;
    for (const WireOption &option : wireOptions(segment)) {
        if (option.kind != 1) // NOP: padding
            kinds.push_back(option.kind);
    }
    return kinds;
}

struct Finished {
    ProfileComparison::Run run;
    std::vector<std::vector<Command>> steps; // the lesson's steps' commands
};

Finished runUnder(const Lesson &lesson, SimulationConfig config, Profile profile)
{
    config.profile = profile;
    config.profileOverridesLesson = true;
    LessonController controller;
    controller.setAutoReply(false); // the comparison shows the lesson's calls, nothing added
    controller.setBaseConfig(config);
    controller.setLesson(lesson);
    Finished finished;
    finished.run.profile = profile;
    finished.run.lessonSteps = controller.stepCount();
    for (int step = 1; step <= controller.stepCount(); ++step)
        finished.steps.push_back(controller.stepCommands(step));
    controller.goToStep(controller.stepCount());
    for (int step = 1; step <= controller.currentStep(); ++step)
        finished.run.failedExpectations += static_cast<int>(controller.reportAt(step).failedExpectations.size());
    // A lesson written for one profile may leave the other's segments in flight: let the
    // network finish as the window's Step does at a lesson's end (each such step replays the
    // lesson, so a very long one is compared as it ends).
    const bool finish = controller.stepCount() <= ProfileComparison::maxStepsToFinish;
    for (int extra = 0; finish && extra < ProfileComparison::maxFinishingSteps && controller.canStepForward(); ++extra) {
        const int before = controller.currentStep();
        controller.stepForward();
        if (controller.currentStep() == before)
            break;
    }
    finished.run.events = controller.simulation().events();
    finished.run.boundaries = controller.eventBoundaries();
    return finished;
}

// Every segment a run sent, numbered relative to each end's ISN.
std::vector<ProfileComparison::ComparedSegment> sentSegments(const ProfileComparison::Run &run)
{
    std::map<std::pair<HostId, Side>, SeqNum> isn; // (the connection's client host, sender)
    std::vector<ProfileComparison::ComparedSegment> segments;
    int step = 1;
    for (std::size_t i = 0; i < run.events.size(); ++i) {
        while (step < static_cast<int>(run.boundaries.size()) - 1
               && i >= run.boundaries[static_cast<std::size_t>(step)])
            ++step;
        const Event &event = run.events[i];
        if (event.kind != EventKind::Send || !event.segment)
            continue;
        const Segment &segment = *event.segment;
        const auto self = std::make_pair(segment.clientHost, segment.from);
        const auto peer = std::make_pair(segment.clientHost, segment.from == Side::Client ? Side::Server : Side::Client);
        if (segment.has(Flag::Syn) && !isn.contains(self))
            isn[self] = segment.seq;
        ProfileComparison::ComparedSegment compared;
        compared.segment = segment;
        compared.step = step;
        const auto own = isn.find(self);
        compared.seq = static_cast<std::int64_t>(segment.seq - (own != isn.end() ? own->second : SeqNum(0)));
        if (segment.has(Flag::Ack)) {
            const auto theirs = isn.find(peer);
            compared.ack = static_cast<std::int64_t>(segment.ack - (theirs != isn.end() ? theirs->second : SeqNum(0)));
        }
        segments.push_back(std::move(compared));
    }
    return segments;
}

} // namespace

bool ProfileComparison::ComparedSegment::sameAs(const ComparedSegment &other) const
{
    return segment.from == other.segment.from && segment.clientHost == other.segment.clientHost
        && segment.flags == other.segment.flags && seq == other.seq && ack == other.ack
        && segment.data == other.segment.data;
}

QString ProfileComparison::ComparedSegment::text() const
{
    QString line = QStringLiteral("%1 %2 seq=%3")
                       .arg(segment.from == Side::Server ? QStringLiteral("server")
                                                         : QString::fromStdString(hostName(segment.clientHost)),
                            QString::fromStdString(flagsToString(segment.flags)))
                       .arg(seq);
    if (ack)
        line += QStringLiteral(" ack=%1").arg(*ack);
    line += QStringLiteral(" len=%1").arg(segment.data.size());
    QStringList kinds;
    for (std::uint8_t kind : optionKinds(segment)) {
        const std::string_view name = optionKindName(kind);
        kinds << QString::fromLatin1(name.data(), static_cast<qsizetype>(name.size()));
    }
    if (!kinds.isEmpty())
        line += QStringLiteral(" <%1>").arg(kinds.join(QLatin1Char(',')));
    return line;
}

QString ProfileComparison::profileTitle(Profile profile)
{
    return profile == Profile::Linux ? tr("Linux") : tr("RFC 9293");
}

QString ProfileComparison::sideName(Side side, HostId clientHost)
{
    if (side == Side::Server)
        return tr("Server");
    if (clientHost > firstClientHost && isClientHost(clientHost))
        return tr("Client %1").arg(clientHost);
    return tr("Client");
}

int ProfileComparison::segmentCount(Profile profile) const
{
    const Run &r = run(profile);
    return static_cast<int>(std::count_if(r.events.begin(), r.events.end(), [](const Event &event) {
        return event.kind == EventKind::Send;
    }));
}

ProfileComparison ProfileComparison::compare(const Lesson &lesson, const SimulationConfig &base)
{
    ProfileComparison comparison;
    std::vector<std::vector<Command>> steps;
    for (Profile profile : bothProfiles) {
        Finished finished = runUnder(lesson, base, profile);
        comparison.m_runs[profileIndex(profile)] = std::move(finished.run);
        steps = std::move(finished.steps);
    }
    comparison.buildBlocks(steps);
    comparison.findDivergences();
    return comparison;
}

void ProfileComparison::buildBlocks(const std::vector<std::vector<Command>> &steps)
{
    m_blocks.clear();
    const int lessonSteps = static_cast<int>(steps.size());
    for (int step = 1; step <= lessonSteps; ++step) {
        const std::vector<Command> &commands = steps[static_cast<std::size_t>(step - 1)];
        const auto call = std::find_if(commands.begin(), commands.end(), startsBlock);
        if (call != commands.end() || m_blocks.empty()) {
            Block block;
            block.firstStep = call != commands.end() ? step : 0;
            if (call != commands.end()) {
                block.line = call->line;
                block.call = QString::fromStdString(call->toScriptLine());
            }
            m_blocks.push_back(block);
        }
        m_blocks.back().lastStep = step;
    }
    if (m_blocks.empty())
        return;
    // Each run's segments go to the block of the step that sent them; the finishing steps to the last.
    for (Profile profile : bothProfiles) {
        const int index = profileIndex(profile);
        std::size_t block = 0;
        for (ComparedSegment &segment : sentSegments(m_runs[index])) {
            while (block + 1 < m_blocks.size() && segment.step > m_blocks[block].lastStep)
                ++block;
            m_blocks[block].segments[index].push_back(std::move(segment));
        }
    }
}

void ProfileComparison::findDivergences()
{
    m_divergences.clear();
    compareOptions();
    for (int block = 0; block < static_cast<int>(m_blocks.size()); ++block) {
        compareSegments(block);
        compareRules(block);
        compareTimers(block);
    }
    std::stable_sort(m_divergences.begin(), m_divergences.end(),
                     [](const Divergence &a, const Divergence &b) { return a.block < b.block; });
}

void ProfileComparison::compareOptions()
{
    // The first SYN of each run: what the two TCPs offer.
    std::array<const ComparedSegment *, 2> syn{nullptr, nullptr};
    std::array<int, 2> blockOf{0, 0};
    for (int block = 0; block < static_cast<int>(m_blocks.size()); ++block) {
        for (int index : {0, 1}) {
            if (syn[index])
                continue;
            for (const ComparedSegment &segment : m_blocks[static_cast<std::size_t>(block)].segments[index]) {
                if (segment.segment.has(Flag::Syn)) {
                    syn[index] = &segment;
                    blockOf[index] = block;
                    break;
                }
            }
        }
    }
    if (!syn[0] || !syn[1] || optionKinds(syn[0]->segment) == optionKinds(syn[1]->segment))
        return;
    Divergence divergence;
    divergence.block = blockOf[0];
    const Block &block = m_blocks[static_cast<std::size_t>(blockOf[0])];
    divergence.step = block.firstStep;
    divergence.line = block.line;
    divergence.kind = Kind::Options;
    divergence.side = syn[0]->segment.from;
    divergence.segmentId = {syn[0]->segment.id, syn[1]->segment.id};
    divergence.markStep = {syn[0]->step, syn[1]->step};
    const Segment &linuxSyn = syn[1]->segment;
    QString sentence = tr("The SYNs already differ: the textbook's carries %1, Linux's %2 (tcp_syn_options).")
                           .arg(optionList(syn[0]->segment), optionList(linuxSyn));
    if (linuxSyn.timestamps && linuxSyn.windowScale)
        sentence += QLatin1Char(' ')
            + tr("From then on every Linux segment carries timestamps (a 32-byte header instead of 20 bytes) "
                 "and its window counts in units of 2^%1 = %2 bytes.")
                  .arg(*linuxSyn.windowScale)
                  .arg(1u << *linuxSyn.windowScale);
    divergence.sentence = sentence;
    m_divergences.push_back(divergence);
}

void ProfileComparison::compareSegments(int blockIndex)
{
    const Block &block = m_blocks[static_cast<std::size_t>(blockIndex)];
    const auto &textbook = block.segments[0];
    const auto &kernel = block.segments[1];
    std::size_t at = 0;
    while (at < textbook.size() && at < kernel.size() && textbook[at].sameAs(kernel[at]))
        ++at;
    if (at == textbook.size() && at == kernel.size())
        return;
    Divergence divergence;
    divergence.block = blockIndex;
    divergence.step = block.firstStep;
    divergence.line = block.line;
    divergence.kind = Kind::Segments;
    for (int index : {0, 1}) {
        const auto &segments = block.segments[static_cast<std::size_t>(index)];
        if (at < segments.size()) {
            divergence.segmentId[static_cast<std::size_t>(index)] = segments[at].segment.id;
            divergence.markStep[static_cast<std::size_t>(index)] = segments[at].step;
        } else {
            divergence.markStep[static_cast<std::size_t>(index)] = segments.empty() ? std::max(1, block.firstStep)
                                                                                    : segments.back().step;
        }
    }
    // A segment one profile does not send is marked in its ladder at the step the other sent it
    // (the lesson's steps are the same in both runs).
    for (int index : {0, 1}) {
        const auto self = static_cast<std::size_t>(index);
        const auto other = static_cast<std::size_t>(1 - index);
        const auto &theirs = block.segments[other];
        if (divergence.segmentId[self] == 0 && at < theirs.size()
            && theirs[at].step <= m_runs[self].lessonSteps)
            divergence.markStep[self] = theirs[at].step;
    }
    divergence.side = at < textbook.size() ? textbook[at].segment.from : kernel[at].segment.from;
    divergence.sentence = segmentSentence(blockIndex, at, &divergence);
    m_divergences.push_back(divergence);
}

QString ProfileComparison::segmentSentence(int blockIndex, std::size_t at, Divergence *divergence) const
{
    const Block &block = m_blocks[static_cast<std::size_t>(blockIndex)];
    const Run &kernelRun = m_runs[1];
    // The Linux run's events of the block.
    const auto boundary = [](const Run &run, int step) {
        step = std::clamp(step, 0, static_cast<int>(run.boundaries.size()) - 1);
        return run.boundaries[static_cast<std::size_t>(step)];
    };
    const bool lastBlock = blockIndex + 1 == static_cast<int>(m_blocks.size());
    const std::size_t begin = boundary(kernelRun, std::max(0, block.firstStep - 1));
    const std::size_t end = lastBlock ? kernelRun.events.size() : boundary(kernelRun, block.lastStep);
    const auto findRule = [&](Rule rule) -> const Event * {
        for (std::size_t i = begin; i < end; ++i) {
            if (kernelRun.events[i].rule == rule)
                return &kernelRun.events[i];
        }
        return nullptr;
    };

    if (const Event *abort = findRule(Rule::LinuxAbortRstAck)) {
        divergence->rule = Rule::LinuxAbortRstAck;
        divergence->side = abort->side;
        return tr("%1 aborts: the textbook sends a bare RST (<SEQ=SND.NXT><CTL=RST>, no ACK); Linux sends RST,ACK "
                  "with ACK = RCV.NXT (tcp_send_active_reset).")
            .arg(sideName(abort->side, abort->host == serverHost ? abort->peer : abort->host));
    }
    for (Rule rule : {Rule::LinuxSimultaneousSynAck, Rule::LinuxDuplicateSynResent}) {
        if (const Event *event = findRule(rule)) {
            divergence->rule = rule;
            divergence->side = event->side;
            return tr("Here Linux parts from the textbook. %1").arg(Explanation::ruleSentence(rule));
        }
    }
    const auto &textbook = block.segments[0];
    if (const Event *fin = findRule(Rule::LinuxFinAckDelayed);
        fin && at < textbook.size() && isBareAck(textbook[at].segment) && textbook[at].segment.from == fin->side) {
        divergence->rule = Rule::LinuxFinAckDelayed;
        divergence->side = fin->side;
        const QString who = sideName(fin->side, fin->host == serverHost ? fin->peer : fin->host);
        // How the ACK went out under Linux: the next segment that side sent.
        const Segment *next = nullptr;
        for (std::size_t i = static_cast<std::size_t>(fin - kernelRun.events.data()) + 1; i < kernelRun.events.size(); ++i) {
            const Event &event = kernelRun.events[i];
            if (event.kind == EventKind::Send && event.segment && event.segment->from == fin->side
                && event.segment->clientHost == textbook[at].segment.clientHost) {
                next = &*event.segment;
                break;
            }
        }
        if (next && next->has(Flag::Fin))
            return tr("%1 receives the FIN: the textbook ACKs it at once; Linux delays the ACK (40 ms delayed-ACK "
                      "timer, tcp_fin) and the application's close() comes in time, so its own FIN carries the ACK: "
                      "FIN, FIN+ACK, ACK, three segments instead of four.")
                .arg(who);
        if (next && !next->data.empty())
            return tr("%1 receives the FIN: the textbook ACKs it at once; Linux delays the ACK (40 ms delayed-ACK "
                      "timer, tcp_fin) and the data the application sends in time carries the ACK.")
                .arg(who);
        if (next)
            return tr("%1 receives the FIN: the textbook ACKs it at once; Linux delays the ACK (40 ms delayed-ACK "
                      "timer, tcp_fin) and it goes out alone when the timer fires.")
                .arg(who);
        return tr("%1 receives the FIN: the textbook ACKs it at once; Linux delays the ACK (40 ms delayed-ACK "
                  "timer, tcp_fin), and the lesson ends before it goes out.")
            .arg(who);
    }
    const auto &kernel = block.segments[1];
    const QString nothing = tr("nothing more");
    return tr("The segments part here: the textbook sends %1, Linux sends %2.")
        .arg(at < textbook.size() ? textbook[at].text() : nothing, at < kernel.size() ? kernel[at].text() : nothing);
}

void ProfileComparison::compareRules(int blockIndex)
{
    // Linux rules that change a state, not the segments: said once, where they happen.
    const Block &block = m_blocks[static_cast<std::size_t>(blockIndex)];
    const Run &kernelRun = m_runs[1];
    const bool lastBlock = blockIndex + 1 == static_cast<int>(m_blocks.size());
    const auto boundary = [&kernelRun](int step) {
        return kernelRun.boundaries[static_cast<std::size_t>(
            std::clamp(step, 0, static_cast<int>(kernelRun.boundaries.size()) - 1))];
    };
    const std::size_t end = lastBlock ? kernelRun.events.size() : boundary(block.lastStep);
    for (Rule rule : {Rule::LinuxSimultaneousSynAck, Rule::LinuxDuplicateSynResent}) {
        const bool said = std::any_of(m_divergences.begin(), m_divergences.end(),
                                      [rule](const Divergence &d) { return d.rule == rule; });
        if (said)
            continue;
        int step = std::max(1, block.firstStep);
        for (std::size_t i = boundary(block.firstStep - 1); i < end; ++i) {
            while (step < static_cast<int>(kernelRun.boundaries.size()) - 1 && i >= boundary(step))
                ++step;
            const Event &event = kernelRun.events[i];
            if (event.rule != rule || event.kind != EventKind::Transition)
                continue;
            Divergence divergence;
            divergence.block = blockIndex;
            divergence.step = block.firstStep;
            divergence.line = block.line;
            divergence.kind = Kind::State;
            divergence.rule = rule;
            divergence.side = event.side;
            divergence.markStep = {step, step};
            divergence.sentence = tr("Here Linux parts from the textbook. %1").arg(Explanation::ruleSentence(rule));
            m_divergences.push_back(std::move(divergence));
            break;
        }
    }
}

void ProfileComparison::compareTimers(int blockIndex)
{
    const Block &block = m_blocks[static_cast<std::size_t>(blockIndex)];
    const bool lastBlock = blockIndex + 1 == static_cast<int>(m_blocks.size());
    struct Fired {
        Side side;
        HostId host;
        TimerKind kind;
        std::uint64_t after; // ms since what started it
        int step;
    };
    std::array<std::vector<Fired>, 2> fired;
    for (int index : {0, 1}) {
        const Run &r = m_runs[static_cast<std::size_t>(index)];
        const auto boundary = [&r](int step) {
            return r.boundaries[static_cast<std::size_t>(std::clamp(step, 0, static_cast<int>(r.boundaries.size()) - 1))];
        };
        int step = std::max(1, block.firstStep);
        const std::size_t end = lastBlock ? r.events.size() : boundary(block.lastStep);
        for (std::size_t i = boundary(block.firstStep - 1); i < end; ++i) {
            while (step < static_cast<int>(r.boundaries.size()) - 1 && i >= boundary(step))
                ++step;
            const Event &event = r.events[i];
            if (event.kind != EventKind::Timer)
                continue;
            // Since what (re)started the timer: the side's last segment sent (a retransmission
            // timer times it, a re-ACK in TIME-WAIT restarts 2 MSL) or its entering TIME-WAIT.
            std::uint64_t since = 0;
            for (std::size_t j = i; j-- > 0;) {
                const Event &earlier = r.events[j];
                if (earlier.side != event.side || earlier.host != event.host)
                    continue;
                if (earlier.kind == EventKind::Send
                    || (earlier.kind == EventKind::Transition && earlier.to == TcpState::TimeWait)) {
                    since = earlier.time;
                    break;
                }
            }
            fired[static_cast<std::size_t>(index)].push_back({event.side, event.host, event.timer, event.time - since, step});
        }
    }
    const auto add = [&](const Fired &f, Rule rule, std::array<int, 2> markStep, QString sentence) {
        Divergence divergence;
        divergence.block = blockIndex;
        divergence.step = block.firstStep;
        divergence.line = block.line;
        divergence.kind = Kind::Timer;
        divergence.rule = rule;
        divergence.side = f.side;
        divergence.markStep = markStep;
        divergence.sentence = std::move(sentence);
        m_divergences.push_back(std::move(divergence));
    };
    // The k-th timer of a kind at a side under Linux pairs with the k-th under the textbook.
    std::vector<bool> paired(fired[0].size(), false);
    for (const Fired &kernel : fired[1]) {
        auto match = fired[0].begin();
        for (; match != fired[0].end(); ++match) {
            const auto at = static_cast<std::size_t>(match - fired[0].begin());
            if (!paired[at] && match->side == kernel.side && match->host == kernel.host && match->kind == kernel.kind) {
                paired[at] = true;
                break;
            }
        }
        const QString who = sideName(kernel.side, kernel.host == serverHost ? firstClientHost : kernel.host);
        if (match == fired[0].end()) {
            if (kernel.kind == TimerKind::DelayedAck)
                add(kernel, Rule::LinuxFinAckDelayed, {std::max(1, block.firstStep), kernel.step},
                    tr("%1 receives the FIN: the textbook ACKs it at once; under Linux the same ACK comes from the "
                       "delayed-ACK timer (40 ms, tcp_fin), because the application sent nothing before it fired.")
                        .arg(who));
            continue;
        }
        if (match->after == kernel.after)
            continue;
        if (kernel.kind == TimerKind::TimeWait)
            add(kernel, Rule::None, {match->step, kernel.step},
                tr("%1 leaves TIME-WAIT after %2 s in the textbook (2 × MSL) and after %3 s under Linux "
                   "(TCP_TIMEWAIT_LEN, fixed; no MSL setting).")
                    .arg(who)
                    .arg(double(match->after) / 1000.0)
                    .arg(double(kernel.after) / 1000.0));
        else if (kernel.kind == TimerKind::Retransmission)
            add(kernel, Rule::None, {match->step, kernel.step},
                tr("%1 retransmits after %2 ms in the textbook and after %3 ms under Linux: once the handshake has "
                   "measured loopback's round trip (~0), Linux's RTO is its minimum, 200 ms (TCP_RTO_MIN).")
                    .arg(who)
                    .arg(match->after)
                    .arg(kernel.after));
    }
}
