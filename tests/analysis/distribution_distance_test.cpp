// KS, W1 and the unpaired P(B > A): exact small cases and closed forms.
#include "analysis/distribution_distance.hpp"

#include <gtest/gtest.h>

#include "samples.hpp"

namespace spendcast::analysis {
namespace {

using testing::lognormal_sample;
using testing::normal_sample;
using testing::phi_cdf;
using testing::through_sketch;

TEST(DistributionDistance, IdenticalDistributionsAreExactlyZeroApart) {
  const auto d = through_sketch(lognormal_sample(0, 1, 1, "a", 5000));
  EXPECT_EQ(ks_distance(d, d), 0.0);
  EXPECT_EQ(wasserstein1_distance(d, d), 0.0);
  const auto e = probability_greater_unpaired(d, d);
  // Ties count half, so P = 1/2 exactly; the estimate is a sum of one product of doubles
  // per support point, so it is 1/2 to within that sum's rounding: a few ulps of 1 per
  // point (a fixed 4-ulp bound held only by luck of the sample).
  const double rounding = 4.0 * static_cast<double>(d.points().size()) * 0x1p-53;
  EXPECT_NEAR(e.value, 0.5, rounding);
  EXPECT_LT(rounding, 1e-9);  // far below the estimate's standard error (about 0.006)
}

TEST(DistributionDistance, SmallExactCases) {
  const auto a = stats::EmpiricalDistribution::from_values({0, 1});
  const auto b = stats::EmpiricalDistribution::from_values({1, 2});
  EXPECT_EQ(ks_distance(a, b), 0.5);
  EXPECT_EQ(wasserstein1_distance(a, b), 1.0);  // a shift by 1
  EXPECT_EQ(wasserstein1_distance(b, a), 1.0);
  // P(B > A): pairs (0,1) (0,2) (1,2) win, (1,1) ties: (3 + 0.5) / 4.
  EXPECT_DOUBLE_EQ(probability_greater_unpaired(a, b).value, 0.875);
  const auto c = stats::EmpiricalDistribution::from_values({0, 0, 0, 10});
  const auto d = stats::EmpiricalDistribution::from_values({5});
  EXPECT_EQ(ks_distance(c, d), 0.75);
  // ∫|F_c − F_d| = 0.75·5 (on [0, 5)) + 0.25·5 (on [5, 10)).
  EXPECT_EQ(wasserstein1_distance(c, d), 5.0);
}

TEST(DistributionDistance, EmptyIsUndefined) {
  const stats::EmpiricalDistribution empty;
  const auto a = stats::EmpiricalDistribution::from_values({1});
  EXPECT_TRUE(std::isnan(ks_distance(empty, a)));
  EXPECT_TRUE(std::isnan(wasserstein1_distance(a, empty)));
  EXPECT_TRUE(std::isnan(probability_greater_unpaired(a, empty).value));
}

// Two lognormals LN(0, 1) and LN(0.5, 1), independent samples through the sketch.
constexpr std::size_t n = 200'000;

TEST(DistributionDistance, KolmogorovSmirnovOfTwoLognormals) {
  const auto a = through_sketch(lognormal_sample(0.0, 1.0, 11, "a", n));
  const auto b = through_sketch(lognormal_sample(0.5, 1.0, 12, "b", n));
  // sup |Φ(ln x) − Φ(ln x − 0.5)| at ln x = 0.25.
  const double expected = 2 * phi_cdf(0.25) - 1;
  // se of F_A − F_B at a point: sqrt(2 p (1 − p) / n); plus the sketch's bucket width.
  const double se = std::sqrt(2 * 0.25 / n);
  EXPECT_NEAR(ks_distance(a, b), expected, 4 * se + 1e-3);
  // A wrong answer is far: the KS of LN(0, 1) and LN(0.6, 1) differs by 0.04.
  EXPECT_GT(std::fabs(2 * phi_cdf(0.3) - 1 - expected), 10 * se);
}

TEST(DistributionDistance, WassersteinOfDominatingLognormalsIsTheMeanDifference) {
  const auto sa = lognormal_sample(0.0, 1.0, 21, "a", n);
  const auto sb = lognormal_sample(0.5, 1.0, 22, "b", n);
  // LN(0.5, 1) dominates LN(0, 1), so W1 = E[B] − E[A] = e^{1} − e^{0.5}.
  const double expected = std::exp(1.0) - std::exp(0.5);
  const double se =
      std::sqrt((std::pow(testing::sample_sd(sa), 2) + std::pow(testing::sample_sd(sb), 2)) / n);
  const double w = wasserstein1_distance(through_sketch(sa), through_sketch(sb));
  EXPECT_NEAR(w, expected, 4 * se + 2e-3 * expected);
}

TEST(DistributionDistance, UnpairedProbabilityOfTwoNormals) {
  constexpr std::size_t m = 20'000;
  const auto a = stats::EmpiricalDistribution::from_values(normal_sample(0.0, 1.0, 31, "a", m));
  const auto b = stats::EmpiricalDistribution::from_values(normal_sample(0.5, 1.0, 32, "b", m));
  const stats::Estimate p = probability_greater_unpaired(a, b);
  const double expected = phi_cdf(0.5 / std::sqrt(2.0));  // P(N(0.5, 2) > 0)
  EXPECT_NEAR(p.value, expected, 4 * p.se);
  // Hanley–McNeil's se is close to the binormal value, about 0.0028 here.
  EXPECT_GT(p.se, 0.002);
  EXPECT_LT(p.se, 0.0035);
}

}  // namespace
}  // namespace spendcast::analysis
