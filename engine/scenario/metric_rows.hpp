#pragma once

#include <cstddef>

namespace spendcast::scenario {

/// Where each metric a path records at a year end sits among the rows of a MetricBlock
/// (docs/MODEL.md §5), from the sizes of the scenario's compositions and its event count.
/// The one statement of the metric order: `metric_names` names these rows, the metric
/// catalogue finds the vendor share and event rows here, and the kernel's `record_year`
/// writes to them.
///
///   spend, growth,
///   share.<vendor>..., revenue.<vendor>..., hhi                     (with [vendors])
///   share_segment.<segment>..., spend.<segment>...                   (with [segments])
///   cagr,
///   event.<name>...                                                  (one per event)
struct MetricRows {
  bool has_vendors = false;  ///< [vendors] given (the "hhi" row exists)
  std::size_t vendors = 0;   ///< vendor categories
  std::size_t segments = 0;  ///< segment categories; 0: no [segments]
  std::size_t events = 0;    ///< events

  static constexpr std::size_t spend = 0;   ///< total spend S
  static constexpr std::size_t growth = 1;  ///< S_y / S_(y−1)

  /// share.<vendor k>.
  std::size_t vendor_share(std::size_t k) const { return vendors_begin() + k; }
  /// revenue.<vendor k>.
  std::size_t vendor_revenue(std::size_t k) const { return vendors_begin() + vendors + k; }
  /// hhi (only with vendors).
  std::size_t hhi() const { return vendors_begin() + 2 * vendors; }
  /// share_segment.<segment k>.
  std::size_t segment_share(std::size_t k) const { return segments_begin() + k; }
  /// spend.<segment k>.
  std::size_t segment_spend(std::size_t k) const { return segments_begin() + segments + k; }
  /// cagr: annualised growth from the base year.
  std::size_t cagr() const { return segments_begin() + 2 * segments; }
  /// event.<event e>: fired by this year end, 0 or 1.
  std::size_t event(std::size_t e) const { return cagr() + 1 + e; }
  /// Rows before the event indicators (the metrics `metric_names` lists).
  std::size_t before_events() const { return cagr() + 1; }
  /// Every row.
  std::size_t size() const { return before_events() + events; }

 private:
  std::size_t vendors_begin() const { return growth + 1; }
  std::size_t segments_begin() const { return hhi() + (has_vendors ? 1 : 0); }
};

}  // namespace spendcast::scenario
