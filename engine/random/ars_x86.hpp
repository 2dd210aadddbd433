#pragma once
// The x86 pieces that ARS-5's AES-NI and VAES code share (ars.cpp, uniform.cpp): the key
// and the Weyl increment as AES state registers, and the round keys of the engine's ARS-5.
// SSE2 only: every caller's target attributes allow it.

#if defined(__x86_64__) || defined(__i386__)
#define SPENDCAST_ARS_X86 1
#include <immintrin.h>

#include "random/ars.hpp"

namespace spendcast::random::ars {

/// `key` as an AES state register: word k0 in the lowest 32 bits.
inline __m128i key_register(StreamKey key) {
  return _mm_set_epi32(static_cast<int>(key.k3), static_cast<int>(key.k2), static_cast<int>(key.k1),
                       static_cast<int>(key.k0));
}

/// The Weyl increment (weyl_low, weyl_high), one per 64-bit half.
inline __m128i weyl_register() {
  return _mm_set_epi64x(static_cast<long long>(weyl_high), static_cast<long long>(weyl_low));
}

/// ARS-5's round keys 0..rounds: the key plus r increments in each 64-bit half.
struct RoundKeys {
  __m128i key[rounds + 1];
};
inline RoundKeys round_keys(StreamKey key) {
  RoundKeys keys;
  keys.key[0] = key_register(key);
  for (int r = 1; r <= rounds; ++r) keys.key[r] = _mm_add_epi64(keys.key[r - 1], weyl_register());
  return keys;
}

}  // namespace spendcast::random::ars

#else
#define SPENDCAST_ARS_X86 0
#endif
