// SPDX-License-Identifier: GPL-3.0-or-later
// Colours and sizes shared by every view, so the client and the server keep the same colour in
// the ladder, the state diagram, the log and the panes, in light and dark palettes alike.
#pragma once

#include "tcpsim/model/state.h"

#include <QColor>
#include <QFont>
#include <QPalette>

namespace AppStyle {

// True when the palette's window is darker than its text (a dark theme).
bool isDark(const QPalette &palette);

// The side's colour, tuned for contrast against the palette's base colour.
QColor sideColor(tcpsim::Side side, const QPalette &palette);
// A faint wash of the side's colour for backgrounds (highlighted boxes, log rows).
QColor sideWash(tcpsim::Side side, const QPalette &palette);
QColor lostColor(const QPalette &palette);
QColor mutedText(const QPalette &palette);
QColor errorColor(const QPalette &palette);
QColor okColor(const QPalette &palette);

// Smallest text on screen (projector rule: nothing under 14 px).
constexpr int minimumPixelSize = 14;
// The base font of the window at zoom 1.0.
constexpr int basePixelSize = 15;

QFont withPixelSize(QFont font, int pixelSize);
QFont boldFont(QFont font);
QFont monospaceFont(int pixelSize);

// Fusion palettes for --palette dark|light (screenshots, and the View menu).
QPalette darkPalette();
QPalette lightPalette();

} // namespace AppStyle
