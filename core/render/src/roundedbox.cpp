// SPDX-License-Identifier: GPL-3.0-or-later
#include "tcpsim/render/roundedbox.h"

#include <QImage>
#include <QPaintDevice>
#include <QPaintEngine>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <vector>

namespace {

// The raster engine blends a fill of fewer spans than this on the painting thread.
constexpr int rowsPerFill = 64;

struct TileKey {
    int radius = 0;
    int penWidth = 0;
    int rows = 0; // a box too short for the square tile (a state pill): its height; else 0
    QRgb pen = 0;
    QRgb fill = 0;
    bool operator==(const TileKey &) const = default;
};

// The box's four corners drawn once, in device pixels: a (2c+1)-pixel square box whose middle
// row and column are its edges; for a short box, its two rounded ends at its own height.
struct Tile {
    TileKey key;
    int corner = 0;
    QImage image;
};

const Tile &tileFor(const TileKey &key)
{
    // A handful of styles (arrow labels, selected labels, each side's state pill) at a few
    // radii: a small list, searched in order, emptied if a lesson ever makes many.
    thread_local std::vector<Tile> tiles;
    for (const Tile &tile : tiles) {
        if (tile.key == key)
            return tile;
    }
    if (tiles.size() >= 64)
        tiles.clear();
    Tile tile;
    tile.key = key;
    tile.corner = std::max(key.radius, key.penWidth) + 1;
    const int side = 2 * tile.corner + 1;
    const int rows = key.rows > 0 ? key.rows : side;
    tile.image = QImage(side, rows, QImage::Format_ARGB32_Premultiplied);
    tile.image.fill(Qt::transparent);
    {
        QPainter painter(&tile.image);
        painter.setRenderHint(QPainter::Antialiasing);
        const double inset = key.penWidth / 2.0;
        if (key.penWidth > 0)
            painter.setPen(QPen(QColor::fromRgba(key.pen), key.penWidth));
        else
            painter.setPen(Qt::NoPen);
        painter.setBrush(QColor::fromRgba(key.fill));
        const double radius = std::max(0.0, key.radius - inset);
        painter.drawRoundedRect(QRectF(inset, inset, side - 2 * inset, rows - 2 * inset), radius, radius);
    }
    tiles.push_back(std::move(tile));
    return tiles.back();
}

// Draws `source` of the tile stretched over `target`, a run of rows at a time.
void stretch(QPainter &painter, const QRect &target, const QImage &image, const QRect &source)
{
    if (target.isEmpty())
        return;
    for (int top = target.top(); top <= target.bottom(); top += rowsPerFill) {
        const int rows = std::min(rowsPerFill, target.bottom() + 1 - top);
        // A one-row source is stretched down the rows; a taller one is copied row for row.
        const QRect from = source.height() == 1
            ? source
            : QRect(source.left(), source.top() + (top - target.top()), source.width(), rows);
        painter.drawImage(QRect(target.left(), top, target.width(), rows), image, from);
    }
}

void fillRows(QPainter &painter, const QRect &target, const QColor &color)
{
    if (target.isEmpty() || color.alpha() == 0)
        return;
    if (color.alpha() == 255) { // an opaque fill is a copy, never handed off
        painter.fillRect(target, color);
        return;
    }
    for (int top = target.top(); top <= target.bottom(); top += rowsPerFill)
        painter.fillRect(QRect(target.left(), top, target.width(), std::min(rowsPerFill, target.bottom() + 1 - top)), color);
}

} // namespace

namespace RoundedBox {

bool paintsInPieces(const QPainter &painter, const QPen &pen)
{
    const QPaintEngine *engine = painter.paintEngine();
    return engine && engine->type() == QPaintEngine::Raster && painter.device()
        && painter.worldTransform().type() <= QTransform::TxTranslate
        && (pen.style() == Qt::NoPen || (pen.style() == Qt::SolidLine && pen.brush().style() == Qt::SolidPattern));
}

void paint(QPainter &painter, const QRectF &rect, qreal radius, const QPen &pen, const QColor &fill)
{
    // As setPen, setBrush and drawRoundedRect would: the pen and brush stay set afterwards (an
    // SVG or PDF gets no extra state changes).
    painter.setPen(pen);
    painter.setBrush(fill);
    const auto direct = [&] { painter.drawRoundedRect(rect, radius, radius); };
    if (!paintsInPieces(painter, pen))
        return direct();

    // Device pixels: the box's outer edge (half the pen outside `rect`, as a stroke lies) on
    // whole pixels, so every piece is an untransformed copy.
    const qreal ratio = painter.device()->devicePixelRatioF();
    const bool stroked = pen.style() != Qt::NoPen;
    const qreal half = stroked ? pen.widthF() / 2 : 0;
    const QTransform &world = painter.worldTransform();
    const QRectF outer = rect.adjusted(-half, -half, half, half).translated(world.dx(), world.dy());
    const int left = int(std::lround(outer.left() * ratio));
    const int top = int(std::lround(outer.top() * ratio));
    const int width = int(std::lround(outer.right() * ratio)) - left;
    const int height = int(std::lround(outer.bottom() * ratio)) - top;
    TileKey key;
    key.penWidth = stroked ? std::max(1, int(std::lround(pen.widthF() * ratio))) : 0;
    key.radius = std::clamp(int(std::lround((radius + half) * ratio)), 0, std::min(width, height) / 2);
    key.pen = stroked ? pen.color().rgba() : 0;
    key.fill = fill.rgba();
    const int corner = std::max(key.radius, key.penWidth) + 1;
    if (width < 2 * corner + 1 || height < 2 * key.penWidth + 1)
        return direct(); // too narrow to need pieces: a few spans at most
    if (height < 2 * corner + 1)
        key.rows = height;
    const Tile &tile = tileFor(key);
    const QImage &image = tile.image;
    const int c = corner;
    const int right = left + width;
    const int bottom = top + height;

    painter.save();
    // One logical unit = one device pixel, so whole numbers land on whole pixels.
    painter.setWorldTransform(QTransform::fromScale(1 / ratio, 1 / ratio));
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
    if (key.rows > 0) {
        // Short: the rounded ends at full height, the middle column stretched between them.
        painter.drawImage(QRect(left, top, c, height), image, QRect(0, 0, c, height));
        painter.drawImage(QRect(right - c, top, c, height), image, QRect(c + 1, 0, c, height));
        stretch(painter, QRect(left + c, top, width - 2 * c, height), image, QRect(c, 0, 1, height));
        painter.restore();
        return;
    }
    painter.drawImage(QRect(left, top, c, c), image, QRect(0, 0, c, c));
    painter.drawImage(QRect(right - c, top, c, c), image, QRect(c + 1, 0, c, c));
    painter.drawImage(QRect(left, bottom - c, c, c), image, QRect(0, c + 1, c, c));
    painter.drawImage(QRect(right - c, bottom - c, c, c), image, QRect(c + 1, c + 1, c, c));
    // Edges: the tile's middle column (top, bottom) and row (left, right), stretched.
    stretch(painter, QRect(left + c, top, width - 2 * c, c), image, QRect(c, 0, 1, c));
    stretch(painter, QRect(left + c, bottom - c, width - 2 * c, c), image, QRect(c, c + 1, 1, c));
    stretch(painter, QRect(left, top + c, c, height - 2 * c), image, QRect(0, c, c, 1));
    stretch(painter, QRect(right - c, top + c, c, height - 2 * c), image, QRect(c + 1, c, c, 1));
    fillRows(painter, QRect(left + c, top + c, width - 2 * c, height - 2 * c), fill);
    painter.restore();
}

} // namespace RoundedBox
