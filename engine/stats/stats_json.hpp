#pragma once

#include <nlohmann/json_fwd.hpp>

#include "stats/metric_layout.hpp"

namespace spendcast::stats {

/// The layout as JSON: {"metrics", "years", "spend_metric", "vendor_share_metrics",
/// "vendor_names", "event_metrics", "event_names", "thresholds": [{"metric", "values"}],
/// "first_year_spend_thresholds", "quantiles"}. Doubles round-trip bitwise.
nlohmann::json layout_to_json(const MetricLayout& layout);

/// The reverse of layout_to_json, checked (check_layout); throws FieldError naming the
/// field when malformed.
MetricLayout layout_from_json(const nlohmann::json& j);

/// Checks that a layout read from a file is one a run could have made: metrics and years
/// not empty, years consecutive, every row index a metric's and given once per list, one
/// name per vendor and event row, finite threshold values, quantile levels in [0, 1].
/// Throws FieldError naming the field.
void check_layout(const MetricLayout& layout);

}  // namespace spendcast::stats
