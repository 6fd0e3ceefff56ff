// SPDX-License-Identifier: GPL-3.0-or-later
#include "tcpsim/live/serverpanemodel.h"

#include "tcpsim/live/kernelobserver.h"
#include "tcpsim/live/liveserver.h"

#include <QSet>

#include <algorithm>

namespace tcpsim::live {

namespace {

// Rows are the same row when they are the same socket: a connection by its server id, the
// others by their 4-tuple (a row that changes kind is removed and inserted again).
bool sameRow(const ServerPaneRow &a, const ServerPaneRow &b)
{
    if (a.kind != b.kind)
        return false;
    if (a.kind == ServerPaneRow::Kind::Connected)
        return a.connectionId == b.connectionId;
    return a.tuple == b.tuple;
}

bool sameContent(const ServerPaneRow &a, const ServerPaneRow &b)
{
    return a.descriptor == b.descriptor && a.kernelState == b.kernelState && a.acceptQueue == b.acceptQueue
        && a.backlog == b.backlog && a.bytesIn == b.bytesIn && a.bytesOut == b.bytesOut && a.held == b.held
        && a.received == b.received && a.answered == b.answered
        && a.tuple == b.tuple;
}

} // namespace

ServerPaneModel::ServerPaneModel(LiveServer *server, KernelObserver *observer, QObject *parent)
    : QAbstractTableModel(parent), m_server(server), m_observer(observer)
{
    m_refreshTimer.setSingleShot(true);
    connect(&m_refreshTimer, &QTimer::timeout, this, &ServerPaneModel::refresh);
    connect(server, &LiveServer::listeningChanged, this, &ServerPaneModel::scheduleRefresh);
    connect(server, &LiveServer::connectionAccepted, this, &ServerPaneModel::scheduleRefresh);
    connect(server, &LiveServer::connectionUpdated, this, &ServerPaneModel::scheduleRefresh);
    connect(server, &LiveServer::connectionReleased, this, &ServerPaneModel::scheduleRefresh);
    connect(observer, &KernelObserver::socketChanged, this, &ServerPaneModel::scheduleRefresh);
    connect(observer, &KernelObserver::socketGone, this, &ServerPaneModel::scheduleRefresh);
    connect(observer, &KernelObserver::socketUpdated, this, &ServerPaneModel::scheduleRefresh);
    refresh();
}

QList<ServerPaneRow> ServerPaneModel::snapshot(const LiveServer &server, const KernelObserver &observer)
{
    QList<ServerPaneRow> rows;
    const quint16 port = server.serverPort();
    const bool kernel = observer.isAvailable();
    const QString unavailable = KernelObserver::unavailableText();

    if (server.isListening()) {
        ServerPaneRow row;
        row.kind = ServerPaneRow::Kind::Listening;
        row.tuple = {server.serverAddress(), port, {}, 0};
        row.descriptor = server.listeningDescriptor();
        row.backlog = quint32(server.listenBacklogSize());
        row.kernelState = kernel ? QString() : unavailable;
        if (const auto listener = observer.listener(port)) {
            row.kernelState = listener->stateText();
            row.acceptQueue = listener->rxQueue;
            if (listener->txQueue != 0)
                row.backlog = listener->txQueue;
        }
        rows.append(row);
    }

    QList<FourTuple> accepted;
    for (const ServerConnectionInfo &info : server.connections()) {
        ServerPaneRow row;
        row.kind = ServerPaneRow::Kind::Connected;
        row.connectionId = info.id;
        row.tuple = info.tuple;
        row.descriptor = info.descriptor;
        row.bytesIn = info.bytesIn;
        row.bytesOut = info.bytesOut;
        row.received = info.received;
        row.answered = info.answered;
        row.held = info.held;
        row.kernelState = kernel ? QString() : unavailable;
        if (const auto socket = observer.socket(info.tuple))
            row.kernelState = socket->stateText();
        accepted.append(info.tuple);
        rows.append(row);
    }

    QSet<FourTuple> acceptedSet(accepted.cbegin(), accepted.cend());
    const qsizetype connected = rows.size();
    for (const KernelSocket &socket : observer.sockets()) {
        if (socket.isListening() || socket.tuple.localPort != port || acceptedSet.contains(socket.tuple))
            continue;
        ServerPaneRow row;
        row.tuple = socket.tuple;
        row.kernelState = socket.stateText();
        // Not accepted by the server, established (or closed by its peer already): it waits in
        // the accept queue, with no descriptor (inode 0) while the kernel holds it.
        const bool queued = socket.stateCode == linuxcode::Established || socket.stateCode == linuxcode::CloseWait;
        row.kind = queued ? ServerPaneRow::Kind::AcceptQueue : ServerPaneRow::Kind::KernelOnly;
        rows.append(row);
    }
    // The kernel's rows in a stable order (the accept queue first, then by the client's port),
    // so that a refresh moves no row.
    std::sort(rows.begin() + connected, rows.end(), [](const ServerPaneRow &a, const ServerPaneRow &b) {
        if (a.kind != b.kind)
            return a.kind < b.kind;
        if (a.tuple.remotePort != b.tuple.remotePort)
            return a.tuple.remotePort < b.tuple.remotePort;
        return a.tuple.remoteAddress.toString() < b.tuple.remoteAddress.toString();
    });
    return rows;
}

QString ServerPaneModel::kindText(ServerPaneRow::Kind kind)
{
    switch (kind) {
    case ServerPaneRow::Kind::Listening:
        return tr("listening socket");
    case ServerPaneRow::Kind::Connected:
        return tr("connected socket");
    case ServerPaneRow::Kind::AcceptQueue:
        return tr("in the accept queue");
    case ServerPaneRow::Kind::KernelOnly:
        break;
    }
    return tr("kernel only (no descriptor)");
}

void ServerPaneModel::scheduleRefresh()
{
    if (m_refreshTimer.isActive())
        return;
    // At the end of this event-loop pass, and no more often than maxRefreshesPerSecond.
    const qint64 interval = 1000 / maxRefreshesPerSecond;
    const qint64 since = m_sinceRefresh.isValid() ? m_sinceRefresh.elapsed() : interval;
    m_refreshTimer.start(int(qMax<qint64>(0, interval - since)));
}

void ServerPaneModel::refresh()
{
    m_refreshTimer.stop();
    if (!m_server || !m_observer)
        return;
    m_sinceRefresh.start();
    ++m_refreshCount;
    QList<ServerPaneRow> next = snapshot(*m_server, *m_observer);
    const int hidden = int(qMax<qsizetype>(0, next.size() - maxRows));
    if (hidden > 0)
        next.resize(maxRows);

    // Rows gone: removed, from the bottom up, in contiguous runs.
    for (qsizetype i = m_rows.size() - 1; i >= 0;) {
        const auto kept = [&](qsizetype at) {
            return std::any_of(next.cbegin(), next.cend(), [&](const ServerPaneRow &row) { return sameRow(row, m_rows[at]); });
        };
        if (kept(i)) {
            --i;
            continue;
        }
        qsizetype first = i;
        while (first > 0 && !kept(first - 1))
            --first;
        beginRemoveRows({}, int(first), int(i));
        m_rows.remove(first, i - first + 1);
        endRemoveRows();
        i = first - 1;
    }
    // The rows left keep their order (snapshot() is stable): new rows are inserted between them.
    for (qsizetype i = 0; i < next.size(); ++i) {
        if (i < m_rows.size() && sameRow(m_rows[i], next[i])) {
            if (!sameContent(m_rows[i], next[i])) {
                m_rows[i] = next[i];
                emit dataChanged(index(int(i), 0), index(int(i), ColumnCount - 1));
            }
            continue;
        }
        beginInsertRows({}, int(i), int(i));
        m_rows.insert(i, next[i]);
        endInsertRows();
    }
    setHidden(hidden);
}

void ServerPaneModel::setHidden(int hidden)
{
    if (hidden == m_hidden)
        return;
    const int summaryRow = int(m_rows.size());
    if (m_hidden == 0) {
        beginInsertRows({}, summaryRow, summaryRow);
        m_hidden = hidden;
        endInsertRows();
    } else if (hidden == 0) {
        beginRemoveRows({}, summaryRow, summaryRow);
        m_hidden = 0;
        endRemoveRows();
    } else {
        m_hidden = hidden;
        emit dataChanged(index(summaryRow, 0), index(summaryRow, ColumnCount - 1));
    }
}

int ServerPaneModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size()) + (m_hidden > 0 ? 1 : 0);
}

int ServerPaneModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ServerPaneModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    if (index.row() == m_rows.size() && m_hidden > 0) {
        // The summary row: what the cap left out.
        if (role == Qt::DisplayRole && index.column() == KindColumn)
            return tr("%n more connection(s)", nullptr, m_hidden);
        return role == Qt::UserRole ? QVariant(-1) : QVariant();
    }
    if (index.row() >= m_rows.size())
        return {};
    const ServerPaneRow &row = m_rows.at(index.row());
    if (role == Qt::UserRole)
        return int(row.kind);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case KindColumn:
        return row.held ? tr("%1 (held by the lesson)").arg(kindText(row.kind)) : kindText(row.kind);
    case DescriptorColumn:
        return row.descriptor >= 0 ? QVariant(qlonglong(row.descriptor)) : QVariant(QStringLiteral("-"));
    case LocalColumn:
        return formatEndpoint(row.tuple.localAddress, row.tuple.localPort);
    case RemoteColumn:
        return row.kind == ServerPaneRow::Kind::Listening
            ? QStringLiteral("*")
            : formatEndpoint(row.tuple.remoteAddress, row.tuple.remotePort);
    case StateColumn:
        return row.kernelState;
    case BytesInColumn:
        return row.kind == ServerPaneRow::Kind::Connected ? QVariant(row.bytesIn) : QVariant();
    case BytesOutColumn:
        return row.kind == ServerPaneRow::Kind::Connected ? QVariant(row.bytesOut) : QVariant();
    case QueueColumn:
        return row.kind == ServerPaneRow::Kind::Listening
            ? QVariant(tr("%1 / %2").arg(row.acceptQueue).arg(row.backlog))
            : QVariant();
    case ReceivedColumn:
        return row.kind == ServerPaneRow::Kind::Connected ? QVariant(printableText(row.received)) : QVariant();
    case AnsweredColumn:
        return row.kind == ServerPaneRow::Kind::Connected ? QVariant(printableText(row.answered)) : QVariant();
    default:
        return {};
    }
}

QString ServerPaneModel::printableText(const QByteArray &bytes)
{
    // UTF-8 (a class types Chinese too), from the first whole character of the kept tail;
    // bytes that are not UTF-8 show as U+FFFD.
    qsizetype first = 0;
    while (first < bytes.size() && (static_cast<unsigned char>(bytes[first]) & 0xC0) == 0x80)
        ++first;
    const QString decoded = QString::fromUtf8(bytes.constData() + first, bytes.size() - first);
    QString text;
    text.reserve(decoded.size());
    for (const QChar c : decoded) {
        if (c == QLatin1Char('\n'))
            text += QChar(0x23CE); // ⏎
        else if (c == QLatin1Char('\r'))
            continue;
        else if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            text += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
            text += c;
    }
    return text;
}

QVariant ServerPaneModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KindColumn:
        return tr("Socket");
    case DescriptorColumn:
        return tr("Descriptor");
    case LocalColumn:
        return tr("Local");
    case RemoteColumn:
        return tr("Remote");
    case StateColumn:
        return tr("Kernel state");
    case BytesInColumn:
        return tr("Bytes in");
    case BytesOutColumn:
        return tr("Bytes out");
    case QueueColumn:
        return tr("Accept queue");
    case ReceivedColumn:
        return tr("Received (last bytes)");
    case AnsweredColumn:
        return tr("Answered (last bytes)");
    default:
        return {};
    }
}

} // namespace tcpsim::live
