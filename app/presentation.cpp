// SPDX-License-Identifier: GPL-3.0-or-later
// Presentation mode (F5, the tool bar's Present button, --present): only the ladder, the step's
// explanation and the state diagram, full screen, in type sized for the back of a room; the tool
// bar reduced to Back / Step / Reset; Esc restores the layout exactly as it was.
#include "mainwindow.h"

#include "appstyle.h"
#include "explanationbanner.h"
#include "ladderview.h"
#include "statediagram.h"

#include <QAction>
#include <QDockWidget>
#include <QLayout>
#include <QMenuBar>
#include <QResizeEvent>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>

#include <algorithm>
#include <cmath>

namespace {
// Ladder text at 1080 rows of screen; smaller screens get proportionally smaller type, so the
// projected picture looks the same whatever the projector's resolution.
constexpr double presentationPixelsAt1080 = 26.0;
constexpr int referenceHeight = 1080;
// The state diagram takes this share of the width; the ladder the rest.
constexpr int diagramSharePercent = 34;
} // namespace

void MainWindow::createPresentationActions()
{
    m_presentAction = new QAction(this);
    m_presentAction->setShortcut(QKeySequence(Qt::Key_F5));
    m_presentAction->setCheckable(true);
    connect(m_presentAction, &QAction::toggled, this, [this](bool on) {
        setPresenting(on ? Presenting::On : Presenting::Off);
    });
    m_leavePresentationAction = new QAction(this);
    m_leavePresentationAction->setShortcut(QKeySequence(Qt::Key_Escape));
    m_leavePresentationAction->setEnabled(false); // Esc means nothing outside presentation mode
    connect(m_leavePresentationAction, &QAction::triggered, this, [this] { setPresenting(Presenting::Off); });
    addAction(m_presentAction);
    addAction(m_leavePresentationAction);

    // Its own tool bar, hidden until presenting: the main one keeps its widgets untouched.
    m_presentationBar = new QToolBar(this);
    m_presentationBar->setObjectName(QStringLiteral("presentationControls"));
    m_presentationBar->setMovable(false);
    m_presentationBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_presentationBar->toggleViewAction()->setVisible(false); // not in the docks' context menu
    m_presentationBar->addAction(m_backAction);
    m_presentationBar->addAction(m_stepAction);
    m_presentationBar->addAction(m_resetAction);
    addToolBar(m_presentationBar);
    m_presentationBar->hide();
}

void MainWindow::setPresenting(Presenting presenting)
{
    const bool on = presenting == Presenting::On;
    if (on == m_presenting)
        return;
    m_ladder->finishAnimation();
    if (on) {
        m_beforePresentation.state = saveState();
        m_beforePresentation.geometry = geometry();
        m_beforePresentation.windowState = windowState();
        m_beforePresentation.bannerMinimumHeight = m_banner->minimumHeight();
        m_beforePresentation.menuBarVisible = !menuBar()->isHidden();
        // statusBar() would create one: a window that never showed a message has none.
        QStatusBar *status = findChild<QStatusBar *>(QString(), Qt::FindDirectChildrenOnly);
        m_beforePresentation.statusBarVisible = status && !status->isHidden();
        m_presenting = true;
        for (QDockWidget *dock : findChildren<QDockWidget *>()) {
            if (dock != m_stateDock)
                dock->hide();
        }
        if (m_stateDock->isFloating())
            m_stateDock->setFloating(false);
        m_stateDock->show();
        m_toolBar->hide();
        m_presentationBar->show();
        menuBar()->hide();
        if (status)
            status->hide();
        showFullScreen();
        applyPresentationLayout();
    } else {
        m_presenting = false;
        m_ladder->setFont(QFont());        // inherit the window's font (and zoom) again
        m_banner->setFont(QFont());
        m_stateDiagram->setFont(QFont());
        m_presentationBar->setFont(QFont());
        m_presentationBar->hide();
        m_toolBar->show();
        menuBar()->setVisible(m_beforePresentation.menuBarVisible);
        if (auto *status = findChild<QStatusBar *>(QString(), Qt::FindDirectChildrenOnly))
            status->setVisible(m_beforePresentation.statusBarVisible);
        setWindowState(m_beforePresentation.windowState);
        restoreLayoutAfterPresentation();
        // Leaving full screen reaches the platform window later (it may apply a geometry of its
        // own), and the fonts just reset change the banner's height in the next layout pass: put
        // the window and the docks back once more after that, and once after a late resize.
        m_restoreAfterLateResize = true;
        QTimer::singleShot(0, this, &MainWindow::restoreLayoutAfterPresentation);
    }
    m_presentAction->setChecked(on);
    m_leavePresentationAction->setEnabled(on);
}

void MainWindow::restoreLayoutAfterPresentation()
{
    if (m_presenting)
        return;
    // The banner's height was fitted to the full screen: give it back the height it had, which
    // does not hold the window taller than it was.
    m_banner->setMinimumHeight(m_beforePresentation.bannerMinimumHeight);
    // The window's minimum still counts the presentation's parts until the layout runs again.
    if (layout())
        layout()->activate();
    // The very rectangle (restoreGeometry would refit a window larger than the screen).
    if (!(m_beforePresentation.windowState & (Qt::WindowMaximized | Qt::WindowFullScreen)))
        setGeometry(m_beforePresentation.geometry);
    restoreState(m_beforePresentation.state);
}

void MainWindow::applyPresentationLayout()
{
    if (!m_presenting)
        return;
    const int height = std::max(1, this->height());
    const int pixelSize = std::max(AppStyle::minimumPixelSize + 2,
                                   static_cast<int>(std::lround(presentationPixelsAt1080 * height / referenceHeight
                                                                * m_presentationZoom)));
    QFont ladderFont = font();
    ladderFont.setPixelSize(pixelSize);
    m_ladder->setFont(ladderFont);
    QFont bannerFont = font();
    bannerFont.setPixelSize(std::max(AppStyle::minimumPixelSize + 2, pixelSize * 9 / 10));
    m_banner->setFont(bannerFont);
    m_presentationBar->setFont(bannerFont);
    QFont diagramFont = font();
    diagramFont.setPixelSize(std::max(AppStyle::minimumPixelSize + 2, pixelSize * 3 / 4));
    m_stateDiagram->setFont(diagramFont);
    resizeDocks({m_stateDock}, {width() * diagramSharePercent / 100}, Qt::Horizontal);
}

void MainWindow::zoomBy(double factor)
{
    if (m_presenting) {
        // The ladder's own content grows; the window's frame and the other parts stay.
        m_presentationZoom = std::clamp(m_presentationZoom * factor, 0.5, 2.5);
        applyPresentationLayout();
        return;
    }
    setZoom(m_zoom * factor);
}

void MainWindow::resetZoom()
{
    if (m_presenting) {
        m_presentationZoom = 1.0;
        applyPresentationLayout();
        return;
    }
    setZoom(1.0);
}

void MainWindow::resizeEvent(QResizeEvent *event)
{
    QMainWindow::resizeEvent(event);
    if (m_presenting) {
        applyPresentationLayout();
    } else if (m_restoreAfterLateResize) {
        m_restoreAfterLateResize = false;
        if (event->size() != m_beforePresentation.geometry.size())
            QTimer::singleShot(0, this, &MainWindow::restoreLayoutAfterPresentation);
    }
}
