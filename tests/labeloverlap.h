// SPDX-License-Identifier: GPL-3.0-or-later
// For the ladder's label tests (tst_ladderlayout, tst_ladderlabels): the first two label boxes
// of a layout that intersect, described for the failure message; none: an empty string.
#pragma once

#include "tcpsim/render/ladderlayout.h"

#include <QRectF>
#include <QString>

#include <vector>

inline QString overlappingLabels(const LadderLayout &layout)
{
    const std::vector<QRectF> rects = layout.labelRects();
    const std::size_t labels = layout.labels().size();
    const auto describe = [&](std::size_t k) {
        const QRectF &r = rects[k];
        const QString what = k < labels ? layout.labels()[k].text
            : k < labels + layout.arrows().size()
            ? layout.arrowText(layout.arrows()[k - labels]).join(QLatin1Char(' '))
            : layout.timeMarks()[k - labels - layout.arrows().size()].text;
        return QStringLiteral("%1 (%2,%3 %4x%5)").arg(what).arg(r.x()).arg(r.y()).arg(r.width()).arg(r.height());
    };
    for (std::size_t i = 0; i < rects.size(); ++i) {
        for (std::size_t j = i + 1; j < rects.size(); ++j) {
            if (rects[i].intersects(rects[j]))
                return describe(i) + QStringLiteral(" and ") + describe(j);
        }
    }
    return {};
}
