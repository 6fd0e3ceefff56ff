// SPDX-License-Identifier: GPL-3.0-or-later
// The window's Sockets dock: shown for lessons with many sockets; the listen queues drawn slot by
// slot with the refused segment marked; descriptor tables that gain a row with accept() and lose
// it on Back; a click on a slot or a row lights that socket in the state diagram; the free-mode
// controls add script lines (Add client, Accept, backlog, server design).
#include "mainwindow.h"
#include "sidepane.h"
#include "socketsview.h"
#include "statediagram.h"

#include <QComboBox>
#include <QDockWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTest>

using namespace tcpsim;
using Item = SocketsCanvas::Item;

class TestSocketsView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void dock_shownForManySocketLessons_only();
    void queues_drawnSlotBySlot_withTheDroppedSynMarked();
    void descriptorTables_acceptAddsARow_backTakesItAway();
    void clickingASlotOrRow_lightsThatSocketInTheStateDiagram();
    void freeMode_backlogAddClientTwiceAcceptTwice_givesFd4ThenFd5();
    void freeMode_designPickerAndRemoveClient();
    void blockingServer_secondClientsDataWaitsUnreadInTheAcceptQueue();
};

namespace {
QStringList texts(const SocketsCanvas *canvas, Item::Kind kind)
{
    QStringList found;
    for (const Item &item : canvas->items())
        if (item.kind == kind)
            found.append(item.text);
    return found;
}

int slotCount(const SocketsCanvas *canvas, Item::Queue queue)
{
    int count = 0;
    for (const Item &item : canvas->items())
        count += item.kind == Item::Kind::Slot && item.queue == queue ? 1 : 0;
    return count;
}

void click(SocketsCanvas *canvas, const Item *item)
{
    QVERIFY(item);
    // The item may be below the scroll area's fold: scroll to it as a teacher would.
    auto *scroll = qobject_cast<QScrollArea *>(canvas->parentWidget()->parentWidget());
    if (scroll)
        scroll->ensureVisible(item->rect.center().x(), item->rect.center().y(), 0, item->rect.height());
    QTest::mouseClick(canvas, Qt::LeftButton, {}, item->rect.center());
}
} // namespace

void TestSocketsView::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestSocketsView::dock_shownForManySocketLessons_only()
{
    MainWindow window(MainWindow::SettingsPolicy::Ignore);
    window.resize(1024, 768);
    window.show();
    QVERIFY(window.loadLesson(QStringLiteral("handshake")));
    QVERIFY(!window.socketsDock()->isVisible());
    QVERIFY(window.loadLesson(QStringLiteral("accept-queue")));
    QVERIFY(window.socketsDock()->isVisible());
    QVERIFY(!window.socketsDock()->visibleRegion().isEmpty()); // raised, not behind the log
    QVERIFY(window.loadLesson(QStringLiteral("lost-syn")));
    QVERIFY(!window.socketsDock()->isVisible());
    window.newFreeSession();
    QVERIFY(window.socketsDock()->isVisible());
}

void TestSocketsView::queues_drawnSlotBySlot_withTheDroppedSynMarked()
{
    MainWindow window(MainWindow::SettingsPolicy::Ignore);
    window.resize(1280, 720);
    window.show();
    QVERIFY(window.loadLesson(QStringLiteral("backlog-overflow")));
    window.goToStep(15); // client4's SYN meets the full accept queue
    const SocketsCanvas *canvas = window.socketsView()->canvas();
    // backlog 1: the SYN queue full at 1, the accept queue holding 2.
    QCOMPARE(slotCount(canvas, Item::Queue::Syn), 1);
    QCOMPARE(slotCount(canvas, Item::Queue::Accept), 2);
    QCOMPARE(canvas->slot(Item::Queue::Syn, 0)->text, QStringLiteral("client2"));
    QCOMPARE(canvas->slot(Item::Queue::Accept, 0)->text, QStringLiteral("client"));
    QCOMPARE(canvas->slot(Item::Queue::Accept, 1)->text, QStringLiteral("client3"));
    QCOMPARE(texts(canvas, Item::Kind::RefusalMark), QStringList{QStringLiteral("✕ client4")});
    QCOMPARE(texts(canvas, Item::Kind::Refusal),
             QStringList{QStringLiteral("✕ client4: SYN dropped: accept queue full")});
    const QString counters = texts(canvas, Item::Kind::Counters).join(QString());
    QVERIFY2(counters.contains(QLatin1String("ListenOverflows 2")) && counters.contains(QLatin1String("ListenDrops 2")),
             qPrintable(counters));
    const QString all = texts(canvas, Item::Kind::Text).join(QLatin1Char('\n'));
    QVERIFY2(all.contains(QStringLiteral("fd 3 listens on port 3267 · backlog 1 · somaxconn 4096")), qPrintable(all));
    QVERIFY2(all.contains(QLatin1String("backlog 1 holds 2")), qPrintable(all));
    // Every item lies inside the canvas (nothing cut off at the dock's width).
    for (const Item &item : canvas->items())
        QVERIFY2(canvas->rect().contains(item.rect), qPrintable(item.text));

    // The final ACK ignored two steps earlier, then Back to before any refusal.
    window.goToStep(13);
    QCOMPARE(texts(canvas, Item::Kind::Refusal),
             QStringList{QStringLiteral("✕ client2: final ACK ignored: accept queue full")});
    window.goToStep(14);
    QVERIFY(texts(canvas, Item::Kind::Refusal).isEmpty());
    window.goToStep(7);
    QCOMPARE(canvas->slot(Item::Queue::Syn, 0)->text, QStringLiteral("client2"));
    QVERIFY(canvas->slot(Item::Queue::Syn, 0)->changed);
    QCOMPARE(canvas->slot(Item::Queue::Accept, 1)->text, QString()); // an empty slot
}

void TestSocketsView::descriptorTables_acceptAddsARow_backTakesItAway()
{
    MainWindow window(MainWindow::SettingsPolicy::Ignore);
    window.resize(1280, 720);
    window.show();
    QVERIFY(window.loadLesson(QStringLiteral("accept-queue")));
    window.goToStep(13); // three handshakes complete, nothing accepted
    const SocketsCanvas *canvas = window.socketsView()->canvas();
    QCOMPARE(canvas->row(serverHost, 0)->text, QStringLiteral("0  stdin"));
    QCOMPARE(canvas->row(serverHost, 2)->text, QStringLiteral("2  stderr"));
    QCOMPARE(canvas->row(serverHost, 3)->text, QStringLiteral("3  listener  LISTEN"));
    QVERIFY(!canvas->row(serverHost, 4));
    QCOMPARE(canvas->row(HostId(2), 3)->text, QStringLiteral("3  server  ESTABLISHED"));
    QCOMPARE(texts(canvas, Item::Kind::TableHeader),
             (QStringList{QStringLiteral("server process"), QStringLiteral("client process"),
                          QStringLiteral("client2 process"), QStringLiteral("client3 process")}));
    window.step(); // accept()
    QCOMPARE(canvas->row(serverHost, 4)->text, QStringLiteral("4  client  ESTABLISHED"));
    QVERIFY(canvas->row(serverHost, 4)->changed);
    QVERIFY(!canvas->row(HostId(3), 3)->changed);
    QCOMPARE(canvas->row(serverHost, 4)->toolTip,
             QStringLiteral("fd 4: port 3267 to client port 50000, ESTABLISHED (click: its state in the state diagram)"));
    window.goToStep(16);
    QCOMPARE(canvas->row(serverHost, 6)->text, QStringLiteral("6  client3  ESTABLISHED"));
    // Two tables side by side in the right-hand column at 1280 wide: client's beside the server's.
    QVERIFY2(canvas->row(firstClientHost, 3)->rect.left() > canvas->row(serverHost, 3)->rect.right(),
             qPrintable(QStringLiteral("canvas %1 wide, window %2").arg(canvas->width()).arg(window.width())));
    window.back();
    QVERIFY(!canvas->row(serverHost, 6));
    QVERIFY(canvas->row(serverHost, 5));
}

void TestSocketsView::clickingASlotOrRow_lightsThatSocketInTheStateDiagram()
{
    MainWindow window(MainWindow::SettingsPolicy::Ignore);
    window.resize(1280, 720);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.loadLesson(QStringLiteral("backlog-overflow")));
    window.goToStep(13); // client2's final ACK ignored: its server connection stays SYN-RECEIVED
    SocketsCanvas *canvas = window.socketsView()->canvas();
    QCOMPARE(window.stateDiagram()->state(Side::Server), TcpState::Established); // the first pair
    click(canvas, canvas->slot(Item::Queue::Syn, 0));
    QCOMPARE(window.socketsView()->selectedSocket(), canvas->slot(Item::Queue::Syn, 0)->socket);
    QCOMPARE(window.stateDiagram()->state(Side::Server), TcpState::SynReceived);
    click(canvas, canvas->row(serverHost, 3)); // the listener
    QCOMPARE(window.stateDiagram()->state(Side::Server), TcpState::Listen);
    // Selected, it stays lit as the lesson goes on; the client side keeps the first pair.
    window.goToStep(15);
    QCOMPARE(window.stateDiagram()->state(Side::Server), TcpState::Listen);
    click(canvas, canvas->row(HostId(4), 3)); // client4, its SYN dropped
    QCOMPARE(window.stateDiagram()->state(Side::Client), TcpState::SynSent);
    // Back before client4 existed: nothing selected, the first pair again.
    window.goToStep(5);
    QCOMPARE(window.socketsView()->selectedSocket(), SocketId(0));
    QCOMPARE(window.stateDiagram()->state(Side::Client), TcpState::Established);
}

void TestSocketsView::freeMode_backlogAddClientTwiceAcceptTwice_givesFd4ThenFd5()
{
    MainWindow window(MainWindow::SettingsPolicy::Ignore);
    window.setAnimated(false);
    window.show();
    window.newFreeSession();
    SocketsView *view = window.socketsView();
    view->backlogBox()->setValue(2);
    QTest::mouseClick(window.pane(Side::Server)->button(SidePane::Action::Listen), Qt::LeftButton);
    QTest::mouseClick(view->addClientButton(), Qt::LeftButton);
    QTest::mouseClick(view->addClientButton(), Qt::LeftButton);
    const QString script = QString::fromStdString(window.controller()->lesson().toText());
    QVERIFY2(script.contains(QLatin1String("server listen backlog=2\nclient connect\nclient2 connect\n")), qPrintable(script));
    for (int i = 0; i < 20 && window.controller()->canStepForward(); ++i)
        window.step();
    QVERIFY(!window.controller()->canStepForward());
    const SocketsCanvas *canvas = view->canvas();
    QCOMPARE(slotCount(canvas, Item::Queue::Accept), 3); // backlog 2 holds 3
    QTest::mouseClick(view->acceptButton(), Qt::LeftButton);
    QCOMPARE(canvas->row(serverHost, 4)->text, QStringLiteral("4  client  ESTABLISHED"));
    QVERIFY(!canvas->row(serverHost, 5));
    QCOMPARE(canvas->slot(Item::Queue::Accept, 0)->text, QStringLiteral("client2"));
    QTest::mouseClick(view->acceptButton(), Qt::LeftButton);
    QCOMPARE(canvas->row(serverHost, 5)->text, QStringLiteral("5  client2  ESTABLISHED"));
    window.back();
    QVERIFY(!canvas->row(serverHost, 5));
    QVERIFY(canvas->row(serverHost, 4));
}

void TestSocketsView::freeMode_designPickerAndRemoveClient()
{
    MainWindow window(MainWindow::SettingsPolicy::Ignore);
    window.setAnimated(false);
    window.show();
    window.newFreeSession();
    SocketsView *view = window.socketsView();
    QVERIFY(!view->removeClientButton()->isEnabled());
    QVERIFY(!view->acceptButton()->isEnabled()); // no listener yet
    QTest::mouseClick(window.pane(Side::Server)->button(SidePane::Action::Listen), Qt::LeftButton);
    QVERIFY(view->acceptButton()->isEnabled());
    emit view->designPicker()->activated(1); // Blocking, one client at a time
    QVERIFY(QString::fromStdString(window.controller()->lesson().toText()).endsWith(QLatin1String("server run blocking-echo\n")));
    QCOMPARE(view->designPicker()->currentIndex(), 1);
    QVERIFY(!view->designPicker()->isEnabled());
    QVERIFY(!view->acceptButton()->isEnabled()); // the program accepts by itself
    QVERIFY(view->canvas()->snapshot().listener->blockedAccepts == 1);
    QTest::mouseClick(view->addClientButton(), Qt::LeftButton);
    QVERIFY(view->removeClientButton()->isEnabled());
    QTest::mouseClick(view->removeClientButton(), Qt::LeftButton);
    QVERIFY(QString::fromStdString(window.controller()->lesson().toText()).endsWith(QLatin1String("client abort\n")));
    QVERIFY(!view->canvas()->row(firstClientHost, 3));
    // Back undoes it exactly; Back again before the program: the picker is free again.
    window.back();
    QVERIFY(view->canvas()->row(firstClientHost, 3));
    window.back();
    window.back();
    QCOMPARE(view->designPicker()->currentIndex(), 0);
    QVERIFY(view->designPicker()->isEnabled());
}

void TestSocketsView::blockingServer_secondClientsDataWaitsUnreadInTheAcceptQueue()
{
    // The notes say a second client "cannot connect" to the blocking server; it does, and its
    // data waits unread in the accept queue while the first client is served.
    MainWindow window(MainWindow::SettingsPolicy::Ignore);
    window.resize(1280, 720);
    window.show();
    QVERIFY(window.loadLesson(QStringLiteral("blocking-server")));
    window.goToStep(12); // client2's "hi" has arrived
    const SocketsCanvas *canvas = window.socketsView()->canvas();
    QCOMPARE(canvas->slot(Item::Queue::Accept, 0)->text, QStringLiteral("client2"));
    QCOMPARE(canvas->snapshot().listener->acceptQueue.front().unread, std::size_t(2));
    QVERIFY(texts(canvas, Item::Kind::Text)
                .contains(QStringLiteral("client2: 2 bytes received, unread until the server accepts it and calls recv()")));
    QCOMPARE(canvas->row(serverHost, 4)->text, QStringLiteral("4  client  ESTABLISHED"));
    QVERIFY(!canvas->row(serverHost, 5));
    // The first client leaves: the server accepts client2 (fd 4 again) and reads its data.
    window.goToStep(window.controller()->stepCount());
    for (const Item &item : canvas->items())
        QVERIFY2(!item.text.contains(QLatin1String("unread")), qPrintable(item.text));
}

QTEST_MAIN(TestSocketsView)
#include "tst_socketsview.moc"
