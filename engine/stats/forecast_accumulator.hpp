#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "stats/empirical_distribution.hpp"
#include "stats/exact_sample.hpp"
#include "stats/forecast.hpp"
#include "stats/metric_block.hpp"
#include "stats/metric_layout.hpp"
#include "stats/moments.hpp"
#include "stats/probability_counts.hpp"
#include "stats/quantile_sketch.hpp"
#include "stats/row_scan.hpp"

namespace spendcast::stats {

/// How a ForecastAccumulator estimates quantiles.
struct AccumulatorOptions {
  /// Keep every value and report exact quantiles (memory grows with the paths: small runs).
  bool exact = false;
  /// Requested relative accuracy of the sketches' quantiles, in [1e-6, 0.5].
  double relative_accuracy = 1e-3;
  /// Same options.
  bool operator==(const AccumulatorOptions& other) const = default;
};

/// Turns the simulation's blocks of year-end values into the forecast (docs/MODEL.md
/// §5). Per metric row and year: exact Moments, a QuantileSketch and, in exact mode, every
/// value; plus the ProbabilityCounts. Every part merges exactly and order-free, so the
/// result is bitwise the same for any thread count, block size, block order and split of
/// the paths across accumulators or processes (docs/MODEL.md §6). Not thread-safe: use
/// one per thread and merge them. Memory does not grow with the paths (except in exact
/// mode).
class ForecastAccumulator {
 public:
  /// Empty accumulators for `layout` (not null; its rows are checked: throws
  /// std::invalid_argument) and `options` (checked likewise).
  explicit ForecastAccumulator(std::shared_ptr<const MetricLayout> layout,
                               AccumulatorOptions options = {});

  /// Adds the paths of `block`, whose metrics and years must match the layout. Every value
  /// must be finite: a NaN or infinity throws std::invalid_argument naming the metric and
  /// year, and nothing of the block is added.
  void add(const MetricBlock& block);
  /// Adds everything `other` accumulated (equal layout and options, else throws
  /// std::invalid_argument).
  void merge(const ForecastAccumulator& other);

  /// The layout.
  const MetricLayout& layout() const { return *layout_; }
  /// The shared layout.
  const std::shared_ptr<const MetricLayout>& layout_ptr() const { return layout_; }
  /// The options.
  const AccumulatorOptions& options() const { return options_; }
  /// Paths added.
  std::uint64_t paths() const { return counts_.paths(); }

  /// Count, exact sums, min and max of metric row m in year index y.
  const Moments& moments(std::size_t m, std::size_t y) const;
  /// Quantile sketch of metric row m in year index y (kept in exact mode too).
  const QuantileSketch& sketch(std::size_t m, std::size_t y) const;
  /// Every value of metric row m in year index y (empty unless options().exact).
  const ExactSample& sample(std::size_t m, std::size_t y) const;
  /// Counts behind the probabilities.
  const ProbabilityCounts& counts() const { return counts_; }
  /// The distribution of metric row m in year index y: exact values in exact mode, else
  /// the sketch's.
  EmpiricalDistribution distribution(std::size_t m, std::size_t y) const;

  /// Computes every reported number.
  Forecast forecast() const;

  /// Equal layout, options and accumulated state: equal forecasts follow, bitwise.
  bool operator==(const ForecastAccumulator& other) const;

  /// The whole state, to be read back, compared or merged later: {"format":
  /// "spendcast-accumulator", "version": 1, "options", "layout", "counts", "cells": [{"metric",
  /// "year", "moments", "sketch", "values" (exact mode)}, ...]} (see docs/STATISTICS.md).
  nlohmann::json to_json() const;
  /// The reverse of to_json: same state, bitwise. Throws std::invalid_argument (or
  /// nlohmann's errors) when malformed.
  static ForecastAccumulator from_json(const nlohmann::json& j);

 private:
  struct Cell {
    Moments moments;
    QuantileSketch sketch;
    ExactSample sample;
  };
  std::size_t cell_index(std::size_t m, std::size_t y) const;

  std::shared_ptr<const MetricLayout> layout_;
  AccumulatorOptions options_;
  std::vector<Cell> cells_;  ///< [m * years + y]
  ProbabilityCounts counts_;
  struct Marks {  ///< a cell before add(): to roll a rejected block back
    Moments::Mark moments;
    QuantileSketch::Mark sketch;
  };
  std::vector<Marks> marks_;  ///< scratch for add()
};

}  // namespace spendcast::stats
