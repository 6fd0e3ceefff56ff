// SPDX-License-Identifier: GPL-3.0-or-later
// The ladder (sequence) diagram: the client's and the server's timelines side by side, one arrow
// per segment from sender to receiver, the state each side enters, and the socket calls the
// applications make. LadderLayout places it and LadderPainter paints it (core/render, shared with
// the export); this widget scrolls, animates and hit-tests. Time runs downwards, one band per
// step; the newest step is animated (an arrow travels, then the receiver's new state appears) and
// any step or click finishes the animation at once. No timer runs unless something moves.
#pragma once

#include "tcpsim/render/ladderlayout.h"

#include "tcpsim/model/simulation.h"

#include <QAbstractScrollArea>
#include <QList>
#include <QRectF>

#include <optional>
#include <set>
#include <vector>

class QVariantAnimation;

class LadderView : public QAbstractScrollArea
{
    Q_OBJECT

public:
    enum class Animation { Animate, Instant };
    // Normal: rows at the window's type size, the ladder scrolls. All: rows compressed (smaller
    // type, never below AppStyle::minimumPixelSize) so the whole ladder fits the visible height.
    enum class RowFit { Normal, All };
    using Fate = LadderLayout::Fate;
    using Arrow = LadderLayout::Arrow;
    using Transition = LadderLayout::Transition;

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

    void setRowFit(RowFit fit);
    RowFit rowFit() const { return m_rowFit; }
    // The vertical axis as virtual time (View → Time scale): see LadderLayout::setTimeScale.
    void setTimeScale(bool on);
    bool timeScale() const { return m_layout.timeScale(); }
    // False when Fit all is on but even the smallest readable type does not fit the ladder.
    bool fitsAll() const;
    // The type the ladder is laid out in (smaller than font() under Fit all).
    QFont ladderFont() const { return m_ladderFont; }

    bool isAnimating() const;
    void finishAnimation();
    // Milliseconds the newest step's animation takes at the current speed.
    int animationDuration() const;

    const LadderLayout &layout() const { return m_layout; }
    const std::vector<Arrow> &arrows() const { return m_layout.arrows(); }
    int arrowCount() const { return static_cast<int>(m_layout.arrows().size()); }
    int arrowCount(Fate fate) const;
    int retransmissionCount() const;

    // The state each side shows, following the animation (a receiver's state changes when the
    // arrow arrives).
    tcpsim::TcpState displayedState(tcpsim::Side side) const;
    // The last transition of `side` shown so far (none: the side never left CLOSED).
    std::optional<Transition> lastRevealedTransition(tcpsim::Side side) const;
    // The transitions of the newest step that the animation has revealed so far.
    QList<Transition> revealedNewestTransitions() const;

    // The live server's real port, shown in the header instead of the model's (0: the model's).
    void setLiveServerPort(quint16 port);
    quint16 shownServerPort() const;

    void setHighlightedStep(int step); // -1: none
    int highlightedStep() const { return m_highlightedStep; }
    void setSelectedArrow(int index);  // -1: none
    int selectedArrow() const { return m_selectedArrow; }
    int arrowIndexForSegmentId(std::uint64_t id) const;
    // Loses the in-flight segment of arrow `index` in the network (dropRequested), then selects
    // and inspects it. False when that arrow is not in flight. Shift+click and the arrow's
    // context menu ("Lose this segment") come here; a plain click only inspects.
    bool loseArrow(int index);
    // Content geometry, for tests and the benchmark.
    int contentHeight() const;
    QRectF arrowLabelRect(int index) const;
    QPointF arrowHitPoint(int index) const; // a viewport point on the arrow's drawn line

    // Lanes (a lesson of many clients): clicking a lane's tag collapses or expands it (kept
    // across steps and Back, cleared by a new lesson); clicking its timeline selects its socket.
    void setLaneCollapsed(int lane, bool collapsed);
    bool isLaneCollapsed(int lane) const { return m_layout.isCollapsed(lane); }
    QRectF laneTagRect(int lane) const { return m_layout.laneTagRect(lane); } // viewport
    QPointF laneHitPoint(int lane) const; // a viewport point on the lane's timeline

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void arrowClicked(int index);
    // Emitted by loseArrow, before arrowClicked: the receiver should drop that segment
    // (LessonController::dropSegment records `client drop #id`).
    void dropRequested(tcpsim::Side from, std::uint64_t id);
    void revealChanged();
    // A lane's timeline was clicked: the socket on it now (0: none yet).
    void laneClicked(std::uint16_t socket);
    void animationFinished();

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool viewportEvent(QEvent *event) override;

private:
    void rebuild();
    void relayout();
    // Under Fit all: shrinks the ladder's type from `pixelSize` down until the ladder fits.
    void fitRows(int pixelSize);
    void updateScrollRange();
    // The layout is for the viewport's width (or, under Fit all, for it without the scroll bar).
    bool layoutWidthCurrent() const;
    void scrollToNewest();
    void setProgress(double progress);

    tcpsim::SimulationConfig m_config;
    LadderLayout m_layout;
    NumberStyle m_numberStyle = NumberStyle::Symbolic;
    RowFit m_rowFit = RowFit::Normal;
    bool m_timeScale = false;
    QFont m_ladderFont;
    double m_progress = LadderLayout::finished; // animation position within the newest step, in moments
    double m_speed = 1.0;
    quint16 m_liveServerPort = 0;
    int m_highlightedStep = -1;
    int m_selectedArrow = -1;
    int m_hoveredArrow = -1;
    std::set<int> m_collapsedLanes; // LadderLayout::Lane::key
    int m_lastRevealed = -1;            // labels revealed when revealChanged was last emitted
    int m_lastRevealedTransitions = -1; // transitions, likewise
    QVariantAnimation *m_animation = nullptr;
};
