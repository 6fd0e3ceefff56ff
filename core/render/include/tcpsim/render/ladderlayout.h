// SPDX-License-Identifier: GPL-3.0-or-later
// The ladder diagram's layout as a plain value: the lesson's events grouped into steps become
// moments (rows), arrows (one per segment, with its fate), labels (states, calls, returns,
// errors, timers) and the state transitions, each placed in content coordinates for a width and
// a font. What is revealed at a point of the newest step's animation is a function of that
// progress, so all of it can be tested without a widget. Qt Gui only (fonts, geometry).
#pragma once

#include "tcpsim/session/numberformat.h"

#include "tcpsim/model/event.h"

#include <QFont>
#include <QLineF>
#include <QList>
#include <QRectF>
#include <QStringList>

#include <optional>
#include <unordered_map>
#include <vector>

class LadderLayout
{
public:
    enum class Fate { InFlight, Delivered, Lost };
    enum class LabelKind { State, Call, Return, Error, Timer };

    struct Arrow {
        tcpsim::Segment segment;
        Fate fate = Fate::InFlight;
        bool injected = false; // a crafted segment (`receive` in a script): no Send event
        int sendStep = 0;
        int endStep = -1;
        int sendMoment = 0;
        int endMoment = -1;
    };
    struct Transition {
        tcpsim::Side side = tcpsim::Side::Client;
        tcpsim::TcpState from = tcpsim::TcpState::Closed;
        tcpsim::TcpState to = tcpsim::TcpState::Closed;
        int step = 0;
        int moment = 0;         // the moment it happens in
        bool onArrival = false; // caused by an arriving segment: shown when the arrow arrives
        tcpsim::TimerKind timer = tcpsim::TimerKind::None; // the timer that caused it, if one did
        tcpsim::Rule rule = tcpsim::Rule::None; // the rule that made it (the diagram's caption)
        double revealAt = 0;    // in animation units; only meaningful in the newest step
    };
    struct Moment {
        int step = 0;
        double y = 0;      // content y of the moment's arrival/send point
        double height = 0;
        bool hasArrival = false; // a segment arrives (its arrow travels in this moment)
        bool hasSend = false;
        bool hasTimer = false;
        int labelCount[2] = {0, 0};
    };
    struct Label {
        tcpsim::Side side = tcpsim::Side::Client;
        LabelKind kind = LabelKind::Call;
        QString text;
        int moment = 0;
        int row = 0;          // position in the moment's stack for this side
        bool onArrival = false;
    };
    struct Geometry {
        double clientX = 0;
        double serverX = 0;
        double header = 0;
        double line = 0;     // text line height
        double row = 0;      // label row height
    };

    // Animation progress once the newest step has played (or was never animated).
    static constexpr double finished = 1e9;
    // Where an arrow's label sits along its line, from the sender.
    static constexpr double labelAlong = 0.3;
    static constexpr double lostLabelAlong = 0.22;

    LadderLayout() = default;
    // Events grouped into steps by `boundaries` (LessonController::eventBoundaries: boundary i is
    // the event count after step i); the last step is the newest.
    LadderLayout(const std::vector<tcpsim::Event> &events, const std::vector<std::size_t> &boundaries,
                 NumberStyle style);

    // Stepping on: when `boundaries` only adds steps to this layout's and the steps so far are
    // unchanged in `events`, lays out just the new steps (and places them, if placed) and returns
    // true; else changes nothing and returns false (build a new layout: Back, another lesson).
    bool extend(const std::vector<tcpsim::Event> &events, std::vector<std::size_t> boundaries);
    // Back: when `boundaries` is a prefix of this layout's (the same first and last event kept),
    // drops the later steps (their arrivals in flight again) and returns true; else false.
    bool truncate(const std::vector<tcpsim::Event> &events, std::vector<std::size_t> boundaries);

    // Places the moments for a content `width` and the text `font` (label columns, row heights).
    void place(const QFont &font, double width);
    void setNumberStyle(NumberStyle style);
    // Vertical spacing of the moments, 1 = normal; smaller compresses the rows ("Fit all") down
    // to what the label stacks need. Takes effect at the next place().
    void setRowSpacing(double spacing) { m_rowSpacing = spacing; }
    double rowSpacing() const { return m_rowSpacing; }

    const std::vector<tcpsim::Event> &events() const { return m_events; }
    const std::vector<std::size_t> &boundaries() const { return m_boundaries; }
    const std::vector<Moment> &moments() const { return m_moments; }
    const std::vector<Arrow> &arrows() const { return m_arrows; }
    const std::vector<Label> &labels() const { return m_labels; }
    const std::vector<Transition> &transitions() const { return m_transitions; }
    int newestStep() const { return m_newestStep; }
    int firstNewestMoment() const { return m_firstNewestMoment; }
    int newestMomentCount() const { return static_cast<int>(m_moments.size()) - m_firstNewestMoment; }
    const Geometry &geometry() const { return m_geometry; }
    double width() const { return m_width; }
    double contentHeight() const { return m_contentHeight; }
    // Content y below the last moment: where arrows still in flight end.
    double nowY() const;
    int arrowIndexForSegmentId(std::uint64_t id) const;

    // Phase split of a moment of the newest step: arrivals travel in [m, m+a], sends in [m+a, m+1].
    double arrivalShare(const Moment &moment) const;
    bool isNewest(int momentIndex) const;
    // Progress through [from, to] of a moment of the newest step (1 for older moments).
    double localProgress(int momentIndex, double progress, double from, double to) const;
    bool isRevealed(const Label &label, double progress) const;
    int revealedCount(double progress) const; // labels
    int revealedTransitionCount(double progress) const;
    // The last transition of `side` shown at `progress` (none: the side never left CLOSED).
    std::optional<Transition> lastRevealedTransition(tcpsim::Side side, double progress) const;
    // The transitions of the newest step revealed at `progress` (revealAt relative to the step).
    QList<Transition> revealedNewestTransitions(double progress) const;

    // Drawn extent of an arrow: its line (content coordinates) and the fraction drawn.
    QLineF arrowLine(const Arrow &arrow) const;
    double arrowFraction(const Arrow &arrow, double progress) const;
    // The label's lines: flags, numbers in the chosen style, a data preview.
    QStringList arrowText(const Arrow &arrow) const;
    QRectF labelRect(const Arrow &arrow) const;
    // The arrow under a content point (its label, or within 9 px of its drawn line); -1: none.
    int arrowAt(const QPointF &contentPoint, double progress) const;

private:
    void build();
    // Lays out steps firstStep.. of m_boundaries after the ones already laid out.
    void appendSteps(int firstStep);
    void addLabel(tcpsim::Side side, LabelKind kind, QString text, bool onArrival);
    // Widens m_clientLabelWidth for the client's labels from `firstLabel` on.
    void measureClientLabels(std::size_t firstLabel);
    // The timelines' x for m_width and the widest client label.
    void placeTimelines();
    // Places the moments from `firstMoment` on below the ones before it.
    void placeMoments(std::size_t firstMoment);
    double sideX(tcpsim::Side side) const;

    std::vector<tcpsim::Event> m_events;
    std::vector<std::size_t> m_boundaries;
    NumberStyle m_numberStyle = NumberStyle::Symbolic;
    NumberFormatter m_formatter;
    std::vector<Moment> m_moments;
    std::vector<Arrow> m_arrows;
    std::vector<Label> m_labels;
    std::vector<Transition> m_transitions;
    std::unordered_map<std::uint64_t, std::size_t> m_inFlight; // segment id -> arrow still in flight
    int m_firstNewestMoment = 0; // first moment of the newest step
    int m_newestStep = 0;

    QFont m_font;
    double m_width = 0;
    double m_clientLabelWidth = 0; // the widest client label in m_font
    std::vector<double> m_clientLabelWidths; // per label (0: a server label), for truncate
    Geometry m_geometry;
    double m_contentHeight = 0;
    double m_rowSpacing = 1.0;
};
