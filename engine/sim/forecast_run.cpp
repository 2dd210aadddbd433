#include "sim/forecast_run.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "sim/simulate.hpp"

namespace spendcast {

WorstMedian largest_median_relative_se(const Forecast& f) {
  const MetricLayout& L = f.layout();
  std::vector<bool> skip(L.metrics.size(), false);
  for (int r : L.event_metrics) skip[r] = true;
  WorstMedian worst;
  for (std::size_t m = 0; m < L.metrics.size(); ++m) {
    if (skip[m]) continue;
    for (std::size_t y = 0; y < L.years.size(); ++y) {
      const Estimate median = f.quantile(m, y, 0.5);
      if (median.value == 0.0) continue;
      const double r = median.se / std::fabs(median.value);
      if (r > worst.relative_se) worst = {r, L.metrics[m], L.years[y]};
    }
  }
  return worst;
}

std::uint64_t exact_memory_estimate(const MetricLayout& layout, std::uint64_t paths,
                                    bool writes_json) {
  const double bytes_per_value = writes_json ? 112 : 32;
  const double bytes = bytes_per_value * static_cast<double>(paths) *
                       static_cast<double>(layout.metrics.size() * layout.years.size());
  return bytes >= 1.8e19 ? std::numeric_limits<std::uint64_t>::max()
                         : static_cast<std::uint64_t>(bytes);
}

namespace {

/// Simulates `range` of the design of `design_paths` paths from `design_first`.
void simulate_range(const Model& model, const ForecastRunOptions& options,
                    std::uint64_t design_first, std::uint64_t design_paths, PathRange range,
                    ForecastAccumulator& total) {
  SimulationOptions sim = design_options(options.seed, design_first, design_paths,
                                         options.block_size, options.threads, options.stop);
  sim.first_path = range.first;
  sim.paths = range.paths;
  const std::uint64_t paths = range.paths;
  std::atomic<std::uint64_t> done{0};
  if (options.progress) sim.progress = [&](std::uint64_t n) { options.progress(done += n, paths); };
  total.merge(simulate<ForecastAccumulator>(
      model, sim, [&] { return ForecastAccumulator(model.layout, options.accumulator); }));
}

/// One round: the whole design of `paths` paths from `first`.
void simulate_round(const Model& model, const ForecastRunOptions& options, std::uint64_t first,
                    std::uint64_t paths, ForecastAccumulator& total) {
  simulate_range(model, options, first, paths, {first, paths}, total);
}

ForecastRun run_shard(const Model& model, const ForecastRunOptions& options,
                      std::chrono::steady_clock::time_point start) {
  if (options.target_relative_se)
    throw std::invalid_argument("a shard of a run cannot have a standard-error target");
  const std::uint64_t total = std::max<std::uint64_t>(options.paths, 1);
  const PathRange range = shard_range(total, *options.shard);
  ForecastRun run{ForecastAccumulator(model.layout, options.accumulator), 0, 1, 1, 0.0, {}, true};
  run.threads = resolve_threads(options.threads);
  simulate_range(model, options, 0, total, range, run.accumulator);
  run.paths = range.paths;
  if (range.paths > 0) run.worst = largest_median_relative_se(run.accumulator.forecast());
  run.elapsed_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return run;
}

}  // namespace

ForecastRun run_forecast(const Model& model, const ForecastRunOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  if (options.shard) return run_shard(model, options, start);
  ForecastRun run{ForecastAccumulator(model.layout, options.accumulator), 0, 1, 1, 0.0, {}, true};
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
    // se ∝ 1/√N: N·(r/target)² paths in all, 10 % more for safety, at least doubling.
    const double ratio = run.worst.relative_se / *options.target_relative_se;
    const double wanted = 1.1 * static_cast<double>(run.paths) * ratio * ratio;
    const auto next_total = static_cast<std::uint64_t>(
        std::min(static_cast<double>(options.max_paths), std::max(wanted, 2.0 * run.paths)));
    round_paths = next_total - run.paths;
  }
  run.elapsed_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return run;
}

}  // namespace spendcast
