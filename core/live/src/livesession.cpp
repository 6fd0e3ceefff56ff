// SPDX-License-Identifier: GPL-3.0-or-later
#include "tcpsim/live/livesession.h"

#include <QCoreApplication>
#include <QFile>
#include <QMetaEnum>
#include <QTcpSocket>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

namespace tcpsim::live {

namespace {

QString qtStateName(QAbstractSocket::SocketState state)
{
    return QString::fromLatin1(QMetaEnum::fromType<QAbstractSocket::SocketState>().valueToKey(state));
}

QString qtErrorName(QAbstractSocket::SocketError error)
{
    return QString::fromLatin1(QMetaEnum::fromType<QAbstractSocket::SocketError>().valueToKey(error));
}

// Printable preview of received bytes, bounded.
QString preview(const QByteArray &data)
{
    static constexpr qsizetype limit = 60;
    QString text;
    for (char c : data.first(qMin(data.size(), limit))) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x20 && u < 0x7f)
            text += QLatin1Char(c);
        else
            text += QStringLiteral("\\x%1").arg(u, 2, 16, QLatin1Char('0'));
    }
    if (data.size() > limit)
        text += QStringLiteral("...");
    return text;
}

// The machine's value of a sysctl the lesson `set`s (/proc/sys/net/...), nullopt if unreadable.
std::optional<int> machineSetting(const std::string &name)
{
    const QString path = name == "somaxconn" ? QStringLiteral("/proc/sys/net/core/somaxconn")
                                             : QStringLiteral("/proc/sys/net/ipv4/") + QString::fromStdString(name);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    bool ok = false;
    const int value = file.readAll().trimmed().toInt(&ok);
    return ok ? std::optional<int>(value) : std::nullopt;
}

// "EADDRINUSE (Address already in use)": the name a C programmer sees, and the system's text.
QString errnoText(int error)
{
    const char *name = error == EADDRINUSE ? "EADDRINUSE"
        : error == EACCES                  ? "EACCES"
        : error == EINVAL                  ? "EINVAL"
        : error == EADDRNOTAVAIL           ? "EADDRNOTAVAIL"
                                           : nullptr;
    const QString text = QString::fromLocal8Bit(std::strerror(error));
    return name ? QStringLiteral("%1 (%2)").arg(QLatin1String(name), text) : text;
}

// "client" / "server" inside the notes, in the window's language.
QString sideText(Side side)
{
    return side == Side::Client ? LiveSession::tr("client") : LiveSession::tr("server");
}

} // namespace

QString Observation::sourceName(Source source)
{
    switch (source) {
    case Source::Qt:
        return QStringLiteral("qt");
    case Source::Kernel:
        return QStringLiteral("kernel");
    case Source::Note:
        break;
    }
    return QStringLiteral("note");
}

QString Observation::endpointName(Endpoint endpoint)
{
    switch (endpoint) {
    case Endpoint::Client:
        return QStringLiteral("client");
    case Endpoint::Server:
        return QStringLiteral("server");
    case Endpoint::Listener:
        return QStringLiteral("listener");
    case Endpoint::Other:
        return QStringLiteral("other");
    case Endpoint::LessonClient:
        return QStringLiteral("lesson-client");
    case Endpoint::LessonServer:
        return QStringLiteral("lesson-server");
    case Endpoint::None:
        break;
    }
    return {};
}

QString Observation::socketName() const
{
    return name.isEmpty() ? endpointName(endpoint) : name;
}

QString Observation::toText() const
{
    QString text = QStringLiteral("[%1 ms] ").arg(timeMs, 6);
    if (step >= 0)
        text += QStringLiteral("step %1 ").arg(step);
    text += sourceName(source);
    if (endpoint != Endpoint::None)
        text += QLatin1Char(' ') + socketName();
    if (!state.isEmpty())
        text += QLatin1Char(' ') + state;
    if (source != Source::Note)
        text += observed ? LiveSession::tr(" (observed)") : LiveSession::tr(" (inferred)");
    if (tuple.isValid())
        text += QStringLiteral(" ") + tuple.toString();
    if (!detail.isEmpty())
        text += QStringLiteral(": ") + detail;
    return text;
}

LiveSession::LiveSession(QObject *parent)
    : QObject(parent), m_server(new LiveServer(this)), m_observer(new KernelObserver(this))
{
    qRegisterMetaType<tcpsim::live::Observation>();
    m_clock.start();
    connect(m_observer, &KernelObserver::socketChanged, this, &LiveSession::onKernelChanged);
    connect(m_observer, &KernelObserver::socketUpdated, this, &LiveSession::onKernelUpdated);
    connect(m_observer, &KernelObserver::socketGone, this, &LiveSession::onKernelGone);
    connect(m_server, &LiveServer::connectionAccepted, this, &LiveSession::onAccepted);
    connect(m_server, &LiveServer::message, this, [this](const QString &text) { note(text); });
    // A connection came or went at the server: the rows of its port changed (outside
    // connections are found by a port scan, the lesson's by exact look-ups).
    connect(m_server, &LiveServer::connectionAccepted, m_observer, &KernelObserver::requestPortScan);
    connect(m_server, &LiveServer::connectionReleased, m_observer, &KernelObserver::requestPortScan);
}

LiveSession::~LiveSession()
{
    // No signal of a dying socket may reach a half-destroyed session: cut them all, then
    // let the server and the client go while the members still exist.
    m_program.reset(); // wakes and joins its threads while the listener is still open
    m_observer->disconnect(this);
    m_server->disconnect(this);
    closeRawSocket();
    if (m_serverConnection)
        m_serverConnection->socket()->disconnect(this);
    discardClient();
    discardOtherClients();
    delete m_server;
    m_server = nullptr;
}

void LiveSession::setLesson(const Lesson &lesson)
{
    bool hasAccept = false;
    m_lastLessonLine = 0;
    for (const Command &command : lesson.commands) {
        hasAccept = hasAccept || (command.verb == Verb::Accept && command.side == Side::Server);
        if (!command.isCheck())
            m_lastLessonLine = command.line;
    }
    m_acceptDeferred = hasAccept;
}

void LiveSession::discardClient()
{
    if (m_client) {
        m_client->disconnect(this);
        m_client->socket()->disconnect(this);
        delete m_client.data();
    }
}

void LiveSession::reset()
{
    // The program's threads first: stop() wakes the blocked ones and joins them, and its
    // connections go with a RST.
    m_program.reset();
    m_pendingDesign.reset();
    if (m_client)
        m_client->resetConnection();
    discardClient();
    for (auto &[host, client] : m_otherClients) {
        if (client.socket && !client.socket->isReleased())
            client.socket->resetConnection();
    }
    discardOtherClients();
    // Closing the server deletes its connections, whose sockets still signal while they die:
    // not to this session, which would read a half-destroyed LiveSocket.
    if (m_serverConnection)
        m_serverConnection->socket()->disconnect(this);
    m_server->clearHeldPeerPorts();
    m_server->close();
    m_observer->clear();
    m_clientTuple = {};
    m_refusedPort = 0;
    m_synRetries.reset();
    closeRawSocket();
    m_rawPort = 0;
    m_listenSkipped = false;
    m_step = -1;
    m_line = 0;
    m_log.clear();
    m_countersAtListen.clear();
    m_counters = {};
    m_outsideInLog = 0;
    m_outsideDropped = 0;
    m_kernelClient.reset();
    m_kernelServer.reset();
    m_synRetransmits.clear();
    m_clock.restart();
}

std::optional<TcpState> LiveSession::kernelState(Side side) const
{
    const std::optional<int> code = side == Side::Client ? m_kernelClient : m_kernelServer;
    if (!code)
        return std::nullopt;
    return KernelSocket{{}, *code}.state();
}

bool LiveSession::hasLiveConnection() const
{
    return m_kernelClient.has_value() || m_kernelServer.has_value() || (m_client && !m_client->isReleased());
}

void LiveSession::emitObservation(Observation observation)
{
    observation.step = m_step;
    observation.line = m_line;
    observation.timeMs = m_clock.elapsed();
    m_log.append(observation);
    if (observation.endpoint == Observation::Endpoint::Other)
        keepOutsideBounded();
    emit observed(observation);
}

void LiveSession::note(const QString &detail, const QString &state)
{
    Observation observation;
    observation.source = Observation::Source::Note;
    observation.state = state;
    observation.detail = detail;
    emitObservation(observation);
}

void LiveSession::qtState(Observation::Endpoint endpoint, LiveSocket *socket,
                          QAbstractSocket::SocketState state, const QString &detail, const QString &name)
{
    Observation observation;
    observation.source = Observation::Source::Qt;
    observation.endpoint = endpoint;
    observation.name = name;
    observation.state = qtStateName(state);
    if (socket) {
        socket->updateTuple();
        observation.tuple = socket->tuple();
        observation.descriptor = socket->descriptor();
    }
    observation.detail = detail;
    emitObservation(observation);
    m_observer->requestRefresh(); // every Qt signal is a moment to look at the kernel too
}

void LiveSession::perform(const Command &command, std::size_t step)
{
    m_step = int(step);
    m_line = command.line;
    // The live pair is the lesson's first pair: `client` and the server's connection with it.
    // client2..client9 (and server.client2..) are the model's alone; mirroring their calls on
    // the one live client would make it do another client's close.
    const SocketName target = command.target();
    const bool otherClient = (target.host != serverHost && target.host != firstClientHost)
        || (target.role == SocketName::Role::PeerOf && target.peer != firstClientHost);
    if (otherClient && !command.isCheck()
        && performForOtherClient(command, target.role == SocketName::Role::PeerOf ? target.peer : target.host)) {
        if (command.line == m_lastLessonLine)
            finishLesson();
        m_observer->refresh();
        return;
    }
    switch (command.verb) {
    case Verb::Listen:
        if (command.side == Side::Server)
            doListen(command.backlog);
        else
            note(tr("not mirrored: the live pair's client does not listen"));
        break;
    case Verb::Connect:
        if (command.side == Side::Client)
            doConnect();
        else
            note(tr("not mirrored: the live pair's server does not connect (simultaneous open "
                    "is simulation only)"));
        break;
    case Verb::Accept:
        if (command.side == Side::Server)
            doAccept();
        else
            note(tr("not mirrored: the live pair's client does not accept"));
        break;
    case Verb::Send:
        doSend(command.side, command.data);
        break;
    case Verb::Close:
        if (target.role == SocketName::Role::Listener)
            closeListener();
        else
            doClose(command.side);
        break;
    case Verb::Abort:
        doAbort(command.side);
        break;
    case Verb::Isn:
        note(tr("simulation only: Linux chooses its own ISN (a keyed hash of the 4-tuple plus a "
                "clock)"));
        break;
    case Verb::Deliver:
        note(tr("simulation only: loopback delivered every segment at once"));
        break;
    case Verb::Drop:
        note(tr("simulation only: loopback loses nothing, the kernel went on as if delivered"));
        break;
    case Verb::Timeout:
        note(tr("simulation only: the kernel's timers keep their own time (on loopback nothing is "
                "lost; TIME-WAIT ends after 60 s)"));
        break;
    case Verb::Receive:
        note(tr("simulation only: a crafted segment is not sent on the live pair"));
        break;
    case Verb::Settle:
        note(tr("simulation only: loopback has already settled"));
        break;
    case Verb::Set:
        doSet(command.name, int(command.value));
        break;
    case Verb::Socket:
    case Verb::Setsockopt:
    case Verb::Bind:
        if (command.side != Side::Server)
            note(tr("simulation only: the live pair's client socket is made by Qt at its connect()"));
        else if (command.verb == Verb::Socket)
            doSocket();
        else if (command.verb == Verb::Setsockopt)
            doReuseAddress();
        else
            doBind();
        break;
    case Verb::Run: {
        const std::optional<ServerDesign> design = parseServerDesign(command.name);
        if (!design)
            break;
        if (m_program) {
            note(tr("the live server program (%1) already runs").arg(QString::fromStdString(command.name)));
        } else if (m_server->isListening()) {
            startProgram(*design);
        } else {
            m_pendingDesign = design;
            note(tr("the server program (%1) starts on the live server at its listen()")
                     .arg(QString::fromStdString(command.name)));
        }
        break;
    }
    case Verb::ExpectState:
    case Verb::ExpectSent:
    case Verb::ExpectNothing:
    case Verb::ExpectQueue:
    case Verb::ExpectDescriptor:
    case Verb::ExpectCounter:
    case Verb::ExpectUnread:
        note(tr("simulation only: a check of the model"));
        break;
    }
    if (!command.isCheck() && command.line == m_lastLessonLine)
        finishLesson();
    // At once, not coalesced: what the kernel shows now belongs to this step.
    m_observer->refresh();
}

LiveSession::ListenCounters LiveSession::listenCountersSinceListen() const
{
    if (m_countersAtListen.isEmpty() || !m_server->isListening())
        return {};
    if (m_counters.available && m_countersSample == m_observer->sampleCount())
        return m_counters;
    m_countersSample = m_observer->sampleCount();
    const QHash<QString, quint64> now = readTcpExtCounters();
    const auto gained = [&](const QString &name) {
        const quint64 before = m_countersAtListen.value(name);
        const quint64 after = now.value(name, before);
        return after >= before ? after - before : 0;
    };
    m_counters.available = !now.isEmpty();
    m_counters.overflows = gained(QStringLiteral("ListenOverflows"));
    m_counters.drops = gained(QStringLiteral("ListenDrops"));
    return m_counters;
}

void LiveSession::doSet(const std::string &name, int value)
{
    const QString setting = QString::fromStdString(name);
    const std::optional<int> machine = machineSetting(name);
    const QString here = machine ? QString::number(*machine) : tr("unknown");
    if (name != "tcp_syn_retries") {
        // A sysctl is the whole machine's: changing it needs root and would change every
        // program's TCP, so the live pair keeps the machine's value and says which.
        note(tr("simulation only: %1 is the whole machine's setting (here %2) and needs root to "
                "change; the live pair keeps it, the model uses %3")
                 .arg(setting, here)
                 .arg(value));
        return;
    }
    // tcp_syn_retries has a per-socket equivalent: TCP_SYNCNT on the connecting socket (1-127).
    if (value < 1 || value > 127) {
        m_synRetries.reset();
        note(tr("simulation only: TCP_SYNCNT, the per-socket tcp_syn_retries, takes 1 to 127, not "
                "%1; the live client keeps the machine's %2")
                 .arg(value)
                 .arg(here));
        return;
    }
    m_synRetries = value;
    Observation observation;
    observation.source = Observation::Source::Note;
    observation.endpoint = Observation::Endpoint::Client;
    observation.state = QStringLiteral("TCP_SYNCNT %1").arg(value);
    observation.detail = tr("tcp_syn_retries %1 on the live pair: the client's own TCP_SYNCNT %1 at its "
                            "next connect() (the machine's tcp_syn_retries, %2, is left alone)")
                             .arg(value)
                             .arg(here);
    emitObservation(observation);
}

LiveSession::OtherClient &LiveSession::otherClient(HostId host)
{
    OtherClient &client = m_otherClients[host];
    if (client.name.isEmpty()) {
        SocketName name;
        name.host = host;
        client.name = QString::fromStdString(name.toString());
        name.host = serverHost;
        name.role = SocketName::Role::PeerOf;
        name.peer = host;
        client.serverName = QString::fromStdString(name.toString());
    }
    return client;
}

LiveSession::OtherClient *LiveSession::otherClientOfPort(quint16 clientPort)
{
    for (auto &[host, client] : m_otherClients) {
        if (client.tuple.isValid() && client.tuple.localPort == clientPort)
            return &client;
    }
    return nullptr;
}

void LiveSession::discardOtherClients()
{
    for (auto &[host, client] : m_otherClients) {
        if (client.serverConnection)
            client.serverConnection->socket()->disconnect(this);
        if (client.socket) {
            client.socket->disconnect(this);
            client.socket->socket()->disconnect(this);
            delete client.socket.data();
        }
    }
    m_otherClients.clear();
}

bool LiveSession::performForOtherClient(const Command &command, HostId host)
{
    if (command.verb == Verb::Connect) {
        if (command.side != Side::Client)
            return false;
        connectOther(otherClient(host));
        return true;
    }
    if (command.verb != Verb::Send && command.verb != Verb::Close && command.verb != Verb::Abort)
        return false;
    OtherClient &client = otherClient(host);
    const QString call = command.verb == Verb::Send ? QStringLiteral("send()")
        : command.verb == Verb::Close               ? QStringLiteral("close()")
                                                    : QStringLiteral("abort()");
    LiveSocket *socket = otherSocket(client, command.side, call);
    if (!socket)
        return true;
    const QString who = command.side == Side::Client ? client.name : client.serverName;
    if (command.verb == Verb::Send)
        sendOn(socket, who, command.data);
    else if (command.verb == Verb::Close)
        closeOn(socket, who, command.side);
    else
        abortOn(socket, who);
    return true;
}

LiveSocket *LiveSession::otherSocket(OtherClient &client, Side side, const QString &call)
{
    LiveSocket *socket = side == Side::Client ? client.socket.data() : client.serverConnection.data();
    if (socket && !socket->isReleased())
        return socket;
    note(side == Side::Client
             ? tr("%1: the live %2 has nothing open").arg(call, client.name)
             : tr("%1: the live server has no connection with %2 (not accepted yet, or gone)").arg(call, client.name));
    return nullptr;
}

void LiveSession::connectOther(OtherClient &client)
{
    if (client.socket && !client.socket->isReleased()) {
        note(tr("connect(): the live %1 already has a connection").arg(client.name));
        return;
    }
    if (!m_server->isListening()) {
        note(tr("simulation only: the live server is not listening, and %1's refused connect() is the "
                "model's alone")
                 .arg(client.name));
        return;
    }
    if (client.socket) {
        client.socket->disconnect(this);
        client.socket->socket()->disconnect(this);
        delete client.socket.data();
    }
    const quint16 port = m_server->serverPort();
    QTcpSocket *socket = newClientSocket(client.name);
    client.socket = new LiveSocket(socket, this);
    client.serverConnection = nullptr;
    client.tuple = {socket->localAddress(), socket->localPort(), m_serverAddress, port};
    // Its server side answers only as the lesson's steps say, as the first client's does.
    m_server->addHeldPeerPort(socket->localPort());
    m_observer->trackConnection(client.tuple);
    LiveSocket *live = client.socket;
    const QString name = client.name;
    connect(socket, &QAbstractSocket::stateChanged, this, [this, live, name](QAbstractSocket::SocketState state) {
        if (state == QAbstractSocket::ConnectedState)
            live->hold();
        qtState(Observation::Endpoint::LessonClient, live, state,
                state == QAbstractSocket::ConnectedState ? tr("connect() returned: descriptor %1").arg(live->descriptor())
                                                         : QString(),
                name);
    });
    readClientData(live, Observation::Endpoint::LessonClient, name);
    connect(live, &LiveSocket::released, m_observer, &KernelObserver::requestRefresh);
    m_observer->pollFor(1000);
    socket->connectToHost(m_serverAddress, port);
}

QTcpSocket *LiveSession::newClientSocket(const QString &name)
{
    auto *socket = new QTcpSocket;
    // Bound first, so the 4-tuple is known before the SYN leaves.
    socket->bind(m_serverAddress.protocol() == QAbstractSocket::IPv6Protocol ? QHostAddress(QHostAddress::LocalHostIPv6)
                                                                             : QHostAddress(QHostAddress::LocalHost),
                 0);
    if (m_synRetries) {
        const int count = *m_synRetries;
        if (::setsockopt(int(socket->socketDescriptor()), IPPROTO_TCP, TCP_SYNCNT, &count, sizeof count) != 0)
            note(tr("the kernel refused TCP_SYNCNT %1 on the live %2").arg(count).arg(name));
    }
    return socket;
}

void LiveSession::readClientData(LiveSocket *live, Observation::Endpoint endpoint, const QString &name)
{
    // The client reads everything (what a recv loop does); the log shows a bounded preview.
    QTcpSocket *socket = live->socket();
    connect(socket, &QIODevice::readyRead, this, [this, live, socket, endpoint, name] {
        while (socket->bytesAvailable() > 0) {
            const QByteArray data = socket->read(64 * 1024);
            if (data.isEmpty())
                break;
            live->noteReceived(data);
            Observation observation;
            observation.source = Observation::Source::Note;
            observation.endpoint = endpoint;
            observation.name = name;
            observation.tuple = live->tuple();
            observation.detail = name.isEmpty()
                ? tr("client received %n byte(s): \"%1\"", nullptr, int(data.size())).arg(preview(data))
                : tr("%1 received %n byte(s): \"%2\"", nullptr, int(data.size())).arg(name, preview(data));
            emitObservation(observation);
        }
        m_observer->requestRefresh();
    });
}

void LiveSession::startProgram(ServerDesign design)
{
    const QString name = QString::fromLatin1(serverDesignName(design).data(), qsizetype(serverDesignName(design).size()));
#if !defined(Q_OS_LINUX)
    note(tr("simulation only: the server program (%1) runs in the model; the live server program needs Linux")
             .arg(name));
#else
    // The program's accept() calls take the connections: Qt's listener accepts no more.
    m_server->pauseAccepting();
    // The callback runs on the program's threads, which are joined before this session goes
    // (the destructor and reset() stop the program first); a queued call whose receiver is
    // gone is dropped by Qt.
    m_program = std::make_unique<LiveProgram>(design, int(m_server->listeningDescriptor()),
                                              [this](const LiveProgram::Event &event) {
                                                  QMetaObject::invokeMethod(
                                                      this, [this, event] { onProgramEvent(event); },
                                                      Qt::QueuedConnection);
                                              });
    if (!m_program->start()) {
        m_program.reset();
        note(tr("the server program (%1) could not start on the live server: %2").arg(name, QString::fromLocal8Bit(std::strerror(errno))));
        return;
    }
    const QString how = design == ServerDesign::BlockingEcho
        ? tr("one worker thread makes every call, a real blocking accept(), recv() and send(): one client at a time")
        : design == ServerDesign::ThreadEcho
        ? tr("an accepting thread and a real thread per connection (at most %1)").arg(LiveProgram::maxThreads)
        : tr("one thread: a real epoll_wait() over the listener and the connections, then accept() and recv()");
    note(tr("the server program (%1) runs on the live server, descriptor %2: %3; each call is made at the "
            "step where the model makes it, so the kernel never runs ahead of the lesson")
             .arg(name)
             .arg(m_server->listeningDescriptor())
             .arg(how));
#endif
}

void LiveSession::performProgramCall(const Event &event)
{
    if (!m_program || event.kind != EventKind::Call || event.host != serverHost)
        return;
    LiveProgram::Grant grant;
    grant.call = event.call;
    switch (event.call) {
    case Call::Accept:
    case Call::EpollWait:
        break;
    case Call::Recv:
    case Call::Send:
    case Call::Close: {
        // The connection as the kernel knows it: by its client's port.
        if (event.peer == firstClientHost)
            grant.peerPort = m_clientTuple.isValid() ? m_clientTuple.localPort : 0;
        else if (isClientHost(event.peer) && m_otherClients.count(event.peer) != 0)
            grant.peerPort = m_otherClients.at(event.peer).tuple.localPort;
        if (grant.peerPort == 0) {
            note(tr("%1(): not made by the live server program: %2 has no live connection")
                     .arg(QString::fromLatin1(callName(event.call).data()),
                          QString::fromStdString(hostName(event.peer))));
            return;
        }
        break;
    }
    default:
        return;
    }
    m_program->grant(grant);
}

void LiveSession::onProgramEvent(const LiveProgram::Event &event)
{
    Observation observation;
    observation.source = Observation::Source::Note;
    // Whose connection: the lesson's first pair, client2.., or neither (an outside client).
    QString connection = tr("the connection from port %1").arg(event.peerPort);
    if (event.peerPort != 0 && m_clientTuple.isValid() && event.peerPort == m_clientTuple.localPort) {
        observation.endpoint = Observation::Endpoint::Server;
        connection = QStringLiteral("server.client");
    } else if (OtherClient *other = event.peerPort != 0 ? otherClientOfPort(event.peerPort) : nullptr) {
        observation.endpoint = Observation::Endpoint::LessonServer;
        observation.name = other->serverName;
        connection = other->serverName;
    } else if (event.peerPort == 0) {
        observation.endpoint = Observation::Endpoint::Listener;
    }
    observation.descriptor = event.descriptor;
    QString what;
    switch (event.kind) {
    case LiveProgram::Event::Kind::Accepted:
        what = tr("accept() returned %1, descriptor %2").arg(connection).arg(event.descriptor);
        break;
    case LiveProgram::Event::Kind::Received:
        what = tr("recv() on %1 returned %n byte(s): \"%2\"", nullptr, int(event.data.size()))
                   .arg(connection, preview(event.data));
        break;
    case LiveProgram::Event::Kind::EndOfStream:
        what = tr("recv() on %1 returned 0: its client closed its side").arg(connection);
        break;
    case LiveProgram::Event::Kind::Sent:
        what = tr("send() on %1 wrote %n byte(s): \"%2\"", nullptr, int(event.data.size()))
                   .arg(connection, preview(event.data));
        break;
    case LiveProgram::Event::Kind::Closed:
        what = tr("close() on %1: descriptor %2 released").arg(connection).arg(event.descriptor);
        break;
    case LiveProgram::Event::Kind::Ready:
        what = tr("epoll_wait() returned: %1 ready").arg(event.text);
        break;
    case LiveProgram::Event::Kind::Error:
        what = event.text;
        break;
    }
    observation.detail = tr("server program, %1: %2").arg(event.thread, what);
    emitObservation(observation);
    m_observer->requestRefresh();
}

void LiveSession::closeRawSocket()
{
    if (m_rawSocket >= 0)
        ::close(m_rawSocket);
    m_rawSocket = -1;
    m_rawBound = false;
}

void LiveSession::doSocket()
{
    closeRawSocket();
    const int family = m_serverAddress.protocol() == QAbstractSocket::IPv6Protocol ? AF_INET6 : AF_INET;
    m_rawSocket = ::socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (m_rawSocket < 0) {
        note(tr("socket() failed: %1").arg(errnoText(errno)));
        return;
    }
    note(tr("socket(): descriptor %1, with no options set (QTcpServer::listen() would set "
            "SO_REUSEADDR; this lesson's server sets its own)")
             .arg(m_rawSocket));
}

void LiveSession::doReuseAddress()
{
    if (m_rawSocket < 0) {
        note(tr("setsockopt(): not called: the live server has no socket of its own (the lesson has "
                "no `server socket` step before it)"));
        return;
    }
    const int one = 1;
    if (::setsockopt(m_rawSocket, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0)
        note(tr("setsockopt(SO_REUSEADDR) on descriptor %1 failed: %2").arg(m_rawSocket).arg(errnoText(errno)));
    else
        note(tr("setsockopt(SO_REUSEADDR, 1) on descriptor %1").arg(m_rawSocket));
}

void LiveSession::doBind()
{
    if (m_rawSocket < 0) {
        note(tr("bind(): not called: the live server has no socket of its own (the lesson has no "
                "`server socket` step before it)"));
        return;
    }
    // The live server's port (3267, or the one it took): every bind of the lesson is to the same
    // port, so a restart meets the connections the last server left there.
    const auto bindTo = [this](quint16 port) {
        sockaddr_storage storage{};
        socklen_t length = 0;
        if (m_serverAddress.protocol() == QAbstractSocket::IPv6Protocol) {
            auto *address = reinterpret_cast<sockaddr_in6 *>(&storage);
            address->sin6_family = AF_INET6;
            address->sin6_port = htons(port);
            const Q_IPV6ADDR ip = m_serverAddress.toIPv6Address();
            std::memcpy(&address->sin6_addr, &ip, sizeof ip);
            length = sizeof *address;
        } else {
            auto *address = reinterpret_cast<sockaddr_in *>(&storage);
            address->sin_family = AF_INET;
            address->sin_port = htons(port);
            address->sin_addr.s_addr = htonl(m_serverAddress.toIPv4Address());
            length = sizeof *address;
        }
        return ::bind(m_rawSocket, reinterpret_cast<sockaddr *>(&storage), length) == 0 ? 0 : errno;
    };
    quint16 port = m_rawPort != 0 ? m_rawPort : m_requestedPort;
    int error = bindTo(port);
    if (error == EADDRINUSE && m_rawPort == 0 && port != 0) {
        // The first bind, and another program holds the port: as listen() does, take a free one.
        note(tr("port %1 is taken by another program: binding to a free port instead").arg(port));
        port = 0;
        error = bindTo(0);
    }
    if (error != 0) {
        note(error == EADDRINUSE
                 ? tr("bind(%1) failed: %2. A connection the last server left on port %3 still holds "
                      "it: Linux keeps TIME-WAIT for 60 s of real time, whatever the lesson's timers did, "
                      "and lets a new socket bind beside it only when both set SO_REUSEADDR")
                       .arg(formatEndpoint(m_serverAddress, port), errnoText(error))
                       .arg(port)
                 : tr("bind(%1) failed: %2").arg(formatEndpoint(m_serverAddress, port), errnoText(error)));
        return;
    }
    sockaddr_storage bound{};
    socklen_t length = sizeof bound;
    if (::getsockname(m_rawSocket, reinterpret_cast<sockaddr *>(&bound), &length) == 0)
        m_rawPort = ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6 *>(&bound)->sin6_port
                                                       : reinterpret_cast<sockaddr_in *>(&bound)->sin_port);
    m_rawBound = true;
    note(tr("bind(): descriptor %1 bound to %2").arg(m_rawSocket).arg(formatEndpoint(m_serverAddress, m_rawPort)));
}

void LiveSession::doListen(std::optional<int> backlog)
{
    if (m_server->isListening()) {
        note(tr("already listening on %1").arg(formatEndpoint(m_server->serverAddress(), m_server->serverPort())));
        return;
    }
    if (m_acceptDeferred)
        m_server->pauseAccepting();
    else
        m_server->resumeAccepting();
    // The lesson's backlog is the real listen()'s: a per-socket setting, so the kernel's queue
    // fills and overflows as the lesson says. A plain `listen` is the model's default, the notes'
    // listen(5), not Qt's 50: the blocking server's waiting clients count against it as in the
    // notes. The lesson's end widens it for the class (finishLesson()).
    m_server->setListenBacklogSize(backlog.value_or(SimulationConfig{}.defaultBacklog));
    m_listenSkipped = false;
    if (m_rawSocket >= 0) {
        // The lesson made its own socket (`server socket`, `bind`): listen() on it as server.py
        // does, without the SO_REUSEADDR that QTcpServer::listen() would set, then serve on it.
        if (!m_rawBound) {
            note(tr("listen(): not called on the live pair: descriptor %1 is not bound (its bind() "
                    "failed), so the live server does not listen")
                     .arg(m_rawSocket));
            m_listenSkipped = true;
            return;
        }
        if (::listen(m_rawSocket, m_server->listenBacklogSize()) != 0) {
            note(tr("listen() on descriptor %1 failed: %2").arg(m_rawSocket).arg(errnoText(errno)));
            return;
        }
        const int descriptor = std::exchange(m_rawSocket, -1);
        m_rawBound = false;
        if (!m_server->listenOnDescriptor(descriptor)) {
            ::close(descriptor);
            return;
        }
    } else if (!m_server->listen(m_serverAddress, m_requestedPort)) {
        return;
    }
    m_countersAtListen = readTcpExtCounters();
    m_counters = {};
    m_observer->watchPort(m_server->serverPort());
    Observation observation;
    observation.source = Observation::Source::Qt;
    observation.endpoint = Observation::Endpoint::Listener;
    observation.state = qtStateName(QAbstractSocket::ListeningState);
    observation.tuple = {m_server->serverAddress(), m_server->serverPort(), {}, 0};
    observation.descriptor = m_server->listeningDescriptor();
    observation.detail = m_acceptDeferred
        ? tr("listen(): the listening socket, descriptor %1, backlog %2; accept() waits for the lesson's accept step")
              .arg(m_server->listeningDescriptor())
              .arg(m_server->listenBacklogSize())
        : tr("listen(): the listening socket, descriptor %1, backlog %2; connections are accepted at once")
              .arg(m_server->listeningDescriptor())
              .arg(m_server->listenBacklogSize());
    emitObservation(observation);
    if (m_pendingDesign)
        startProgram(*std::exchange(m_pendingDesign, std::nullopt));
}

void LiveSession::doConnect()
{
    if (m_client && !m_client->isReleased()) {
        note(tr("connect(): the live client already has a connection"));
        return;
    }
    discardClient();
    quint16 port = m_server->serverPort();
    if (!m_server->isListening()) {
        // A port nobody listens on, so that the kernel answers with a RST as the lesson wants
        // (never the real 3267: someone else may be serving it).
        QTcpServer probe;
        probe.listen(m_serverAddress, 0);
        port = probe.serverPort();
        probe.close();
        m_refusedPort = port;
        note(tr("the live server is not listening: connecting to %1, where nobody listens")
                 .arg(formatEndpoint(m_serverAddress, port)));
    }
    m_observer->watchPort(port);

    QTcpSocket *socket = newClientSocket(QStringLiteral("client"));
    m_client = new LiveSocket(socket, this);
    LiveSocket *client = m_client;
    m_clientTuple = {socket->localAddress(), socket->localPort(), m_serverAddress, port};
    m_server->setHeldPeerPort(socket->localPort());
    m_observer->trackConnection(m_clientTuple);

    connect(socket, &QAbstractSocket::stateChanged, this, [this, client](QAbstractSocket::SocketState state) {
        QString detail;
        if (state == QAbstractSocket::ConnectedState) {
            client->hold();
            detail = tr("connect() returned: descriptor %1").arg(client->descriptor());
        } else if (state == QAbstractSocket::UnconnectedState) {
            detail = client->isHeld() && !client->isWriteClosed()
                ? tr("Qt closed its socket; the lesson still holds the connection")
                : tr("Qt closed the socket");
        }
        qtState(Observation::Endpoint::Client, client, state, detail);
    });
    connect(socket, &QAbstractSocket::errorOccurred, this, [this, client, socket](QAbstractSocket::SocketError error) {
        Observation observation;
        observation.source = Observation::Source::Qt;
        observation.endpoint = Observation::Endpoint::Client;
        observation.state = qtErrorName(error);
        observation.tuple = client->tuple();
        // Qt's own text (translated only if Qt's translation is installed) inside our sentence.
        observation.detail = tr("the client socket reported an error: %1").arg(socket->errorString());
        emitObservation(observation);
        m_observer->requestRefresh();
    });
    readClientData(client, Observation::Endpoint::Client, QString());
    connect(client, &LiveSocket::released, m_observer, &KernelObserver::requestRefresh);

    m_observer->pollFor(1000);
    socket->connectToHost(m_serverAddress, port);
}

void LiveSession::doAccept()
{
    if (m_program) {
        note(tr("accept(): the live server program makes its own accept() calls, at the steps where the model's does"));
        return;
    }
    if (m_serverConnection && m_otherClients.empty()) {
        note(tr("accept(): the lesson's connection was already accepted"));
        return;
    }
    if (!m_server->isListening()) {
        note(tr("accept(): the live server is not listening"));
        return;
    }
    m_observer->refresh();
    if (!m_acceptDeferred) {
        const bool queued = m_clientTuple.isValid() && m_observer->socket(m_clientTuple.reversed()).has_value();
        note(queued ? tr("accept(): takes the established connection off the kernel's accept queue")
                    : tr("accept(): nothing in the accept queue yet; it returns when a connection arrives"));
        m_server->resumeAccepting();
        return;
    }
    // One accept() per accept step, as in a program: the oldest connection in the kernel's
    // accept queue, which may be a class's nc that connected before the lesson's client.
    const std::optional<KernelSocket> listener = m_observer->listener(m_server->serverPort());
    const int queued = listener ? int(listener->rxQueue) : 0;
    if (!m_server->acceptOne()) {
        note(tr("accept(): not called: the live server holds as many connections as it takes"));
        return;
    }
    if (queued == 0)
        note(tr("accept(): nothing in the accept queue yet; it returns when a connection arrives"));
    else if (queued == 1)
        note(tr("accept(): takes the established connection off the kernel's accept queue"));
    else
        note(tr("accept(): takes the oldest of the %n connections in the kernel's accept queue; the "
                "others wait there, established, for a later accept()", nullptr, queued));
}

void LiveSession::finishLesson()
{
    // The lesson is over: the live server is the class's echo server now, and a class connecting
    // at once needs more than the lesson's listen(5). listen() again on the listening socket
    // widens its queue (Linux), keeping every connection already queued.
    if (m_server->isListening() && m_server->listenBacklogSize() < LiveServer::defaultListenBacklog
        && ::listen(int(m_server->listeningDescriptor()), LiveServer::defaultListenBacklog) == 0) {
        note(tr("the lesson is over: the live server's listen() backlog is now %1 (it was %2), for a class "
                "connecting at once")
                 .arg(LiveServer::defaultListenBacklog)
                 .arg(m_server->listenBacklogSize()));
        m_server->setListenBacklogSize(LiveServer::defaultListenBacklog);
    }
    // A running server program keeps making its own accept() calls: Qt's listener stays paused.
    if (!m_acceptDeferred || m_program)
        return;
    m_acceptDeferred = false;
    const std::optional<KernelSocket> listener =
        m_server->isListening() ? m_observer->listener(m_server->serverPort()) : std::nullopt;
    if (listener && listener->rxQueue > 0)
        note(tr("the lesson is over: the live echo server now accepts the %n connection(s) waiting in "
                "its accept queue, and any that arrive",
                nullptr, int(listener->rxQueue)));
    m_server->resumeAccepting();
}

void LiveSession::onAccepted(int id, LiveSocket *socket)
{
    Q_UNUSED(id);
    if (OtherClient *client = otherClientOfPort(socket->tuple().remotePort)) {
        client->serverConnection = socket;
        const QString name = client->serverName;
        connect(socket->socket(), &QAbstractSocket::stateChanged, this,
                [this, guard = QPointer<LiveSocket>(socket), name](QAbstractSocket::SocketState state) {
                    if (guard) // not while the server deletes it (its socket signals as it dies)
                        qtState(Observation::Endpoint::LessonServer, guard, state, {}, name);
                });
        qtState(Observation::Endpoint::LessonServer, socket, socket->socket()->state(),
                tr("accept() returned %1's connection: descriptor %2").arg(client->name).arg(socket->descriptor()),
                name);
        return;
    }
    const bool lessonConnection = m_clientTuple.isValid() && socket->tuple().remotePort == m_clientTuple.localPort;
    if (!lessonConnection) {
        Observation observation;
        observation.source = Observation::Source::Qt;
        observation.endpoint = Observation::Endpoint::Other;
        observation.state = qtStateName(socket->socket()->state());
        observation.tuple = socket->tuple();
        observation.descriptor = socket->descriptor();
        const bool lessonWaits = m_acceptDeferred && m_clientTuple.isValid() && !m_serverConnection;
        observation.detail = lessonWaits
            ? tr("accept() returned a connection from outside the lesson, the oldest in the accept "
                 "queue: descriptor %1; the lesson's connection waits there for another accept()")
                  .arg(socket->descriptor())
            : tr("accept() returned a connection from outside the lesson: descriptor %1")
                  .arg(socket->descriptor());
        emitObservation(observation);
        return;
    }
    m_serverConnection = socket;
    // The server deletes its connections (closing the listener, a reset), and a socket signals
    // while it dies: by then the LiveSocket is half destroyed, and the guard is null.
    const QPointer<LiveSocket> guard(socket);
    connect(socket->socket(), &QAbstractSocket::stateChanged, this, [this, guard](QAbstractSocket::SocketState state) {
        if (!guard)
            return;
        qtState(Observation::Endpoint::Server, guard, state,
                state == QAbstractSocket::UnconnectedState && guard->isHeld() && !guard->isWriteClosed()
                    ? tr("Qt closed its socket; the lesson still holds the connection")
                    : QString());
    });
    connect(socket->socket(), &QAbstractSocket::errorOccurred, this, [this, guard](QAbstractSocket::SocketError error) {
        if (!guard)
            return;
        LiveSocket *socket = guard;
        Observation observation;
        observation.source = Observation::Source::Qt;
        observation.endpoint = Observation::Endpoint::Server;
        observation.state = qtErrorName(error);
        observation.tuple = socket->tuple();
        observation.detail = tr("the server's connected socket reported an error: %1").arg(socket->socket()->errorString());
        emitObservation(observation);
    });
    qtState(Observation::Endpoint::Server, socket, socket->socket()->state(),
            tr("accept() returned a new connected socket, descriptor %1 (the listening socket keeps "
               "descriptor %2)")
                .arg(socket->descriptor())
                .arg(m_server->listeningDescriptor()));
}

LiveSocket *LiveSession::endpointSocket(Side side) const
{
    if (side == Side::Client)
        return m_client && !m_client->isReleased() ? m_client.data() : nullptr;
    return m_serverConnection && !m_serverConnection->isReleased() ? m_serverConnection.data() : nullptr;
}

void LiveSession::doSend(Side side, const std::string &data)
{
    LiveSocket *socket = endpointSocket(side);
    const QString who = sideText(side);
    if (!socket) {
        note(tr("send(): the live %1 has no connection to send on").arg(who));
        return;
    }
    sendOn(socket, who, data);
}

void LiveSession::sendOn(LiveSocket *socket, const QString &who, const std::string &data)
{
    const qint64 sent = socket->send(QByteArray(data.data(), qsizetype(data.size())));
    if (sent < 0)
        note(tr("send() on the live %1 failed: its sending side is closed").arg(who));
    else
        note(tr("%1 sent %n byte(s)", nullptr, int(sent)).arg(who));
}

void LiveSession::closeListener()
{
    if (!m_server->isListening()) {
        note(tr("close(): the live server has no listening socket"));
        return;
    }
    const quint16 port = m_server->serverPort();
    m_server->close();
    note(tr("close(): the listening socket on port %1 is closed").arg(port));
}

void LiveSession::doClose(Side side)
{
    LiveSocket *socket = endpointSocket(side);
    const QString who = sideText(side);
    if (side == Side::Server && !socket && m_server->isListening()) {
        if (m_clientTuple.isValid() && !m_serverConnection && !m_program) {
            // The lesson's connection is still in the accept queue: take it first so that the
            // close is the connection's, as in the model.
            m_server->resumeAccepting();
            socket = endpointSocket(side);
        }
        if (!socket) {
            closeListener();
            return;
        }
    }
    if (!socket) {
        note(tr("close(): the live %1 has nothing open").arg(who));
        return;
    }
    closeOn(socket, who, side);
}

void LiveSession::closeOn(LiveSocket *socket, const QString &who, Side side)
{
    if (side == Side::Client && socket->socket()->state() != QAbstractSocket::ConnectedState
        && !socket->isHeld()) {
        // Before the connection exists (SYN-SENT), close() just deletes it.
        socket->socket()->abort();
        note(tr("%1 close() before the connection was established: the socket is deleted").arg(who));
        return;
    }
    if (socket->isWriteClosed()) {
        note(tr("close(): the live %1 already closed its side").arg(who));
        return;
    }
    note(tr("%1 close(): FIN sent with shutdown(SHUT_WR); it keeps reading until the peer's FIN").arg(who));
    socket->closeWrite();
    m_observer->pollFor(500);
}

void LiveSession::doAbort(Side side)
{
    LiveSocket *socket = endpointSocket(side);
    const QString who = sideText(side);
    if (!socket) {
        note(tr("abort(): the live %1 has nothing open").arg(who));
        return;
    }
    abortOn(socket, who);
}

void LiveSession::abortOn(LiveSocket *socket, const QString &who)
{
    note(tr("%1 abort(): SO_LINGER {1, 0} then close: a RST").arg(who));
    socket->resetConnection();
    m_observer->pollFor(500);
}

Observation::Endpoint LiveSession::classify(const KernelSocket &row, QString *name) const
{
    if (row.isListening())
        return Observation::Endpoint::Listener;
    for (const auto &[host, client] : m_otherClients) {
        if (!client.tuple.isValid())
            continue;
        if (row.tuple.localPort == client.tuple.localPort && row.tuple.remotePort == client.tuple.remotePort) {
            if (name)
                *name = client.name;
            return Observation::Endpoint::LessonClient;
        }
        if (row.tuple.localPort == client.tuple.remotePort && row.tuple.remotePort == client.tuple.localPort) {
            if (name)
                *name = client.serverName;
            return Observation::Endpoint::LessonServer;
        }
    }
    if (m_clientTuple.isValid()) {
        if (row.tuple.localPort == m_clientTuple.localPort && row.tuple.remotePort == m_clientTuple.remotePort)
            return Observation::Endpoint::Client;
        if (row.tuple.localPort == m_clientTuple.remotePort && row.tuple.remotePort == m_clientTuple.localPort)
            return Observation::Endpoint::Server;
    }
    return Observation::Endpoint::Other;
}

QString LiveSession::negotiatedText(const KernelTcpInfo &info) const
{
    // What Linux negotiated in its SYNs, beside the segments of the ladder.
    if (m_modelProfile == Profile::Rfc9293) {
        return tr("the kernel negotiated %1; the model's RFC 9293 segments carry only the MSS option and "
                  "unscaled windows (the Linux profile plays the kernel's)")
            .arg(info.summary());
    }
    QString text = tr("the kernel negotiated %1, as the model's Linux profile does").arg(info.summary());
    // The scale follows net.ipv4.tcp_rmem's maximum on each machine; the profile takes Debian
    // 12's default (6 MB: shift 7).
    if (info.has(KernelTcpInfo::WindowScale) && info.receiveWindowScale != linuxloopback::windowScale) {
        text += tr("; this machine's tcp_rmem maximum gives window scale %1 where the profile assumes %2 "
                   "(Debian 12's default): the raw window numbers differ, the bytes they stand for do not")
                    .arg(info.receiveWindowScale)
                    .arg(linuxloopback::windowScale);
    }
    return text;
}

void LiveSession::onKernelUpdated(const KernelSocket &row)
{
    // A lesson client still in SYN-SENT whose SYN the kernel sent again: the listener did not
    // answer (its queue was full), as the notes' client that "hangs" retries.
    if (row.stateCode != linuxcode::SynSent)
        return;
    QString name;
    const Observation::Endpoint endpoint = classify(row, &name);
    if (endpoint != Observation::Endpoint::Client && endpoint != Observation::Endpoint::LessonClient)
        return;
    const quint32 before = m_synRetransmits.value(row.tuple, 0);
    if (row.retransmits <= before)
        return;
    m_synRetransmits.insert(row.tuple, row.retransmits);
    Observation observation;
    observation.source = Observation::Source::Kernel;
    observation.endpoint = endpoint;
    observation.name = name;
    observation.tuple = row.tuple;
    observation.state = kernelStateText(row.stateCode);
    observation.tcpState = row.state();
    observation.detail = tr("SYN sent again (retransmission %1): the listener did not answer the last one, its "
                            "queue is full")
                             .arg(row.retransmits);
    emitObservation(observation);
}

void LiveSession::onKernelChanged(const KernelSocket &row, int previousCode)
{
    QString name;
    const Observation::Endpoint endpoint = classify(row, &name);
    Observation observation;
    observation.source = Observation::Source::Kernel;
    observation.endpoint = endpoint;
    observation.name = name;
    observation.tuple = row.tuple;

    const bool lessonConnection = endpoint == Observation::Endpoint::Client || endpoint == Observation::Endpoint::Server
        || endpoint == Observation::Endpoint::LessonClient || endpoint == Observation::Endpoint::LessonServer;
    if (lessonConnection) {
        const bool activeOpen =
            endpoint == Observation::Endpoint::Client || endpoint == Observation::Endpoint::LessonClient;
        const QList<int> missed = missedKernelStates(previousCode, row.stateCode, activeOpen);
        for (int code : missed) {
            Observation inferred = observation;
            inferred.state = kernelStateText(code);
            inferred.tcpState = KernelSocket{{}, code}.state();
            inferred.observed = false;
            inferred.detail = code == linuxcode::SynRecv
                ? tr("too brief to sample: the kernel's SYN-RECV is a request socket that the "
                     "final ACK turned into this connection")
                : tr("too brief to sample: on the usual path between the states seen");
            emitObservation(inferred);
        }
        if (endpoint == Observation::Endpoint::Client)
            m_kernelClient = row.stateCode;
        else if (endpoint == Observation::Endpoint::Server)
            m_kernelServer = row.stateCode;
    }

    observation.state = row.stateText();
    observation.tcpState = row.state();
    observation.observed = true;
    QString detail;
    if (row.isListening()) {
        detail = tr("the listening socket; accept queue %1 of backlog %2").arg(row.rxQueue).arg(row.txQueue);
    } else if (row.stateCode == linuxcode::Established
               && ((endpoint == Observation::Endpoint::Server && !m_serverConnection)
                   || (endpoint == Observation::Endpoint::LessonServer && !otherClientOfPort(row.tuple.remotePort)->serverConnection))) {
        detail = tr("in the accept queue: the kernel completed the handshake before accept()");
    } else if (row.stateCode == linuxcode::TimeWait) {
        detail = tr("TIME-WAIT: Linux keeps it 60 s; no descriptor, found by its 4-tuple");
    } else if (row.inode == 0) {
        detail = tr("no descriptor any more: the connection lives on in the kernel");
    }
    if (row.stateCode == linuxcode::Established && row.info) {
        const QString negotiated = negotiatedText(*row.info);
        detail = detail.isEmpty() ? negotiated : detail + QStringLiteral("; ") + negotiated;
    }
    observation.detail = detail;
    emitObservation(observation);
}

void LiveSession::onKernelGone(const KernelSocket &row)
{
    QString name;
    const Observation::Endpoint endpoint = classify(row, &name);
    Observation observation;
    observation.source = Observation::Source::Kernel;
    observation.endpoint = endpoint;
    observation.name = name;
    observation.tuple = row.tuple;
    if (endpoint == Observation::Endpoint::LessonClient || endpoint == Observation::Endpoint::LessonServer) {
        for (int code : missedKernelStates(row.stateCode, 0, endpoint == Observation::Endpoint::LessonClient)) {
            Observation inferred = observation;
            inferred.state = kernelStateText(code);
            inferred.tcpState = KernelSocket{{}, code}.state();
            inferred.observed = false;
            inferred.detail = tr("too brief to sample: on the usual path between the states seen");
            emitObservation(inferred);
        }
    }
    if (endpoint == Observation::Endpoint::Client || endpoint == Observation::Endpoint::Server) {
        for (int code : missedKernelStates(row.stateCode, 0, endpoint == Observation::Endpoint::Client)) {
            Observation inferred = observation;
            inferred.state = kernelStateText(code);
            inferred.tcpState = KernelSocket{{}, code}.state();
            inferred.observed = false;
            inferred.detail = tr("too brief to sample: on the usual path between the states seen");
            emitObservation(inferred);
        }
        (endpoint == Observation::Endpoint::Client ? m_kernelClient : m_kernelServer).reset();
    }
    observation.state = QStringLiteral("CLOSED");
    observation.tcpState = TcpState::Closed;
    observation.observed = false;
    observation.detail = tr("the kernel's entry is gone (last seen %1): no connection record, CLOSED")
                             .arg(row.stateText());
    emitObservation(observation);
}

void LiveSession::keepOutsideBounded()
{
    ++m_outsideInLog;
    // Amortised: compact once the ring has overflowed by its own size.
    if (m_outsideInLog <= 2 * maxOutsideObservations)
        return;
    qsizetype drop = m_outsideInLog - maxOutsideObservations;
    m_outsideDropped += drop;
    m_outsideInLog -= drop;
    m_log.removeIf([&drop](const Observation &observation) {
        if (drop == 0 || observation.endpoint != Observation::Endpoint::Other)
            return false;
        --drop;
        return true;
    });
}

QString explainDifference(Side side, TcpState modelState, std::optional<TcpState> kernelState, Verb stepVerb)
{
    const TcpState kernel = kernelState.value_or(TcpState::Closed);
    if (kernel == modelState)
        return {};
    if (side == Side::Client && kernel == TcpState::SynSent && modelState != TcpState::Closed)
        // Loopback loses nothing: a SYN left unanswered was dropped by the listener.
        return LiveSession::tr("The real listener dropped this client's SYN: on loopback the other clients' "
                               "handshakes had completed at once and filled its accept queue (ListenOverflows), "
                               "so the kernel's client stays SYN-SENT and sends the SYN again, while in the "
                               "model the queues still had room when its SYN arrived.");
    if (stepVerb == Verb::Drop || stepVerb == Verb::Timeout)
        return LiveSession::tr("The lesson lost a segment or fired a timer; loopback never loses one (not even "
                               "a SYN), so the kernel's segment arrived at once, nothing was retransmitted, and "
                               "the kernel went on as if everything had arrived.");
    if (modelState == TcpState::TimeWait && kernel == TcpState::Closed && !kernelState)
        return LiveSession::tr("The kernel shows no connection where the model waits in TIME-WAIT: on loopback "
                               "the closes did not cross, so in the kernel this side closed second (LAST-ACK, "
                               "then CLOSED, no TIME-WAIT); or its TIME-WAIT, fixed at 60 s, has ended.");
    if (kernel == TcpState::TimeWait && modelState == TcpState::Closed)
        return LiveSession::tr("Linux keeps TIME-WAIT for a fixed 60 s (TCP_TIMEWAIT_LEN; it has no MSL "
                               "setting); the lesson already fired the model's 2×MSL timer in virtual time. "
                               "RFC 9293's MSL is 2 minutes, so its 2×MSL is 4 minutes.");
    if (side == Side::Server && modelState == TcpState::Closed && kernelState && kernel != TcpState::TimeWait)
        return LiveSession::tr("Loopback delivers each segment at once: the kernel already made this connection "
                               "from the client's SYN, while in the model the SYN has not reached the server "
                               "yet, so the connection does not exist there yet.");
    if (modelState == TcpState::SynReceived)
        return LiveSession::tr("Linux keeps a half-open connection as a small request socket (ss: SYN-RECV) "
                               "in the SYN queue; loopback delivered the final ACK at once, so the kernel "
                               "already shows the connection ESTABLISHED (in the accept queue if accept() "
                               "was not called).");
    if (modelState == TcpState::SynSent || modelState == TcpState::FinWait1
        || modelState == TcpState::LastAck || modelState == TcpState::Closing
        || modelState == TcpState::Listen || modelState == TcpState::Established
        || modelState == TcpState::FinWait2 || modelState == TcpState::CloseWait) {
        if (!kernelState && modelState == TcpState::Listen && side == Side::Client)
            return {};
        return LiveSession::tr("Loopback delivers each segment at once; the model waits for the segment to be "
                               "delivered step by step, so the kernel is already further along.");
    }
    return LiveSession::tr("The kernel's state differs from the model's here.");
}

} // namespace tcpsim::live
