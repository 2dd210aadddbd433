#include "random/box_muller.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

#include "random/normal.hpp"
#include "random/uniform.hpp"
#include "standard_normal_moments.hpp"

namespace spendcast::random {
namespace {

/// Box–Muller in long double with the C library's functions: the reference.
void exact_pair(double u, double v, long double& z0, long double& z1) {
  const long double r = std::sqrt(-2.0L * std::log(static_cast<long double>(u)));
  const long double angle = 2.0L * std::numbers::pi_v<long double> * v;
  z0 = r * std::cos(angle);
  z1 = r * std::sin(angle);
}

/// Uniforms that stress the reduction: octant and quadrant boundaries and their grid
/// neighbours, the extreme grid points, and a sweep.
std::vector<double> angle_grid() {
  std::vector<double> v = {0x1p-53, 1.0 - 0x1p-53};
  for (int k = 1; k < 8; ++k)
    for (double d : {-0x1p-52, 0.0, 0x1p-52}) v.push_back(k / 8.0 + d);
  for (int i = 0; i < 4000; ++i) v.push_back((i + 0.37) / 4000.0);
  return v;
}

std::vector<double> radius_grid() {
  std::vector<double> u;
  for (double t = 0x1p-53; t < 0.5; t *= 1.9) {
    u.push_back(t);
    u.push_back(1.0 - t);
  }
  u.push_back(0.5);
  return u;
}

TEST(BoxMuller, WithinAFewUlpsOfTheExactTransform) {
  const std::vector<double> us = radius_grid(), vs = angle_grid();
  std::vector<double> u, v;
  for (double a : us)
    for (double b : vs) {
      u.push_back(a);
      v.push_back(b);
    }
  std::vector<double> z0(u.size()), z1(u.size());
  box_muller(u.data(), v.data(), z0.data(), z1.data(), u.size());
  double worst = 0.0;
  for (std::size_t i = 0; i < u.size(); ++i) {
    long double e0, e1;
    exact_pair(u[i], v[i], e0, e1);
    const long double r = std::hypot(e0, e1);
    // The error relative to the radius: cos and sin near their zeros are exact in
    // absolute, not relative, terms.
    worst = std::max({worst, static_cast<double>(std::fabs(z0[i] - e0) / r),
                      static_cast<double>(std::fabs(z1[i] - e1) / r)});
  }
  EXPECT_LT(worst, 6e-16) << "worst error relative to the radius (measured 2.9e-16)";
  EXPECT_GT(worst, 0.0) << "the reference should differ somewhere: is it the same code?";
}

TEST(BoxMuller, QuadrantSignsAndBoundaries) {
  const double u = std::exp(-0.5);  // r = 1
  const struct {
    double v, cos, sin;
  } cases[] = {{0.125, std::sqrt(0.5), std::sqrt(0.5)},
               {0.25, 0.0, 1.0},
               {0.375, -std::sqrt(0.5), std::sqrt(0.5)},
               {0.5, -1.0, 0.0},
               {0.75, 0.0, -1.0},
               {0.875, std::sqrt(0.5), -std::sqrt(0.5)}};
  for (const auto& c : cases) {
    double z0, z1;
    box_muller(&u, &c.v, &z0, &z1, 1);
    EXPECT_NEAR(z0, c.cos, 4e-16) << "v = " << c.v;
    EXPECT_NEAR(z1, c.sin, 4e-16) << "v = " << c.v;
  }
}

TEST(BoxMuller, BitwiseIndependentOfPositionLengthAndAliasing) {
  const std::size_t n = 45;
  std::vector<double> u(n), v(n);
  fill_uniform_pairs(stream_key(3, "test"), 0, n, 1, 0, u.data(), v.data());
  std::vector<double> a(n), b(n);
  box_muller(u.data(), v.data(), a.data(), b.data(), n);
  for (std::size_t start = 0; start < n; start += 7) {
    for (std::size_t len = 1; start + len <= n; len += 5) {
      std::vector<double> pu(u.begin() + start, u.begin() + start + len);
      std::vector<double> pv(v.begin() + start, v.begin() + start + len);
      box_muller(pu.data(), pv.data(), pu.data(), pv.data(), len);  // in place
      for (std::size_t k = 0; k < len; ++k) {
        ASSERT_EQ(pu[k], a[start + k]);
        ASSERT_EQ(pv[k], b[start + k]);
      }
    }
  }
}

TEST(BoxMuller, FilledPairsEqualTheScalarPairOfEachPath) {
  const StreamKey key = stream_key(99, "vendors");
  const std::size_t n = 1003;
  const std::uint64_t first = (std::uint64_t{1} << 32) - 500;  // crosses the counter's high word
  std::vector<double> a(n), b(n);
  fill_normal_pairs(key, first, n, 7, 2, a.data(), b.data());
  for (std::size_t i = 0; i < n; ++i) {
    const NormalPair z = normal_pair(key, first + i, 7, 2);
    ASSERT_EQ(a[i], z.first) << i;
    ASSERT_EQ(b[i], z.second) << i;
  }
}

TEST(BoxMuller, StreamPairsAreIndependentStandardNormals) {
  // 2·10^6 normals (10^6 pairs): moments of each coordinate and of the pooled sample
  // within 4 standard errors of N(0, 1)'s, the correlation of a pair's two normals within
  // 4/√n of 0, and the Kolmogorov–Smirnov distance to Φ below its 0.1 % critical value.
  const std::size_t n = 1'000'000;
  std::vector<double> z0(n), z1(n);
  fill_normal_pairs(stream_key(42, "test"), 0, n, 0, 0, z0.data(), z1.data());
  testing::expect_standard_normal_moments(z0);
  testing::expect_standard_normal_moments(z1);
  long double cross = 0, squares_product = 0;
  for (std::size_t i = 0; i < n; ++i) {
    cross += z0[i] * z1[i];
    squares_product += z0[i] * z0[i] * z1[i] * z1[i];
  }
  EXPECT_LT(std::fabs(static_cast<double>(cross / n)) * std::sqrt(n), 4.0);
  // E[z0² z1²] = 1 for independent normals (0 correlation alone would not show a
  // dependence through the radius); its sd is √(9 − 1) = √8.
  EXPECT_LT(std::fabs(static_cast<double>(squares_product / n) - 1.0) / std::sqrt(8.0 / n), 4.0);

  std::vector<double> all(z0);
  all.insert(all.end(), z1.begin(), z1.end());
  std::sort(all.begin(), all.end());
  double d = 0.0;
  const double m = static_cast<double>(all.size());
  for (std::size_t i = 0; i < all.size(); ++i) {
    const double f = normal_cdf(all[i]);
    d = std::max({d, f - i / m, (i + 1) / m - f});
  }
  EXPECT_LT(d * std::sqrt(m), 1.95);  // P(K > 1.95) ≈ 0.001
}

TEST(BoxMuller, TailsReachTheExtremesOfTheGrid) {
  // The smallest uniform on the 52-bit grid, 2^-53, gives the largest radius
  // √(106 ln 2) ≈ 8.57; the largest, 1 − 2^-53, a tiny positive one.
  const double lo = 0x1p-53, hi = 1.0 - 0x1p-53, v = 0x1p-53;
  double z0, z1;
  box_muller(&lo, &v, &z0, &z1, 1);
  EXPECT_NEAR(z0, std::sqrt(106.0 * std::numbers::ln2), 1e-14);
  box_muller(&hi, &v, &z0, &z1, 1);
  EXPECT_GT(z0, 0.0);
  EXPECT_LT(z0, 1e-7);
}

}  // namespace
}  // namespace spendcast::random
