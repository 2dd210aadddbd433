// CRPS: exact small cases and the closed forms for normal and lognormal forecasts; PIT
// uniformity of observations drawn from the forecast itself.
#include "analysis/crps.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "samples.hpp"

namespace spendcast::analysis {
namespace {

using testing::phi_cdf;
using testing::phi_pdf;

TEST(Crps, PointMassIsTheAbsoluteError) {
  const auto d = stats::EmpiricalDistribution::from_values({3.0});
  EXPECT_EQ(crps(d, 3.0), 0.0);
  EXPECT_EQ(crps(d, 5.5), 2.5);
  EXPECT_EQ(crps(d, -1.0), 4.0);
}

TEST(Crps, TwoPointsExactly) {
  // F = 1/2 on [0, 1): ∫_0^0.5 (1/2)² + ∫_0.5^1 (1/2)² = 0.25; E|X − y| − E|X − X'|/2 agrees.
  const auto d = stats::EmpiricalDistribution::from_values({0.0, 1.0});
  EXPECT_DOUBLE_EQ(crps(d, 0.5), 0.25);
  EXPECT_DOUBLE_EQ(crps(d, 0.0), 0.25);   // 0.5·1 − 0.25
  EXPECT_DOUBLE_EQ(crps(d, 3.0), 2.25);   // 0.5·(3 + 2) − 0.25
  EXPECT_DOUBLE_EQ(crps(d, -1.0), 1.25);  // 0.5·(1 + 2) − 0.25
}

TEST(Crps, UndefinedForEmptyOrNonFinite) {
  EXPECT_TRUE(std::isnan(crps(stats::EmpiricalDistribution(), 1.0)));
  EXPECT_TRUE(std::isnan(crps(stats::EmpiricalDistribution::from_values({1.0}), NAN)));
}

/// CRPS of N(mu, sigma) at y (Gneiting and Raftery 2007).
double normal_crps(double mu, double sigma, double y) {
  const double z = (y - mu) / sigma;
  return sigma * (z * (2 * phi_cdf(z) - 1) + 2 * phi_pdf(z) - 1 / std::sqrt(M_PI));
}

/// CRPS of LN(mu, sigma) at y > 0 (Baran and Lerch 2015).
double lognormal_crps(double mu, double sigma, double y) {
  const double z = (std::log(y) - mu) / sigma;
  return y * (2 * phi_cdf(z) - 1) - 2 * std::exp(mu + sigma * sigma / 2) *
                                        (phi_cdf(z - sigma) + phi_cdf(sigma / std::sqrt(2.0)) - 1);
}

/// Monte Carlo bound for the CRPS of a sample at y: 4 standard errors of E|X − y|.
double bound(const std::vector<double>& sample, double y) {
  std::vector<double> error(sample.size());
  std::transform(sample.begin(), sample.end(), error.begin(),
                 [y](double x) { return std::fabs(x - y); });
  return 4 * testing::sample_sd(error) / std::sqrt(static_cast<double>(sample.size()));
}

constexpr std::size_t n = 100'000;

TEST(Crps, NormalForecastMatchesTheClosedForm) {
  const auto sample = testing::normal_sample(2.0, 1.5, 41, "crps", n);
  const auto exact = stats::EmpiricalDistribution::from_values(sample);
  for (const double y : {-1.0, 1.7, 2.0, 4.5, 9.0}) {
    const double expected = normal_crps(2.0, 1.5, y);
    EXPECT_NEAR(crps(exact, y), expected, bound(sample, y)) << y;
  }
}

TEST(Crps, LognormalForecastThroughTheSketchMatchesTheClosedForm) {
  const auto sample = testing::lognormal_sample(0.5, 0.8, 42, "crps", n);
  const auto sketched = testing::through_sketch(sample);
  for (const double y : {0.3, 1.0, 1.65, 4.0, 20.0}) {
    const double expected = lognormal_crps(0.5, 0.8, y);
    // The sketch moves each value by at most 1e-3 of itself: E|X| · 1e-3 more.
    EXPECT_NEAR(crps(sketched, y), expected, bound(sample, y) + 1e-3 * std::exp(0.82)) << y;
  }
  // The closed form is not a vacuous target: a wrong forecast scores visibly worse.
  EXPECT_GT(lognormal_crps(0.8, 0.8, 1.65) - lognormal_crps(0.5, 0.8, 1.65), 0.05);
}

/// Kolmogorov–Smirnov statistic of values against U(0, 1).
double ks_uniform(std::vector<double> u) {
  std::sort(u.begin(), u.end());
  const auto m = static_cast<double>(u.size());
  double d = 0;
  for (std::size_t i = 0; i < u.size(); ++i)
    d = std::max({d, std::fabs(u[i] - static_cast<double>(i) / m),
                  std::fabs(static_cast<double>(i + 1) / m - u[i])});
  return d;
}

TEST(Pit, ObservationsFromTheForecastAreUniform) {
  const auto forecast = testing::through_sketch(testing::lognormal_sample(0, 1, 51, "fc", n));
  constexpr std::size_t m = 1000;
  // 1 % critical value of the one-sample KS test: 1.628 / sqrt(m).
  const double critical = 1.628 / std::sqrt(static_cast<double>(m));
  std::vector<double> pits;
  for (const double y : testing::lognormal_sample(0, 1, 52, "observed", m))
    pits.push_back(forecast.cdf(y));
  EXPECT_LT(ks_uniform(pits), critical);
  // The test has power: observations from a shifted truth are rejected.
  std::vector<double> shifted;
  for (const double y : testing::lognormal_sample(0.3, 1, 52, "observed", m))
    shifted.push_back(forecast.cdf(y));
  EXPECT_GT(ks_uniform(shifted), critical);
}

}  // namespace
}  // namespace spendcast::analysis
