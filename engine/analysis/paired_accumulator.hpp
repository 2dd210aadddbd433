#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "stats/metric_block.hpp"
#include "stats/moments.hpp"
#include "stats/quantile_sketch.hpp"

namespace spendcast::analysis {

/// One metric in one year that two scenarios A and B both report, located in each one's
/// MetricLayout (their rows and years may differ).
struct PairedCell {
  std::string metric;
  int year = 0;
  std::size_t row_a = 0, year_a = 0;  ///< metric row and year index in A's layout
  std::size_t row_b = 0, year_b = 0;  ///< same in B's layout
};

/// Accumulates, path by path, two scenarios simulated with common random numbers (path i
/// of both from the same noise, docs/MODEL.md §6): per cell each one's values, the difference
/// B − A and the ratio B / A in QuantileSketches, the exact Moments of the difference,
/// and integer counts of B > A and B < A. Every part merges exactly and order-free, so
/// the result is bitwise independent of threads and blocks; memory does not grow with
/// the paths. Not thread-safe: one per thread, then merge.
class PairedAccumulator {
 public:
  /// Empty accumulators for `cells`, sketches at `relative_accuracy` (QuantileSketch's
  /// range; throws std::invalid_argument otherwise).
  PairedAccumulator(std::vector<PairedCell> cells, double relative_accuracy = 1e-3);

  /// Adds the paths of A's and B's blocks, which must cover the same paths (same
  /// first_path and size: throws std::invalid_argument) and hold finite values.
  void add(const stats::MetricBlock& a, const stats::MetricBlock& b);
  /// Adds everything `other` accumulated (same cells and accuracy, else throws
  /// std::invalid_argument).
  void merge(const PairedAccumulator& other);

  /// The accumulated state, to be merged into an accumulator of the same cells in another
  /// process: {"paths", "parts": [{"first", "second", "difference", "ratio" (sketches),
  /// "difference_moments", "greater", "less"}, ...]} in cell order.
  nlohmann::json to_json() const;
  /// Adds the state `j` (to_json of an accumulator of the same cells and accuracy), as
  /// merge() would add that accumulator: bitwise the same. Throws FieldError naming the
  /// field when `j` is not such a state, and then adds nothing.
  void merge_json(const nlohmann::json& j);

  /// Paths added.
  std::uint64_t paths() const { return paths_; }
  /// Number of cells.
  std::size_t size() const { return cells_.size(); }
  /// Cell i.
  const PairedCell& cell(std::size_t i) const { return cells_[i]; }
  /// A's values of cell i.
  const stats::QuantileSketch& first(std::size_t i) const { return parts_[i].first; }
  /// B's values of cell i.
  const stats::QuantileSketch& second(std::size_t i) const { return parts_[i].second; }
  /// The per-path differences B − A of cell i.
  const stats::QuantileSketch& difference(std::size_t i) const { return parts_[i].difference; }
  /// Exact moments of the differences of cell i (mean difference and its se).
  const stats::Moments& difference_moments(std::size_t i) const {
    return parts_[i].difference_moments;
  }
  /// The per-path ratios B / A of cell i, over the paths where A ≠ 0 and the ratio is finite.
  const stats::QuantileSketch& ratio(std::size_t i) const { return parts_[i].ratio; }
  /// Paths of cell i whose ratio was undefined (A = 0, or not finite).
  std::uint64_t ratio_undefined(std::size_t i) const { return paths_ - parts_[i].ratio.count(); }
  /// Paths with B > A in cell i.
  std::uint64_t greater(std::size_t i) const { return parts_[i].greater; }
  /// Paths with B < A in cell i.
  std::uint64_t less(std::size_t i) const { return parts_[i].less; }

 private:
  struct Part {
    stats::QuantileSketch first, second, difference, ratio;
    stats::Moments difference_moments;
    std::uint64_t greater = 0, less = 0;
  };

  std::vector<PairedCell> cells_;
  double relative_accuracy_;
  std::vector<Part> parts_;
  std::uint64_t paths_ = 0;
  std::vector<double> difference_, ratio_;  ///< scratch for add()
};

}  // namespace spendcast::analysis
