// SPDX-License-Identifier: GPL-3.0-or-later
// Mirrors a lesson on the live pair: each application step (listen, connect, accept, send,
// close, abort) is done on a real QTcpServer/QTcpSocket over loopback at the same click, and
// every state change, Qt's and the kernel's, is reported as an Observation. Steps that only the
// simulation can do (deliver, drop, timeout, receive, settle, isn, expect) are reported as such.
#pragma once

#include "tcpsim/live/kernelobserver.h"
#include "tcpsim/live/liveprogram.h"
#include "tcpsim/live/liveserver.h"
#include "tcpsim/live/livesocket.h"
#include "tcpsim/model/script.h"
#include "tcpsim/model/state.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QList>
#include <QMetaType>
#include <QHash>
#include <QObject>
#include <QPointer>

#include <map>
#include <memory>
#include <optional>

namespace tcpsim::live {

struct Observation {
    enum class Source : quint8 {
        Qt,     // a QAbstractSocket state, from its stateChanged signal (always observed)
        Kernel, // a row of the kernel's TCP table (observed) or a state it must have passed (inferred)
        Note,   // what the live pair did or did not do for a step ("simulation only", errors)
    };
    enum class Endpoint : quint8 {
        Client,   // the lesson's client socket
        Server,   // the lesson's connection at the server (accepted, or still in the accept queue)
        Listener, // the listening socket
        Other,    // any other connection to the server (nc, client.py ...)
        None,
        LessonClient, // the lesson's client2..client9, each a live socket too (`name`)
        LessonServer, // the server's connection with one of them (`name`: server.client2)
    };

    Source source = Source::Note;
    Endpoint endpoint = Endpoint::None;
    QString state;                     // kernel: RFC spelling; Qt: "ConnectedState" ...
    std::optional<TcpState> tcpState;  // kernel rows: the state as the model names it
    bool observed = true;              // false: inferred (too brief to sample, or a row gone)
    int step = -1;                     // lesson step index it belongs to (-1: before any step)
    int line = 0;                      // script line of that step
    qint64 timeMs = 0;                 // since the session started
    FourTuple tuple;                   // from this endpoint's end; empty for notes
    qintptr descriptor = -1;           // the application's descriptor, -1 if none
    QString detail;                    // one translated sentence
    QString name;                      // LessonClient/LessonServer: the lesson's name of the socket

    static QString sourceName(Source source);     // "qt", "kernel", "note"
    static QString endpointName(Endpoint endpoint); // "client", "server", "listener", "other", ""
    // The socket as the lesson names it: endpointName(), or `name` (client2, server.client2).
    QString socketName() const;
    // One line for logs and the CLI: "[  12 ms] step 1 kernel client ESTABLISHED observed ..."
    QString toText() const;
};

class LiveSession : public QObject
{
    Q_OBJECT

public:
    explicit LiveSession(QObject *parent = nullptr);
    ~LiveSession() override;

    // Where the live server listens (default 127.0.0.1:3267; 0 = any free port).
    void setServerAddress(const QHostAddress &address) { m_serverAddress = address; }
    void setServerPort(quint16 port) { m_requestedPort = port; }
    // Lesson::hasAccept(): with an accept step, accept() waits for it; without, it is at once.
    void setLesson(const Lesson &lesson);
    void setAcceptDeferred(bool deferred) { m_acceptDeferred = deferred; }
    // The profile the model plays, so that what the kernel negotiated is compared with the
    // right thing (the RFC's bare MSS, or the Linux profile's options).
    void setModelProfile(Profile profile) { m_modelProfile = profile; }
    bool isAcceptDeferred() const { return m_acceptDeferred; }

    // Does the step's application call on the live pair (or notes that it is simulation only).
    void perform(const Command &command, std::size_t step);
    // A call the model's server program (`server run`) made in this step: the live program's
    // thread makes it now on the real socket (see LiveProgram). Other events: nothing.
    void performProgramCall(const tcpsim::Event &event);
    // The live server program runs (from the lesson's `server run` and its listen()).
    bool isProgramRunning() const { return bool(m_program); }
    // Closes everything (a RST for the connection, so no TIME-WAIT is left over), forgets the
    // log and restarts the clock. The server stops listening.
    void reset();

    LiveServer *server() const { return m_server; }
    // The last listen step was not called on the live pair because the lesson's own socket is
    // not bound (its bind() failed, as the address-in-use lesson wants): not a failure to report.
    bool isListenSkippedByTheLesson() const { return m_listenSkipped; }
    KernelObserver *observer() const { return m_observer; }
    LiveSocket *client() const { return m_client; }
    // The lesson's connection at the server once accepted (nullptr before, or when gone).
    LiveSocket *serverConnection() const { return m_serverConnection; }
    // The lesson connection's 4-tuple from the client's end (invalid before connect).
    FourTuple clientTuple() const { return m_clientTuple; }

    // Everything about the lesson's connection, and the latest maxOutsideObservations about
    // connections from outside (the older ones are counted in outsideObservationsDropped()).
    QList<Observation> observations() const { return m_log; }
    static constexpr qsizetype maxOutsideObservations = 256;
    qint64 outsideObservationsDropped() const { return m_outsideDropped; }
    // The last kernel state seen for the lesson's client or server end (nullopt: no row).
    std::optional<TcpState> kernelState(Side side) const;
    // True while anything of the lesson connection is still in the kernel's table.
    bool hasLiveConnection() const;
    qint64 elapsed() const { return m_clock.elapsed(); }

    // The machine's listen-queue counters (/proc/net/netstat TcpExt) gained since the live
    // server's listen(): connections the real accept queue refused. They are the whole
    // machine's: another program's overflows count too. Read at most once per kernel sample
    // (the file costs ~50 us), however often the window asks.
    struct ListenCounters {
        bool available = false; // Linux, read since the listen
        quint64 overflows = 0;  // ListenOverflows: the accept queue was full
        quint64 drops = 0;      // ListenDrops: every SYN or final ACK a listener dropped
    };
    ListenCounters listenCountersSinceListen() const;

signals:
    void observed(const tcpsim::live::Observation &observation);

private:
    void startProgram(ServerDesign design);
    void onProgramEvent(const LiveProgram::Event &event);
    QString negotiatedText(const KernelTcpInfo &info) const;
    void emitObservation(Observation observation);
    void keepOutsideBounded();
    void note(const QString &detail, const QString &state = {});
    void qtState(Observation::Endpoint endpoint, LiveSocket *socket, QAbstractSocket::SocketState state,
                 const QString &detail = {}, const QString &name = {});
    Observation::Endpoint classify(const KernelSocket &row, QString *name = nullptr) const;
    void onKernelChanged(const KernelSocket &row, int previousCode);
    void onKernelUpdated(const KernelSocket &row);
    void onKernelGone(const KernelSocket &row);
    void onAccepted(int id, LiveSocket *socket);
    // `set SYSCTL N`: tcp_syn_retries becomes the live client's TCP_SYNCNT; the others are the
    // machine's, noted with its value.
    void doSet(const std::string &name, int value);
    // `server socket`, `setsockopt SO_REUSEADDR`, `bind`: a raw descriptor of the lesson's own,
    // which listen() then serves on (QTcpServer::listen() always sets SO_REUSEADDR, which would
    // hide the address-in-use lesson's error).
    void doSocket();
    void doReuseAddress();
    void doBind();
    void closeRawSocket();
    // A lesson client's socket, bound to loopback (its 4-tuple known before the SYN leaves),
    // with the lesson's TCP_SYNCNT; `name` for the note if the kernel refuses that.
    QTcpSocket *newClientSocket(const QString &name);
    // Reads all a lesson client receives and logs it (empty name: the first client's words).
    void readClientData(LiveSocket *live, Observation::Endpoint endpoint, const QString &name);
    void doListen(std::optional<int> backlog);
    void doConnect();
    void doAccept();
    // After the lesson's last call, accept() no longer waits for accept steps: the live
    // server is the class's echo server again.
    void finishLesson();
    void doSend(Side side, const std::string &data);
    void doClose(Side side);
    void closeListener(); // `server.listener close`
    // The calls on one connection's socket, for the first pair's and the other clients'.
    void sendOn(LiveSocket *socket, const QString &who, const std::string &data);
    void closeOn(LiveSocket *socket, const QString &who, Side side);
    void abortOn(LiveSocket *socket, const QString &who);
    // client2..client9: connect, send, close and abort on sockets of their own (the lesson's
    // first pair keeps the members above). False for any other verb.
    bool performForOtherClient(const Command &command, HostId host);
    struct OtherClient {
        QString name;       // client2
        QString serverName; // server.client2
        QPointer<LiveSocket> socket;
        FourTuple tuple;    // from the client's end
        QPointer<LiveSocket> serverConnection;
    };
    OtherClient &otherClient(HostId host);
    OtherClient *otherClientOfPort(quint16 clientPort);
    void connectOther(OtherClient &client);
    void discardOtherClients();
    LiveSocket *otherSocket(OtherClient &client, Side side, const QString &call);
    void doAbort(Side side);
    LiveSocket *endpointSocket(Side side) const;
    void discardClient();

    LiveServer *m_server = nullptr;
    KernelObserver *m_observer = nullptr;
    QPointer<LiveSocket> m_client;
    QPointer<LiveSocket> m_serverConnection;
    FourTuple m_clientTuple;
    QHostAddress m_serverAddress = QHostAddress::LocalHost;
    quint16 m_requestedPort = defaultServerPort;
    quint16 m_refusedPort = 0; // a port nobody listens on, for a connect without listen
    bool m_acceptDeferred = false;
    QHash<QString, quint64> m_countersAtListen;
    mutable ListenCounters m_counters;
    mutable quint64 m_countersSample = 0; // the observer's sampleCount() when m_counters was read
    std::optional<int> m_synRetries; // TCP_SYNCNT for the live client's next connect()
    std::map<HostId, OtherClient> m_otherClients;
    QHash<FourTuple, quint32> m_synRetransmits; // lesson clients' SYN retransmissions seen
    std::unique_ptr<LiveProgram> m_program;
    std::optional<ServerDesign> m_pendingDesign; // `server run` before listen(): starts at listen()
    int m_rawSocket = -1;   // the lesson's own server socket until listen() hands it to m_server
    bool m_rawBound = false;
    bool m_listenSkipped = false;
    quint16 m_rawPort = 0;  // where the lesson's binds go once one succeeded
    int m_lastLessonLine = 0; // the lesson's last application call: after it, accept everyone
    Profile m_modelProfile = Profile::Rfc9293;
    int m_step = -1;
    int m_line = 0;
    QElapsedTimer m_clock;
    QList<Observation> m_log;
    qsizetype m_outsideInLog = 0;
    qint64 m_outsideDropped = 0;
    std::optional<int> m_kernelClient;
    std::optional<int> m_kernelServer;
};

// Why the kernel's state can differ from the model's after a step, in one translated
// paragraph; empty when the states agree or no known reason applies. stepVerb is the verb of
// the lesson step just done; kernelState nullopt means no row in the table.
QString explainDifference(Side side, TcpState modelState, std::optional<TcpState> kernelState,
                          Verb stepVerb);

} // namespace tcpsim::live

Q_DECLARE_METATYPE(tcpsim::live::Observation)
