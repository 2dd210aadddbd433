#include "random/box_muller.hpp"

#include <array>
#include <cmath>
#include <numbers>

#include "random/uniform.hpp"
#include "util/simd_math.hpp"

namespace spendcast::random {

namespace {

/// (−1)^k / (2k + offset)!, exact factorials (below 2^53) rounded once.
constexpr double taylor_coefficient(int k, int offset) {
  double factorial = 1.0;
  for (int j = 2; j <= 2 * k + offset; ++j) factorial *= j;
  return (k % 2 == 0 ? 1.0 : -1.0) / factorial;
}

/// Horner in z = α² of the series sin α = α Σ_k (−1)^k z^k / (2k+1)! and
/// cos α = Σ_k (−1)^k z^k / (2k)!, k ≥ 1 (the leading α and 1 are added last, which
/// keeps the rounding error near an ulp). On [0, π/4] the first omitted terms (α^19/19!,
/// α^18/18!) are below 1e-17.
constexpr int terms = 8;  // k = 1..8: up to α^17 and α^16
constexpr auto series = [](int offset) {
  std::array<double, terms> c{};  // [k − 1]: the coefficient of z^(k−1) in the tail
  for (int k = 1; k <= terms; ++k) c[k - 1] = taylor_coefficient(k, offset);
  return c;
};
constexpr std::array<double, terms> sin_series = series(1), cos_series = series(0);
constexpr double half_pi = 0.5 * std::numbers::pi;

// Box–Muller on one pair (scalar) and on four pairs (AVX2): the same operations in the
// same order, so the same bits. The angle 2πv is reduced exactly: t = 4v splits into the
// quadrant q = ⌊t⌋ and f = t − q (both exact); in the upper half of the quadrant the
// complement 1 − f (exact) is used with sine and cosine exchanged, so the series only
// ever sees α = g·π/2 in [0, π/4]. Then (cos, sin) of qπ/2 + β: odd q exchanges the
// two, q in {1, 2} negates the cosine, q ≥ 2 the sine.
void box_muller_one(double u, double v, double& z0, double& z1) {
  const double r = std::sqrt(-2.0 * util::simd::log_positive_normal(u));
  const double t = 4.0 * v;
  const double q = std::floor(t);
  const double f = t - q;
  const bool upper = 0.5 < f;
  const double alpha = (upper ? 1.0 - f : f) * half_pi;
  const double z = alpha * alpha;
  double ps = sin_series[terms - 1], pc = cos_series[terms - 1];
  for (int k = terms - 2; k >= 0; --k) {
    ps = std::fma(ps, z, sin_series[k]);
    pc = std::fma(pc, z, cos_series[k]);
  }
  const double sin_alpha = alpha + alpha * (z * ps);
  const double cos_alpha = 1.0 + z * pc;
  const double sin_beta = upper ? cos_alpha : sin_alpha;
  const double cos_beta = upper ? sin_alpha : cos_alpha;
  const double half_q = 0.5 * q;
  const bool odd = std::floor(half_q) < half_q;
  const double x = odd ? sin_beta : cos_beta;
  const double y = odd ? cos_beta : sin_beta;
  z0 = r * (std::fabs(q - 1.5) < 1.0 ? -x : x);
  z1 = r * (2.0 <= q ? -y : y);
}

#if SPENDCAST_SIMD_MATH_AVX2
// The vector form in two passes, radius then angle: each pass's dependency chain (the
// log's series and division, then the square root; the sine and cosine series) is short
// enough for the core to overlap several iterations.
inline __m256d radius_four(__m256d u) {
  return _mm256_sqrt_pd(_mm256_mul_pd(_mm256_set1_pd(-2.0), util::simd::log_positive_normal(u)));
}

inline void rotate_four(__m256d r, __m256d v, __m256d& z0, __m256d& z1) {
  const __m256d one = _mm256_set1_pd(1.0);
  const __m256d sign = _mm256_set1_pd(-0.0);
  const __m256d t = _mm256_mul_pd(_mm256_set1_pd(4.0), v);
  const __m256d q = _mm256_floor_pd(t);
  const __m256d f = _mm256_sub_pd(t, q);
  const __m256d upper = _mm256_cmp_pd(_mm256_set1_pd(0.5), f, _CMP_LT_OQ);
  const __m256d alpha =
      _mm256_mul_pd(_mm256_blendv_pd(f, _mm256_sub_pd(one, f), upper), _mm256_set1_pd(half_pi));
  const __m256d z = _mm256_mul_pd(alpha, alpha);
  __m256d ps = _mm256_set1_pd(sin_series[terms - 1]), pc = _mm256_set1_pd(cos_series[terms - 1]);
  for (int k = terms - 2; k >= 0; --k) {
    ps = _mm256_fmadd_pd(ps, z, _mm256_set1_pd(sin_series[k]));
    pc = _mm256_fmadd_pd(pc, z, _mm256_set1_pd(cos_series[k]));
  }
  const __m256d sin_alpha = _mm256_add_pd(alpha, _mm256_mul_pd(alpha, _mm256_mul_pd(z, ps)));
  const __m256d cos_alpha = _mm256_add_pd(one, _mm256_mul_pd(z, pc));
  const __m256d sin_beta = _mm256_blendv_pd(sin_alpha, cos_alpha, upper);
  const __m256d cos_beta = _mm256_blendv_pd(cos_alpha, sin_alpha, upper);
  const __m256d half_q = _mm256_mul_pd(_mm256_set1_pd(0.5), q);
  const __m256d odd = _mm256_cmp_pd(_mm256_floor_pd(half_q), half_q, _CMP_LT_OQ);
  const __m256d x = _mm256_blendv_pd(cos_beta, sin_beta, odd);
  const __m256d y = _mm256_blendv_pd(sin_beta, cos_beta, odd);
  const __m256d abs_offset = _mm256_andnot_pd(sign, _mm256_sub_pd(q, _mm256_set1_pd(1.5)));
  const __m256d negate_x = _mm256_cmp_pd(abs_offset, one, _CMP_LT_OQ);
  const __m256d negate_y = _mm256_cmp_pd(_mm256_set1_pd(2.0), q, _CMP_LE_OQ);
  z0 = _mm256_mul_pd(r, _mm256_xor_pd(x, _mm256_and_pd(negate_x, sign)));
  z1 = _mm256_mul_pd(r, _mm256_xor_pd(y, _mm256_and_pd(negate_y, sign)));
}
#endif

}  // namespace

void box_muller(const double* u, const double* v, double* z0, double* z1, std::size_t n) {
  std::size_t i = 0;
#if SPENDCAST_SIMD_MATH_AVX2
  const std::size_t body = n - n % 4;
  // Radii into z0 (z0 may be u: each value is read before it is written), then angles.
  for (; i < body; i += 4) _mm256_storeu_pd(z0 + i, radius_four(_mm256_loadu_pd(u + i)));
  for (i = 0; i < body; i += 4) {
    __m256d a, b;
    rotate_four(_mm256_loadu_pd(z0 + i), _mm256_loadu_pd(v + i), a, b);
    _mm256_storeu_pd(z0 + i, a);
    _mm256_storeu_pd(z1 + i, b);
  }
#endif
  for (; i < n; ++i) box_muller_one(u[i], v[i], z0[i], z1[i]);
}

NormalPair normal_pair(StreamKey key, std::uint64_t path, std::uint32_t step, std::uint32_t draw) {
  const UniformPair u = uniform_pair(key, path, step, draw);
  NormalPair z;
  box_muller_one(u.first, u.second, z.first, z.second);
  return z;
}

void fill_normal_pairs(StreamKey key, std::uint64_t first_path, std::size_t n, std::uint32_t step,
                       std::uint32_t draw, double* first, double* second) {
  fill_uniform_pairs(key, first_path, n, step, draw, first, second);
  box_muller(first, second, first, second, n);
}

}  // namespace spendcast::random
