#include "model/quantile_table.hpp"

#include <gtest/gtest.h>

#include <boost/math/distributions/beta.hpp>
#include <cmath>

#include "model/distribution.hpp"

namespace spendcast::model {
namespace {

namespace bm = boost::math;

TEST(QuantileTable, MatchesBoostsBetaInverseEverywhere) {
  const std::pair<double, double> shapes[] = {{4, 4},  {1.8, 4.2}, {0.5, 0.5}, {0.5, 20},
                                              {50, 2}, {1, 1},     {1.2, 0.7}, {200, 300}};
  for (auto [a, b] : shapes) {
    const bm::beta_distribution<double> d(a, b);
    QuantileTable table([&](double u) { return bm::quantile(d, u); },
                        [&](double x) { return x <= 0 || x >= 1 ? 0.0 : bm::pdf(d, x); });
    double worst = 0;
    // A grid off the knots, the table's edges, and the far tails.
    for (int i = 1; i < 6000; ++i) {
      const double u = (i + 0.377) / 6001.0;
      worst = std::max(worst, std::fabs(table(u) - bm::quantile(d, u)));
    }
    for (double u : {1e-9, 0x1p-20, 0x1p-20 * 1.0001, 1e-5, 1 - 1e-5, 1 - 0x1p-20, 1 - 1e-9})
      worst = std::max(worst, std::fabs(table(u) - bm::quantile(d, u)));
    EXPECT_LT(worst, 1e-11) << "beta(" << a << ", " << b << ")";
  }
}

TEST(QuantileTable, IsMonotone) {
  const bm::beta_distribution<double> d(4, 4);
  QuantileTable table([&](double u) { return bm::quantile(d, u); },
                      [&](double x) { return bm::pdf(d, x); });
  double previous = -1;
  for (int i = 1; i < 100000; ++i) {
    const double x = table(i / 100000.0);
    ASSERT_GE(x, previous);
    previous = x;
  }
}

TEST(Distribution, PertUsesTheBetaWithLambdaFour) {
  scenario::DistSpec s;
  s.kind = scenario::DistSpec::Kind::pert;
  s.min = 0.05;
  s.mode = 0.12;
  s.max = 0.30;
  const Distribution d(s);
  const bm::beta_distribution<double> b(1 + 4 * 0.07 / 0.25, 1 + 4 * 0.18 / 0.25);
  for (double u : {0.01, 0.3, 0.5, 0.9, 0.999})
    EXPECT_NEAR(d.quantile(u), 0.05 + 0.25 * bm::quantile(b, u), 1e-12) << u;
}

}  // namespace
}  // namespace spendcast::model
