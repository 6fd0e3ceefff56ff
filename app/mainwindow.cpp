// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "bandedscrollbarstyle.h"

#include "appstyle.h"
#include "explanationbanner.h"
#include "inspectorview.h"
#include "ladderview.h"
#include "livepane.h"
#include "shortcutsdialog.h"
#include "sidepane.h"
#include "socketsview.h"
#include "statediagram.h"
#include "transitionlogdelegate.h"

#include "tcpsim/export/pcapexport.h"
#include "tcpsim/session/lessonlibrary.h"
#include "tcpsim/session/livemirror.h"
#include "tcpsim/session/socketactions.h"
#include "tcpsim/session/transitionlog.h"

#include "tcpsim/live/liveserver.h"
#include "tcpsim/live/livesession.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QResizeEvent>
#include <QSaveFile>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include <cmath>

using namespace tcpsim;

namespace {
constexpr int stepPauseMs = 900; // between two steps while playing, at speed 1
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
    m_banner = new ExplanationBanner(centre);
    centreLayout->addWidget(m_banner);
    m_ladder = new LadderView(centre);
    centreLayout->addWidget(m_ladder, 1);
    setCentralWidget(centre);

    createActions();
    createPresentationActions();
    createToolBar();
    createDocks();
    createMenus();
    retranslate();
    populateLessonPicker();
    // Every step redraws the ladder's, the log's and the sockets view's scroll bars: painted in
    // bands, they stay on the GUI thread (BandedScrollBarStyle says why).
    auto *scrollBarStyle = new BandedScrollBarStyle;
    scrollBarStyle->setParent(this);
    for (QScrollBar *bar : {m_ladder->verticalScrollBar(), m_logView->verticalScrollBar(),
                            m_socketsView->scrollArea()->verticalScrollBar()})
        bar->setStyle(scrollBarStyle);

    connect(m_controller, &LessonController::stepped, this, &MainWindow::onStepped);
    // A new or edited lesson: the log's model rows and the panes' recv() history start again
    // (a step only appends to them, or removes from their end after Back).
    connect(m_controller, &LessonController::lessonChanged, this, [this] {
        m_logModel->resetModelRows();
        m_clientPane->forgetHistory();
        m_serverPane->forgetHistory();
        showSocketsForLesson(false);
    });
    connect(m_live, &LiveMirror::rowsChanged, this, [this] {
        m_logModel->setLiveRows(m_live->logRows());
        updateLivePort();
    });
    connect(m_live, &LiveMirror::statusMessage, this, [this](const QString &text) { statusBar()->showMessage(text, 8000); });
    connect(m_ladder, &LadderView::revealChanged, this, &MainWindow::updateStateDiagram);
    // Losing an arrow in flight (Shift+click, its context menu) records `drop #id`; a click inspects.
    connect(m_ladder, &LadderView::dropRequested, this,
            [this](tcpsim::Side side, std::uint64_t id) { m_controller->dropSegment(side, id); });
    connect(m_ladder, &LadderView::arrowClicked, this, &MainWindow::onArrowClicked);
    connect(m_ladder, &LadderView::animationFinished, this, &MainWindow::onAnimationFinished);

    setZoom(1.0);
    // 1280×720, or the screen's free area when that is smaller (a 1024×768 projector).
    resize(QSize(1280, 720).boundedTo(screen()->availableGeometry().size()));
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

QLabel *MainWindow::explanationLabel() const
{
    return m_banner->explanationLabel();
}

bool MainWindow::isChinese() const
{
    return QLocale().language() == QLocale::Chinese;
}

bool MainWindow::loadLesson(const QString &nameOrPath, QString *errorMessage)
{
    auto result = LessonLibrary::load(nameOrPath);
    if (auto *error = std::get_if<ScriptError>(&result)) {
        if (errorMessage)
            *errorMessage = LessonLibrary::errorText(*error);
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
    m_socketsView->clearSelection();
    m_controller->setLesson(std::move(std::get<Lesson>(result)));
    showSocketsForLesson(true);
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
    m_socketsView->clearSelection();
    m_controller->setLesson(std::move(lesson));
    showSocketsForLesson(true);
}

bool MainWindow::saveLesson(const QString &fileName, QString *errorMessage)
{
    QSaveFile file(fileName);
    // Qt's own text (translated only if Qt's translation is installed) inside our sentence.
    const auto failed = [&] {
        if (errorMessage)
            *errorMessage = tr("Cannot write the lesson to %1: %2").arg(QDir::toNativeSeparators(fileName), file.errorString());
        return false;
    };
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return failed();
    const std::string text = m_controller->lesson().toText();
    file.write(text.data(), static_cast<qint64>(text.size()));
    if (!file.commit())
        return failed();
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

bool MainWindow::exportPackets(const QString &fileName, QString *errorMessage)
{
    std::string error;
    if (tcpsim::writePcap(m_controller->simulation().events(), QFile::encodeName(fileName).toStdString(), &error))
        return true;
    if (errorMessage)
        *errorMessage = QString::fromStdString(error);
    return false;
}

void MainWindow::exportPacketsDialog()
{
    const QString fileName = QFileDialog::getSaveFileName(this, tr("Export packets for Wireshark"),
                                                          QStringLiteral("lesson.pcap"), tr("Packet captures (*.pcap)"));
    if (fileName.isEmpty())
        return;
    QString error;
    if (!exportPackets(fileName, &error))
        QMessageBox::warning(this, tr("Cannot export the packets"), error);
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
    // Every view shows the step's end state once its animation is over.
    updateStateDiagram();
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
    m_logModel->syncModelRows(sim.events(), m_controller->eventBoundaryView());
    m_clientPane->updateFrom(sim);
    m_serverPane->updateFrom(sim);
    m_socketsView->updateFrom(*m_controller);
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
    updateLivePort();
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
        taken.append({transition.side, transition.from, transition.to, transition.timer, transition.rule});
    m_stateDiagram->setTaken(taken);
    applySelectedSocketState();
}

void MainWindow::updateExplanation()
{
    m_banner->showStep(*m_controller,
                       isChinese() ? ExplanationBanner::Language::Chinese : ExplanationBanner::Language::English,
                       numberStyle());
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
    if (verb == Verb::Listen && side == Side::Server) {
        // The Sockets view's backlog setting applies at this listen().
        m_controller->perform(SocketActions::listen(m_socketsView->backlog()));
        return;
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
    // An outside connection's row belongs to no step of the lesson.
    const TransitionLogRow &row = m_logModel->row(rows.first().row());
    m_ladder->setHighlightedStep(row.outside ? -1 : row.step);
}

void MainWindow::setNumberStyle(NumberStyle style)
{
    m_ladder->setNumberStyle(style);
    updateExplanation();
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
    steadyPlayButton();
    // Compact log rows (the text's height and a little air), so more of the steps fit.
    if (m_logView)
        m_logView->verticalHeader()->setDefaultSectionSize(QFontMetrics(f).height() + 8);
}

QImage MainWindow::renderImage(const QSize &size)
{
    m_ladder->finishAnimation();
    // The live pair does the steps it can do at once; while it then waits for the kernel (the
    // delayed ACK of a FIN: ~40 ms on loopback) the window lays itself out.
    if (m_live->isEnabled())
        m_live->waitUntilIdleOrWaitingOnKernel(20000);
    setAttribute(Qt::WA_DontShowOnScreen, true);
    if (m_presenting)
        setWindowState(Qt::WindowNoState); // the asked size, not the (offscreen) screen's
    resize(size);
    show();
    QCoreApplication::processEvents();
    if (m_presenting)
        applyPresentationLayout();
    else
        applyDefaultDockSizes();
    if (m_inspector->hasSegment() && !m_presenting) {
        // The inspector screenshot: give the header diagram room to its last row.
        const int column = height() - menuBar()->height() - m_toolBar->height();
        resizeDocks({m_stateDock, m_inspectorDock}, {column * 52 / 100, column * 48 / 100}, Qt::Vertical);
    }
    QCoreApplication::processEvents();
    if (layout())
        layout()->activate();
    QCoreApplication::processEvents();
    // The live pair catches up while the window lays itself out (the passes above run its
    // event loop): only what is left of its waiting (a delayed ACK) comes on top.
    if (m_live->isEnabled() && !m_live->waitUntilIdle(20000))
        statusBar()->showMessage(tr("The live pair did not settle in time; its rows may be incomplete."));
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
    // A settings file is text anyone can edit: every value is checked, and a bad one means the
    // default (never NaN, a negative speed or a style that does not exist).
    bool ok = false;
    const double zoom = settings.value(QStringLiteral("view/zoom"), 1.0).toDouble(&ok);
    setZoom(ok && std::isfinite(zoom) ? zoom : 1.0);
    const int numbers = settings.value(QStringLiteral("view/numbers"), int(NumberStyle::Symbolic)).toInt(&ok);
    const bool knownStyle = ok && (numbers == int(NumberStyle::Absolute) || numbers == int(NumberStyle::Relative)
                                   || numbers == int(NumberStyle::Symbolic));
    setNumberStyle(knownStyle ? static_cast<NumberStyle>(numbers) : NumberStyle::Symbolic);
    const int speedIndex = m_speedPicker->findData(settings.value(QStringLiteral("view/speed"), 1.0).toDouble());
    m_speedPicker->setCurrentIndex(speedIndex >= 0 ? speedIndex : m_speedPicker->findData(1.0));
    m_serverPane->autoReplyBox()->setChecked(settings.value(QStringLiteral("server/autoReply"), true).toBool());
#ifdef Q_OS_LINUX
    const bool liveByDefault = true;
#else
    const bool liveByDefault = false;
#endif
    setLiveEnabled(settings.value(QStringLiteral("live/enabled"), liveByDefault).toBool());
    // The lesson and step where the class left off; a lesson that no longer loads (moved,
    // edited, not a lesson) falls back to the default one, and the status bar says why.
    const QString lesson = settings.value(QStringLiteral("lesson/last")).toString();
    if (lesson.isEmpty())
        return;
    QString error;
    if (!loadLesson(lesson, &error)) {
        statusBar()->showMessage(tr("Could not reopen the last lesson: %1").arg(error));
        return;
    }
    const int step = settings.value(QStringLiteral("lesson/step"), 0).toInt(&ok);
    if (ok && step > 0 && step <= m_controller->stepCount())
        goToStep(step);
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
    if (!m_lessonName.isEmpty()) {
        settings.setValue(QStringLiteral("lesson/last"), m_lessonName);
        settings.setValue(QStringLiteral("lesson/step"), m_controller->currentStep());
    }
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
    updateLivePort();
    if (!on)
        statusBar()->showMessage(tr("Live pair off: the steps are no longer done on real sockets."), 5000);
}

void MainWindow::setLivePort(quint16 port)
{
    m_live->setServerPort(port);
}

void MainWindow::showShortcuts()
{
    if (!m_shortcutsDialog)
        m_shortcutsDialog = new ShortcutsDialog(this);
    m_shortcutsDialog->show();
    m_shortcutsDialog->raise();
    m_shortcutsDialog->activateWindow();
}

void MainWindow::updateLivePort()
{
    const live::LiveServer *server = m_live->session()->server();
    m_ladder->setLiveServerPort(m_live->isEnabled() && server->isListening() ? server->serverPort() : 0);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_policy == SettingsPolicy::Remember)
        writeSettings();
    event->accept();
}
