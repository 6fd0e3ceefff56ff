// SPDX-License-Identifier: GPL-3.0-or-later
// The knobs of a simulation: timers, retry limits, what SYNs advertise, the ports shown.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace tcpsim {

// Whose TCP the model plays. Rfc9293: the textbook (RFC 9293's text, options but MSS left out).
// Linux: what the kernel of the class's machine does on loopback, where it differs from the
// text (../shared/TCP-FACTS.md "Linux on the wire"): SYN options, timestamps on every segment,
// scaled windows, a delayed ACK of a lone FIN, RST,ACK on abort, the crossing SYN,ACK of a
// simultaneous open accepted directly, a duplicate SYN answered by its SYN,ACK again, TIME-WAIT
// fixed at 60 s.
enum class Profile : std::uint8_t { Rfc9293, Linux };

// Linux's numbers on loopback (MTU 65536), as `ss -ti` and tcpdump show them.
namespace linuxloopback {
inline constexpr std::uint16_t synMss = 65495;          // MTU 65535 - 40 (IP and TCP headers)
inline constexpr std::uint16_t synWindow = 65495;       // the SYN's unscaled window
inline constexpr std::uint16_t synAckWindow = 65483;    // the SYN,ACK's: a whole number of MSS
inline constexpr std::uint32_t mtu = 65536;             // loopback's
inline constexpr std::uint8_t windowScale = 7;          // from tcp_rmem's maximum (Debian 12: 6 MB)
inline constexpr std::uint32_t receiveWindow = 65536;   // after the handshake: raw 512 << 7
inline constexpr std::uint32_t timestampsOptionSize = 12; // NOP, NOP, kind 8 length 10
inline constexpr std::uint32_t delayedAckMs = 40;       // TCP_DELACK_MIN
inline constexpr std::uint32_t minRtoMs = 200;          // TCP_RTO_MIN: loopback's RTO after an RTT sample
inline constexpr std::uint64_t timeWaitMs = 60000;      // TCP_TIMEWAIT_LEN, not tunable
} // namespace linuxloopback

// "rfc" / "linux"; and back (nullopt for anything else).
const char *profileName(Profile profile);
std::optional<Profile> parseProfile(std::string_view text);

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
    // A server program (`server run`) reads the server's data with its own recv() calls: data
    // and FIN wait in the receive buffer until it does, instead of returning at arrival.
    bool programReads = false;
    Profile profile = Profile::Rfc9293;  // for lessons without a `# profile:` header
    bool profileOverridesLesson = false; // --profile / the tool bar: also over the header
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
