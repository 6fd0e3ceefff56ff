// SPDX-License-Identifier: GPL-3.0-or-later
// Lesson → TCP profile: whose TCP the model plays. The tool bar has no room left at 1024×768,
// so the choice lives in the Lesson menu and the state diagram's title names the profile in use.
#include "mainwindow.h"

#include "tcpsim/session/lessoncontroller.h"

#include <QActionGroup>
#include <QDockWidget>
#include <QMenu>

using namespace tcpsim;

void MainWindow::createProfileMenu()
{
    m_profileMenu = m_lessonMenu->addMenu(QString());
    m_profileGroup = new QActionGroup(this);
    m_profileFromLesson = m_profileGroup->addAction(QString());
    m_profileRfc = m_profileGroup->addAction(QString());
    m_profileLinux = m_profileGroup->addAction(QString());
    for (QAction *action : m_profileGroup->actions()) {
        action->setCheckable(true);
        m_profileMenu->addAction(action);
    }
    m_profileFromLesson->setChecked(true);
    connect(m_profileGroup, &QActionGroup::triggered, this, [this](QAction *action) {
        if (action == m_profileRfc)
            setProfileChoice(Profile::Rfc9293);
        else if (action == m_profileLinux)
            setProfileChoice(Profile::Linux);
        else
            setProfileChoice(std::nullopt);
    });
    connect(m_controller, &LessonController::lessonChanged, this, &MainWindow::updateProfileTitle);
}

void MainWindow::retranslateProfileMenu()
{
    m_profileMenu->setTitle(tr("TCP &profile"));
    m_profileFromLesson->setText(tr("As the lesson says"));
    m_profileFromLesson->setToolTip(tr("The lesson's \"# profile:\" line chooses; RFC 9293 without one"));
    m_profileRfc->setText(tr("RFC 9293 (the textbook)"));
    m_profileLinux->setText(tr("Linux (the kernel on loopback)"));
    m_profileLinux->setToolTip(tr("SYN options and timestamps, scaled windows, a delayed ACK of a FIN, "
                                  "RST,ACK on abort, TIME-WAIT fixed at 60 s"));
    updateProfileTitle();
}

Profile MainWindow::effectiveProfile() const
{
    return m_controller->simulation().config().profile;
}

void MainWindow::setProfileChoice(std::optional<Profile> profile)
{
    m_profileChoice = profile;
    QAction *checked = !profile ? m_profileFromLesson : *profile == Profile::Linux ? m_profileLinux : m_profileRfc;
    checked->setChecked(true);
    SimulationConfig config = m_controller->baseConfig();
    config.profile = profile.value_or(Profile::Rfc9293);
    config.profileOverridesLesson = profile.has_value();
    m_controller->setBaseConfig(config);
    // The same lesson from its start: its steps mean something else under the other profile.
    if (effectiveProfile() != (config.profileOverridesLesson
                                   ? config.profile
                                   : m_controller->lesson().profile.value_or(config.profile))) {
        setPlaying(false);
        m_controller->setLesson(m_controller->lesson());
    }
    updateProfileTitle();
}

void MainWindow::updateProfileTitle()
{
    // The diagram is RFC 9293's Figure 5 under both profiles; the title says whose TCP moves on it.
    m_stateDock->setWindowTitle(effectiveProfile() == Profile::Linux
                                    ? tr("State diagram (RFC 9293) · Linux profile")
                                    : tr("State diagram (RFC 9293)"));
}
