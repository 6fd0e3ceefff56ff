// SPDX-License-Identifier: GPL-3.0-or-later
// The classroom window: the ladder diagram in the middle with the explanation of the step above
// it; the state diagram, the transition log and the segment inspector on the right; the client's
// and the server's applications below. Docks can be moved; the layout is remembered.
#pragma once

#include "tcpsim/session/lessoncontroller.h"
#include "tcpsim/session/numberformat.h"

#include <QMainWindow>

class ExplanationBanner;
class InspectorView;
class LadderView;
class LiveMirror;
class LivePane;
class QAction;
class QActionGroup;
class QComboBox;
class QDockWidget;
class QLabel;
class QMenu;
class QTableView;
class QTimer;
class ShortcutsDialog;
class SidePane;
class SocketsView;
class StateDiagram;
class TransitionLogModel;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    enum class SettingsPolicy { Remember, Ignore };
    enum class Presenting { Off, On };

    explicit MainWindow(QWidget *parent = nullptr);
    explicit MainWindow(SettingsPolicy policy, QWidget *parent = nullptr);
    ~MainWindow() override;

    // A built-in lesson name ("handshake") or a file path. On failure the current lesson stays and
    // `errorMessage` says why ("FILE:LINE:COLUMN: message").
    bool loadLesson(const QString &nameOrPath, QString *errorMessage = nullptr);
    // Like loadLesson, but a failure opens a dialog naming file:line:column.
    bool openLesson(const QString &nameOrPath);
    bool saveLesson(const QString &fileName, QString *errorMessage = nullptr);
    void newFreeSession();

    // Plays steps without animation (screenshots, tests).
    void goToStep(int step);
    void setAnimated(bool on) { m_animated = on; }
    void setNumberStyle(NumberStyle style);
    NumberStyle numberStyle() const;
    // Shows the segment with this id (1-based send order) in the inspector.
    bool inspectSegment(std::uint64_t id);
    void setZoom(double zoom);
    double zoom() const { return m_zoom; }
    // Presentation mode (F5; Esc leaves): only the ladder, the explanation and the state diagram,
    // full screen, type scaled to the screen; leaving restores the layout and geometry exactly.
    void setPresenting(Presenting presenting);
    bool isPresenting() const { return m_presenting; }
    QAction *presentAction() const { return m_presentAction; }
    QToolBar *presentationToolBar() const { return m_presentationBar; }
    // Renders the window at `size` without showing it on screen.
    QImage renderImage(const QSize &size);
    // The lesson's segments up to the current step as a pcap file. False with `errorMessage`.
    bool exportPackets(const QString &fileName, QString *errorMessage);

    LessonController *controller() const { return m_controller; }
    LadderView *ladder() const { return m_ladder; }
    StateDiagram *stateDiagram() const { return m_stateDiagram; }
    TransitionLogModel *logModel() const { return m_logModel; }
    QTableView *logView() const { return m_logView; }
    InspectorView *inspector() const { return m_inspector; }
    SidePane *pane(tcpsim::Side side) const;
    QLabel *explanationLabel() const;
    QComboBox *lessonPicker() const { return m_lessonPicker; }
    QAction *stepAction() const { return m_stepAction; }
    QAction *backAction() const { return m_backAction; }
    QAction *resetAction() const { return m_resetAction; }
    QAction *playAction() const { return m_playAction; }
    QAction *shortcutsAction() const { return m_shortcutsAction; }
    QToolBar *toolBar() const { return m_toolBar; }
    bool isPlaying() const;
    QString currentLessonName() const { return m_lessonName; }

    // The live loopback pair: mirrors every step on a real QTcpServer/QTcpSocket pair and adds
    // Qt's and the kernel's states to the log. Remembered; on by default on Linux when the
    // window remembers its settings, off otherwise (tests, screenshots) unless asked for.
    bool isLiveEnabled() const;
    void setLiveEnabled(bool on);
    // The live server's port (default 3267, 0 = any free port); set it before the listen step.
    void setLivePort(quint16 port);
    LiveMirror *liveMirror() const { return m_live; }
    LivePane *livePane() const { return m_livePane; }
    QDockWidget *liveDock() const { return m_liveDock; }
    QAction *liveAction() const { return m_liveAction; }
    // The Sockets dock (a tab beside the log): the listen queues, the descriptor tables and the
    // free-mode controls for many clients; shown by itself for lessons with many sockets.
    SocketsView *socketsView() const { return m_socketsView; }
    QDockWidget *socketsDock() const { return m_socketsDock; }
    // Brings a tab of the right-hand docks to the front: "log", "inspector", "live" or
    // "sockets" (--tab); false for another name.
    bool raiseTab(const QString &name);

    // Whose TCP the model plays (Lesson → TCP profile, --profile): nullopt = as the lesson's
    // "# profile:" line says, RFC 9293 without one. A change restarts the lesson under it.
    void setProfileChoice(std::optional<tcpsim::Profile> profile);
    // View → High contrast (and --palette contrast): the application's palette.
    void setHighContrast(bool on);
    tcpsim::Profile effectiveProfile() const;

public slots:
    void step();
    void back();
    void reset();
    void togglePlay();

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void createActions();
    void createProfileMenu();
    void createPaletteAction();
    void retranslatePaletteAction();
    void retranslateProfileMenu();
    void updateProfileTitle();
    void createPresentationActions();
    void applyPresentationLayout();
    void restoreLayoutAfterPresentation();
    // Ctrl +/-: the window's zoom; in presentation mode the ladder's content only.
    void zoomBy(double factor);
    void resetZoom();
    void createToolBar();
    void createDocks();
    void createMenus();
    void applyDefaultDockSizes();
    void retranslate();
    void steadyPlayButton();
    void showShortcuts();
    // The live server's real port in the ladder's header (3267 may have been taken).
    void updateLivePort();
    void populateLessonPicker();
    // mainwindowsockets.cpp
    void createSocketsDock();
    void showSocketsForLesson(bool newLesson);
    void raiseSocketsTab();
    void raiseDock(QDockWidget *dock);
    void applySelectedSocketState();
    void onSocketSelected(tcpsim::SocketId socket);
    void readSettings();
    void writeSettings() const;

    void onStepped(LessonController::Direction direction);
    void updateStateDiagram();
    void updateExplanation();
    void updateActions();
    void onArrowClicked(int index);
    void showArrowInInspector(int index);
    void onPaneAction(tcpsim::Side side, int action);
    void onLogSelection();
    void onAnimationFinished();
    void openLessonDialog();
    void saveLessonDialog();
    void saveLogDialog();
    void exportPacketsDialog();
    void setPlaying(bool on);
    bool isChinese() const;

    // The lesson picker's entry for free play.
    static constexpr const char *freeSessionName = "";

    SettingsPolicy m_policy = SettingsPolicy::Remember;
    LessonController *m_controller = nullptr;
    LadderView *m_ladder = nullptr;
    StateDiagram *m_stateDiagram = nullptr;
    TransitionLogModel *m_logModel = nullptr;
    QTableView *m_logView = nullptr;
    InspectorView *m_inspector = nullptr;
    SidePane *m_clientPane = nullptr;
    SidePane *m_serverPane = nullptr;
    ExplanationBanner *m_banner = nullptr;
    QComboBox *m_lessonPicker = nullptr;
    QComboBox *m_speedPicker = nullptr;
    QComboBox *m_numberPicker = nullptr;
    QLabel *m_speedLabel = nullptr;
    QLabel *m_numbersLabel = nullptr;
    QTimer *m_playTimer = nullptr;
    QDockWidget *m_stateDock = nullptr;
    QDockWidget *m_logDock = nullptr;
    QDockWidget *m_inspectorDock = nullptr;
    QDockWidget *m_clientDock = nullptr;
    QDockWidget *m_serverDock = nullptr;
    QDockWidget *m_liveDock = nullptr;
    LiveMirror *m_live = nullptr;
    LivePane *m_livePane = nullptr;
    QAction *m_liveAction = nullptr;
    SocketsView *m_socketsView = nullptr;
    QDockWidget *m_socketsDock = nullptr;
    QString m_chosenTab; // raiseTab()'s: kept in front when the docks are laid out again
    bool m_socketsShownForLesson = false; // shown by the lesson, not by the View menu
    std::optional<tcpsim::Profile> m_profileChoice;
    QMenu *m_profileMenu = nullptr;
    QActionGroup *m_profileGroup = nullptr;
    QAction *m_profileFromLesson = nullptr;
    QAction *m_profileRfc = nullptr;
    QAction *m_profileLinux = nullptr;
    QAction *m_highContrastAction = nullptr;
    QPalette m_paletteBeforeContrast;

    QAction *m_newAction = nullptr;
    QAction *m_openAction = nullptr;
    QAction *m_saveAction = nullptr;
    QAction *m_saveLogAction = nullptr;
    QAction *m_exportPacketsAction = nullptr;
    QAction *m_exportLadderAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_stepAction = nullptr;
    QAction *m_backAction = nullptr;
    QAction *m_resetAction = nullptr;
    QAction *m_playAction = nullptr;
    QAction *m_fullScreenAction = nullptr;
    QAction *m_zoomInAction = nullptr;
    QAction *m_zoomOutAction = nullptr;
    QAction *m_zoomResetAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QAction *m_shortcutsAction = nullptr;
    ShortcutsDialog *m_shortcutsDialog = nullptr;
    QMenu *m_fileMenu = nullptr;
    QMenu *m_lessonMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QToolBar *m_toolBar = nullptr;
    QToolBar *m_presentationBar = nullptr;
    QAction *m_presentAction = nullptr;
    QAction *m_leavePresentationAction = nullptr;
    struct SavedLayout {
        QByteArray state;
        QRect geometry;
        Qt::WindowStates windowState;
        int bannerMinimumHeight = 0;
        bool menuBarVisible = true;
        bool statusBarVisible = true;
    };
    SavedLayout m_beforePresentation;
    bool m_presenting = false;
    bool m_restoreAfterLateResize = false;
    double m_presentationZoom = 1.0;

    QString m_lessonName;     // built-in name or file path of the loaded lesson
    double m_zoom = 1.0;
    bool m_animated = true;
    bool m_playing = false;
    bool m_layoutRestored = false;
};
