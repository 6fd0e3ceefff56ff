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
    }
    return "?";
}

std::string_view timerKindName(TimerKind kind)
{
    switch (kind) {
    case TimerKind::None: return "none";
    case TimerKind::Retransmission: return "retransmission";
    case TimerKind::TimeWait: return "time-wait";
    }
    return "?";
}

} // namespace tcpsim
