// SPDX-License-Identifier: GPL-3.0-or-later
// RoundedBox: the ladder's label boxes put together from cached corners and plain fills, the
// same box QPainter::drawRoundedRect draws, painted without waiting on Qt's thread pool.
#include "tcpsim/render/roundedbox.h"

#include <QImage>
#include <QPainter>
#include <QPicture>
#include <QSemaphore>
#include <QTest>
#include <QThread>
#include <QThreadPool>

#include <sys/resource.h>

#include <algorithm>
#include <cstdlib>

namespace {

const QColor background(Qt::white);

QImage blank(QSize size, qreal ratio = 1)
{
    QImage image(size * ratio, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(ratio);
    image.fill(background);
    return image;
}

// The box's extent: every pixel that is not the background, in device pixels.
QRect inkBounds(const QImage &image)
{
    QRect bounds;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            if (image.pixel(x, y) != background.rgb())
                bounds |= QRect(x, y, 1, 1);
        }
    }
    return bounds;
}

// `top` over the background, as source-over leaves it.
QRgb over(const QColor &top)
{
    const double a = top.alphaF();
    const auto mix = [a](int fg, int bg) { return int(fg * a + bg * (1 - a) + 0.5); };
    return qRgb(mix(top.red(), background.red()), mix(top.green(), background.green()),
                mix(top.blue(), background.blue()));
}

bool near(QRgb a, QRgb b, int tolerance = 3)
{
    return std::abs(qRed(a) - qRed(b)) <= tolerance && std::abs(qGreen(a) - qGreen(b)) <= tolerance
        && std::abs(qBlue(a) - qBlue(b)) <= tolerance;
}

const char *describe(QRgb pixel)
{
    thread_local QByteArray text;
    text = QColor::fromRgb(pixel).name().toLatin1();
    return text.constData();
}

long voluntarySwitches()
{
    rusage usage{};
    getrusage(RUSAGE_THREAD, &usage);
    return usage.ru_nvcsw;
}

} // namespace

class TestRoundedBox : public QObject
{
    Q_OBJECT

private slots:
    void sameBoxAsDrawRoundedRect_data();
    void sameBoxAsDrawRoundedRect();
    void otherDevicesGetDrawRoundedRect();
    void paintsWithoutWaitingOnThePool();
};

void TestRoundedBox::sameBoxAsDrawRoundedRect_data()
{
    QTest::addColumn<QRectF>("rect");
    QTest::addColumn<qreal>("radius");
    QTest::addColumn<qreal>("penWidth");
    QTest::addColumn<QColor>("pen");
    QTest::addColumn<QColor>("fill");
    QTest::addColumn<qreal>("ratio");
    QTest::addColumn<QPointF>("translation");

    const QColor blue(21, 101, 192);
    const QColor label(255, 255, 255, 240);
    QColor border = blue;
    border.setAlpha(150);
    // The ladder's arrow label (pen 1.2, 6 px corners, Base at alpha 240) where it really sits:
    // fractional coordinates, under the view's scroll translation.
    QTest::newRow("arrow label") << QRectF(40.3, 30.6, 220.4, 61.2) << qreal(6) << qreal(1.2) << border << label
                                 << qreal(1) << QPointF(0, -17);
    QTest::newRow("selected label") << QRectF(40, 30, 200, 60) << qreal(6) << qreal(2.5) << blue << label
                                    << qreal(1) << QPointF(0, 0);
    // A state pill: the radius is half its height.
    QTest::newRow("state pill") << QRectF(20.5, 40.25, 150, 28) << qreal(14) << qreal(1.5) << blue
                                << QColor(210, 225, 245) << qreal(1) << QPointF(3, 0);
    // Taller than a band of rows: the middle and the sides are drawn in runs that must meet.
    QTest::newRow("tall box") << QRectF(30, 20, 120, 230) << qreal(6) << qreal(1.2) << border << label << qreal(1)
                              << QPointF(0, -5);
    QTest::newRow("opaque, no pen") << QRectF(30, 20, 120, 80) << qreal(8) << qreal(0) << QColor() << QColor(Qt::gray)
                                    << qreal(1) << QPointF(0, 0);
    QTest::newRow("high-DPI screen") << QRectF(20.3, 10.7, 150, 60) << qreal(6) << qreal(1.2) << border << label
                                     << qreal(2) << QPointF(0, -3);
}

void TestRoundedBox::sameBoxAsDrawRoundedRect()
{
    QFETCH(QRectF, rect);
    QFETCH(qreal, radius);
    QFETCH(qreal, penWidth);
    QFETCH(QColor, pen);
    QFETCH(QColor, fill);
    QFETCH(qreal, ratio);
    QFETCH(QPointF, translation);
    const QPen stroke = penWidth > 0 ? QPen(pen, penWidth) : QPen(Qt::NoPen);
    const QSize size(320, 280);

    QImage reference = blank(size, ratio);
    {
        QPainter painter(&reference);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(stroke);
        painter.setBrush(fill);
        painter.drawRoundedRect(rect, radius, radius);
    }
    QImage pieces = blank(size, ratio);
    {
        QPainter painter(&pieces);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.translate(translation);
        QVERIFY(RoundedBox::paintsInPieces(painter, stroke));
        RoundedBox::paint(painter, rect.translated(-translation), radius, stroke, fill);
    }

    // The same place and size: the edges within a pixel of drawRoundedRect's (the pieces sit on
    // whole device pixels).
    const QRect want = inkBounds(reference);
    const QRect got = inkBounds(pieces);
    QVERIFY(!got.isEmpty());
    const int slack = int(std::ceil(ratio));
    QVERIFY2(std::abs(got.left() - want.left()) <= slack && std::abs(got.top() - want.top()) <= slack
                 && std::abs(got.right() - want.right()) <= slack && std::abs(got.bottom() - want.bottom()) <= slack,
             qPrintable(QStringLiteral("box at %1,%2 %3x%4, drawRoundedRect's at %5,%6 %7x%8")
                            .arg(got.x()).arg(got.y()).arg(got.width()).arg(got.height())
                            .arg(want.x()).arg(want.y()).arg(want.width()).arg(want.height())));

    // Rounded: the outermost corner pixels are left as they were.
    for (const QPoint corner : {got.topLeft(), got.topRight(), got.bottomLeft(), got.bottomRight()})
        QVERIFY2(near(pieces.pixel(corner), background.rgb(), 40), describe(pieces.pixel(corner)));

    // Filled: every row of the middle column between the edges is the fill over the background,
    // as drawRoundedRect fills it (no gap where one run of rows meets the next).
    const int middleX = got.center().x();
    const int penPixels = penWidth > 0 ? std::max(1, int(std::lround(penWidth * ratio))) : 0;
    const int cornerPixels = int(std::lround(radius * ratio)) + penPixels + 1;
    const QRgb filled = over(fill);
    QVERIFY2(near(reference.pixel(want.center()), filled), describe(reference.pixel(want.center())));
    for (int y = got.top() + cornerPixels; y <= got.bottom() - cornerPixels; ++y)
        QVERIFY2(near(pieces.pixel(middleX, y), filled),
                 qPrintable(QStringLiteral("row %1: %2").arg(y).arg(QLatin1String(describe(pieces.pixel(middleX, y))))));
    // Stroked: the outermost row and column are the pen over the background, all along the sides.
    if (penWidth > 0) {
        const QRgb edge = over(pen);
        QVERIFY2(near(pieces.pixel(middleX, got.top()), edge, 4), describe(pieces.pixel(middleX, got.top())));
        QVERIFY2(near(pieces.pixel(middleX, got.bottom()), edge, 4), describe(pieces.pixel(middleX, got.bottom())));
        for (int y = got.top() + cornerPixels; y <= got.bottom() - cornerPixels; ++y) {
            QVERIFY2(near(pieces.pixel(got.left(), y), edge, 4), describe(pieces.pixel(got.left(), y)));
            QVERIFY2(near(pieces.pixel(got.right(), y), edge, 4), describe(pieces.pixel(got.right(), y)));
        }
    }
}

void TestRoundedBox::otherDevicesGetDrawRoundedRect()
{
    const QPen pen(Qt::darkBlue, 1.2);
    const QRectF rect(10.5, 10.5, 120, 50);
    // A recording (what SVG and PDF export paint on) keeps the vector shape.
    QPicture picture;
    {
        QPainter painter(&picture);
        QVERIFY(!RoundedBox::paintsInPieces(painter, pen));
    }
    // A scaled PNG export draws the shape itself: the same pixels as drawRoundedRect.
    QImage direct = blank(QSize(300, 160));
    QImage viaBox = blank(QSize(300, 160));
    for (QImage *image : {&direct, &viaBox}) {
        QPainter painter(image);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.scale(2, 2);
        if (image == &viaBox) {
            QVERIFY(!RoundedBox::paintsInPieces(painter, pen));
            RoundedBox::paint(painter, rect, 6, pen, Qt::white);
        } else {
            painter.setPen(pen);
            painter.setBrush(Qt::white);
            painter.drawRoundedRect(rect, 6, 6);
        }
    }
    QCOMPARE(viaBox, direct);
    // A dashed pen is not a solid edge to stretch.
    QImage image = blank(QSize(10, 10));
    QPainter painter(&image);
    QVERIFY(!RoundedBox::paintsInPieces(painter, QPen(Qt::black, 1, Qt::DashLine)));
    QVERIFY(RoundedBox::paintsInPieces(painter, pen));
}

void TestRoundedBox::paintsWithoutWaitingOnThePool()
{
    // A window-sized frame with a ladder's worth of label boxes, while every thread of Qt's pool
    // is busy: a fill handed to the pool must wait for one (a voluntary context switch of this
    // thread), however fast the machine; the pieces never wait.
    QImage frame = blank(QSize(1280, 720));
    QPainter painter(&frame);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPen pen(QColor(21, 101, 192, 150), 1.2);
    const QColor fill(255, 255, 255, 240);
    const auto box = [](int i) { return QRectF(40.5 + (i % 5) * 230, 20.25 + (i / 5) * 90, 210.5, 80.3); };
    RoundedBox::paint(painter, box(0), 6, pen, fill); // the corners drawn once, before counting
    QThreadPool *pool = QThreadPool::globalInstance();
    QSemaphore sleeping;
    for (int i = 0; i < pool->maxThreadCount(); ++i)
        pool->start([&sleeping] { sleeping.release(); QThread::msleep(300); });
    // Counted only once every pool thread has started (a thread starting up takes locks
    // this thread might wait on) and sleeps.
    sleeping.acquire(pool->maxThreadCount());
    long before = voluntarySwitches();
    for (int i = 0; i < 40; ++i)
        RoundedBox::paint(painter, box(i), 6, pen, fill);
    const long withPieces = voluntarySwitches() - before;
    before = voluntarySwitches();
    painter.setPen(pen);
    painter.setBrush(fill);
    painter.drawRoundedRect(box(0), 6, 6);
    const long withDrawRoundedRect = voluntarySwitches() - before;
    pool->waitForDone();
    // The count can see a wait: drawRoundedRect's box was handed off and waited for.
    QVERIFY2(withDrawRoundedRect >= 1, qPrintable(QString::number(withDrawRoundedRect)));
    QCOMPARE(withPieces, 0L);
}

QTEST_MAIN(TestRoundedBox)
#include "tst_roundedbox.moc"
