// SPDX-License-Identifier: GPL-3.0-or-later
#include "bandedscrollbarstyle.h"

#include <QImage>
#include <QPaintEngine>
#include <QPainter>
#include <QStyleOption>

#include <algorithm>

void BandedScrollBarStyle::drawComplexControl(ComplexControl control, const QStyleOptionComplex *option,
                                              QPainter *painter, const QWidget *widget) const
{
    const QRect whole = option->rect;
    const QPaintEngine *engine = painter->paintEngine();
    if (control != CC_ScrollBar || !engine || engine->type() != QPaintEngine::Raster || whole.height() < bandRows) {
        QProxyStyle::drawComplexControl(control, option, painter, widget);
        return;
    }
    // Each band drawn whole on a picture of its own rows, then copied: clipping the one painter
    // instead is not the same (the style sets clips of its own and would draw some parts again).
    const qreal ratio = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
    for (int top = whole.top(); top <= whole.bottom(); top += bandRows) {
        const int rows = std::min(bandRows, whole.bottom() + 1 - top);
        QImage band(QSize(whole.width(), rows) * ratio, QImage::Format_ARGB32_Premultiplied);
        band.setDevicePixelRatio(ratio);
        band.fill(Qt::transparent);
        QPainter bandPainter(&band);
        bandPainter.setRenderHints(painter->renderHints());
        bandPainter.translate(-whole.left(), -top);
        QProxyStyle::drawComplexControl(control, option, &bandPainter, widget);
        bandPainter.end();
        painter->drawImage(QPoint(whole.left(), top), band);
    }
}
