// SPDX-License-Identifier: GPL-3.0-or-later
#include "livepane.h"

#include "appstyle.h"
#include "tcpsim/session/lessoncontroller.h"
#include "tcpsim/session/livemirror.h"

#include "tcpsim/live/serverpanemodel.h"

#include <QEvent>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

using namespace tcpsim;
using live::KernelObserver;
using live::ServerPaneModel;

LivePane::LivePane(LiveMirror *mirror, LessonController *controller, QWidget *parent)
    : QWidget(parent), m_mirror(mirror), m_controller(controller)
{
    live::LiveSession *session = mirror->session();
    m_serverModel = new ServerPaneModel(session->server(), session->observer(), this);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->setSpacing(4);

    m_warning = new QLabel(this);
    m_warning->setWordWrap(true);
    m_warning->setAutoFillBackground(true);
    m_warning->setContentsMargins(6, 4, 6, 4);
    QPalette warningPalette = m_warning->palette();
    warningPalette.setColor(QPalette::Window, AppStyle::errorColor(palette()));
    warningPalette.setColor(QPalette::WindowText, Qt::white);
    m_warning->setPalette(warningPalette);
    m_warning->hide();
    layout->addWidget(m_warning);

    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    layout->addWidget(m_status);

    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(10);
    grid->setVerticalSpacing(2);
    for (Side side : {Side::Client, Side::Server}) {
        const int i = side == Side::Client ? 0 : 1;
        m_sideTitles[i] = new QLabel(this);
        m_sideTitles[i]->setFont(AppStyle::boldFont(font()));
        QPalette titlePalette = m_sideTitles[i]->palette();
        titlePalette.setColor(QPalette::WindowText, AppStyle::sideColor(side, palette()));
        m_sideTitles[i]->setPalette(titlePalette);
        m_sideStates[i] = new QLabel(this);
        m_sideStates[i]->setTextFormat(Qt::PlainText);
        m_sideStates[i]->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
        grid->addWidget(m_sideTitles[i], i, 0);
        grid->addWidget(m_sideStates[i], i, 1);
    }
    grid->setColumnStretch(1, 1);
    layout->addLayout(grid);

    m_behind = new QLabel(this);
    m_behind->setWordWrap(true);
    m_behind->hide();
    layout->addWidget(m_behind);

    m_tableTitle = new QLabel(this);
    m_tableTitle->setWordWrap(true);
    layout->addWidget(m_tableTitle);

    m_counters = new QLabel(this);
    m_counters->setObjectName(QStringLiteral("kernelCounters"));
    m_counters->setWordWrap(true);
    m_counters->setTextFormat(Qt::PlainText);
    m_counters->hide();
    layout->addWidget(m_counters);

    // The model's own headers and socket kinds: core/live's texts are in the window's
    // translation too, so they are written once, there.
    m_serverView = new QTableView(this);
    m_serverView->setModel(m_serverModel);
    m_serverView->verticalHeader()->hide();
    m_serverView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_serverView->horizontalHeader()->setStretchLastSection(true);
    m_serverView->setSelectionMode(QAbstractItemView::NoSelection);
    m_serverView->setFocusPolicy(Qt::NoFocus);
    m_serverView->setWordWrap(false);
    layout->addWidget(m_serverView, 1);

    connect(mirror, &LiveMirror::rowsChanged, this, &LivePane::refresh);
    connect(mirror, &LiveMirror::enabledChanged, this, &LivePane::refresh);
    connect(controller, &LessonController::stepped, this, &LivePane::refresh);
    connect(session->observer(), &KernelObserver::sampled, this, &LivePane::refresh);
    connect(session->server(), &live::LiveServer::listeningChanged, this, &LivePane::refresh);
    connect(session->server(), &live::LiveServer::message, this, [this](const QString &text) {
        m_serverMessage = text;
        refresh();
    });
    retranslate();
}

void LivePane::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslate();
}

void LivePane::retranslate()
{
    m_sideTitles[0]->setText(tr("Client"));
    m_sideTitles[1]->setText(tr("Server"));
    m_tableTitle->setText(tr("Sockets on the server's port (the listening socket, the connected sockets accept() "
                             "returned, and what only the kernel still has):"));
    m_serverView->setToolTip(tr("Every connection to the live server is listed, including ones from outside the "
                                "lesson, for example: nc 127.0.0.1 %1")
                                 .arg(m_mirror->session()->server()->isListening()
                                          ? m_mirror->session()->server()->serverPort()
                                          : m_mirror->requestedPort()));
    refresh();
}

QString LivePane::kernelText(Side side) const
{
    live::LiveSession *session = m_mirror->session();
    if (!session->observer()->isAvailable())
        return tr("not available on this system");
    const std::optional<TcpState> state = session->kernelState(side);
    if (!state)
        return session->hasLiveConnection() || m_mirror->mirroredStep() == 0 ? tr("no connection")
                                                                             : tr("CLOSED (no entry)");
    const QString name = QString::fromLatin1(stateName(*state));
    if (*state == TcpState::CloseWait)
        return tr("%1 (held)").arg(name);
    if (*state == TcpState::TimeWait) {
        const live::FourTuple tuple = side == Side::Client ? session->clientTuple() : session->clientTuple().reversed();
        if (const auto row = session->observer()->socket(tuple); row && row->timerExpiresMs > 0)
            return tr("%1 (%2 s left)").arg(name).arg((row->timerExpiresMs + 999) / 1000);
    }
    return name;
}

QString LivePane::sideText(Side side) const
{
    const TcpState model = m_controller->simulation().endpoint(side).state();
    return tr("model: %1  ·  kernel: %2").arg(QString::fromLatin1(stateName(model)), kernelText(side));
}

QString LivePane::statusText() const
{
    return m_status->text();
}

bool LivePane::isWarningShown() const
{
    return !m_warning->isHidden();
}

void LivePane::refresh()
{
    live::LiveSession *session = m_mirror->session();
    live::LiveServer *server = session->server();
    QString status;
    if (!m_mirror->isEnabled()) {
        status = tr("The live pair is off (Lesson → Live pair).");
    } else if (server->isListening()) {
        const QString where = live::formatEndpoint(server->serverAddress(), server->serverPort());
        const quint16 asked = m_mirror->requestedPort();
        status = asked != 0 && server->serverPort() != asked
            ? tr("Port %1 was taken: the live server listens on %2 instead.").arg(asked).arg(where)
            : tr("The live server listens on %1.").arg(where);
    } else if (m_mirror->mirroredStep() == 0) {
        status = tr("Waiting for the lesson's listen step (port %1).")
                     .arg(m_mirror->requestedPort() == 0 ? tr("any free port") : QString::number(m_mirror->requestedPort()));
    } else {
        status = tr("The live server is not listening.");
        if (!m_serverMessage.isEmpty())
            status += QLatin1Char(' ') + m_serverMessage;
    }
    if (m_mirror->isEnabled() && !session->observer()->isAvailable())
        status += QLatin1Char(' ') + tr("Kernel states: not available on this system.");
    m_status->setText(status);

    const bool exposed = m_mirror->isEnabled() && server->isListening() && !server->serverAddress().isLoopback();
    m_warning->setText(tr("Warning: the live server listens on %1, which other machines can reach.")
                           .arg(server->serverAddress().toString()));
    m_warning->setVisible(exposed);

    for (Side side : {Side::Client, Side::Server}) {
        const int i = side == Side::Client ? 0 : 1;
        QLabel *label = m_sideStates[i];
        if (!m_mirror->isEnabled()) {
            label->setText(QString());
            label->setToolTip(QString());
            continue;
        }
        const QString difference = m_mirror->currentDifference(side);
        label->setText(difference.isEmpty() ? sideText(side) : QStringLiteral("⚠ ") + sideText(side));
        label->setToolTip(difference);
    }

    // What overflowed the real accept queue (seed 004: a full queue drops the SYN, the client
    // sends it again): the kernel's own counters, read at each sample while the pair is live.
    const live::LiveSession::ListenCounters counters = session->listenCountersSinceListen();
    m_counters->setVisible(m_mirror->isEnabled() && counters.available);
    if (counters.available)
        m_counters->setText(tr("Since listen(), the kernel counted ListenOverflows +%1 · ListenDrops +%2 "
                               "(/proc/net/netstat: the whole machine's)")
                                .arg(counters.overflows)
                                .arg(counters.drops));

    const int current = m_controller->currentStep();
    const int mirrored = m_mirror->mirroredStep();
    m_behind->setVisible(m_mirror->isEnabled() && current < mirrored);
    m_behind->setText(tr("The lesson went back to step %1; the live pair stays at step %2: a real connection "
                         "cannot un-send.")
                          .arg(current)
                          .arg(mirrored));
}
