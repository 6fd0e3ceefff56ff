// SPDX-License-Identifier: GPL-3.0-or-later
// A TCP segment as the model exchanges it, and its wire form (RFC 9293 §3.1).
#pragma once

#include "tcpsim/model/host.h"
#include "tcpsim/model/sequence.h"
#include "tcpsim/model/state.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tcpsim {

// Bit values are those of the TCP header's control bits (§3.1), so a flag set is the low byte
// of header bytes 12-13 as sent on the wire.
enum Flag : std::uint8_t {
    Fin = 0x01,
    Syn = 0x02,
    Rst = 0x04,
    Psh = 0x08,
    Ack = 0x10,
};

// "SYN+ACK", "FIN+ACK", "PSH+ACK", "RST" — always in the order SYN FIN RST PSH ACK (Wireshark's).
// An empty set prints "none".
std::string flagsToString(std::uint8_t flags);
// "SYN+ACK", "ack+syn", "ACK+PSH": any order, any case; nullopt on an unknown or repeated name.
std::optional<std::uint8_t> parseFlags(std::string_view text);

// The Timestamps option (RFC 7323 §3): the sender's clock and the last value it received.
struct Timestamps {
    std::uint32_t value = 0; // TSval
    std::uint32_t echo = 0;  // TSecr
    friend bool operator==(const Timestamps &, const Timestamps &) = default;
};

struct Segment {
    std::uint64_t id = 0;        // global send order across both directions, 1-based (0 = crafted)
    Side from = Side::Client;    // the sender
    SeqNum seq = 0;
    SeqNum ack = 0;              // meaningful only when the ACK flag is set
    std::uint8_t flags = 0;
    std::uint16_t window = 65535;
    std::uint16_t mss = 0;       // MSS option (kind 2) carried on SYN segments; 0 = no option
    // The options the Linux profile's segments carry besides the MSS (the RFC profile's carry
    // none of them): SACK-permitted (kind 4) and window scale (kind 3, the shift) on SYNs,
    // timestamps (kind 8) on every segment once both SYNs had them.
    bool sackPermitted = false;
    std::optional<std::uint8_t> windowScale;
    std::optional<Timestamps> timestamps;
    std::string data;
    bool retransmission = false; // a copy of an earlier segment sent again by a timer
    std::uint64_t sentAt = 0;    // virtual time in ms
    // The 4-tuple (§3.3.1's "socket pair"): one end is always the server host, the other the
    // client host `clientHost`; the ports are stamped when the segment is put on the network
    // (0 on a crafted segment until it is delivered).
    HostId clientHost = firstClientHost;
    std::uint16_t clientPort = 0;
    std::uint16_t serverPort = 0;

    bool has(Flag flag) const { return (flags & flag) != 0; }
    // SEG.LEN of §3.4: data octets plus one for SYN and one for FIN.
    std::uint32_t seqLength() const
    {
        return static_cast<std::uint32_t>(data.size()) + (has(Syn) ? 1 : 0) + (has(Fin) ? 1 : 0);
    }

    friend bool operator==(const Segment &, const Segment &) = default;
};

// The segment as bytes in network byte order: the 20-byte header, options padded to a 32-bit
// boundary, then the data. The checksum covers the IPv4 pseudo-header (§3.1) built from the
// given addresses (host byte order, e.g. 0x7F000001 for 127.0.0.1).
struct WireAddressing {
    std::uint32_t sourceAddress = 0x7F000001;
    std::uint32_t destinationAddress = 0x7F000001;
    std::uint16_t sourcePort = 0;
    std::uint16_t destinationPort = 0;
};
// One option of a segment as it goes on the wire, in the order Linux writes them (tcpdump:
// `mss 65495,sackOK,TS val 1 ecr 0,nop,wscale 7`); NOPs pad to 32-bit boundaries.
struct WireOption {
    std::uint8_t kind = 0;            // 1 NOP, 2 MSS, 3 window scale, 4 SACK-permitted, 8 timestamps
    std::vector<std::uint8_t> bytes;  // the option's octets, kind and length included
};
std::vector<WireOption> wireOptions(const Segment &segment);
std::string_view optionKindName(std::uint8_t kind); // "MSS", "SACK-permitted", "NOP", ...

std::vector<std::uint8_t> encodeSegment(const Segment &segment, const WireAddressing &addressing);
std::uint16_t tcpChecksum(const std::vector<std::uint8_t> &tcpBytes, const WireAddressing &addressing);

} // namespace tcpsim
