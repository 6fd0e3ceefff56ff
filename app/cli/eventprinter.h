// SPDX-License-Identifier: GPL-3.0-or-later
// Turns model events into tcpsim-cli output: one readable line, or one JSON object, per event.
// Events are numbered by lesson step as the window numbers them ("Step 3 of 19": 1-based, one
// step = one action with its isn settings and expect checks).
#pragma once

#include "tcpsim/model/event.h"

#include <QJsonObject>
#include <QString>
#include <QTextStream>

#include <vector>

namespace tcpsim::cli {

enum class OutputFormat { Text, JsonLines };

// "t=0.000s step 2 line 4  client  CLOSED -> SYN-SENT  by connect()  [3.10.1 ClosedActiveOpen]"
QString eventText(const Event &event, int step);
// {"event":"transition","step":2,"line":4,"endpoint":"client","from":"CLOSED","to":"SYN-SENT",...}
QJsonObject eventJson(const Event &event, int step);

class EventPrinter
{
public:
    EventPrinter(QTextStream &out, OutputFormat format) : m_out(out), m_format(format) {}

    // Prints events [begin, end) of lesson step `step` and flushes.
    void print(const std::vector<Event> &events, std::size_t begin, std::size_t end, int step);

private:
    QTextStream &m_out;
    OutputFormat m_format;
};

} // namespace tcpsim::cli
