// SPDX-License-Identifier: GPL-3.0-or-later
// What the three echo server designs share: the listening descriptor, the event callback
// (serialised by a mutex, so consumers never see two calls at once), the registry of open
// connected descriptors that stop() shuts down, and the blocking recv()/send-all loop that the
// Blocking and ThreadPerClient designs both run per client. Private to core/live.
#pragma once

#include "tcpsim/live/echoserver.h"

#include <atomic>
#include <mutex>
#include <set>

struct sockaddr_storage;

namespace tcpsim::live {

class EchoServerRunner
{
    Q_DECLARE_TR_FUNCTIONS(EchoServer)

public:
    EchoServerRunner(const EchoServerOptions &options, int listener, EchoServerCallback callback);
    virtual ~EchoServerRunner() = default;

    // Starts the design's threads; false if a thread could not be created.
    virtual bool start() = 0;
    // Wakes (stopping() is true by then), joins, closes every connected descriptor it owns.
    virtual void stop() = 0;

    void requestStop() { m_stopping.store(true); }
    bool stopping() const { return m_stopping.load(std::memory_order_relaxed); }
    bool reporting() const { return bool(m_callback); }
    bool reportingData() const { return m_reportData; }
    void report(const EchoServerEvent &event);
    void reportError(int connection, const QString &text);

    int nextConnectionId() { return m_nextId.fetch_add(1); }

    // Connected descriptors a blocked thread may sit in: stop() shuts them down to wake it.
    void registerDescriptor(int fd);
    // Under the same lock as shutdownRegistered(), so a reused descriptor number is never shut.
    void closeRegistered(int fd);
    void shutdownRegistered();

    // accept() on the listener; blocking or not as the listener is. -1: errno set.
    int acceptConnection(QString *peer, int flags);

    // The Blocking and ThreadPerClient designs' per-client loop: recv(1024), send-all the
    // answer, until recv() returns 0; then close(). SO_RCVTIMEO / SO_SNDTIMEO give the idle
    // timeout. Closes `fd` before returning.
    void serveBlocking(int fd, int id, const QString &peer);

protected:
    const EchoServerOptions m_options;
    const int m_listener;

private:
    EchoServerCallback m_callback;
    std::mutex m_callbackMutex;
    std::mutex m_registryMutex;
    std::set<int> m_registered;
    std::atomic<bool> m_stopping{false};
    std::atomic<int> m_nextId{1};
    const bool m_reportData;
};

QString peerText(const sockaddr_storage &address);

// Escapes nothing: the consumer escapes (see Printable in core/session).
QByteArray receivedPreview(const char *data, qsizetype size);

} // namespace tcpsim::live
