// SPDX-License-Identifier: GPL-3.0-or-later
// How sequence and acknowledgment numbers are shown: absolute (as on the wire), relative to each
// side's ISN (as Wireshark shows them), or symbolic (the textbooks' seq=j, ack=k+1: the client's
// ISN is j, the server's k).
#pragma once

#include "tcpsim/model/event.h"
#include "tcpsim/model/segment.h"

#include <QCoreApplication>
#include <QString>

#include <optional>
#include <vector>

enum class NumberStyle { Absolute, Relative, Symbolic };

class NumberFormatter
{
    Q_DECLARE_TR_FUNCTIONS(NumberFormatter)

public:
    NumberFormatter() = default;
    // Learns each side's ISNs from the SYNs among the events.
    NumberFormatter(const std::vector<tcpsim::Event> &events, NumberStyle style);

    NumberStyle style() const { return m_style; }
    // The ISN of `side` in effect when the segment with this id was sent.
    std::optional<tcpsim::SeqNum> isn(tcpsim::Side side, std::uint64_t segmentId) const;

    QString seq(const tcpsim::Segment &segment) const;
    QString ack(const tcpsim::Segment &segment) const;
    // "seq=j+1 ack=k+1 len=5" (ack only with the ACK flag, len only when there is data).
    QString numbers(const tcpsim::Segment &segment) const;

    static QString styleName(NumberStyle style);
    // The command-line spelling: "symbolic", "relative" or "absolute"; nullopt for others.
    static std::optional<NumberStyle> styleNamed(const QString &name);

private:
    QString format(tcpsim::SeqNum value, tcpsim::Side space, std::uint64_t segmentId) const;

    struct IsnMark {
        std::uint64_t id = 0;
        tcpsim::Side side = tcpsim::Side::Client;
        tcpsim::SeqNum isn = 0;
    };
    std::vector<IsnMark> m_syns;
    NumberStyle m_style = NumberStyle::Absolute;
};

// A short, printable preview of segment data: "\"Hello, w…\"".
QString dataPreview(const std::string &data, int maximumCharacters = 14);
