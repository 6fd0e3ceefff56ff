// SPDX-License-Identifier: GPL-3.0-or-later
#include "compare.h"

#include "tcpsim/session/explanation.h"
#include "tcpsim/session/profilecomparison.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace tcpsim::cli {

namespace {

constexpr qsizetype leftColumn = 46;

QString kindName(ProfileComparison::Kind kind)
{
    switch (kind) {
    case ProfileComparison::Kind::Options: return QStringLiteral("options");
    case ProfileComparison::Kind::Timer: return QStringLiteral("timer");
    case ProfileComparison::Kind::State: return QStringLiteral("state");
    case ProfileComparison::Kind::Segments: break;
    }
    return QStringLiteral("segments");
}

QString endpointName(Side side)
{
    return side == Side::Server ? QStringLiteral("server") : QStringLiteral("client");
}

QString ruleText(Rule rule)
{
    const std::string_view name = ruleName(rule);
    return rule == Rule::None ? QString() : QString::fromLatin1(name.data(), static_cast<qsizetype>(name.size()));
}

QJsonObject divergenceJson(const ProfileComparison::Divergence &divergence, int number)
{
    QJsonObject object{{QStringLiteral("event"), QStringLiteral("divergence")},
                       {QStringLiteral("number"), number},
                       {QStringLiteral("block"), divergence.block},
                       {QStringLiteral("step"), divergence.step},
                       {QStringLiteral("line"), divergence.line},
                       {QStringLiteral("kind"), kindName(divergence.kind)},
                       {QStringLiteral("endpoint"), endpointName(divergence.side)},
                       {QStringLiteral("text"), divergence.sentence}};
    if (divergence.rule != Rule::None) {
        object.insert(QStringLiteral("rule"), ruleText(divergence.rule));
        object.insert(QStringLiteral("reference"), Explanation::ruleReference(divergence.rule));
    }
    for (Profile profile : {Profile::Rfc9293, Profile::Linux}) {
        const std::uint64_t id = divergence.segmentId[static_cast<std::size_t>(ProfileComparison::profileIndex(profile))];
        if (id != 0)
            object.insert(profile == Profile::Linux ? QStringLiteral("linuxSegment") : QStringLiteral("rfcSegment"),
                          static_cast<qint64>(id));
    }
    return object;
}

} // namespace

ExitCode runCompare(const Lesson &lesson, const SimulationConfig &config, OutputFormat format, QTextStream &out)
{
    const ProfileComparison comparison = ProfileComparison::compare(lesson, config);
    const auto &divergences = comparison.divergences();
    const auto &blocks = comparison.blocks();
    const bool json = format == OutputFormat::JsonLines;
    const auto print = [&out](const QJsonObject &object) {
        out << QJsonDocument(object).toJson(QJsonDocument::Compact) << '\n';
    };
    if (!json)
        out << "compare " << QString::fromStdString(lesson.title.empty() ? lesson.file : lesson.title)
            << "\nsegments by application call, numbers relative to each side's ISN; left "
            << ProfileComparison::profileTitle(Profile::Rfc9293) << ", right "
            << ProfileComparison::profileTitle(Profile::Linux) << '\n';
    int number = 0;
    for (int b = 0; b < static_cast<int>(blocks.size()); ++b) {
        const ProfileComparison::Block &block = blocks[static_cast<std::size_t>(b)];
        const auto &textbook = block.segments[0];
        const auto &kernel = block.segments[1];
        if (json) {
            QJsonArray left;
            QJsonArray right;
            for (const auto &segment : textbook)
                left.append(segment.text());
            for (const auto &segment : kernel)
                right.append(segment.text());
            print({{QStringLiteral("event"), QStringLiteral("block")},
                   {QStringLiteral("block"), b},
                   {QStringLiteral("step"), block.firstStep},
                   {QStringLiteral("line"), block.line},
                   {QStringLiteral("call"), block.call},
                   {QStringLiteral("rfc"), left},
                   {QStringLiteral("linux"), right}});
        } else {
            out << "step " << block.firstStep << " line " << block.line << "  "
                << (block.call.isEmpty() ? QStringLiteral("(settings)") : block.call) << '\n';
            const std::size_t rows = std::max(textbook.size(), kernel.size());
            for (std::size_t row = 0; row < rows; ++row) {
                const QString left = row < textbook.size() ? textbook[row].text() : QString();
                const QString right = row < kernel.size() ? kernel[row].text() : QString();
                const bool same = row < textbook.size() && row < kernel.size() && textbook[row].sameAs(kernel[row]);
                out << "  " << left.leftJustified(leftColumn) << (same ? " | " : " ≠ ") << right << '\n';
            }
        }
        for (const ProfileComparison::Divergence &divergence : divergences) {
            if (divergence.block != b)
                continue;
            ++number;
            if (json) {
                print(divergenceJson(divergence, number));
            } else {
                out << "  divergence " << number << " (" << kindName(divergence.kind) << "): " << divergence.sentence;
                if (divergence.rule != Rule::None)
                    out << "  [" << Explanation::ruleReference(divergence.rule) << ']';
                out << '\n';
            }
        }
    }
    const int rfcSegments = comparison.segmentCount(Profile::Rfc9293);
    const int linuxSegments = comparison.segmentCount(Profile::Linux);
    if (json)
        print({{QStringLiteral("event"), QStringLiteral("summary")},
               {QStringLiteral("divergences"), static_cast<int>(divergences.size())},
               {QStringLiteral("rfcSegments"), rfcSegments},
               {QStringLiteral("linuxSegments"), linuxSegments}});
    else
        out << divergences.size() << " divergence(s); " << ProfileComparison::profileTitle(Profile::Rfc9293) << ": "
            << rfcSegments << " segments, " << ProfileComparison::profileTitle(Profile::Linux) << ": "
            << linuxSegments << " segments\n";
    out.flush();
    return ExitCode::Ok;
}

} // namespace tcpsim::cli
