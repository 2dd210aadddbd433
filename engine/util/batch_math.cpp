#include "util/batch_math.hpp"

#include "util/simd_math.hpp"

namespace spendcast {

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

}  // namespace spendcast
