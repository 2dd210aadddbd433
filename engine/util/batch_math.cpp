#include "util/batch_math.hpp"

#include <cmath>
#include <limits>

#include "util/simd_math.hpp"

namespace spendcast::util {

void batch_exp(const double* in, double* out, std::size_t n) {
  std::size_t i = 0;
#if SPENDCAST_SIMD_MATH_AVX2
  for (; i + 8 <= n; i += 8) {  // two registers per iteration: independent chains
    const __m256d a = simd::exp(_mm256_loadu_pd(in + i));
    const __m256d b = simd::exp(_mm256_loadu_pd(in + i + 4));
    _mm256_storeu_pd(out + i, a);
    _mm256_storeu_pd(out + i + 4, b);
  }
#endif
  for (; i < n; ++i) out[i] = simd::exp(in[i]);
}

void batch_log(const double* in, double* out, std::size_t n) {
  constexpr double smallest = std::numeric_limits<double>::min();
  constexpr double largest = std::numeric_limits<double>::max();
  const auto one = [](double x) {
    return x >= smallest && x <= largest ? simd::log_positive_normal(x) : std::log(x);
  };
  std::size_t i = 0;
#if SPENDCAST_SIMD_MATH_AVX2
  for (; i + 4 <= n; i += 4) {
    const __m256d x = _mm256_loadu_pd(in + i);
    const __m256d ok = _mm256_and_pd(_mm256_cmp_pd(x, _mm256_set1_pd(smallest), _CMP_GE_OQ),
                                     _mm256_cmp_pd(x, _mm256_set1_pd(largest), _CMP_LE_OQ));
    if (_mm256_movemask_pd(ok) == 0xF) {
      _mm256_storeu_pd(out + i, simd::log_positive_normal(x));
    } else {
      for (std::size_t l = 0; l < 4; ++l) out[i + l] = one(in[i + l]);
    }
  }
#endif
  for (; i < n; ++i) out[i] = one(in[i]);
}

}  // namespace spendcast::util
