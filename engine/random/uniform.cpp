#include "random/uniform.hpp"

#include <type_traits>

#include "random/ars_x86.hpp"
#include "util/double_bits.hpp"

#if SPENDCAST_ARS_X86
#include <cpuid.h>
#endif

namespace spendcast::random {

namespace {

// ARS-5 uniform pairs for a block of consecutive paths: the software path, AES-NI on one
// block per register and VAES on two. Paths differ only in counter words 2 and 3 (one
// 64-bit half), so each path's counter is a 64-bit addition away from the previous one.

// Each fill writes either uniforms (double) or the raw 64-bit halves (std::uint64_t).

/// A 64-bit half as the output type.
template <class T>
T from_half(std::uint64_t half) {
  if constexpr (std::is_same_v<T, double>)
    return to_unit_open(half);
  else
    return half;
}

/// The scalar twin of every path: uniform_pair (ars_software's, where `software`).
template <bool both, class T>
void fill_one_by_one(StreamKey key, std::uint64_t first_path, std::size_t n, std::uint32_t step,
                     std::uint32_t draw, T* first, T* second, bool software) {
  for (std::size_t i = 0; i < n; ++i) {
    const Counter c = make_counter(first_path + i, step, draw);
    const Counter r = software ? ars_software(c, key, ars::rounds) : ars5(c, key);
    first[i] = from_half<T>(low_half(r));
    if constexpr (both) second[i] = from_half<T>(high_half(r));
  }
}

#if SPENDCAST_ARS_X86
/// (k + 1/2)·2^-52 for the top 52 bits k of each 64-bit lane, as (1 + k·2^-52) − 1 +
/// 2^-53: k becomes the mantissa of a double in [1, 2); the subtraction is exact
/// (Sterbenz) and so is the sum. The same value as to_unit_open (a test checks).
inline __m128d unit_two(__m128i x) {
  const __m128i one_bits = _mm_set1_epi64x(static_cast<long long>(util::binary64::bits_of(1.0)));
  const __m128d v = _mm_castsi128_pd(_mm_or_si128(_mm_srli_epi64(x, 12), one_bits));
  return _mm_add_pd(_mm_sub_pd(v, _mm_set1_pd(1.0)), _mm_set1_pd(0x1p-53));
}

/// Stores two 64-bit halves as uniforms or as words.
inline void store_two(double* p, __m128i x) {
  _mm_storeu_pd(p, unit_two(x));
}
inline void store_two(std::uint64_t* p, __m128i x) {
  _mm_storeu_si128(reinterpret_cast<__m128i*>(p), x);
}

/// AES-NI: 16 independent blocks in flight hide AESENC's latency.
template <bool both, class T>
__attribute__((target("aes"))) void fill_aesni(StreamKey key, std::uint64_t first_path,
                                               std::size_t n, std::uint32_t step,
                                               std::uint32_t draw, T* first, T* second) {
  constexpr int blocks = 16;
  const ars::RoundKeys keys = ars::round_keys(key);
  const __m128i* rk = keys.key;
  // Counter (draw, step, path): low half draw | step << 32, high half the path.
  const long long low = static_cast<long long>((std::uint64_t{step} << 32) | draw);
  __m128i ctr = _mm_set_epi64x(static_cast<long long>(first_path), low);
  const __m128i next = _mm_set_epi64x(1, 0);
  std::size_t i = 0;
  for (; i + blocks <= n; i += blocks) {
    __m128i v[blocks];
    for (int b = 0; b < blocks; ++b) {
      v[b] = _mm_xor_si128(ctr, rk[0]);
      ctr = _mm_add_epi64(ctr, next);
    }
    for (int r = 1; r < ars::rounds; ++r)
      for (int b = 0; b < blocks; ++b) v[b] = _mm_aesenc_si128(v[b], rk[r]);
    for (int b = 0; b < blocks; ++b) v[b] = _mm_aesenclast_si128(v[b], rk[ars::rounds]);
    for (int b = 0; b < blocks; b += 2) {
      store_two(first + i + b, _mm_unpacklo_epi64(v[b], v[b + 1]));
      if constexpr (both) store_two(second + i + b, _mm_unpackhi_epi64(v[b], v[b + 1]));
    }
  }
  fill_one_by_one<both, T>(key, first_path + i, n - i, step, draw, first + i,
                           both ? second + i : nullptr, false);
}

/// unit_two on four lanes.
__attribute__((target("avx2"))) inline __m256d unit_four(__m256i x) {
  const __m256i one_bits = _mm256_set1_epi64x(static_cast<long long>(util::binary64::bits_of(1.0)));
  const __m256d v = _mm256_castsi256_pd(_mm256_or_si256(_mm256_srli_epi64(x, 12), one_bits));
  return _mm256_add_pd(_mm256_sub_pd(v, _mm256_set1_pd(1.0)), _mm256_set1_pd(0x1p-53));
}

/// Stores four 64-bit halves as uniforms or as words.
__attribute__((target("avx2"))) inline void store_four(double* p, __m256i x) {
  _mm256_storeu_pd(p, unit_four(x));
}
__attribute__((target("avx2"))) inline void store_four(std::uint64_t* p, __m256i x) {
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(p), x);
}

/// VAES: two blocks per 256-bit register, eight registers per iteration. Register A holds
/// paths (p, p + 2) and B (p + 1, p + 3), and so on, so that unpacking their 64-bit halves gives
/// the four paths' uniforms in order.
template <bool both, class T>
__attribute__((target("avx2,aes,vaes"))) void fill_vaes(StreamKey key, std::uint64_t first_path,
                                                        std::size_t n, std::uint32_t step,
                                                        std::uint32_t draw, T* first, T* second) {
  constexpr int registers = 8;
  const ars::RoundKeys keys = ars::round_keys(key);
  __m256i rk[ars::rounds + 1];  // each round key in both 128-bit lanes
  for (int r = 0; r <= ars::rounds; ++r) rk[r] = _mm256_broadcastsi128_si256(keys.key[r]);
  const long long low = static_cast<long long>((std::uint64_t{step} << 32) | draw);
  auto path = [&](int k) { return static_cast<long long>(first_path + k); };  // wraps as u64
  __m256i ctr[registers];
  for (int b = 0; b < registers; b += 2) {  // registers b, b + 1: paths 2b .. 2b + 3
    ctr[b] = _mm256_set_epi64x(path(2 * b + 2), low, path(2 * b), low);
    ctr[b + 1] = _mm256_set_epi64x(path(2 * b + 3), low, path(2 * b + 1), low);
  }
  const __m256i next = _mm256_set_epi64x(2 * registers, 0, 2 * registers, 0);
  std::size_t i = 0;
  for (; i + 2 * registers <= n; i += 2 * registers) {
    __m256i v[registers];
    for (int b = 0; b < registers; ++b) {
      v[b] = _mm256_xor_si256(ctr[b], rk[0]);
      ctr[b] = _mm256_add_epi64(ctr[b], next);
    }
    for (int r = 1; r < ars::rounds; ++r)
      for (int b = 0; b < registers; ++b) v[b] = _mm256_aesenc_epi128(v[b], rk[r]);
    for (int b = 0; b < registers; ++b) v[b] = _mm256_aesenclast_epi128(v[b], rk[ars::rounds]);
    for (int b = 0; b < registers; b += 2) {
      store_four(first + i + 2 * b, _mm256_unpacklo_epi64(v[b], v[b + 1]));
      if constexpr (both) store_four(second + i + 2 * b, _mm256_unpackhi_epi64(v[b], v[b + 1]));
    }
  }
  fill_one_by_one<both, T>(key, first_path + i, n - i, step, draw, first + i,
                           both ? second + i : nullptr, false);
}
#endif

template <bool both, class T>
void fill(UniformLanes lanes, StreamKey key, std::uint64_t first_path, std::size_t n,
          std::uint32_t step, std::uint32_t draw, T* first, T* second) {
  switch (lanes) {
#if SPENDCAST_ARS_X86
    case UniformLanes::aesni:
      return fill_aesni<both, T>(key, first_path, n, step, draw, first, second);
    case UniformLanes::vaes:
      return fill_vaes<both, T>(key, first_path, n, step, draw, first, second);
#endif
    default:
      return fill_one_by_one<both, T>(key, first_path, n, step, draw, first, second, true);
  }
}

#if SPENDCAST_ARS_X86
/// VAES, read from CPUID leaf 7 (ECX bit 9) because clang 14's __builtin_cpu_supports
/// does not know the feature; the "avx2" check beside its use covers the OS saving YMM.
bool cpu_has_vaes() {
  constexpr unsigned vaes_bit = 1u << 9;
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  return __get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx) && (ecx & vaes_bit);
}
#endif

}  // namespace

bool lanes_available(UniformLanes lanes) {
  switch (lanes) {
    case UniformLanes::software:
      return true;
    case UniformLanes::aesni:
      return cpu_has_aes();
    case UniformLanes::vaes:
#if SPENDCAST_ARS_X86
    {
      static const bool has =
          __builtin_cpu_supports("avx2") && __builtin_cpu_supports("aes") && cpu_has_vaes();
      return has;
    }
#endif
      return false;
  }
  return false;
}

UniformLanes fastest_lanes() {
  static const UniformLanes best = lanes_available(UniformLanes::vaes)    ? UniformLanes::vaes
                                   : lanes_available(UniformLanes::aesni) ? UniformLanes::aesni
                                                                          : UniformLanes::software;
  return best;
}

void fill_uniform_pairs_on(UniformLanes lanes, StreamKey key, std::uint64_t first_path,
                           std::size_t n, std::uint32_t step, std::uint32_t draw, double* first,
                           double* second) {
  if (second)
    fill<true>(lanes, key, first_path, n, step, draw, first, second);
  else
    fill<false>(lanes, key, first_path, n, step, draw, first, second);
}

void fill_uniform_pairs(StreamKey key, std::uint64_t first_path, std::size_t n, std::uint32_t step,
                        std::uint32_t draw, double* first, double* second) {
  fill<true>(fastest_lanes(), key, first_path, n, step, draw, first, second);
}

void fill_uniforms(StreamKey key, std::uint64_t first_path, std::size_t n, std::uint32_t step,
                   std::uint32_t draw, double* out) {
  fill<false, double>(fastest_lanes(), key, first_path, n, step, draw, out, nullptr);
}

void fill_word_pairs_on(UniformLanes lanes, StreamKey key, std::uint64_t first_path, std::size_t n,
                        std::uint32_t step, std::uint32_t draw, std::uint64_t* first,
                        std::uint64_t* second) {
  if (second)
    fill<true>(lanes, key, first_path, n, step, draw, first, second);
  else
    fill<false>(lanes, key, first_path, n, step, draw, first, second);
}

void fill_word_pairs(StreamKey key, std::uint64_t first_path, std::size_t n, std::uint32_t step,
                     std::uint32_t draw, std::uint64_t* first, std::uint64_t* second) {
  fill_word_pairs_on(fastest_lanes(), key, first_path, n, step, draw, first, second);
}

}  // namespace spendcast::random
