// SPDX-License-Identifier: GPL-3.0-or-later
// The window's parts: actions and their shortcuts, the tool bar, the docks and their default
// sizes, the menus, and every text of them (retranslate). mainwindow.cpp has the behaviour.
#include "mainwindow.h"

#include "appstyle.h"
#include "comparedialog.h"
#include "exportdialog.h"
#include "inspectorview.h"
#include "ladderview.h"
#include "livepane.h"
#include "sidepane.h"
#include "statediagram.h"
#include "transitionlogdelegate.h"

#include "tcpsim/session/lessonlibrary.h"
#include "tcpsim/session/livemirror.h"
#include "tcpsim/session/transitionlog.h"

#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenuBar>
#include <QStatusBar>
#include <QMessageBox>
#include <QTableView>
#include <QTimer>
#include <QToolBar>

using namespace tcpsim;

namespace {
const double speeds[] = {0.5, 1.0, 1.5, 2.0, 3.0};
constexpr double zoomStep = 1.15;
} // namespace

void MainWindow::createActions()
{
    m_newAction = new QAction(this);
    m_newAction->setShortcut(QKeySequence::New);
    connect(m_newAction, &QAction::triggered, this, &MainWindow::newFreeSession);
    m_openAction = new QAction(this);
    m_openAction->setShortcut(QKeySequence::Open);
    connect(m_openAction, &QAction::triggered, this, &MainWindow::openLessonDialog);
    m_saveAction = new QAction(this);
    m_saveAction->setShortcut(QKeySequence::Save);
    connect(m_saveAction, &QAction::triggered, this, &MainWindow::saveLessonDialog);
    m_saveLogAction = new QAction(this);
    connect(m_saveLogAction, &QAction::triggered, this, &MainWindow::saveLogDialog);
    m_exportPacketsAction = new QAction(this);
    connect(m_exportPacketsAction, &QAction::triggered, this, &MainWindow::exportPacketsDialog);
    m_exportLadderAction = new QAction(this);
    connect(m_exportLadderAction, &QAction::triggered, this, [this] {
        auto *dialog = new ExportDialog(*m_controller, numberStyle(), this);
        dialog->setTimeScale(m_ladder->timeScale());
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    m_quitAction = new QAction(this);
    m_quitAction->setShortcut(QKeySequence::Quit);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_stepAction = new QAction(this);
    m_stepAction->setShortcuts({QKeySequence(Qt::Key_Space), QKeySequence(Qt::Key_Right),
                                QKeySequence(Qt::Key_PageDown)});
    connect(m_stepAction, &QAction::triggered, this, &MainWindow::step);
    m_backAction = new QAction(this);
    m_backAction->setShortcuts({QKeySequence(Qt::Key_Left), QKeySequence(Qt::Key_Backspace),
                                QKeySequence(Qt::Key_PageUp)});
    connect(m_backAction, &QAction::triggered, this, &MainWindow::back);
    m_resetAction = new QAction(this);
    m_resetAction->setShortcut(QKeySequence(Qt::Key_Home));
    connect(m_resetAction, &QAction::triggered, this, &MainWindow::reset);
    m_playAction = new QAction(this);
    m_playAction->setShortcut(QKeySequence(Qt::Key_P));
    m_playAction->setCheckable(true);
    connect(m_playAction, &QAction::triggered, this, &MainWindow::togglePlay);

    m_fullScreenAction = new QAction(this);
    m_fullScreenAction->setShortcut(QKeySequence(Qt::Key_F11));
    m_fullScreenAction->setCheckable(true);
    connect(m_fullScreenAction, &QAction::toggled, this, [this](bool on) {
        if (on)
            showFullScreen();
        else
            showNormal();
    });
    m_zoomInAction = new QAction(this);
    m_zoomInAction->setShortcuts({QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal)});
    connect(m_zoomInAction, &QAction::triggered, this, [this] { zoomBy(zoomStep); });
    m_zoomOutAction = new QAction(this);
    m_zoomOutAction->setShortcut(QKeySequence::ZoomOut);
    connect(m_zoomOutAction, &QAction::triggered, this, [this] { zoomBy(1.0 / zoomStep); });
    m_zoomResetAction = new QAction(this);
    m_zoomResetAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    connect(m_zoomResetAction, &QAction::triggered, this, &MainWindow::resetZoom);
    // Fit all: the whole ladder on screen in compressed rows; off again follows the current step.
    // No member of its own (mainwindow.h is shared): found again by its object name.
    auto *fitAllAction = new QAction(this);
    fitAllAction->setObjectName(QStringLiteral("fitAllAction"));
    fitAllAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_9));
    fitAllAction->setCheckable(true);
    addAction(fitAllAction); // its shortcut works in presentation mode too, with no menu bar
    connect(fitAllAction, &QAction::toggled, this, [this](bool on) {
        m_ladder->setRowFit(on ? LadderView::RowFit::All : LadderView::RowFit::Normal);
        // Once the window has its size (--fit-all is set before it is shown).
        QTimer::singleShot(0, this, [this] {
            if (m_ladder->rowFit() == LadderView::RowFit::All && !m_ladder->fitsAll())
                statusBar()->showMessage(
                    tr("This lesson is too long to fit at a readable size: the ladder still scrolls."), 8000);
        });
    });
    // Time scale: the ladder's rows placed by virtual time (back-off and 2MSL waits visible).
    auto *timeScaleAction = new QAction(this);
    timeScaleAction->setObjectName(QStringLiteral("timeScaleAction"));
    timeScaleAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    timeScaleAction->setCheckable(true);
    addAction(timeScaleAction);
    connect(timeScaleAction, &QAction::toggled, m_ladder, &LadderView::setTimeScale);
    m_aboutAction = new QAction(this);
    connect(m_aboutAction, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About tcpsim"),
                           tr("<p><b>tcpsim</b> shows how TCP opens and closes a connection, one segment at a time, "
                              "following RFC 9293.</p><p>Space or → steps, ← goes back, Home resets, P plays.</p>"));
    });
    m_shortcutsAction = new QAction(this);
    m_shortcutsAction->setShortcut(QKeySequence::HelpContents);
    connect(m_shortcutsAction, &QAction::triggered, this, &MainWindow::showShortcuts);
    m_liveAction = new QAction(this);
    m_liveAction->setCheckable(true);
    m_liveAction->setShortcut(QKeySequence(Qt::Key_L));
    connect(m_liveAction, &QAction::toggled, this, &MainWindow::setLiveEnabled);

    for (QAction *action : {m_stepAction, m_backAction, m_resetAction, m_playAction, m_fullScreenAction,
                            m_zoomInAction, m_zoomOutAction, m_zoomResetAction, m_liveAction, m_shortcutsAction})
        addAction(action); // shortcuts work even with the tool bar hidden
}

void MainWindow::createToolBar()
{
    m_toolBar = addToolBar(QString());
    m_toolBar->setObjectName(QStringLiteral("controls"));
    m_toolBar->setMovable(false);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_lessonPicker = new QComboBox(m_toolBar);
    // No "Lesson:" label and a fixed width of about 14 characters (the list and the tooltip show
    // the whole title), so the tool bar keeps every control in a 1024-pixel-wide window.
    m_lessonPicker->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_lessonPicker->setFocusPolicy(Qt::NoFocus);
    m_lessonPicker->setMinimumContentsLength(14);
    connect(m_lessonPicker, &QComboBox::currentTextChanged, this,
            [this](const QString &title) { m_lessonPicker->setToolTip(tr("Lesson: %1").arg(title)); });
    connect(m_lessonPicker, &QComboBox::activated, this, [this](int index) {
        const QString name = m_lessonPicker->itemData(index).toString();
        if (name == QLatin1String(freeSessionName))
            newFreeSession();
        else
            openLesson(name);
    });
    m_toolBar->addWidget(m_lessonPicker);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_resetAction);
    m_toolBar->addAction(m_backAction);
    m_toolBar->addAction(m_stepAction);
    m_toolBar->addAction(m_playAction);
    m_toolBar->addAction(m_liveAction);
    m_toolBar->addAction(m_presentAction);
    m_speedLabel = new QLabel(m_toolBar);
    m_speedPicker = new QComboBox(m_toolBar);
    m_speedPicker->setFocusPolicy(Qt::NoFocus);
    for (double speed : speeds)
        m_speedPicker->addItem(QStringLiteral("%1×").arg(speed), speed);
    m_speedPicker->setCurrentIndex(1);
    connect(m_speedPicker, &QComboBox::currentIndexChanged, this,
            [this](int index) { m_ladder->setSpeed(m_speedPicker->itemData(index).toDouble()); });
    m_toolBar->addWidget(m_speedLabel);
    m_toolBar->addWidget(m_speedPicker);
    m_toolBar->addSeparator();
    m_numbersLabel = new QLabel(m_toolBar);
    m_numberPicker = new QComboBox(m_toolBar);
    m_numberPicker->setFocusPolicy(Qt::NoFocus);
    m_numberPicker->addItem(QString(), QVariant::fromValue(int(NumberStyle::Symbolic)));
    m_numberPicker->addItem(QString(), QVariant::fromValue(int(NumberStyle::Relative)));
    m_numberPicker->addItem(QString(), QVariant::fromValue(int(NumberStyle::Absolute)));
    connect(m_numberPicker, &QComboBox::currentIndexChanged, this, [this](int index) {
        setNumberStyle(static_cast<NumberStyle>(m_numberPicker->itemData(index).toInt()));
    });
    m_toolBar->addWidget(m_numbersLabel);
    m_toolBar->addWidget(m_numberPicker);
    for (QWidget *label : {static_cast<QWidget *>(m_speedLabel), static_cast<QWidget *>(m_numbersLabel)})
        label->setContentsMargins(6, 0, 3, 0);
}

void MainWindow::createDocks()
{
    auto makeDock = [this](const QString &objectName, QWidget *content, Qt::DockWidgetArea area) {
        auto *dock = new QDockWidget(this);
        dock->setObjectName(objectName);
        dock->setWidget(content);
        dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable
                          | QDockWidget::DockWidgetClosable);
        addDockWidget(area, dock);
        return dock;
    };
    m_stateDiagram = new StateDiagram(this);
    m_stateDock = makeDock(QStringLiteral("stateDock"), m_stateDiagram, Qt::RightDockWidgetArea);

    m_logView = new QTableView(this);
    m_logView->setModel(m_logModel);
    m_logView->setItemDelegate(new TransitionLogDelegate(m_logView));
    m_logView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_logView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_logView->setAlternatingRowColors(true);
    m_logView->verticalHeader()->hide();
    m_logView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_logView->horizontalHeader()->setStretchLastSection(true);
    m_logView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_logView->horizontalHeader()->setSectionResizeMode(TransitionLogModel::CauseColumn, QHeaderView::Stretch);
    m_logView->setWordWrap(false);
    // What a student reads first: the step, where the row comes from (model, Qt, kernel), whose
    // state and which, the time; the cause last (the column that may be cut off).
    QHeaderView *logHeader = m_logView->horizontalHeader();
    logHeader->moveSection(logHeader->visualIndex(TransitionLogModel::SourceColumn), 1);
    logHeader->moveSection(logHeader->visualIndex(TransitionLogModel::TimeColumn),
                           logHeader->visualIndex(TransitionLogModel::TransitionColumn));
    m_logView->setFocusPolicy(Qt::ClickFocus);
    connect(m_logView->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MainWindow::onLogSelection);
    connect(m_logModel, &QAbstractItemModel::rowsInserted, m_logView, &QTableView::scrollToBottom);
    m_logDock = makeDock(QStringLiteral("logDock"), m_logView, Qt::RightDockWidgetArea);

    m_inspector = new InspectorView(this);
    m_inspectorDock = makeDock(QStringLiteral("inspectorDock"), m_inspector, Qt::RightDockWidgetArea);
    tabifyDockWidget(m_logDock, m_inspectorDock);
    m_logDock->raise();

    m_clientPane = new SidePane(Side::Client, this);
    m_serverPane = new SidePane(Side::Server, this);
    m_clientDock = makeDock(QStringLiteral("clientDock"), m_clientPane, Qt::BottomDockWidgetArea);
    m_serverDock = makeDock(QStringLiteral("serverDock"), m_serverPane, Qt::BottomDockWidgetArea);
    splitDockWidget(m_clientDock, m_serverDock, Qt::Horizontal);
    for (SidePane *sidePane : {m_clientPane, m_serverPane}) {
        connect(sidePane, &SidePane::actionRequested, this,
                [this, sidePane](SidePane::Action action) { onPaneAction(sidePane->side(), static_cast<int>(action)); });
        connect(sidePane, &SidePane::sendRequested, this, [this, sidePane](const QString &message) {
            m_ladder->finishAnimation();
            m_controller->perform(Commands::make(Verb::Send, sidePane->side(), message.toStdString()));
        });
    }
    connect(m_serverPane, &SidePane::autoReplyToggled, this, [this](bool on) { m_controller->setAutoReply(on); });

    // The live loopback pair: a tab next to the log and the inspector, so the ladder stays the
    // main thing and the log (with the live rows) stays in view.
    m_livePane = new LivePane(m_live, m_controller, this);
    m_liveDock = makeDock(QStringLiteral("liveDock"), m_livePane, Qt::RightDockWidgetArea);
    tabifyDockWidget(m_inspectorDock, m_liveDock);
    createSocketsDock();
    m_logDock->raise();
}

void MainWindow::applyDefaultDockSizes()
{
    // About 38 % of the width for the diagram column, the rest for the ladder. With the live
    // pair on, the log carries the real states too and gets half of the column.
    const int right = std::clamp(width() * (m_live->isEnabled() ? 41 : 38) / 100, 420, 760);
    resizeDocks({m_stateDock}, {right}, Qt::Horizontal);
    const int column = height() - menuBar()->height() - m_toolBar->height();
    // The Sockets tab's queues and tables want a little more of the column than the log.
    const bool sockets = m_socketsDock->toggleViewAction()->isChecked() && !m_socketsDock->isFloating();
    const int diagramShare = sockets ? 46 : m_live->isEnabled() ? 55 : 58;
    resizeDocks({m_stateDock, m_logDock}, {column * diagramShare / 100, column * (100 - diagramShare) / 100},
                Qt::Vertical);
    resizeDocks({m_clientDock}, {m_clientPane->sizeHint().height()}, Qt::Vertical);
    if (!m_chosenTab.isEmpty())
        raiseTab(m_chosenTab); // --tab: the one asked for, over the Sockets tab a lesson brings up
    else if (sockets && m_socketsShownForLesson)
        raiseSocketsTab();
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (!m_layoutRestored) {
        m_layoutRestored = true;
        applyDefaultDockSizes();
    }
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addAction(m_newAction);
    m_fileMenu->addAction(m_openAction);
    m_fileMenu->addAction(m_saveAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_saveLogAction);
    m_fileMenu->addAction(m_exportPacketsAction);
    m_fileMenu->addAction(m_exportLadderAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quitAction);

    m_lessonMenu = menuBar()->addMenu(QString());
    m_lessonMenu->addAction(m_stepAction);
    m_lessonMenu->addAction(m_backAction);
    m_lessonMenu->addAction(m_resetAction);
    m_lessonMenu->addAction(m_playAction);
    m_lessonMenu->addSeparator();
    m_lessonMenu->addAction(m_liveAction);
    m_lessonMenu->addSeparator();
    createProfileMenu();
    // Lesson → Compare textbook and Linux…: both profiles' ladders side by side (comparedialog.h).
    auto *compareAction = m_lessonMenu->addAction(QString());
    compareAction->setObjectName(QStringLiteral("compareProfilesAction"));
    connect(compareAction, &QAction::triggered, this, [this] {
        auto *dialog = new CompareDialog(m_controller->lesson(), m_controller->baseConfig(), numberStyle(), this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });

    m_viewMenu = menuBar()->addMenu(QString());
    m_viewMenu->addAction(m_fullScreenAction);
    m_viewMenu->addAction(m_presentAction);
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_zoomInAction);
    m_viewMenu->addAction(m_zoomOutAction);
    m_viewMenu->addAction(m_zoomResetAction);
    m_viewMenu->addAction(findChild<QAction *>(QStringLiteral("fitAllAction")));
    m_viewMenu->addAction(findChild<QAction *>(QStringLiteral("timeScaleAction")));
    createPaletteAction();
    m_viewMenu->addAction(m_highContrastAction);
    m_viewMenu->addSeparator();
    for (QDockWidget *dock : {m_stateDock, m_logDock, m_inspectorDock, m_clientDock, m_serverDock, m_liveDock, m_socketsDock})
        m_viewMenu->addAction(dock->toggleViewAction());

    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addAction(m_shortcutsAction);
    m_helpMenu->addAction(m_aboutAction);
}

void MainWindow::retranslate()
{
    setWindowTitle(tr("tcpsim — TCP handshake and teardown"));
    m_newAction->setText(tr("&New free session"));
    m_openAction->setText(tr("&Open lesson…"));
    m_saveAction->setText(tr("&Save lesson as…"));
    m_saveLogAction->setText(tr("Save transition &log as CSV…"));
    m_exportPacketsAction->setText(tr("Export &packets for Wireshark…"));
    m_exportPacketsAction->setToolTip(tr("The lesson's segments up to this step as a pcap capture (IPv4, real TCP headers)"));
    m_exportLadderAction->setText(tr("Export &ladder…"));
    if (auto *compareAction = findChild<QAction *>(QStringLiteral("compareProfilesAction"))) {
        compareAction->setText(tr("&Compare textbook and Linux…"));
        compareAction->setToolTip(tr("The lesson under RFC 9293 and under Linux, side by side, with where they part"));
    }
    m_exportLadderAction->setToolTip(tr("The ladder and the state diagram as SVG, PDF or PNG, for slides and handouts"));
    m_quitAction->setText(tr("&Quit"));
    m_stepAction->setText(tr("Step ▶"));
    m_stepAction->setToolTip(tr("Run the next step (Space, →, Page Down)"));
    m_backAction->setText(tr("◀ Back"));
    m_backAction->setToolTip(tr("Go back one step, exactly (←, Backspace, Page Up)"));
    m_resetAction->setText(tr("Reset"));
    m_resetAction->setToolTip(tr("Back to the start of the lesson (Home)"));
    m_playAction->setText(m_playing ? tr("Pause") : tr("Play"));
    steadyPlayButton();
    m_playAction->setToolTip(tr("Play the lesson step by step (P)"));
    m_fullScreenAction->setText(tr("&Full screen"));
    m_presentAction->setText(tr("Present"));
    m_presentAction->setToolTip(tr("Presentation mode: only the ladder, the explanation and the state diagram, "
                                   "full screen, in large type (F5; Esc leaves)"));
    m_leavePresentationAction->setText(tr("Leave presentation mode"));
    m_presentationBar->setWindowTitle(tr("Presentation controls"));
    m_zoomInAction->setText(tr("Zoom &in"));
    m_zoomOutAction->setText(tr("Zoom &out"));
    m_zoomResetAction->setText(tr("&Actual size"));
    if (auto *fitAllAction = findChild<QAction *>(QStringLiteral("fitAllAction"))) {
        fitAllAction->setText(tr("Fit &all"));
        fitAllAction->setToolTip(tr("The whole ladder on screen, rows compressed (Ctrl+9; again: normal rows)"));
    }
    if (auto *timeScaleAction = findChild<QAction *>(QStringLiteral("timeScaleAction"))) {
        timeScaleAction->setText(tr("&Time scale"));
        timeScaleAction->setToolTip(tr("The ladder's vertical axis shows virtual time: waits such as the SYN back-off "
                                       "and TIME-WAIT get their length; long ones are shortened and labelled (Ctrl+T)"));
    }
    m_aboutAction->setText(tr("&About tcpsim"));
    m_shortcutsAction->setText(tr("&Keyboard shortcuts"));
    m_fileMenu->setTitle(tr("&File"));
    m_lessonMenu->setTitle(tr("&Lesson"));
    m_viewMenu->setTitle(tr("&View"));
    m_helpMenu->setTitle(tr("&Help"));
    m_toolBar->setWindowTitle(tr("Controls"));
    m_lessonPicker->setAccessibleName(tr("Lesson"));
    m_lessonPicker->setToolTip(tr("Lesson: %1").arg(m_lessonPicker->currentText()));
    m_speedLabel->setText(tr("Speed:"));
    m_numbersLabel->setText(tr("Numbers:"));
    m_numberPicker->setItemText(0, tr("Symbolic (j, k)"));
    m_numberPicker->setItemText(1, tr("Relative"));
    m_numberPicker->setItemText(2, tr("Absolute"));
    m_numberPicker->setToolTip(tr("Symbolic: the client's ISN is j and the server's k, as in the textbooks. "
                                  "Relative: counted from each side's ISN, as Wireshark shows them. "
                                  "Absolute: the numbers on the wire."));
    retranslateProfileMenu(); // and the state diagram's title, which names the profile
    retranslatePaletteAction();
    m_logDock->setWindowTitle(tr("Transition log"));
    m_inspectorDock->setWindowTitle(tr("Segment inspector"));
    m_clientDock->setWindowTitle(tr("Client"));
    m_serverDock->setWindowTitle(tr("Server"));
    m_liveDock->setWindowTitle(tr("Live pair"));
    m_socketsDock->setWindowTitle(tr("Sockets"));
    m_liveAction->setText(tr("Live pair"));
    m_liveAction->setToolTip(tr("Do every step again on a real QTcpServer/QTcpSocket pair on loopback, and show "
                                "Qt's and the kernel's states in the log (L)"));
}

void MainWindow::steadyPlayButton()
{
    // As wide as its widest text, so the tool bar does not shift when Play becomes Pause.
    QWidget *button = m_toolBar ? m_toolBar->widgetForAction(m_playAction) : nullptr;
    if (!button)
        return;
    const QString shown = m_playAction->text();
    int width = 0;
    for (const QString &text : {tr("Play"), tr("Pause")}) {
        m_playAction->setText(text);
        width = std::max(width, button->sizeHint().width());
    }
    m_playAction->setText(shown);
    button->setFixedWidth(width);
}

void MainWindow::changeEvent(QEvent *event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::LanguageChange && m_toolBar)
        retranslate();
}

void MainWindow::populateLessonPicker()
{
    m_lessonPicker->clear();
    for (const LessonEntry &entry : LessonLibrary::builtInLessons())
        m_lessonPicker->addItem(entry.displayTitle(isChinese()), entry.name);
    m_lessonPicker->addItem(tr("Free play (empty lesson)"), QString::fromLatin1(freeSessionName));
}

