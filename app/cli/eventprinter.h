// Turns model events into tcpsim-cli output: one readable line, or one JSON object, per event.
// Shared by every mode of the CLI (scripts now, --live later).
#pragma once

#include "tcpsim/model/event.h"

#include <QJsonObject>
#include <QString>
#include <QTextStream>

#include <vector>

namespace tcpsim::cli {

enum class OutputFormat { Text, JsonLines };

// "t=0.000s line 4  client  CLOSED -> SYN-SENT  by connect()  [3.10.1 ClosedActiveOpen]"
QString eventText(const Event &event);
// {"event":"transition","line":4,"endpoint":"client","from":"CLOSED","to":"SYN-SENT",...}
QJsonObject eventJson(const Event &event);

class EventPrinter
{
public:
    EventPrinter(QTextStream &out, OutputFormat format) : m_out(out), m_format(format) {}

    void print(const Event &event);
    // Prints the events not printed yet (those after the last call) and flushes.
    void printNew(const std::vector<Event> &events);

private:
    QTextStream &m_out;
    OutputFormat m_format;
    std::size_t m_printed = 0;
};

} // namespace tcpsim::cli
