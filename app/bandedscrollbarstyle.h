// SPDX-License-Identifier: GPL-3.0-or-later
// The style of the scroll bars that every step redraws (the ladder's, the log's, the sockets
// view's): the application's own, painted a band of rows at a time. Qt 6.4's raster engine
// hands any fill of 96 or more rows to its thread pool and sleeps until it is done: a
// 700-pixel scroll bar was 7-11 hand-offs and 0.35-0.4 ms a paint, and a pool thread slow to
// wake cost a whole frame. Each band is drawn on a picture of its own rows and copied: no
// hand-off, 0.1-0.15 ms, and the same pixels (measured on a 16x700 bar, 300 paints).
#pragma once

#include <QProxyStyle>

class BandedScrollBarStyle : public QProxyStyle
{
    Q_OBJECT

public:
    using QProxyStyle::QProxyStyle;

    // Fewer rows than the raster engine's threshold for handing a fill to its pool.
    static constexpr int bandRows = 90;

    void drawComplexControl(ComplexControl control, const QStyleOptionComplex *option, QPainter *painter,
                            const QWidget *widget = nullptr) const override;
};
