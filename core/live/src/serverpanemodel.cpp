#include "tcpsim/live/serverpanemodel.h"

#include "tcpsim/live/kernelobserver.h"
#include "tcpsim/live/liveserver.h"

#include <QTimer>

namespace tcpsim::live {

ServerPaneModel::ServerPaneModel(LiveServer *server, KernelObserver *observer, QObject *parent)
    : QAbstractTableModel(parent), m_server(server), m_observer(observer)
{
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
        row.held = info.held;
        row.kernelState = kernel ? QString() : unavailable;
        if (const auto socket = observer.socket(info.tuple))
            row.kernelState = socket->stateText();
        accepted.append(info.tuple);
        rows.append(row);
    }

    for (const KernelSocket &socket : observer.sockets()) {
        if (socket.isListening() || socket.tuple.localPort != port || accepted.contains(socket.tuple))
            continue;
        ServerPaneRow row;
        row.tuple = socket.tuple;
        row.kernelState = socket.stateText();
        const bool queued = socket.inode != 0 && (socket.stateCode == linuxcode::Established
                                                  || socket.stateCode == linuxcode::CloseWait);
        row.kind = queued ? ServerPaneRow::Kind::AcceptQueue : ServerPaneRow::Kind::KernelOnly;
        rows.append(row);
    }
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
    if (m_refreshScheduled)
        return;
    m_refreshScheduled = true;
    QTimer::singleShot(0, this, &ServerPaneModel::refresh);
}

void ServerPaneModel::refresh()
{
    m_refreshScheduled = false;
    if (!m_server || !m_observer)
        return;
    beginResetModel();
    m_rows = snapshot(*m_server, *m_observer);
    endResetModel();
}

int ServerPaneModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ServerPaneModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ServerPaneModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
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
    default:
        return {};
    }
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
    default:
        return {};
    }
}

} // namespace tcpsim::live
