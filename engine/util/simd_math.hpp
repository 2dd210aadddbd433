#pragma once
// exp and log for the hot loop: an AVX2 form (four doubles) and a scalar twin that does
// the same operations in the same order (fma where the vector form uses fma), so both
// return the same bits and a value's result never depends on whether it fell in a
// vector body or a scalar tail. No division in exp; one in log. Accuracy (tests in
// tests/util/simd_math_test.cpp): exp within 1.25 ulp, log within 1 ulp.
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>

#include "util/double_bits.hpp"

#if defined(__AVX2__) && defined(__FMA__)
#include <immintrin.h>
#define SPENDCAST_SIMD_MATH_AVX2 1
#endif

namespace spendcast::util::simd {

namespace detail {

constexpr double ln2_hi = 0x1.62e42fee00000p-1;   // 11 trailing zero bits: k·ln2_hi exact
constexpr double ln2_lo = 0x1.a39ef35793c76p-33;  // ln 2 − ln2_hi
constexpr double shifter = 0x1.8p52;              // adding it rounds to an integer
constexpr std::uint64_t shifter_bits = std::bit_cast<std::uint64_t>(shifter);

// exp(x) = 2^k · exp(r): k = round(x / ln 2), r = x − k ln 2 in two fused steps
// (Cody–Waite), exp(r) on |r| <= ln2/2 by its Taylor series to r^13 (the first omitted
// term is below 5e-18), 2^k applied as two exact powers of two so that results that
// overflow, underflow or are subnormal round once, like std::exp.
constexpr double log2e = 1.4426950408889634074;
constexpr double exp_lowest = -750.0, exp_highest = 710.0;  // exp is 0 below, +inf above
constexpr int exp_degree = 13;
constexpr std::array<double, exp_degree + 1> exp_series = [] {
  std::array<double, exp_degree + 1> c{};
  double factorial = 1.0;
  for (int j = 0; j <= exp_degree; ++j) {
    if (j > 1) factorial *= j;
    c[j] = 1.0 / factorial;
  }
  return c;
}();

// log(x) = e ln 2 + log(1 + f), x = 2^e (1 + f) with 1 + f in [√½, √2), and
// log(1 + f) = f − (h − s(h + R)), h = f²/2, s = f/(2 + f), R = Σ_k 2 s^2k/(2k + 1)
// (the atanh series; k <= 10 leaves less than 1e-17 relative), the form of fdlibm's
// log, which keeps the rounding of s out of the leading terms.
constexpr int log_terms = 10;
constexpr std::array<double, log_terms> log_series = [] {
  std::array<double, log_terms> c{};
  for (int k = 1; k <= log_terms; ++k) c[k - 1] = 2.0 / (2 * k + 1);
  return c;
}();
constexpr double sqrt2 = 1.4142135623730950488;
using binary64::exponent_bias;
using binary64::fraction_bits;
using binary64::fraction_mask;
constexpr std::uint64_t one_bits = binary64::bits_of(1.0);
constexpr std::uint64_t exponent_magic = binary64::bits_of(0x1p52);  // 2^52 + e

}  // namespace detail

/// exp(x) within 1.25 ulp; 0 below −745.2, +inf above 709.8, NaN for NaN.
inline double exp(double x) {
  using namespace detail;
  double a = exp_lowest > x ? exp_lowest : x;  // as vmaxpd(lowest, x): NaN passes
  a = exp_highest < a ? exp_highest : a;
  const double t = std::fma(a, log2e, shifter);
  const double k = t - shifter;
  double r = std::fma(-k, ln2_hi, a);
  r = std::fma(-k, ln2_lo, r);
  double p = exp_series[exp_degree];
  for (int j = exp_degree - 1; j >= 0; --j) p = std::fma(p, r, exp_series[j]);
  const double half = std::fma(k, 0.5, shifter);  // round(k / 2)
  const std::uint64_t k1 = std::bit_cast<std::uint64_t>(half) - shifter_bits;
  const std::uint64_t k2 = std::bit_cast<std::uint64_t>(t) - shifter_bits - k1;
  const double s1 = std::bit_cast<double>((k1 + exponent_bias) << fraction_bits);
  const double s2 = std::bit_cast<double>((k2 + exponent_bias) << fraction_bits);
  return p * s1 * s2;
}

/// log(x) within 1 ulp for a positive, normal, finite x (the caller guarantees it: no
/// checks); uniforms in (0, 1) are.
inline double log_positive_normal(double x) {
  using namespace detail;
  const auto bits = std::bit_cast<std::uint64_t>(x);
  double m = std::bit_cast<double>((bits & fraction_mask) | one_bits);  // [1, 2)
  const double biased = std::bit_cast<double>((bits >> fraction_bits) | exponent_magic) - 0x1p52;
  const bool big = m > sqrt2;
  m = big ? m * 0.5 : m;
  const double e = (biased - exponent_bias) + (big ? 1.0 : 0.0);
  const double f = m - 1.0;
  const double h = 0.5 * f * f;
  const double s = f / (2.0 + f);
  const double z = s * s;
  double r = log_series[log_terms - 1];
  for (int k = log_terms - 2; k >= 0; --k) r = std::fma(r, z, log_series[k]);
  r = r * z;
  const double tail = std::fma(s, h + r, e * ln2_lo);
  return std::fma(e, ln2_hi, f - (h - tail));
}

#if SPENDCAST_SIMD_MATH_AVX2
/// exp on four lanes: the same bits as exp(double) for each.
inline __m256d exp(__m256d x) {
  using namespace detail;
  const __m256d sh = _mm256_set1_pd(shifter);
  __m256d a = _mm256_max_pd(_mm256_set1_pd(exp_lowest), x);
  a = _mm256_min_pd(_mm256_set1_pd(exp_highest), a);
  const __m256d t = _mm256_fmadd_pd(a, _mm256_set1_pd(log2e), sh);
  const __m256d k = _mm256_sub_pd(t, sh);
  __m256d r = _mm256_fnmadd_pd(k, _mm256_set1_pd(ln2_hi), a);
  r = _mm256_fnmadd_pd(k, _mm256_set1_pd(ln2_lo), r);
  __m256d p = _mm256_set1_pd(exp_series[exp_degree]);
  for (int j = exp_degree - 1; j >= 0; --j)
    p = _mm256_fmadd_pd(p, r, _mm256_set1_pd(exp_series[j]));
  const __m256d half = _mm256_fmadd_pd(k, _mm256_set1_pd(0.5), sh);
  const __m256i shb = _mm256_set1_epi64x(static_cast<long long>(shifter_bits));
  const __m256i k1 = _mm256_sub_epi64(_mm256_castpd_si256(half), shb);
  const __m256i k2 = _mm256_sub_epi64(_mm256_sub_epi64(_mm256_castpd_si256(t), shb), k1);
  const __m256i bias = _mm256_set1_epi64x(exponent_bias);
  const __m256d s1 =
      _mm256_castsi256_pd(_mm256_slli_epi64(_mm256_add_epi64(k1, bias), fraction_bits));
  const __m256d s2 =
      _mm256_castsi256_pd(_mm256_slli_epi64(_mm256_add_epi64(k2, bias), fraction_bits));
  return _mm256_mul_pd(_mm256_mul_pd(p, s1), s2);
}

/// log_positive_normal on four lanes: the same bits as the scalar form for each.
inline __m256d log_positive_normal(__m256d x) {
  using namespace detail;
  const __m256i bits = _mm256_castpd_si256(x);
  __m256d m = _mm256_castsi256_pd(_mm256_or_si256(
      _mm256_and_si256(bits, _mm256_set1_epi64x(fraction_mask)), _mm256_set1_epi64x(one_bits)));
  const __m256d biased =
      _mm256_sub_pd(_mm256_castsi256_pd(_mm256_or_si256(_mm256_srli_epi64(bits, fraction_bits),
                                                        _mm256_set1_epi64x(exponent_magic))),
                    _mm256_set1_pd(0x1p52));
  const __m256d big = _mm256_cmp_pd(m, _mm256_set1_pd(sqrt2), _CMP_GT_OQ);
  m = _mm256_blendv_pd(m, _mm256_mul_pd(m, _mm256_set1_pd(0.5)), big);
  const __m256d e = _mm256_add_pd(_mm256_sub_pd(biased, _mm256_set1_pd(exponent_bias)),
                                  _mm256_and_pd(big, _mm256_set1_pd(1.0)));
  const __m256d f = _mm256_sub_pd(m, _mm256_set1_pd(1.0));
  const __m256d h = _mm256_mul_pd(_mm256_mul_pd(_mm256_set1_pd(0.5), f), f);
  const __m256d s = _mm256_div_pd(f, _mm256_add_pd(_mm256_set1_pd(2.0), f));
  const __m256d z = _mm256_mul_pd(s, s);
  __m256d r = _mm256_set1_pd(log_series[log_terms - 1]);
  for (int k = log_terms - 2; k >= 0; --k) r = _mm256_fmadd_pd(r, z, _mm256_set1_pd(log_series[k]));
  r = _mm256_mul_pd(r, z);
  const __m256d tail =
      _mm256_fmadd_pd(s, _mm256_add_pd(h, r), _mm256_mul_pd(e, _mm256_set1_pd(ln2_lo)));
  return _mm256_fmadd_pd(e, _mm256_set1_pd(ln2_hi), _mm256_sub_pd(f, _mm256_sub_pd(h, tail)));
}
#endif

}  // namespace spendcast::util::simd
