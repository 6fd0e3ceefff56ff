#include "mainwindow.h"

#include "appstyle.h"
#include "inspectorview.h"
#include "ladderview.h"
#include "livepane.h"
#include "sidepane.h"
#include "statediagram.h"
#include "transitionlogdelegate.h"

#include "tcpsim/session/explanation.h"
#include "tcpsim/session/lessonlibrary.h"
#include "tcpsim/session/livemirror.h"
#include "tcpsim/session/transitionlog.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QResizeEvent>
#include <QSaveFile>
#include <QSettings>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

using namespace tcpsim;

namespace {
constexpr int stepPauseMs = 900; // between two steps while playing, at speed 1
const double speeds[] = {0.5, 1.0, 1.5, 2.0, 3.0};
const char freeSessionName[] = "";
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : MainWindow(SettingsPolicy::Remember, parent)
{
}

MainWindow::MainWindow(SettingsPolicy policy, QWidget *parent)
    : QMainWindow(parent)
    , m_policy(policy)
    , m_controller(new LessonController(this))
    , m_logModel(new TransitionLogModel(this))
    , m_playTimer(new QTimer(this))
    , m_live(new LiveMirror(m_controller, this))
{
    setObjectName(QStringLiteral("MainWindow"));
    setDockNestingEnabled(true);
    // The right-hand column (state diagram, log, inspector) runs the full height.
    setCorner(Qt::TopRightCorner, Qt::RightDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    m_playTimer->setSingleShot(true);
    connect(m_playTimer, &QTimer::timeout, this, [this] {
        if (!m_playing)
            return;
        if (!m_controller->canStepForward() || m_controller->isAtLessonEnd()) {
            setPlaying(false);
            return;
        }
        step();
    });

    // Centre: the explanation of the step above the ladder.
    auto *centre = new QWidget(this);
    auto *centreLayout = new QVBoxLayout(centre);
    centreLayout->setContentsMargins(0, 0, 0, 0);
    centreLayout->setSpacing(0);
    auto *banner = m_banner = new QWidget(centre);
    banner->setObjectName(QStringLiteral("explanationBanner"));
    banner->setAutoFillBackground(true);
    banner->setBackgroundRole(QPalette::AlternateBase);
    auto *bannerLayout = new QVBoxLayout(banner);
    bannerLayout->setContentsMargins(14, 8, 14, 8);
    bannerLayout->setSpacing(3);
    auto *topRow = new QHBoxLayout;
    m_stepCounter = new QLabel(banner);
    m_scriptLine = new QLabel(banner);
    m_scriptLine->setTextFormat(Qt::PlainText);
    // Wrapped rather than cut: a step with several checks is a long line.
    m_scriptLine->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Minimum);
    m_scriptLine->setWordWrap(true);
    topRow->addWidget(m_stepCounter);
    topRow->addSpacing(12);
    topRow->addWidget(m_scriptLine, 1);
    bannerLayout->addLayout(topRow);
    m_explanation = new QLabel(banner);
    m_explanation->setObjectName(QStringLiteral("explanation"));
    m_explanation->setWordWrap(true);
    m_explanation->setTextFormat(Qt::RichText);
    m_explanation->setMinimumHeight(m_explanation->fontMetrics().height() * 2);
    m_explanation->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Minimum);
    bannerLayout->addWidget(m_explanation);
    m_checks = new QLabel(banner);
    m_checks->setWordWrap(true);
    m_checks->setTextFormat(Qt::RichText);
    m_checks->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Minimum);
    bannerLayout->addWidget(m_checks);
    centreLayout->addWidget(banner);
    banner->installEventFilter(this);
    m_ladder = new LadderView(centre);
    centreLayout->addWidget(m_ladder, 1);
    setCentralWidget(centre);

    createActions();
    createToolBar();
    createDocks();
    createMenus();
    retranslate();
    populateLessonPicker();

    connect(m_controller, &LessonController::stepped, this, &MainWindow::onStepped);
    connect(m_live, &LiveMirror::rowsChanged, this, [this] { m_logModel->setLiveRows(m_live->logRows()); });
    connect(m_live, &LiveMirror::statusMessage, this, [this](const QString &text) { statusBar()->showMessage(text, 8000); });
    connect(m_ladder, &LadderView::revealChanged, this, &MainWindow::updateStateDiagram);
    // Clicking an arrow in flight loses that segment (recorded as `drop #id`), then inspects it.
    connect(m_ladder, &LadderView::dropRequested, this,
            [this](tcpsim::Side side, std::uint64_t id) { m_controller->dropSegment(side, id); });
    connect(m_ladder, &LadderView::arrowClicked, this, &MainWindow::onArrowClicked);
    connect(m_ladder, &LadderView::animationFinished, this, &MainWindow::onAnimationFinished);

    setZoom(1.0);
    resize(1280, 720);
    if (m_policy == SettingsPolicy::Remember)
        readSettings();
    else
        setLiveEnabled(false);
    if (m_lessonName.isEmpty() && m_controller->lesson().commands.empty())
        loadLesson(QStringLiteral("handshake"));
    onStepped(LessonController::Direction::Reset);
}

MainWindow::~MainWindow()
{
    // The live pair closes its sockets as it goes: nothing of the window may hear it then.
    m_live->session()->server()->disconnect(m_livePane);
    m_live->session()->observer()->disconnect(m_livePane);
    m_live->disconnect(m_livePane);
    m_live->disconnect(this);
    delete m_live;
    m_live = nullptr;
}

SidePane *MainWindow::pane(Side side) const
{
    return side == Side::Client ? m_clientPane : m_serverPane;
}

bool MainWindow::isChinese() const
{
    return QLocale().language() == QLocale::Chinese;
}

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
    connect(m_zoomInAction, &QAction::triggered, this, [this] { setZoom(m_zoom * 1.15); });
    m_zoomOutAction = new QAction(this);
    m_zoomOutAction->setShortcut(QKeySequence::ZoomOut);
    connect(m_zoomOutAction, &QAction::triggered, this, [this] { setZoom(m_zoom / 1.15); });
    m_zoomResetAction = new QAction(this);
    m_zoomResetAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    connect(m_zoomResetAction, &QAction::triggered, this, [this] { setZoom(1.0); });
    m_aboutAction = new QAction(this);
    connect(m_aboutAction, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About tcpsim"),
                           tr("<p><b>tcpsim</b> shows how TCP opens and closes a connection, one segment at a time, "
                              "following RFC 9293.</p><p>Space or → steps, ← goes back, Home resets, P plays.</p>"));
    });
    m_liveAction = new QAction(this);
    m_liveAction->setCheckable(true);
    m_liveAction->setShortcut(QKeySequence(Qt::Key_L));
    connect(m_liveAction, &QAction::toggled, this, &MainWindow::setLiveEnabled);

    for (QAction *action : {m_stepAction, m_backAction, m_resetAction, m_playAction, m_fullScreenAction,
                            m_zoomInAction, m_zoomOutAction, m_zoomResetAction, m_liveAction})
        addAction(action); // shortcuts work even with the tool bar hidden
}

void MainWindow::createToolBar()
{
    m_toolBar = addToolBar(QString());
    m_toolBar->setObjectName(QStringLiteral("controls"));
    m_toolBar->setMovable(false);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_lessonLabel = new QLabel(m_toolBar);
    m_lessonPicker = new QComboBox(m_toolBar);
    m_lessonPicker->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_lessonPicker->setFocusPolicy(Qt::NoFocus);
    m_lessonPicker->setMinimumContentsLength(18);
    connect(m_lessonPicker, &QComboBox::activated, this, [this](int index) {
        const QString name = m_lessonPicker->itemData(index).toString();
        if (name == QLatin1String(freeSessionName))
            newFreeSession();
        else
            openLesson(name);
    });
    m_toolBar->addWidget(m_lessonLabel);
    m_toolBar->addWidget(m_lessonPicker);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_resetAction);
    m_toolBar->addAction(m_backAction);
    m_toolBar->addAction(m_stepAction);
    m_toolBar->addAction(m_playAction);
    m_toolBar->addAction(m_liveAction);
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
    for (QWidget *label : {static_cast<QWidget *>(m_lessonLabel), static_cast<QWidget *>(m_speedLabel),
                           static_cast<QWidget *>(m_numbersLabel)})
        label->setContentsMargins(8, 0, 4, 0);
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
    m_logDock->raise();
}

void MainWindow::applyDefaultDockSizes()
{
    // About 38 % of the width for the diagram column, the rest for the ladder. With the live
    // pair on, the log carries the real states too and gets half of the column.
    const int right = std::clamp(width() * (m_live->isEnabled() ? 41 : 38) / 100, 420, 760);
    resizeDocks({m_stateDock}, {right}, Qt::Horizontal);
    const int column = height() - menuBar()->height() - m_toolBar->height();
    const int diagramShare = m_live->isEnabled() ? 55 : 58;
    resizeDocks({m_stateDock, m_logDock}, {column * diagramShare / 100, column * (100 - diagramShare) / 100},
                Qt::Vertical);
    resizeDocks({m_clientDock}, {m_clientPane->sizeHint().height()}, Qt::Vertical);
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
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quitAction);

    m_lessonMenu = menuBar()->addMenu(QString());
    m_lessonMenu->addAction(m_stepAction);
    m_lessonMenu->addAction(m_backAction);
    m_lessonMenu->addAction(m_resetAction);
    m_lessonMenu->addAction(m_playAction);
    m_lessonMenu->addSeparator();
    m_lessonMenu->addAction(m_liveAction);

    m_viewMenu = menuBar()->addMenu(QString());
    m_viewMenu->addAction(m_fullScreenAction);
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_zoomInAction);
    m_viewMenu->addAction(m_zoomOutAction);
    m_viewMenu->addAction(m_zoomResetAction);
    m_viewMenu->addSeparator();
    for (QDockWidget *dock : {m_stateDock, m_logDock, m_inspectorDock, m_clientDock, m_serverDock, m_liveDock})
        m_viewMenu->addAction(dock->toggleViewAction());

    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addAction(m_aboutAction);
}

void MainWindow::retranslate()
{
    setWindowTitle(tr("tcpsim — TCP handshake and teardown"));
    m_newAction->setText(tr("&New free session"));
    m_openAction->setText(tr("&Open lesson…"));
    m_saveAction->setText(tr("&Save lesson as…"));
    m_saveLogAction->setText(tr("Save transition &log as CSV…"));
    m_quitAction->setText(tr("&Quit"));
    m_stepAction->setText(tr("Step ▶"));
    m_stepAction->setToolTip(tr("Run the next step (Space, →, Page Down)"));
    m_backAction->setText(tr("◀ Back"));
    m_backAction->setToolTip(tr("Go back one step, exactly (←, Backspace, Page Up)"));
    m_resetAction->setText(tr("Reset"));
    m_resetAction->setToolTip(tr("Back to the start of the lesson (Home)"));
    m_playAction->setText(m_playing ? tr("Pause") : tr("Play"));
    m_playAction->setToolTip(tr("Play the lesson step by step (P)"));
    m_fullScreenAction->setText(tr("&Full screen"));
    m_zoomInAction->setText(tr("Zoom &in"));
    m_zoomOutAction->setText(tr("Zoom &out"));
    m_zoomResetAction->setText(tr("&Actual size"));
    m_aboutAction->setText(tr("&About tcpsim"));
    m_fileMenu->setTitle(tr("&File"));
    m_lessonMenu->setTitle(tr("&Lesson"));
    m_viewMenu->setTitle(tr("&View"));
    m_helpMenu->setTitle(tr("&Help"));
    m_toolBar->setWindowTitle(tr("Controls"));
    m_lessonLabel->setText(tr("Lesson:"));
    m_speedLabel->setText(tr("Speed:"));
    m_numbersLabel->setText(tr("Numbers:"));
    m_numberPicker->setItemText(0, tr("Symbolic (j, k)"));
    m_numberPicker->setItemText(1, tr("Relative"));
    m_numberPicker->setItemText(2, tr("Absolute"));
    m_numberPicker->setToolTip(tr("Symbolic: the client's ISN is j and the server's k, as in the textbooks. "
                                  "Relative: counted from each side's ISN, as Wireshark shows them. "
                                  "Absolute: the numbers on the wire."));
    m_stateDock->setWindowTitle(tr("State diagram (RFC 9293)"));
    m_logDock->setWindowTitle(tr("Transition log"));
    m_inspectorDock->setWindowTitle(tr("Segment inspector"));
    m_clientDock->setWindowTitle(tr("Client"));
    m_serverDock->setWindowTitle(tr("Server"));
    m_liveDock->setWindowTitle(tr("Live pair"));
    m_liveAction->setText(tr("Live pair"));
    m_liveAction->setToolTip(tr("Do every step again on a real QTcpServer/QTcpSocket pair on loopback, and show "
                                "Qt's and the kernel's states in the log (L)"));
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

bool MainWindow::loadLesson(const QString &nameOrPath, QString *errorMessage)
{
    auto result = LessonLibrary::load(nameOrPath);
    if (auto *error = std::get_if<ScriptError>(&result)) {
        if (errorMessage)
            *errorMessage = QString::fromStdString(error->toString());
        return false;
    }
    setPlaying(false);
    m_lessonName = nameOrPath;
    int index = m_lessonPicker->findData(nameOrPath);
    if (index < 0) {
        const Lesson &lesson = std::get<Lesson>(result);
        QString title = QString::fromStdString(isChinese() && !lesson.titleZh.empty() ? lesson.titleZh : lesson.title);
        if (title.isEmpty())
            title = QFileInfo(nameOrPath).fileName();
        m_lessonPicker->addItem(title, nameOrPath);
        index = m_lessonPicker->count() - 1;
    }
    m_lessonPicker->setCurrentIndex(index);
    m_inspector->clear();
    m_ladder->setSelectedArrow(-1);
    m_ladder->setHighlightedStep(-1);
    m_controller->setLesson(std::move(std::get<Lesson>(result)));
    return true;
}

bool MainWindow::openLesson(const QString &nameOrPath)
{
    QString error;
    if (loadLesson(nameOrPath, &error))
        return true;
    // Keep the current lesson, and show it in the picker again.
    const int index = m_lessonPicker->findData(m_lessonName);
    if (index >= 0)
        m_lessonPicker->setCurrentIndex(index);
    QMessageBox box(QMessageBox::Warning, tr("Cannot open the lesson"),
                    tr("The lesson script has an error; the current lesson stays open."), QMessageBox::Ok, this);
    box.setInformativeText(error);
    box.exec();
    return false;
}

void MainWindow::newFreeSession()
{
    setPlaying(false);
    Lesson lesson;
    lesson.file = "free-play.tcp";
    lesson.title = tr("Free play").toStdString();
    m_lessonName = QString::fromLatin1(freeSessionName);
    m_lessonPicker->setCurrentIndex(m_lessonPicker->findData(m_lessonName));
    m_inspector->clear();
    m_ladder->setSelectedArrow(-1);
    m_controller->setLesson(std::move(lesson));
}

bool MainWindow::saveLesson(const QString &fileName, QString *errorMessage)
{
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        if (errorMessage)
            *errorMessage = file.errorString();
        return false;
    }
    const std::string text = m_controller->lesson().toText();
    file.write(text.data(), static_cast<qint64>(text.size()));
    if (!file.commit()) {
        if (errorMessage)
            *errorMessage = file.errorString();
        return false;
    }
    return true;
}

void MainWindow::openLessonDialog()
{
    const QString fileName = QFileDialog::getOpenFileName(this, tr("Open a lesson script"), QString(),
                                                          tr("Lesson scripts (*.tcp);;All files (*)"));
    if (!fileName.isEmpty())
        openLesson(fileName);
}

void MainWindow::saveLessonDialog()
{
    QString fileName = QFileDialog::getSaveFileName(this, tr("Save the lesson script"), QStringLiteral("lesson.tcp"),
                                                    tr("Lesson scripts (*.tcp)"));
    if (fileName.isEmpty())
        return;
    if (!fileName.endsWith(QLatin1String(".tcp")))
        fileName += QLatin1String(".tcp");
    QString error;
    if (!saveLesson(fileName, &error))
        QMessageBox::warning(this, tr("Cannot save the lesson"), error);
    else
        statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(fileName)), 5000);
}

void MainWindow::saveLogDialog()
{
    const QString fileName = QFileDialog::getSaveFileName(this, tr("Save the transition log"),
                                                          QStringLiteral("transitions.csv"), tr("CSV files (*.csv)"));
    if (fileName.isEmpty())
        return;
    QString error;
    if (!m_logModel->saveCsv(fileName, &error))
        QMessageBox::warning(this, tr("Cannot save the log"), error);
    else
        statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(fileName)), 5000);
}

void MainWindow::step()
{
    m_ladder->finishAnimation();
    if (!m_controller->canStepForward()) {
        statusBar()->showMessage(tr("The lesson is over: nothing is in flight and no timer is pending."), 3000);
        setPlaying(false);
        return;
    }
    m_controller->stepForward();
}

void MainWindow::back()
{
    m_ladder->finishAnimation();
    setPlaying(false);
    m_controller->stepBack();
}

void MainWindow::reset()
{
    m_ladder->finishAnimation();
    setPlaying(false);
    m_controller->reset();
}

void MainWindow::togglePlay()
{
    setPlaying(!m_playing);
}

bool MainWindow::isPlaying() const
{
    return m_playing;
}

void MainWindow::setPlaying(bool on)
{
    if (on && m_controller->isAtLessonEnd())
        on = false;
    m_playing = on;
    m_playAction->setChecked(on);
    m_playAction->setText(on ? tr("Pause") : tr("Play"));
    if (!on) {
        m_playTimer->stop();
        return;
    }
    if (!m_ladder->isAnimating())
        step();
}

void MainWindow::onAnimationFinished()
{
    if (m_playing)
        m_playTimer->start(static_cast<int>(stepPauseMs / m_ladder->speed()));
}

void MainWindow::goToStep(int target)
{
    const bool animated = m_animated;
    m_animated = false;
    m_controller->goToStep(target);
    m_animated = animated;
}

void MainWindow::onStepped(LessonController::Direction direction)
{
    const Simulation &sim = m_controller->simulation();
    const auto boundaries = m_controller->eventBoundaries();
    const bool animate = direction == LessonController::Direction::Forward && m_animated;
    m_ladder->setSimulation(sim, boundaries, animate ? LadderView::Animation::Animate : LadderView::Animation::Instant);
    m_logModel->setRows(TransitionLogModel::modelSource(), TransitionLogModel::rowsFromEvents(sim.events(), boundaries));
    m_clientPane->updateFrom(sim);
    m_serverPane->updateFrom(sim);
    // Keep the inspected segment if it still exists (its fate may have changed).
    if (auto shown = m_inspector->segment()) {
        const int index = m_ladder->arrowIndexForSegmentId(shown->id);
        if (index >= 0 && shown->id != 0)
            showArrowInInspector(index);
        else
            m_inspector->clear();
    }
    updateExplanation();
    updateStateDiagram();
    updateActions();
    if (m_playing && !animate)
        onAnimationFinished();
}

void MainWindow::updateStateDiagram()
{
    for (Side side : {Side::Client, Side::Server}) {
        const auto last = m_ladder->lastRevealedTransition(side);
        m_stateDiagram->setState(side, last ? last->to : TcpState::Closed,
                                 last ? std::optional<TcpState>(last->from) : std::nullopt);
    }
    QList<StateDiagram::Taken> taken;
    for (const LadderView::Transition &transition : m_ladder->revealedNewestTransitions())
        taken.append({transition.side, transition.from, transition.to});
    m_stateDiagram->setTaken(taken);
}

void MainWindow::updateExplanation()
{
    const int current = m_controller->currentStep();
    const int total = m_controller->stepCount();
    const QPalette &pal = palette();
    m_stepCounter->setText(QStringLiteral("<b>%1</b>").arg(tr("Step %1 of %2").arg(current).arg(total)));
    m_scriptLine->setText(current > 0 ? m_controller->stepScript(current).split(QLatin1Char('\n')).join(QStringLiteral("  ·  "))
                                      : QString());
    QPalette scriptPalette = m_scriptLine->palette();
    scriptPalette.setColor(QPalette::WindowText, AppStyle::mutedText(pal));
    m_scriptLine->setPalette(scriptPalette);
    m_scriptLine->setFont(AppStyle::monospaceFont(font().pixelSize()));

    QString text;
    QString references;
    const Lesson &lesson = m_controller->lesson();
    if (current == 0) {
        const std::string &note = isChinese() && !lesson.noteZh.empty() ? lesson.noteZh : lesson.note;
        const std::string &title = isChinese() && !lesson.titleZh.empty() ? lesson.titleZh : lesson.title;
        text = QStringLiteral("<b>%1</b>").arg(QString::fromStdString(title).toHtmlEscaped());
        if (!note.empty())
            text += QStringLiteral(" — ") + QString::fromStdString(note).toHtmlEscaped();
        text += QStringLiteral("<br>") + tr("Press Space or → to take the first step.").toHtmlEscaped();
        if (lesson.commands.empty())
            text = tr("Free play: use the buttons of the client and the server below; every action becomes a line "
                      "of the lesson (File → Save lesson).")
                       .toHtmlEscaped();
    } else {
        const auto &events = m_controller->simulation().events();
        const std::size_t begin = m_controller->eventCountAt(current - 1);
        const std::size_t end = m_controller->eventCountAt(current);
        text = Explanation::forEvents(events, begin, end).toHtmlEscaped();
        QStringList refs;
        for (Rule rule : Explanation::mainRules(events, begin, end)) {
            const QString reference = Explanation::ruleReference(rule);
            if (!reference.isEmpty() && !refs.contains(reference))
                refs.append(reference);
        }
        if (text.isEmpty())
            text = tr("Nothing changed state in this step.").toHtmlEscaped();
        references = refs.join(QStringLiteral(", "));
    }
    if (!references.isEmpty())
        text += QStringLiteral(" <span style='color:%1'>(%2)</span>").arg(AppStyle::mutedText(pal).name(),
                                                                        references.toHtmlEscaped());
    m_explanation->setText(QStringLiteral("<span style='font-size:large'>%1</span>").arg(text));
    fitBannerHeight();

    const LessonController::StepReport report = m_controller->reportAt(current);
    QStringList checks;
    for (const QString &failure : report.failedExpectations)
        checks.append(QStringLiteral("<span style='color:%1'>✗ %2</span>")
                          .arg(AppStyle::errorColor(pal).name(), tr("Expectation failed: %1").arg(failure).toHtmlEscaped()));
    for (const QString &error : report.errors)
        checks.append(QStringLiteral("<span style='color:%1'>⚠ %2</span>")
                          .arg(AppStyle::errorColor(pal).name(), error.toHtmlEscaped()));
    m_checks->setText(checks.join(QStringLiteral("<br>")));
    m_checks->setVisible(!checks.isEmpty());
}

void MainWindow::updateActions()
{
    m_backAction->setEnabled(m_controller->canStepBack());
    m_resetAction->setEnabled(m_controller->canStepBack());
    m_stepAction->setEnabled(m_controller->canStepForward());
    m_playAction->setEnabled(!m_controller->isAtLessonEnd() || m_playing);
}

void MainWindow::onArrowClicked(int index)
{
    const LadderView::Arrow arrow = m_ladder->arrows()[static_cast<std::size_t>(index)];
    const int now = m_ladder->arrowIndexForSegmentId(arrow.segment.id);
    showArrowInInspector(now >= 0 && arrow.segment.id != 0 ? now : index);
    m_inspectorDock->show();
    m_inspectorDock->raise();
}

void MainWindow::showArrowInInspector(int index)
{
    if (index < 0 || index >= m_ladder->arrowCount())
        return;
    const Segment &segment = m_ladder->arrows()[static_cast<std::size_t>(index)].segment;
    const SimulationConfig &config = m_controller->simulation().config();
    WireAddressing addressing;
    const bool fromClient = segment.from == Side::Client;
    addressing.sourcePort = fromClient ? config.clientPort : config.serverPort;
    addressing.destinationPort = fromClient ? config.serverPort : config.clientPort;
    m_ladder->setSelectedArrow(index);
    m_inspector->setSegment(segment, addressing, NumberFormatter(m_controller->simulation().events(), numberStyle()));
}

bool MainWindow::inspectSegment(std::uint64_t id)
{
    const int index = m_ladder->arrowIndexForSegmentId(id);
    if (index < 0)
        return false;
    showArrowInInspector(index);
    m_inspectorDock->show();
    m_inspectorDock->raise();
    return true;
}

void MainWindow::onPaneAction(Side side, int action)
{
    m_ladder->finishAnimation();
    Verb verb = Verb::Settle;
    switch (static_cast<SidePane::Action>(action)) {
    case SidePane::Action::Listen:
        verb = Verb::Listen;
        break;
    case SidePane::Action::Connect:
        verb = Verb::Connect;
        break;
    case SidePane::Action::Close:
        verb = Verb::Close;
        break;
    case SidePane::Action::Abort:
        verb = Verb::Abort;
        break;
    case SidePane::Action::Deliver:
        verb = Verb::Deliver;
        break;
    case SidePane::Action::Drop:
        verb = Verb::Drop;
        break;
    case SidePane::Action::FireTimer:
        verb = Verb::Timeout;
        break;
    }
    m_controller->perform(Commands::make(verb, side));
}

void MainWindow::onLogSelection()
{
    const QModelIndexList rows = m_logView->selectionModel()->selectedRows();
    if (rows.isEmpty()) {
        m_ladder->setHighlightedStep(-1);
        return;
    }
    m_ladder->setHighlightedStep(m_logModel->row(rows.first().row()).step);
}

void MainWindow::setNumberStyle(NumberStyle style)
{
    m_ladder->setNumberStyle(style);
    const int index = m_numberPicker->findData(int(style));
    if (index >= 0 && index != m_numberPicker->currentIndex())
        m_numberPicker->setCurrentIndex(index);
    if (auto shown = m_inspector->segment()) {
        const int arrow = m_ladder->arrowIndexForSegmentId(shown->id);
        if (arrow >= 0)
            showArrowInInspector(arrow);
    }
}

NumberStyle MainWindow::numberStyle() const
{
    return m_ladder->numberStyle();
}

void MainWindow::setZoom(double zoom)
{
    // Never below the projector minimum of 14 px.
    m_zoom = std::clamp(zoom, double(AppStyle::minimumPixelSize) / AppStyle::basePixelSize, 2.5);
    QFont f = QApplication::font();
    f.setPixelSize(static_cast<int>(std::lround(AppStyle::basePixelSize * m_zoom)));
    setFont(f);
    if (menuBar())
        menuBar()->setFont(f);
    // Compact log rows (the text's height and a little air), so more of the steps fit.
    if (m_logView)
        m_logView->verticalHeader()->setDefaultSectionSize(QFontMetrics(f).height() + 8);
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_banner && event->type() == QEvent::Resize) {
        const auto *resize = static_cast<QResizeEvent *>(event);
        if (resize->size().width() != resize->oldSize().width())
            fitBannerHeight();
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::fitBannerHeight()
{
    // The banner's height for its present width becomes its minimum, so the layout takes the
    // room from the ladder (which scrolls) and the docks rather than from the text. Only the
    // height changes here, so the resize this causes does not come back (width unchanged).
    // Before the first layout the banner's width is a default, not its own: the resize that
    // lays it out fits it then.
    if (!m_banner->isVisible())
        return;
    // At most half the window: a very long note must not push the window past the screen.
    const int needed = qMin(m_banner->heightForWidth(m_banner->width()), height() / 2);
    if (needed > 0 && needed != m_banner->minimumHeight())
        m_banner->setMinimumHeight(needed);
}

QImage MainWindow::renderImage(const QSize &size)
{
    m_ladder->finishAnimation();
    if (m_live->isEnabled() && !m_live->waitUntilIdle(20000))
        statusBar()->showMessage(tr("The live pair did not settle in time; its rows may be incomplete."));
    setAttribute(Qt::WA_DontShowOnScreen, true);
    resize(size);
    show();
    QCoreApplication::processEvents();
    applyDefaultDockSizes();
    if (m_inspector->hasSegment()) {
        // The inspector screenshot: give the header diagram room to its last row.
        const int column = height() - menuBar()->height() - m_toolBar->height();
        resizeDocks({m_stateDock, m_inspectorDock}, {column * 52 / 100, column * 48 / 100}, Qt::Vertical);
    }
    QCoreApplication::processEvents();
    if (layout())
        layout()->activate();
    QCoreApplication::processEvents();
    m_logView->scrollToBottom();
    QCoreApplication::processEvents();
    QImage image = grab().toImage();
    if (image.size() != size)
        image = image.scaled(size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    return image;
}

void MainWindow::readSettings()
{
    QSettings settings;
    const QByteArray geometry = settings.value(QStringLiteral("window/geometry")).toByteArray();
    if (!geometry.isEmpty())
        restoreGeometry(geometry);
    m_layoutRestored = restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    setZoom(settings.value(QStringLiteral("view/zoom"), 1.0).toDouble());
    setNumberStyle(static_cast<NumberStyle>(settings.value(QStringLiteral("view/numbers"), int(NumberStyle::Symbolic)).toInt()));
    m_speedPicker->setCurrentIndex(m_speedPicker->findData(settings.value(QStringLiteral("view/speed"), 1.0).toDouble()));
    m_serverPane->autoReplyBox()->setChecked(settings.value(QStringLiteral("server/autoReply"), true).toBool());
#ifdef Q_OS_LINUX
    const bool liveByDefault = true;
#else
    const bool liveByDefault = false;
#endif
    setLiveEnabled(settings.value(QStringLiteral("live/enabled"), liveByDefault).toBool());
    const QString lesson = settings.value(QStringLiteral("lesson/last")).toString();
    if (!lesson.isEmpty())
        loadLesson(lesson);
}

void MainWindow::writeSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("view/zoom"), m_zoom);
    settings.setValue(QStringLiteral("view/numbers"), int(numberStyle()));
    settings.setValue(QStringLiteral("view/speed"), m_ladder->speed());
    settings.setValue(QStringLiteral("server/autoReply"), m_controller->autoReply());
    settings.setValue(QStringLiteral("live/enabled"), m_live->isEnabled());
    if (!m_lessonName.isEmpty())
        settings.setValue(QStringLiteral("lesson/last"), m_lessonName);
}

bool MainWindow::isLiveEnabled() const
{
    return m_live->isEnabled();
}

void MainWindow::setLiveEnabled(bool on)
{
    if (m_liveAction->isChecked() != on)
        m_liveAction->setChecked(on); // comes back here through toggled()
    m_liveDock->setVisible(on); // a tab next to the log; the log stays in front
    m_logDock->raise();
    if (m_live->isEnabled() == on)
        return;
    m_live->setEnabled(on);
    if (!on)
        statusBar()->showMessage(tr("Live pair off: the steps are no longer done on real sockets."), 5000);
}

void MainWindow::setLivePort(quint16 port)
{
    m_live->setServerPort(port);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_policy == SettingsPolicy::Remember)
        writeSettings();
    event->accept();
}
