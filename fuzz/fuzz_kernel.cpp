// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer: the kernel observer's parsers get bytes from the kernel (netlink inet_diag
// messages) and from /proc/net/tcp{,6} and /proc/net/netstat; none may crash on any input.
#include "tcpsim/live/kerneltable.h"

#include <QByteArrayView>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    (void)tcpsim::live::parseInetDiagMessage(data, size);
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    (void)tcpsim::live::parseProcNetTcp(bytes);
    (void)tcpsim::live::parseTcpExtCounters(bytes);
    return 0;
}
