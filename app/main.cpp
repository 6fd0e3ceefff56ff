// SPDX-License-Identifier: GPL-3.0-or-later
#include "appstyle.h"
#include "comparedialog.h"
#include "mainwindow.h"

#include "tcpsim/render/ladderexport.h"

#include <QAction>
#include <QApplication>
#include <QCoreApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QStyleFactory>
#include <QTranslator>

#include <cstdio>
#include <optional>

namespace {

int fail(const QString &message)
{
    std::fprintf(stderr, "tcpsim: %s\n", qPrintable(message));
    return 2;
}

// Translation context for the command line's texts (lupdate reads Q_DECLARE_TR_FUNCTIONS).
class CommandLine
{
    Q_DECLARE_TR_FUNCTIONS(CommandLine)
};

// The value of --language (also --language=X), read before the parser exists: the options'
// help text is translated, so the translator must be installed first.
QString requestedLanguage(const QStringList &arguments)
{
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments[i];
        if (argument == QLatin1String("--language") && i + 1 < arguments.size())
            return arguments[i + 1];
        if (argument.startsWith(QLatin1String("--language=")))
            return argument.mid(int(qstrlen("--language=")));
    }
    return {};
}

// The interface language: the option, else the system's. Nullopt for a language we don't have.
std::optional<QLocale> interfaceLocale(const QString &language)
{
    if (language.isEmpty())
        return QLocale::system();
    if (language == QLatin1String("en"))
        return QLocale(QLocale::English, QLocale::UnitedStates);
    if (language.startsWith(QLatin1String("zh")))
        return QLocale(QLocale::Chinese, QLocale::China);
    return std::nullopt;
}

// Options that need no window: --help and --version print and exit, --screenshot renders
// offscreen. They must work without a display too (a terminal over ssh, a package check).
bool needsNoDisplay(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray argument(argv[i]);
        if (argument == "--help" || argument == "-h" || argument == "--version" || argument == "-v"
            || argument == "--screenshot" || argument.startsWith("--screenshot="))
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY")
        && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") && needsNoDisplay(argc, argv))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/io.github.tcpsim.tcpsim.svg")));
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.tcpsim.tcpsim"));
    QApplication::setApplicationName(QStringLiteral("tcpsim"));
    QApplication::setOrganizationName(QStringLiteral("tcpsim"));
    QApplication::setApplicationVersion(QStringLiteral(TCPSIM_VERSION));

    const QString language = requestedLanguage(QCoreApplication::arguments());
    const std::optional<QLocale> locale = interfaceLocale(language);
    if (!locale)
        return fail(CommandLine::tr("unknown language %1 (use zh_CN or en)").arg(language));
    QLocale::setDefault(*locale);
    QTranslator translator;
    QTranslator qtTranslator;
    if (locale->language() == QLocale::Chinese) {
        if (translator.load(QStringLiteral(":/i18n/tcpsim_zh_CN.qm")))
            QApplication::installTranslator(&translator);
        if (qtTranslator.load(*locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                              QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QApplication::installTranslator(&qtTranslator);
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(CommandLine::tr("Step through TCP's handshake and teardown."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption lessonOption(QStringLiteral("lesson"),
                                          CommandLine::tr("Built-in lesson name (handshake, lost-syn, ...) or a .tcp file."),
                                          QStringLiteral("NAME|FILE"));
    const QCommandLineOption stepsOption(QStringLiteral("steps"), CommandLine::tr("Run N steps of the lesson."),
                                         QStringLiteral("N"));
    const QCommandLineOption screenshotOption(QStringLiteral("screenshot"),
                                              CommandLine::tr("Render the window to a PNG without showing it, then exit."),
                                              QStringLiteral("FILE.png"));
    const QCommandLineOption sizeOption(QStringLiteral("size"), CommandLine::tr("Window size for --screenshot (default 1280x720)."),
                                        QStringLiteral("WxH"), QStringLiteral("1280x720"));
    const QCommandLineOption inspectOption(QStringLiteral("inspect"),
                                           CommandLine::tr("Show segment K (1-based send order) in the inspector."),
                                           QStringLiteral("K"));
    const QCommandLineOption languageOption(QStringLiteral("language"),
                                            CommandLine::tr("User interface language: zh_CN or en (default: the system's)."),
                                            QStringLiteral("zh_CN|en"));
    const QCommandLineOption paletteOption(QStringLiteral("palette"),
                                           CommandLine::tr("Use the Fusion style with a dark, light or high-contrast palette (contrast: "
                                                           "black on white for washed-out projectors)."),
                                           QStringLiteral("dark|light|contrast"));
    const QCommandLineOption numbersOption(QStringLiteral("numbers"),
                                           CommandLine::tr("Sequence numbers: symbolic, relative or absolute."),
                                           QStringLiteral("STYLE"));
    const QCommandLineOption liveOption(QStringLiteral("live"),
                                        CommandLine::tr("Mirror every step on a real socket pair on loopback (Linux default)."));
    const QCommandLineOption noLiveOption(QStringLiteral("no-live"), CommandLine::tr("Do not mirror on real sockets."));
    const QCommandLineOption livePortOption(QStringLiteral("live-port"),
                                            CommandLine::tr("Port of the live server (default 3267; 0 = any free port)."),
                                            QStringLiteral("N"), QStringLiteral("3267"));
    const QCommandLineOption presentOption(QStringLiteral("present"),
                                           CommandLine::tr("Start in presentation mode (F5): the ladder, the explanation "
                                                           "and the state diagram only, full screen; Esc leaves."));
    parser.addOption(presentOption);
    const QCommandLineOption fitAllOption(QStringLiteral("fit-all"),
                                          CommandLine::tr("Start with View → Fit all: the ladder's rows compressed to "
                                                          "show as much of the lesson as fits."));
    parser.addOption(fitAllOption);
    const QCommandLineOption timeScaleOption(QStringLiteral("time-scale"),
                                             CommandLine::tr("Start with View → Time scale: the ladder's rows placed by "
                                                             "virtual time, long waits shortened and labelled."));
    parser.addOption(timeScaleOption);
    const QCommandLineOption profileOption(QStringLiteral("profile"),
                                           CommandLine::tr("Whose TCP the model plays: rfc (RFC 9293's text) or linux "
                                                           "(the kernel on loopback), over the lesson's own choice."),
                                           QStringLiteral("rfc|linux"));
    parser.addOption(profileOption);
    const QCommandLineOption compareOption(QStringLiteral("compare"),
                                           CommandLine::tr("Open Lesson → Compare textbook and Linux… on the lesson "
                                                           "(with --screenshot, that window is rendered)."));
    parser.addOption(compareOption);
    const QCommandLineOption tabOption(QStringLiteral("tab"),
                                       CommandLine::tr("Bring a tab of the right-hand docks to the front: log, inspector, "
                                                       "live or sockets."),
                                       QStringLiteral("NAME"));
    parser.addOption(tabOption);
    parser.addOptions({lessonOption, stepsOption, screenshotOption, sizeOption, inspectOption, languageOption,
                       paletteOption, numbersOption, liveOption, noLiveOption, livePortOption});
    parser.process(app);

    const QString palette = parser.value(paletteOption);
    if (parser.isSet(paletteOption) && palette != QLatin1String("dark") && palette != QLatin1String("light")
        && palette != QLatin1String("contrast"))
        return fail(CommandLine::tr("unknown palette %1 (use dark, light or contrast)").arg(palette));
    const std::optional<NumberStyle> numberStyle = NumberFormatter::styleNamed(parser.value(numbersOption));
    if (parser.isSet(numbersOption) && !numberStyle)
        return fail(CommandLine::tr("unknown number style %1 (use symbolic, relative or absolute)")
                        .arg(parser.value(numbersOption)));

    const std::optional<tcpsim::Profile> profile = tcpsim::parseProfile(parser.value(profileOption).toStdString());
    if (parser.isSet(profileOption) && !profile)
        return fail(CommandLine::tr("unknown profile %1 (use rfc or linux)").arg(parser.value(profileOption)));

    if (parser.isSet(paletteOption)) {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(palette == QLatin1String("dark")       ? AppStyle::darkPalette()
                                 : palette == QLatin1String("contrast") ? AppStyle::highContrastPalette()
                                                                        : AppStyle::lightPalette());
    }
    QFont font = QApplication::font();
    font.setPixelSize(AppStyle::basePixelSize);
    QApplication::setFont(font);

    const bool screenshot = parser.isSet(screenshotOption);
    MainWindow window(screenshot ? MainWindow::SettingsPolicy::Ignore : MainWindow::SettingsPolicy::Remember);
    bool portOk = false;
    const uint livePort = parser.value(livePortOption).toUInt(&portOk);
    if (!portOk || livePort > 65535)
        return fail(CommandLine::tr("--live-port takes 0..65535"));
    window.setLivePort(quint16(livePort));
    if (parser.isSet(liveOption) || parser.isSet(noLiveOption))
        window.setLiveEnabled(!parser.isSet(noLiveOption));
    if (profile)
        window.setProfileChoice(profile);
    if (parser.isSet(lessonOption)) {
        QString error;
        if (!window.loadLesson(parser.value(lessonOption), &error))
            return fail(error);
    }
    if (numberStyle)
        window.setNumberStyle(*numberStyle);
    if (parser.isSet(stepsOption)) {
        bool ok = false;
        const int steps = parser.value(stepsOption).toInt(&ok);
        if (!ok || steps < 0)
            return fail(CommandLine::tr("--steps wants a number"));
        window.goToStep(steps);
    }
    if (parser.isSet(inspectOption)) {
        bool ok = false;
        const qulonglong id = parser.value(inspectOption).toULongLong(&ok);
        if (!ok || !window.inspectSegment(id))
            return fail(CommandLine::tr("--inspect %1: no such segment after these steps").arg(parser.value(inspectOption)));
    }

    if (parser.isSet(tabOption) && !window.raiseTab(parser.value(tabOption)))
        return fail(CommandLine::tr("unknown tab %1 (use log, inspector, live or sockets)").arg(parser.value(tabOption)));
    if (parser.isSet(presentOption))
        window.setPresenting(MainWindow::Presenting::On);
    if (parser.isSet(timeScaleOption)) {
        if (auto *timeScale = window.findChild<QAction *>(QStringLiteral("timeScaleAction")))
            timeScale->setChecked(true);
    }
    if (parser.isSet(fitAllOption)) {
        if (auto *fitAll = window.findChild<QAction *>(QStringLiteral("fitAllAction")))
            fitAll->setChecked(true);
    }

    if (screenshot) {
        const QStringList parts = parser.value(sizeOption).split(QLatin1Char('x'));
        const int width = parts.size() == 2 ? parts[0].toInt() : 0;
        const int height = parts.size() == 2 ? parts[1].toInt() : 0;
        if (width < 320 || height < 240)
            return fail(CommandLine::tr("--size wants WxH, at least 320x240"));
        QImage image;
        if (parser.isSet(compareOption)) {
            CompareDialog dialog(window.controller()->lesson(), window.controller()->baseConfig(), window.numberStyle());
            dialog.setAttribute(Qt::WA_DontShowOnScreen);
            dialog.resize(width, height);
            dialog.show();
            dialog.showDivergence(static_cast<int>(dialog.sentences().size()) - 1); // where they part last
            image = dialog.grab().toImage();
        } else {
            image = window.renderImage(QSize(width, height));
        }
        const QString file = parser.value(screenshotOption);
        if (!image.save(file, "PNG", LadderExport::pngQuality))
            return fail(CommandLine::tr("cannot write %1").arg(QDir::toNativeSeparators(file)));
        return 0;
    }

    window.show();
    if (parser.isSet(compareOption)) {
        if (auto *compare = window.findChild<QAction *>(QStringLiteral("compareProfilesAction")))
            compare->trigger();
    }
    return QApplication::exec();
}
