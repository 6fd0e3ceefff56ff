#include "mainwindow.h"

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("tcpsim — TCP handshake and teardown"));
    resize(1280, 720);
}
