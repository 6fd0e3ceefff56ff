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
    std::uint16_t clientPort = 50000;     // `client`; clientN gets clientPort + N - 1 (49999 + N)
    std::uint16_t serverPort = 3267;     // the seed notes' echo server
    bool autoAccept = true;              // accept() as soon as a connection is established
    // Record the socket() and bind() calls that listen() and connect() imply, and every change
    // of a listener's queues. Off for the two-endpoint lessons, whose logs stay as they were.
    bool socketDetail = false;
    // Linux sysctls (`set` in a script), read at the call that uses them.
    int somaxconn = 4096;                // net.core.somaxconn: listen() caps its backlog here
    int maxSynBacklog = 4096;            // net.ipv4.tcp_max_syn_backlog (matters without cookies)
    bool abortOnOverflow = false;        // net.ipv4.tcp_abort_on_overflow
    bool synCookies = true;              // net.ipv4.tcp_syncookies = 1
    int defaultBacklog = 5;              // the seed notes' listen(5)
};

} // namespace tcpsim
