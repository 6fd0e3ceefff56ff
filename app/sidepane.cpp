// SPDX-License-Identifier: GPL-3.0-or-later
#include "sidepane.h"

#include "appstyle.h"

#include "tcpsim/session/printable.h"

#include <QCheckBox>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStyle>

#include <algorithm>

using namespace tcpsim;

namespace {
constexpr int buttonColumns = 4;

// A push button as wide as its text and the style's margins: without Fusion's 80-px floor, the
// two panes and the state diagram fit side by side in a 1024-pixel-wide window.
class TextWidthButton : public QPushButton
{
public:
    using QPushButton::QPushButton;
    QSize sizeHint() const override
    {
        QSize hint = QPushButton::sizeHint();
        const int margins = 2 * (style()->pixelMetric(QStyle::PM_ButtonMargin, nullptr, this)
                                 + style()->pixelMetric(QStyle::PM_DefaultFrameWidth, nullptr, this));
        hint.setWidth(std::min(hint.width(), fontMetrics().horizontalAdvance(text()) + margins + 8));
        return hint;
    }
    QSize minimumSizeHint() const override { return sizeHint(); }
};

// A one-line label that elides at the right instead of widening its dock: the panes' minimum
// width stays fixed whatever the status says (the full text is the tooltip).
class ElidingLabel : public QLabel
{
public:
    using QLabel::QLabel;
    QSize minimumSizeHint() const override
    {
        return {fontMetrics().horizontalAdvance(QStringLiteral("…")) * 3, QLabel::minimumSizeHint().height()};
    }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter painter(this);
        const QRect room = contentsRect();
        const QString shown = fontMetrics().elidedText(text(), Qt::ElideRight, room.width());
        style()->drawItemText(&painter, room, int(alignment() | Qt::AlignVCenter), palette(), isEnabled(), shown,
                              foregroundRole());
    }
};
} // namespace

SidePane::SidePane(Side side, QWidget *parent)
    : QWidget(parent)
    , m_side(side)
    , m_title(new QLabel(this))
    , m_status(new ElidingLabel(this))
    , m_message(new QLineEdit(this))
    , m_sendButton(new QPushButton(this))
    , m_received(new QLabel(this))
    , m_receivedLabel(new QLabel(this))
{
    setObjectName(side == Side::Client ? QStringLiteral("clientPane") : QStringLiteral("serverPane"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->setSpacing(6);

    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(m_title);
    titleRow->addWidget(m_status, 1);
    layout->addLayout(titleRow);

    // Socket calls on the first row, the network and the timer on the second.
    auto *buttons = new QGridLayout;
    buttons->setHorizontalSpacing(4);
    buttons->setVerticalSpacing(4);
    const Action actions[] = {Action::Listen, Action::Connect, Action::Close, Action::Abort,
                              Action::Deliver, Action::Drop, Action::FireTimer};
    int position = 0;
    for (Action action : actions) {
        auto *button = new TextWidthButton(this);
        button->setFocusPolicy(Qt::NoFocus);
        button->setAutoDefault(false);
        m_buttons[static_cast<int>(action)] = button;
        connect(button, &QPushButton::clicked, this, [this, action] { emit actionRequested(action); });
        buttons->addWidget(button, position / buttonColumns, position % buttonColumns);
        ++position;
    }
    // The server's auto-reply switch sits next to the reply it replaces (in the grid its text
    // would widen a column).
    if (side == Side::Server) {
        m_autoReply = new QCheckBox(this);
        m_autoReply->setChecked(true);
        m_autoReply->setFocusPolicy(Qt::NoFocus);
        connect(m_autoReply, &QCheckBox::toggled, this, &SidePane::autoReplyToggled);
    }
    for (int column = 0; column < buttonColumns; ++column)
        buttons->setColumnStretch(column, 1);
    layout->addLayout(buttons);

    auto *sendRow = new QHBoxLayout;
    sendRow->addWidget(m_message, 1);
    sendRow->addWidget(m_sendButton);
    if (m_autoReply)
        sendRow->addWidget(m_autoReply);
    layout->addLayout(sendRow);
    auto submit = [this] {
        const QString text = m_message->text();
        if (text.isEmpty())
            return;
        emit sendRequested(text);
        m_message->clear();
    };
    connect(m_message, &QLineEdit::returnPressed, this, submit);
    connect(m_sendButton, &QPushButton::clicked, this, submit);
    m_sendButton->setAutoDefault(false);

    auto *receivedRow = new QHBoxLayout;
    receivedRow->addWidget(m_receivedLabel);
    m_received->setTextFormat(Qt::PlainText);
    m_received->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_received->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    receivedRow->addWidget(m_received, 1);
    layout->addLayout(receivedRow);
    layout->addStretch(1);
    retranslate();
}

QPushButton *SidePane::button(Action action) const
{
    return m_buttons[static_cast<int>(action)];
}

QString SidePane::receivedText() const
{
    // The model's application reads every byte as it arrives: the recv() calls hold them all.
    std::string bytes;
    for (const RecvCall &call : m_recvCalls)
        bytes += call.bytes;
    return QString::fromStdString(bytes);
}

namespace {
QString shownCall(const std::string &bytes)
{
    // Escaped (bytes from a client may be anything), line breaks as ↵ to keep one line.
    return Printable::bytes(bytes, Printable::LineBreaks::Keep).replace(QLatin1Char('\n'), QChar(0x21b5));
}
} // namespace

QStringList SidePane::recvCalls() const
{
    QStringList calls;
    for (const RecvCall &call : m_recvCalls)
        calls.append(shownCall(call.bytes));
    return calls;
}

void SidePane::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    if (event->type() == QEvent::PaletteChange) {
        QPalette titlePalette = m_title->palette();
        titlePalette.setColor(QPalette::WindowText, AppStyle::sideColor(m_side, palette()));
        m_title->setPalette(titlePalette);
    }
}

void SidePane::retranslate()
{
    const bool client = m_side == Side::Client;
    m_title->setText(QStringLiteral("<b>%1</b>").arg(client ? tr("Client application") : tr("Server application")));
    QPalette titlePalette = m_title->palette();
    titlePalette.setColor(QPalette::WindowText, AppStyle::sideColor(m_side, palette()));
    m_title->setPalette(titlePalette);

    button(Action::Listen)->setText(tr("Listen"));
    button(Action::Listen)->setToolTip(tr("listen(): open passively and wait for a SYN"));
    button(Action::Connect)->setText(tr("Connect"));
    button(Action::Connect)->setToolTip(tr("connect(): send a SYN to the peer"));
    button(Action::Close)->setText(tr("Close"));
    button(Action::Close)->setToolTip(tr("close(): send a FIN when the data is sent"));
    button(Action::Abort)->setText(tr("Abort"));
    button(Action::Abort)->setToolTip(tr("abort(): send a RST and forget the connection"));
    button(Action::Deliver)->setText(client ? tr("Deliver →") : tr("← Deliver"));
    button(Action::Deliver)->setToolTip(client ? tr("The oldest segment in flight from the client reaches the server")
                                               : tr("The oldest segment in flight from the server reaches the client"));
    button(Action::Drop)->setText(tr("Drop ✕"));
    button(Action::Drop)->setToolTip(tr("The network loses the oldest segment in flight from this side"));
    button(Action::FireTimer)->setText(tr("Timer"));
    button(Action::FireTimer)->setToolTip(tr("Fire this side's next timer (retransmission or TIME-WAIT)"));
    m_message->setPlaceholderText(client ? tr("Message to the server (Enter)")
                                         : tr("Reply to the client (Enter)"));
    m_message->setToolTip(client ? tr("client send: the client application writes this message")
                                 : tr("server send: the server application writes this reply"));
    m_sendButton->setText(tr("Send"));
    m_receivedLabel->setText(client ? tr("recv() got:") : tr("recv() got:"));
    m_received->setToolTip(tr("What each recv() call returned, separated by │. TCP is a byte stream: it keeps "
                              "the bytes in order but not the boundaries between send() calls, so one recv() "
                              "may return two messages, or part of one."));
    if (m_autoReply) {
        m_autoReply->setText(tr("Auto-reply"));
        m_autoReply->setToolTip(tr("Like the echo server of the notes: answer each message with \"Hello, <message>\""));
    }
}

QString SidePane::statusText() const
{
    return m_status->text();
}

void SidePane::updateFrom(const Simulation &simulation)
{
    const Endpoint &endpoint = simulation.endpoint(m_side);
    QString status = QString::fromLatin1(stateName(endpoint.state()));
    if (endpoint.awaitingAccept())
        status += QStringLiteral(" · ") + tr("waiting in the accept queue");
    else if (m_side == Side::Client && endpoint.state() == TcpState::SynSent)
        status += QStringLiteral(" · ") + tr("connect() is blocked");
    if (endpoint.endOfStream())
        status += QStringLiteral(" · ") + tr("recv() returned 0");
    m_status->setText(status);
    m_status->setToolTip(status);

    // Back: the calls of the undone steps go; forward: the new events' calls are added.
    const auto &events = simulation.events();
    while (!m_recvCalls.empty() && m_recvCalls.back().event >= events.size())
        m_recvCalls.pop_back();
    m_eventsSeen = std::min(m_eventsSeen, events.size());
    for (; m_eventsSeen < events.size(); ++m_eventsSeen) {
        const Event &event = events[m_eventsSeen];
        if (event.kind == EventKind::Return && event.call == Call::Recv && event.side == m_side && !event.text.empty())
            m_recvCalls.push_back({m_eventsSeen, event.text});
    }
    showRecvCalls();

    const bool inFlight = !simulation.inFlight(m_side).empty();
    button(Action::Deliver)->setEnabled(inFlight);
    button(Action::Drop)->setEnabled(inFlight);
    button(Action::FireTimer)->setEnabled(simulation.nextTimer(m_side).has_value());
}

void SidePane::forgetHistory()
{
    m_recvCalls.clear();
    m_eventsSeen = 0;
}

void SidePane::showRecvCalls()
{
    // One piece per recv() call that returned data, with a visible boundary: "hi │ still here │
    // bye", not "histill herebye". The newest bytes matter most: elided at the start, and only
    // the calls that can fit are escaped and measured (a character is at least a pixel wide).
    const int width = std::max(80, m_received->width());
    const qsizetype budget = qsizetype(width) * 2;
    const QString boundary = QStringLiteral(" │ ");
    QStringList tail;
    qsizetype length = 0;
    for (auto call = m_recvCalls.rbegin(); call != m_recvCalls.rend() && length <= budget; ++call) {
        const QString piece = shownCall(call->bytes.size() > std::size_t(budget) * 4
                                            ? call->bytes.substr(call->bytes.size() - std::size_t(budget) * 4)
                                            : call->bytes);
        tail.prepend(piece);
        length += piece.size() + boundary.size();
    }
    const QString shown = m_received->fontMetrics().elidedText(tail.join(boundary), Qt::ElideLeft, width);
    m_received->setText(shown.isEmpty() ? tr("(nothing yet)") : shown);
}
