// SPDX-License-Identifier: GPL-3.0-or-later
// LadderLayout's geometry, for a width and a font: the timelines' x, each label wrapped to its
// side's column (never elided) and stacked beside its timeline (one per row, or side by side
// when compact), the moments' y (by their label stacks, or by virtual time on the time scale),
// the arrow labels kept apart from their neighbours, and the time axis's ticks and gaps.
// Stepping on places only what the new steps change; Back places what it changes.
#include "tcpsim/render/ladderlayout.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QTextLayout>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <limits>

using namespace tcpsim;

namespace {

constexpr double labelGap = 10;    // between a timeline and its labels
constexpr double stepNumbers = 26; // the step numbers' margin at the left
constexpr double statePadding = 10;

int sideIndex(Side side)
{
    return side == Side::Client ? 0 : 1;
}

// `text` broken into lines no wider than `width`: at spaces, else anywhere (CJK, long words).
QStringList wrapped(const QString &text, const QFont &font, double width)
{
    QStringList lines;
    QTextLayout layout(text, font);
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(option);
    layout.beginLayout();
    for (;;) {
        QTextLine line = layout.createLine();
        if (!line.isValid())
            break;
        line.setLineWidth(std::max(1.0, width));
        lines.append(text.mid(line.textStart(), line.textLength()).trimmed());
    }
    layout.endLayout();
    lines.removeAll(QString());
    if (lines.isEmpty())
        lines.append(text);
    return lines;
}

} // namespace

void LadderLayout::place(const QFont &font, double width)
{
    m_font = font;
    m_width = width;
    const QFontMetricsF metrics(font);
    Geometry &g = m_geometry;
    g.line = metrics.height();
    g.row = m_compact ? g.line + 4 : g.line + 10;
    g.header = m_compact ? g.line + 4 : g.line * 2 + 18;
    // Lanes mode: a row of lane tags under the titles, and the lanes a tag's width apart.
    g.tagRow = m_lanesMode ? g.line + 8 : 0;
    g.header += g.tagRow;

    m_labelWidths.clear();
    measureLabelWidths(0);
    measureArrowLabels();
    placeTimelines();
    m_clipped = {};
    wrapLabels(0);
    placeMoments(0);
    m_arrowRects.clear();
    m_arrowAlong.clear();
    placeArrowLabels(0);
    m_timeMarks.clear();
    placeTimeMarks(0);
}

void LadderLayout::placeFrom(std::size_t firstLabel, std::size_t firstMoment, std::size_t firstArrow)
{
    measureLabelWidths(firstLabel);
    for (std::size_t i = m_arrowSizes.size(); i < m_arrows.size(); ++i) {
        m_arrowSizes.push_back(arrowLabelSize(m_arrows[i]));
        m_widestArrow = std::max(m_widestArrow, m_arrowSizes.back().width());
    }
    if (m_arrowSizes.size() > m_arrows.size()) { // Back: the widest of the arrows kept
        m_arrowSizes.resize(m_arrows.size());
        m_widestArrow = 0;
        for (const QSizeF &size : m_arrowSizes)
            m_widestArrow = std::max(m_widestArrow, size.width());
    }
    const double clientColumn = columnWidth(Side::Client);
    const double serverColumn = columnWidth(Side::Server);
    if (placeTimelines()) {
        // A wider label moved the timelines: every row is placed again. Only what depends on
        // the move is measured again, so that this costs little late in a long lesson: the
        // labels of a side whose column changed, and the arrow labels only where their size
        // depends on the room between the state names (compact) and that room changed.
        if (m_compact && arrowRoom() != m_arrowRoomOfSizes) {
            measureArrowLabels();
            placeTimelines();
        }
        for (const Side side : {Side::Client, Side::Server}) {
            const bool moved = columnWidth(side) != (side == Side::Client ? clientColumn : serverColumn);
            if (moved)
                m_clipped[sideIndex(side)] = false;
            wrapLabels(moved ? 0 : firstLabel, side);
        }
        placeMoments(0);
        placeArrowLabels(0);
        m_timeMarks.clear();
        placeTimeMarks(0);
        return;
    }
    wrapLabels(firstLabel);
    placeMoments(firstMoment);
    placeArrowLabels(firstArrow);
    placeTimeMarks(firstMoment);
}

void LadderLayout::measureArrowLabels()
{
    m_arrowRoomOfSizes = arrowRoom();
    m_arrowSizes.resize(m_arrows.size());
    m_widestArrow = 0;
    for (std::size_t i = 0; i < m_arrows.size(); ++i) {
        m_arrowSizes[i] = arrowLabelSize(m_arrows[i]);
        m_widestArrow = std::max(m_widestArrow, m_arrowSizes[i].width());
    }
}

void LadderLayout::measureLabelWidths(std::size_t firstLabel)
{
    const QFontMetricsF metrics(m_font);
    QFont boldFont = m_font;
    boldFont.setBold(true);
    const QFontMetricsF boldMetrics(boldFont);
    m_labelWidths.resize(m_labels.size());
    for (std::size_t i = firstLabel; i < m_labels.size(); ++i) {
        const Label &label = m_labels[i];
        const double width = label.kind == LabelKind::State
            ? boldMetrics.horizontalAdvance(label.text) + 2 * statePadding
            : metrics.horizontalAdvance(label.text);
        m_labelWidths[i] = std::ceil(width);
    }
    // Back (nothing new) or a new placement: the widest labels again, over all of them.
    const std::size_t from = (firstLabel == 0 || firstLabel >= m_labels.size()) ? 0 : firstLabel;
    if (from == 0)
        m_clientLabelWidth = m_clientStateWidth = m_serverStateWidth = 0;
    for (std::size_t i = from; i < m_labels.size(); ++i) {
        const Label &label = m_labels[i];
        if (isCollapsed(label.lane))
            continue; // hidden: it sets no column
        double width = m_labelWidths[i];
        if (m_lanesMode && label.kind == LabelKind::State) {
            // Lanes mode: the owner's words wrap, the state's name never does.
            width = std::ceil(boldMetrics.horizontalAdvance(label.core) + 2 * statePadding);
        }
        if (label.side == Side::Client) {
            m_clientLabelWidth = std::max(m_clientLabelWidth, width);
            if (label.kind == LabelKind::State)
                m_clientStateWidth = std::max(m_clientStateWidth, width);
        } else if (label.kind == LabelKind::State) {
            m_serverStateWidth = std::max(m_serverStateWidth, width);
        }
    }
}

double LadderLayout::bundleWidth(Side side) const
{
    if (!m_lanesMode)
        return 0;
    int outermost = 0;
    for (const Lane &lane : m_lanes) {
        if (lane.side == side)
            outermost = std::max(outermost, lane.rank);
    }
    return outermost * m_geometry.laneSpacing;
}

bool LadderLayout::placeTimelines()
{
    Geometry &g = m_geometry;
    const Geometry before = g;
    const std::size_t lanesBefore = m_placedLanes;
    m_placedLanes = m_lanes.size();
    g.labelsLeft = stepNumbers;
    g.rulerX = 0;
    if (m_timeScale) {
        g.rulerX = stepNumbers + rulerWidth() + 10;
        g.labelsLeft = g.rulerX + 10;
    }
    const double extra = g.labelsLeft - stepNumbers;
    const double column = std::clamp(m_width * 0.22, 150.0, 260.0);
    // Between the timelines: room for the widest arrow label, taken from the columns (whose
    // call labels then wrap) down to what the state names need. Lanes mode gives some of it to
    // the lanes: arrows there are longer anyway.
    const double between = std::max(m_lanesMode ? 160.0 : 200.0, m_widestArrow + 18);
    // Lanes mode: a side's other lanes lie between its timeline and its labels, a tag's width
    // apart ("c2"), closer (down to 14 px, a digit's tag) where the ladder is narrow.
    g.laneSpacing = 0;
    g.digitTags = false;
    if (m_lanesMode) {
        const double comfortable = std::ceil(QFontMetricsF(m_font).horizontalAdvance(QStringLiteral("c9")) + 14);
        int outermost[2] = {0, 0};
        for (const Lane &lane : m_lanes)
            outermost[sideIndex(lane.side)] = std::max(outermost[sideIndex(lane.side)], lane.rank);
        const double fixed = (m_clientStateWidth + g.labelsLeft + labelGap + 4) + between
            + (m_serverStateWidth + labelGap + 8 + 4);
        const int ranks = outermost[0] + outermost[1];
        g.laneSpacing = comfortable;
        if (ranks > 0 && fixed + ranks * comfortable > m_width)
            g.laneSpacing = std::max(14.0, std::floor((m_width - fixed) / ranks));
        g.digitTags = g.laneSpacing < comfortable;
    }
    const double clientBundle = bundleWidth(Side::Client);
    const double serverBundle = bundleWidth(Side::Server);
    // The client's labels sit left of its timeline: room for the widest one (SYN-RECEIVED,
    // "retransmission timer fires"), up to 30 % of the width (longer ones wrap); a state name
    // never wraps. Likewise the server's state names right of its timeline.
    g.clientX = clientBundle + std::max(column + extra, std::min(m_clientLabelWidth + g.labelsLeft + labelGap + 4,
                                                                 m_width * 0.3 + extra));
    const double clientLeast = m_clientStateWidth + g.labelsLeft + labelGap + 4 + clientBundle;
    const double serverLeast = m_serverStateWidth + labelGap + 8 + 4 + serverBundle;
    g.clientX = std::max(g.clientX, clientLeast);
    g.clientX = std::max(clientLeast, std::min(g.clientX, m_width - serverLeast - between));
    g.serverX = std::max(g.clientX + between, m_width - std::max(column + serverBundle, serverLeast));
    if (g.serverX + serverLeast > m_width)
        g.serverX = std::max(g.clientX + std::min(200.0, between), m_width - serverLeast);
    return g.clientX != before.clientX || g.serverX != before.serverX || g.rulerX != before.rulerX
        || m_placedLanes != lanesBefore || g.laneSpacing != before.laneSpacing;
}

double LadderLayout::columnWidth(Side side) const
{
    const Geometry &g = m_geometry;
    return side == Side::Client ? g.clientX - bundleWidth(Side::Client) - labelGap - g.labelsLeft
                                : m_width - g.serverX - bundleWidth(Side::Server) - labelGap - 8;
}

void LadderLayout::wrapLabels(std::size_t firstLabel, std::optional<Side> onlySide)
{
    const QFontMetricsF metrics(m_font);
    QFont boldFont = m_font;
    boldFont.setBold(true);
    const QFontMetricsF boldMetrics(boldFont);
    const double line = m_geometry.line;
    for (std::size_t i = firstLabel; i < m_labels.size(); ++i) {
        Label &label = m_labels[i];
        if (onlySide && label.side != *onlySide)
            continue;
        if (isCollapsed(label.lane)) {
            label.lines.clear();
            label.box = QRectF(); // hidden: takes no room
            continue;
        }
        const bool state = label.kind == LabelKind::State;
        const double padding = state ? statePadding : 0;
        const double column = columnWidth(label.side);
        double width = m_labelWidths[i];
        if (width <= column) {
            label.lines = QStringList{label.text};
        } else {
            const QFontMetricsF &used = state ? boldMetrics : metrics;
            const double room = std::floor(column) - 2 * padding;
            if (state && label.core != label.text && label.text.endsWith(label.core)
                && used.horizontalAdvance(label.core) <= room) {
                // Lanes mode: the owner's words wrap; the state's name stays whole on a line of
                // its own (SYN-SENT never breaks at its hyphen).
                label.lines = wrapped(label.text.chopped(label.core.size()).trimmed(), boldFont, room);
                label.lines.append(label.core);
            } else {
                label.lines = wrapped(label.text, state ? boldFont : m_font, room);
            }
            width = 0;
            for (const QString &text : std::as_const(label.lines))
                width = std::max(width, std::ceil(used.horizontalAdvance(text)) + 2 * padding);
            if (width > column + 0.5)
                m_clipped[sideIndex(label.side)] = true;
        }
        label.box = QRectF(0, 0, width, label.lines.size() * line + (m_compact ? 1 : 6));
    }
}

LadderLayout::Stack LadderLayout::stackLabels(std::size_t momentIndex, std::size_t firstLabel)
{
    const Geometry &g = m_geometry;
    Stack stack;
    std::array<double, 2> rowTop{};   // the current row's top
    std::array<double, 2> rowHeight{};
    std::array<double, 2> used{};     // the current row's width used (compact)
    for (std::size_t i = firstLabel; i < m_labels.size() && m_labels[i].moment == static_cast<int>(momentIndex); ++i) {
        Label &label = m_labels[i];
        if (label.box.isEmpty())
            continue; // a collapsed lane's
        const int s = sideIndex(label.side);
        const double width = label.box.width();
        const double height = label.box.height();
        double top = 0;
        double offset = 0; // from the timeline outwards
        if (!stack.any[s]) {
            top = m_compact ? -(g.line + 1) / 2 : -g.row / 2 + 2;
            rowTop[s] = top;
            rowHeight[s] = height;
            used[s] = width;
            stack.top[s] = top;
        } else if (m_compact && used[s] + 8 + width <= columnWidth(label.side)) {
            // Side by side: beside the previous label, further from the timeline.
            top = rowTop[s];
            offset = used[s] + 8;
            rowHeight[s] = std::max(rowHeight[s], height);
            used[s] += 8 + width;
        } else {
            top = rowTop[s] + rowHeight[s] + (m_compact ? 1 : 4);
            rowTop[s] = top;
            rowHeight[s] = height;
            used[s] = width;
        }
        stack.any[s] = true;
        stack.bottom[s] = std::max(stack.bottom[s], top + height);
        const double x = label.side == Side::Client
            ? g.clientX - bundleWidth(Side::Client) - labelGap - offset - width
            : g.serverX + bundleWidth(Side::Server) + labelGap + offset;
        label.box = QRectF(x, top, width, height);
    }
    return stack;
}

void LadderLayout::placeMoments(std::size_t firstMoment)
{
    const Geometry &g = m_geometry;
    const double spacing = m_rowSpacing;
    const double minimumHeight = m_compact ? g.line * 1.2 * spacing : g.line * 3.6 * spacing;
    const double perSecond = pixelsPerSecond();
    std::size_t label = static_cast<std::size_t>(
        std::partition_point(m_labels.begin(), m_labels.end(),
                             [&](const Label &l) { return l.moment < static_cast<int>(firstMoment); })
        - m_labels.begin());
    for (std::size_t i = firstMoment; i < m_moments.size(); ++i) {
        const Stack stack = stackLabels(i, label);
        while (label < m_labels.size() && m_labels[label].moment == static_cast<int>(i))
            ++label;
        Moment &moment = m_moments[i];
        if (i == 0) {
            moment.y = g.header + (m_compact ? g.line * 0.55 : g.row * 0.9);
        } else {
            Moment &previous = m_moments[i - 1];
            double distance = previous.need;
            if (m_timeScale && moment.time > previous.time) {
                const double seconds = static_cast<double>(moment.time - previous.time) / 1000.0;
                distance = std::max(distance, perSecond * std::min(seconds, maxGapSeconds));
            }
            double y = previous.y + distance;
            if (m_compact) {
                // Below the labels of the moments before on each side it has labels on.
                for (int s = 0; s < 2; ++s) {
                    if (stack.any[s])
                        y = std::max(y, previous.stackBottom[s] + 1 - stack.top[s]);
                }
            }
            moment.y = y;
            previous.height = y - previous.y;
        }
        for (int s = 0; s < 2; ++s) {
            const double before = i > 0 ? m_moments[i - 1].stackBottom[s] : 0.0;
            moment.stackBottom[s] = std::max(before, stack.any[s] ? moment.y + stack.bottom[s] : 0.0);
        }
        const double labels = std::max(stack.bottom[0], stack.bottom[1]);
        // Two segments sent at once down the same line: their labels sit 40 % of the line
        // apart, so the row must be tall enough for that to separate them.
        double together = 0;
        {
            const auto first = std::partition_point(m_arrows.begin(), m_arrows.end(), [&](const Arrow &arrow) {
                return arrow.sendMoment < static_cast<int>(i);
            });
            int sends[2] = {0, 0};
            double heights[2] = {0, 0};
            for (auto it = first; it != m_arrows.end() && it->sendMoment == static_cast<int>(i); ++it) {
                const int s = sideIndex(it->segment.from);
                ++sends[s];
                const std::size_t index = static_cast<std::size_t>(it - m_arrows.begin());
                if (index < m_arrowSizes.size())
                    heights[s] += m_arrowSizes[index].height() + 4;
            }
            for (int s = 0; s < 2; ++s) {
                if (sends[s] >= 2)
                    together = std::max(together, heights[s] / 0.4);
            }
        }
        if (moment.step == 0)
            moment.need = g.row * (m_compact ? 1.0 : 1.5) * spacing;
        else if (m_compact)
            moment.need = std::max(minimumHeight, together);
        else
            moment.need = std::max({minimumHeight, labels + g.row / 2 + 2 + g.row * 0.6 * spacing, together});
    }
    if (m_moments.empty()) {
        m_contentHeight = g.header + g.line * 3;
        return;
    }
    Moment &last = m_moments.back();
    last.height = last.need;
    const double bottom = std::max({last.y + last.height, last.stackBottom[0], last.stackBottom[1]});
    m_contentHeight = bottom + (m_compact ? 2 : g.line * 3);
}

bool LadderLayout::labelsOverlap() const
{
    // Sorted by top, each box is compared with the ones that start above its bottom.
    std::vector<QRectF> rects = labelRects();
    std::sort(rects.begin(), rects.end(), [](const QRectF &a, const QRectF &b) { return a.top() < b.top(); });
    for (std::size_t i = 0; i < rects.size(); ++i) {
        for (std::size_t j = i + 1; j < rects.size() && rects[j].top() < rects[i].bottom(); ++j) {
            if (rects[i].intersects(rects[j]))
                return true;
        }
    }
    return false;
}

void LadderLayout::compressTo(double height)
{
    // The widest row spacing (1 down to 0.3) that fits `height` with no labels meeting; if none
    // fits, the closest rows with no labels meeting; if labels meet at every spacing up to 1,
    // rows further apart until they do not.
    if (m_contentHeight <= height && !labelsOverlap())
        return;
    int chosen = 0;
    for (int twentieths = 20; twentieths >= 6; --twentieths) {
        m_rowSpacing = twentieths / 20.0;
        place(m_font, m_width);
        if (labelsOverlap())
            continue;
        chosen = twentieths;
        if (m_contentHeight <= height)
            break;
    }
    for (int twentieths = 24; chosen == 0 && twentieths <= 60; twentieths += 4) {
        m_rowSpacing = twentieths / 20.0;
        place(m_font, m_width);
        if (!labelsOverlap())
            chosen = twentieths;
    }
    if (chosen != 0 && m_rowSpacing != chosen / 20.0) {
        m_rowSpacing = chosen / 20.0;
        place(m_font, m_width);
    }
}

QSizeF LadderLayout::arrowLabelSize(const Arrow &arrow) const
{
    const QFontMetricsF metrics(m_font);
    QFont boldFont = m_font;
    boldFont.setBold(true);
    const QFontMetricsF bold(boldFont);
    const QStringList lines = displayLines(arrow);
    QString tag = arrowTag(arrow);
    if (m_compact) {
        // Compact: the flags and the numbers on one line, no segment number, a narrow margin;
        // the length and the data below. Unless that line is too wide for the ladder.
        // A retransmission is told by its dashed line alone.
        double width = bold.horizontalAdvance(lines.first())
            + metrics.horizontalAdvance(QStringLiteral(" ") + lines.value(1));
        if (width + 8 <= std::min(m_width * 0.4, arrowRoom())) {
            for (int i = 2; i < lines.size(); ++i)
                width = std::max(width, metrics.horizontalAdvance(lines[i]));
            return {std::ceil(width + 8), (lines.size() > 2 ? 2 : 1) * metrics.height() + 1};
        }
    }
    const double first = bold.horizontalAdvance(lines.first()) + metrics.horizontalAdvance(QStringLiteral("  ") + cornerText(arrow));
    double width = first + metrics.horizontalAdvance(tag);
    double rows = lines.size();
    if (!tag.isEmpty() && width + 16 > m_width * 0.33) {
        // A narrow ladder: "retransmission" on a line of its own.
        width = std::max(first, metrics.horizontalAdvance(tag.mid(3)));
        rows += 1;
    }
    for (int i = 1; i < lines.size(); ++i)
        width = std::max(width, metrics.horizontalAdvance(lines[i]));
    return {std::ceil(width + 16), rows * metrics.height() + 8};
}

double LadderLayout::arrowRoom() const
{
    // Between the timelines at their closest: the columns only as wide as the state names.
    const double labelsLeft = m_timeScale ? rulerWidth() + stepNumbers + 20 : stepNumbers;
    return m_width - (m_clientStateWidth + labelsLeft + labelGap + 4) - (m_serverStateWidth + labelGap + 12) - 18
        - bundleWidth(Side::Client) - bundleWidth(Side::Server);
}

bool LadderLayout::tagOnItsOwnLine(const Arrow &arrow) const
{
    if (oneLine(arrow) || arrowTag(arrow).isEmpty())
        return false;
    const std::size_t index = arrowIndex(arrow);
    const QSizeF size = index < m_arrowSizes.size() ? m_arrowSizes[index] : arrowLabelSize(arrow);
    return size.height() > (displayLines(arrow).size() + 0.5) * m_geometry.line + 8;
}

QStringList LadderLayout::displayLines(const Arrow &arrow) const
{
    // The flags; the sequence and acknowledgment numbers; the length with the data, if any.
    const QStringList lines = arrowText(arrow);
    QString numbers = lines.size() > 1 ? lines.at(1) : QString();
    QString below;
    const qsizetype length = numbers.indexOf(QStringLiteral(" len="));
    if (length >= 0) {
        below = numbers.mid(length + 1);
        numbers.truncate(length);
    }
    for (int i = 2; i < lines.size(); ++i)
        below += (below.isEmpty() ? QString() : QStringLiteral(" ")) + lines[i];
    QStringList result{lines.first()};
    if (!numbers.isEmpty())
        result.append(numbers);
    if (!below.isEmpty())
        result.append(below);
    return result;
}

QString LadderLayout::cornerText(const Arrow &arrow) const
{
    // Lanes mode: whose connection it is, as arrows of several pairs run side by side (the
    // segment's number is in the inspector); else the segment's number.
    if (m_lanesMode)
        return QString::fromStdString(hostName(arrow.segment.clientHost));
    return QStringLiteral("#000");
}

QString LadderLayout::arrowTag(const Arrow &arrow) const
{
    QString tag;
    if (arrow.segment.retransmission)
        tag = QStringLiteral(" · ") + QCoreApplication::translate("LadderView", "retransmission");
    else if (arrow.injected)
        tag = QStringLiteral(" · ") + QCoreApplication::translate("LadderView", "crafted");
    return tag;
}

bool LadderLayout::oneLine(const Arrow &arrow) const
{
    // Compact: the flags and numbers on one line (the length and data on a second), when that
    // is no wider than 40 % of the ladder; arrowLabelSize decides, this reads its answer back.
    if (!m_compact)
        return false;
    const std::size_t index = arrowIndex(arrow);
    const QSizeF size = index < m_arrowSizes.size() ? m_arrowSizes[index] : arrowLabelSize(arrow);
    return size.height() < 2.5 * m_geometry.line && size.width() <= m_width * 0.4;
}

QRectF LadderLayout::arrowLabelRectAt(std::size_t index, double along, double shift) const
{
    const Arrow &arrow = m_arrows[index];
    const QSizeF size = index < m_arrowSizes.size() ? m_arrowSizes[index] : arrowLabelSize(arrow);
    const QLineF line = arrowLine(arrow);
    const QPointF anchor = line.pointAt(along);
    // Between its ends (the two timelines; in lanes mode its own lanes, perhaps outer ones).
    const double from = std::min(line.x1(), line.x2()) + 8;
    const double to = std::max(line.x1(), line.x2()) - 8 - size.width();
    double left = anchor.x() - size.width() / 2 + shift;
    left = std::clamp(left, from, std::max(from, to));
    return QRectF(left, anchor.y() - size.height() / 2, size.width(), size.height());
}

void LadderLayout::placeArrowLabels(std::size_t firstArrow)
{
    // An arrow's label sits at labelAlong of its line unless a neighbour's is there: then the
    // first place along the line that is free. Only the arrows just before can reach it (they
    // are in time order), so placing one costs the same in a long lesson.
    static constexpr std::array delivered{labelAlong, 0.5, 0.7, 0.15, 0.85, 0.4, 0.6, 0.2, 0.8, 0.1, 0.9, 0.0, 1.0};
    static constexpr std::array halfway{labelAlong, 0.15, 0.45, 0.08, 0.2, 0.38, 0.0}; // drawn to the middle
    static constexpr std::array lost{lostLabelAlong, 0.12, 0.35, 0.45, 0.06, 0.3, 0.0};
    constexpr std::size_t reach = 8;
    m_arrowRects.resize(m_arrows.size());
    m_arrowAlong.resize(m_arrows.size(), labelAlong);
    // Lanes mode: arrows of several pairs cross one another; every label is placed again (a
    // lesson of many clients is short), and then each still crowded one again among its
    // neighbours on both sides, so an older segment still in flight makes room for newer ones.
    if (m_lanesMode)
        firstArrow = 0;
    const auto overlapOf = [&](std::size_t i, const QRectF &rect, std::size_t afterLast) {
        const Arrow &arrow = m_arrows[i];
        double overlap = 0;
        if (arrow.fate == Fate::Lost) {
            // Not over the lost segment's ✕ (drawn where the line stops, half way).
            const QPointF cross = arrowLine(arrow).pointAt(0.5);
            const QRectF common = rect.intersected(QRectF(cross - QPointF(12, 12), QSizeF(24, 24)));
            if (!common.isEmpty())
                overlap += common.width() * common.height();
        }
        for (std::size_t j = i > reach ? i - reach : 0; j < afterLast; ++j) {
            if (j == i)
                continue;
            const QRectF common = rect.intersected(m_arrowRects[j]);
            if (!common.isEmpty())
                overlap += common.width() * common.height();
        }
        return overlap;
    };
    // The least crowded place for arrow i's label, among the labels of arrows [i - reach, afterLast).
    const auto placeOne = [&](std::size_t i, std::size_t afterLast) {
        const Arrow &arrow = m_arrows[i];
        const double *begin = delivered.data();
        const double *end = delivered.data() + delivered.size();
        if (arrow.fate == Fate::Lost) {
            begin = lost.data();
            end = lost.data() + lost.size();
        } else if (arrow.fate == Fate::InFlight) {
            begin = halfway.data();
            end = halfway.data() + halfway.size();
        }
        const auto overlapAt = [&](double along, double shift = 0) {
            return overlapOf(i, arrowLabelRectAt(i, along, shift), afterLast);
        };
        double best = *begin;
        double bestOverlap = std::numeric_limits<double>::max();
        for (const double *along = begin; along != end && bestOverlap > 0; ++along) {
            const double overlap = overlapAt(*along);
            if (overlap < bestOverlap) {
                bestOverlap = overlap;
                best = *along;
            }
        }
        // Crowded (the lanes of many clients): every place along the drawn part of the line,
        // finer, before settling for the least overlap. Two timelines keep their few places: a
        // long lesson's step must cost the same at every step.
        if (!m_lanesMode) {
            m_arrowAlong[i] = best;
            m_arrowRects[i] = arrowLabelRectAt(i, best);
            return;
        }
        const double drawnTo = arrow.fate == Fate::Delivered ? 1.0 : 0.45;
        for (double along = 0; along <= drawnTo + 1e-9 && bestOverlap > 0; along += 0.025) {
            const double overlap = overlapAt(along);
            if (overlap < bestOverlap) {
                bestOverlap = overlap;
                best = along;
            }
        }
        // Still crowded: slid sideways along its row, its line still passing through it.
        double bestShift = 0;
        const double slide = std::max(0.0, (i < m_arrowSizes.size() ? m_arrowSizes[i].width() : 0) / 2 - 12);
        for (double along = 0; along <= drawnTo + 1e-9 && bestOverlap > 0; along += 0.05) {
            for (double shift = -slide; shift <= slide && bestOverlap > 0; shift += 8) {
                const double overlap = overlapAt(along, shift);
                if (overlap < bestOverlap) {
                    bestOverlap = overlap;
                    best = along;
                    bestShift = shift;
                }
            }
        }
        m_arrowAlong[i] = best;
        m_arrowRects[i] = arrowLabelRectAt(i, best, bestShift);
    };
    for (std::size_t i = firstArrow; i < m_arrows.size(); ++i) {
        if (isLabelHidden(m_arrows[i])) {
            m_arrowAlong[i] = labelAlong;
            m_arrowRects[i] = QRectF(); // a collapsed lane's: no label
            continue;
        }
        placeOne(i, i);
    }
    if (!m_lanesMode)
        return;
    for (std::size_t i = 0; i < m_arrows.size(); ++i) {
        const std::size_t afterLast = std::min(m_arrows.size(), i + reach + 1);
        if (!m_arrowRects[i].isEmpty() && overlapOf(i, m_arrowRects[i], afterLast) > 0)
            placeOne(i, afterLast);
    }
}

QRectF LadderLayout::labelRect(const Label &label) const
{
    const Moment &moment = m_moments[static_cast<std::size_t>(label.moment)];
    return label.box.translated(0, moment.y);
}

std::size_t LadderLayout::arrowIndex(const Arrow &arrow) const
{
    const std::less<const Arrow *> less;
    if (m_arrows.empty() || less(&arrow, m_arrows.data()) || !less(&arrow, m_arrows.data() + m_arrows.size()))
        return static_cast<std::size_t>(-1);
    return static_cast<std::size_t>(&arrow - m_arrows.data());
}

QRectF LadderLayout::labelRect(const Arrow &arrow) const
{
    const std::size_t index = arrowIndex(arrow);
    if (index < m_arrowRects.size())
        return m_arrowRects[index];
    return {};
}

double LadderLayout::labelAlongOf(const Arrow &arrow) const
{
    const std::size_t index = arrowIndex(arrow);
    if (index < m_arrowAlong.size())
        return m_arrowAlong[index];
    return arrow.fate == Fate::Lost ? lostLabelAlong : labelAlong;
}

std::vector<QRectF> LadderLayout::labelRects() const
{
    std::vector<QRectF> rects;
    rects.reserve(m_labels.size() + m_arrowRects.size() + m_timeMarks.size());
    for (const Label &label : m_labels) {
        if (!isHidden(label))
            rects.push_back(labelRect(label));
    }
    for (const QRectF &rect : m_arrowRects) {
        if (!rect.isEmpty())
            rects.push_back(rect);
    }
    for (const TimeMark &mark : m_timeMarks)
        rects.push_back(mark.rect);
    return rects;
}

QRectF LadderLayout::laneTagRect(int lane) const
{
    const Geometry &g = m_geometry;
    if (!m_lanesMode || lane < 0 || lane >= static_cast<int>(m_lanes.size()))
        return {};
    const double width = g.laneSpacing - 4;
    return QRectF(laneX(lane) - width / 2, g.header - g.tagRow + 2, width, g.tagRow - 6);
}

int LadderLayout::laneTagAt(const QPointF &headerPoint) const
{
    for (std::size_t i = 0; i < m_lanes.size(); ++i) {
        if (laneTagRect(static_cast<int>(i)).contains(headerPoint))
            return static_cast<int>(i);
    }
    return -1;
}

int LadderLayout::laneAt(const QPointF &contentPoint) const
{
    if (contentPoint.y() < m_geometry.header)
        return -1;
    int best = -1;
    double bestDistance = 8.0;
    for (std::size_t i = 0; i < m_lanes.size(); ++i) {
        const double distance = std::abs(contentPoint.x() - laneX(static_cast<int>(i)));
        if (distance <= bestDistance) {
            bestDistance = distance;
            best = static_cast<int>(i);
        }
    }
    return best;
}
