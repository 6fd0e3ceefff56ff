// SPDX-License-Identifier: GPL-3.0-or-later
// The palettes a class may project: in each, the client's and the server's colours are readable
// on the background (WCAG contrast ratio at least 4.5:1, text size) and stay apart for students
// with red-green colour blindness (Viénot, Brettel and Mollon's 1999 simulation of protanopia
// and deuteranopia keeps them at a clear distance).
#include "tcpsim/render/appstyle.h"

#include <QTest>

#include <array>
#include <cmath>

using namespace tcpsim;

namespace {

double linear(double channel)
{
    return channel <= 0.04045 ? channel / 12.92 : std::pow((channel + 0.055) / 1.055, 2.4);
}

double luminance(const QColor &color)
{
    return 0.2126 * linear(color.redF()) + 0.7152 * linear(color.greenF()) + 0.0722 * linear(color.blueF());
}

double contrastRatio(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

using Matrix = std::array<std::array<double, 3>, 3>;
// Viénot, Brettel, Mollon 1999, in linear RGB.
const Matrix protanopia{{{0.11238, 0.88762, 0.0}, {0.11238, 0.88762, 0.0}, {0.00401, -0.00401, 1.0}}};
const Matrix deuteranopia{{{0.29275, 0.70725, 0.0}, {0.29275, 0.70725, 0.0}, {-0.02234, 0.02234, 1.0}}};

std::array<double, 3> seenWith(const Matrix &m, const QColor &color)
{
    const std::array<double, 3> rgb{linear(color.redF()), linear(color.greenF()), linear(color.blueF())};
    std::array<double, 3> out{};
    for (int row = 0; row < 3; ++row)
        out[row] = m[row][0] * rgb[0] + m[row][1] * rgb[1] + m[row][2] * rgb[2];
    return out;
}

double distance(const std::array<double, 3> &a, const std::array<double, 3> &b)
{
    double sum = 0;
    for (int i = 0; i < 3; ++i)
        sum += (a[i] - b[i]) * (a[i] - b[i]);
    return std::sqrt(sum);
}

} // namespace

Q_DECLARE_METATYPE(QPalette)

class TestAppStyle : public QObject
{
    Q_OBJECT

private slots:
    void sideColours_readableAndDistinct_data()
    {
        QTest::addColumn<QPalette>("palette");
        QTest::addColumn<double>("minimumContrast");
        QTest::newRow("light") << AppStyle::lightPalette() << 4.5;
        QTest::newRow("dark") << AppStyle::darkPalette() << 4.5;
        // For a washed-out projector: well above the text minimum.
        QTest::newRow("high contrast") << AppStyle::highContrastPalette() << 7.0;
    }
    void sideColours_readableAndDistinct()
    {
        QFETCH(QPalette, palette);
        QFETCH(double, minimumContrast);
        const QColor base = palette.color(QPalette::Base);
        const QColor client = AppStyle::sideColor(Side::Client, palette);
        const QColor server = AppStyle::sideColor(Side::Server, palette);
        QVERIFY2(contrastRatio(client, base) >= minimumContrast, qPrintable(QString::number(contrastRatio(client, base))));
        QVERIFY2(contrastRatio(server, base) >= minimumContrast, qPrintable(QString::number(contrastRatio(server, base))));
        QVERIFY(contrastRatio(AppStyle::lostColor(palette), base) >= 4.5);
        QVERIFY(contrastRatio(AppStyle::mutedText(palette), base) >= 4.5);
        for (const Matrix *m : {&protanopia, &deuteranopia}) {
            const double apart = distance(seenWith(*m, client), seenWith(*m, server));
            QVERIFY2(apart >= 0.1, qPrintable(QString::number(apart)));
        }
    }
    void highContrast_isRecognised()
    {
        QVERIFY(AppStyle::isHighContrast(AppStyle::highContrastPalette()));
        QVERIFY(!AppStyle::isHighContrast(AppStyle::lightPalette()));
        QVERIFY(!AppStyle::isHighContrast(AppStyle::darkPalette()));
        QCOMPARE(AppStyle::highContrastPalette().color(QPalette::WindowText), QColor(Qt::black));
    }
};

QTEST_MAIN(TestAppStyle)
#include "tst_appstyle.moc"
