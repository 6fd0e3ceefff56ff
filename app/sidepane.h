// SPDX-License-Identifier: GPL-3.0-or-later
// One endpoint's pane: its application's view (what it received, a box to send a message) and
// the free-mode buttons (listen, connect, close, abort; deliver or drop the next segment it sent;
// fire its timer). The server pane also has the auto-reply switch.
#pragma once

#include "tcpsim/model/simulation.h"

#include <QWidget>

#include <string>
#include <vector>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

class SidePane : public QWidget
{
    Q_OBJECT

public:
    enum class Action { Listen, Connect, Close, Abort, Deliver, Drop, FireTimer };
    Q_ENUM(Action)

    explicit SidePane(tcpsim::Side side, QWidget *parent = nullptr);

    tcpsim::Side side() const { return m_side; }
    // Follows the simulation after a step: the recv() history grows with the new events (or
    // shrinks after Back), so a long lesson costs no more per step than a short one.
    void updateFrom(const tcpsim::Simulation &simulation);
    // The simulation is another one (a new or edited lesson): the next update reads it afresh.
    void forgetHistory();

    QLineEdit *messageEdit() const { return m_message; }
    QCheckBox *autoReplyBox() const { return m_autoReply; } // server only, nullptr for the client
    QPushButton *button(Action action) const;
    QString receivedText() const;
    // What each recv() call returned, in order (the pane shows them with a boundary between):
    // TCP is a byte stream, so one call may hold two send()s, or part of one.
    QStringList recvCalls() const;
    // The state line shown under the pane's title ("SYN-SENT · connect() is blocked").
    QString statusText() const;

signals:
    void actionRequested(SidePane::Action action);
    void sendRequested(const QString &message);
    void autoReplyToggled(bool on);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    tcpsim::Side m_side;
    QLabel *m_title = nullptr;
    QLabel *m_status = nullptr;
    QLineEdit *m_message = nullptr;
    QPushButton *m_sendButton = nullptr;
    QLabel *m_received = nullptr;
    struct RecvCall {
        std::size_t event = 0; // its index in the simulation's events
        std::string bytes;     // what it returned
    };
    void showRecvCalls();

    std::vector<RecvCall> m_recvCalls; // of every event before m_eventsSeen
    std::size_t m_eventsSeen = 0;
    QLabel *m_receivedLabel = nullptr;
    QCheckBox *m_autoReply = nullptr;
    QPushButton *m_buttons[7] = {};
};
