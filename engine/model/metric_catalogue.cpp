#include "model/metric_catalogue.hpp"

#include <stdexcept>

namespace spendcast {

MetricLayout build_metric_layout(const ScenarioSpec& spec) {
  MetricLayout layout;
  layout.metrics = metric_names(spec);
  for (const auto& e : spec.events) {
    layout.event_metrics.push_back(static_cast<int>(layout.metrics.size()));
    layout.event_names.push_back(e.name);
    layout.metrics.push_back("event." + e.name);
  }
  for (int y = spec.simulation.base_year + 1; y <= spec.simulation.horizon; ++y)
    layout.years.push_back(y);
  layout.spend_metric = layout.index_of("spend");
  if (spec.vendors) {
    for (const auto& c : spec.vendors->categories) {
      layout.vendor_share_metrics.push_back(layout.index_of("share." + c.name));
      layout.vendor_names.push_back(c.name);
    }
  }
  for (const auto& t : spec.report.thresholds) {
    const int row = layout.index_of(t.metric);
    if (row < 0) throw std::invalid_argument("threshold on unknown metric " + t.metric);
    layout.thresholds.push_back({row, t.values});
    if (t.metric == "spend") layout.first_year_spend_thresholds = t.values;
  }
  layout.quantiles = spec.report.quantiles;
  return layout;
}

}  // namespace spendcast
