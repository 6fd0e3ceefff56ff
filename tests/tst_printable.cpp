// SPDX-License-Identifier: GPL-3.0-or-later
// Bytes from a lesson file or a live client never reach a terminal, a dialog or the log raw.
#include "tcpsim/session/printable.h"

#include <QTest>

class TestPrintable : public QObject
{
    Q_OBJECT

private slots:
    void bytes_escapesControlsAndInvalidUtf8_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << QByteArray("Hello, hi") << QStringLiteral("Hello, hi");
        QTest::newRow("terminal title and clear") << QByteArray("\x1b]0;OWNED\x07\x1b[2J")
                                                  << QStringLiteral("\\x1b]0;OWNED\\x07\\x1b[2J");
        QTest::newRow("NUL") << QByteArray("a\0b", 3) << QStringLiteral("a\\0b");
        QTest::newRow("newline and tab") << QByteArray("a\nb\tc") << QStringLiteral("a\\nb\\tc");
        QTest::newRow("DEL") << QByteArray("\x7f") << QStringLiteral("\\x7f");
        QTest::newRow("C1 NEL (U+0085)") << QByteArray("\xc2\x85") << QStringLiteral("\\u0085");
        QTest::newRow("Chinese stays") << QByteArray("三次握手") << QStringLiteral("三次握手");
        QTest::newRow("Latin-1 byte") << QByteArray("caf\xe9") << QStringLiteral("caf\\xe9");
        QTest::newRow("truncated sequence") << QByteArray("\xe4\xb8") << QStringLiteral("\\xe4\\xb8");
        QTest::newRow("overlong lead") << QByteArray("\xc0\xaf") << QStringLiteral("\\xc0\\xaf");
    }
    void bytes_escapesControlsAndInvalidUtf8()
    {
        QFETCH(QByteArray, input);
        QFETCH(QString, expected);
        QCOMPARE(Printable::bytes(std::string_view(input.constData(), std::size_t(input.size()))), expected);
    }

    void text_keepsLineBreaksWhenAsked()
    {
        QCOMPARE(Printable::text(u"one\ntwo\x1b", Printable::LineBreaks::Keep), QStringLiteral("one\ntwo\\x1b"));
        QCOMPARE(Printable::text(u"one\ntwo"), QStringLiteral("one\\ntwo"));
    }

    void shortened_cutsLongTokens()
    {
        const QString token(100000, QLatin1Char('x'));
        const QString cut = Printable::shortened(token, 80);
        QCOMPARE(cut.size(), 80);
        QVERIFY(cut.endsWith(QChar(0x2026)));
        QCOMPARE(Printable::shortened(QStringLiteral("short"), 80), QStringLiteral("short"));
    }
};

QTEST_APPLESS_MAIN(TestPrintable)
#include "tst_printable.moc"
