#pragma once

#include "scenario/spec.hpp"
#include "stats/metric_layout.hpp"

namespace spendcast::model {

/// The MetricLayout of a scenario (docs/MODEL.md §5), its rows those of metric_rows(spec):
/// the metrics metric_names() lists, then one fired-by-year indicator "event.<name>" per
/// event; the vendor share rows; thresholds from [report]; the spend thresholds whose
/// first-reached year is reported.
stats::MetricLayout build_metric_layout(const scenario::ScenarioSpec& spec);

}  // namespace spendcast::model
