// SPDX-License-Identifier: GPL-3.0-or-later
#include "export.h"

#include "exitcode.h"
#include "lessonrun.h"

#include "tcpsim/render/ladderexport.h"
#include "tcpsim/session/lessonlibrary.h"

#include <QCommandLineParser>
#include <QFile>
#include <QGuiApplication>
#include <QLocale>
#include <QTextStream>
#include <QTranslator>

#include <cstring>
#include <optional>

using namespace tcpsim;

namespace tcpsim::cli {

namespace {

constexpr int cannotRun = static_cast<int>(ExitCode::CannotRun);

const char *const description = R"(Writes a lesson's ladder diagram, and the RFC 9293 state diagram beside it,
as a file for slides and handouts: SVG (vector text), PDF (A4 or Letter, one page
per screenful of steps, the state diagram on the last page) or PNG (--scale 2
for slides). The type is the file's suffix. The whole lesson, or up to
--until-step N (the window's "Step N of M").

Exit status: 0 written; 2 a bad option, a lesson that cannot run, a file name
that is not .svg/.pdf/.png, or a path that cannot be written.)";

struct ExportRequest {
    QString path;
    QString lesson;
    QString language; // "en", "zh_CN" or empty (the system's)
    std::optional<int> untilStep;
    SimulationConfig config;
    LadderExport::Options options;
};

std::optional<ExportRequest> parseExportArguments(const QStringList &arguments, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QString::fromUtf8(description));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("LESSON"),
                                 QStringLiteral("A built-in lesson's name, a lesson file, or - for standard input."));
    const QCommandLineOption exportOption(QStringLiteral("export"),
                                          QStringLiteral("Write the ladder to FILE (.svg, .pdf or .png)."),
                                          QStringLiteral("FILE"));
    const QCommandLineOption untilOption(QStringLiteral("until-step"),
                                         QStringLiteral("Draw steps 1..N only (default: the whole lesson)."),
                                         QStringLiteral("N"));
    const QCommandLineOption noDiagramOption(QStringLiteral("no-diagram"),
                                             QStringLiteral("Leave the state diagram out."));
    const QCommandLineOption scaleOption(QStringLiteral("scale"),
                                         QStringLiteral("PNG: pixels per ladder pixel, 1 to %1 (default 1).")
                                             .arg(LadderExport::maxScale),
                                         QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption pageOption(QStringLiteral("page"), QStringLiteral("PDF: a4 or letter (default a4)."),
                                        QStringLiteral("SIZE"), QStringLiteral("a4"));
    const QCommandLineOption numbersOption(QStringLiteral("numbers"),
                                           QStringLiteral("Sequence numbers: symbolic, relative or absolute "
                                                          "(default symbolic)."),
                                           QStringLiteral("STYLE"), QStringLiteral("symbolic"));
    const QCommandLineOption languageOption(QStringLiteral("language"),
                                            QStringLiteral("Language of the texts: en or zh_CN (default: the "
                                                           "system's)."),
                                            QStringLiteral("LANG"));
    const QCommandLineOption seedOption(QStringLiteral("seed"),
                                        QStringLiteral("Seed for the ISNs a script does not fix (default 1)."),
                                        QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption mslOption(QStringLiteral("msl"),
                                       QStringLiteral("Maximum segment lifetime in seconds (default 30)."),
                                       QStringLiteral("SECONDS"), QStringLiteral("30"));
    const QCommandLineOption timeScaleOption(QStringLiteral("time-scale"),
                                             QStringLiteral("Rows placed by virtual time: the SYN back-off and the "
                                                            "2MSL wait get their length (long waits shortened and "
                                                            "labelled)."));
    parser.addOption(timeScaleOption);
    parser.addOptions({exportOption, untilOption, noDiagramOption, scaleOption, pageOption, numbersOption,
                       languageOption, seedOption, mslOption});
    if (!parser.parse(arguments)) {
        err << "tcpsim-cli: " << parser.errorText() << '\n';
        return std::nullopt;
    }
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(static_cast<int>(ExitCode::Ok));

    ExportRequest request;
    request.path = parser.value(exportOption);
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        err << "tcpsim-cli: --export: expected one LESSON (a built-in name, a file, or - for standard input)\n";
        return std::nullopt;
    }
    request.lesson = positional.first();
    if (!LadderExport::formatFor(request.path)) {
        err << "tcpsim-cli: --export " << request.path << ": the file name must end in .svg, .pdf or .png\n";
        return std::nullopt;
    }
    bool ok = true;
    if (parser.isSet(untilOption)) {
        const int step = parser.value(untilOption).toInt(&ok);
        if (!ok || step < 0) {
            err << "tcpsim-cli: --until-step takes a step number (0 or more)\n";
            return std::nullopt;
        }
        request.untilStep = step;
    }
    request.options.timeScale = parser.isSet(timeScaleOption);
    request.options.diagram = parser.isSet(noDiagramOption) ? LadderExport::Diagram::Omit
                                                             : LadderExport::Diagram::Include;
    request.options.scale = parser.value(scaleOption).toInt(&ok);
    if (!ok || request.options.scale < 1 || request.options.scale > LadderExport::maxScale) {
        err << "tcpsim-cli: --scale takes 1 to " << LadderExport::maxScale << '\n';
        return std::nullopt;
    }
    const QString page = parser.value(pageOption).toLower();
    if (page != QLatin1String("a4") && page != QLatin1String("letter")) {
        err << "tcpsim-cli: --page takes a4 or letter\n";
        return std::nullopt;
    }
    request.options.pageSize = page == QLatin1String("letter") ? LadderExport::PageSize::Letter
                                                               : LadderExport::PageSize::A4;
    const std::optional<NumberStyle> style = NumberFormatter::styleNamed(parser.value(numbersOption));
    if (!style) {
        err << "tcpsim-cli: --numbers takes symbolic, relative or absolute\n";
        return std::nullopt;
    }
    request.options.numberStyle = *style;
    request.language = parser.value(languageOption);
    if (!request.language.isEmpty() && request.language != QLatin1String("en")
        && !request.language.startsWith(QLatin1String("zh"))) {
        err << "tcpsim-cli: --language takes en or zh_CN\n";
        return std::nullopt;
    }
    if (!tcpsim::cli::readSeedAndMsl(parser, seedOption, mslOption, &request.config, err))
        return std::nullopt;
    return request;
}

bool isChinese(const QString &language)
{
    if (language.isEmpty())
        return QLocale::system().language() == QLocale::Chinese;
    return language.startsWith(QLatin1String("zh"));
}

} // namespace

bool isExportCommand(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--export") == 0 || std::strncmp(argv[i], "--export=", 9) == 0)
            return true;
    }
    return false;
}

int runExport(int argc, char *argv[])
{
    // Writing a file needs no window: Qt's offscreen platform paints the same text and shapes
    // with no display (ssh, CI), unless the caller chose a platform.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tcpsim-cli"));
    QTextStream out(stdout);
    QTextStream err(stderr);

    const std::optional<ExportRequest> request = parseExportArguments(QCoreApplication::arguments(), err);
    if (!request)
        return cannotRun;

    const bool chinese = isChinese(request->language);
    QTranslator translator;
    if (chinese) {
        QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::China));
        if (translator.load(QStringLiteral(":/i18n/tcpsim_zh_CN.qm")))
            QCoreApplication::installTranslator(&translator);
    } else {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    const std::optional<Lesson> lesson = tcpsim::cli::loadLessonArgument(request->lesson, err);
    if (!lesson)
        return cannotRun;
    const QString title = QString::fromStdString(chinese && !lesson->titleZh.empty() ? lesson->titleZh : lesson->title);
    const LadderExport::Content content = LadderExport::contentOf(*lesson, request->config, request->untilStep, title);
    const LadderExport::Result result = LadderExport::write(request->path, content, request->options);
    if (!result.ok()) {
        err << "tcpsim-cli: " << result.error << '\n';
        return cannotRun;
    }
    out << request->path << ": steps 1-" << content.step << " of " << content.stepCount;
    if (LadderExport::formatFor(request->path) == LadderExport::Format::Pdf)
        out << ", " << result.pageCount << (result.pageCount == 1 ? " page" : " pages");
    else
        out << ", " << result.pixelSize.width() << "x" << result.pixelSize.height() << " px";
    out << '\n';
    return static_cast<int>(ExitCode::Ok);
}

} // namespace tcpsim::cli
