#include "model/metric_catalogue.hpp"

#include <stdexcept>

namespace spendcast::model {

stats::MetricLayout build_metric_layout(const scenario::ScenarioSpec& spec) {
  const scenario::MetricRows rows = scenario::metric_rows(spec);
  stats::MetricLayout layout;
  layout.metrics = scenario::metric_names(spec);
  for (std::size_t e = 0; e < rows.events; ++e) {
    const std::string& name = spec.events[e].name;
    layout.event_metrics.push_back(static_cast<int>(rows.event(e)));
    layout.event_names.push_back(name);
    layout.metrics.push_back("event." + name);
  }
  for (int y = spec.simulation.base_year + 1; y <= spec.simulation.horizon; ++y)
    layout.years.push_back(y);
  layout.spend_metric = static_cast<int>(scenario::MetricRows::spend);
  for (std::size_t k = 0; k < rows.vendors; ++k) {
    layout.vendor_share_metrics.push_back(static_cast<int>(rows.vendor_share(k)));
    layout.vendor_names.push_back(spec.vendors->categories[k].name);
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

}  // namespace spendcast::model
