#include "tcpsim/model/state.h"

#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream(stdout) << "tcpsim-cli: lesson scripts arrive with the model\n";
    return 0;
}
