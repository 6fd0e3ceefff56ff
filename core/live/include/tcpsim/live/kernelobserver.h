// SPDX-License-Identifier: GPL-3.0-or-later
// Watches the kernel's TCP table for the connections of some ports: samples on demand (the live
// pair's steps and signals) and polls while a connection exists, so states that last are caught
// even after the application closed its descriptor (FIN-WAIT-2, LAST-ACK, TIME-WAIT). No timer
// runs while nothing is live, and nothing touches the kernel before the first sample.
//
// A regular sample (refresh()) costs microseconds whatever the size of the table: it looks up
// the tracked sockets (the lesson's connection, both ends, and the listeners) one by one by
// their 4-tuple. The sockets of the watched ports (outside connections, the accept queue,
// TIME-WAIT rows) come from a dump filtered in the kernel by port, done only when a listener's
// queue counts changed, when asked (requestPortScan()), or every portScanIntervalMs while such
// rows exist (idlePortScanIntervalMs after idleAfterMs without a change). With the /proc fallback every sample reads the whole table.
#pragma once

#include "tcpsim/live/kerneltable.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

namespace tcpsim::live {

class KernelObserver : public QObject
{
    Q_OBJECT

public:
    static constexpr int defaultPollIntervalMs = 25;
    // Nothing changed for a second: connections wait for the next click.
    static constexpr int steadyPollIntervalMs = 100;
    static constexpr int steadyAfterMs = 1000;
    // Only TIME-WAIT rows left: nothing changes for 60 s but their end.
    static constexpr int timeWaitPollIntervalMs = 250;
    // Nothing changed for a while: back off further.
    static constexpr int idlePollIntervalMs = 250;
    static constexpr int idleAfterMs = 5000;
    // Port scans: at most this often when asked, and this often while untracked rows exist.
    static constexpr int minPortScanIntervalMs = 100;
    static constexpr int portScanIntervalMs = 1000;
    static constexpr int idlePortScanIntervalMs = 5000;

    explicit KernelObserver(QObject *parent = nullptr);

    // False off Linux: the kernel column then says tr("not available on this system").
    bool isAvailable() const;
    QString backendName() const;
    static QString unavailableText();

    void setPollInterval(int milliseconds);
    int pollInterval() const { return m_pollInterval; }

    // Every socket on this port: bound to it (the listener, the connections it accepted or
    // queued), or connected to it from this machine.
    void watchPort(quint16 port);
    void unwatchPort(quint16 port);
    QList<quint16> watchedPorts() const { return m_ports.values(); }
    // Look this connection up exactly at every sample, both ends (the tuple and its reverse).
    void trackConnection(const FourTuple &tuple);
    void untrackConnection(const FourTuple &tuple);
    // Forget every port and connection (the rows go without socketGone()).
    void clear();

    // Keep polling for at least this long even if no row shows up yet (a connect in progress).
    void pollFor(int milliseconds);

    bool isPolling() const { return m_timer.isActive(); }
    // Watched rows of the last sample.
    QList<KernelSocket> sockets() const { return m_rows.values(); }
    std::optional<KernelSocket> socket(const FourTuple &tuple) const;
    // The LISTEN row for this port, if any.
    std::optional<KernelSocket> listener(quint16 port) const;
    quint64 sampleCount() const { return m_sampleCount; }

    // For tests: use /proc even when netlink works.
    KernelTable &table() { return m_table; }

    quint64 portScanCount() const { return m_portScanCount; }

public slots:
    // Everything now: the tracked sockets and a scan of the watched ports; reports changes,
    // then starts or stops polling.
    void sample();
    // The lesson's sockets now: the tracked ones and the listeners, exactly; a port scan only
    // when those say one is wanted (a listener's queue changed), not held to the scan interval.
    // What the live mirror asks between steps: microseconds, where sample() dumps the port.
    void sampleTracked();
    // The regular sample: the tracked sockets; a port scan only when one is due.
    void refresh();
    // One refresh() at the end of this event-loop pass, however many ask for it.
    void requestRefresh();
    // The next refresh scans the watched ports (a connection came or went at the server).
    void requestPortScan();

signals:
    // A watched row appeared (previousStateCode 0) or changed state.
    void socketChanged(const tcpsim::live::KernelSocket &socket, int previousStateCode);
    // A watched row vanished from the table (the connection is CLOSED for the kernel).
    void socketGone(const tcpsim::live::KernelSocket &lastSeen);
    // Queues or counters of a row changed without a state change (server pane refresh), or
    // its retransmission count (a SYN sent again).
    void socketUpdated(const tcpsim::live::KernelSocket &socket);
    void pollingChanged(bool polling);
    void sampled();

private:
    enum class Scan { WhenDue, Wanted, Now };
    void run(Scan scan);
    bool isWatched(const KernelSocket &socket) const;
    bool isTracked(const FourTuple &tuple) const;
    bool hasUntrackedRows() const;
    bool isPortScanDue() const;
    // How many of `rows` wait in the accept queue of the listener on `port`.
    static quint32 queuedAmong(const QHash<FourTuple, KernelSocket> &rows, quint16 port);
    void updatePolling();

    KernelTable m_table;
    QSet<quint16> m_ports;
    QList<FourTuple> m_tracked;            // connections, both ends
    QHash<quint16, FourTuple> m_listeners; // port -> the listener's tuple, learnt from a scan
    QHash<FourTuple, KernelSocket> m_rows;
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_pollDeadline = -1;
    qint64 m_lastChange = 0;
    qint64 m_lastPortScan = -1;
    int m_pollInterval = defaultPollIntervalMs;
    quint64 m_sampleCount = 0;
    quint64 m_portScanCount = 0;
    bool m_sampling = false;
    bool m_portScanWanted = false;
    bool m_refreshRequested = false;
};

} // namespace tcpsim::live
