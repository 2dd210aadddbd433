// compare: paired statistics under common random numbers, unpaired from accumulators,
// shared cells across different layouts, and invariance to threads and blocks.
#include "analysis/comparison.hpp"

#include <gtest/gtest.h>

#include "analysis/comparison_output.hpp"
#include "samples.hpp"
#include "sim/fixtures.hpp"
#include "sim/forecast_run.hpp"

namespace spendcast::analysis {
namespace {

using testing::constant;
using testing::menlo_spec;
using testing::normal;
using testing::stress_spec;

PairedRunOptions options(int threads = 1, std::size_t block = 1024) {
  PairedRunOptions o;
  o.threads = threads;
  o.block_size = block;
  return o;
}

const CellComparison& find(const Comparison& c, const std::string& metric, int year) {
  for (const CellComparison& cell : c.cells)
    if (cell.metric == metric && cell.year == year) return cell;
  throw std::runtime_error("no cell " + metric);
}

TEST(Compare, AScenarioAgainstItselfDiffersByExactlyNothing) {
  scenario::ScenarioSpec s = stress_spec();
  s.simulation.paths = 1500;
  MetricRequest every;  // every metric of the layout, events included
  every.metrics = model::compile_model(s).layout->metrics;
  const ComparisonReport r = compare_scenarios({s, s}, every, options(2, 256));
  ASSERT_EQ(r.comparisons.size(), 1u);
  const Comparison& c = r.comparisons[0];
  EXPECT_TRUE(c.left_out.empty());
  EXPECT_EQ(c.cells.size(), every.metrics.size() * 6);
  EXPECT_EQ(r.inputs[1].label, "test#2");
  for (const CellComparison& cell : c.cells) {
    ASSERT_TRUE(cell.paired);
    const PairedStatistics& p = *cell.paired;
    EXPECT_EQ(p.difference.median, 0.0) << cell.metric;
    EXPECT_EQ(p.difference.low, 0.0) << cell.metric;
    EXPECT_EQ(p.difference.high, 0.0) << cell.metric;
    EXPECT_EQ(p.mean_difference.value, 0.0) << cell.metric;
    EXPECT_EQ(p.greater.value, 0.0) << cell.metric;
    EXPECT_EQ(p.less.value, 0.0) << cell.metric;
    EXPECT_EQ(cell.ks, 0.0) << cell.metric;
    EXPECT_EQ(cell.w1, 0.0) << cell.metric;
    EXPECT_EQ(cell.a.median, cell.b.median) << cell.metric;
    if (p.ratio_undefined < r.paths) {
      EXPECT_EQ(p.ratio.median, 1.0) << cell.metric;
    }
  }
}

/// Noisy spend with an uncertain long-run growth, shifted up by `shift` in B.
std::pair<scenario::ScenarioSpec, scenario::ScenarioSpec> growth_shift(double shift) {
  scenario::ScenarioSpec a = menlo_spec(2030, 4);
  a.simulation.paths = 4000;
  a.spend.long_run_growth = normal(0.15, 0.05);
  a.spend.volatility = constant(0.15);
  a.spend.growth_volatility = constant(0.05);
  a.vendors->volatility = constant(0.2);
  scenario::ScenarioSpec b = a;
  b.name = "faster";
  b.spend.long_run_growth = normal(0.15 + shift, 0.05);
  return {a, b};
}

TEST(Compare, HigherLongRunGrowthIsDetectedWithTheRightSign) {
  const auto [a, b] = growth_shift(0.05);
  const ComparisonReport r = compare_scenarios({a, b}, {}, options());
  const CellComparison& spend = find(r.comparisons[0], "spend", 2030);
  const PairedStatistics& p = *spend.paired;
  // The same noise and the same θ quantiles: B's spend is above A's on (almost) every path.
  EXPECT_GT(p.greater.value, 0.99);
  EXPECT_GT(p.difference.low, 0.0);
  EXPECT_GT(p.ratio.median, 1.0);
  EXPECT_GT(p.mean_difference.value, 10 * p.mean_difference.se);
  EXPECT_GT(spend.b.median, spend.a.median);
  // Without ceiling or events, B's log-spend is above A's by the same amount on every path:
  // g_B − g_A = δ (1 − φ^t) integrated over six years, δ (6 − (1 − φ^6) / κ), κ = ln 2.
  const double log_ratio = 0.05 * (6 - (1 - std::pow(0.5, 6)) / std::log(2.0));
  EXPECT_NEAR(p.ratio.median, std::exp(log_ratio), 2e-3 * std::exp(log_ratio));
  EXPECT_NEAR(p.ratio.low, std::exp(log_ratio), 2e-3 * std::exp(log_ratio));
  // The reverse comparison has the opposite sign.
  const ComparisonReport reverse = compare_scenarios({b, a}, {}, options());
  const PairedStatistics& q = *find(reverse.comparisons[0], "spend", 2030).paired;
  EXPECT_LT(q.greater.value, 0.01);
  EXPECT_LT(q.difference.high, 0.0);
  // Pairing is what makes it sharp: KS stays well below 1 (the marginals overlap).
  EXPECT_LT(spend.ks, 0.8);
}

TEST(Compare, ResultsDoNotDependOnThreadsOrBlocks) {
  const auto [a, b] = growth_shift(0.05);
  const auto one = comparison_to_json(compare_scenarios({a, b}, {}, options(1, 1024)));
  auto many = comparison_to_json(compare_scenarios({a, b}, {}, options(3, 97)));
  many["run"] = one["run"];  // threads and elapsed time differ, nothing else
  EXPECT_EQ(one.dump(), many.dump());
}

TEST(Compare, ComparesWhatDifferentHorizonsAndVendorsShare) {
  scenario::ScenarioSpec a = menlo_spec(2030, 1);
  a.simulation.paths = 500;
  scenario::ScenarioSpec b = menlo_spec(2027, 1);
  b.name = "short";
  b.simulation.paths = 800;  // the first scenario's paths and seed win, with a note
  testing::add_entrant(*b.vendors, "Newcomer", "entry");
  scenario::EventSpec entry;
  entry.name = "entry";
  entry.hazard = constant(0.5);
  entry.first_year = 2025;
  entry.last_year = 2027;
  entry.enters = "Newcomer";
  entry.entry_share = constant(0.05);
  b.events.push_back(entry);
  const ComparisonReport r = compare_scenarios({a, b}, {}, options());
  const Comparison& c = r.comparisons[0];
  EXPECT_EQ(c.left_out,
            (std::vector<std::string>{"2028–2030 (not in short)", "share.Newcomer (not in test)"}));
  EXPECT_EQ(c.cells.size(), 7u * 3u);  // spend and six vendor shares, 2025–2027
  EXPECT_EQ(c.cells.back().year, 2027);
  EXPECT_EQ(r.paths, 500u);
  const std::string note =
      "short sets 800 paths and seed 20241120; it ran test's 500 paths and seed 20241120 to be "
      "paired";
  EXPECT_NE(std::find(r.notes.begin(), r.notes.end(), note), r.notes.end());
}

TEST(Compare, UnknownMetricsAndYearsNameTheOption) {
  scenario::ScenarioSpec a = menlo_spec(2027, 1);
  a.simulation.paths = 10;
  MetricRequest bad{{"share.Antropic", "spend", "nonsense"}, {2031}};
  try {
    compare_scenarios({a, a}, bad, options());
    FAIL() << "no error";
  } catch (const scenario::ScenarioError& e) {
    EXPECT_EQ(std::string(e.what()),
              "--metric share.Antropic: error: unknown metric (got \"share.Antropic\"); did you "
              "mean 'share.Anthropic'?\n"
              "--metric nonsense: error: unknown metric (got \"nonsense\"; expected one of: spend, "
              "growth, share.OpenAI, share.Anthropic, share.Meta, share.Google, share.Mistral, "
              "share.Other, revenue.OpenAI, revenue.Anthropic, revenue.Meta, revenue.Google, "
              "revenue.Mistral, revenue.Other, hhi, cagr)\n"
              "--year 2031: error: outside the runs (got 2031; expected a year from 2025 to "
              "2027)");
  }
}

/// A ResultFile in memory: the forecast of `spec` as `spendcast run --json` keeps it.
report::ResultFile result_of(const scenario::ScenarioSpec& spec) {
  sim::ForecastRunOptions o;
  o.paths = spec.simulation.paths;
  o.seed = spec.simulation.seed;
  o.threads = 1;
  report::ResultFile r{spec.name + ".json",
                       spec.name,
                       "",
                       {},
                       {},
                       sim::run_forecast(model::compile_model(spec), o).accumulator};
  r.run.paths = spec.simulation.paths;
  r.run.seed = spec.simulation.seed;
  return r;
}

TEST(Compare, ResultFilesGiveTheSameDistributionsUnpaired) {
  const auto [a, b] = growth_shift(0.05);
  const ComparisonReport paired = compare_scenarios({a, b}, {}, options());
  const ComparisonReport unpaired = compare_results({result_of(a), result_of(b)}, {});
  EXPECT_FALSE(unpaired.paired);
  ASSERT_EQ(unpaired.comparisons[0].cells.size(), paired.comparisons[0].cells.size());
  for (std::size_t k = 0; k < paired.comparisons[0].cells.size(); ++k) {
    const CellComparison &p = paired.comparisons[0].cells[k], &u = unpaired.comparisons[0].cells[k];
    EXPECT_FALSE(u.paired);
    ASSERT_TRUE(u.greater_unpaired);
    // The same paths through the same sketches: the marginal statistics agree bitwise.
    EXPECT_EQ(p.a.median, u.a.median) << p.metric;
    EXPECT_EQ(p.b.high, u.b.high) << p.metric;
    EXPECT_EQ(p.ks, u.ks) << p.metric;
    EXPECT_EQ(p.w1, u.w1) << p.metric;
  }
  const CellComparison& spend = find(unpaired.comparisons[0], "spend", 2030);
  // Independent draws overlap: unpaired P(B > A) is far from the paired one (≈ 1).
  EXPECT_GT(spend.greater_unpaired->value, 0.5);
  EXPECT_LT(spend.greater_unpaired->value, 0.95);
  EXPECT_NE(unpaired.notes[0].find("Paired statistics need the scenario files"), std::string::npos);
}

TEST(Compare, OutputsFitOneHundredColumnsAndCsvIsTidy) {
  const auto [a, b] = growth_shift(0.05);
  const ComparisonReport r = compare_scenarios({a, b, a}, {}, options());
  const std::string table = comparison_table(r);
  EXPECT_LE(testing::widest_line(table), 100u) << table;
  EXPECT_NE(table.find("faster vs test (paired)"), std::string::npos);
  EXPECT_NE(table.find("test#3 vs test (paired)"), std::string::npos);
  const std::string csv = comparison_to_csv(r);
  EXPECT_EQ(csv.substr(0, csv.find('\n')), "comparison,metric,year,statistic,value");
  EXPECT_NE(csv.find("\nfaster vs test,spend,2030,p_greater,"), std::string::npos);
  EXPECT_EQ(csv.find("nan"), std::string::npos);
  const auto j = comparison_to_json(r);
  EXPECT_EQ(j["format"], "spendcast-comparison/1");
  EXPECT_EQ(j["comparisons"].size(), 2u);
  EXPECT_EQ(j["comparisons"][1]["metrics"]["spend"]["2030"]["ks"], 0.0);
}

}  // namespace
}  // namespace spendcast::analysis
