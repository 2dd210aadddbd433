// The statistics stage: ForecastAccumulator::add per value for a layout like that of
// bench/scenarios/ref-baseline.toml (26 metric rows x 6 years, 4096-path blocks), its
// parts, and the one-off cost of Forecast. The "s_per_value" counter is the CPU time per
// year-end value added ("5.1n" reads 5.1 ns).
//
//   build/<dir>/bench/bench_stats --benchmark_min_time=1

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "stats/forecast_accumulator.hpp"
#include "stats/sketch_counters.hpp"

namespace spendcast {
namespace {

constexpr std::size_t block_paths = 4096;

// ref-baseline's rows: spend, spend.<3 segments>, share.<7 vendors> (Newcomer an entrant),
// revenue.<7 vendors>, share_segment.<3>, growth, hhi, cagr, event.<2>; years 2025..2030.
std::shared_ptr<const stats::MetricLayout> baseline_like_layout() {
  auto l = std::make_shared<stats::MetricLayout>();
  const std::vector<std::string> vendors = {"OpenAI",  "Anthropic", "Meta",    "Google",
                                            "Mistral", "Other",     "Newcomer"};
  const std::vector<std::string> segments = {"models", "applications", "infrastructure"};
  l->metrics.push_back("spend");
  for (const auto& s : segments) l->metrics.push_back("spend." + s);
  for (const auto& v : vendors) l->metrics.push_back("share." + v);
  for (const auto& v : vendors) l->metrics.push_back("revenue." + v);
  for (const auto& s : segments) l->metrics.push_back("share_segment." + s);
  for (const char* m : {"growth", "hhi", "cagr", "event.correction", "event.new-entrant"}) {
    l->metrics.push_back(m);
  }
  l->years = {2025, 2026, 2027, 2028, 2029, 2030};
  l->spend_metric = 0;
  for (int v = 0; v < 7; ++v) l->vendor_share_metrics.push_back(4 + v);
  l->vendor_names = vendors;
  l->event_metrics = {24, 25};
  l->event_names = {"correction", "new-entrant"};
  l->thresholds = {{0, {50, 100, 250}}, {5, {0.3, 0.5}}};
  l->first_year_spend_thresholds = {50, 100, 250};
  return l;
}

// One block of plausible year-end values (lognormal spend, softmax shares with an
// entrant at exactly 0 until it enters, 0/1 event indicators).
std::vector<double> baseline_like_block(const stats::MetricLayout& l, std::uint64_t seed) {
  const std::size_t years = l.years.size(), n = block_paths;
  std::vector<double> v(l.metrics.size() * years * n);
  const auto at = [&](std::size_t m, std::size_t y, std::size_t i) -> double& {
    return v[(m * years + y) * n + i];
  };
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> z(0.0, 1.0);
  std::bernoulli_distribution enter(0.15), correction(0.12);
  for (std::size_t i = 0; i < n; ++i) {
    double s = 13.8, logit[7] = {-0.97, -1.34, -1.83, -2.12, -3.0, -2.4, -9.0};
    double seg[3] = {-1.37, -1.1, -0.88};
    bool entered = false, corrected = false;
    for (std::size_t y = 0; y < years; ++y) {
      const double g = std::exp(0.3 + 0.25 * z(rng));
      s *= g;
      entered = entered || enter(rng);
      corrected = corrected || correction(rng);
      double e[7], total = 0, hhi = 0;
      for (int k = 0; k < 7; ++k) {
        logit[k] += 0.25 * z(rng);
        e[k] = (k == 6 && !entered) ? 0.0 : std::exp(logit[k]);
        total += e[k];
      }
      double es[3], stotal = 0;
      for (int k = 0; k < 3; ++k) {
        seg[k] += 0.1 * z(rng);
        es[k] = std::exp(seg[k]);
        stotal += es[k];
      }
      at(0, y, i) = s;
      for (int k = 0; k < 3; ++k) {
        at(1 + k, y, i) = s * es[k] / stotal;
        at(21 + k, y, i) = es[k] / stotal;
      }
      for (int k = 0; k < 7; ++k) {
        const double share = e[k] / total;
        hhi += share * share;
        at(4 + k, y, i) = share;
        at(11 + k, y, i) = share * s * es[0] / stotal;
      }
      at(18, y, i) = g;
      at(19, y, i) = hhi;
      at(20, y, i) = std::pow(s / 13.8, 1.0 / static_cast<double>(y + 1)) - 1.0;
      at(24, y, i) = corrected ? 1.0 : 0.0;
      at(25, y, i) = entered ? 1.0 : 0.0;
    }
  }
  return v;
}

struct Blocks {
  std::shared_ptr<const stats::MetricLayout> layout = baseline_like_layout();
  std::vector<std::vector<double>> data;
  Blocks() {
    for (std::uint64_t s = 0; s < 4; ++s) data.push_back(baseline_like_block(*layout, s + 1));
  }
  stats::MetricBlock block(std::size_t i) const {
    return stats::MetricBlock{i * block_paths, block_paths, layout->metrics.size(),
                              layout->years.size(), data[i % data.size()].data()};
  }
  std::size_t values_per_block() const {
    return layout->metrics.size() * layout->years.size() * block_paths;
  }
};

void set_per_value(benchmark::State& state, std::size_t values_per_iteration) {
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(values_per_iteration));
  // Inverted rate: CPU seconds per value, printed with an SI prefix (e.g. "5.1n" = 5.1 ns).
  state.counters["s_per_value"] = benchmark::Counter(
      static_cast<double>(values_per_iteration),
      benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

void BM_AccumulatorAdd(benchmark::State& state) {
  const Blocks blocks;
  stats::ForecastAccumulator acc(blocks.layout, {false, 1e-3});
  std::size_t i = 0;
  for (auto _ : state) acc.add(blocks.block(i++));
  benchmark::DoNotOptimize(acc.paths());
  set_per_value(state, blocks.values_per_block());
  // The sketches' counts: bytes held now, and what one 64-bit count per key would hold.
  double bytes = 0, keys = 0;
  for (std::size_t m = 0; m < blocks.layout->metrics.size(); ++m)
    for (std::size_t y = 0; y < blocks.layout->years.size(); ++y) {
      bytes += static_cast<double>(acc.sketch(m, y).counter_bytes());
      keys += static_cast<double>(acc.sketch(m, y).counter_keys());
    }
  state.counters["counter_bytes"] = bytes;
  state.counters["counter_bytes_64bit"] = 8 * keys;
}
BENCHMARK(BM_AccumulatorAdd);

// The counter layouts alone: the sketch keys of every row of the blocks, precomputed, then
// one `++counts[key - first]` per value into a dense array per row (of the row's key
// range) of 64-bit counts (the layout before) or of 16-bit counters (SketchStore's, whose
// carry passes are not included: one per 2^15 increments of a store). Both sizes are
// reported (`counter_bytes`): the difference is what stays in the nearer caches.
template <class Counter>
void BM_CounterUpdate(benchmark::State& state) {
  const Blocks blocks;
  const std::size_t rows = blocks.layout->metrics.size() * blocks.layout->years.size();
  struct Row {
    std::uint32_t first = ~std::uint32_t{0}, last = 0;
    std::vector<Counter> counts;
  };
  std::vector<Row> row(rows);
  // Keys of |x| (both signs in one array); a counter before the smallest key stands for
  // the zero bucket.
  const auto tiny = [](double x) { return std::abs(x) < stats::QuantileSketch::zero_threshold; };
  for (const std::vector<double>& v : blocks.data) {
    for (std::size_t j = 0; j < v.size(); ++j) {
      if (tiny(v[j])) continue;
      Row& r = row[j / block_paths];
      r.first = std::min(r.first, stats::QuantileSketch::key_of(std::abs(v[j]), 9) - 1);
      r.last = std::max(r.last, stats::QuantileSketch::key_of(std::abs(v[j]), 9));
    }
  }
  for (Row& r : row)
    if (r.last < r.first) r.first = r.last = 0;                      // a row of zeros only
  std::vector<std::vector<std::uint32_t>> keys(blocks.data.size());  // [block][r·n + i]
  for (std::size_t b = 0; b < blocks.data.size(); ++b) {
    const std::vector<double>& v = blocks.data[b];
    keys[b].resize(v.size());
    for (std::size_t j = 0; j < v.size(); ++j) {
      keys[b][j] = tiny(v[j]) ? row[j / block_paths].first
                              : stats::QuantileSketch::key_of(std::abs(v[j]), 9);
    }
  }
  double bytes = 0;
  for (Row& r : row) {
    r.counts.assign(r.last - r.first + 1, 0);
    bytes += static_cast<double>(r.counts.size() * sizeof(Counter));
  }
  std::size_t b = 0;
  for (auto _ : state) {
    const std::uint32_t* k = keys[b++ % keys.size()].data();
    for (std::size_t r = 0; r < rows; ++r, k += block_paths) {
      Counter* counts = row[r].counts.data();
      const std::uint32_t first = row[r].first;
      for (std::size_t i = 0; i < block_paths; ++i) ++counts[k[i] - first];
    }
    benchmark::ClobberMemory();
  }
  set_per_value(state, blocks.values_per_block());
  state.counters["counter_bytes"] = bytes;
}
BENCHMARK(BM_CounterUpdate<std::uint64_t>);
BENCHMARK(BM_CounterUpdate<stats::SketchCounter>);

void BM_ProbabilityCountsAdd(benchmark::State& state) {
  const Blocks blocks;
  stats::ProbabilityCounts counts(blocks.layout);
  std::size_t i = 0;
  for (auto _ : state) counts.add(blocks.block(i++));
  benchmark::DoNotOptimize(counts.paths());
  set_per_value(state, blocks.values_per_block());
}
BENCHMARK(BM_ProbabilityCountsAdd);

// One row of 4096 values of the given metric of the first block, year 2030.
std::span<const double> row_of(const Blocks& blocks, const std::string& metric) {
  const auto m = static_cast<std::size_t>(blocks.layout->index_of(metric));
  return {blocks.block(0).row(m, 5), block_paths};
}

void BM_MomentsAddRow(benchmark::State& state, const char* metric) {
  const Blocks blocks;
  const std::span<const double> row = row_of(blocks, metric);
  const stats::RowScan scan = stats::scan_row(row);
  stats::Moments moments;
  for (auto _ : state) moments.add(row, scan);
  benchmark::DoNotOptimize(moments.count());
  set_per_value(state, row.size());
}
BENCHMARK_CAPTURE(BM_MomentsAddRow, spend, "spend");
BENCHMARK_CAPTURE(BM_MomentsAddRow, share_newcomer, "share.Newcomer");

void BM_SketchAddRow(benchmark::State& state, const char* metric) {
  const Blocks blocks;
  const std::span<const double> row = row_of(blocks, metric);
  const stats::RowScan scan = stats::scan_row(row);
  stats::QuantileSketch sketch;
  for (auto _ : state) sketch.add(row, scan);
  benchmark::DoNotOptimize(sketch.count());
  set_per_value(state, row.size());
}
BENCHMARK_CAPTURE(BM_SketchAddRow, spend, "spend");
BENCHMARK_CAPTURE(BM_SketchAddRow, share_newcomer, "share.Newcomer");
BENCHMARK_CAPTURE(BM_SketchAddRow, cagr, "cagr");
BENCHMARK_CAPTURE(BM_SketchAddRow, event, "event.correction");

void BM_SketchInsertOne(benchmark::State& state) {
  const Blocks blocks;
  const std::span<const double> row = row_of(blocks, "spend");
  stats::QuantileSketch sketch;
  for (auto _ : state) {
    for (const double x : row) sketch.add(x);
  }
  benchmark::DoNotOptimize(sketch.count());
  set_per_value(state, row.size());
}
BENCHMARK(BM_SketchInsertOne);

void BM_ScanRow(benchmark::State& state) {
  const Blocks blocks;
  const std::span<const double> row = row_of(blocks, "spend");
  for (auto _ : state) benchmark::DoNotOptimize(stats::scan_row(row));
  set_per_value(state, row.size());
}
BENCHMARK(BM_ScanRow);

void BM_Forecast(benchmark::State& state) {
  const Blocks blocks;
  stats::ForecastAccumulator acc(blocks.layout, {false, 1e-3});
  for (std::size_t i = 0; i < 25; ++i) acc.add(blocks.block(i));  // about 10^5 paths
  for (auto _ : state) benchmark::DoNotOptimize(acc.forecast().paths());
}
BENCHMARK(BM_Forecast)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace spendcast

BENCHMARK_MAIN();
