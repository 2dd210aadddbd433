// Shards of a run: their ranges tile the paths, and their accumulators merged (in any
// order) are bitwise the whole run's, because the sampling design spans all paths.
#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <nlohmann/json.hpp>
#include <numeric>
#include <stdexcept>
#include <vector>

#include "fixtures.hpp"
#include "sim/forecast_run.hpp"
#include "sim/path_shard.hpp"

namespace spendcast::sim {
namespace {

using namespace spendcast::testing;

TEST(ShardRange, TilesThePathsInNearlyEqualContiguousRanges) {
  for (std::uint64_t total : {0ull, 1ull, 7ull, 100ull, 100'003ull}) {
    for (std::uint64_t n : {1ull, 2ull, 3ull, 7ull, 64ull}) {
      std::uint64_t next = 0, smallest = total, largest = 0;
      for (std::uint64_t k = 0; k < n; ++k) {
        const PathRange r = shard_range(total, {k, n});
        EXPECT_EQ(r.first, next) << total << " " << k << "/" << n;
        next = r.first + r.paths;
        smallest = std::min(smallest, r.paths);
        largest = std::max(largest, r.paths);
      }
      EXPECT_EQ(next, total) << total << " / " << n;
      EXPECT_LE(largest - smallest, 1u) << total << " / " << n;
    }
  }
  EXPECT_EQ(shard_range(10, {1, 3}).first, 3u);  // floor(10 * 1 / 3)
  EXPECT_EQ(shard_range(10, {1, 3}).paths, 3u);  // floor(10 * 2 / 3) - 3
  EXPECT_EQ(shard_range(10, {2, 3}).paths, 4u);
}

TEST(ShardRange, DoesNotOverflowNearTheLargestCounts) {
  const std::uint64_t top = std::numeric_limits<std::uint64_t>::max();
  const PathRange last = shard_range(top, {top - 1, top});
  EXPECT_EQ(last.first, top - 1);
  EXPECT_EQ(last.paths, 1u);
  const PathRange half = shard_range(top, {1, 2});
  EXPECT_EQ(half.first, top / 2);
  EXPECT_EQ(half.first + half.paths, top);
}

TEST(ShardRange, RefusesAnIndexOutsideTheCount) {
  EXPECT_THROW(shard_range(10, {3, 3}), std::invalid_argument);
  EXPECT_THROW(shard_range(10, {0, 0}), std::invalid_argument);
}

ForecastRunOptions options(std::uint64_t paths, std::size_t block_size, int threads) {
  ForecastRunOptions o;
  o.paths = paths;
  o.seed = 77;
  o.threads = threads;
  o.block_size = block_size;
  return o;
}

TEST(ShardedRun, MergedShardsEqualTheWholeRunBitwiseInAnyOrder) {
  for (const scenario::Sampling sampling : {scenario::Sampling::lhs, scenario::Sampling::mc}) {
    scenario::ScenarioSpec spec = stress_spec();
    spec.simulation.steps_per_year = 2;
    spec.simulation.sampling = sampling;  // Latin hypercube strata span the whole run
    const model::Model model = model::compile_model(spec);
    const std::uint64_t paths = 5003;
    const ForecastRun whole = run_forecast(model, options(paths, 0, 2));
    const std::string whole_state = whole.accumulator.to_json().dump();
    const std::uint64_t n = 3;
    std::vector<stats::ForecastAccumulator> parts;
    for (std::uint64_t k = 0; k < n; ++k) {
      // Block sizes and threads differ per shard: results must not depend on them.
      ForecastRunOptions o = options(paths, 100 + 37 * k, static_cast<int>(1 + k % 2));
      o.shard = PathShard{k, n};
      const ForecastRun part = run_forecast(model, o);
      EXPECT_EQ(part.paths, shard_range(paths, {k, n}).paths);
      EXPECT_EQ(part.accumulator.paths(), part.paths);
      parts.push_back(part.accumulator);
    }
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    do {
      stats::ForecastAccumulator merged(model.layout);
      for (std::size_t i : order) merged.merge(parts[i]);
      EXPECT_TRUE(merged == whole.accumulator);
      EXPECT_EQ(merged.to_json().dump(), whole_state);
    } while (std::next_permutation(order.begin(), order.end()));
  }
}

TEST(ShardedRun, RefusesAStandardErrorTarget) {
  const model::Model model = model::compile_model(stress_spec());
  ForecastRunOptions o = options(100, 0, 1);
  o.shard = PathShard{0, 2};
  o.target_relative_se = 0.01;
  EXPECT_THROW(run_forecast(model, o), std::invalid_argument);
}

}  // namespace
}  // namespace spendcast::sim
