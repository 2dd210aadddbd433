#include "random/uniform.hpp"

#include <bit>

#include "util/double_bits.hpp"

#if defined(__AVX2__)
#include <immintrin.h>
#endif

namespace spendcast::random {

namespace {

#if !defined(__AVX2__)  // the portable path (clang warns about unused internal functions)
constexpr std::size_t lanes = 8;

/// Philox4x32-10 on `lanes` consecutive paths at once, structure of arrays, so that the
/// compiler vectorises across paths (32×32→64-bit multiplies: vpmuludq). Same function as
/// philox4x32_10 (a test pins them together).
struct LaneWords {
  std::uint32_t w0[lanes], w1[lanes], w2[lanes], w3[lanes];
};

inline void philox_lanes(StreamKey key, std::uint64_t first_path, std::uint32_t step,
                         std::uint32_t draw, LaneWords& c) {
  for (std::size_t l = 0; l < lanes; ++l) {
    const std::uint64_t path = first_path + l;
    c.w0[l] = draw;
    c.w1[l] = step;
    c.w2[l] = static_cast<std::uint32_t>(path);
    c.w3[l] = static_cast<std::uint32_t>(path >> 32);
  }
  std::uint32_t k0 = key.k0, k1 = key.k1;
  for (int round = 0; round < philox::rounds; ++round) {
    for (std::size_t l = 0; l < lanes; ++l) {
      const std::uint64_t p0 = std::uint64_t{philox::M4x32_0} * c.w0[l];
      const std::uint64_t p1 = std::uint64_t{philox::M4x32_1} * c.w2[l];
      const std::uint32_t n0 = static_cast<std::uint32_t>(p1 >> 32) ^ c.w1[l] ^ k0;
      const std::uint32_t n2 = static_cast<std::uint32_t>(p0 >> 32) ^ c.w3[l] ^ k1;
      c.w1[l] = static_cast<std::uint32_t>(p1);
      c.w3[l] = static_cast<std::uint32_t>(p0);
      c.w0[l] = n0;
      c.w2[l] = n2;
    }
    k0 += philox::W32_0;
    k1 += philox::W32_1;
  }
}
#endif

/// to_unit_open without an int→double conversion instruction (AVX2 has none for 64-bit
/// integers): the 52 bits k become the mantissa of 2^52 + k, exactly; subtracting 2^52
/// and scaling gives (k + 1/2)·2^-52, the same double as to_unit_open.
inline double unit_from_words(std::uint32_t high, std::uint32_t low) {
  const std::uint64_t k = ((std::uint64_t{high} << 32) | low) >> 12;
  const double two52_plus_k = std::bit_cast<double>(binary64::bits_of(0x1p52) | k);
  return (two52_plus_k - 0x1p52 + 0.5) * 0x1p-52;
}

#if defined(__AVX2__)
/// AVX2: four paths per register, each 32-bit word in the low half of a 64-bit lane, so
/// that vpmuludq is Philox's 32×32→64 multiply. High halves may hold junk: only low
/// halves feed the multiplies and the final words.
template <bool both>
void fill_avx2(StreamKey key, std::uint64_t first_path, std::size_t n, std::uint32_t step,
               std::uint32_t draw, double* first, double* second) {
  const __m256i m0 = _mm256_set1_epi64x(philox::M4x32_0);
  const __m256i m1 = _mm256_set1_epi64x(philox::M4x32_1);
  // (k + 1/2)·2^-52 as (1 + k·2^-52) − 1 + 2^-53: the 52 bits k become the mantissa of a
  // double in [1, 2); the subtraction is exact (Sterbenz) and so is the sum, (2k + 1)·2^-53
  // having at most 53 significant bits. Same value as to_unit_open, in fewer operations.
  const __m256i one_bits = _mm256_set1_epi64x(static_cast<long long>(binary64::bits_of(1.0)));
  const __m256d one = _mm256_set1_pd(1.0), half_ulp = _mm256_set1_pd(0x1p-53);
  auto to_unit = [&](__m256i high, __m256i low) {
    // high's word into the upper half of each 64-bit lane, low's kept in the lower half.
    const __m256i words = _mm256_blend_epi32(low, _mm256_slli_epi64(high, 32), 0b10101010);
    const __m256i k = _mm256_srli_epi64(words, 12);
    const __m256d v = _mm256_castsi256_pd(_mm256_or_si256(k, one_bits));
    return _mm256_add_pd(_mm256_sub_pd(v, one), half_ulp);
  };
  // Two groups of four paths per iteration: independent chains hide the multiplies'
  // latency.
  struct Group {
    __m256i w0, w1, w2, w3;
  };
  auto start = [&](std::uint64_t p) {
    return Group{
        _mm256_set1_epi64x(draw), _mm256_set1_epi64x(step),
        _mm256_set_epi64x(static_cast<std::uint32_t>(p + 3), static_cast<std::uint32_t>(p + 2),
                          static_cast<std::uint32_t>(p + 1), static_cast<std::uint32_t>(p)),
        _mm256_set_epi64x((p + 3) >> 32, (p + 2) >> 32, (p + 1) >> 32, p >> 32)};
  };
  auto round = [&](Group& g, __m256i k0, __m256i k1) {
    const __m256i p0 = _mm256_mul_epu32(g.w0, m0);
    const __m256i p1 = _mm256_mul_epu32(g.w2, m1);
    g.w0 = _mm256_xor_si256(_mm256_xor_si256(_mm256_srli_epi64(p1, 32), g.w1), k0);
    g.w2 = _mm256_xor_si256(_mm256_xor_si256(_mm256_srli_epi64(p0, 32), g.w3), k1);
    g.w1 = p1;
    g.w3 = p0;
  };
  // The round keys, broadcast once per call rather than once per round.
  __m256i round_k0[philox::rounds], round_k1[philox::rounds];
  for (std::uint32_t r = 0, k0 = key.k0, k1 = key.k1; r < philox::rounds;
       ++r, k0 += philox::W32_0, k1 += philox::W32_1) {
    round_k0[r] = _mm256_set1_epi64x(k0);
    round_k1[r] = _mm256_set1_epi64x(k1);
  }
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    Group a = start(first_path + i), b = start(first_path + i + 4);
    for (int r = 0; r < philox::rounds; ++r) {
      round(a, round_k0[r], round_k1[r]);
      round(b, round_k0[r], round_k1[r]);
    }
    _mm256_storeu_pd(first + i, to_unit(a.w0, a.w1));
    _mm256_storeu_pd(first + i + 4, to_unit(b.w0, b.w1));
    if constexpr (both) {
      _mm256_storeu_pd(second + i, to_unit(a.w2, a.w3));
      _mm256_storeu_pd(second + i + 4, to_unit(b.w2, b.w3));
    }
  }
  for (; i < n; ++i) {
    const Counter r = philox4x32_10(make_counter(first_path + i, step, draw), key);
    first[i] = unit_from_words(r[0], r[1]);
    if constexpr (both) second[i] = unit_from_words(r[2], r[3]);
  }
}
#endif

#if !defined(__AVX2__)
template <bool both>
void fill(StreamKey key, std::uint64_t first_path, std::size_t n, std::uint32_t step,
          std::uint32_t draw, double* first, double* second) {
  LaneWords c;
  for (std::size_t i = 0; i < n; i += lanes) {
    philox_lanes(key, first_path + i, step, draw, c);
    const std::size_t count = n - i < lanes ? n - i : lanes;
    if (count == lanes) {
      for (std::size_t l = 0; l < lanes; ++l) first[i + l] = unit_from_words(c.w0[l], c.w1[l]);
      if constexpr (both)
        for (std::size_t l = 0; l < lanes; ++l) second[i + l] = unit_from_words(c.w2[l], c.w3[l]);
    } else {
      for (std::size_t l = 0; l < count; ++l) {
        first[i + l] = unit_from_words(c.w0[l], c.w1[l]);
        if constexpr (both) second[i + l] = unit_from_words(c.w2[l], c.w3[l]);
      }
    }
  }
}
#endif

}  // namespace

void fill_uniform_pairs(StreamKey key, std::uint64_t first_path, std::size_t n, std::uint32_t step,
                        std::uint32_t draw, double* first, double* second) {
#if defined(__AVX2__)
  fill_avx2<true>(key, first_path, n, step, draw, first, second);
#else
  fill<true>(key, first_path, n, step, draw, first, second);
#endif
}

void fill_uniforms(StreamKey key, std::uint64_t first_path, std::size_t n, std::uint32_t step,
                   std::uint32_t draw, double* out) {
#if defined(__AVX2__)
  fill_avx2<false>(key, first_path, n, step, draw, out, nullptr);
#else
  fill<false>(key, first_path, n, step, draw, out, nullptr);
#endif
}

}  // namespace spendcast::random
