// SPDX-License-Identifier: GPL-3.0-or-later
#include "tcpsim/export/pcapexport.h"

#include <pcap/pcap.h>

#include <array>
#include <memory>

namespace tcpsim {

namespace {

constexpr int snapLength = 65535;
constexpr std::size_t ipv4HeaderLength = 20;
constexpr std::uint8_t ipv4VersionAndLength = 0x45; // version 4, IHL 5 words: no IP options
constexpr std::uint8_t protocolTcp = 6;
constexpr std::uint8_t timeToLive = 64;             // Linux's default
constexpr std::uint16_t dontFragment = 0x4000;      // Linux sets DF on TCP (path MTU discovery)
constexpr std::uint16_t etherTypeIpv4 = 0x0800;
constexpr std::array<std::uint8_t, 6> clientMac = {0x02, 0, 0, 0, 0, 0x01};
constexpr std::array<std::uint8_t, 6> serverMac = {0x02, 0, 0, 0, 0, 0x02};

void append16(std::vector<std::uint8_t> &bytes, std::uint16_t value)
{
    bytes.push_back(static_cast<std::uint8_t>(value >> 8));
    bytes.push_back(static_cast<std::uint8_t>(value & 0xFF));
}

void append32(std::vector<std::uint8_t> &bytes, std::uint32_t value)
{
    append16(bytes, static_cast<std::uint16_t>(value >> 16));
    append16(bytes, static_cast<std::uint16_t>(value & 0xFFFF));
}

// RFC 791 §3.1: "The checksum field is the 16 bit one's complement of the one's complement
// sum of all 16 bit words in the header."
std::uint16_t ipv4HeaderChecksum(const std::uint8_t *header)
{
    std::uint32_t sum = 0;
    for (std::size_t i = 0; i < ipv4HeaderLength; i += 2)
        sum += static_cast<std::uint32_t>(header[i] << 8 | header[i + 1]);
    while ((sum >> 16) != 0)
        sum = (sum & 0xFFFF) + (sum >> 16);
    return static_cast<std::uint16_t>(~sum & 0xFFFF);
}

struct Direction {
    WireAddressing addressing;
    const std::array<std::uint8_t, 6> *sourceMac;
    const std::array<std::uint8_t, 6> *destinationMac;
};

Direction directionOf(const Segment &segment, const PcapOptions &options)
{
    const bool fromClient = segment.from == Side::Client;
    // `client` has options.clientPort; clientN the N-1 ports after it (the model's 49999+N rule).
    const auto clientPort = static_cast<std::uint16_t>(options.clientPort + segment.clientHost - firstClientHost);
    Direction direction;
    direction.addressing.sourceAddress = fromClient ? options.clientAddress : options.serverAddress;
    direction.addressing.destinationAddress = fromClient ? options.serverAddress : options.clientAddress;
    direction.addressing.sourcePort = fromClient ? clientPort : options.serverPort;
    direction.addressing.destinationPort = fromClient ? options.serverPort : clientPort;
    direction.sourceMac = fromClient ? &clientMac : &serverMac;
    direction.destinationMac = fromClient ? &serverMac : &clientMac;
    return direction;
}

std::vector<std::uint8_t> frameBytes(const Segment &segment, std::uint16_t ipId, const PcapOptions &options)
{
    const Direction direction = directionOf(segment, options);
    const std::vector<std::uint8_t> tcp = encodeSegment(segment, direction.addressing);

    std::vector<std::uint8_t> bytes;
    if (options.linkType == PcapLinkType::Ethernet) {
        bytes.insert(bytes.end(), direction.destinationMac->begin(), direction.destinationMac->end());
        bytes.insert(bytes.end(), direction.sourceMac->begin(), direction.sourceMac->end());
        append16(bytes, etherTypeIpv4);
    }
    const std::size_t ipStart = bytes.size();
    bytes.push_back(ipv4VersionAndLength);
    bytes.push_back(0); // DSCP / ECN
    append16(bytes, static_cast<std::uint16_t>(ipv4HeaderLength + tcp.size()));
    append16(bytes, ipId);
    append16(bytes, dontFragment);
    bytes.push_back(timeToLive);
    bytes.push_back(protocolTcp);
    append16(bytes, 0); // header checksum, filled in below
    append32(bytes, direction.addressing.sourceAddress);
    append32(bytes, direction.addressing.destinationAddress);
    const std::uint16_t checksum = ipv4HeaderChecksum(bytes.data() + ipStart);
    bytes[ipStart + 10] = static_cast<std::uint8_t>(checksum >> 8);
    bytes[ipStart + 11] = static_cast<std::uint8_t>(checksum & 0xFF);
    bytes.insert(bytes.end(), tcp.begin(), tcp.end());
    return bytes;
}

struct PcapCloser {
    void operator()(pcap_t *handle) const { pcap_close(handle); }
};
struct DumperCloser {
    void operator()(pcap_dumper_t *dumper) const { pcap_dump_close(dumper); }
};

} // namespace

std::vector<PcapPacket> pcapPackets(const std::vector<Event> &events, const PcapOptions &options)
{
    std::vector<PcapPacket> packets;
    std::array<std::uint16_t, 2> nextIpId = {1, 1}; // per sender, as a host numbers its datagrams
    for (const Event &event : events) {
        if (!event.segment)
            continue;
        // At the sender: every Send (a lost segment too, a retransmission again). A crafted
        // segment (id 0) was never sent by the model, so it appears on arrival.
        const bool sent = event.kind == EventKind::Send;
        const bool crafted = event.kind == EventKind::Deliver && event.segment->id == 0;
        if (!sent && !crafted)
            continue;
        std::uint16_t &ipId = nextIpId[event.segment->from == Side::Client ? 0 : 1];
        packets.push_back({*event.segment, event.time, frameBytes(*event.segment, ipId++, options)});
    }
    return packets;
}

bool writePcap(const std::vector<Event> &events, const std::string &path, std::string *error,
               const PcapOptions &options)
{
    const auto fail = [error](std::string message) {
        if (error)
            *error = std::move(message);
        return false;
    };
    const int linkType = options.linkType == PcapLinkType::Ethernet ? DLT_EN10MB : DLT_RAW;
    const std::unique_ptr<pcap_t, PcapCloser> handle(pcap_open_dead(linkType, snapLength));
    if (!handle)
        return fail("pcap_open_dead failed");
    std::unique_ptr<pcap_dumper_t, DumperCloser> dumper(pcap_dump_open(handle.get(), path.c_str()));
    if (!dumper)
        return fail(path + ": " + pcap_geterr(handle.get()));

    for (const PcapPacket &packet : pcapPackets(events, options)) {
        pcap_pkthdr header = {};
        header.ts.tv_sec = static_cast<time_t>(packet.timeMs / 1000);
        header.ts.tv_usec = static_cast<suseconds_t>(packet.timeMs % 1000 * 1000);
        header.caplen = static_cast<bpf_u_int32>(packet.bytes.size());
        header.len = header.caplen;
        pcap_dump(reinterpret_cast<u_char *>(dumper.get()), &header, packet.bytes.data());
    }
    if (pcap_dump_flush(dumper.get()) != 0)
        return fail(path + ": cannot write the capture");
    return true;
}

} // namespace tcpsim
