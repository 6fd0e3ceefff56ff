// SPDX-License-Identifier: GPL-3.0-or-later
#include "tcpsim/model/event.h"

namespace tcpsim {

std::string_view eventKindName(EventKind kind)
{
    switch (kind) {
    case EventKind::Call: return "call";
    case EventKind::Return: return "return";
    case EventKind::Transition: return "transition";
    case EventKind::Send: return "send";
    case EventKind::Deliver: return "deliver";
    case EventKind::Drop: return "drop";
    case EventKind::Timer: return "timer";
    case EventKind::Error: return "error";
    case EventKind::Expect: return "expect";
    case EventKind::Queue: return "queue";
    }
    return "?";
}

std::string_view timerKindName(TimerKind kind)
{
    switch (kind) {
    case TimerKind::None: return "none";
    case TimerKind::Retransmission: return "retransmission";
    case TimerKind::TimeWait: return "time-wait";
    case TimerKind::Persist: return "persist";
    case TimerKind::DelayedAck: return "delayed-ack";
    }
    return "?";
}

std::string_view callName(Call call)
{
    switch (call) {
    case Call::None: return "";
    case Call::Listen: return "listen";
    case Call::Connect: return "connect";
    case Call::Accept: return "accept";
    case Call::Send: return "send";
    case Call::Recv: return "recv";
    case Call::Close: return "close";
    case Call::Abort: return "abort";
    case Call::Socket: return "socket";
    case Call::Bind: return "bind";
    case Call::Setsockopt: return "setsockopt";
    case Call::EpollWait: return "epoll_wait";
    }
    return "?";
}

bool belongsToFirstPair(const Event &event)
{
    if (event.segment && event.segment->clientHost != firstClientHost)
        return false;
    if (event.host == serverHost)
        return event.peer == noHost || event.peer == firstClientHost;
    return event.host == firstClientHost;
}

} // namespace tcpsim
