// SPDX-License-Identifier: GPL-3.0-or-later
// What a step did, in one or two sentences a student can follow: built from the RFC rule of each
// transition or segment of the step and what caused it.
#pragma once

#include "tcpsim/model/event.h"
#include "tcpsim/model/rule.h"

#include <QCoreApplication>
#include <QString>

#include <vector>

class Explanation
{
    Q_DECLARE_TR_FUNCTIONS(Explanation)

public:
    // One translated sentence per rule (a switch over Rule).
    static QString ruleSentence(tcpsim::Rule rule);
    // The same, naming the call the step made where one rule covers several (CLOSE and ABORT
    // in LISTEN and SYN-SENT); Call::None names both.
    static QString ruleSentence(tcpsim::Rule rule, tcpsim::Call call);
    // The RFC section of a rule, "RFC 9293 §3.10.7.3".
    static QString ruleReference(tcpsim::Rule rule);
    // The explanation of the events [begin, end): the sentences of its main rules, each with the
    // side it happened at ("Server: ..."), and byteStreamSentence() in the step where, for the
    // first time, one recv() returned the bytes of two send() calls.
    static QString forEvents(const std::vector<tcpsim::Event> &events, std::size_t begin, std::size_t end);
    // TCP has no message boundaries: why two sends can come out of one recv().
    static QString byteStreamSentence();
    // The rules the explanation is built from (for the RFC references under it).
    static std::vector<tcpsim::Rule> mainRules(const std::vector<tcpsim::Event> &events, std::size_t begin,
                                               std::size_t end);
};
