#pragma once
// A shared check for tests of normal generators.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace spendcast::random::testing {

/// Mean, variance, skewness and kurtosis of `z` within 4 standard errors of N(0, 1)'s
/// (se of the mean 1/√n, of the variance √(2/n), of the skewness √(6/n), of the fourth
/// moment √(96/n)).
inline void expect_standard_normal_moments(const std::vector<double>& z) {
  const double n = static_cast<double>(z.size());
  long double s1 = 0, s2 = 0, s3 = 0, s4 = 0;
  for (double x : z) {
    s1 += x;
    s2 += x * x;
    s3 += x * x * x;
    s4 += x * x * x * x;
  }
  const double m1 = s1 / n, m2 = s2 / n, m3 = s3 / n, m4 = s4 / n;
  EXPECT_LT(std::fabs(m1) * std::sqrt(n), 4.0);
  EXPECT_LT(std::fabs(m2 - 1.0) / std::sqrt(2.0 / n), 4.0);
  EXPECT_LT(std::fabs(m3) / std::sqrt(6.0 / n), 4.0);
  EXPECT_LT(std::fabs(m4 - 3.0) / std::sqrt(96.0 / n), 4.0);
}

}  // namespace spendcast::random::testing
