#pragma once

#include <cstdint>

#include "random/stream.hpp"

namespace spendcast::random {

/// Philox4x32-10's constants, named as Random123's philox.h names them (PHILOX_M4x32_0,
/// PHILOX_M4x32_1, PHILOX_W32_0, PHILOX_W32_1; tests/random/philox_test.cpp checks them
/// equal): the one place they are written. Every Philox in the engine (this reference,
/// the AVX2 and portable lanes of uniform.cpp) uses these.
namespace philox {
inline constexpr std::uint32_t M4x32_0 = 0xD2511F53u;  ///< multiplier of counter word 0
inline constexpr std::uint32_t M4x32_1 = 0xCD9E8D57u;  ///< multiplier of counter word 2
inline constexpr std::uint32_t W32_0 = 0x9E3779B9u;    ///< key word 0's increment per round
inline constexpr std::uint32_t W32_1 = 0xBB67AE85u;    ///< key word 1's increment per round
inline constexpr int rounds = 10;
}  // namespace philox

/// Philox4x32-10 (Salmon et al., SC'11), the generator of Random123: a bijection of the
/// 128-bit counter under the 64-bit key (k0, k1). Written with plain 64-bit multiplies so that
/// loops over many counters vectorise; a test pins it to Random123's own philox4x32.
/// The reference twin of the lanes in uniform.cpp.
constexpr Counter philox4x32_10(Counter ctr, StreamKey key) {
  std::uint32_t k0 = key.k0, k1 = key.k1;
  for (int round = 0; round < philox::rounds; ++round) {
    if (round > 0) {
      k0 += philox::W32_0;
      k1 += philox::W32_1;
    }
    const std::uint64_t p0 = std::uint64_t{philox::M4x32_0} * ctr[0];
    const std::uint64_t p1 = std::uint64_t{philox::M4x32_1} * ctr[2];
    ctr = {static_cast<std::uint32_t>(p1 >> 32) ^ ctr[1] ^ k0, static_cast<std::uint32_t>(p1),
           static_cast<std::uint32_t>(p0 >> 32) ^ ctr[3] ^ k1, static_cast<std::uint32_t>(p0)};
  }
  return ctr;
}

}  // namespace spendcast::random
