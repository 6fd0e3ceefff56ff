// SPDX-License-Identifier: GPL-3.0-or-later
// Textbook versus Linux: runs one lesson's script twice, under the RFC 9293 profile and under
// the Linux profile (each in its own LessonController, the profile forced over the lesson's
// header, then the network let finish: what is still in flight delivered, timers fired), and
// lines the two runs up by application call: a block is a step that makes a call (listen,
// connect, accept, send, close, abort, ...) and the network steps after it, up to the next call.
// Where the blocks' segments differ (flags, relative seq/ack, length), where the first SYNs'
// options differ, where a timer fires after another time or only under one profile, or where a
// Linux rule changes a state but no segment, it
// records a divergence with one translated sentence saying why (the Linux rule behind it).
#pragma once

#include "tcpsim/model/config.h"
#include "tcpsim/model/event.h"
#include "tcpsim/model/script.h"

#include <QCoreApplication>
#include <QString>

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

class ProfileComparison
{
    Q_DECLARE_TR_FUNCTIONS(ProfileComparison)

public:
    // One profile's run: its events grouped into steps as LessonController groups them
    // (boundaries[i] = events after step i). Steps after `lessonSteps` are the network finishing.
    struct Run {
        tcpsim::Profile profile = tcpsim::Profile::Rfc9293;
        std::vector<tcpsim::Event> events;
        std::vector<std::size_t> boundaries;
        int lessonSteps = 0;
        int failedExpectations = 0; // the lesson's own `expect`s (written for one profile)
    };

    // A segment as compared: its numbers relative to each side's ISN (Wireshark's), what it
    // carries, and where it was sent.
    struct ComparedSegment {
        tcpsim::Segment segment;
        std::int64_t seq = 0;               // relative to the sender's ISN
        std::optional<std::int64_t> ack;    // relative to the peer's ISN; none without ACK
        int step = 0;                       // the run's step (1-based) that sent it
        bool sameAs(const ComparedSegment &other) const; // flags, numbers, length, sender
        // "client FIN+ACK seq=2 ack=10 len=0 <timestamps>" (option kinds in wire order, no NOP)
        QString text() const;
    };

    // One application call and the network steps after it, in the lesson's step numbers.
    struct Block {
        int firstStep = 0; // 1-based; the call's step (0 for a lesson's leading settings)
        int lastStep = 0;  // the last lesson step in it (the last block also takes the finishing)
        int line = 0;      // the call's script line
        QString call;      // the call's script text, e.g. "client close"
        std::array<std::vector<ComparedSegment>, 2> segments; // [profileIndex]
    };

    enum class Kind { Segments, Options, Timer, State };

    struct Divergence {
        int block = 0;
        int step = 0;      // the block's first step
        int line = 0;
        Kind kind = Kind::Segments;
        tcpsim::Rule rule = tcpsim::Rule::None; // the Linux rule behind it (None: no one rule)
        tcpsim::Side side = tcpsim::Side::Client; // where it happens
        // The first segment of the block that differs under each profile (0: none there).
        std::array<std::uint64_t, 2> segmentId{0, 0};
        // The run's step to mark in each ladder.
        std::array<int, 2> markStep{0, 0};
        QString sentence;
    };

    static constexpr int profileIndex(tcpsim::Profile profile) { return profile == tcpsim::Profile::Linux ? 1 : 0; }
    // The network is let finish for at most this many steps after the lesson's last one.
    static constexpr int maxFinishingSteps = 64;
    // ... and only for lessons of at most this many steps (each finishing step replays the lesson).
    static constexpr int maxStepsToFinish = 2000;

    // `base` gives the seed and the MSL; its profile is replaced.
    static ProfileComparison compare(const tcpsim::Lesson &lesson, const tcpsim::SimulationConfig &base);

    const Run &run(tcpsim::Profile profile) const { return m_runs[profileIndex(profile)]; }
    const std::vector<Block> &blocks() const { return m_blocks; }
    const std::vector<Divergence> &divergences() const { return m_divergences; }
    // Segments sent in the whole run (the ladder's arrows, crafted ones left out).
    int segmentCount(tcpsim::Profile profile) const;

    // "RFC 9293" / "Linux"
    static QString profileTitle(tcpsim::Profile profile);
    // "Client" / "Server" / "Client 2"
    static QString sideName(tcpsim::Side side, tcpsim::HostId clientHost);

private:
    void buildBlocks(const std::vector<std::vector<tcpsim::Command>> &steps);
    void findDivergences();
    void compareOptions();
    void compareSegments(int blockIndex);
    void compareRules(int blockIndex);
    void compareTimers(int blockIndex);
    QString segmentSentence(int blockIndex, std::size_t at, Divergence *divergence) const;

    std::array<Run, 2> m_runs;
    std::vector<Block> m_blocks;
    std::vector<Divergence> m_divergences;
};
