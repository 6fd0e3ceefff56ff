// SPDX-License-Identifier: GPL-3.0-or-later
#include "eventprinter.h"

#include "tcpsim/model/rule.h"
#include "tcpsim/session/printable.h"

#include <QJsonDocument>

namespace tcpsim::cli {

namespace {

QString text(std::string_view view)
{
    return QString::fromUtf8(view.data(), static_cast<qsizetype>(view.size()));
}

// As the script writes it ("\"", "\\", "\n"), and no byte reaches the terminal raw.
QString quoted(const std::string &data)
{
    std::string escaped;
    escaped.reserve(data.size() + 2);
    for (const char c : data) {
        if (c == '\\' || c == '"')
            escaped += '\\';
        escaped += c;
    }
    return u'"' + Printable::bytes(escaped) + u'"';
}

QString segmentText(const Segment &segment)
{
    QString line = text(flagsToString(segment.flags)) + QStringLiteral(" seq=%1").arg(segment.seq);
    if (segment.has(Ack))
        line += QStringLiteral(" ack=%1").arg(segment.ack);
    line += QStringLiteral(" len=%1").arg(segment.data.size());
    if (!segment.data.empty())
        line += u' ' + quoted(segment.data);
    if (segment.mss != 0)
        line += QStringLiteral(" mss=%1").arg(segment.mss);
    line += segment.id != 0 ? QStringLiteral(" (#%1)").arg(segment.id) : QStringLiteral(" (crafted)");
    if (segment.retransmission)
        line += QStringLiteral(" retransmission");
    return line;
}

QString causeText(const Event &event)
{
    switch (event.cause) {
    case CauseKind::UserCall: return QStringLiteral("by %1()").arg(QString::fromLatin1(callName(event.call)));
    case CauseKind::Segment:
        return event.segment ? QStringLiteral("on %1").arg(text(flagsToString(event.segment->flags))) : QString();
    case CauseKind::Timer: return QStringLiteral("on %1 timer").arg(text(timerKindName(event.timer)));
    case CauseKind::None: break;
    }
    return {};
}

QString whatHappened(const Event &event)
{
    const QString call = QString::fromLatin1(callName(event.call));
    switch (event.kind) {
    case EventKind::Call:
        if (event.call == Call::Send)
            return QStringLiteral("calls send(%1)").arg(quoted(event.text));
        if (event.call == Call::Socket)
            return QStringLiteral("calls socket() = fd %1").arg(event.fd);
        if (event.call == Call::Bind || event.call == Call::Setsockopt)
            return QStringLiteral("calls %1(fd %2, %3)").arg(call).arg(event.fd).arg(text(event.text));
        if (event.rule == Rule::AcceptBlocks)
            return QStringLiteral("calls accept(fd %1): blocks, the accept queue is empty").arg(event.fd);
        // A server program's calls carry their arguments and lane ("fd 4, 1024, thread 2"),
        // epoll_wait() the ready descriptors it returned.
        if (!event.text.empty() && event.fd >= 0)
            return QStringLiteral("calls %1(fd %2) %3").arg(call).arg(event.fd).arg(text(event.text));
        if (!event.text.empty())
            return QStringLiteral("calls %1() %2").arg(call, text(event.text));
        return QStringLiteral("calls %1()").arg(call);
    case EventKind::Return:
        if (event.rule == Rule::DataReceived)
            return QStringLiteral("recv() returns %1").arg(quoted(event.text));
        if (event.rule == Rule::EndOfStream)
            return QStringLiteral("recv() returns 0 (end of stream)");
        if (event.call == Call::Accept && event.fd >= 0)
            return QStringLiteral("accept() returns fd %1").arg(event.fd);
        // epoll_wait(): its ready list ("fd 3", "fd 4, fd 5").
        if (event.call == Call::EpollWait && !event.text.empty())
            return QStringLiteral("epoll_wait() returns [%1]").arg(text(event.text));
        return QStringLiteral("%1() returns").arg(call);
    case EventKind::Transition:
        return QStringLiteral("%1 -> %2  %3").arg(text(stateName(event.from)), text(stateName(event.to)), causeText(event));
    case EventKind::Send:
        return QStringLiteral("sends %1").arg(segmentText(*event.segment));
    case EventKind::Deliver:
        return QStringLiteral("receives %1").arg(segmentText(*event.segment));
    case EventKind::Drop:
        return QStringLiteral("loses %1 (dropped in the network)").arg(segmentText(*event.segment));
    case EventKind::Timer:
        return QStringLiteral("%1 timer fires").arg(text(timerKindName(event.timer)));
    case EventKind::Error:
        return QStringLiteral("error: %1").arg(Printable::bytes(event.text));
    case EventKind::Expect:
        return (event.passed ? QStringLiteral("expect ok: ") : QStringLiteral("expect FAILED: "))
            + Printable::bytes(event.text);
    case EventKind::Queue: {
        QString line = QStringLiteral("queues of fd %1: syn=%2 accept=%3")
                           .arg(event.fd)
                           .arg(event.synQueue)
                           .arg(event.acceptQueue);
        if (!event.text.empty())
            line += QStringLiteral("  (%1)").arg(text(event.text));
        return line;
    }
    }
    return {};
}

QJsonObject segmentJson(const Segment &segment)
{
    QJsonObject json{
        {QStringLiteral("flags"), text(flagsToString(segment.flags))},
        {QStringLiteral("seq"), static_cast<qint64>(segment.seq)},
        {QStringLiteral("len"), static_cast<qint64>(segment.data.size())},
        {QStringLiteral("sender"), text(sideName(segment.from))},
        {QStringLiteral("id"), static_cast<qint64>(segment.id)},
        {QStringLiteral("retransmission"), segment.retransmission},
        {QStringLiteral("window"), segment.window},
    };
    if (segment.has(Ack))
        json.insert(QStringLiteral("ack"), static_cast<qint64>(segment.ack));
    if (!segment.data.empty())
        json.insert(QStringLiteral("data"), QString::fromStdString(segment.data));
    if (segment.mss != 0)
        json.insert(QStringLiteral("mss"), segment.mss);
    return json;
}

} // namespace

namespace {

// Who the event happened at, as a script names it: the server's connections with client2 ..
// client9 are `server.client2` .. (its listener and its connection with `client` stay `server`).
QString endpointName(const Event &event)
{
    if (event.host == serverHost && isClientHost(event.peer) && event.peer != firstClientHost)
        return QString::fromStdString(SocketName::connectionTo(serverHost, event.peer).toString());
    return QString::fromStdString(hostName(event.host));
}

} // namespace

QString eventText(const Event &event, int step)
{
    QString line = QStringLiteral("t=%1.%2s step %3 line %4  %5  %6")
                       .arg(event.time / 1000)
                       .arg(event.time % 1000, 3, 10, QLatin1Char('0'))
                       .arg(step)
                       .arg(event.line)
                       .arg(endpointName(event), -6)
                       .arg(whatHappened(event));
    if (event.rule != Rule::None && event.kind != EventKind::Call)
        line += QStringLiteral("  [%1 %2]").arg(text(ruleInfo(event.rule).section), text(ruleName(event.rule)));
    return line;
}

QJsonObject eventJson(const Event &event, int step)
{
    QJsonObject json{
        {QStringLiteral("event"), text(eventKindName(event.kind))},
        {QStringLiteral("line"), event.line},
        {QStringLiteral("step"), step},
        {QStringLiteral("time"), static_cast<qint64>(event.time)},
        {QStringLiteral("endpoint"), QString::fromStdString(hostName(event.host))},
    };
    if (event.fd >= 0)
        json.insert(QStringLiteral("fd"), event.fd);
    if (event.peer != noHost && event.host == serverHost)
        json.insert(QStringLiteral("peer"), QString::fromStdString(hostName(event.peer)));
    if (event.kind == EventKind::Queue) {
        json.insert(QStringLiteral("syn"), event.synQueue);
        json.insert(QStringLiteral("accept"), event.acceptQueue);
    }
    if (event.rule != Rule::None) {
        json.insert(QStringLiteral("rule"), text(ruleName(event.rule)));
        json.insert(QStringLiteral("rfc"), text(ruleInfo(event.rule).section));
        json.insert(QStringLiteral("summary"), text(ruleInfo(event.rule).summary));
    }
    if (event.call != Call::None)
        json.insert(QStringLiteral("call"), QString::fromLatin1(callName(event.call)));
    if (event.kind == EventKind::Transition) {
        json.insert(QStringLiteral("from"), text(stateName(event.from)));
        json.insert(QStringLiteral("to"), text(stateName(event.to)));
    }
    if (event.cause != CauseKind::None) {
        static const char *const causes[] = {"none", "call", "segment", "timer"};
        json.insert(QStringLiteral("cause"), QLatin1String(causes[static_cast<int>(event.cause)]));
    }
    if (event.timer != TimerKind::None)
        json.insert(QStringLiteral("timer"), text(timerKindName(event.timer)));
    if (event.segment) {
        const bool onTheWire = event.kind == EventKind::Send || event.kind == EventKind::Deliver
            || event.kind == EventKind::Drop;
        if (onTheWire) {
            const QJsonObject fields = segmentJson(*event.segment);
            for (auto field = fields.begin(); field != fields.end(); ++field)
                json.insert(field.key(), field.value());
        } else {
            json.insert(QStringLiteral("segment"), segmentJson(*event.segment)); // what caused it
        }
    }
    if (!event.text.empty())
        json.insert(QStringLiteral("text"), QString::fromStdString(event.text));
    if (event.kind == EventKind::Expect)
        json.insert(QStringLiteral("passed"), event.passed);
    return json;
}

void EventPrinter::print(const std::vector<Event> &events, std::size_t begin, std::size_t end, int step)
{
    for (std::size_t i = begin; i < end && i < events.size(); ++i) {
        if (m_format == OutputFormat::JsonLines)
            m_out << QString::fromUtf8(QJsonDocument(eventJson(events[i], step)).toJson(QJsonDocument::Compact)) << '\n';
        else
            m_out << eventText(events[i], step) << '\n';
    }
    m_out.flush();
}

} // namespace tcpsim::cli
