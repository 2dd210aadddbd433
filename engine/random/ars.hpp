#pragma once

#include <cstddef>
#include <cstdint>

#include "random/stream.hpp"

namespace spendcast::random {

/// ARS's constants (Random123's ars.h): the key schedule adds a Weyl increment to each
/// 64-bit half of the key every round.
namespace ars {
inline constexpr std::uint64_t weyl_low = 0x9E3779B97F4A7C15ull;   ///< golden ratio · 2^64
inline constexpr std::uint64_t weyl_high = 0xBB67AE8584CAA73Bull;  ///< (√3 − 1) · 2^64
inline constexpr int rounds = 5;  ///< the engine's ARS-5 (BigCrush-clean from 5 rounds)
}  // namespace ars

/// ARS-R (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC'11; Random123's
/// ars4x32_R): a bijection of the 128-bit counter under the 128-bit key. The state is
/// counter XOR key, then R AES rounds (SubBytes, ShiftRows, MixColumns, AddRoundKey; the
/// last without MixColumns) whose round keys are the key plus r·(weyl_low, weyl_high),
/// each 64-bit half added separately. Word i of counter, key and result is the AES
/// state's column i, its low byte first. 1 ≤ rounds ≤ 10.
///
/// Three implementations, bitwise equal (tests/random/ars_test.cpp, which also pins them
/// to Random123 and its known answers): a portable software round, AES-NI, and ars_r,
/// which takes AES-NI when the CPU has it.
Counter ars_software(Counter ctr, StreamKey key, int rounds);

/// ARS-R with AES-NI instructions. Call only where cpu_has_aes().
Counter ars_aesni(Counter ctr, StreamKey key, int rounds);

/// Whether this CPU has the AES-NI instructions (x86-64 only; false elsewhere).
bool cpu_has_aes();

/// ARS-R on the fastest implementation this CPU has.
Counter ars_r(Counter ctr, StreamKey key, int rounds);

/// The engine's generator: ARS-5.
inline Counter ars5(Counter ctr, StreamKey key) {
  return ars_r(ctr, key, ars::rounds);
}

/// out[i] = ars5(in[i], key) for i < n: on AES-NI four blocks at a time, whose rounds
/// overlap (for scattered counters: the ziggurat's rare further words).
void ars5_blocks(const Counter* in, StreamKey key, Counter* out, std::size_t n);

}  // namespace spendcast::random
