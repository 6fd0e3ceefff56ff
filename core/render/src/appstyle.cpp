// SPDX-License-Identifier: GPL-3.0-or-later
#include "tcpsim/render/appstyle.h"

#include <QFontDatabase>

namespace AppStyle {

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < palette.color(QPalette::WindowText).lightness();
}

QColor sideColor(tcpsim::Side side, const QPalette &palette)
{
    const bool dark = isDark(palette);
    if (side == tcpsim::Side::Client)
        return dark ? QColor(0x6c, 0xb4, 0xff) : QColor(0x15, 0x65, 0xc0);
    return dark ? QColor(0xff, 0xa6, 0x4d) : QColor(0xc2, 0x4e, 0x00);
}

QColor sideWash(tcpsim::Side side, const QPalette &palette)
{
    QColor color = sideColor(side, palette);
    color.setAlpha(isDark(palette) ? 70 : 45);
    return color;
}

QColor lostColor(const QPalette &palette)
{
    return isDark(palette) ? QColor(0xff, 0x6b, 0x6b) : QColor(0xc6, 0x28, 0x28);
}

QColor mutedText(const QPalette &palette)
{
    const QColor text = palette.color(QPalette::WindowText);
    const QColor window = palette.color(QPalette::Window);
    return QColor((text.red() * 2 + window.red()) / 3, (text.green() * 2 + window.green()) / 3,
                  (text.blue() * 2 + window.blue()) / 3);
}

QColor errorColor(const QPalette &palette)
{
    return lostColor(palette);
}

QColor okColor(const QPalette &palette)
{
    return isDark(palette) ? QColor(0x81, 0xc7, 0x84) : QColor(0x2e, 0x7d, 0x32);
}

QFont withPixelSize(QFont font, int pixelSize)
{
    font.setPixelSize(qMax(minimumPixelSize, pixelSize));
    return font;
}

QFont boldFont(QFont font)
{
    font.setBold(true);
    return font;
}

QFont monospaceFont(int pixelSize)
{
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    font.setPixelSize(qMax(minimumPixelSize, pixelSize));
    return font;
}

QPalette darkPalette()
{
    QPalette palette;
    const QColor window(0x26, 0x28, 0x2c);
    const QColor base(0x1c, 0x1e, 0x22);
    const QColor text(0xe8, 0xe8, 0xe8);
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, window);
    palette.setColor(QPalette::ToolTipBase, base);
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, QColor(0x33, 0x36, 0x3b));
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::BrightText, Qt::white);
    palette.setColor(QPalette::Highlight, QColor(0x3d, 0x7a, 0xd6));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::Link, QColor(0x6c, 0xb4, 0xff));
    palette.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    palette.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x80));
    palette.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x80, 0x80));
    palette.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x80, 0x80, 0x80));
    return palette;
}

QPalette lightPalette()
{
    QPalette palette;
    palette.setColor(QPalette::Window, QColor(0xf3, 0xf3, 0xf3));
    palette.setColor(QPalette::WindowText, QColor(0x1a, 0x1a, 0x1a));
    palette.setColor(QPalette::Base, Qt::white);
    palette.setColor(QPalette::AlternateBase, QColor(0xf6, 0xf7, 0xf9));
    palette.setColor(QPalette::Text, QColor(0x1a, 0x1a, 0x1a));
    palette.setColor(QPalette::Button, QColor(0xec, 0xec, 0xec));
    palette.setColor(QPalette::ButtonText, QColor(0x1a, 0x1a, 0x1a));
    palette.setColor(QPalette::Highlight, QColor(0x26, 0x6e, 0xd4));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    return palette;
}

} // namespace AppStyle
