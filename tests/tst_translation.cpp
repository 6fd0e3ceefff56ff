// SPDX-License-Identifier: GPL-3.0-or-later
// The simplified-Chinese translation: the translator the app installs (app/main.cpp, the .qm
// embedded under ":/i18n") also covers core/live's texts — the live rows of the transition log
// and the Live pair dock — and resources/translations/tcpsim_zh_CN.ts has nothing left
// unfinished, no empty translation and the same placeholders as its source texts.
#include "tcpsim/live/kernelobserver.h"
#include "tcpsim/live/liveserver.h"
#include "tcpsim/live/livesession.h"
#include "tcpsim/live/serverpanemodel.h"
#include "tcpsim/session/lessonlibrary.h"

#include <QCoreApplication>
#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

using namespace tcpsim;
using namespace tcpsim::live;

namespace {

bool hasCjk(const QString &text)
{
    for (QChar c : text) {
        if (c.unicode() >= 0x4e00 && c.unicode() <= 0x9fff)
            return true;
    }
    return false;
}

// "%1", "%2", "%n" ... in order of appearance, sorted: a translation may move them.
QStringList placeholders(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("%(\\d|n)"));
    QStringList found;
    for (auto it = pattern.globalMatch(text); it.hasNext();)
        found << it.next().captured();
    found.sort();
    return found;
}

} // namespace

class TestTranslation : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void kernelObserver_unavailableText();
    void lessonLibrary_fileErrors();
    void liveSession_texts();
    void liveSession_simulationOnlyNotes();
    void liveSession_listenNotes();
    void serverPane_headersAndKinds();
    void tsFile_complete();

private:
    QTranslator m_translator;
};

void TestTranslation::initTestCase()
{
    // As app/main.cpp does for --language zh_CN.
    QVERIFY(m_translator.load(QStringLiteral(":/i18n/tcpsim_zh_CN.qm")));
    QVERIFY(QCoreApplication::installTranslator(&m_translator));
}

void TestTranslation::cleanupTestCase()
{
    QCoreApplication::removeTranslator(&m_translator);
}

void TestTranslation::kernelObserver_unavailableText()
{
    const QString text = KernelObserver::unavailableText();
    QVERIFY2(text != QLatin1String("not available on this system"), qPrintable(text));
    QVERIFY2(hasCjk(text), qPrintable(text));
}

// core/session's texts reach the window's dialogs: a bad lesson file is explained in Chinese.
void TestTranslation::lessonLibrary_fileErrors()
{
    const auto empty = LessonLibrary::parse(QByteArray("\n"), QStringLiteral("empty.tcp"));
    QVERIFY(std::holds_alternative<ScriptError>(empty));
    QVERIFY(hasCjk(LessonLibrary::errorText(std::get<ScriptError>(empty))));
    const auto binary = LessonLibrary::parse(QByteArray("a\0b", 3), QStringLiteral("binary.tcp"));
    QVERIFY(std::holds_alternative<ScriptError>(binary));
    QVERIFY(hasCjk(LessonLibrary::errorText(std::get<ScriptError>(binary))));
}

void TestTranslation::liveSession_texts()
{
    // tr() of the Q_OBJECT classes in namespace tcpsim::live: context "tcpsim::live::LiveSession".
    const QString loopback = LiveSession::tr("simulation only: loopback delivered every segment at once");
    QVERIFY2(hasCjk(loopback), qPrintable(loopback));
    const QString brief = LiveSession::tr("too brief to sample: on the usual path between the states seen");
    QVERIFY2(hasCjk(brief), qPrintable(brief));
    const QString listening = LiveServer::tr("listening on %1").arg(QStringLiteral("127.0.0.1:3267"));
    QVERIFY2(hasCjk(listening) && listening.contains(QStringLiteral("127.0.0.1:3267")), qPrintable(listening));

    // The free function of livesession.cpp uses the same context.
    const QString why = explainDifference(Side::Server, TcpState::SynReceived, TcpState::Established, Verb::Deliver);
    QVERIFY2(hasCjk(why), qPrintable(why));
    QVERIFY2(why.contains(QStringLiteral("SYN-RECV")) && why.contains(QStringLiteral("ESTABLISHED")), qPrintable(why));

    Observation observation;
    observation.source = Observation::Source::Kernel;
    observation.observed = false;
    QVERIFY2(hasCjk(observation.toText()), qPrintable(observation.toText()));
}

void TestTranslation::liveSession_simulationOnlyNotes()
{
    LiveSession session;
    QSignalSpy spy(&session, &LiveSession::observed);
    Command drop;
    drop.verb = Verb::Drop;
    Command settle;
    settle.verb = Verb::Settle;
    session.perform(drop, 0);
    session.perform(settle, 1);
    QCOMPARE(spy.size(), 2);
    for (const QList<QVariant> &arguments : spy) {
        const auto observation = arguments.at(0).value<Observation>();
        QCOMPARE(observation.source, Observation::Source::Note);
        QVERIFY2(hasCjk(observation.detail), qPrintable(observation.detail));
        QVERIFY2(!observation.detail.startsWith(QLatin1String("simulation only")), qPrintable(observation.detail));
    }
}

void TestTranslation::liveSession_listenNotes()
{
    QList<Observation> seen; // outlives the session, which may still report while it closes
    LiveSession session;
    session.setServerPort(0); // any free port: never the default 3267
    connect(&session, &LiveSession::observed, this, [&seen](const Observation &o) { seen.append(o); });
    Command listen;
    listen.verb = Verb::Listen;
    listen.side = Side::Server;
    session.perform(listen, 0);
    QVERIFY(session.server()->isListening());
    QStringList details; // the server's "listening on" note and the Qt row of listen()
    for (const Observation &o : std::as_const(seen)) {
        if (!o.detail.isEmpty())
            details << o.detail;
    }
    QVERIFY(details.size() >= 2);
    for (const QString &detail : std::as_const(details))
        QVERIFY2(hasCjk(detail), qPrintable(detail));
    QVERIFY2(details.filter(QStringLiteral("listen()：")).size() == 1, qPrintable(details.join(QLatin1Char('\n'))));
    session.reset();
}

void TestTranslation::serverPane_headersAndKinds()
{
    LiveServer server;
    KernelObserver observer;
    ServerPaneModel model(&server, &observer);
    for (int column = 0; column < ServerPaneModel::ColumnCount; ++column) {
        const QString header = model.headerData(column, Qt::Horizontal).toString();
        QVERIFY2(hasCjk(header), qPrintable(header));
    }
    for (auto kind : {ServerPaneRow::Kind::Listening, ServerPaneRow::Kind::Connected,
                      ServerPaneRow::Kind::AcceptQueue, ServerPaneRow::Kind::KernelOnly}) {
        const QString text = ServerPaneModel::kindText(kind);
        QVERIFY2(hasCjk(text), qPrintable(text));
    }
}

void TestTranslation::tsFile_complete()
{
    const QString sourceDir = qEnvironmentVariable("TCPSIM_SOURCE_DIR");
    if (sourceDir.isEmpty())
        QSKIP("TCPSIM_SOURCE_DIR is not set (CTest sets it)");
    QFile file(sourceDir + QStringLiteral("/resources/translations/tcpsim_zh_CN.ts"));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));

    QXmlStreamReader xml(&file);
    QString context;
    QString source;
    QString location;
    QStringList translations;
    QString translationType;
    bool numerus = false;
    int messages = 0;
    int liveMessages = 0;
    int unfinished = 0;
    QStringList problems;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const auto name = xml.name();
            if (name == QLatin1String("name")) {
                context = xml.readElementText();
            } else if (name == QLatin1String("message")) {
                source.clear();
                location.clear();
                translations.clear();
                translationType.clear();
                numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
            } else if (name == QLatin1String("location") && location.isEmpty()) {
                location = xml.attributes().value(QLatin1String("filename")).toString();
            } else if (name == QLatin1String("source")) {
                source = xml.readElementText();
            } else if (name == QLatin1String("translation")) {
                translationType = xml.attributes().value(QLatin1String("type")).toString();
                if (!numerus)
                    translations << xml.readElementText();
            } else if (name == QLatin1String("numerusform")) {
                translations << xml.readElementText();
            }
        } else if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
            if (translationType == QLatin1String("vanished") || translationType == QLatin1String("obsolete"))
                continue; // no longer in the sources
            ++messages;
            if (location.contains(QLatin1String("core/live/")))
                ++liveMessages;
            if (translationType == QLatin1String("unfinished")) {
                ++unfinished;
                problems << QStringLiteral("unfinished: %1: %2").arg(context, source);
                continue;
            }
            if (translations.isEmpty() || translations.contains(QString()))
                problems << QStringLiteral("empty: %1: %2").arg(context, source);
            for (const QString &translation : std::as_const(translations)) {
                if (placeholders(translation) != placeholders(source))
                    problems << QStringLiteral("placeholders differ: %1: %2 -> %3").arg(context, source, translation);
            }
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(messages > 300);
    QVERIFY2(liveMessages >= 60, "lupdate no longer reads core/live (app/CMakeLists.txt, SOURCES)");
    QCOMPARE(unfinished, 0);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

QTEST_GUILESS_MAIN(TestTranslation)
#include "tst_translation.moc"
