// SPDX-License-Identifier: GPL-3.0-or-later
// The window's Sockets dock (issue 12): created as a tab beside the log, shown by itself for
// lessons with many sockets (and free play), its controls run as free-mode commands, and the
// socket selected in it lights its own state in the state diagram.
#include "mainwindow.h"

#include "ladderview.h"
#include "socketsview.h"
#include "socketscanvas.h"
#include "statediagram.h"

#include "tcpsim/session/socketsnapshot.h"

#include <QAction>
#include <QDockWidget>
#include <QStatusBar>
#include <QTabBar>

using namespace tcpsim;

void MainWindow::createSocketsDock()
{
    m_socketsView = new SocketsView(this);
    m_socketsDock = new QDockWidget(this);
    m_socketsDock->setObjectName(QStringLiteral("socketsDock"));
    m_socketsDock->setWidget(m_socketsView);
    m_socketsDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable
                               | QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::RightDockWidgetArea, m_socketsDock);
    tabifyDockWidget(m_logDock, m_socketsDock);
    m_socketsDock->hide();
    connect(m_socketsView, &SocketsView::commandRequested, this, [this](const Command &command) {
        m_ladder->finishAnimation();
        m_controller->perform(command);
    });
    connect(m_socketsView, &SocketsView::selectionChanged, this, &MainWindow::onSocketSelected);
    // A lane clicked on the ladder selects its socket, as its descriptor row would.
    connect(m_ladder, &LadderView::laneClicked, this, [this](SocketId socket) {
        if (socket == 0)
            return;
        m_socketsView->canvas()->setSelectedSocket(socket);
        onSocketSelected(socket);
    });
}

void MainWindow::showSocketsForLesson(bool newLesson)
{
    if (m_presenting)
        return; // presentation mode shows the ladder and the diagram only
    const bool wanted = lessonShowsSockets(m_controller->lesson()) || m_lessonName == QLatin1String(freeSessionName);
    if (wanted && !m_socketsDock->toggleViewAction()->isChecked()) {
        m_socketsDock->show();
        m_socketsDock->raise();
        m_socketsShownForLesson = true;
    } else if (!wanted && newLesson && m_socketsShownForLesson) {
        m_socketsDock->hide();
        m_logDock->raise();
        m_socketsShownForLesson = false;
    }
}

void MainWindow::raiseSocketsTab()
{
    raiseDock(m_socketsDock);
}

void MainWindow::raiseDock(QDockWidget *dock)
{
    dock->show();
    dock->raise();
    // Before the window's first layout, raise() does not reach the tab bar: select the tab.
    for (QTabBar *tabs : findChildren<QTabBar *>(Qt::FindDirectChildrenOnly)) {
        for (int i = 0; i < tabs->count(); ++i)
            if (tabs->tabText(i) == dock->windowTitle() && tabs->currentIndex() != i)
                tabs->setCurrentIndex(i);
    }
}

bool MainWindow::raiseTab(const QString &name)
{
    QDockWidget *dock = name == QLatin1String("log")         ? m_logDock
        : name == QLatin1String("inspector")                 ? m_inspectorDock
        : name == QLatin1String("live")                      ? m_liveDock
        : name == QLatin1String("sockets")                   ? m_socketsDock
                                                             : nullptr;
    if (!dock)
        return false;
    m_chosenTab = name;
    raiseDock(dock);
    return true;
}

void MainWindow::onSocketSelected(SocketId socket)
{
    updateStateDiagram();
    const Socket *selected = m_controller->simulation().socketById(socket);
    if (!selected)
        return;
    SocketName name = SocketName::mainOf(selected->host);
    if (selected->host == serverHost)
        name = selected->kind == SocketKind::Listener ? SocketName::listenerOf(serverHost)
                                                      : SocketName::connectionTo(serverHost, selected->peer);
    statusBar()->showMessage(tr("The state diagram shows %1 (fd %2)")
                                 .arg(QString::fromStdString(name.toString()))
                                 .arg(selected->fd),
                             6000);
}

void MainWindow::applySelectedSocketState()
{
    // Default (nothing selected): the ladder's first client/server pair, as set by the caller.
    const SocketId selected = m_socketsView ? m_socketsView->selectedSocket() : 0;
    if (selected == 0)
        return;
    const Simulation &sim = m_controller->simulation();
    const auto now = socketStateNow(sim, selected);
    if (!now)
        return;
    m_stateDiagram->setState(now->side, now->state, now->cameFrom);
    // The edges lit for that side are the selected socket's, in this step.
    QList<StateDiagram::Taken> taken;
    for (const StateDiagram::Taken &edge : m_stateDiagram->taken())
        if (edge.side != now->side)
            taken.append(edge);
    const auto &events = sim.events();
    const int step = m_controller->currentStep();
    for (std::size_t i = step > 0 ? m_controller->eventCountAt(step - 1) : events.size(); i < events.size(); ++i) {
        const Event &event = events[i];
        if (event.kind == EventKind::Transition && event.socket == selected)
            taken.append({now->side, event.from, event.to, event.timer, event.rule});
    }
    m_stateDiagram->setTaken(taken);
}
