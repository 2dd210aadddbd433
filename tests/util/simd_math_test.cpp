#include "util/simd_math.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

namespace spendcast::util {
namespace {

double ulps_from(double a, long double exact) {
  const double b = static_cast<double>(exact);
  const double spacing =
      std::nextafter(std::fabs(b), std::numeric_limits<double>::infinity()) - std::fabs(b);
  return static_cast<double>(std::fabs(a - exact)) / spacing;
}

/// Positive normal doubles: uniforms on the 52-bit grid near 0 and 1, both sides of the
/// √2 switch, powers of two, and a log-spaced sweep over the whole normal range.
std::vector<double> log_inputs() {
  std::vector<double> x = {0x1p-53,
                           1.0 - 0x1p-53,
                           0.5,
                           1.0,
                           2.0,
                           1.4142135623730950,
                           std::nextafter(1.4142135623730950, 2.0),
                           std::nextafter(1.0, 0.0),
                           std::nextafter(1.0, 2.0),
                           std::numeric_limits<double>::min(),
                           std::numeric_limits<double>::max()};
  for (double v = 0x1p-53; v < 1.0; v *= 1.0137) x.push_back(v);
  for (int i = 1; i < 20000; ++i) x.push_back(i / 20000.0);
  for (double v = 1e-300; v < 1e300; v *= 1.7) x.push_back(v);
  return x;
}

TEST(SimdLog, WithinAnUlpOfTheLongDoubleLog) {
  double worst = 0.0;
  for (double x : log_inputs()) {
    if (x == 1.0) {
      EXPECT_EQ(simd::log_positive_normal(x), 0.0);
      continue;
    }
    worst = std::max(worst, ulps_from(simd::log_positive_normal(x), std::log((long double)x)));
  }
  EXPECT_LT(worst, 1.0) << "worst error in ulps";
  EXPECT_GT(worst, 0.0);
}

#if SPENDCAST_SIMD_MATH_AVX2
TEST(SimdLog, VectorAndScalarFormsGiveTheSameBits) {
  const std::vector<double> x = log_inputs();
  for (std::size_t i = 0; i + 4 <= x.size(); i += 4) {
    double out[4];
    _mm256_storeu_pd(out, simd::log_positive_normal(_mm256_loadu_pd(x.data() + i)));
    for (int l = 0; l < 4; ++l) ASSERT_EQ(out[l], simd::log_positive_normal(x[i + l])) << x[i + l];
  }
}

TEST(SimdExp, VectorAndScalarFormsGiveTheSameBits) {
  std::vector<double> x;
  for (double v = -760.0; v < 720.0; v += 0.731) x.push_back(v);
  const double inf = std::numeric_limits<double>::infinity();
  for (double v : {-inf, inf, 0.0, -0.0, 709.78, -745.1, std::numeric_limits<double>::quiet_NaN()})
    x.push_back(v);
  while (x.size() % 4) x.push_back(1.0);
  for (std::size_t i = 0; i < x.size(); i += 4) {
    double out[4];
    _mm256_storeu_pd(out, simd::exp(_mm256_loadu_pd(x.data() + i)));
    for (int l = 0; l < 4; ++l) {
      const double scalar = simd::exp(x[i + l]);
      if (std::isnan(scalar)) {
        EXPECT_TRUE(std::isnan(out[l]));
      } else {
        ASSERT_EQ(out[l], scalar) << x[i + l];
      }
    }
  }
}
#endif

}  // namespace
}  // namespace spendcast::util
