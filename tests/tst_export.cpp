// SPDX-License-Identifier: GPL-3.0-or-later
// core/render's LadderExport (SVG with vector text, paginated PDF in A4 and Letter, PNG at a
// scale) and tcpsim-cli --export for every built-in lesson and format.
#include "tcpsim/render/ladderexport.h"
#include "tcpsim/session/lessonlibrary.h"

#include <QFile>
#include <QImageReader>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace tcpsim;

namespace {

Lesson builtIn(const QString &name)
{
    auto loaded = LessonLibrary::load(name);
    if (!std::holds_alternative<Lesson>(loaded))
        qFatal("built-in lesson does not load");
    return std::get<Lesson>(std::move(loaded));
}

// A soak-like lesson: the handshake, then `exchanges` messages, 3 steps each.
Lesson longLesson(int exchanges)
{
    QByteArray text = "client isn 100\nserver isn 300\nserver listen\nclient connect\nsettle\n";
    for (int i = 0; i < exchanges; ++i)
        text += "client send \"message " + QByteArray::number(i) + "\"\nclient deliver\nserver deliver\n";
    auto parsed = LessonLibrary::parse(text, QStringLiteral("long.tcp"));
    if (!std::holds_alternative<Lesson>(parsed))
        qFatal("long lesson does not parse");
    return std::get<Lesson>(std::move(parsed));
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

int pdfPageCount(const QByteArray &pdf)
{
    // One "/Type /Page" dictionary per page ("/Type /Pages" is the page tree).
    static const QRegularExpression page(QStringLiteral("/Type\\s*/Page(?!s)"));
    return static_cast<int>(QString::fromLatin1(pdf).count(page));
}

} // namespace

class TestExport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void formatFor_bySuffix_data();
    void formatFor_bySuffix();
    void svg_hasVectorTextNotAnImage();
    void svg_untilStep_drawsOnlyThoseSteps();
    void svg_withoutDiagram_isOnlyTheLadder();
    void png_scale2_doublesThePixels();
    void pdf_longLesson_hasMorePages();
    void pdf_pageSize_data();
    void pdf_pageSize();
    void write_badSuffix_orUnwritablePath_isAnError();
    void cli_everyBuiltInLesson_data();
    void cli_everyBuiltInLesson();
    void cli_badSuffixOrPath_exits2_data();
    void cli_badSuffixOrPath_exits2();

private:
    QTemporaryDir m_dir;
};

void TestExport::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void TestExport::formatFor_bySuffix_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("format"); // -1: none
    QTest::newRow("svg") << "ladder.svg" << int(LadderExport::Format::Svg);
    QTest::newRow("PDF upper case") << "/tmp/Ladder.PDF" << int(LadderExport::Format::Pdf);
    QTest::newRow("png") << "a.b.png" << int(LadderExport::Format::Png);
    QTest::newRow("jpeg") << "ladder.jpg" << -1;
    QTest::newRow("no suffix") << "ladder" << -1;
}

void TestExport::formatFor_bySuffix()
{
    QFETCH(QString, path);
    QFETCH(int, format);
    const auto found = LadderExport::formatFor(path);
    QCOMPARE(found ? int(*found) : -1, format);
}

void TestExport::svg_hasVectorTextNotAnImage()
{
    const QString path = m_dir.filePath(QStringLiteral("handshake.svg"));
    const auto content = LadderExport::contentOf(builtIn(QStringLiteral("handshake")), {}, std::nullopt,
                                                 QStringLiteral("Handshake"));
    const LadderExport::Result result = LadderExport::write(path, content, {});
    QVERIFY2(result.ok(), qPrintable(result.error));
    const QString svg = QString::fromUtf8(readAll(path));
    QVERIFY(svg.contains(QLatin1String("<svg")));
    QVERIFY(!svg.contains(QLatin1String("<image")));
    // The state labels, the diagram's boxes and the segment labels are <text> elements.
    static const QRegularExpression text(QStringLiteral("<text[^>]*>([^<]*)</text>"));
    QStringList texts;
    for (auto it = text.globalMatch(svg); it.hasNext();)
        texts.append(it.next().captured(1).trimmed());
    for (const char *expected : {"SYN-SENT", "SYN-RECEIVED", "TIME-WAIT", "SYN", "SYN+ACK", "FIN+ACK", "seq=k ack=j+1",
                                 "Client", "Server"})
        QVERIFY2(texts.contains(QLatin1String(expected)), expected);
    // SYN-SENT both as the client's label in the ladder and as a box of the state diagram.
    QVERIFY(texts.count(QStringLiteral("SYN-SENT")) >= 2);
}

void TestExport::svg_untilStep_drawsOnlyThoseSteps()
{
    const Lesson lesson = builtIn(QStringLiteral("handshake"));
    const auto whole = LadderExport::contentOf(lesson, {}, std::nullopt, QString());
    const auto early = LadderExport::contentOf(lesson, {}, 3, QString());
    QCOMPARE(early.step, 3);
    QCOMPARE(whole.step, whole.stepCount);
    QVERIFY(early.events.size() < whole.events.size());
    const QString wholePath = m_dir.filePath(QStringLiteral("whole.svg"));
    const QString earlyPath = m_dir.filePath(QStringLiteral("early.svg"));
    const auto wholeResult = LadderExport::write(wholePath, whole, {});
    const auto earlyResult = LadderExport::write(earlyPath, early, {});
    QVERIFY(wholeResult.ok() && earlyResult.ok());
    QVERIFY(earlyResult.pixelSize.height() < wholeResult.pixelSize.height());
    const QString svg = QString::fromUtf8(readAll(earlyPath));
    QVERIFY(svg.contains(QLatin1String(">SYN+ACK<")));   // step 3 delivers the SYN, the SYN,ACK is sent
    QVERIFY(!svg.contains(QLatin1String(">FIN+ACK<")));  // the teardown is not drawn yet
}

void TestExport::svg_withoutDiagram_isOnlyTheLadder()
{
    const auto content = LadderExport::contentOf(builtIn(QStringLiteral("handshake")), {}, std::nullopt, QString());
    LadderExport::Options options;
    const auto with = LadderExport::write(m_dir.filePath(QStringLiteral("with.svg")), content, options);
    options.diagram = LadderExport::Diagram::Omit;
    const QString path = m_dir.filePath(QStringLiteral("without.svg"));
    const auto without = LadderExport::write(path, content, options);
    QVERIFY(with.ok() && without.ok());
    QVERIFY(without.pixelSize.width() < with.pixelSize.width());
    // The diagram's legend is gone (its boxes' names are the ladder's state labels too).
    QVERIFY(!QString::fromUtf8(readAll(path)).contains(QLatin1String("not in Figure 5")));
}

void TestExport::png_scale2_doublesThePixels()
{
    const auto content = LadderExport::contentOf(builtIn(QStringLiteral("lost-syn")), {}, std::nullopt, QString());
    LadderExport::Options options;
    const QString one = m_dir.filePath(QStringLiteral("one.png"));
    const QString two = m_dir.filePath(QStringLiteral("two.png"));
    QVERIFY(LadderExport::write(one, content, options).ok());
    options.scale = 2;
    QVERIFY(LadderExport::write(two, content, options).ok());
    const QSize size1 = QImageReader(one).size();
    const QSize size2 = QImageReader(two).size();
    QVERIFY(size1.width() > 800 && size1.height() > 300);
    QCOMPARE(size2, size1 * 2);
}

void TestExport::pdf_longLesson_hasMorePages()
{
    const QString shortPath = m_dir.filePath(QStringLiteral("short.pdf"));
    const QString longPath = m_dir.filePath(QStringLiteral("long.pdf"));
    const auto shortContent = LadderExport::contentOf(builtIn(QStringLiteral("handshake")), {}, std::nullopt, QString());
    const auto longContent = LadderExport::contentOf(longLesson(33), {}, std::nullopt, QString());
    QVERIFY(longContent.step >= 100);
    const auto shortResult = LadderExport::write(shortPath, shortContent, {});
    const auto longResult = LadderExport::write(longPath, longContent, {});
    QVERIFY2(shortResult.ok(), qPrintable(shortResult.error));
    QVERIFY2(longResult.ok(), qPrintable(longResult.error));
    QCOMPARE(pdfPageCount(readAll(shortPath)), shortResult.pageCount);
    QCOMPARE(pdfPageCount(readAll(longPath)), longResult.pageCount);
    QVERIFY(shortResult.pageCount >= 2); // the ladder, then the state diagram
    // 100 steps: several pages of ladder, more than 3x the 19-step lesson's.
    QVERIFY2(longResult.pageCount > 3 * (shortResult.pageCount - 1),
             qPrintable(QStringLiteral("%1 vs %2 pages").arg(longResult.pageCount).arg(shortResult.pageCount)));
}

void TestExport::pdf_pageSize_data()
{
    QTest::addColumn<int>("pageSize");
    QTest::addColumn<QString>("mediaBox"); // in points
    QTest::newRow("A4") << int(LadderExport::PageSize::A4) << "0 0 595";
    QTest::newRow("Letter") << int(LadderExport::PageSize::Letter) << "0 0 612";
}

void TestExport::pdf_pageSize()
{
    QFETCH(int, pageSize);
    QFETCH(QString, mediaBox);
    LadderExport::Options options;
    options.pageSize = static_cast<LadderExport::PageSize>(pageSize);
    const QString path = m_dir.filePath(QStringLiteral("page-%1.pdf").arg(pageSize));
    const auto content = LadderExport::contentOf(builtIn(QStringLiteral("handshake")), {}, std::nullopt, QString());
    QVERIFY(LadderExport::write(path, content, options).ok());
    const QByteArray pdf = readAll(path);
    QVERIFY(pdf.startsWith("%PDF"));
    QVERIFY2(pdf.contains("/MediaBox [" + mediaBox.toLatin1()), pdf.left(200).constData());
}

void TestExport::write_badSuffix_orUnwritablePath_isAnError()
{
    const auto content = LadderExport::contentOf(builtIn(QStringLiteral("handshake")), {}, 2, QString());
    const QString txt = m_dir.filePath(QStringLiteral("ladder.txt"));
    LadderExport::Result result = LadderExport::write(txt, content, {});
    QVERIFY(!result.ok());
    QVERIFY(result.error.contains(QLatin1String(".svg")));
    QVERIFY(!QFile::exists(txt));

    const QString missingDirectory = m_dir.filePath(QStringLiteral("no/such/dir/ladder.svg"));
    result = LadderExport::write(missingDirectory, content, {});
    QVERIFY(!result.ok());
    QVERIFY(result.error.contains(missingDirectory));
    QVERIFY(!QFile::exists(missingDirectory));
}

void TestExport::cli_everyBuiltInLesson_data()
{
    QTest::addColumn<QString>("lesson");
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<QByteArray>("magic");
    const QList<LessonEntry> lessons = LessonLibrary::builtInLessons();
    QVERIFY(lessons.size() >= 10);
    for (const LessonEntry &entry : lessons) {
        QTest::addRow("%s.svg", qPrintable(entry.name)) << entry.name << "svg" << QByteArray("<?xml");
        QTest::addRow("%s.pdf", qPrintable(entry.name)) << entry.name << "pdf" << QByteArray("%PDF-");
        QTest::addRow("%s.png", qPrintable(entry.name)) << entry.name << "png" << QByteArray("\x89PNG");
    }
}

void TestExport::cli_everyBuiltInLesson()
{
    QFETCH(QString, lesson);
    QFETCH(QString, suffix);
    QFETCH(QByteArray, magic);
    const QString path = m_dir.filePath(QStringLiteral("cli-%1.%2").arg(lesson, suffix));
    QProcess cli;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // Headless as over ssh: no display, no platform chosen; the program picks offscreen itself.
    environment.remove(QStringLiteral("DISPLAY"));
    environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
    environment.remove(QStringLiteral("QT_QPA_PLATFORM"));
    cli.setProcessEnvironment(environment);
    cli.start(QStringLiteral(TCPSIM_CLI), {QStringLiteral("--export"), path, lesson});
    QVERIFY(cli.waitForFinished(60000));
    QVERIFY2(cli.exitStatus() == QProcess::NormalExit && cli.exitCode() == 0, cli.readAllStandardError().constData());
    QVERIFY(QString::fromUtf8(cli.readAllStandardOutput()).startsWith(path + QLatin1Char(':')));
    const QByteArray written = readAll(path);
    QVERIFY(written.size() > 1000);
    QVERIFY(written.startsWith(magic));
}

void TestExport::cli_badSuffixOrPath_exits2_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("bad suffix") << QStringList{QStringLiteral("--export"), QStringLiteral("ladder.jpg"),
                                               QStringLiteral("handshake")}
                                << "must end in .svg, .pdf or .png";
    QTest::newRow("unwritable") << QStringList{QStringLiteral("--export"), QStringLiteral("/nonexistent/dir/l.svg"),
                                               QStringLiteral("handshake")}
                                << "/nonexistent/dir/l.svg: cannot write";
    QTest::newRow("bad scale") << QStringList{QStringLiteral("--export"), QStringLiteral("l.png"),
                                              QStringLiteral("--scale"), QStringLiteral("9"), QStringLiteral("handshake")}
                               << "--scale takes 1 to";
    QTest::newRow("bad page") << QStringList{QStringLiteral("--export"), QStringLiteral("l.pdf"),
                                             QStringLiteral("--page"), QStringLiteral("a3"), QStringLiteral("handshake")}
                              << "--page takes a4 or letter";
    QTest::newRow("no such lesson") << QStringList{QStringLiteral("--export"), QStringLiteral("l.svg"),
                                                   QStringLiteral("no-such-lesson")}
                                    << "no-such-lesson";
}

void TestExport::cli_badSuffixOrPath_exits2()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    QProcess cli;
    cli.setWorkingDirectory(m_dir.path());
    cli.start(QStringLiteral(TCPSIM_CLI), arguments);
    QVERIFY(cli.waitForFinished(60000));
    QCOMPARE(cli.exitCode(), 2);
    const QString error = QString::fromUtf8(cli.readAllStandardError());
    QVERIFY2(error.contains(message), qPrintable(error));
}

QTEST_MAIN(TestExport)
#include "tst_export.moc"
