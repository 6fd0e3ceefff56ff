// SPDX-License-Identifier: GPL-3.0-or-later
// LadderLayout's time axis (View → Time scale): the ruler's width, the pixels a second takes, and
// the marks: a tick where the time moves on, a compressed gap labelled with its real length.
#include "tcpsim/render/ladderlayout.h"

#include <QCoreApplication>
#include <QFontMetricsF>

#include <algorithm>
#include <cmath>
#include <optional>

using namespace tcpsim;

namespace {

QString secondsText(std::uint64_t ms)
{
    if (ms % 1000 == 0)
        return QString::number(ms / 1000);
    // Tenths from 10 s on, hundredths below (the delayed ACK's 0.04 s).
    QString text = QString::number(static_cast<double>(ms) / 1000.0, 'f', ms >= 10000 ? 1 : 2);
    while (text.endsWith(QLatin1Char('0')))
        text.chop(1);
    if (text.endsWith(QLatin1Char('.')))
        text.chop(1);
    return text;
}

QString tickText(std::uint64_t ms)
{
    return QCoreApplication::translate("LadderView", "%1 s").arg(secondsText(ms));
}

QString gapText(std::uint64_t ms)
{
    return QCoreApplication::translate("LadderView", "… %1 s").arg(secondsText(ms));
}

} // namespace

double LadderLayout::pixelsPerSecond() const
{
    return m_geometry.line * (m_compact ? 1.6 : 4.0) * m_rowSpacing;
}

double LadderLayout::rulerWidth() const
{
    const QFontMetricsF metrics(m_font);
    return std::ceil(std::max(metrics.horizontalAdvance(gapText(888000)), metrics.horizontalAdvance(tickText(88800))));
}

void LadderLayout::placeTimeMarks(std::size_t firstMoment)
{
    if (!m_timeScale || m_moments.empty()) {
        m_timeMarks.clear();
        return;
    }
    const std::size_t from = firstMoment == 0 ? 0 : std::min(firstMoment - 1, m_moments.size() - 1);
    while (!m_timeMarks.empty() && m_timeMarks.back().moment >= static_cast<int>(from))
        m_timeMarks.pop_back();
    const Geometry &g = m_geometry;
    const QFontMetricsF metrics(m_font);
    double lastBottom = m_timeMarks.empty() ? -1e9 : m_timeMarks.back().rect.bottom();
    std::optional<std::uint64_t> lastTick;
    for (auto it = m_timeMarks.rbegin(); it != m_timeMarks.rend(); ++it) {
        if (!it->gap) {
            lastTick = m_moments[static_cast<std::size_t>(it->moment)].time;
            break;
        }
    }
    const auto add = [&](int moment, bool gap, double y, std::uint64_t ms) {
        TimeMark mark;
        mark.moment = moment;
        mark.gap = gap;
        mark.y = y;
        mark.ms = ms;
        mark.text = gap ? gapText(ms) : tickText(ms);
        const double width = std::ceil(metrics.horizontalAdvance(mark.text));
        mark.rect = QRectF(g.rulerX - 9 - width, y - g.line / 2, width, g.line);
        lastBottom = mark.rect.bottom();
        m_timeMarks.push_back(std::move(mark));
    };
    for (std::size_t i = from; i < m_moments.size(); ++i) {
        const Moment &moment = m_moments[i];
        // A tick where the time moved on, if there is room for its text.
        if ((!lastTick || moment.time != *lastTick) && moment.y - g.line / 2 >= lastBottom + 2) {
            add(static_cast<int>(i), false, moment.y, moment.time);
            lastTick = moment.time;
        }
        if (i + 1 < m_moments.size()) {
            const Moment &next = m_moments[i + 1];
            const std::uint64_t ms = next.time > moment.time ? next.time - moment.time : 0;
            if (static_cast<double>(ms) > maxGapSeconds * 1000)
                add(static_cast<int>(i), true, (moment.y + next.y) / 2, ms);
        }
    }
}

