// SPDX-License-Identifier: GPL-3.0-or-later
#include "socketsview.h"

#include "tcpsim/session/lessoncontroller.h"
#include "tcpsim/session/socketactions.h"

#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

using namespace tcpsim;

namespace {
// The design picker's entries after "none": the model's three programs.
constexpr ServerDesign designs[] = {ServerDesign::BlockingEcho, ServerDesign::ThreadEcho, ServerDesign::EpollEcho};
} // namespace

SocketsView::SocketsView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("socketsView"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->setSpacing(4);

    // Two rows, so the dock keeps every control in the right-hand column of a 1024-wide window.
    auto *controls = new QGridLayout;
    controls->setContentsMargins(0, 0, 0, 0);
    controls->setHorizontalSpacing(4);
    controls->setVerticalSpacing(4);
    m_addClient = new QPushButton(this);
    m_removeClient = new QPushButton(this);
    m_accept = new QPushButton(this);
    for (QPushButton *button : {m_addClient, m_removeClient, m_accept})
        button->setFocusPolicy(Qt::NoFocus);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_addClient);
    buttons->addWidget(m_removeClient);
    buttons->addWidget(m_accept);
    buttons->addStretch(1);
    controls->addLayout(buttons, 0, 0, 1, 4);
    m_backlogLabel = new QLabel(this);
    m_backlog = new QSpinBox(this);
    m_backlog->setRange(0, 4096);
    m_backlog->setValue(SimulationConfig{}.defaultBacklog);
    m_backlog->setFocusPolicy(Qt::ClickFocus); // Tab never takes the keys that step the lesson
    m_backlogLabel->setBuddy(m_backlog);
    m_designLabel = new QLabel(this);
    m_design = new QComboBox(this);
    m_design->setFocusPolicy(Qt::NoFocus);
    m_design->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    for (int i = 0; i < 4; ++i)
        m_design->addItem(QString());
    m_designLabel->setBuddy(m_design);
    controls->addWidget(m_backlogLabel, 1, 0);
    controls->addWidget(m_backlog, 1, 1);
    controls->addWidget(m_designLabel, 1, 2, Qt::AlignRight);
    controls->addWidget(m_design, 1, 3);
    controls->setColumnStretch(3, 1);
    layout->addLayout(controls);

    m_canvas = new SocketsCanvas(this);
    m_scroll = new QScrollArea(this);
    m_scroll->setWidgetResizable(true);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setWidget(m_canvas);
    layout->addWidget(m_scroll, 1);

    connect(m_addClient, &QPushButton::clicked, this, [this] {
        if (!m_controller)
            return;
        if (const auto client = SocketActions::nextClient(m_controller->simulation()))
            emit commandRequested(SocketActions::connect(*client));
    });
    connect(m_removeClient, &QPushButton::clicked, this, [this] {
        if (const auto client = clientToRemove())
            emit commandRequested(SocketActions::abort(*client));
    });
    connect(m_accept, &QPushButton::clicked, this, [this] { emit commandRequested(SocketActions::accept()); });
    connect(m_design, &QComboBox::activated, this, [this](int index) {
        if (index >= 1 && index <= 3)
            emit commandRequested(SocketActions::run(designs[index - 1]));
    });
    connect(m_canvas, &SocketsCanvas::socketClicked, this, [this](SocketId socket) {
        updateControls();
        emit selectionChanged(socket);
    });
    retranslate();
}

int SocketsView::backlog() const
{
    return m_backlog->value();
}

void SocketsView::updateFrom(const LessonController &controller)
{
    m_controller = &controller;
    m_canvas->setSnapshot(SocketsSnapshot::of(controller));
    revealChanges();
    // A selected socket that no longer exists (Back before it was made) is no longer selected.
    if (m_canvas->selectedSocket() != 0 && !controller.simulation().socketById(m_canvas->selectedSocket()))
        clearSelection();
    updateControls();
}

void SocketsView::revealChanges()
{
    const QRect changes = m_canvas->changesRect();
    if (changes.isNull())
        return;
    // The canvas at its new height now (the scroll area would resize it only later), so the
    // scroll range already covers what is to be shown.
    const int width = m_scroll->viewport()->width();
    m_canvas->resize(width, std::max(m_canvas->heightForWidth(width), m_scroll->viewport()->height()));
    const QRect shown = m_canvas->changesRect();
    m_scroll->ensureVisible(shown.center().x(), shown.bottom(), 0, 8);
    m_scroll->ensureVisible(shown.center().x(), shown.top(), 0, 8);
}

void SocketsView::clearSelection()
{
    if (m_canvas->selectedSocket() == 0)
        return;
    m_canvas->setSelectedSocket(0);
    emit selectionChanged(0);
}

std::optional<HostId> SocketsView::clientToRemove() const
{
    if (!m_controller)
        return std::nullopt;
    const Simulation &simulation = m_controller->simulation();
    std::optional<HostId> selected;
    if (const Socket *socket = simulation.socketById(m_canvas->selectedSocket()))
        selected = socket->host == serverHost ? socket->peer : socket->host;
    return SocketActions::clientToRemove(simulation, selected);
}

void SocketsView::updateControls()
{
    if (!m_controller)
        return;
    const Simulation &simulation = m_controller->simulation();
    const auto next = SocketActions::nextClient(simulation);
    m_addClient->setEnabled(next.has_value());
    m_addClient->setToolTip(next ? tr("%1 calls connect() to the server (adds “%2” to the lesson)")
                                       .arg(QString::fromStdString(hostName(*next)),
                                            QString::fromStdString(SocketActions::connect(*next).toScriptLine()))
                                 : tr("All nine clients have connected."));
    const auto removed = clientToRemove();
    m_removeClient->setEnabled(removed.has_value());
    m_removeClient->setToolTip(removed ? tr("%1 aborts its connection: a RST, and its descriptor is released "
                                            "(adds “%2”; the selected client, else the newest)")
                                             .arg(QString::fromStdString(hostName(*removed)),
                                                  QString::fromStdString(SocketActions::abort(*removed).toScriptLine()))
                                       : tr("No client holds a socket."));
    const auto &program = simulation.serverProgram();
    const SocketsSnapshot &snapshot = m_canvas->snapshot();
    m_accept->setEnabled(snapshot.listener.has_value() && !program);
    int designIndex = 0;
    if (program)
        designIndex = int(std::find(std::begin(designs), std::end(designs), program->design) - std::begin(designs)) + 1;
    m_design->setCurrentIndex(designIndex);
    m_design->setEnabled(!program); // a program, once running, stays
}

void SocketsView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // Once the scroll area has its new size too.
    QTimer::singleShot(0, this, &SocketsView::revealChanges);
}

void SocketsView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslate();
}

void SocketsView::retranslate()
{
    m_addClient->setText(tr("Add client"));
    m_removeClient->setText(tr("Remove client"));
    m_accept->setText(tr("Accept"));
    m_accept->setToolTip(tr("The server calls accept() once: it takes the oldest connection off the accept queue, or "
                            "blocks while the queue is empty (adds “server accept”). A lesson with an accept no "
                            "longer accepts by itself."));
    m_backlogLabel->setText(tr("Backlog:"));
    m_backlog->setToolTip(tr("listen()'s backlog for the server's next listen() (Server pane → Listen). Linux caps it "
                             "at somaxconn; the accept queue holds backlog + 1."));
    m_designLabel->setText(tr("Server:"));
    m_design->setItemText(0, tr("None — steps by hand"));
    m_design->setItemText(1, tr("Blocking, one client at a time"));
    m_design->setItemText(2, tr("Thread per client"));
    m_design->setItemText(3, tr("Event loop (epoll)"));
    m_design->setToolTip(tr("The notes' three servers run on the listener by themselves (adds “server run …”); a "
                            "program, once running, stays."));
    updateControls();
}
