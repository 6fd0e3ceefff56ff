// SPDX-License-Identifier: GPL-3.0-or-later
// Paints a placed LadderLayout onto any QPainter: the window's LadderView, an SVG, a PDF page or
// an image. It draws what the layout says is revealed at an animation progress, in a font and a
// palette, with the window's marks (highlighted step, selected and hovered arrow). Content
// coordinates are the layout's: the caller translates the painter to scroll or paginate.
#pragma once

#include "tcpsim/render/ladderlayout.h"

#include <QCoreApplication>
#include <QFont>
#include <QPalette>

class QPainter;

class LadderPainter
{
    // The texts keep the LadderView translation context: they were the view's before the
    // painting moved here, and the Chinese translation is filed under it.
    Q_DECLARE_TR_FUNCTIONS(LadderView)

public:
    LadderPainter(const LadderLayout &layout, const QFont &font, const QPalette &palette);

    void setProgress(double progress) { m_progress = progress; }
    void setHighlightedStep(int step) { m_highlightedStep = step; }   // -1: none
    void setSelectedArrow(int index) { m_selectedArrow = index; }     // -1: none
    void setHoveredArrow(int index) { m_hoveredArrow = index; }       // -1: none
    // The ports shown under each side's title.
    void setPorts(quint16 clientPort, quint16 serverPort);

    // The step bands, timelines, labels and arrows whose rows meet content y [top, bottom].
    void paintContent(QPainter &painter, double top, double bottom) const;
    // The titles and ports, over content y [0, header] (opaque, so it can cover scrolled rows).
    void paintHeader(QPainter &painter) const;

    // The ✕ of a lost arrow grows in as the loss is shown: 0 until then.
    double lostMarkSize(const LadderLayout::Arrow &arrow) const;

private:
    void paintArrow(QPainter &painter, int index) const;
    void paintLostMark(QPainter &painter, int index) const;
    void paintLabel(QPainter &painter, const LadderLayout::Label &label) const;
    // The time scale's ruler, its ticks and the compressed gaps' breaks and lengths.
    void paintTimeAxis(QPainter &painter, double top, double bottom) const;
    // Lanes mode: the lane tags under the titles.
    void paintLaneTags(QPainter &painter) const;
    int outermostLane(tcpsim::Side side) const;

    const LadderLayout &m_layout;
    QFont m_font;
    QPalette m_palette;
    double m_progress = LadderLayout::finished;
    int m_highlightedStep = -1;
    int m_selectedArrow = -1;
    int m_hoveredArrow = -1;
    quint16 m_clientPort = 0;
    quint16 m_serverPort = 0;
};
