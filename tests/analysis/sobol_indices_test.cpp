// Sobol indices by pick-freeze (analysis/sobol_indices): the estimators recover the known
// indices of the Ishigami function and of Sobol's g-function within 4 standard errors, and
// the delta-method standard errors match the spread over independent repetitions.
#include "analysis/sobol_indices.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <vector>

namespace spendcast::analysis {
namespace {

constexpr double pi = std::numbers::pi;

/// Ishigami (1990) with a = 7, b = 0.1 on x ∈ (−π, π)³, from uniforms on (0, 1).
double ishigami(std::span<const double> u) {
  const double x1 = pi * (2 * u[0] - 1), x2 = pi * (2 * u[1] - 1), x3 = pi * (2 * u[2] - 1);
  return std::sin(x1) + 7.0 * std::sin(x2) * std::sin(x2) + 0.1 * std::pow(x3, 4) * std::sin(x1);
}

/// Its indices in closed form (Sobol' and Levitan 1999): S1, S2, S3, ST1, ST2, ST3.
struct Known {
  std::vector<double> first, total;
};
Known ishigami_indices() {
  const double a = 7.0, b = 0.1, p4 = std::pow(pi, 4), p8 = std::pow(pi, 8);
  const double v = a * a / 8 + b * p4 / 5 + b * b * p8 / 18 + 0.5;
  const double v1 = 0.5 * (1 + b * p4 / 5) * (1 + b * p4 / 5), v2 = a * a / 8;
  const double v13 = b * b * p8 * (1.0 / 18 - 1.0 / 50);
  return {{v1 / v, v2 / v, 0.0}, {(v1 + v13) / v, v2 / v, v13 / v}};
}

/// Sobol's g-function Π (|4u − 2| + a_i)/(1 + a_i) and its indices: V_i = 1/(3(1 + a_i)²),
/// V = Π(1 + V_i) − 1, S_i = V_i/V, S_Ti = V_i Π_{j≠i}(1 + V_j)/V.
const std::vector<double> g_a = {0.0, 1.0, 4.5, 9.0, 99.0, 99.0};
double g_function(std::span<const double> u) {
  double y = 1.0;
  for (std::size_t i = 0; i < g_a.size(); ++i)
    y *= (std::fabs(4 * u[i] - 2) + g_a[i]) / (1 + g_a[i]);
  return y;
}
Known g_indices() {
  std::vector<double> vi;
  double prod = 1.0;
  for (const double a : g_a) {
    vi.push_back(1.0 / (3 * (1 + a) * (1 + a)));
    prod *= 1 + vi.back();
  }
  const double v = prod - 1;
  Known k;
  for (const double x : vi) {
    k.first.push_back(x / v);
    k.total.push_back(x * prod / (1 + x) / v);
  }
  return k;
}

void expect_within(const SobolIndices& s, const Known& k, double sigmas) {
  ASSERT_EQ(s.factors.size(), k.first.size());
  double sum = 0.0;
  for (std::size_t i = 0; i < k.first.size(); ++i) {
    const SobolIndex& f = s.factors[i];
    EXPECT_GT(f.first.se, 0.0);
    EXPECT_NEAR(f.first.value, k.first[i], sigmas * f.first.se) << "S" << i + 1;
    if (k.total[i] > 0) {
      EXPECT_NEAR(f.total.value, k.total[i], sigmas * f.total.se) << "ST" << i + 1;
    } else {
      EXPECT_EQ(f.total.value, 0.0) << "ST" << i + 1;  // an inert factor: exactly 0
    }
    sum += k.first[i];
  }
  EXPECT_NEAR(s.first_sum.value, sum, sigmas * s.first_sum.se);
}

TEST(SobolIndices, IshigamiKnownIndicesWithinFourStandardErrors) {
  const Known k = ishigami_indices();
  ASSERT_NEAR(k.first[0], 0.3139, 1e-4);  // the published values
  ASSERT_NEAR(k.total[2], 0.2437, 1e-4);
  const SobolIndices s = sobol_indices_of(ishigami, 3, 20000, 42);
  expect_within(s, k, 4.0);
  // Precise enough to tell the factors apart: S2 > S1, ST1 > S1 (interaction with x3).
  EXPECT_LT(s.factors[0].first.se, 0.02);
  EXPECT_LT(s.factors[2].total.se, 0.02);
}

TEST(SobolIndices, GFunctionKnownIndicesWithinFourStandardErrors) {
  const Known k = g_indices();
  expect_within(sobol_indices_of(g_function, g_a.size(), 20000, 7), k, 4.0);
}

TEST(SobolIndices, StandardErrorsMatchTheSpreadOverRepetitions) {
  // 200 independent estimates at N = 1000: their standard deviation against the mean of
  // the delta-method standard errors, for S1 and ST3 of Ishigami.
  constexpr int reps = 200;
  double s1 = 0, s1sq = 0, se1 = 0, t3 = 0, t3sq = 0, se3 = 0;
  for (int r = 0; r < reps; ++r) {
    const SobolIndices s = sobol_indices_of(ishigami, 3, 1000, 1000 + r);
    s1 += s.factors[0].first.value;
    s1sq += s.factors[0].first.value * s.factors[0].first.value;
    se1 += s.factors[0].first.se;
    t3 += s.factors[2].total.value;
    t3sq += s.factors[2].total.value * s.factors[2].total.value;
    se3 += s.factors[2].total.se;
  }
  const auto sd = [&](double sum, double sq) {
    return std::sqrt((sq - sum * sum / reps) / (reps - 1));
  };
  // The sd of a sample sd over 200 draws is about 5 %: bounds of ±25 %.
  EXPECT_NEAR(sd(s1, s1sq) / (se1 / reps), 1.0, 0.25);
  EXPECT_NEAR(sd(t3, t3sq) / (se3 / reps), 1.0, 0.25);
  // And the estimates are unbiased: their mean is within 4 se of the mean of the truth.
  const Known k = ishigami_indices();
  EXPECT_NEAR(s1 / reps, k.first[0], 4 * sd(s1, s1sq) / std::sqrt(reps));
  EXPECT_NEAR(t3 / reps, k.total[2], 4 * sd(t3, t3sq) / std::sqrt(reps));
}

TEST(SobolIndices, ConstantOutputGivesUndefinedIndices) {
  const std::vector<double> y(10, 3.0);
  const SobolIndices s = sobol_indices(y, y, {y});
  EXPECT_EQ(s.variance, 0.0);
  EXPECT_TRUE(std::isnan(s.factors[0].first.value));
  EXPECT_TRUE(std::isnan(s.factors[0].total.value));
}

TEST(SobolIndices, RowsOfDifferentLengthsAreRefused) {
  const std::vector<double> a(10, 1.0), b(9, 1.0);
  EXPECT_THROW(sobol_indices(a, b, {}), std::invalid_argument);
  EXPECT_THROW(sobol_indices(a, a, {b}), std::invalid_argument);
}

}  // namespace
}  // namespace spendcast::analysis
