// The ladder (sequence) diagram: the client's and the server's timelines side by side, one arrow
// per segment from sender to receiver, the state each side enters, and the socket calls the
// applications make. Time runs downwards, one band per step; the newest step is animated (an
// arrow travels, then the receiver's new state appears) and any step or click finishes the
// animation at once. No timer runs unless something moves.
#pragma once

#include "tcpsim/session/numberformat.h"

#include "tcpsim/model/event.h"
#include "tcpsim/model/simulation.h"

#include <QAbstractScrollArea>
#include <QList>
#include <QRectF>

#include <optional>
#include <vector>

class QVariantAnimation;

class LadderView : public QAbstractScrollArea
{
    Q_OBJECT

public:
    enum class Animation { Animate, Instant };
    enum class Fate { InFlight, Delivered, Lost };

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
        double revealAt = 0; // in animation units; only meaningful in the newest step
    };

    explicit LadderView(QWidget *parent = nullptr);

    // Shows the simulation's events, grouped into steps by `boundaries` (see
    // LessonController::eventBoundaries). Animate plays the newest step.
    void setSimulation(const tcpsim::Simulation &simulation, const std::vector<std::size_t> &boundaries,
                       Animation animation);
    void setNumberStyle(NumberStyle style);
    NumberStyle numberStyle() const { return m_numberStyle; }
    // 1.0 = normal; 2.0 = twice as fast.
    void setSpeed(double speed);
    double speed() const { return m_speed; }

    bool isAnimating() const;
    void finishAnimation();
    // Milliseconds the newest step's animation takes at the current speed.
    int animationDuration() const;

    const std::vector<Arrow> &arrows() const { return m_arrows; }
    int arrowCount() const { return static_cast<int>(m_arrows.size()); }
    int arrowCount(Fate fate) const;
    int retransmissionCount() const;

    // The state each side shows, following the animation (a receiver's state changes when the
    // arrow arrives).
    tcpsim::TcpState displayedState(tcpsim::Side side) const;
    // The last transition of `side` shown so far (none: the side never left CLOSED).
    std::optional<Transition> lastRevealedTransition(tcpsim::Side side) const;
    // The transitions of the newest step that the animation has revealed so far.
    QList<Transition> revealedNewestTransitions() const;

    void setHighlightedStep(int step); // -1: none
    int highlightedStep() const { return m_highlightedStep; }
    void setSelectedArrow(int index);  // -1: none
    int selectedArrow() const { return m_selectedArrow; }
    int arrowIndexForSegmentId(std::uint64_t id) const;
    // Content geometry, for tests and the benchmark.
    int contentHeight() const;
    QRectF arrowLabelRect(int index) const;
    QPointF arrowHitPoint(int index) const; // a viewport point on the arrow's drawn line

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void arrowClicked(int index);
    // Emitted before arrowClicked when the clicked arrow is in flight: the receiver should drop
    // that segment (LessonController::dropSegment records `client drop #id`).
    void dropRequested(tcpsim::Side from, std::uint64_t id);
    void revealChanged();
    void animationFinished();

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool viewportEvent(QEvent *event) override;

private:
    struct Moment {
        int step = 0;
        double y = 0;      // content y of the moment's arrival/send point
        double height = 0;
        bool hasArrival = false; // a segment arrives (its arrow travels in this moment)
        bool hasSend = false;
        bool hasTimer = false;
        int labelCount[2] = {0, 0};
    };
    enum class LabelKind { State, Call, Return, Error, Timer };
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

    void rebuild();
    void relayout();
    void updateScrollRange();
    void scrollToNewest();
    void setProgress(double progress);
    Geometry geometry() const;
    double sideX(tcpsim::Side side) const;
    // Phase split of a moment of the newest step: arrivals travel in [m, m+a], sends in [m+a, m+1].
    double arrivalShare(const Moment &moment) const;
    double localProgress(int momentIndex, double from, double to) const;
    bool isNewest(int momentIndex) const;
    bool isRevealed(const Label &label) const;
    // Drawn extent of an arrow: its line (content coordinates) and the fraction drawn.
    QLineF arrowLine(const Arrow &arrow) const;
    double arrowFraction(const Arrow &arrow) const;
    double nowY() const;
    QRectF labelRectFor(const Arrow &arrow, const QLineF &line) const;
    QStringList arrowText(const Arrow &arrow) const;
    int arrowAt(const QPointF &contentPoint) const;
    int revealedCount() const;

    void paintHeader(QPainter &painter, const Geometry &g);
    void paintArrow(QPainter &painter, int index);
    void paintLabel(QPainter &painter, const Label &label, const Geometry &g);

    std::vector<tcpsim::Event> m_events;
    std::vector<std::size_t> m_boundaries;
    tcpsim::SimulationConfig m_config;
    std::vector<Moment> m_moments;
    std::vector<Arrow> m_arrows;
    std::vector<Label> m_labels;
    std::vector<Transition> m_transitions;
    NumberFormatter m_formatter;
    NumberStyle m_numberStyle = NumberStyle::Symbolic;
    int m_firstNewestMoment = 0; // first moment of the newest step
    int m_newestStep = 0;
    double m_progress = 1e9;     // animation position within the newest step, in moments
    double m_speed = 1.0;
    double m_contentHeight = 0;
    double m_clientLabelWidth = 0; // widest label left of the client's timeline (relayout)
    int m_highlightedStep = -1;
    int m_selectedArrow = -1;
    int m_hoveredArrow = -1;
    int m_lastRevealed = -1;
    QVariantAnimation *m_animation = nullptr;
};
