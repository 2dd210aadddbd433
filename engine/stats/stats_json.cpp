#include "stats/stats_json.hpp"

#include <cmath>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "stats/forecast_accumulator.hpp"
#include "stats/json_integer.hpp"
#include "stats/probability_counts.hpp"

namespace spendcast {

nlohmann::json layout_to_json(const MetricLayout& layout) {
  nlohmann::json thresholds = nlohmann::json::array();
  for (const auto& t : layout.thresholds) {
    thresholds.push_back({{"metric", t.metric}, {"values", t.values}});
  }
  return {{"metrics", layout.metrics},
          {"years", layout.years},
          {"spend_metric", layout.spend_metric},
          {"vendor_share_metrics", layout.vendor_share_metrics},
          {"vendor_names", layout.vendor_names},
          {"event_metrics", layout.event_metrics},
          {"event_names", layout.event_names},
          {"thresholds", thresholds},
          {"first_year_spend_thresholds", layout.first_year_spend_thresholds},
          {"quantiles", layout.quantiles}};
}

MetricLayout layout_from_json(const nlohmann::json& j) {
  MetricLayout l;
  j.at("metrics").get_to(l.metrics);
  l.years = json_integers<int>(j.at("years"));
  l.spend_metric = json_integer<int>(j.at("spend_metric"));
  l.vendor_share_metrics = json_integers<int>(j.at("vendor_share_metrics"));
  j.at("vendor_names").get_to(l.vendor_names);
  l.event_metrics = json_integers<int>(j.at("event_metrics"));
  j.at("event_names").get_to(l.event_names);
  for (const auto& t : j.at("thresholds")) {
    MetricLayout::Threshold threshold;
    t.at("metric").get_to(threshold.metric);
    t.at("values").get_to(threshold.values);
    l.thresholds.push_back(std::move(threshold));
  }
  j.at("first_year_spend_thresholds").get_to(l.first_year_spend_thresholds);
  j.at("quantiles").get_to(l.quantiles);
  return l;
}

nlohmann::json ProbabilityCounts::to_json() const {
  return {{"paths", paths_},           {"leader", leader_}, {"pairs", pairs_},
          {"thresholds", thresholds_}, {"events", events_}, {"reached", reached_}};
}

ProbabilityCounts ProbabilityCounts::from_json(const nlohmann::json& j,
                                               std::shared_ptr<const MetricLayout> layout) {
  ProbabilityCounts c(std::move(layout));
  c.paths_ = json_integer<std::uint64_t>(j.at("paths"));
  const auto read = [&j](const char* key, std::vector<std::uint64_t>& to) {
    auto from = json_integers<std::uint64_t>(j.at(key));
    if (from.size() != to.size()) {
      throw std::invalid_argument(std::string("ProbabilityCounts: '") + key +
                                  "' does not match the layout");
    }
    to = std::move(from);
  };
  read("leader", c.leader_);
  read("pairs", c.pairs_);
  read("thresholds", c.thresholds_);
  read("events", c.events_);
  read("reached", c.reached_);
  return c;
}

nlohmann::json ForecastAccumulator::to_json() const {
  nlohmann::json cells = nlohmann::json::array();
  const std::size_t years = layout_->years.size();
  for (std::size_t i = 0; i < cells_.size(); ++i) {
    nlohmann::json cell = {{"metric", layout_->metrics[i / years]},
                           {"year", layout_->years[i % years]},
                           {"moments", cells_[i].moments.to_json()},
                           {"sketch", cells_[i].sketch.to_json()}};
    if (options_.exact) cell["values"] = cells_[i].sample.to_json();
    cells.push_back(std::move(cell));
  }
  return {
      {"format", "spendcast-accumulator"},
      {"version", 1},
      {"options", {{"exact", options_.exact}, {"relative_accuracy", options_.relative_accuracy}}},
      {"layout", layout_to_json(*layout_)},
      {"counts", counts_.to_json()},
      {"cells", std::move(cells)}};
}

ForecastAccumulator ForecastAccumulator::from_json(const nlohmann::json& j) {
  if (j.at("format").get<std::string>() != "spendcast-accumulator" ||
      json_integer<int>(j.at("version")) != 1) {
    throw std::invalid_argument("ForecastAccumulator: not a version 1 accumulator state");
  }
  AccumulatorOptions options;
  j.at("options").at("exact").get_to(options.exact);
  j.at("options").at("relative_accuracy").get_to(options.relative_accuracy);
  ForecastAccumulator a(std::make_shared<const MetricLayout>(layout_from_json(j.at("layout"))),
                        options);
  const nlohmann::json& cells = j.at("cells");
  if (cells.size() != a.cells_.size()) {
    throw std::invalid_argument("ForecastAccumulator: one cell per metric and year expected");
  }
  const std::size_t years = a.layout_->years.size();
  for (std::size_t i = 0; i < a.cells_.size(); ++i) {
    const nlohmann::json& cell = cells[i];
    if (cell.at("metric").get<std::string>() != a.layout_->metrics[i / years] ||
        json_integer<int>(cell.at("year")) != a.layout_->years[i % years]) {
      throw std::invalid_argument("ForecastAccumulator: cells out of layout order");
    }
    Cell& c = a.cells_[i];
    c.moments = Moments::from_json(cell.at("moments"));
    c.sketch = QuantileSketch::from_json(cell.at("sketch"));
    if (c.sketch.subbucket_bits() != QuantileSketch(options.relative_accuracy).subbucket_bits()) {
      throw std::invalid_argument("ForecastAccumulator: sketch accuracy differs from the options");
    }
    if (options.exact) c.sample = ExactSample::from_json(cell.at("values"));
    if (c.sketch.count() != c.moments.count() ||
        (options.exact && c.sample.count() != c.moments.count())) {
      throw std::invalid_argument("ForecastAccumulator: counts differ within a cell");
    }
  }
  a.counts_ = ProbabilityCounts::from_json(j.at("counts"), a.layout_);
  return a;
}

}  // namespace spendcast
