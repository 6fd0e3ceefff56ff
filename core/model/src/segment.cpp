// SPDX-License-Identifier: GPL-3.0-or-later
#include "tcpsim/model/segment.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace tcpsim {

namespace {

struct FlagName {
    Flag flag;
    std::string_view name;
};
// Wireshark's order.
constexpr std::array<FlagName, 5> flagNames = {{
    {Syn, "SYN"}, {Fin, "FIN"}, {Rst, "RST"}, {Psh, "PSH"}, {Ack, "ACK"},
}};

bool equalsIgnoringCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size()
        && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::toupper(static_cast<unsigned char>(x)) == std::toupper(static_cast<unsigned char>(y));
           });
}

void put16(std::vector<std::uint8_t> &bytes, std::size_t at, std::uint16_t value)
{
    bytes[at] = static_cast<std::uint8_t>(value >> 8);
    bytes[at + 1] = static_cast<std::uint8_t>(value & 0xFF);
}

void put32(std::vector<std::uint8_t> &bytes, std::size_t at, std::uint32_t value)
{
    put16(bytes, at, static_cast<std::uint16_t>(value >> 16));
    put16(bytes, at + 2, static_cast<std::uint16_t>(value & 0xFFFF));
}

constexpr std::size_t headerLength = 20;
constexpr std::uint8_t mssOptionLength = 4;
constexpr std::uint8_t protocolTcp = 6;
constexpr std::uint8_t optionKindMss = 2;

} // namespace

std::string flagsToString(std::uint8_t flags)
{
    std::string text;
    for (const FlagName &entry : flagNames) {
        if ((flags & entry.flag) == 0)
            continue;
        if (!text.empty())
            text += '+';
        text += entry.name;
    }
    return text.empty() ? "none" : text;
}

std::optional<std::uint8_t> parseFlags(std::string_view text)
{
    std::uint8_t flags = 0;
    while (true) {
        const std::size_t plus = text.find('+');
        const std::string_view name = text.substr(0, plus);
        const auto found = std::find_if(flagNames.begin(), flagNames.end(),
                                        [name](const FlagName &entry) { return equalsIgnoringCase(entry.name, name); });
        if (found == flagNames.end() || (flags & found->flag) != 0)
            return std::nullopt;
        flags |= found->flag;
        if (plus == std::string_view::npos)
            return flags;
        text.remove_prefix(plus + 1);
    }
}

std::vector<WireOption> wireOptions(const Segment &segment)
{
    std::vector<WireOption> options;
    const auto add = [&options](std::uint8_t kind, std::vector<std::uint8_t> bytes) {
        options.push_back({kind, std::move(bytes)});
    };
    const auto nop = [&add] { add(1, {1}); };
    const auto be32 = [](std::uint32_t value) {
        return std::vector<std::uint8_t>{std::uint8_t(value >> 24), std::uint8_t(value >> 16),
                                         std::uint8_t(value >> 8), std::uint8_t(value)};
    };
    if (segment.mss != 0)
        add(optionKindMss, {optionKindMss, mssOptionLength, std::uint8_t(segment.mss >> 8), std::uint8_t(segment.mss)});
    // Linux (tcp_options_write): SACK-permitted shares its word with the timestamps when both
    // go out; a lone timestamps option is preceded by two NOPs.
    if (segment.sackPermitted && segment.timestamps) {
        add(4, {4, 2});
    } else if (segment.timestamps) {
        nop();
        nop();
    }
    if (segment.timestamps) {
        std::vector<std::uint8_t> bytes{8, 10};
        for (std::uint8_t byte : be32(segment.timestamps->value))
            bytes.push_back(byte);
        for (std::uint8_t byte : be32(segment.timestamps->echo))
            bytes.push_back(byte);
        add(8, std::move(bytes));
    }
    if (segment.sackPermitted && !segment.timestamps) {
        nop();
        nop();
        add(4, {4, 2});
    }
    if (segment.windowScale) {
        nop();
        add(3, {3, 3, *segment.windowScale});
    }
    return options;
}

std::string_view optionKindName(std::uint8_t kind)
{
    switch (kind) {
    case 0: return "end of options";
    case 1: return "NOP";
    case 2: return "MSS";
    case 3: return "window scale";
    case 4: return "SACK-permitted";
    case 8: return "timestamps";
    default: return "unknown";
    }
}

std::vector<std::uint8_t> encodeSegment(const Segment &segment, const WireAddressing &addressing)
{
    std::vector<std::uint8_t> options;
    for (const WireOption &option : wireOptions(segment))
        options.insert(options.end(), option.bytes.begin(), option.bytes.end());
    while (options.size() % 4 != 0)
        options.push_back(0); // end of options, padding to the 32-bit boundary (§3.1)
    const std::size_t dataOffset = headerLength + options.size();
    std::vector<std::uint8_t> bytes(dataOffset + segment.data.size(), 0);
    put16(bytes, 0, addressing.sourcePort);
    put16(bytes, 2, addressing.destinationPort);
    put32(bytes, 4, segment.seq);
    // §3.1: "If the ACK control bit is set, this field contains the value of the next sequence
    // number the sender of the segment is expecting to receive."
    put32(bytes, 8, segment.has(Ack) ? segment.ack : 0);
    bytes[12] = static_cast<std::uint8_t>((dataOffset / 4) << 4);
    bytes[13] = segment.flags;
    put16(bytes, 14, segment.window);
    // bytes 16-17 checksum (below), 18-19 urgent pointer (0)
    std::copy(options.begin(), options.end(), bytes.begin() + static_cast<std::ptrdiff_t>(headerLength));
    std::copy(segment.data.begin(), segment.data.end(), bytes.begin() + static_cast<std::ptrdiff_t>(dataOffset));
    put16(bytes, 16, tcpChecksum(bytes, addressing));
    return bytes;
}

std::uint16_t tcpChecksum(const std::vector<std::uint8_t> &tcpBytes, const WireAddressing &addressing)
{
    // §3.1: the 16-bit one's complement of the one's complement sum of the pseudo-header
    // (source, destination, zero, PTCL=6, TCP length) and the TCP header and data, padded with
    // a zero octet to a 16-bit boundary. Over a segment whose checksum field is filled in, the
    // result is 0.
    std::uint64_t sum = 0;
    sum += addressing.sourceAddress >> 16;
    sum += addressing.sourceAddress & 0xFFFF;
    sum += addressing.destinationAddress >> 16;
    sum += addressing.destinationAddress & 0xFFFF;
    sum += protocolTcp;
    sum += tcpBytes.size();
    for (std::size_t i = 0; i < tcpBytes.size(); i += 2) {
        const std::uint32_t high = tcpBytes[i];
        const std::uint32_t low = i + 1 < tcpBytes.size() ? tcpBytes[i + 1] : 0;
        sum += (high << 8) | low;
    }
    while ((sum >> 16) != 0)
        sum = (sum & 0xFFFF) + (sum >> 16);
    return static_cast<std::uint16_t>(~sum & 0xFFFF);
}

} // namespace tcpsim
