// SPDX-License-Identifier: GPL-3.0-or-later
// View → High contrast: black on white and darker side colours, for a washed-out projector.
#include "mainwindow.h"

#include "tcpsim/render/appstyle.h"

#include <QAction>
#include <QApplication>
#include <QMenu>

void MainWindow::createPaletteAction()
{
    m_highContrastAction = new QAction(this);
    m_highContrastAction->setCheckable(true);
    m_highContrastAction->setChecked(AppStyle::isHighContrast(QApplication::palette()));
    connect(m_highContrastAction, &QAction::toggled, this, &MainWindow::setHighContrast);
}

void MainWindow::retranslatePaletteAction()
{
    m_highContrastAction->setText(tr("&High contrast"));
    m_highContrastAction->setToolTip(tr("Black on white with darker client and server colours, for a projector "
                                        "that washes colours out"));
}

void MainWindow::setHighContrast(bool on)
{
    if (on == AppStyle::isHighContrast(QApplication::palette())) {
        m_highContrastAction->setChecked(on);
        return;
    }
    if (on) {
        m_paletteBeforeContrast = QApplication::palette();
        QApplication::setPalette(AppStyle::highContrastPalette());
    } else {
        QApplication::setPalette(m_paletteBeforeContrast);
    }
    m_highContrastAction->setChecked(on);
}
