#include "tcpsim/live/kernelobserver.h"

#include <QCoreApplication>

namespace tcpsim::live {

KernelObserver::KernelObserver(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<tcpsim::live::KernelSocket>();
    qRegisterMetaType<tcpsim::live::FourTuple>();
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &KernelObserver::sample);
    m_pollDeadlineClock.start();
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
    if (port != 0)
        m_ports.insert(port);
}

void KernelObserver::unwatchPort(quint16 port)
{
    m_ports.remove(port);
    for (auto it = m_rows.begin(); it != m_rows.end();) {
        if (!isWatched(it.value()))
            it = m_rows.erase(it);
        else
            ++it;
    }
    updatePolling();
}

void KernelObserver::pollFor(int milliseconds)
{
    if (!isAvailable())
        return;
    m_pollDeadline = qMax(m_pollDeadline, m_pollDeadlineClock.elapsed() + milliseconds);
    m_lastChange = m_pollDeadlineClock.elapsed();
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

void KernelObserver::sample()
{
    if (m_sampling || !isAvailable())
        return;
    m_sampling = true;
    ++m_sampleCount;

    QHash<FourTuple, KernelSocket> current;
    if (!m_ports.isEmpty()) {
        const QList<KernelSocket> all = m_table.read();
        for (const KernelSocket &row : all) {
            if (isWatched(row))
                current.insert(row.tuple, row);
        }
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
                   || before->inode != it->inode) {
            emit socketUpdated(it.value());
        }
    }
    if (changed)
        m_lastChange = m_pollDeadlineClock.elapsed();
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
    const bool deadlinePending = m_pollDeadline >= 0 && m_pollDeadlineClock.elapsed() < m_pollDeadline;
    if (!deadlinePending)
        m_pollDeadline = -1;
    const bool wanted = isAvailable() && !m_ports.isEmpty() && (connections || deadlinePending);
    if (!wanted) {
        if (m_timer.isActive()) {
            m_timer.stop();
            emit pollingChanged(false);
        }
        return;
    }
    // Fast right after a change or a step, slower when connections just sit there.
    int interval = m_pollInterval;
    if (!deadlinePending && m_pollDeadlineClock.elapsed() - m_lastChange >= steadyAfterMs)
        interval = qMax(m_pollInterval, onlyTimeWait ? timeWaitPollIntervalMs : steadyPollIntervalMs);
    if (!m_timer.isActive()) {
        m_timer.start(interval);
        emit pollingChanged(true);
    } else if (m_timer.interval() != interval) {
        m_timer.setInterval(interval);
    }
}

} // namespace tcpsim::live
