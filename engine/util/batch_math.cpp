#include "util/batch_math.hpp"

#include <array>
#include <bit>
#include <cmath>
#include <cstdint>

#if defined(__AVX2__) && defined(__FMA__)
#include <immintrin.h>
#endif

namespace spendcast {

namespace {

// exp(x) = 2^k · exp(r): k = round(x / ln 2) by the round-to-nearest of adding 1.5·2^52,
// r = x − k ln 2 in two fused steps (Cody–Waite: ln2_hi has 11 trailing zero bits, so
// k·ln2_hi is exact for |k| < 2^11), exp(r) on |r| <= ln2/2 by its Taylor series to r^13
// (the first omitted term is below 5e-18), and 2^k applied as two exact powers of two so
// that results that overflow, underflow or are subnormal round once, like std::exp.
constexpr double log2e = 1.4426950408889634074;
constexpr double ln2_hi = 0x1.62e42fee00000p-1;
constexpr double ln2_lo = 0x1.a39ef35793c76p-33;
constexpr double shifter = 0x1.8p52;
constexpr double lowest = -750.0, highest = 710.0;  // exp is 0 below, +inf above
constexpr int degree = 13;
constexpr std::array<double, degree + 1> taylor = [] {
  std::array<double, degree + 1> c{};
  double factorial = 1.0;
  for (int j = 0; j <= degree; ++j) {
    if (j > 1) factorial *= j;
    c[j] = 1.0 / factorial;
  }
  return c;
}();
constexpr std::uint64_t shifter_bits = std::bit_cast<std::uint64_t>(shifter);

/// The scalar twin of the SIMD code below: the same operations in the same order (fma
/// where it uses fma), so it returns the same bits; used for the short tails of arrays.
double exp_one(double x) {
  double a = lowest > x ? lowest : x;  // NaN passes through, as with vmaxpd(lowest, x)
  a = highest < a ? highest : a;
  const double t = std::fma(a, log2e, shifter);
  const double k = t - shifter;
  double r = std::fma(-k, ln2_hi, a);
  r = std::fma(-k, ln2_lo, r);
  double p = taylor[degree];
  for (int j = degree - 1; j >= 0; --j) p = std::fma(p, r, taylor[j]);
  const double half = std::fma(k, 0.5, shifter);  // round(k / 2)
  const std::uint64_t k1 = std::bit_cast<std::uint64_t>(half) - shifter_bits;
  const std::uint64_t k2 = std::bit_cast<std::uint64_t>(t) - shifter_bits - k1;
  const double s1 = std::bit_cast<double>((k1 + 1023) << 52);
  const double s2 = std::bit_cast<double>((k2 + 1023) << 52);
  return p * s1 * s2;
}

#if defined(__AVX2__) && defined(__FMA__)
inline __m256d exp_packet(__m256d x) {
  const __m256d sh = _mm256_set1_pd(shifter);
  __m256d a = _mm256_max_pd(_mm256_set1_pd(lowest), x);
  a = _mm256_min_pd(_mm256_set1_pd(highest), a);
  const __m256d t = _mm256_fmadd_pd(a, _mm256_set1_pd(log2e), sh);
  const __m256d k = _mm256_sub_pd(t, sh);
  __m256d r = _mm256_fnmadd_pd(k, _mm256_set1_pd(ln2_hi), a);
  r = _mm256_fnmadd_pd(k, _mm256_set1_pd(ln2_lo), r);
  __m256d p = _mm256_set1_pd(taylor[degree]);
  for (int j = degree - 1; j >= 0; --j) p = _mm256_fmadd_pd(p, r, _mm256_set1_pd(taylor[j]));
  const __m256d half = _mm256_fmadd_pd(k, _mm256_set1_pd(0.5), sh);
  const __m256i shb = _mm256_set1_epi64x(static_cast<long long>(shifter_bits));
  const __m256i k1 = _mm256_sub_epi64(_mm256_castpd_si256(half), shb);
  const __m256i k2 = _mm256_sub_epi64(_mm256_sub_epi64(_mm256_castpd_si256(t), shb), k1);
  const __m256i bias = _mm256_set1_epi64x(1023);
  const __m256d s1 = _mm256_castsi256_pd(_mm256_slli_epi64(_mm256_add_epi64(k1, bias), 52));
  const __m256d s2 = _mm256_castsi256_pd(_mm256_slli_epi64(_mm256_add_epi64(k2, bias), 52));
  return _mm256_mul_pd(_mm256_mul_pd(p, s1), s2);
}
#endif

}  // namespace

void batch_exp(const double* in, double* out, std::size_t n) {
  std::size_t i = 0;
#if defined(__AVX2__) && defined(__FMA__)
  for (; i + 8 <= n; i += 8) {  // two registers per iteration: independent chains
    const __m256d a = exp_packet(_mm256_loadu_pd(in + i));
    const __m256d b = exp_packet(_mm256_loadu_pd(in + i + 4));
    _mm256_storeu_pd(out + i, a);
    _mm256_storeu_pd(out + i + 4, b);
  }
#endif
  for (; i < n; ++i) out[i] = exp_one(in[i]);
}

}  // namespace spendcast
