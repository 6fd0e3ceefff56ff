// SPDX-License-Identifier: GPL-3.0-or-later
#include "tcpsim/live/kernelobserver.h"

#include <QCoreApplication>

namespace tcpsim::live {

KernelObserver::KernelObserver(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<tcpsim::live::KernelSocket>();
    qRegisterMetaType<tcpsim::live::FourTuple>();
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &KernelObserver::refresh);
    m_clock.start();
}

bool KernelObserver::isAvailable() const
{
    return m_table.backend() != KernelTable::Backend::Unavailable;
}

QString KernelObserver::backendName() const
{
    return m_table.backendName();
}

QString KernelObserver::unavailableText()
{
    return QCoreApplication::translate("tcpsim::live::KernelObserver", "not available on this system");
}

void KernelObserver::setPollInterval(int milliseconds)
{
    m_pollInterval = qBound(1, milliseconds, 10000);
    if (m_timer.isActive())
        updatePolling();
}

void KernelObserver::watchPort(quint16 port)
{
    if (port == 0 || m_ports.contains(port))
        return;
    m_ports.insert(port);
    // A new port is scanned at the next sample, whenever the last scan was.
    m_portScanWanted = true;
    m_lastPortScan = -1;
}

void KernelObserver::unwatchPort(quint16 port)
{
    m_ports.remove(port);
    m_listeners.remove(port);
    for (auto it = m_rows.begin(); it != m_rows.end();) {
        if (!isWatched(it.value()) && !isTracked(it.key()))
            it = m_rows.erase(it);
        else
            ++it;
    }
    updatePolling();
}

void KernelObserver::trackConnection(const FourTuple &tuple)
{
    if (!tuple.isValid() || m_tracked.contains(tuple))
        return;
    m_tracked.append(tuple);
    m_tracked.append(tuple.reversed());
}

void KernelObserver::untrackConnection(const FourTuple &tuple)
{
    m_tracked.removeAll(tuple);
    m_tracked.removeAll(tuple.reversed());
}

void KernelObserver::clear()
{
    m_ports.clear();
    m_listeners.clear();
    m_tracked.clear();
    m_rows.clear();
    m_portScanWanted = false;
    updatePolling();
}

void KernelObserver::pollFor(int milliseconds)
{
    if (!isAvailable())
        return;
    m_pollDeadline = qMax(m_pollDeadline, m_clock.elapsed() + milliseconds);
    m_lastChange = m_clock.elapsed();
    updatePolling();
}

std::optional<KernelSocket> KernelObserver::socket(const FourTuple &tuple) const
{
    const auto it = m_rows.constFind(tuple);
    if (it == m_rows.constEnd())
        return std::nullopt;
    return it.value();
}

std::optional<KernelSocket> KernelObserver::listener(quint16 port) const
{
    if (const auto tuple = m_listeners.constFind(port); tuple != m_listeners.constEnd()) {
        if (const auto row = m_rows.constFind(*tuple); row != m_rows.constEnd())
            return row.value();
    }
    for (const KernelSocket &row : m_rows) {
        if (row.isListening() && row.tuple.localPort == port)
            return row;
    }
    return std::nullopt;
}

bool KernelObserver::isWatched(const KernelSocket &socket) const
{
    if (m_ports.contains(socket.tuple.localPort))
        return true;
    // The client end of a connection to a watched port, on this machine.
    return m_ports.contains(socket.tuple.remotePort) && !socket.isListening()
        && (socket.tuple.remoteAddress.isLoopback()
            || socket.tuple.remoteAddress.isEqual(socket.tuple.localAddress,
                                                  QHostAddress::TolerantConversion));
}

bool KernelObserver::isTracked(const FourTuple &tuple) const
{
    if (m_tracked.contains(tuple))
        return true;
    const auto listener = m_listeners.constFind(tuple.localPort);
    return listener != m_listeners.constEnd() && *listener == tuple;
}

bool KernelObserver::hasUntrackedRows() const
{
    for (auto it = m_rows.constBegin(); it != m_rows.constEnd(); ++it) {
        if (!isTracked(it.key()))
            return true;
    }
    return false;
}

quint32 KernelObserver::queuedAmong(const QHash<FourTuple, KernelSocket> &rows, quint16 port)
{
    // In the accept queue: the server end of a connection with no descriptor yet (no socket
    // file), established or already closed by its peer; not TIME-WAIT, not a SYN-RECV request.
    quint32 queued = 0;
    for (const KernelSocket &row : rows) {
        if (row.tuple.localPort == port && row.inode == 0
            && (row.stateCode == linuxcode::Established || row.stateCode == linuxcode::CloseWait))
            ++queued;
    }
    return queued;
}

bool KernelObserver::isPortScanDue() const
{
    if (m_ports.isEmpty())
        return false;
    if (m_lastPortScan < 0)
        return true;
    const qint64 since = m_clock.elapsed() - m_lastPortScan;
    if (m_portScanWanted)
        return since >= minPortScanIntervalMs;
    // Outside connections and rows only a scan finds: on a slow cadence, slower when quiet.
    const qint64 interval = m_clock.elapsed() - m_lastChange >= idleAfterMs ? idlePortScanIntervalMs
                                                                            : portScanIntervalMs;
    return since >= interval && hasUntrackedRows();
}

void KernelObserver::sample()
{
    run(Scan::Now);
}

void KernelObserver::sampleTracked()
{
    run(Scan::Wanted);
}

void KernelObserver::refresh()
{
    run(Scan::WhenDue);
}

void KernelObserver::requestRefresh()
{
    if (m_refreshRequested)
        return;
    m_refreshRequested = true;
    QMetaObject::invokeMethod(this, [this] {
        if (m_refreshRequested) // not done meanwhile by a direct call
            refresh();
    }, Qt::QueuedConnection);
}

void KernelObserver::requestPortScan()
{
    m_portScanWanted = true;
    requestRefresh();
}

void KernelObserver::run(Scan scan)
{
    m_refreshRequested = false;
    if (m_sampling || !isAvailable())
        return;
    m_sampling = true;
    ++m_sampleCount;

    // Rows this sample saw, and which of the previous rows it was in a position to see.
    QHash<FourTuple, KernelSocket> found;
    QSet<FourTuple> lookedUp;
    const bool exact = m_table.backend() == KernelTable::Backend::Netlink;
    if (exact) {
        auto lookUp = [this, &found, &lookedUp](const FourTuple &tuple) {
            KernelSocket row;
            switch (m_table.lookup(tuple, &row)) {
            case KernelTable::Lookup::Found:
                found.insert(tuple, row);
                lookedUp.insert(tuple);
                return true;
            case KernelTable::Lookup::NotFound:
                lookedUp.insert(tuple);
                break;
            case KernelTable::Lookup::Unsupported:
                break; // keep what the last sample saw; the next scan decides
            }
            return false;
        };
        for (const FourTuple &tuple : std::as_const(m_tracked))
            lookUp(tuple);
        for (const FourTuple &tuple : std::as_const(m_listeners)) {
            const auto before = m_rows.constFind(tuple);
            if (!lookUp(tuple) || before == m_rows.constEnd()) {
                m_portScanWanted = true; // the listener came or went
                continue;
            }
            // A connection entered or left the accept queue: the rows around it changed, unless
            // the lesson's own connections, just looked up, are the whole queue now.
            const KernelSocket &now = found[tuple];
            if (now.txQueue != before->txQueue
                || (now.rxQueue != before->rxQueue && queuedAmong(found, tuple.localPort) != now.rxQueue))
                m_portScanWanted = true;
        }
    }

    // Without exact look-ups (/proc), every sample reads the table.
    const bool scanPorts = !m_ports.isEmpty()
        && (!exact || scan == Scan::Now || (scan == Scan::Wanted && m_portScanWanted) || isPortScanDue());
    if (scanPorts) {
        // Only IPv4 sockets matter when every watched port has an IPv4 listener (the server
        // ends are IPv4 then); otherwise IPv6 too.
        bool ipv4Only = true;
        for (quint16 port : std::as_const(m_ports)) {
            const auto listener = m_listeners.constFind(port);
            ipv4Only = ipv4Only && listener != m_listeners.constEnd()
                && listener->localAddress.protocol() == QAbstractSocket::IPv4Protocol;
        }
        const QList<KernelSocket> rows = m_table.readPorts(
            m_ports.values(), ipv4Only ? KernelTable::Families::IPv4Only : KernelTable::Families::Both);
        for (const KernelSocket &row : rows) {
            if (!isWatched(row) && !m_tracked.contains(row.tuple))
                continue;
            found.insert(row.tuple, row);
            if (row.isListening() && m_ports.contains(row.tuple.localPort))
                m_listeners.insert(row.tuple.localPort, row.tuple);
        }
        ++m_portScanCount;
        m_lastPortScan = m_clock.elapsed();
        m_portScanWanted = false;
    }
    if (!exact) {
        // /proc: the tracked connections are in the table too (a port nobody listens on).
        for (const FourTuple &tuple : std::as_const(m_tracked))
            lookedUp.insert(tuple);
    }

    QHash<FourTuple, KernelSocket> current = found;
    for (auto it = m_rows.constBegin(); it != m_rows.constEnd(); ++it) {
        const bool seen = lookedUp.contains(it.key()) || (scanPorts && isWatched(it.value()));
        if (!seen && !current.contains(it.key()))
            current.insert(it.key(), it.value()); // not looked at this time: as last seen
    }

    const QHash<FourTuple, KernelSocket> previous = std::exchange(m_rows, current);
    bool changed = previous.size() != current.size();
    for (auto it = previous.constBegin(); it != previous.constEnd(); ++it) {
        if (!current.contains(it.key()))
            emit socketGone(it.value());
    }
    for (auto it = current.constBegin(); it != current.constEnd(); ++it) {
        const auto before = previous.constFind(it.key());
        if (before == previous.constEnd()) {
            changed = true;
            emit socketChanged(it.value(), 0);
        } else if (before->stateCode != it->stateCode) {
            changed = true;
            emit socketChanged(it.value(), before->stateCode);
        } else if (before->rxQueue != it->rxQueue || before->txQueue != it->txQueue
                   || before->inode != it->inode || before->retransmits != it->retransmits) {
            emit socketUpdated(it.value());
        }
    }
    if (changed)
        m_lastChange = m_clock.elapsed();
    m_sampling = false;
    updatePolling();
    emit sampled();
}

void KernelObserver::updatePolling()
{
    bool connections = false;
    bool onlyTimeWait = true;
    for (const KernelSocket &row : std::as_const(m_rows)) {
        if (row.isListening())
            continue;
        connections = true;
        if (row.stateCode != linuxcode::TimeWait)
            onlyTimeWait = false;
    }
    const qint64 now = m_clock.elapsed();
    const bool deadlinePending = m_pollDeadline >= 0 && now < m_pollDeadline;
    if (!deadlinePending)
        m_pollDeadline = -1;
    const bool scanPending = m_portScanWanted && !m_ports.isEmpty();
    const bool wanted = isAvailable() && (!m_ports.isEmpty() || !m_tracked.isEmpty())
        && (connections || deadlinePending || scanPending);
    if (!wanted) {
        if (m_timer.isActive()) {
            m_timer.stop();
            emit pollingChanged(false);
        }
        return;
    }
    // Fast right after a change or a step, slower when connections just sit there.
    int interval = m_pollInterval;
    const qint64 quiet = now - m_lastChange;
    if (!deadlinePending && quiet >= idleAfterMs)
        interval = qMax(m_pollInterval, idlePollIntervalMs);
    else if (!deadlinePending && quiet >= steadyAfterMs)
        interval = qMax(m_pollInterval, onlyTimeWait ? timeWaitPollIntervalMs : steadyPollIntervalMs);
    if (scanPending) {
        // Come back when the scan asked for is allowed.
        const qint64 wait = m_lastPortScan < 0 ? 0 : minPortScanIntervalMs - (now - m_lastPortScan);
        interval = int(qBound(qint64(1), wait, qint64(interval)));
    }
    if (!m_timer.isActive()) {
        m_timer.start(interval);
        emit pollingChanged(true);
    } else if (m_timer.interval() != interval) {
        m_timer.setInterval(interval);
    }
}

} // namespace tcpsim::live
