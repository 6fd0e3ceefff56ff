// SPDX-License-Identifier: GPL-3.0-or-later
// Rounded boxes (the ladder's arrow labels and state pills) painted without Qt's thread pool.
// Qt 6.4's raster engine hands every fill of 96 or more spans to QThreadPool::globalInstance()
// and waits for it: an antialiased rounded rectangle the size of a label is 1-4 hand-offs,
// ~100 us where the fill alone takes 4, and a pool thread slow to wake costs a whole frame.
// On a raster device under a translation, the box is put together from a small cached
// picture of its rounded corners and plain fills, none of which reaches the pool; any other
// device (SVG, PDF, a scaled PNG) gets QPainter::drawRoundedRect.
#pragma once

#include <QColor>
#include <QPen>
#include <QRectF>

class QPainter;

namespace RoundedBox {

// Fills `rect` with `fill` and strokes its edge with `pen` (Qt::NoPen: none), the corners
// rounded by `radius`, as setPen(pen), setBrush(fill) and drawRoundedRect(rect, radius, radius)
// do (the pen and brush stay set); on a raster device the box is aligned to whole device pixels.
void paint(QPainter &painter, const QRectF &rect, qreal radius, const QPen &pen, const QColor &fill);

// True when paint() puts the box together from pieces for this painter (a raster device under
// a translation only, a solid pen); false when it draws it with drawRoundedRect.
bool paintsInPieces(const QPainter &painter, const QPen &pen);

} // namespace RoundedBox
