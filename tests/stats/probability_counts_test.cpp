#include "stats/probability_counts.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <nlohmann/json.hpp>
#include <vector>

#include "stats/forecast_accumulator.hpp"

namespace spendcast::stats {
namespace {

// Four paths, two years, hand-checked answers.
std::shared_ptr<const MetricLayout> hand_layout() {
  auto l = std::make_shared<MetricLayout>();
  l->metrics = {"spend", "share.A", "share.B", "share.C", "event.x"};
  l->years = {2025, 2026};
  l->spend_metric = 0;
  l->vendor_share_metrics = {1, 2, 3};
  l->vendor_names = {"A", "B", "C"};
  l->event_metrics = {4};
  l->event_names = {"x"};
  l->thresholds = {{0, {30.0, 100.0}}, {2, {0.5}}};
  l->first_year_spend_thresholds = {30.0, 50.0, 150.0, 1000.0};
  return l;
}

std::vector<double> hand_values() {
  return {
      10,  60,  5,   100,  // spend 2025
      40,  30,  5,   200,  // spend 2026 (path 1 dips below 50 after reaching it)
      0.5, 0.2, 0.4, 0.3,  // A 2025
      0.3, 0.3, 0.4, 0.4,  // A 2026
      0.3, 0.5, 0.4, 0.3,  // B 2025 (path 2: A and B tie; path 3: A and B tie)
      0.3, 0.6, 0.2, 0.6,  // B 2026
      0.2, 0.3, 0.2, 0.4,  // C 2025
      0.4, 0.1, 0.4, 0.0,  // C 2026 (path 2: A and C tie)
      0,   1,   0,   0,    // event 2025
      1,   1,   0,   0,    // event 2026
  };
}

void expect_hand_answers(const ProbabilityCounts& c) {
  EXPECT_EQ(c.paths(), 4u);
  // Leader: ties go to the first vendor.
  EXPECT_EQ(c.leader(0, 0), 2u);  // paths 0, 2
  EXPECT_EQ(c.leader(0, 1), 1u);  // path 1
  EXPECT_EQ(c.leader(0, 2), 1u);  // path 3
  EXPECT_EQ(c.leader(1, 0), 1u);  // path 2 (tie with C)
  EXPECT_EQ(c.leader(1, 1), 2u);  // paths 1, 3
  EXPECT_EQ(c.leader(1, 2), 1u);  // path 0
  // Pairs: strict comparisons.
  EXPECT_EQ(c.pair(0, 0, 1), 1u);
  EXPECT_EQ(c.pair(0, 0, 2), 2u);
  EXPECT_EQ(c.pair(0, 1, 2), 3u);
  EXPECT_EQ(c.pair(1, 0, 1), 1u);
  EXPECT_EQ(c.pair(1, 0, 2), 2u);
  EXPECT_EQ(c.pair(1, 1, 2), 2u);
  // Thresholds: >=.
  EXPECT_EQ(c.threshold(0, 0, 0), 2u);
  EXPECT_EQ(c.threshold(0, 1, 0), 1u);
  EXPECT_EQ(c.threshold(0, 0, 1), 3u);
  EXPECT_EQ(c.threshold(0, 1, 1), 1u);
  EXPECT_EQ(c.threshold(1, 0, 0), 1u);
  EXPECT_EQ(c.threshold(1, 0, 1), 2u);
  // Events fired by year.
  EXPECT_EQ(c.event(0, 0), 1u);
  EXPECT_EQ(c.event(0, 1), 2u);
  // First year spend reaches each threshold: 2025, 2026, never.
  const std::vector<std::vector<std::uint64_t>> first = {
      {2, 1, 1}, {2, 0, 2}, {0, 1, 3}, {0, 0, 4}};
  for (std::size_t t = 0; t < first.size(); ++t) {
    for (std::size_t k = 0; k < 3; ++k) EXPECT_EQ(c.first_year(t, k), first[t][k]) << t << k;
  }
}

TEST(ProbabilityCounts, HandMadeBlock) {
  const auto layout = hand_layout();
  const std::vector<double> v = hand_values();
  ProbabilityCounts c(layout);
  c.add(MetricBlock{0, 4, 5, 2, v.data()});
  expect_hand_answers(c);
  EXPECT_THROW((void)c.pair(0, 1, 0), std::out_of_range);
  EXPECT_THROW((void)c.first_year(0, 3), std::out_of_range);
}

TEST(ProbabilityCounts, SplitBlocksMergeToTheSameCounts) {
  const auto layout = hand_layout();
  const std::vector<double> v = hand_values();
  // Paths {0, 1} and {2, 3} as two blocks in two accumulators.
  std::vector<double> a, b;
  for (std::size_t r = 0; r < 10; ++r) {
    a.insert(a.end(), v.begin() + static_cast<std::ptrdiff_t>(4 * r),
             v.begin() + static_cast<std::ptrdiff_t>(4 * r + 2));
    b.insert(b.end(), v.begin() + static_cast<std::ptrdiff_t>(4 * r + 2),
             v.begin() + static_cast<std::ptrdiff_t>(4 * r + 4));
  }
  ProbabilityCounts x(layout), y(layout);
  x.add(MetricBlock{2, 2, 5, 2, b.data()});
  y.add(MetricBlock{0, 2, 5, 2, a.data()});
  y.merge(x);
  expect_hand_answers(y);
  EXPECT_TRUE(ProbabilityCounts::from_json(y.to_json(), layout) == y);
}

TEST(ProbabilityCounts, ForecastTurnsCountsIntoProbabilities) {
  const auto layout = hand_layout();
  const std::vector<double> v = hand_values();
  ForecastAccumulator acc(layout);
  acc.add(MetricBlock{0, 4, 5, 2, v.data()});
  const Forecast f = acc.forecast();
  EXPECT_EQ(f.leader(1, 1).value, 0.5);
  EXPECT_EQ(f.leader(1, 1).se, std::sqrt(0.25 / 4));
  EXPECT_EQ(f.pair(0, 1, 2).value, 0.75);
  EXPECT_EQ(f.threshold(0, 0, 1).value, 0.75);
  EXPECT_EQ(f.event(0, 1).value, 0.5);
  double total = 0;
  for (std::size_t k = 0; k <= 2; ++k) total += f.first_year(1, k).value;
  EXPECT_EQ(total, 1.0);
  EXPECT_EQ(f.first_year(0, 2).value, 0.25);
  EXPECT_EQ(f.metric(4, 1).mean, 0.5);  // the indicator's mean is the probability
}

}  // namespace
}  // namespace spendcast::stats
