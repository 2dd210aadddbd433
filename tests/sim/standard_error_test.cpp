// Standard errors are honest end to end: over repeated runs with different seeds, the
// z-scores of the mean, the median and a probability against a precise reference run are
// close to N(0, 1).
#include <gtest/gtest.h>

#include <cmath>

#include "fixtures.hpp"
#include "sim/forecast_run.hpp"

namespace spendcast::sim {
namespace {

using namespace spendcast::testing;

TEST(StandardErrors, ZScoresOverRepeatedRunsAreStandardNormal) {
  scenario::ScenarioSpec spec = menlo_spec(2028, 2);
  spec.spend.long_run_growth = lognormal(std::log(0.15), 0.4);
  spec.spend.volatility = constant(0.2);
  spec.vendors->volatility = constant(0.3);
  spec.report.thresholds.push_back({"spend", {100}});
  const model::Model model = model::compile_model(spec);
  auto forecast = [&](std::uint64_t paths, std::uint64_t seed) {
    ForecastRunOptions o;
    o.paths = paths;
    o.seed = seed;
    o.threads = 2;
    return run_forecast(model, o).accumulator.forecast();
  };
  const stats::Forecast truth = forecast(400000, 999);
  const std::size_t y = 3;  // 2028
  const int share = model.layout->index_of("share.Anthropic");
  const double true_mean = truth.metric(0, y).mean, true_median = truth.quantile(0, y, 0.5).value;
  const double true_share_median = truth.quantile(share, y, 0.5).value;
  const double true_p = truth.threshold(0, 0, y).value;
  const int runs = 60;
  std::vector<double> z_mean, z_median, z_share, z_p;
  for (int r = 0; r < runs; ++r) {
    const stats::Forecast f = forecast(4000, 1000 + r);
    z_mean.push_back((f.metric(0, y).mean - true_mean) / f.metric(0, y).se);
    const stats::Estimate median = f.quantile(0, y, 0.5);
    z_median.push_back((median.value - true_median) / median.se);
    const stats::Estimate sm = f.quantile(share, y, 0.5);
    z_share.push_back((sm.value - true_share_median) / sm.se);
    const stats::Estimate p = f.threshold(0, 0, y);
    z_p.push_back((p.value - true_p) / p.se);
  }
  for (const auto* z : {&z_mean, &z_median, &z_share, &z_p}) {
    const auto [m, se] = mean_se(*z);
    const double sd = se * std::sqrt(static_cast<double>(runs));
    // The mean of 60 standard normals is within 4/√60 = 0.52 of 0; their sd within about
    // ±0.35 of 1 (se of a sample sd ≈ 1/√(2·60) = 0.09, with room for the reference's
    // own error and the quantile se's approximation).
    EXPECT_LT(std::fabs(m), 4.0 / std::sqrt(static_cast<double>(runs)));
    EXPECT_GT(sd, 0.65);
    EXPECT_LT(sd, 1.35);
  }
}

}  // namespace
}  // namespace spendcast::sim
