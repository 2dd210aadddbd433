#include "stats/window_sums.hpp"

#include <bit>

#include "util/double_bits.hpp"

#if defined(__AVX2__)
#include <immintrin.h>
#endif

namespace spendcast::stats {

namespace {

using util::binary64::abs_mask;
using util::binary64::fraction_bits;
using util::binary64::fraction_mask;
using util::binary64::hidden_bit;
constexpr std::uint64_t limb_mask = (std::uint64_t{1} << 21) - 1;

// Magnitude bits below `below` (and nonzero) lie under the window: base 1 has none.
std::uint64_t below_window(int base) {
  return base > 1 ? static_cast<std::uint64_t>(base) << fraction_bits : 0;
}

// One value, as the vector loop adds four: the reference and the tail of a row.
void add_one(double value, int base, std::uint64_t below, WindowSums& s, double* leftovers,
             std::size_t& left) {
  const auto bits = std::bit_cast<std::uint64_t>(value);
  const std::uint64_t magnitude = bits & abs_mask;
  if (magnitude == 0) return;
  if (magnitude < below) {
    leftovers[left++] = value;
    return;
  }
  const int exponent = util::binary64::biased_exponent(bits);
  const std::uint64_t m = util::binary64::significand(bits);
  const std::uint64_t v = m << ((exponent != 0 ? exponent : 1) - base);
  const std::uint64_t negative = bits >> 63;
  const std::uint64_t signed_v = (v ^ (0 - negative)) + negative;  // +-v mod 2^64
  s.low += signed_v & 0xffffffff;
  s.high += signed_v >> 32;
  s.negatives += signed_v >> 63;
  const std::uint64_t a = v >> 42, b = (v >> 21) & limb_mask, c = v & limb_mask;
  s.products[0] += c * c;
  s.products[1] += b * c;
  s.products[2] += a * c;
  s.products[3] += b * b;
  s.products[4] += a * b;
  s.products[5] += a * a;
}

#if defined(__AVX2__)
std::uint64_t lanes_total(__m256i v) {
  alignas(32) std::uint64_t l[4];
  _mm256_store_si256(reinterpret_cast<__m256i*>(l), v);
  return l[0] + l[1] + l[2] + l[3];
}

// Four values per step, for base >= 2 (no subnormal in the window): a lane below the
// window, zeros included, gets a negative shift count, which vpsllvq turns into v = 0;
// nonzero ones are also copied out as leftovers.
std::size_t add_vectors(const double* x, std::size_t n, int base, std::uint64_t below,
                        WindowSums& s, double* leftovers) {
  const __m256i abs_v = _mm256_set1_epi64x(static_cast<long long>(abs_mask));
  const __m256i fraction_v = _mm256_set1_epi64x(static_cast<long long>(fraction_mask));
  const __m256i hidden_v = _mm256_set1_epi64x(static_cast<long long>(hidden_bit));
  const __m256i limb_v = _mm256_set1_epi64x(static_cast<long long>(limb_mask));
  const __m256i half_v = _mm256_set1_epi64x(0xffffffff);
  const __m256i base_v = _mm256_set1_epi64x(base);
  const __m256i below_v = _mm256_set1_epi64x(static_cast<long long>(below));
  const __m256i zero = _mm256_setzero_si256();
  __m256i low = zero, high = zero, negatives = zero;
  __m256i cc = zero, bc = zero, ac = zero, bb = zero, ab = zero, aa = zero;
  std::size_t left = 0, i = 0;
  for (; i + 4 <= n; i += 4) {
    const __m256i bits = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(x + i));
    const __m256i magnitude = _mm256_and_si256(bits, abs_v);
    const __m256i m = _mm256_or_si256(_mm256_and_si256(bits, fraction_v), hidden_v);
    const __m256i shift = _mm256_sub_epi64(_mm256_srli_epi64(magnitude, fraction_bits), base_v);
    const __m256i v = _mm256_sllv_epi64(m, shift);
    const __m256i under = _mm256_andnot_si256(_mm256_cmpeq_epi64(magnitude, zero),
                                              _mm256_cmpgt_epi64(below_v, magnitude));
    if (const int mask = _mm256_movemask_pd(_mm256_castsi256_pd(under)); mask != 0) [[unlikely]] {
      for (int l = 0; l < 4; ++l) {
        if ((mask >> l) & 1) leftovers[left++] = x[i + static_cast<std::size_t>(l)];
      }
    }
    const __m256i negative = _mm256_cmpgt_epi64(zero, bits);  // -1 where the sign is set
    const __m256i signed_v = _mm256_sub_epi64(_mm256_xor_si256(v, negative), negative);
    low = _mm256_add_epi64(low, _mm256_and_si256(signed_v, half_v));
    high = _mm256_add_epi64(high, _mm256_srli_epi64(signed_v, 32));
    // Not `negative`: -0 and the lanes below the window have v = 0, a nonnegative +-v.
    negatives = _mm256_add_epi64(negatives, _mm256_srli_epi64(signed_v, 63));
    const __m256i a = _mm256_srli_epi64(v, 42);
    const __m256i b = _mm256_and_si256(_mm256_srli_epi64(v, 21), limb_v);
    const __m256i c = _mm256_and_si256(v, limb_v);
    cc = _mm256_add_epi64(cc, _mm256_mul_epu32(c, c));
    bc = _mm256_add_epi64(bc, _mm256_mul_epu32(b, c));
    ac = _mm256_add_epi64(ac, _mm256_mul_epu32(a, c));
    bb = _mm256_add_epi64(bb, _mm256_mul_epu32(b, b));
    ab = _mm256_add_epi64(ab, _mm256_mul_epu32(a, b));
    aa = _mm256_add_epi64(aa, _mm256_mul_epu32(a, a));
  }
  s.low += lanes_total(low);
  s.high += lanes_total(high);
  s.negatives += lanes_total(negatives);
  const __m256i products[6] = {cc, bc, ac, bb, ab, aa};
  for (int k = 0; k < 6; ++k) s.products[k] += lanes_total(products[k]);
  for (; i < n; ++i) add_one(x[i], base, below, s, leftovers, left);
  return left;
}
#endif

}  // namespace

std::size_t add_window_sums(const double* x, std::size_t n, int base, WindowSums& sums,
                            double* leftovers) {
  const std::uint64_t below = below_window(base);
#if defined(__AVX2__)
  if (base >= 2) return add_vectors(x, n, base, below, sums, leftovers);
#endif
  std::size_t left = 0;
  for (std::size_t i = 0; i < n; ++i) add_one(x[i], base, below, sums, leftovers, left);
  return left;
}

}  // namespace spendcast::stats
