// SPDX-License-Identifier: GPL-3.0-or-later
#include "tcpsim/session/transitionlog.h"

#include <QDir>
#include <QLocale>
#include <QSaveFile>

#include <algorithm>

using namespace tcpsim;

QString transitionCause(const Event &event)
{
    switch (event.cause) {
    case CauseKind::UserCall:
        return QString::fromLatin1(callName(event.call)) + QStringLiteral("()");
    case CauseKind::Segment:
        if (event.segment)
            return TransitionLogModel::tr("rcv %1").arg(QString::fromStdString(flagsToString(event.segment->flags)));
        return TransitionLogModel::tr("segment");
    case CauseKind::Timer:
        switch (event.timer) {
        case TimerKind::TimeWait: return TransitionLogModel::tr("2MSL timer");
        case TimerKind::Persist: return TransitionLogModel::tr("persist timer");
        case TimerKind::DelayedAck: return TransitionLogModel::tr("delayed-ACK timer");
        default: return TransitionLogModel::tr("retransmission timer");
        }
    case CauseKind::None:
        break;
    }
    return {};
}

TransitionLogModel::TransitionLogModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int TransitionLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int TransitionLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TransitionLogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const TransitionLogRow &row = m_rows[static_cast<std::size_t>(index.row())];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case StepColumn:
            return row.outside ? QVariant(tr("outside")) : QVariant(row.step);
        case TimeColumn:
            return QLocale().toString(row.timeMs); // the header says "ms"
        case EndpointColumn:
            return row.endpoint;
        case TransitionColumn: {
            QString text = row.from.isEmpty() ? row.to : tr("%1 → %2").arg(row.from, row.to);
            if (!row.qualifier.isEmpty())
                text = tr("%1 (%2)").arg(text, row.qualifier);
            return row.warning.isEmpty() ? text : QStringLiteral("⚠ ") + text;
        }
        case CauseColumn:
            return row.cause;
        case SourceColumn:
            return sourceText(row.source);
        default:
            break;
        }
    } else if (role == Qt::ToolTipRole && (!row.detail.isEmpty() || !row.warning.isEmpty())) {
        QStringList parts;
        if (!row.detail.isEmpty())
            parts.append(row.detail);
        if (!row.warning.isEmpty())
            parts.append(tr("⚠ Differs from the model: %1").arg(row.warning));
        return parts.join(QStringLiteral("\n\n"));
    } else if (role == SideRole && row.side) {
        return int(*row.side);
    } else if (role == DiffersRole) {
        return !row.warning.isEmpty();
    } else if (role == LiveRole) {
        return row.live;
    } else if (role == Qt::TextAlignmentRole && (index.column() == StepColumn || index.column() == TimeColumn)) {
        return int(Qt::AlignRight | Qt::AlignVCenter);
    } else if (role == StepRole) {
        return row.step;
    } else if (role == OutsideRole) {
        return row.outside;
    }
    return {};
}

QVariant TransitionLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole && section == TimeColumn)
        return tr("Time in milliseconds: the model's virtual clock for model rows, since the live pair started for "
                  "Qt and kernel rows");
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case StepColumn:
        return tr("Step");
    case TimeColumn:
        return tr("ms");
    case EndpointColumn:
        return tr("Endpoint");
    case TransitionColumn:
        return tr("From → To");
    case CauseColumn:
        return tr("Cause");
    case SourceColumn:
        return tr("Source");
    default:
        return {};
    }
}

void TransitionLogModel::appendRow(const TransitionLogRow &row)
{
    appendRows({row});
}

void TransitionLogModel::appendRows(const QList<TransitionLogRow> &rows)
{
    if (rows.isEmpty())
        return;
    const int first = rowCount();
    beginInsertRows({}, first, first + static_cast<int>(rows.size()) - 1);
    m_rows.insert(m_rows.end(), rows.begin(), rows.end());
    endInsertRows();
}

namespace {

bool sameRow(const TransitionLogRow &a, const TransitionLogRow &b)
{
    return a.step == b.step && a.timeMs == b.timeMs && a.side == b.side && a.endpoint == b.endpoint
        && a.from == b.from && a.to == b.to && a.cause == b.cause && a.source == b.source
        && a.qualifier == b.qualifier && a.detail == b.detail && a.warning == b.warning && a.live == b.live
        && a.outside == b.outside;
}

} // namespace

template<typename Keep>
void TransitionLogModel::replaceRows(Keep keep, const QList<TransitionLogRow> &rows)
{
    std::vector<TransitionLogRow> next;
    next.reserve(m_rows.size() + static_cast<std::size_t>(rows.size()));
    for (const TransitionLogRow &row : m_rows) {
        if (keep(row))
            next.push_back(row);
    }
    next.insert(next.end(), rows.begin(), rows.end());
    // By step; within a step the model's rows first, then the live pair's in arrival order.
    // Outside connections last, in arrival order (at most LiveMirror's bounded few, so a step
    // that appends before them moves only those).
    std::stable_sort(next.begin(), next.end(), [](const TransitionLogRow &a, const TransitionLogRow &b) {
        if (a.outside != b.outside)
            return b.outside;
        if (a.outside)
            return false;
        const bool aLive = a.source != modelSource();
        const bool bLive = b.source != modelSource();
        return a.step != b.step ? a.step < b.step : (!aLive && bLive);
    });
    // Usually only the tail changes (a step forward, a live row arriving): keep the rows before
    // it, and with them the selection and the scroll position.
    std::size_t common = 0;
    while (common < m_rows.size() && common < next.size() && sameRow(m_rows[common], next[common]))
        ++common;
    if (common < m_rows.size()) {
        beginRemoveRows({}, static_cast<int>(common), rowCount() - 1);
        m_rows.resize(common);
        endRemoveRows();
    }
    if (common < next.size()) {
        beginInsertRows({}, static_cast<int>(common), static_cast<int>(next.size()) - 1);
        m_rows.insert(m_rows.end(), next.begin() + static_cast<std::ptrdiff_t>(common), next.end());
        endInsertRows();
    }
}

void TransitionLogModel::setRows(const QString &source, const QList<TransitionLogRow> &rows)
{
    replaceRows([&source](const TransitionLogRow &row) { return row.source != source; }, rows);
}

void TransitionLogModel::setLiveRows(const QList<TransitionLogRow> &rows)
{
    if (rows.isEmpty() && std::none_of(m_rows.begin(), m_rows.end(), [](const TransitionLogRow &row) { return row.live; }))
        return;
    replaceRows([](const TransitionLogRow &row) { return !row.live; }, rows);
}

QString TransitionLogModel::sourceText(const QString &source)
{
    if (source == modelSource())
        return tr("model");
    if (source == kernelSource())
        return tr("kernel");
    if (source == liveSource())
        return tr("live");
    return source; // "Qt" is a name
}

void TransitionLogModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_modelEventCount = 0;
    endResetModel();
}

void TransitionLogModel::syncModelRows(const std::vector<Event> &events, std::span<const std::size_t> boundaries)
{
    const int lastStep = boundaries.empty() ? 0 : static_cast<int>(boundaries.size()) - 1;
    removeModelRowsAfter(lastStep);
    m_modelEventCount = std::min(m_modelEventCount, events.size());
    if (m_modelEventCount == events.size())
        return;
    // The step of the first new event: the first step whose event count is beyond it.
    auto stepEnd = std::upper_bound(boundaries.begin(), boundaries.end(), m_modelEventCount);
    int step = std::min(static_cast<int>(stepEnd - boundaries.begin()), lastStep);
    QList<TransitionLogRow> rows; // of one step
    for (std::size_t i = m_modelEventCount; i < events.size(); ++i) {
        while (step < lastStep && i >= boundaries[static_cast<std::size_t>(step)])
            ++step;
        if (!rows.isEmpty() && rows.back().step != step) {
            insertModelRows(rows);
            rows.clear();
        }
        if (events[i].kind == EventKind::Transition)
            rows.append(rowFor(events[i], step));
    }
    insertModelRows(rows);
    m_modelEventCount = events.size();
}

void TransitionLogModel::resetModelRows()
{
    removeModelRowsAfter(-1);
    m_modelEventCount = 0;
}

void TransitionLogModel::removeModelRowsAfter(int step)
{
    // Rows are ordered by step: the later steps are a tail, which may hold live rows too (the
    // live mirror hides its own). Runs of model rows go from the end, so indices stay valid.
    // (The rows of outside connections come after all of them.)
    std::size_t lessonEnd = m_rows.size();
    while (lessonEnd > 0 && m_rows[lessonEnd - 1].outside)
        --lessonEnd;
    std::size_t tail = lessonEnd;
    while (tail > 0 && m_rows[tail - 1].step > step)
        --tail;
    std::size_t end = lessonEnd;
    while (end > tail) {
        if (m_rows[end - 1].source != modelSource()) {
            --end;
            continue;
        }
        std::size_t begin = end - 1;
        while (begin > tail && m_rows[begin - 1].source == modelSource())
            --begin;
        beginRemoveRows({}, static_cast<int>(begin), static_cast<int>(end) - 1);
        m_rows.erase(m_rows.begin() + static_cast<std::ptrdiff_t>(begin), m_rows.begin() + static_cast<std::ptrdiff_t>(end));
        endRemoveRows();
        end = begin;
    }
}

void TransitionLogModel::insertModelRows(const QList<TransitionLogRow> &rows)
{
    if (rows.isEmpty())
        return;
    // After the rows of earlier steps and this step's model rows, before its live rows: the
    // order setRows() keeps. Usually the end of the log.
    const int step = rows.front().step;
    const auto at = std::partition_point(m_rows.begin(), m_rows.end(), [step](const TransitionLogRow &row) {
        return !row.outside && (row.step < step || (row.step == step && row.source == modelSource()));
    });
    const int first = static_cast<int>(at - m_rows.begin());
    beginInsertRows({}, first, first + static_cast<int>(rows.size()) - 1);
    m_rows.insert(at, rows.begin(), rows.end());
    endInsertRows();
}

QString TransitionLogModel::toCsv() const
{
    auto quote = [](QString text) {
        if (text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"')) || text.contains(QLatin1Char('\n'))) {
            text.replace(QLatin1String("\""), QLatin1String("\"\""));
            return QLatin1Char('"') + text + QLatin1Char('"');
        }
        return text;
    };
    QString csv = QStringLiteral("step,time_ms,endpoint,from,to,cause,source\n");
    for (const TransitionLogRow &row : m_rows) {
        csv += QStringList{row.outside ? QStringLiteral("outside") : QString::number(row.step), QString::number(row.timeMs), quote(row.endpoint),
                           quote(row.from), quote(row.to), quote(row.cause), quote(row.source)}
                   .join(QLatin1Char(','));
        csv += QLatin1Char('\n');
    }
    return csv;
}

bool TransitionLogModel::saveCsv(const QString &fileName, QString *errorString) const
{
    QSaveFile file(fileName);
    // Qt's own text (translated only if Qt's translation is installed) inside our sentence.
    const auto failed = [&] {
        if (errorString)
            *errorString = tr("Cannot write the log to %1: %2").arg(QDir::toNativeSeparators(fileName), file.errorString());
        return false;
    };
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return failed();
    file.write(toCsv().toUtf8());
    if (!file.commit())
        return failed();
    return true;
}

QList<TransitionLogRow> TransitionLogModel::rowsFromEvents(const std::vector<Event> &events,
                                                           const std::vector<std::size_t> &boundaries)
{
    QList<TransitionLogRow> rows;
    int step = 0;
    for (std::size_t i = 0; i < events.size(); ++i) {
        while (step + 1 < static_cast<int>(boundaries.size()) && i >= boundaries[static_cast<std::size_t>(step)])
            ++step;
        if (events[i].kind == EventKind::Transition)
            rows.append(rowFor(events[i], step));
    }
    return rows;
}

TransitionLogRow TransitionLogModel::rowFor(const Event &event, int step)
{
    TransitionLogRow row;
    row.step = step;
    row.timeMs = event.time;
    row.side = event.side;
    // Lessons with several clients name client2 .. client9, and the server's connection with
    // one of them, as the script does.
    if (event.side == Side::Client)
        row.endpoint = event.host > firstClientHost ? tr("client%1").arg(event.host) : tr("client");
    else
        row.endpoint = isClientHost(event.peer) && event.peer > firstClientHost ? tr("server.client%1").arg(event.peer)
                                                                               : tr("server");
    row.from = QString::fromLatin1(stateName(event.from));
    row.to = QString::fromLatin1(stateName(event.to));
    row.cause = transitionCause(event);
    row.source = modelSource();
    return row;
}
