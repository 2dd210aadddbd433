// docs/MODEL.md §0: each step applies the exact transition over Δ, so year-end distributions
// do not depend on steps_per_year (no ceiling, no events, no diversification).
#include <gtest/gtest.h>

#include <cmath>

#include "fixtures.hpp"

namespace spendcast::sim {
namespace {

using namespace spendcast::testing;

/// Distribution-free standard error of the sample p-quantile: half the distance between
/// the quantiles at p ± √(p(1−p)/n).
double quantile_se(const std::vector<double>& v, double p) {
  const double s = std::sqrt(p * (1 - p) / v.size());
  return (quantile(v, std::min(p + s, 1.0)) - quantile(v, std::max(p - s, 0.0))) / 2;
}

TEST(StepsPerYear, YearEndDistributionsAgreeBetweenAnnualAndMonthlySteps) {
  const std::uint64_t n = 20000;
  std::vector<ValueStore> runs;
  std::vector<model::Model> models;
  for (int m : {1, 12}) {
    scenario::ScenarioSpec spec = menlo_spec(2030, m);
    spec.spend.long_run_growth = lognormal(std::log(0.15), 0.3);
    spec.spend.persistence = uniform(0.3, 0.7);
    spec.spend.volatility = constant(0.15);
    spec.spend.growth_volatility = constant(0.1);
    spec.vendors->persistence = uniform(0.3, 0.9);
    spec.vendors->volatility = constant(0.25);
    models.push_back(model::compile_model(spec));
    runs.push_back(run_all(models.back(), n, 2));
  }
  const auto& L = *models[0].layout;
  int compared = 0;
  for (const std::string metric : {"spend", "share.OpenAI", "share.Anthropic", "share.Other"}) {
    const int row = L.index_of(metric);
    for (int y : {0, 2, 5}) {
      const auto a = runs[0].column(row, y), b = runs[1].column(row, y);
      for (double p : {0.05, 0.5, 0.95}) {
        const double qa = quantile(a, p), qb = quantile(b, p);
        const double se = std::hypot(quantile_se(a, p), quantile_se(b, p));
        EXPECT_LT(std::fabs(qa - qb) / se, 4.0) << metric << " year " << y << " p " << p;
        ++compared;
      }
      const auto [ma, sa] = mean_se(a);
      const auto [mb, sb] = mean_se(b);
      EXPECT_LT(std::fabs(ma - mb) / std::hypot(sa, sb), 4.0) << metric << " mean, year " << y;
    }
  }
  EXPECT_EQ(compared, 36);
}

}  // namespace
}  // namespace spendcast::sim
