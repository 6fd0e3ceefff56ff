// SPDX-License-Identifier: GPL-3.0-or-later
// Parser robustness: thousands of seeded mutations of the built-in lessons never crash, every
// error points inside the text, and whatever parses round-trips and runs.
#include "tcpsim/model/script.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <random>

using namespace tcpsim;

class TestScriptFuzz : public QObject
{
    Q_OBJECT

private:
    std::vector<std::string> corpus;

    static std::string mutate(std::string text, std::mt19937_64 &random)
    {
        // Characters that matter to the grammar, plus a multi-byte UTF-8 sequence's bytes.
        static const std::string alphabet = "\"\\#=+ \t\n\r0123456789aszSYNACKFINRSTPSH-_x\xE4\xBD\xA0\x7F";
        const int edits = 1 + int(random() % 4);
        for (int edit = 0; edit < edits && !text.empty(); ++edit) {
            const std::size_t at = random() % text.size();
            switch (random() % 6) {
            case 0: text.erase(at, 1 + random() % 8); break;
            case 1: text.insert(at, 1, alphabet[random() % alphabet.size()]); break;
            case 2: text[at] = alphabet[random() % alphabet.size()]; break;
            case 3: text.resize(at); break;
            case 4: text.insert(at, text.substr(random() % text.size(), 1 + random() % 40)); break;
            default: text[at] = char(random() % 256); break;
            }
        }
        return text;
    }

private slots:
    void initTestCase()
    {
        const QString directory = qEnvironmentVariable("TCPSIM_SOURCE_DIR", QStringLiteral(TCPSIM_SOURCE_DIR))
            + QStringLiteral("/resources/lessons");
        for (const QString &name : QDir(directory).entryList({QStringLiteral("*.tcp")})) {
            QFile file(directory + u'/' + name);
            QVERIFY(file.open(QIODevice::ReadOnly));
            corpus.push_back(file.readAll().toStdString());
        }
        QVERIFY(corpus.size() >= 10);
        corpus.push_back("server receive ACK+PSH seq=101 ack=301 data=\"hi \\\" \\\\ \\n\" win=5\n"
                         "expect server sent SYN+ACK seq=300 ack=101 len=0\nexpect client sent nothing\nsettle\n");
        // The many-client forms (issue 11).
        corpus.push_back("set somaxconn 128\nset tcp_abort_on_overflow 1\nserver socket\nserver setsockopt SO_REUSEADDR\n"
                         "server bind 3267\nserver listen backlog=1\nclient2 connect\nclient3 connect\nsettle\n"
                         "server accept\nserver.client2 send \"hi\"\nserver.listener close\nserver.client3 deliver\n"
                         "expect server queue syn=0 accept=2\nexpect server fd 3 listener\nexpect server.client2 ESTABLISHED\n"
                         "expect server counter ListenOverflows=1\nexpect server.client2 sent SYN+ACK ack=501\n");
        // Data waiting before accept(), tcp_max_syn_backlog without cookies, a server program.
        corpus.push_back("set tcp_syncookies 0\nset tcp_max_syn_backlog 4\nserver listen backlog=9\nclient4 connect\n"
                         "client4 deliver\nserver.client4 deliver\nclient4 deliver\nclient4 send \"ab\"\nclient4 deliver\n"
                         "expect server.client4 unread 2\nserver accept\nexpect server.client4 unread 0\n"
                         "server run thread-echo\nclient5 connect\nsettle\n");
    }

    void mutatedScripts_neverCrash()
    {
        std::mt19937_64 random(20240607); // fixed: the same scripts every run
        int parsedCount = 0;
        int errorCount = 0;
        for (int round = 0; round < 4000; ++round) {
            const std::string &original = corpus[random() % corpus.size()];
            const std::string text = mutate(original, random);
            const auto result = parseLesson(text, "fuzz.tcp");
            if (const auto *error = std::get_if<ScriptError>(&result)) {
                ++errorCount;
                const auto lines = 1 + std::count(text.begin(), text.end(), '\n');
                QVERIFY2(error->line >= 1 && error->line <= lines, error->toString().c_str());
                QVERIFY2(error->column >= 1, error->toString().c_str());
                QVERIFY(!error->message.empty());
                continue;
            }
            ++parsedCount;
            const Lesson &lesson = std::get<Lesson>(result);
            // What parses prints back to text that parses to the same commands.
            const auto again = parseLesson(lesson.toText(), "again.tcp");
            QVERIFY2(std::holds_alternative<Lesson>(again), lesson.toText().c_str());
            QCOMPARE(QString::fromStdString(std::get<Lesson>(again).toText()), QString::fromStdString(lesson.toText()));
            // And it runs to an end: a result, never a crash or a hang.
            ScriptRunner runner(lesson);
            const ScriptRunner::StepResult step = runner.runToEnd();
            QVERIFY(step.status != ScriptRunner::Status::Ok);
        }
        // Both outcomes were exercised, so the checks above ran.
        QVERIFY(parsedCount > 100);
        QVERIFY(errorCount > 100);
    }
};

QTEST_APPLESS_MAIN(TestScriptFuzz)
#include "tst_scriptfuzz.moc"
