// SPDX-License-Identifier: GPL-3.0-or-later
// The Sockets dock (issue 12 §2-§4): the free-mode controls for many clients (Add client, Remove
// client, Accept, the backlog of the next listen(), the server's program) above the drawing of
// the listen queues and the descriptor tables (SocketsCanvas). Each control asks for a script
// command (SocketActions); the window runs it through LessonController::perform, so Back undoes
// it exactly and File → Save keeps it.
#pragma once

#include "socketscanvas.h"

#include "tcpsim/model/scriptparser.h"

#include <QWidget>

#include <optional>

class LessonController;
class QComboBox;
class QLabel;
class QPushButton;
class QScrollArea;
class QSpinBox;

class SocketsView : public QWidget
{
    Q_OBJECT

public:
    explicit SocketsView(QWidget *parent = nullptr);

    // After every step: the snapshot of the controller's simulation, the controls' state.
    void updateFrom(const LessonController &controller);
    // A new lesson: nothing selected.
    void clearSelection();

    SocketsCanvas *canvas() const { return m_canvas; }
    QScrollArea *scrollArea() const { return m_scroll; }
    tcpsim::SocketId selectedSocket() const { return m_canvas->selectedSocket(); }
    // The backlog the server's next listen() uses (the Server pane's Listen button).
    int backlog() const;
    QPushButton *addClientButton() const { return m_addClient; }
    QPushButton *removeClientButton() const { return m_removeClient; }
    QPushButton *acceptButton() const { return m_accept; }
    QSpinBox *backlogBox() const { return m_backlog; }
    QComboBox *designPicker() const { return m_design; }

signals:
    // A free-mode control asks for this command at the current position.
    void commandRequested(const tcpsim::Command &command);
    // A slot or a descriptor row was clicked (0: the selection was cleared).
    void selectionChanged(tcpsim::SocketId socket);

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override; // this step's changes stay in view

private:
    void retranslate();

    SocketsCanvas *m_canvas = nullptr;
    QScrollArea *m_scroll = nullptr;
    QPushButton *m_addClient = nullptr;
    QPushButton *m_removeClient = nullptr;
    QPushButton *m_accept = nullptr;
    QLabel *m_backlogLabel = nullptr;
    QSpinBox *m_backlog = nullptr;
    QLabel *m_designLabel = nullptr;
    QComboBox *m_design = nullptr;
    void updateControls();
    void revealChanges(); // scrolls this step's changes into view
    std::optional<tcpsim::HostId> clientToRemove() const;

    const LessonController *m_controller = nullptr; // the window's, set by updateFrom()
};
