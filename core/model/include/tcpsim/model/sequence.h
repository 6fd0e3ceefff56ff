// SPDX-License-Identifier: GPL-3.0-or-later
// Sequence-number arithmetic modulo 2^32 (RFC 9293 §3.4).
#pragma once

#include <cstdint>

namespace tcpsim {

using SeqNum = std::uint32_t;

// "It is essential to remember that the actual sequence number space is finite, though
// very large ... all arithmetic dealing with sequence numbers must be performed modulo 2**32."
constexpr bool seqLt(SeqNum a, SeqNum b) { return static_cast<std::int32_t>(a - b) < 0; }
constexpr bool seqLe(SeqNum a, SeqNum b) { return static_cast<std::int32_t>(a - b) <= 0; }
constexpr bool seqGt(SeqNum a, SeqNum b) { return seqLt(b, a); }
constexpr bool seqGe(SeqNum a, SeqNum b) { return seqLe(b, a); }

// low <= x < high, modulo 2^32 (the window test of §3.10.7.4).
constexpr bool seqInHalfOpen(SeqNum low, SeqNum x, SeqNum high)
{
    return static_cast<std::uint32_t>(x - low) < static_cast<std::uint32_t>(high - low);
}

// low < x <= high, modulo 2^32 (the ACK test: SND.UNA < SEG.ACK =< SND.NXT).
constexpr bool seqInLeftOpen(SeqNum low, SeqNum x, SeqNum high)
{
    return x != low && static_cast<std::uint32_t>(x - low) <= static_cast<std::uint32_t>(high - low);
}

} // namespace tcpsim
