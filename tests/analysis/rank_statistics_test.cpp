// Mid-ranks, Spearman correlation and the rank regression.
#include "analysis/rank_statistics.hpp"

#include <gtest/gtest.h>

#include "samples.hpp"

namespace spendcast::analysis {
namespace {

TEST(RankStatistics, MidRanksShareTies) {
  const std::vector<double> v{3.0, 1.0, 3.0, 2.0, 3.0};
  EXPECT_EQ(mid_ranks(v), (std::vector<double>{4, 1, 4, 2, 4}));
  const std::vector<double> indicator{0, 1, 0, 0};
  EXPECT_EQ(mid_ranks(indicator), (std::vector<double>{2, 4, 2, 2}));
}

TEST(RankStatistics, SpearmanOfMonotoneAndConstant) {
  const std::vector<double> x{1, 2, 3, 4, 5, 6}, y{1, 8, 27, 64, 125, 216}, z(6, 7.0);
  EXPECT_DOUBLE_EQ(spearman_from_ranks(mid_ranks(x), mid_ranks(y)).value, 1.0);
  std::vector<double> reversed(y.rbegin(), y.rend());
  EXPECT_DOUBLE_EQ(spearman_from_ranks(mid_ranks(x), mid_ranks(reversed)).value, -1.0);
  EXPECT_TRUE(std::isnan(spearman_from_ranks(mid_ranks(x), mid_ranks(z)).value));
}

TEST(RankStatistics, RegressionFindsTheDrivingFactorAndNotTheOther) {
  constexpr std::size_t n = 5000;
  const auto x1 = testing::standard_normals(1, "x1", n);
  const auto x2 = testing::standard_normals(1, "x2", n);
  const auto e = testing::standard_normals(1, "noise", n);
  std::vector<double> y(n);
  for (std::size_t i = 0; i < n; ++i) y[i] = std::exp(2 * x1[i] + 0.5 * e[i]);  // monotone in x1
  const RankRegression fit = rank_regression({mid_ranks(x1), mid_ranks(x2)}, mid_ranks(y));
  ASSERT_TRUE(fit.full_rank);
  EXPECT_GT(fit.coefficients[0].value, 0.9);
  EXPECT_LT(std::fabs(fit.coefficients[1].value), 4 * fit.coefficients[1].se);
  EXPECT_GT(fit.r_squared, 0.9);
  // se ≈ sqrt((1 − R²) / n) for uncorrelated standardised factors.
  EXPECT_NEAR(fit.coefficients[1].se, std::sqrt((1 - fit.r_squared) / n), 2e-3);
  // The Spearman se of an unrelated factor is about 1 / sqrt(n).
  const stats::Estimate unrelated = spearman_from_ranks(mid_ranks(x2), mid_ranks(y));
  EXPECT_LT(std::fabs(unrelated.value), 4 * unrelated.se);
  EXPECT_NEAR(unrelated.se, 1 / std::sqrt(n - 3.0), 1e-3);
}

TEST(RankStatistics, CollinearFactorsAreReported) {
  const auto x = testing::standard_normals(2, "x", 100);
  const RankRegression fit = rank_regression({mid_ranks(x), mid_ranks(x)}, mid_ranks(x));
  EXPECT_FALSE(fit.full_rank);
  EXPECT_TRUE(std::isnan(fit.coefficients[0].value));
}

}  // namespace
}  // namespace spendcast::analysis
