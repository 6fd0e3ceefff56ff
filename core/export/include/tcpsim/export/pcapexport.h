// SPDX-License-Identifier: GPL-3.0-or-later
// A lesson's segments as a packet capture that Wireshark and tshark open: IPv4 packets with
// the real TCP header of each segment (RFC 9293 §3.1, checksums and options included), as a
// capture at the sender shows them: a segment appears when it is sent, so a lost segment is in
// the capture and its retransmission appears again. Crafted segments (`server receive ...`)
// have no sender in the model; they appear when they arrive.
#pragma once

#include "tcpsim/model/event.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tcpsim {

// The link layer under IPv4: raw IP (LINKTYPE_RAW) or Ethernet II with made-up,
// locally administered MAC addresses (02:00:00:00:00:01 client, :02 server).
enum class PcapLinkType { RawIp, Ethernet };

struct PcapOptions {
    PcapLinkType linkType = PcapLinkType::RawIp;
    // The live pair's addresses by default: the client's ephemeral port, the echo server's 3267.
    std::uint32_t clientAddress = 0x7F000001; // host byte order: 127.0.0.1
    std::uint32_t serverAddress = 0x7F000001;
    std::uint16_t clientPort = 40000;
    std::uint16_t serverPort = 3267;
};

// One packet of the capture: the segment it carries, the virtual time (ms since the lesson's
// start, the events' `time`) and the bytes from the link-layer header on.
struct PcapPacket {
    Segment segment;
    std::uint64_t timeMs = 0;
    std::vector<std::uint8_t> bytes;
};

// The packets writePcap() writes, in capture order (pure: no file, no libpcap).
std::vector<PcapPacket> pcapPackets(const std::vector<Event> &events, const PcapOptions &options = {});

// Writes the capture as a classic pcap file (snap length 65535; "-" is standard output).
// Returns false and sets *error (if given) when the file cannot be written.
bool writePcap(const std::vector<Event> &events, const std::string &path, std::string *error,
               const PcapOptions &options = {});

} // namespace tcpsim
