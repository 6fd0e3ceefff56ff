// SPDX-License-Identifier: GPL-3.0-or-later
// Lesson text in the chosen number style: the `seq=300 ack=101` written in a lesson's script
// lines and teaching note are absolute; in Symbolic mode the banner shows them as the ladder
// does (`seq=k ack=j+1`), in Relative mode from each side's ISN.
#pragma once

#include "tcpsim/session/numberformat.h"

#include "tcpsim/model/script.h"

#include <QString>

#include <optional>

class NumberText
{
public:
    // The ISNs come from the SYNs among `events`, else from the lesson's `isn` lines.
    NumberText(const tcpsim::Lesson &lesson, const std::vector<tcpsim::Event> &events, NumberStyle style);

    // Rewrites every `seq=N` and `ack=N` of `text`, line by line. On a line naming its sender
    // (`expect server sent ...`, `client receive ...`) seq is in the sender's space and ack in
    // the peer's; elsewhere (a note) a number belongs to the side whose ISN is nearest below it.
    QString restyle(const QString &text) const;

private:
    QString restyleLine(const QString &line) const;
    std::optional<tcpsim::Side> nearestSpace(tcpsim::SeqNum value) const;

    NumberStyle m_style;
    std::optional<tcpsim::SeqNum> m_isn[2];
    NumberFormatter m_formatter;
};
