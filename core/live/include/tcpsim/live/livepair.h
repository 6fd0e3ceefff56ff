// The live QTcpServer/QTcpSocket pair on loopback.
#pragma once

#include <QtGlobal>

namespace tcpsim::live {

// The seed notes' echo server listens on 127.0.0.1:3267.
inline constexpr quint16 defaultServerPort = 3267;

} // namespace tcpsim::live
