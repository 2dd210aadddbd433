#include "sim/forecast_run.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <limits>
#include <stdexcept>

#include "sim/simulate.hpp"

namespace spendcast::sim {

WorstMedian largest_median_relative_se(const stats::Forecast& f) {
  const stats::MetricLayout& L = f.layout();
  std::vector<bool> skip(L.metrics.size(), false);
  for (int r : L.event_metrics) skip[r] = true;
  WorstMedian worst;
  for (std::size_t m = 0; m < L.metrics.size(); ++m) {
    if (skip[m]) continue;
    for (std::size_t y = 0; y < L.years.size(); ++y) {
      const stats::Estimate median = f.quantile(m, y, 0.5);
      if (median.value == 0.0) continue;
      const double r = median.se / std::fabs(median.value);
      if (r > worst.relative_se) worst = {r, L.metrics[m], L.years[y]};
    }
  }
  return worst;
}

std::uint64_t exact_memory_estimate(const stats::MetricLayout& layout, std::uint64_t paths,
                                    bool writes_json) {
  const double bytes_per_value = writes_json ? 112 : 32;
  const double bytes = bytes_per_value * static_cast<double>(paths) *
                       static_cast<double>(layout.metrics.size() * layout.years.size());
  return bytes >= 1.8e19 ? std::numeric_limits<std::uint64_t>::max()
                         : static_cast<std::uint64_t>(bytes);
}

namespace {

/// Simulates `range` of the design of `design_paths` paths from `design_first` into
/// `total`; `on_block(n)` after each block of n paths (may be empty).
void simulate_range(const model::Model& model, const ForecastRunOptions& options,
                    std::uint64_t design_first, std::uint64_t design_paths, PathRange range,
                    stats::ForecastAccumulator& total,
                    std::function<void(std::uint64_t)> on_block) {
  SimulationOptions sim = design_options(options.seed, design_first, design_paths,
                                         options.block_size, options.threads, options.stop);
  sim.first_path = range.first;
  sim.paths = range.paths;
  sim.progress = std::move(on_block);
  total.merge(simulate<stats::ForecastAccumulator>(
      model, sim, [&] { return stats::ForecastAccumulator(model.layout, options.accumulator); }));
}

/// One round: the whole design of `paths` paths from `first`.
void simulate_round(const model::Model& model, const ForecastRunOptions& options,
                    std::uint64_t first, std::uint64_t paths, stats::ForecastAccumulator& total) {
  std::atomic<std::uint64_t> done{0};
  std::function<void(std::uint64_t)> on_block;
  if (options.progress) on_block = [&](std::uint64_t n) { options.progress(done += n, paths); };
  simulate_range(model, options, first, paths, {first, paths}, total, on_block);
}

/// The parts of `whole` that `done` (sorted, disjoint) leaves out; throws
/// std::invalid_argument when a range of `done` is not inside `whole` or out of order.
std::vector<PathRange> missing_ranges(PathRange whole, const std::vector<PathRange>& done) {
  std::vector<PathRange> missing;
  std::uint64_t next = whole.first;
  const std::uint64_t end = whole.first + whole.paths;
  for (const PathRange& r : done) {
    if (r.first < next || r.paths > end - std::min(end, r.first) || r.paths == 0)
      throw std::invalid_argument("completed paths [" + std::to_string(r.first) + ", +" +
                                  std::to_string(r.paths) + ") are not inside the run's paths [" +
                                  std::to_string(whole.first) + ", " + std::to_string(end) +
                                  ") in order");
    if (r.first > next) missing.push_back({next, r.first - next});
    next = r.first + r.paths;
  }
  if (next < end) missing.push_back({next, end - next});
  return missing;
}

/// Adds `r` to the sorted ranges `ranges`, joining it with a neighbour it touches.
void add_range(std::vector<PathRange>& ranges, PathRange r) {
  auto at =
      std::lower_bound(ranges.begin(), ranges.end(), r,
                       [](const PathRange& a, const PathRange& b) { return a.first < b.first; });
  at = ranges.insert(at, r);
  if (at + 1 != ranges.end() && at->first + at->paths == (at + 1)->first) {
    at->paths += (at + 1)->paths;
    ranges.erase(at + 1);
  }
  if (at != ranges.begin() && (at - 1)->first + (at - 1)->paths == at->first) {
    (at - 1)->paths += at->paths;
    ranges.erase(at);
  }
}

/// A run of one design (no target): the shard's range or every path, less those done
/// before, in chunks when checkpointing.
ForecastRun run_one_design(const model::Model& model, const ForecastRunOptions& options,
                           std::chrono::steady_clock::time_point start) {
  if (options.target_relative_se)
    throw std::invalid_argument(
        "a shard, checkpoint or resumed run cannot have a standard-error target");
  const std::uint64_t total = std::max<std::uint64_t>(options.paths, 1);
  const PathRange whole = options.shard ? shard_range(total, *options.shard) : PathRange{0, total};
  CompletedPaths done =
      options.resume
          ? *options.resume
          : CompletedPaths{{}, stats::ForecastAccumulator(model.layout, options.accumulator)};
  if (!(done.accumulator.options() == options.accumulator))
    throw std::invalid_argument("the completed paths were accumulated with other options");
  const std::vector<PathRange> missing = missing_ranges(whole, done.ranges);
  std::uint64_t todo = 0;
  for (const PathRange& r : missing) todo += r.paths;
  ForecastRun run{
      stats::ForecastAccumulator(model.layout, options.accumulator), 0, 1, 1, 0.0, {}, true};
  run.threads = resolve_threads(options.threads);
  std::atomic<std::uint64_t> progress{0};
  std::function<void(std::uint64_t)> on_block;
  if (options.progress) on_block = [&](std::uint64_t n) { options.progress(progress += n, todo); };
  // Chunks: the first small, then sized by the speed so far to last about chunk_seconds.
  const std::uint64_t smallest = 256 * static_cast<std::uint64_t>(run.threads);
  std::uint64_t chunk = options.checkpoint ? 4 * smallest : todo;
  for (const PathRange& m : missing) {
    for (std::uint64_t first = m.first; first < m.first + m.paths;) {
      const PathRange part{first, std::min(chunk, m.first + m.paths - first)};
      const auto chunk_start = std::chrono::steady_clock::now();
      try {
        simulate_range(model, options, 0, total, part, done.accumulator, on_block);
      } catch (const SimulationStopped&) {
        if (options.checkpoint) options.checkpoint(done, true);
        throw;
      }
      add_range(done.ranges, part);
      first += part.paths;
      if (!options.checkpoint) continue;
      options.checkpoint(done, false);
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - chunk_start).count();
      const double wanted =
          static_cast<double>(part.paths) * options.chunk_seconds / std::max(seconds, 1e-6);
      chunk = static_cast<std::uint64_t>(
          std::clamp(wanted, static_cast<double>(smallest), 4.0 * static_cast<double>(chunk)));
    }
  }
  run.accumulator = std::move(done.accumulator);
  run.paths = whole.paths;
  if (whole.paths > 0) run.worst = largest_median_relative_se(run.accumulator.forecast());
  run.elapsed_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return run;
}

}  // namespace

std::uint64_t next_round_total(std::uint64_t paths, double worst, double target,
                               std::uint64_t max_paths) {
  const double ratio = worst / target;
  const double wanted = 1.1 * static_cast<double>(paths) * ratio * ratio;
  return static_cast<std::uint64_t>(
      std::min(static_cast<double>(max_paths), std::max(wanted, 2.0 * paths)));
}

ForecastRun run_forecast(const model::Model& model, const ForecastRunOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  if (options.shard || options.resume || options.checkpoint)
    return run_one_design(model, options, start);
  ForecastRun run{
      stats::ForecastAccumulator(model.layout, options.accumulator), 0, 1, 1, 0.0, {}, true};
  run.threads = resolve_threads(options.threads);
  std::uint64_t round_paths = std::max<std::uint64_t>(options.paths, 1);
  run.rounds = 0;
  while (true) {
    simulate_round(model, options, run.paths, round_paths, run.accumulator);
    run.paths += round_paths;
    ++run.rounds;
    run.worst = largest_median_relative_se(run.accumulator.forecast());
    if (!options.target_relative_se || run.worst.relative_se <= *options.target_relative_se) break;
    if (run.paths >= options.max_paths) {
      run.target_met = false;
      break;
    }
    round_paths = next_round_total(run.paths, run.worst.relative_se, *options.target_relative_se,
                                   options.max_paths) -
                  run.paths;
  }
  run.elapsed_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return run;
}

}  // namespace spendcast::sim
