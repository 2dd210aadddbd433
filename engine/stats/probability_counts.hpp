#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "stats/metric_block.hpp"
#include "stats/metric_layout.hpp"

namespace spendcast::stats {

/// Integer counts of paths behind the forecast's probabilities (docs/MODEL.md §5), per
/// reported year index y: the leading vendor, every vendor pair, the layout's thresholds,
/// the event indicators and the first year spend reaches each spend threshold. Merging
/// adds counts: exact in any order. A probability is count / paths().
class ProbabilityCounts {
 public:
  /// Zero counts for `layout` (not null; rows checked: throws std::invalid_argument).
  explicit ProbabilityCounts(std::shared_ptr<const MetricLayout> layout);

  /// Counts the paths of `block` (whose shape matches the layout; values finite).
  void add(const MetricBlock& block);
  /// Adds the counts of `other` (same layout: checked by ForecastAccumulator).
  void merge(const ProbabilityCounts& other);

  /// Paths counted.
  std::uint64_t paths() const { return paths_; }
  /// Paths on which vendor v (index into vendor_share_metrics) has the largest share in
  /// year y; ties go to the first vendor in layout order.
  std::uint64_t leader(std::size_t y, std::size_t v) const;
  /// Paths with share_i > share_j in year y, vendor indices i < j.
  std::uint64_t pair(std::size_t y, std::size_t i, std::size_t j) const;
  /// Paths with metric >= value, for thresholds[t].values[k], in year y.
  std::uint64_t threshold(std::size_t t, std::size_t k, std::size_t y) const;
  /// Paths whose indicator event_metrics[e] is nonzero (fired by) in year y.
  std::uint64_t event(std::size_t e, std::size_t y) const;
  /// Paths whose spend reached first_year_spend_thresholds[t] in some year index <= y.
  std::uint64_t reached(std::size_t t, std::size_t y) const;
  /// Paths whose spend first reaches first_year_spend_thresholds[t] in year index k, for
  /// k < years; k == years counts the paths that never reach it.
  std::uint64_t first_year(std::size_t t, std::size_t k) const;

  /// Same counts.
  bool operator==(const ProbabilityCounts& other) const;

  /// {"paths", "leader", "pairs", "thresholds", "events", "reached"}: flat count arrays in
  /// the index order of the accessors (year fastest for thresholds, events and reached).
  nlohmann::json to_json() const;
  /// The reverse of to_json for `layout`; throws std::invalid_argument on a size mismatch.
  static ProbabilityCounts from_json(const nlohmann::json& j,
                                     std::shared_ptr<const MetricLayout> layout);

 private:
  std::size_t pair_index(std::size_t i, std::size_t j) const;

  std::shared_ptr<const MetricLayout> layout_;
  std::size_t years_ = 0;
  std::size_t vendors_ = 0;
  std::size_t pairs_per_year_ = 0;
  std::vector<std::size_t> threshold_offset_;  ///< first flat index of each Threshold

  std::uint64_t paths_ = 0;
  std::vector<std::uint64_t> leader_;      ///< [y][v]
  std::vector<std::uint64_t> pairs_;       ///< [y][pair (i, j) in lexicographic order]
  std::vector<std::uint64_t> thresholds_;  ///< [threshold value][y]
  std::vector<std::uint64_t> events_;      ///< [e][y]
  std::vector<std::uint64_t> reached_;     ///< [t][y]

  // Scratch for add(), sized to the largest block seen.
  std::vector<double> best_;
  std::vector<std::int64_t> best_index_;
  std::vector<double> running_max_;
};

}  // namespace spendcast::stats
