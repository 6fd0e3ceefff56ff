// SPDX-License-Identifier: GPL-3.0-or-later
// The server pane: every socket on the live server's port — the listening socket with its
// accept queue, the connected sockets accept() returned (with their descriptors, seeds 003/004),
// connections still waiting in the accept queue, and connections the kernel keeps after the
// descriptor is gone (TIME-WAIT, LAST-ACK) — from the lesson or from outside (nc, client.py).
//
// Kept cheap under load: refreshed at most maxRefreshesPerSecond times a second, by row
// inserts, removals and dataChanged (never a reset, so views keep their column widths), and at
// most maxRows rows; the rest is one summary row "N more connections".
#pragma once

#include "tcpsim/live/kerneltable.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>

namespace tcpsim::live {

class KernelObserver;
class LiveServer;

struct ServerPaneRow {
    enum class Kind : quint8 {
        Listening,   // the listening socket
        Connected,   // a connected socket accept() returned
        AcceptQueue, // established by the kernel, waiting for accept()
        KernelOnly,  // no descriptor: SYN-RECV request socket, TIME-WAIT, orphaned FIN-WAIT/LAST-ACK
    };
    Kind kind = Kind::Connected;
    int connectionId = 0;          // LiveServer's id for Connected rows
    FourTuple tuple;               // from the server's end
    qintptr descriptor = -1;
    QString kernelState;           // RFC spelling, or KernelObserver::unavailableText()
    quint32 acceptQueue = 0;       // Listening: connections waiting for accept()
    quint32 backlog = 0;           // Listening
    qint64 bytesIn = 0;            // Connected: bytes the server read
    qint64 bytesOut = 0;           // Connected: bytes it answered
    QByteArray received;           // Connected: the last bytes it read (what the client typed)
    QByteArray answered;           // Connected: the last bytes it answered
    bool held = false;             // the lesson holds it
};

class ServerPaneModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    // What a class looks for first on the left (a narrow dock shows those): which socket, whose
    // (the client's address and port), its state, and what it sent and got back.
    enum Column { KindColumn, DescriptorColumn, RemoteColumn, StateColumn, ReceivedColumn, AnsweredColumn,
                  BytesInColumn, BytesOutColumn, QueueColumn, LocalColumn, ColumnCount };
    Q_ENUM(Column)

    static constexpr int maxRows = 200;
    static constexpr int maxRefreshesPerSecond = 10;

    ServerPaneModel(LiveServer *server, KernelObserver *observer, QObject *parent = nullptr);

    // The rows now, without a view (the CLI and the tests use it): every row, in pane order.
    static QList<ServerPaneRow> snapshot(const LiveServer &server, const KernelObserver &observer);
    // The rows shown (at most maxRows; the summary row, if any, comes after them).
    QList<ServerPaneRow> rows() const { return m_rows; }
    // Rows left out of rows() for the cap, counted in the summary row.
    int hiddenRowCount() const { return m_hidden; }
    quint64 refreshCount() const { return m_refreshCount; }
    static QString kindText(ServerPaneRow::Kind kind);
    // Bytes as a class reads them: printable text, a line end as ⏎, other bytes as \xNN.
    static QString printableText(const QByteArray &bytes);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

public slots:
    void refresh();

private:
    void scheduleRefresh();
    void setHidden(int hidden);

    QPointer<LiveServer> m_server;
    QPointer<KernelObserver> m_observer;
    QList<ServerPaneRow> m_rows;
    int m_hidden = 0;
    QTimer m_refreshTimer;
    QElapsedTimer m_sinceRefresh;
    quint64 m_refreshCount = 0;
};

} // namespace tcpsim::live
