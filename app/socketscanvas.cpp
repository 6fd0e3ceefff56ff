// SPDX-License-Identifier: GPL-3.0-or-later
#include "socketscanvas.h"

#include "appstyle.h"
#include "tcpsim/render/roundedbox.h"

#include <QEvent>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

using namespace tcpsim;

namespace {
constexpr int margin = 8;
constexpr int gap = 6;
constexpr int slotsPerRowMax = 8; // more slots than this: the rest summed up in one ("+ 90 free")

QString hostText(HostId host)
{
    return QString::fromStdString(hostName(host));
}

QString stateText(TcpState state)
{
    const std::string_view name = stateName(state);
    return QString::fromUtf8(name.data(), qsizetype(name.size()));
}

QString refusalText(const SocketsSnapshot::Refusal &refusal)
{
    switch (refusal.rule) {
    case Rule::AcceptQueueSynDropped: return SocketsCanvas::tr("SYN dropped: accept queue full");
    case Rule::AcceptQueueAckIgnored: return SocketsCanvas::tr("final ACK ignored: accept queue full");
    case Rule::AcceptQueueAckReset: return SocketsCanvas::tr("final ACK answered with RST: accept queue full");
    case Rule::SynQueueSynDropped: return SocketsCanvas::tr("SYN dropped: SYN queue full");
    case Rule::SynQueueCookie: return SocketsCanvas::tr("SYN cookie sent: SYN queue full, no entry kept");
    default: return {};
    }
}

bool isDrop(const SocketsSnapshot::Refusal &refusal)
{
    return refusal.rule != Rule::SynQueueCookie;
}
} // namespace

SocketsCanvas::SocketsCanvas(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("socketsCanvas"));
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
    setMouseTracking(false);
}

void SocketsCanvas::setSnapshot(SocketsSnapshot snapshot)
{
    m_snapshot = std::move(snapshot);
    relayout();
}

void SocketsCanvas::setSelectedSocket(SocketId socket)
{
    if (m_selected == socket)
        return;
    m_selected = socket;
    update();
}

const SocketsCanvas::Item *SocketsCanvas::row(HostId host, int fd) const
{
    for (const Item &item : m_items)
        if (item.kind == Item::Kind::Row && item.host == host && item.fd == fd)
            return &item;
    return nullptr;
}

const SocketsCanvas::Item *SocketsCanvas::slot(Item::Queue queue, int index) const
{
    int seen = 0;
    for (const Item &item : m_items) {
        if (item.kind == Item::Kind::Slot && item.queue == queue && seen++ == index)
            return &item;
    }
    return nullptr;
}

QRect SocketsCanvas::changesRect() const
{
    QRect queues;
    QRect rows;
    for (const Item &item : m_items) {
        const bool queueChange = item.kind == Item::Kind::RefusalMark || item.kind == Item::Kind::Refusal
            || (item.kind == Item::Kind::Slot && item.changed);
        if (queueChange)
            queues = queues.united(item.rect);
        else if (item.kind == Item::Kind::Row && item.changed)
            rows = rows.united(item.rect);
    }
    return queues.isNull() ? rows : queues;
}

QSize SocketsCanvas::sizeHint() const
{
    return {360, heightForWidth(360)};
}

int SocketsCanvas::heightForWidth(int width) const
{
    return layoutItems(width, nullptr);
}

void SocketsCanvas::relayout()
{
    m_items.clear();
    const int height = layoutItems(width(), &m_items);
    setMinimumHeight(height);
    updateGeometry();
    update();
}

void SocketsCanvas::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    relayout();
}

void SocketsCanvas::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::LanguageChange)
        relayout();
}

int SocketsCanvas::layoutItems(int width, QList<Item> *items) const
{
    QList<Item> local;
    QList<Item> *out = items ? items : &local;
    int y = margin;
    y = layoutQueues(width, y, out);
    y = layoutTables(width, y + gap, out);
    return y + margin;
}

int SocketsCanvas::layoutQueues(int width, int y, QList<Item> *items) const
{
    const QFontMetrics metrics(font());
    const int line = metrics.height() + 4;
    const int inner = std::max(width - 2 * margin, 120);
    auto text = [&](Item::Kind kind, const QString &content, const QString &tip = {}) {
        // Long lines wrap (never elided): as many lines as the text needs at this width.
        const QRect needed = metrics.boundingRect(QRect(0, 0, inner, 10000), Qt::TextWordWrap, content);
        Item item;
        item.kind = kind;
        item.text = content;
        item.toolTip = tip;
        item.rect = QRect(margin, y, inner, std::max(line, needed.height() + 4));
        items->append(item);
        y += item.rect.height();
    };

    if (!m_snapshot.listener) {
        text(Item::Kind::Text, tr("No listening socket yet: the server's listen() makes one."));
        return y;
    }
    const SocketsSnapshot::Listener &listener = *m_snapshot.listener;
    text(Item::Kind::Text,
         tr("fd %1 listens on port %2 · backlog %3 · somaxconn %4")
             .arg(listener.fd)
             .arg(listener.port)
             .arg(listener.backlog)
             .arg(m_snapshot.somaxconn),
         tr("listen(fd, backlog) caps the backlog at net.core.somaxconn; the listening socket stays in LISTEN "
            "while connected sockets come and go."));
    if (listener.blockedAccepts > 0)
        text(Item::Kind::Text, tr("accept() is blocked: it returns when a handshake completes"));

    const int slotWidth = std::max(metrics.horizontalAdvance(QStringLiteral("client9")) + 16, inner / slotsPerRowMax);
    const int slotHeight = metrics.height() + 10;
    auto queue = [&](Item::Queue which, const std::vector<SocketsSnapshot::QueueSlot> &entries, int capacity) {
        const int drawn = std::min(capacity, slotsPerRowMax);
        int x = margin;
        auto place = [&](Item item) {
            if (x + item.rect.width() > margin + inner && x > margin) {
                x = margin;
                y += slotHeight + 4;
            }
            item.rect.moveTo(x, y);
            x += item.rect.width() + 4;
            items->append(item);
        };
        for (int i = 0; i < drawn || i < int(entries.size()); ++i) {
            Item item;
            item.kind = Item::Kind::Slot;
            item.queue = which;
            item.rect = QRect(0, 0, slotWidth, slotHeight);
            if (i < int(entries.size())) {
                const auto &filled = entries[std::size_t(i)];
                item.socket = filled.socket;
                item.text = hostText(filled.client);
                item.changed = m_snapshot.changed(filled.socket);
                item.toolTip = tr("%1's connection, %2 (click: its state in the state diagram)")
                                   .arg(item.text, stateText(filled.state));
            }
            place(item);
        }
        if (capacity > drawn) {
            Item rest;
            rest.kind = Item::Kind::Slot;
            rest.queue = which;
            rest.text = tr("+ %1 free").arg(capacity - std::max(drawn, int(entries.size())));
            rest.rect = QRect(0, 0, metrics.horizontalAdvance(rest.text) + 16, slotHeight);
            place(rest);
        }
        for (const auto &refusal : m_snapshot.refusals) {
            if (refusal.acceptQueueFull() != (which == Item::Queue::Accept))
                continue;
            Item mark;
            mark.kind = Item::Kind::RefusalMark;
            mark.queue = which;
            mark.text = (isDrop(refusal) ? QStringLiteral("✕ ") : QString()) + hostText(refusal.client);
            mark.toolTip = refusalText(refusal);
            mark.rect = QRect(0, 0, QFontMetrics(AppStyle::boldFont(font())).horizontalAdvance(mark.text) + 16, slotHeight);
            place(mark);
        }
        y += slotHeight + 4;
        for (const auto &waiting : entries) {
            if (waiting.unread > 0)
                text(Item::Kind::Text, tr("%1: %2 bytes received, unread until the server accepts it and calls recv()")
                                           .arg(hostText(waiting.client))
                                           .arg(waiting.unread));
        }
        for (const auto &refusal : m_snapshot.refusals) {
            if (refusal.acceptQueueFull() == (which == Item::Queue::Accept)) {
                text(Item::Kind::Refusal, QStringLiteral("%1%2: %3")
                                              .arg(isDrop(refusal) ? QStringLiteral("✕ ") : QString(),
                                                   hostText(refusal.client), refusalText(refusal)));
                items->last().queue = which;
            }
        }
    };
    text(Item::Kind::Text, tr("SYN queue (SYN-RECEIVED): %1, full at %2")
                               .arg(listener.synQueue.size())
                               .arg(listener.synCapacity),
         tr("Half-open connections: a SYN made each, its final ACK moves it on. Linux counts the queue full at the "
            "backlog; then a SYN cookie answers instead."));
    queue(Item::Queue::Syn, listener.synQueue, listener.synCapacity);
    text(Item::Kind::Text, tr("Accept queue (ESTABLISHED): %1 of %2, backlog %3 holds %2")
                               .arg(listener.acceptQueue.size())
                               .arg(listener.acceptCapacity)
                               .arg(listener.backlog),
         tr("Connections whose handshake the kernel completed, waiting for accept(). Linux counts the queue full "
            "when its length exceeds the backlog, so backlog N holds N + 1."));
    queue(Item::Queue::Accept, listener.acceptQueue, listener.acceptCapacity);
    text(Item::Kind::Counters,
         tr("ListenOverflows %1 · ListenDrops %2 · SyncookiesSent %3")
             .arg(m_snapshot.counters.listenOverflows)
             .arg(m_snapshot.counters.listenDrops)
             .arg(m_snapshot.counters.synCookiesSent),
         tr("Linux's counters (/proc/net/netstat TcpExt): ListenOverflows counts segments refused because the "
            "accept queue was full, ListenDrops every SYN or ACK a listener dropped."));
    return y;
}

int SocketsCanvas::layoutTables(int width, int y, QList<Item> *items) const
{
    const QFontMetrics metrics(font());
    const int line = metrics.height() + 4;
    const int inner = std::max(width - 2 * margin, 120);
    // One table per process, each under its own header ("server process", "client2 process").

    // Each row: "4  client2  ESTABLISHED" (the ports in its tooltip), short enough for two
    // tables side by side in the right-hand column.
    auto rowText = [](const SocketsSnapshot::Descriptor &row) {
        using Kind = SocketsSnapshot::Descriptor::Kind;
        switch (row.kind) {
        case Kind::StandardStream:
            return QStringLiteral("%1  %2").arg(row.fd).arg(row.fd == 0 ? tr("stdin") : row.fd == 1 ? tr("stdout") : tr("stderr"));
        case Kind::Listener:
            return QStringLiteral("%1  %2  %3").arg(row.fd).arg(tr("listener"), stateText(row.state));
        case Kind::Unconnected:
            return QStringLiteral("%1  %2  %3").arg(row.fd).arg(tr("socket"), stateText(row.state));
        case Kind::Connection:
            break;
        }
        QString text = QStringLiteral("%1  %2  %3").arg(row.fd).arg(hostText(row.peer), stateText(row.state));
        if (row.unread > 0)
            text += QStringLiteral("  ") + tr("%1 B unread").arg(row.unread);
        return text;
    };

    int tableWidth = metrics.horizontalAdvance(QStringLiteral("9  client9  SYN-RECEIVED")) + 16;
    for (const auto &process : m_snapshot.processes)
        for (const auto &row : process.descriptors)
            tableWidth = std::max(tableWidth, metrics.horizontalAdvance(rowText(row)) + 16);
    tableWidth = std::min(tableWidth, inner);
    const int columns = std::max(1, (inner + gap) / (tableWidth + gap));
    tableWidth = (inner - (columns - 1) * gap) / columns;
    // Tables go into the shortest column, the server's first.
    std::vector<int> bottoms(std::size_t(columns), y);
    for (const auto &process : m_snapshot.processes) {
        const auto column = std::size_t(std::min_element(bottoms.begin(), bottoms.end()) - bottoms.begin());
        const int x = margin + int(column) * (tableWidth + gap);
        int top = bottoms[column];
        Item header;
        header.kind = Item::Kind::TableHeader;
        header.host = process.host;
        header.text = process.host == serverHost ? tr("server process") : tr("%1 process").arg(hostText(process.host));
        header.rect = QRect(x, top, tableWidth, line);
        items->append(header);
        top += line;
        for (const auto &descriptor : process.descriptors) {
            Item row;
            row.kind = Item::Kind::Row;
            row.host = process.host;
            row.fd = descriptor.fd;
            row.socket = descriptor.socket;
            row.changed = descriptor.changed;
            row.text = rowText(descriptor);
            row.rect = QRect(x, top, tableWidth, line);
            if (descriptor.socket != 0)
                row.toolTip = descriptor.peer == noHost
                    ? tr("fd %1: local port %2, %3 (click: its state in the state diagram)")
                          .arg(descriptor.fd)
                          .arg(descriptor.localPort)
                          .arg(stateText(descriptor.state))
                    : tr("fd %1: port %2 to %3 port %4, %5 (click: its state in the state diagram)")
                          .arg(descriptor.fd)
                          .arg(descriptor.localPort)
                          .arg(hostText(descriptor.peer))
                          .arg(descriptor.peerPort)
                          .arg(stateText(descriptor.state));
            items->append(row);
            top += line;
        }
        bottoms[column] = top + gap;
    }
    return *std::max_element(bottoms.begin(), bottoms.end());
}

void SocketsCanvas::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette &pal = palette();
    const QColor error = AppStyle::errorColor(pal);
    const QColor highlight = pal.color(QPalette::Highlight);
    QColor changedWash = highlight;
    changedWash.setAlpha(55);
    const QFont normal = font();
    const QFont bold = AppStyle::boldFont(normal);

    for (const Item &item : m_items) {
        const bool selected = item.socket != 0 && item.socket == m_selected;
        const Side side = item.host == serverHost ? Side::Server : Side::Client;
        painter.setFont(normal);
        painter.setPen(pal.color(QPalette::Text));
        switch (item.kind) {
        case Item::Kind::Heading:
            painter.setFont(bold);
            painter.drawText(item.rect, Qt::AlignLeft | Qt::AlignVCenter, item.text);
            break;
        case Item::Kind::Text:
        case Item::Kind::Counters:
            painter.drawText(item.rect.adjusted(0, 2, 0, -2), Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap, item.text);
            break;
        case Item::Kind::RefusalMark:
            // Beside the queue's slots: the client whose segment the full queue refused.
            RoundedBox::paint(painter, QRectF(item.rect).adjusted(1, 1, -1, -1), 4, QPen(error, 2), Qt::transparent);
            painter.setPen(error);
            painter.setFont(bold);
            painter.drawText(item.rect, Qt::AlignCenter, item.text);
            break;
        case Item::Kind::Refusal:
            painter.setPen(error);
            painter.setFont(bold);
            painter.drawText(item.rect.adjusted(0, 2, 0, -2), Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap, item.text);
            break;
        case Item::Kind::Slot: {
            const QRectF box = QRectF(item.rect).adjusted(1, 1, -1, -1);
            if (item.socket != 0) {
                RoundedBox::paint(painter, box, 4, QPen(AppStyle::sideColor(Side::Client, pal), selected ? 3 : 1.5),
                                  item.changed ? changedWash : AppStyle::sideWash(Side::Client, pal));
                painter.setPen(pal.color(QPalette::Text));
                painter.setFont(item.changed ? bold : normal);
            } else {
                painter.setBrush(Qt::NoBrush);
                painter.setPen(QPen(AppStyle::mutedText(pal), 1, Qt::DashLine));
                painter.drawRoundedRect(box, 4, 4);
                painter.setPen(AppStyle::mutedText(pal));
            }
            painter.drawText(item.rect, Qt::AlignCenter, item.text);
            if (selected) {
                RoundedBox::paint(painter, box.adjusted(-1, -1, 1, 1), 5, QPen(highlight, 3), Qt::transparent);
            }
            break;
        }
        case Item::Kind::TableHeader:
            painter.fillRect(item.rect, AppStyle::sideWash(side, pal));
            painter.setPen(AppStyle::sideColor(side, pal));
            painter.setFont(bold);
            painter.drawText(item.rect.adjusted(6, 0, -4, 0), Qt::AlignLeft | Qt::AlignVCenter, item.text);
            break;
        case Item::Kind::Row: {
            if (item.changed)
                painter.fillRect(item.rect, changedWash);
            painter.setPen(QPen(pal.color(QPalette::Mid), 1));
            painter.drawLine(item.rect.bottomLeft(), item.rect.bottomRight());
            painter.setPen(item.socket != 0 ? pal.color(QPalette::Text) : AppStyle::mutedText(pal));
            painter.setFont(item.changed ? bold : normal);
            painter.drawText(item.rect.adjusted(6, 0, -4, 0), Qt::AlignLeft | Qt::AlignVCenter, item.text);
            if (selected) {
                painter.setBrush(Qt::NoBrush);
                painter.setPen(QPen(highlight, 3));
                painter.drawRect(QRectF(item.rect).adjusted(1.5, 1.5, -1.5, -1.5));
            }
            break;
        }
        }
    }
}

void SocketsCanvas::mousePressEvent(QMouseEvent *event)
{
    for (const Item &item : m_items) {
        if (item.socket != 0 && item.rect.contains(event->position().toPoint())) {
            setSelectedSocket(item.socket);
            emit socketClicked(item.socket);
            return;
        }
    }
    QWidget::mousePressEvent(event);
}

bool SocketsCanvas::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        for (const Item &item : m_items) {
            if (!item.toolTip.isEmpty() && item.rect.contains(help->pos())) {
                QToolTip::showText(help->globalPos(), item.toolTip, this, item.rect);
                return true;
            }
        }
        QToolTip::hideText();
        event->ignore();
        return true;
    }
    return QWidget::event(event);
}
