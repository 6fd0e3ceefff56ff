// SPDX-License-Identifier: GPL-3.0-or-later
// The knobs of a simulation: timers, retry limits, what SYNs advertise, the ports shown.
#pragma once

#include <cstdint>

namespace tcpsim {

struct SimulationConfig {
    std::uint64_t seed = 1;              // drives the ISNs chosen when a lesson gives none
    std::uint32_t mslMs = 30000;         // TIME-WAIT lasts 2*MSL = 60 s, Linux's TCP_TIMEWAIT_LEN
    std::uint32_t initialRtoMs = 1000;   // RFC 6298 §2.1
    std::uint32_t maxRtoMs = 120000;     // Linux TCP_RTO_MAX
    int synRetries = 6;                  // Linux tcp_syn_retries (RFC 9293 MUST-23 wants >= 3 min)
    int synAckRetries = 5;               // Linux tcp_synack_retries: a passive open's SYN,ACK
    int dataRetries = 15;                // Linux tcp_retries2
    std::uint32_t oneWayDelayMs = 0;     // added to the clock by each delivery
    std::uint16_t window = 65535;
    std::uint16_t mss = 1460;            // advertised on SYN segments
    std::uint16_t mtu = 1500;            // IP sends at most mtu - 20 octets (MMS_S, §3.7.1)
    std::uint16_t clientPort = 50000;
    std::uint16_t serverPort = 3267;     // the seed notes' echo server
    bool autoAccept = true;              // accept() as soon as a connection is established
};

} // namespace tcpsim
