#include "stats/forecast_accumulator.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "fixtures.hpp"
#include "stats/stats_json.hpp"

namespace spendcast::stats {
namespace {

using testing::PathValues;

/// Accumulates `data` in blocks of the given sizes, spread over `parts` accumulators in a
/// shuffled order, then merges the parts in another shuffled order.
ForecastAccumulator accumulate(const PathValues& data, const std::vector<std::size_t>& sizes,
                               std::size_t parts, std::uint64_t seed, AccumulatorOptions options) {
  struct Range {
    std::size_t first, n;
  };
  std::vector<Range> blocks;
  for (std::size_t first = 0, b = 0; first < data.paths; ++b) {
    const std::size_t n = std::min(sizes[b % sizes.size()], data.paths - first);
    blocks.push_back({first, n});
    first += n;
  }
  std::mt19937_64 rng(seed);
  std::shuffle(blocks.begin(), blocks.end(), rng);
  std::vector<ForecastAccumulator> accumulators(parts, ForecastAccumulator(data.layout, options));
  for (const Range& r : blocks) {
    const std::vector<double> storage = data.slice(r.first, r.n);
    accumulators[rng() % parts].add(data.block(r.first, r.n, storage));
  }
  std::shuffle(accumulators.begin(), accumulators.end(), rng);
  ForecastAccumulator result(data.layout, options);
  for (const ForecastAccumulator& a : accumulators) result.merge(a);
  return result;
}

void expect_identical(const ForecastAccumulator& a, const ForecastAccumulator& b) {
  EXPECT_TRUE(a == b);
  EXPECT_EQ(a.to_json().dump(), b.to_json().dump());
  testing::expect_same_forecast(a.forecast(), b.forecast());
}

TEST(ForecastAccumulator, BitwiseIndependentOfBlocksOrderAndSplits) {
  const PathValues data = testing::small_market(10007, 77);
  for (const bool exact : {false, true}) {
    const AccumulatorOptions options{exact, 1e-3};
    const ForecastAccumulator reference = accumulate(data, {data.paths}, 1, 0, options);
    EXPECT_EQ(reference.paths(), data.paths);
    expect_identical(reference, accumulate(data, {64}, 1, 1, options));
    expect_identical(reference, accumulate(data, {1000}, 3, 2, options));
    expect_identical(reference, accumulate(data, {4096}, 2, 3, options));
    expect_identical(reference, accumulate(data, {1, 7, 333, 4096, 50}, 5, 4, options));
  }
}

TEST(ForecastAccumulator, ExactModeMatchesTheValuesAndSketchModeTheBound) {
  const PathValues data = testing::small_market(5000, 8);
  const Forecast exact = accumulate(data, {1000}, 1, 0, {true, 1e-3}).forecast();
  const Forecast sketch = accumulate(data, {1000}, 1, 0, {false, 1e-3}).forecast();
  EXPECT_TRUE(exact.exact());
  EXPECT_EQ(exact.relative_accuracy(), 0.0);
  EXPECT_EQ(sketch.relative_accuracy(), 1.0 / 1025.0);
  for (std::size_t m = 0; m < data.layout->metrics.size(); ++m) {
    for (std::size_t y = 0; y < 3; ++y) {
      std::vector<double> row(
          data.values.begin() + static_cast<std::ptrdiff_t>((m * 3 + y) * data.paths),
          data.values.begin() + static_cast<std::ptrdiff_t>((m * 3 + y + 1) * data.paths));
      const EmpiricalDistribution truth = EmpiricalDistribution::from_values(row);
      const MetricSummary& e = exact.metric(m, y);
      const MetricSummary& s = sketch.metric(m, y);
      // Moments do not depend on the mode.
      EXPECT_EQ(e.mean, s.mean);
      EXPECT_EQ(e.sd, s.sd);
      EXPECT_EQ(e.min, *std::min_element(row.begin(), row.end()));
      std::sort(row.begin(), row.end());
      for (std::size_t i = 0; i < 99; ++i) {
        const double p = static_cast<double>(i + 1) / 100.0;
        const double q = truth.quantile(p);
        EXPECT_EQ(e.percentiles[i], q);
        // Within 1/1025 of the two order statistics NumPy interpolates (or 2^-40).
        const double h = static_cast<double>(row.size() - 1) * p;
        const auto k = static_cast<std::size_t>(std::floor(h));
        const double g = h - std::floor(h);
        const double bound =
            ((1 - g) * std::fabs(row[k]) + g * std::fabs(row[k + 1])) / 1025.0 * (1 + 1e-12) +
            QuantileSketch::zero_threshold;
        EXPECT_NEAR(s.percentiles[i], q, bound) << data.layout->metrics[m] << " p" << i + 1;
      }
    }
  }
}

TEST(ForecastAccumulator, JsonRoundTripThenMerge) {
  const PathValues data = testing::small_market(3000, 5);
  for (const bool exact : {false, true}) {
    const AccumulatorOptions options{exact, 2e-3};
    const ForecastAccumulator whole = accumulate(data, {512}, 1, 0, options);
    const std::string text = whole.to_json().dump();
    const ForecastAccumulator back = ForecastAccumulator::from_json(nlohmann::json::parse(text));
    expect_identical(whole, back);
    EXPECT_EQ(back.to_json().dump(), text);
    // Two shards written to files and read back merge into the whole.
    ForecastAccumulator first(data.layout, options), second(data.layout, options);
    const auto s1 = data.slice(0, 1234), s2 = data.slice(1234, data.paths - 1234);
    first.add(data.block(0, 1234, s1));
    second.add(data.block(1234, data.paths - 1234, s2));
    ForecastAccumulator merged =
        ForecastAccumulator::from_json(nlohmann::json::parse(second.to_json().dump()));
    merged.merge(ForecastAccumulator::from_json(nlohmann::json::parse(first.to_json().dump())));
    expect_identical(whole, merged);
  }
  EXPECT_TRUE(layout_from_json(layout_to_json(*data.layout)) == *data.layout);
}

TEST(ForecastAccumulator, MergingWithItselfDoublesEverything) {
  const PathValues data = testing::small_market(500, 12);
  for (const bool exact : {false, true}) {
    const AccumulatorOptions options{exact, 1e-3};
    ForecastAccumulator a = accumulate(data, {100}, 1, 0, options);
    const ForecastAccumulator copy = a;
    ForecastAccumulator expected = a;
    expected.merge(copy);
    a.merge(a);
    expect_identical(expected, a);
    EXPECT_EQ(a.paths(), 1000u);
  }
}

TEST(ForecastAccumulator, RejectsNonFiniteBlocksWithoutChange) {
  PathValues data = testing::small_market(100, 1);
  ForecastAccumulator a(data.layout), fresh(data.layout);
  data.at(5, 2, 17) = std::numeric_limits<double>::quiet_NaN();
  const auto storage = data.slice(0, 100);
  try {
    a.add(data.block(0, 100, storage));
    ADD_FAILURE() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("'hhi' in 2027"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(a == fresh);
  EXPECT_EQ(a.paths(), 0u);
}

TEST(ForecastAccumulator, RejectedBlockRollsBackTheRowsAlreadyAdded) {
  // add() scans and adds row by row: a non-finite value in a late row must undo the rows
  // before it (moments and sketches, one-sign and general paths) exactly, on an
  // accumulator that already holds values, in both modes.
  PathValues data = testing::small_market(300, 4);
  data.at(6, 0, 3) = -0.0;
  data.at(6, 1, 4) = std::numeric_limits<double>::denorm_min();
  data.at(0, 1, 5) = 1e300;
  for (const bool exact : {false, true}) {
    const AccumulatorOptions options{exact, 1e-3};
    const std::size_t rows = data.layout->metrics.size() * data.layout->years.size();
    for (const std::size_t bad_row : {rows - 1, rows / 2, std::size_t{1}}) {
      ForecastAccumulator a(data.layout, options);
      const auto first = data.slice(0, 150);
      a.add(data.block(0, 150, first));
      const ForecastAccumulator before = a;
      auto second = data.slice(150, 150);
      second[bad_row * 150 + 149] = bad_row == 1 ? -std::numeric_limits<double>::infinity()
                                                 : std::numeric_limits<double>::quiet_NaN();
      EXPECT_THROW(a.add(data.block(150, 150, second)), std::invalid_argument);
      EXPECT_TRUE(a == before);
      EXPECT_EQ(a.to_json().dump(), before.to_json().dump());
      // And the rolled-back accumulator goes on as if the block had never come.
      const auto good = data.slice(150, 150);
      ForecastAccumulator b = before;
      a.add(data.block(150, 150, good));
      b.add(data.block(150, 150, good));
      EXPECT_TRUE(a == b);
      EXPECT_EQ(a.to_json().dump(), b.to_json().dump());
    }
  }
}

TEST(ForecastAccumulator, RejectsMismatchedShapesLayoutsAndOptions) {
  const PathValues data = testing::small_market(10, 1);
  ForecastAccumulator a(data.layout);
  const auto storage = data.slice(0, 10);
  MetricBlock wrong = data.block(0, 10, storage);
  wrong.years = 2;
  EXPECT_THROW(a.add(wrong), std::invalid_argument);
  auto other_layout = std::make_shared<MetricLayout>(*data.layout);
  other_layout->quantiles = {0.5};
  EXPECT_THROW(a.merge(ForecastAccumulator(other_layout)), std::invalid_argument);
  EXPECT_THROW(a.merge(ForecastAccumulator(data.layout, {true, 1e-3})), std::invalid_argument);
  EXPECT_THROW(a.merge(ForecastAccumulator(data.layout, {false, 1e-2})), std::invalid_argument);
  auto bad = std::make_shared<MetricLayout>(*data.layout);
  bad->vendor_share_metrics = {2, 3, 40};
  EXPECT_THROW(ForecastAccumulator{bad}, std::invalid_argument);
  EXPECT_THROW(ForecastAccumulator(data.layout, {false, 0.0}), std::invalid_argument);
}

TEST(ForecastAccumulator, EmptyForecastIsNaNNotACrash) {
  const PathValues data = testing::small_market(1, 1);
  const Forecast f = ForecastAccumulator(data.layout).forecast();
  EXPECT_EQ(f.paths(), 0u);
  EXPECT_TRUE(std::isnan(f.metric(0, 0).mean));
  EXPECT_TRUE(std::isnan(f.metric(0, 0).quantiles[0].value));
  EXPECT_TRUE(std::isnan(f.leader(0, 0).value));
}

}  // namespace
}  // namespace spendcast::stats
