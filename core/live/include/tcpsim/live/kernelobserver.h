// Watches the kernel's TCP table for the connections of some ports: samples on demand (every Qt
// signal of the live pair) and polls while a connection exists, so states that last are caught
// even after the application closed its descriptor (FIN-WAIT-2, LAST-ACK, TIME-WAIT). No timer
// runs while nothing is live.
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

public slots:
    // Reads the table now, reports changes, then starts or stops polling.
    void sample();

signals:
    // A watched row appeared (previousStateCode 0) or changed state.
    void socketChanged(const tcpsim::live::KernelSocket &socket, int previousStateCode);
    // A watched row vanished from the table (the connection is CLOSED for the kernel).
    void socketGone(const tcpsim::live::KernelSocket &lastSeen);
    // Queues or counters of a row changed without a state change (server pane refresh).
    void socketUpdated(const tcpsim::live::KernelSocket &socket);
    void pollingChanged(bool polling);
    void sampled();

private:
    bool isWatched(const KernelSocket &socket) const;
    void updatePolling();

    KernelTable m_table;
    QSet<quint16> m_ports;
    QHash<FourTuple, KernelSocket> m_rows;
    QTimer m_timer;
    QElapsedTimer m_pollDeadlineClock;
    qint64 m_pollDeadline = -1;
    qint64 m_lastChange = 0;
    int m_pollInterval = defaultPollIntervalMs;
    quint64 m_sampleCount = 0;
    bool m_sampling = false;
};

} // namespace tcpsim::live
