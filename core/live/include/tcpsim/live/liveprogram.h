// SPDX-License-Identifier: GPL-3.0-or-later
// A lesson's server program (`server run blocking-echo | thread-echo | epoll-echo`) run for
// real on the live listener, each call gated to the lesson step where the model makes it, so the
// kernel never runs ahead of the lesson (issue 12 §5):
//
//   blocking-echo  one worker thread makes every call in the model's order: a real blocking
//                  accept(), recv() and send(). While it sits in recv() for the first client,
//                  the second one's accept() waits behind it, and that client waits ESTABLISHED
//                  in the kernel's accept queue with its data unread, as the notes' server.py.
//   thread-echo    an accepting thread, and a thread per accepted connection (at most
//                  maxThreads) making that connection's recv(), send() and close().
//   epoll-echo     one thread: a real epoll_wait() over the listener and the connections, then
//                  non-blocking accept() and recv() as the model's event loop makes them.
//
// grant() hands a thread the model's next call; the thread makes it on the real socket named by
// its client's port, and a call that blocks in the model blocks on the kernel too. Answers are
// echoReply() of what the real recv() returned. stop() wakes every blocked thread (an eventfd
// in every poll(), shutdown() on every connection), joins them and closes the connections; the
// listener stays its owner's. Events go to the callback from the threads, one at a time.
#pragma once

#include "tcpsim/model/event.h"
#include "tcpsim/model/serverprogram.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

namespace tcpsim::live {

class LiveProgram
{
    Q_DECLARE_TR_FUNCTIONS(LiveProgram)

public:
    struct Grant {
        Call call = Call::None; // Accept, Recv, Send, Close, EpollWait
        quint16 peerPort = 0;   // the client's port (Recv, Send, Close)
    };
    struct Event {
        enum class Kind { Accepted, Received, EndOfStream, Sent, Closed, Ready, Error };
        Kind kind = Kind::Error;
        quint16 peerPort = 0;
        int descriptor = -1;
        QByteArray data;     // Received: what recv() returned; Sent: what send() wrote
        QString text;        // Ready: "fd 5, fd 7"; Error: a sentence
        QString thread;      // "worker", "thread 2", "event loop"
    };
    using Callback = std::function<void(const Event &)>;

    static constexpr int maxThreads = 64;

    LiveProgram(ServerDesign design, int listener, Callback callback);
    ~LiveProgram(); // stop()
    LiveProgram(const LiveProgram &) = delete;
    LiveProgram &operator=(const LiveProgram &) = delete;

    ServerDesign design() const { return m_design; }
    // False if the wake-up descriptor or the first thread could not be made.
    bool start();
    // The model made this call: the thread that makes it goes on.
    void grant(const Grant &grant);
    void stop();

private:
    struct Lane;
    Lane &laneFor(const Grant &grant);           // under m_mutex
    void startLane(Lane &lane, QString name);    // under m_mutex
    void run(Lane *lane);
    void perform(Lane &lane, const Grant &grant);
    // Waits until `fd` has `events` or stop() was called; false when stopping.
    bool waitFor(int fd, short events);
    int descriptorOf(quint16 peerPort);
    void report(Event event);
    static Event callEvent(const Lane &lane, quint16 peerPort, int fd);
    // Reports that the real server has no connection for the call and returns true, if so.
    bool reportedMissing(Event event, const char *call);
    void doAccept(Lane &lane);
    void doRecv(Lane &lane, quint16 peerPort);
    void doSend(Lane &lane, quint16 peerPort);
    void doClose(Lane &lane, quint16 peerPort);
    void doEpollWait(Lane &lane);

    const ServerDesign m_design;
    const int m_listener;
    Callback m_callback;
    std::mutex m_callbackMutex;

    std::mutex m_mutex;
    std::condition_variable m_granted;
    bool m_stopping = false;
    int m_wake = -1;  // eventfd: readable once stop() was called
    int m_epoll = -1; // epoll-echo
    std::map<quint16, int> m_descriptors;       // client port -> accepted descriptor
    std::map<int, QByteArray> m_lastReceived;   // descriptor -> what its last recv() returned
    std::map<quint16, std::unique_ptr<Lane>> m_lanes; // 0: the main thread; else a client's (thread-echo)
    int m_nextThread = 1;
};

} // namespace tcpsim::live
