#include "random/normal.hpp"

#include <gtest/gtest.h>

#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <vector>

#include "random/uniform.hpp"
#include "standard_normal_moments.hpp"

namespace spendcast::random {
namespace {

double boost_quantile(double u) {
  return boost::math::quantile(boost::math::normal_distribution<double>(), u);
}

TEST(NormalQuantile, AgreesWithBoostInTheBodyAndTails) {
  // A log-spaced grid into both tails plus a fine grid in the body.
  std::vector<double> us;
  for (double t = 0x1p-53; t < 0.5; t *= 1.37) {
    us.push_back(t);
    us.push_back(1.0 - t);
  }
  for (int i = 1; i < 2000; ++i) us.push_back(i / 2000.0);
  std::vector<double> z(us.size());
  normal_quantiles(us.data(), z.data(), us.size());
  for (std::size_t i = 0; i < us.size(); ++i) {
    const double expected = boost_quantile(us[i]);
    // Relative error: about 1e-15 in the body, a few 1e-14 in the extreme tails (1 - u
    // for u near 1 is exact on our grid).
    EXPECT_NEAR(z[i], expected, 1e-13 * std::max(1.0, std::fabs(expected))) << "u = " << us[i];
  }
}

TEST(NormalQuantile, ExtremeGridPointsAreFiniteAndSymmetric) {
  const double lo = to_unit_open(0), hi = to_unit_open(~std::uint64_t{0});
  EXPECT_EQ(lo, 0x1p-53);
  EXPECT_EQ(hi, 1.0 - 0x1p-53);
  EXPECT_TRUE(std::isfinite(normal_quantile(lo)));
  EXPECT_LT(normal_quantile(lo), -8.0);
  EXPECT_EQ(normal_quantile(lo), -normal_quantile(hi));
  EXPECT_EQ(normal_quantile(0.5), 0.0);
}

TEST(NormalQuantile, BatchIsBitwiseIndependentOfPositionAndLength) {
  std::vector<double> u(37);
  for (std::size_t i = 0; i < u.size(); ++i) u[i] = (i + 0.3) / 37.0;
  std::vector<double> all(u.size());
  normal_quantiles(u.data(), all.data(), u.size());
  for (std::size_t start = 0; start < u.size(); start += 5) {
    for (std::size_t len = 1; start + len <= u.size(); len += 3) {
      std::vector<double> part(len);
      normal_quantiles(u.data() + start, part.data(), len);
      for (std::size_t k = 0; k < len; ++k) ASSERT_EQ(part[k], all[start + k]);
    }
  }
}

TEST(NormalQuantile, CdfInvertsIt) {
  for (double u : {1e-300, 1e-12, 0.001, 0.2, 0.5, 0.77, 0.999}) {
    if (u < 0x1p-53) continue;
    EXPECT_NEAR(normal_cdf(normal_quantile(u)) / u, 1.0, 1e-13) << u;
  }
  EXPECT_EQ(normal_cdf(0.0), 0.5);
}

TEST(Normals, StreamNormalsHaveStandardMoments) {
  // 10^6 normals from one stream (inverse CDF).
  const std::size_t n = 1'000'000;
  std::vector<double> u(n), z(n);
  fill_uniforms(stream_key(42, "test"), 0, n, 0, 0, u.data());
  normal_quantiles(u.data(), z.data(), n);
  testing::expect_standard_normal_moments(z);
}

}  // namespace
}  // namespace spendcast::random
