#include "stats/stats_json.hpp"

#include <cmath>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "stats/field_error.hpp"
#include "stats/forecast_accumulator.hpp"
#include "stats/json_integer.hpp"
#include "stats/probability_counts.hpp"

namespace spendcast::stats {

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

namespace {

/// v into `to`; integers (and arrays of them) through json_integer, never nlohmann's
/// conversions, which truncate fractions and are undefined for doubles out of range.
template <class T>
void read_into(const nlohmann::json& v, T& to) {
  if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>)
    to = json_integer<T>(v);
  else
    v.get_to(to);
}

template <class T>
void read_into(const nlohmann::json& v, std::vector<T>& to) {
  if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>)
    to = json_integers<T>(v);
  else
    v.get_to(to);
}

}  // namespace

MetricLayout layout_from_json(const nlohmann::json& j) {
  MetricLayout l;
  const auto get = [&j](const char* key, auto& to) {
    in_field(key, [&] { read_into(j.at(key), to); });
  };
  get("metrics", l.metrics);
  get("years", l.years);
  get("spend_metric", l.spend_metric);
  get("vendor_share_metrics", l.vendor_share_metrics);
  get("vendor_names", l.vendor_names);
  get("event_metrics", l.event_metrics);
  get("event_names", l.event_names);
  in_field("thresholds", [&] {
    for (const auto& t : j.at("thresholds")) {
      MetricLayout::Threshold threshold;
      t.at("metric").get_to(threshold.metric);
      t.at("values").get_to(threshold.values);
      l.thresholds.push_back(std::move(threshold));
    }
  });
  get("first_year_spend_thresholds", l.first_year_spend_thresholds);
  get("quantiles", l.quantiles);
  check_layout(l);
  return l;
}

void check_layout(const MetricLayout& l) {
  const auto rows = static_cast<long long>(l.metrics.size());
  const auto row = [rows](int r, const std::string& field) {
    if (r < 0 || r >= rows)
      throw FieldError(field, std::to_string(r) + " is not a row of metrics (0 to " +
                                  std::to_string(rows - 1) + ")");
  };
  if (l.metrics.empty()) throw FieldError("metrics", "empty");
  if (l.years.empty()) throw FieldError("years", "empty");
  for (std::size_t y = 1; y < l.years.size(); ++y)
    if (static_cast<long long>(l.years[y]) != static_cast<long long>(l.years[y - 1]) + 1)
      throw FieldError("years[" + std::to_string(y) + "]", "the years are not consecutive");
  row(l.spend_metric, "spend_metric");
  const auto distinct_rows = [&](const std::vector<int>& list, const char* field) {
    std::vector<bool> seen(l.metrics.size(), false);
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string name = std::string(field) + "[" + std::to_string(i) + "]";
      row(list[i], name);
      if (seen[static_cast<std::size_t>(list[i])]) throw FieldError(name, "a row given twice");
      seen[static_cast<std::size_t>(list[i])] = true;
    }
  };
  distinct_rows(l.vendor_share_metrics, "vendor_share_metrics");
  distinct_rows(l.event_metrics, "event_metrics");
  if (l.vendor_names.size() != l.vendor_share_metrics.size())
    throw FieldError("vendor_names", "not one name per vendor_share_metrics row");
  if (l.event_names.size() != l.event_metrics.size())
    throw FieldError("event_names", "not one name per event_metrics row");
  for (std::size_t t = 0; t < l.thresholds.size(); ++t) {
    const std::string name = "thresholds[" + std::to_string(t) + "]";
    row(l.thresholds[t].metric, name + ".metric");
    for (const double v : l.thresholds[t].values)
      if (!std::isfinite(v)) throw FieldError(name + ".values", "not finite");
  }
  for (const double v : l.first_year_spend_thresholds)
    if (!std::isfinite(v)) throw FieldError("first_year_spend_thresholds", "not finite");
  for (const double p : l.quantiles)
    if (!(p >= 0.0 && p <= 1.0)) throw FieldError("quantiles", "a level outside [0, 1]");
}

nlohmann::json ProbabilityCounts::to_json() const {
  return {{"paths", paths_},           {"leader", leader_}, {"pairs", pairs_},
          {"thresholds", thresholds_}, {"events", events_}, {"reached", reached_}};
}

ProbabilityCounts ProbabilityCounts::from_json(const nlohmann::json& j,
                                               std::shared_ptr<const MetricLayout> layout) {
  ProbabilityCounts c(std::move(layout));
  c.paths_ = read_count(j, "paths");
  const auto read = [&](const char* key, std::vector<std::uint64_t>& to) {
    const nlohmann::json& from =
        in_field(key, [&]() -> const nlohmann::json& { return j.at(key); });
    if (!from.is_array() || from.size() != to.size()) {
      throw FieldError(
          key, "expected " + std::to_string(to.size()) + " counts (one per entry of the layout)");
    }
    for (std::size_t i = 0; i < to.size(); ++i) {
      const std::string field = std::string(key) + "[" + std::to_string(i) + "]";
      if (!as_count(from[i], to[i])) throw FieldError(field, "expected a whole number >= 0");
      if (to[i] > c.paths_) {
        throw FieldError(field, std::to_string(to[i]) + " is more than the " +
                                    std::to_string(c.paths_) + " paths");
      }
    }
  };
  read("leader", c.leader_);
  read("pairs", c.pairs_);
  read("thresholds", c.thresholds_);
  read("events", c.events_);
  read("reached", c.reached_);
  // One leader per path and year; "fired by" and "reached by" never decrease.
  for (std::size_t y = 0; y < c.years_; ++y) {
    std::uint64_t leaders = 0;
    const std::string field = "leader[" + std::to_string(y * c.vendors_) + "...]";
    for (std::size_t v = 0; v < c.vendors_; ++v)
      leaders = checked_add(leaders, c.leader_[y * c.vendors_ + v], field);
    if (leaders > c.paths_) throw FieldError(field, "more leaders than paths in a year");
  }
  const auto non_decreasing = [&](const std::vector<std::uint64_t>& v, const char* key) {
    for (std::size_t i = 0; i < v.size(); ++i)
      if (i % c.years_ != 0 && v[i] < v[i - 1])
        throw FieldError(std::string(key) + "[" + std::to_string(i) + "]",
                         "fewer paths than the year before (the count is cumulative)");
  };
  non_decreasing(c.events_, "events");
  non_decreasing(c.reached_, "reached");
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
      {"version", 2},
      {"options", {{"exact", options_.exact}, {"relative_accuracy", options_.relative_accuracy}}},
      {"layout", layout_to_json(*layout_)},
      {"counts", counts_.to_json()},
      {"cells", std::move(cells)}};
}

namespace {

/// a × b, or a FieldError on `field` when it does not fit.
std::size_t checked_product(std::size_t a, std::size_t b, const std::string& field) {
  std::size_t p = 0;
  if (__builtin_mul_overflow(a, b, &p)) throw FieldError(field, "sizes beyond any file");
  return p;
}

/// Checks the sizes of the stored arrays against the layout before anything is allocated
/// from the layout's sizes (so that a small file cannot ask for a huge allocation).
void check_sizes(const MetricLayout& l, const nlohmann::json& j) {
  const std::size_t years = l.years.size();
  const auto expect = [](const nlohmann::json& array, std::size_t n, const std::string& field) {
    if (!array.is_array() || array.size() != n)
      throw FieldError(field, "expected " + std::to_string(n) + " entries for the layout");
  };
  expect(j.at("cells"), checked_product(l.metrics.size(), years, "cells"), "cells");
  const nlohmann::json& counts = j.at("counts");
  const std::size_t vendors = l.vendor_share_metrics.size();
  std::size_t values = 0;
  for (const auto& t : l.thresholds) values += t.values.size();
  expect(counts.at("leader"), checked_product(vendors, years, "counts.leader"), "counts.leader");
  expect(counts.at("pairs"),
         checked_product(vendors * (vendors - (vendors > 0 ? 1 : 0)) / 2, years, "counts.pairs"),
         "counts.pairs");
  expect(counts.at("thresholds"), checked_product(values, years, "counts.thresholds"),
         "counts.thresholds");
  expect(counts.at("events"), checked_product(l.event_metrics.size(), years, "counts.events"),
         "counts.events");
  expect(counts.at("reached"),
         checked_product(l.first_year_spend_thresholds.size(), years, "counts.reached"),
         "counts.reached");
}

}  // namespace

ForecastAccumulator ForecastAccumulator::from_json(const nlohmann::json& j) {
  if (!j.is_object() || !j.contains("format") || j.at("format") != "spendcast-accumulator")
    throw FieldError("format", "expected \"spendcast-accumulator\"");
  // Version 2 encodes the sketch counts (encode_counts); version 1 (arrays) still reads.
  if (!j.contains("version") || (j.at("version") != 1 && j.at("version") != 2))
    throw FieldError("version", "expected 1 or 2 (a state this version can read)");
  AccumulatorOptions options;
  in_field("options", [&] {
    j.at("options").at("exact").get_to(options.exact);
    options.relative_accuracy = read_finite(j.at("options"), "relative_accuracy");
  });
  auto layout = std::make_shared<const MetricLayout>(
      in_field("layout", [&] { return layout_from_json(j.at("layout")); }));
  in_field("", [&] { check_sizes(*layout, j); });
  ForecastAccumulator a = in_field("options", [&] { return ForecastAccumulator(layout, options); });
  a.counts_ =
      in_field("counts", [&] { return ProbabilityCounts::from_json(j.at("counts"), layout); });
  const std::uint64_t paths = a.counts_.paths();
  const nlohmann::json& cells = j.at("cells");
  const std::size_t years = layout->years.size();
  const int bits = QuantileSketch(options.relative_accuracy).subbucket_bits();
  std::uint64_t encoded = 0;
  for (const nlohmann::json& cell : cells)
    if (cell.is_object() && cell.contains("sketch"))
      encoded += QuantileSketch::encoded_chars(cell.at("sketch"));
  CounterBudget budget = CounterBudget::for_text(encoded);
  for (std::size_t i = 0; i < a.cells_.size(); ++i) {
    in_field("cells[" + std::to_string(i) + "]", [&] {
      const nlohmann::json& cell = cells[i];
      if (cell.at("metric").get<std::string>() != layout->metrics[i / years] ||
          json_integer<int>(cell.at("year")) != layout->years[i % years]) {
        throw FieldError("metric", "cells out of layout order");
      }
      Cell& c = a.cells_[i];
      c.moments = in_field("moments", [&] { return Moments::from_json(cell.at("moments")); });
      c.sketch =
          in_field("sketch", [&] { return QuantileSketch::from_json(cell.at("sketch"), &budget); });
      if (c.sketch.subbucket_bits() != bits)
        throw FieldError("sketch.subbucket_bits", "differs from the state's options");
      if (options.exact)
        c.sample = in_field("values", [&] { return ExactSample::from_json(cell.at("values")); });
      if (c.moments.count() != paths)
        throw FieldError("moments.count", std::to_string(c.moments.count()) +
                                              " values, not one per path (" +
                                              std::to_string(paths) + ")");
      if (c.sketch.count() != paths)
        throw FieldError("sketch.count", std::to_string(c.sketch.count()) +
                                             " values, not one per path (" + std::to_string(paths) +
                                             ")");
      if (options.exact && c.sample.count() != paths)
        throw FieldError("values", "not one value per path");
      if (paths > 0 && (c.sketch.min() != c.moments.min() || c.sketch.max() != c.moments.max()))
        throw FieldError("sketch.min", "min and max differ from the moments'");
    });
  }
  return a;
}

}  // namespace spendcast::stats
