// score: CRPS, PIT, coverage and log score of observations against a run's forecast;
// observations drawn from the model itself have uniform PITs; errors name positions.
#include "analysis/scoring.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "analysis/crps.hpp"
#include "analysis/score_output.hpp"
#include "samples.hpp"
#include "sim/fixtures.hpp"
#include "sim/forecast_run.hpp"

namespace spendcast::analysis {
namespace {

using testing::constant;
using testing::menlo_spec;
using testing::normal;

scenario::ScenarioSpec noisy_spec(std::uint64_t seed) {
  scenario::ScenarioSpec s = menlo_spec(2027, 1);
  s.simulation.paths = 20000;
  s.simulation.seed = seed;
  s.spend.long_run_growth = normal(0.2, 0.1);
  s.spend.volatility = constant(0.2);
  s.vendors->volatility = constant(0.2);
  return s;
}

stats::ForecastAccumulator forecast_of(const scenario::ScenarioSpec& s, bool exact = false) {
  sim::ForecastRunOptions o;
  o.paths = s.simulation.paths;
  o.seed = s.simulation.seed;
  o.threads = 2;
  o.accumulator.exact = exact;
  return sim::run_forecast(model::compile_model(s), o).accumulator;
}

Observation observation(const std::string& metric, int year, double value) {
  Observation o;
  o.key = "observation[0]";
  o.metric = metric;
  o.year = year;
  o.value = value;
  o.metric_where = {"obs.toml", 2, 10};
  o.year_where = {"obs.toml", 3, 8};
  o.value_where = {"obs.toml", 4, 9};
  return o;
}

TEST(Score, TheMedianScoresWellAndAValueBeyondTheSupportBadly) {
  const stats::ForecastAccumulator acc = forecast_of(noisy_spec(1));
  const stats::EmpiricalDistribution d = acc.distribution(0, 1);  // spend, 2026
  const double median = d.quantile(0.5);
  const ScoreReport r = score_forecast(
      acc, {observation("spend", 2026, median), observation("spend", 2026, 10 * d.max())});
  const ObservationScore &good = r.scores[0], &bad = r.scores[1];
  // The sketch's median is its bucket's representative value: the PIT there is 0.5 up to
  // the mass of that bucket (relative width 2a, a the sketch's relative accuracy).
  const double a = acc.sketch(0, 1).relative_accuracy();
  EXPECT_NEAR(good.pit, 0.5, d.cdf(median * (1 + a)) - d.cdf(median * (1 - a)));
  EXPECT_TRUE(good.inside50);
  EXPECT_TRUE(good.inside90);
  EXPECT_EQ(good.crps, crps(d, median));
  EXPECT_GT(good.density, 0);
  EXPECT_EQ(good.log_score, -std::log(good.density));
  EXPECT_EQ(bad.pit, 1.0);
  EXPECT_FALSE(bad.inside90);
  EXPECT_EQ(bad.density, 0.0);
  EXPECT_TRUE(std::isinf(bad.log_score));
  // Beyond the support the CRPS grows like the distance: value − mean.
  EXPECT_NEAR(bad.crps, 10 * d.max() - acc.moments(0, 1).mean(),
              0.6 * (d.quantile(0.75) - d.quantile(0.25)));
  ASSERT_EQ(r.by_metric.size(), 1u);
  const ScoreSummary& spend = r.by_metric[0];
  EXPECT_EQ(spend.metric, "spend");
  EXPECT_EQ(spend.count, 2u);
  EXPECT_EQ(spend.coverage50, 0.5);
  EXPECT_EQ(spend.coverage90, 0.5);
  EXPECT_EQ(spend.infinite_log_scores, 1u);
  EXPECT_EQ(spend.mean_log_score, good.log_score);
  EXPECT_DOUBLE_EQ(spend.mean_crps, (good.crps + bad.crps) / 2);
  EXPECT_EQ(r.overall.coverage90, 0.5);
  const auto j = score_to_json(r);
  EXPECT_TRUE(j["observations"][1]["log_score"].is_null());
  EXPECT_EQ(j["summary"]["infinite_log_scores"], 1);
  EXPECT_EQ(j["by_metric"][0]["metric"], "spend");
  EXPECT_LE(testing::widest_line(score_table(r)), 100u) << score_table(r);
}

TEST(Score, TheDensityIsTheBucketsShareOverItsWidth) {
  // Exact mode keeps the sketch too: the density comes from it.
  scenario::ScenarioSpec s = noisy_spec(2);
  s.simulation.paths = 2000;
  const stats::ForecastAccumulator acc = forecast_of(s, true);
  const stats::QuantileSketch& sketch = acc.sketch(0, 0);
  const double y = acc.distribution(0, 0).quantile(0.3);
  const ScoreReport r = score_forecast(acc, {observation("spend", 2025, y)});
  int holding = 0;
  for (const stats::QuantileSketch::Bucket& b : sketch.buckets()) {
    if (b.lower <= y && y < b.upper) {
      ++holding;
      EXPECT_DOUBLE_EQ(r.scores[0].density, b.count / (2000.0 * (b.upper - b.lower)));
    }
  }
  EXPECT_EQ(holding, 1);
  // PIT from the exact values: the fraction of paths at or below y.
  EXPECT_EQ(r.scores[0].pit, acc.distribution(0, 0).cdf(y));
}

TEST(Score, ObservationsDrawnFromTheModelHaveUniformPits) {
  // The forecast from one seed; "what happened" from paths of another seed.
  const stats::ForecastAccumulator acc = forecast_of(noisy_spec(3));
  const model::Model truth = model::compile_model(noisy_spec(4));
  constexpr std::size_t m = 400;
  const auto values = testing::run_all(truth, m, 1);
  const int anthropic = truth.layout->index_of("share.Anthropic");
  std::vector<Observation> observations;
  for (std::size_t i = 0; i < m; ++i) {
    observations.push_back(observation("spend", 2027, values.at(0, 2, i)));
    observations.push_back(observation("share.Anthropic", 2026, values.at(anthropic, 1, i)));
  }
  const ScoreReport r = score_forecast(acc, observations);
  for (const bool spend : {true, false}) {
    std::vector<double> pits;
    for (std::size_t k = spend ? 0 : 1; k < r.scores.size(); k += 2)
      pits.push_back(r.scores[k].pit);
    std::sort(pits.begin(), pits.end());
    double d = 0;  // one-sample KS statistic against U(0, 1)
    for (std::size_t i = 0; i < m; ++i)
      d = std::max({d, std::fabs(pits[i] - static_cast<double>(i) / m),
                    std::fabs(static_cast<double>(i + 1) / m - pits[i])});
    EXPECT_LT(d, 1.628 / std::sqrt(static_cast<double>(m))) << (spend ? "spend" : "share");
  }
  // Coverage of the intervals within 4 binomial standard errors.
  EXPECT_NEAR(r.overall.coverage50, 0.5, 4 * std::sqrt(0.25 / (2 * m)));
  EXPECT_NEAR(r.overall.coverage90, 0.9, 4 * std::sqrt(0.09 / (2 * m)));
  // Summaries per metric, each in its own units; over all, no CRPS (units differ).
  ASSERT_EQ(r.by_metric.size(), 2u);
  EXPECT_EQ(r.by_metric[0].metric, "spend");
  EXPECT_EQ(r.by_metric[1].metric, "share.Anthropic");
  double share_crps = 0;
  for (std::size_t k = 1; k < r.scores.size(); k += 2) share_crps += r.scores[k].crps;
  EXPECT_DOUBLE_EQ(r.by_metric[1].mean_crps, share_crps / m);
  EXPECT_EQ(r.by_metric[1].count, m);
  EXPECT_TRUE(std::isnan(r.overall.mean_crps));
  EXPECT_TRUE(std::isnan(r.overall.mean_log_score));
  const std::string table = score_table(r);
  EXPECT_NE(table.find("share.Anthropic"), std::string::npos);
  const std::size_t all = table.find("\nall ");
  ASSERT_NE(all, std::string::npos) << table;
  const std::string all_row = table.substr(all + 1, table.find('\n', all + 1) - all - 1);
  EXPECT_NE(all_row.find(" - "), std::string::npos) << "no CRPS averaged across units: " << all_row;
}

TEST(Score, ASharePercentIsAnErrorWithTheFractionHint) {
  scenario::ScenarioSpec s = noisy_spec(6);
  s.simulation.paths = 100;
  const stats::ForecastAccumulator acc = forecast_of(s);
  try {
    score_forecast(acc, {observation("share.Anthropic", 2026, 40)});
    FAIL() << "no error";
  } catch (const scenario::ScenarioError& e) {
    EXPECT_EQ(std::string(e.what()),
              "obs.toml:4:9: error: observation[0].value: outside [0, 1] (got 40; expected a "
              "share as a fraction: 40 % is 0.40)");
  }
  EXPECT_THROW(score_forecast(acc, {observation("spend", 2026, -1)}), scenario::ScenarioError);
  EXPECT_THROW(score_forecast(acc, {observation("hhi", 2026, 1.5)}), scenario::ScenarioError);
  EXPECT_NO_THROW(score_forecast(acc, {observation("share.Anthropic", 2026, 0.4)}));
  EXPECT_NO_THROW(score_forecast(acc, {observation("growth", 2026, -0.4)}));
}

TEST(Score, UnknownMetricsAndYearsOutsideTheRunNameTheirPosition) {
  scenario::ScenarioSpec s = noisy_spec(5);
  s.simulation.paths = 100;
  const stats::ForecastAccumulator acc = forecast_of(s);
  try {
    score_forecast(acc, {observation("share.Antropic", 2031, 0.4)});
    FAIL() << "no error";
  } catch (const scenario::ScenarioError& e) {
    EXPECT_EQ(std::string(e.what()),
              "obs.toml:2:10: error: observation[0].metric: unknown metric (got "
              "\"share.Antropic\"); did you mean 'share.Anthropic'?\n"
              "obs.toml:3:8: error: observation[0].year: outside the run (got 2031; expected a "
              "year from 2025 to 2027)");
  }
}

}  // namespace
}  // namespace spendcast::analysis
