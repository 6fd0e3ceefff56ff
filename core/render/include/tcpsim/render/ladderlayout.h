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
#include <QSizeF>
#include <QStringList>

#include <array>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <vector>

class LadderLayout
{
public:
    enum class Fate { InFlight, Delivered, Lost };
    enum class LabelKind { State, Call, Return, Error, Timer };

    // A timeline. A lesson of one client has two lanes, the client's and the server's, each
    // holding all of its side's sockets. A lesson of more clients has a lane per client host
    // (client at the client's timeline, client2.. further out) and on the server's side a lane
    // for the listener and one per connection (by its client), further out: the class sees the
    // listener stay in LISTEN while connected sockets come and go.
    struct Lane {
        tcpsim::Side side = tcpsim::Side::Client;
        tcpsim::HostId host = tcpsim::firstClientHost;
        tcpsim::HostId peer = tcpsim::noHost; // the server's connection with this client; noHost: its listener
        int rank = 0;             // 0 at its side's timeline, outwards from there
        std::uint16_t socket = 0; // the newest socket seen on it
        // The moments it exists over: [first, last] (last -1: to the end). A socket comes into
        // being at its first event and goes at CLOSED.
        std::vector<std::pair<int, int>> spans;
        int key() const { return (side == tcpsim::Side::Server ? 0x10000 : 0) | (host << 8) | peer; }
    };

    struct Arrow {
        tcpsim::Segment segment;
        Fate fate = Fate::InFlight;
        bool injected = false; // a crafted segment (`receive` in a script): no Send event
        int fromLane = 0;      // lanes(): the sender's and the receiver's
        int toLane = 1;
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
        std::uint16_t socket = 0;                  // whose state changed (Event::socket)
        tcpsim::HostId peer = tcpsim::noHost;      // its connection's peer (none: a listener)
        tcpsim::HostId host = tcpsim::firstClientHost; // where it happened
        int lane = 0;
        bool firstPair = true;  // the client's or the server's for it: what the two-sided views show
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
        std::uint64_t time = 0;  // virtual time (ms) of its first event
        double stackBottom[2] = {0, 0}; // each side's lowest label edge so far (content y)
        double need = 0;   // the height its own labels need below its y
    };
    struct Label {
        tcpsim::Side side = tcpsim::Side::Client;
        LabelKind kind = LabelKind::Call;
        QString text;
        QString core; // a state's name: the part that never wraps (lanes mode puts its owner before it)
        int lane = 0;
        int moment = 0;
        int row = 0;          // position in the moment's stack for this side
        bool onArrival = false;
        // Placed by place(): the text's lines (wrapped to the side's column, never elided) and
        // the box, x in content coordinates, y relative to the moment's y.
        QStringList lines;
        QRectF box;
    };
    // A mark of the time axis (setTimeScale): a tick at a moment's time, or a compressed gap
    // between two moments labelled with its real length ("… 60 s").
    struct TimeMark {
        int moment = 0;      // the tick's moment, or the moment the gap follows
        bool gap = false;
        double y = 0;        // the tick's y, or the gap's middle
        std::uint64_t ms = 0; // the moment's time, or the gap's length
        QString text;
        QRectF rect;         // where the text is drawn
    };
    struct Geometry {
        double clientX = 0;
        double serverX = 0;
        double header = 0;
        double line = 0;     // text line height
        double row = 0;      // label row height
        double rulerX = 0;   // the time axis's line (time scale only; 0: none)
        double labelsLeft = 0; // where the client's label column starts
        double laneSpacing = 0; // lanes mode: between a side's lanes
        double tagRow = 0;      // lanes mode: the header's row of lane tags
        bool digitTags = false; // lanes mode: too close for "c2", the tags are the clients' numbers
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
    // Compact ("Fit all"): a side's labels side by side, an arrow's label on one line, a one-line
    // header, so rows need far less height. Takes effect at the next place().
    void setCompact(bool compact) { m_compact = compact; }
    bool compact() const { return m_compact; }
    // Time scale: moments placed by their virtual time (pixelsPerSecond() a second, gaps longer
    // than maxGapSeconds compressed to that and labelled), a time ruler at the left. Takes
    // effect at the next place().
    void setTimeScale(bool on) { m_timeScale = on; }
    bool timeScale() const { return m_timeScale; }
    static constexpr double maxGapSeconds = 4;
    double pixelsPerSecond() const;
    const std::vector<TimeMark> &timeMarks() const { return m_timeMarks; }
    // Every text box drawn on the ladder: side labels, arrow labels, the time axis's texts.
    std::vector<QRectF> labelRects() const;
    // A label's box in content coordinates.
    QRectF labelRect(const Label &label) const;
    // True when two of labelRects() intersect.
    bool labelsOverlap() const;
    // Fit all, after place(): rows closer (row spacing down to 0.3) while the content is taller
    // than `height` and no labels meet; rows further apart while labels meet.
    void compressTo(double height);
    // True when some label could not be fitted to its column even wrapped (it would be clipped).
    bool clipped() const { return m_clipped[0] || m_clipped[1]; }

    const std::deque<tcpsim::Event> &events() const { return m_events; }
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
    // The last transition shown at `progress` of the socket the model names `client` or `server`
    // (Simulation::endpoint): the client's newest socket; the server's newest connection with
    // `client` once one exists, else its listener (none: the side never left CLOSED).
    std::optional<Transition> lastRevealedTransition(tcpsim::Side side, double progress) const;
    // The transitions of the newest step revealed at `progress` (revealAt relative to the step).
    QList<Transition> revealedNewestTransitions(double progress) const;

    // Drawn extent of an arrow: its line (content coordinates) and the fraction drawn.
    QLineF arrowLine(const Arrow &arrow) const;
    double arrowFraction(const Arrow &arrow, double progress) const;
    // The label's lines: flags, numbers in the chosen style, a data preview.
    QStringList arrowText(const Arrow &arrow) const;
    QRectF labelRect(const Arrow &arrow) const;
    // Where along its line an arrow's label sits (moved off labelAlong to keep labels apart).
    double labelAlongOf(const Arrow &arrow) const;
    // Its label on one line (compact) rather than one line per part.
    bool arrowOnOneLine(const Arrow &arrow) const { return oneLine(arrow); }
    // A narrow ladder: the tag below the flags rather than after them.
    bool tagOnItsOwnLine(const Arrow &arrow) const;
    // " · retransmission" or " · crafted" after the flags; empty for another segment.
    QString arrowTag(const Arrow &arrow) const;
    // What the label's top right corner holds, for measuring: the segment's number ("#000", its
    // widest) or, in lanes mode, the client whose connection it is.
    QString cornerText(const Arrow &arrow) const;

    // The timelines (see Lane): two, or more in a lesson of many clients (lanesMode()).
    const std::vector<Lane> &lanes() const { return m_lanes; }
    bool lanesMode() const { return m_lanesMode; }
    double laneX(int lane) const;
    // A lane's name for the class: "client2", "listener", "server ↔ client2".
    QString laneName(int lane) const;
    // Its short tag above its timeline ("c2", "L"), and where the tag sits (content coordinates).
    QString laneTag(int lane) const;
    QRectF laneTagRect(int lane) const;
    // The lane whose tag is under a point of the header (which does not scroll); -1: none.
    int laneTagAt(const QPointF &headerPoint) const;
    // The lane whose timeline is within 8 px of a content point; -1: none.
    int laneAt(const QPointF &contentPoint) const;
    // Collapsed lanes (by Lane::key, kept across layouts): their labels are hidden and their
    // arrows drawn without labels, so rows shrink to what the other lanes need. Takes effect at
    // the next place().
    void setCollapsedLanes(std::set<int> keys) { m_collapsed = std::move(keys); }
    const std::set<int> &collapsedLanes() const { return m_collapsed; }
    bool isCollapsed(int lane) const;
    // Hidden by a collapsed lane: not drawn, not in labelRects().
    bool isHidden(const Label &label) const { return label.box.isEmpty(); }
    bool isLabelHidden(const Arrow &arrow) const;
    // The label's lines: the flags; seq and ack; the length with the data (if any).
    QStringList displayLines(const Arrow &arrow) const;
    // The arrow under a content point (its label, or within 9 px of its drawn line); -1: none.
    int arrowAt(const QPointF &contentPoint, double progress) const;

private:
    void build();
    void rebuildAndPlace(); // build() and, if placed, place() again
    // Lays out steps firstStep.. of m_boundaries after the ones already laid out.
    void appendSteps(int firstStep);
    void addLabel(int lane, LabelKind kind, QString text, bool onArrival, QString core = {});
    // The lane an event happened on (made the first time), and its owner's words for a label.
    int laneOf(const tcpsim::Event &event);
    int findLane(tcpsim::Side side, tcpsim::HostId host, tcpsim::HostId peer) const;
    int makeLane(tcpsim::Side side, tcpsim::HostId host, tcpsim::HostId peer);
    // The lane a segment from `fromLane` is headed for.
    int receiverLane(int fromLane, const tcpsim::Segment &segment);
    QString ownerText(const tcpsim::Event &event) const;
    // `text` after its owner's words, in lanes mode ("client2: SYN-SENT").
    QString owned(const tcpsim::Event &event, const QString &text) const;
    // Opens the lane's span at the newest moment if none is open; a CLOSED ends it.
    void noteLaneSpan(int lane, const tcpsim::Event &event);
    // The room a side's extra lanes take beside its timeline.
    double bundleWidth(tcpsim::Side side) const;
    const NumberFormatter &formatterFor(const tcpsim::Segment &segment) const;
    // Measures the natural width of the labels from `firstLabel` on (m_labelWidths) and the
    // widest ones that set the columns.
    void measureLabelWidths(std::size_t firstLabel);
    // The timelines' x for m_width and the widest labels; true when they moved.
    bool placeTimelines();
    // After new steps (extend) or fewer (truncate): places what changed, all of it when the
    // timelines moved.
    void placeFrom(std::size_t firstLabel, std::size_t firstMoment, std::size_t firstArrow);
    // Places the moments from `firstMoment` on below the ones before it.
    void placeMoments(std::size_t firstMoment);
    // Wraps each label from `firstLabel` on, of both sides or of one, to its side's column.
    void wrapLabels(std::size_t firstLabel, std::optional<tcpsim::Side> onlySide = std::nullopt);
    // Stacks a moment's labels beside its timelines: box offsets from the moment's y, and each
    // side's extent.
    struct Stack {
        double top[2] = {0, 0};
        double bottom[2] = {0, 0};
        bool any[2] = {false, false};
    };
    Stack stackLabels(std::size_t momentIndex, std::size_t firstLabel);
    double columnWidth(tcpsim::Side side) const;
    // Arrow label boxes, apart from their neighbours', for arrows from `firstArrow` on (and
    // those still in flight, whose lines end at nowY).
    void placeArrowLabels(std::size_t firstArrow);
    // `shift`: slid sideways from centred on the line.
    QRectF arrowLabelRectAt(std::size_t index, double along, double shift = 0) const;
    QSizeF arrowLabelSize(const Arrow &arrow) const;
    bool oneLine(const Arrow &arrow) const; // compact: the arrow's label on one line
    double arrowRoom() const;  // the widest an arrow label can be
    double rulerWidth() const; // the time axis's texts

    void placeTimeMarks(std::size_t firstMoment);
    std::size_t arrowIndex(const Arrow &arrow) const;
    // The first pair's SYNs from event `firstEvent` on (those before it are kept), and the
    // number formatter made of them.
    void updateFormatter(std::size_t firstEvent);
    // Every arrow label's size, the widest, and the room they were measured for.
    void measureArrowLabels();

    // A deque: stepping on appends without ever moving the events drawn so far (a vector's
    // growth moved them all, 11 ms at 14,000 events: a dropped frame).
    std::deque<tcpsim::Event> m_events;
    // The first pair's SYNs, which the numbers are relative to, and where each is in m_events:
    // kept as steps come and go rather than looked for among all events at every step.
    std::vector<tcpsim::Event> m_firstPairSyns;
    std::vector<std::size_t> m_firstPairSynIndexes;
    std::vector<std::size_t> m_boundaries;
    NumberStyle m_numberStyle = NumberStyle::Symbolic;
    NumberFormatter m_formatter;
    // Lanes mode: every other client's SYNs and its formatter (its numbers are its own pair's).
    std::map<tcpsim::HostId, std::vector<tcpsim::Event>> m_otherSyns;
    std::map<tcpsim::HostId, NumberFormatter> m_otherFormatters;
    std::vector<Lane> m_lanes;
    bool m_lanesMode = false;
    std::set<int> m_collapsed;
    std::unordered_set<std::uint16_t> m_hadDescriptor; // sockets that have had an fd
    std::size_t m_placedLanes = 0; // lanes when the timelines were last placed
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
    double m_clientStateWidth = 0; // the widest client state label (never wrapped)
    std::vector<double> m_labelWidths; // per label: its natural width, for truncate
    Geometry m_geometry;
    double m_contentHeight = 0;
    double m_rowSpacing = 1.0;
    bool m_compact = false;
    bool m_timeScale = false;
    std::array<bool, 2> m_clipped{}; // per side: client, server
    double m_serverStateWidth = 0; // the widest server state label (never wrapped)
    double m_widestArrow = 0;      // the widest arrow label
    double m_arrowRoomOfSizes = 0; // arrowRoom() when m_arrowSizes were measured (compact sizes depend on it)
    std::vector<QSizeF> m_arrowSizes;   // per arrow, for m_font
    std::vector<QRectF> m_arrowRects;   // per arrow: its label's box
    std::vector<double> m_arrowAlong;   // per arrow: where along its line
    std::vector<TimeMark> m_timeMarks;
};
