#pragma once

#include <nlohmann/json_fwd.hpp>

#include "stats/metric_layout.hpp"

namespace spendcast {

/// The layout as JSON: {"metrics", "years", "spend_metric", "vendor_share_metrics",
/// "vendor_names", "event_metrics", "event_names", "thresholds": [{"metric", "values"}],
/// "first_year_spend_thresholds", "quantiles"}. Doubles round-trip bitwise.
nlohmann::json layout_to_json(const MetricLayout& layout);

/// The reverse of layout_to_json; throws nlohmann's errors when malformed.
MetricLayout layout_from_json(const nlohmann::json& j);

}  // namespace spendcast
