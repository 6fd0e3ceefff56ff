// SPDX-License-Identifier: GPL-3.0-or-later
// The Live dock: where the live server really listens (and why not on 3267, if it was taken), a
// warning when it is reachable from other machines, each side's latest kernel state next to the
// model's ("kernel: CLOSE-WAIT (held)"), and the server pane: every socket on the server's port
// — the listening socket with its accept queue, the connected sockets accept() returned with
// their descriptors, connections still in the accept queue, kernel-only rows such as TIME-WAIT —
// from the lesson or from outside (nc 127.0.0.1 3267).
#pragma once

#include "tcpsim/model/state.h"

#include <QWidget>

class LessonController;
class LiveMirror;
class QLabel;
class QTableView;

namespace tcpsim::live {
class ServerPaneModel;
}

class LivePane : public QWidget
{
    Q_OBJECT

public:
    LivePane(LiveMirror *mirror, LessonController *controller, QWidget *parent = nullptr);

    tcpsim::live::ServerPaneModel *serverModel() const { return m_serverModel; }
    QTableView *serverView() const { return m_serverView; }
    // "where it listens" line, and each side's "model: X · kernel: Y" (for tests and screenshots).
    QString statusText() const;
    QString sideText(tcpsim::Side side) const;
    bool isWarningShown() const;

public slots:
    void refresh();

protected:
    void changeEvent(QEvent *event) override;

private:
    QString kernelText(tcpsim::Side side) const;
    void retranslate();

    LiveMirror *m_mirror = nullptr;
    LessonController *m_controller = nullptr;
    tcpsim::live::ServerPaneModel *m_serverModel = nullptr;
    QLabel *m_warning = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_sideTitles[2] = {};
    QLabel *m_sideStates[2] = {};
    QLabel *m_behind = nullptr;
    QLabel *m_tableTitle = nullptr;
    QLabel *m_counters = nullptr; // the kernel's listen-queue counters since listen()
    QTableView *m_serverView = nullptr;
    QString m_serverMessage;
};
