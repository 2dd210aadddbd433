#pragma once

#include <string>
#include <string_view>

namespace spendcast::analysis {

/// How a metric's values read in tables.
enum class MetricUnit {
  usd_bn,    ///< spend, spend.<segment>, revenue.<vendor>: $B, 3 significant digits
  fraction,  ///< share.*, share_segment.*, cagr, event.*: percent (differences in points)
  number     ///< growth, hhi: 3 significant digits
};

/// The unit of a metric, from its name (docs/MODEL.md §5).
MetricUnit metric_unit(std::string_view metric);

/// "$B", "%" or "" for table titles.
std::string unit_label(MetricUnit unit);

/// A value in its unit for reading: "13.8", "34" (for 0.34), "1.35"; "n/a" for NaN.
std::string format_metric(double value, MetricUnit unit);

/// A difference in its unit with its sign: "+3.12", "-0.8" (percentage points for
/// fractions), "0" for zero; "n/a" for NaN.
std::string format_signed(double difference, MetricUnit unit);

/// A plain number with 3 significant digits ("1.06", "0.105"; whole from 1000 to 1e7:
/// "1234"); "n/a" for NaN.
std::string format_number(double value);

/// A probability and its standard error in percent: "97.1 ± 0.1"; "n/a" for NaN.
std::string format_probability(double p, double se);

/// Number of characters a UTF-8 string shows (its code points).
std::size_t display_width(std::string_view text);

}  // namespace spendcast::analysis
