#pragma once

#include <string>
#include <vector>

namespace spendcast::stats {

/// What a run records per path and year-end, and which probabilities it reports
/// (docs/MODEL.md §5). Built by the model from a scenario; read by the accumulators,
/// which know nothing of the model.
struct MetricLayout {
  /// Metric names, in the order of MetricBlock's rows. For a scenario that order is
  /// MetricRows' (scenario/metric_rows.hpp, the one place that states it); the
  /// accumulators need only the names and the rows named below.
  std::vector<std::string> metrics;
  std::vector<int> years;  ///< the reported years Y0 + 1 .. H

  int spend_metric = 0;  ///< row of "spend"
  /// Rows of "share.<vendor>" in category order (empty without vendors): the leader
  /// and every pair (i < j: P(share_i > share_j)) are counted over these.
  std::vector<int> vendor_share_metrics;
  std::vector<std::string> vendor_names;  ///< same order as vendor_share_metrics
  /// Rows of the "event.<name>" indicators and the event names, same order.
  std::vector<int> event_metrics;
  std::vector<std::string> event_names;

  /// P(metric >= value) per year, for [report] thresholds.
  struct Threshold {
    int metric = 0;  ///< row
    std::vector<double> values;
    /// Same row and values.
    bool operator==(const Threshold& other) const = default;
  };
  std::vector<Threshold> thresholds;
  /// Spend thresholds whose first-reached year is counted (the "spend" thresholds).
  std::vector<double> first_year_spend_thresholds;

  std::vector<double> quantiles{0.05, 0.25, 0.5, 0.75, 0.95};  ///< reported levels

  /// Same contents, member by member (accumulators merge only over equal layouts).
  bool operator==(const MetricLayout& other) const = default;

  /// Index of a metric by name, or -1.
  int index_of(const std::string& name) const {
    for (std::size_t i = 0; i < metrics.size(); ++i)
      if (metrics[i] == name) return static_cast<int>(i);
    return -1;
  }
};

}  // namespace spendcast::stats
