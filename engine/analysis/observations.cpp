#include "analysis/observations.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "scenario/diagnostics.hpp"
#include "scenario/fields.hpp"
#include "scenario/file_reader.hpp"
#include "scenario/toml_reader.hpp"

namespace spendcast::analysis {

namespace {

using scenario::Diagnostics;
using scenario::DocValue;
using scenario::Section;

constexpr std::int64_t earliest_year = 1900, latest_year = 2200;

/// The 95 % point of the standard normal: a 90 % interval is center ± z95·sd.
constexpr double z95 = 1.6448536269514722;

/// Reads a finite number from the whole of `text` (spaces around it allowed), or nothing.
std::optional<double> number_in(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  double x = 0.0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), x);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || !std::isfinite(x))
    return std::nullopt;
  return x;
}

/// Reads `value = "LO to HI"` into o (low, high, value and sd on o's scale); reports a
/// malformed or empty interval at the value.
bool read_interval(const DocValue& v, const std::string& path, Observation& o,
                   Diagnostics& diagnostics) {
  const std::string& text = v.text;
  const std::size_t to = text.find(" to ");
  const std::optional<double> lo =
      to == std::string::npos ? std::nullopt : number_in(std::string_view(text).substr(0, to));
  const std::optional<double> hi =
      to == std::string::npos ? std::nullopt : number_in(std::string_view(text).substr(to + 4));
  if (!lo || !hi) {
    scenario::report_type(v, path, "a number, or a 90 % interval such as \"30 to 45\"",
                          diagnostics);
    return false;
  }
  const bool log_scale = on_log_scale(o.metric);
  if (!(*lo < *hi) || (log_scale && !(*lo > 0))) {
    scenario::report_range(v, path,
                           log_scale ? "an interval \"LO to HI\" with 0 < LO < HI (on the log "
                                       "scale)"
                                     : "an interval \"LO to HI\" with LO < HI",
                           diagnostics);
    return false;
  }
  o.uncertainty = Observation::Uncertainty::interval;
  o.low = *lo;
  o.high = *hi;
  o.value = log_scale ? std::sqrt(*lo) * std::sqrt(*hi) : 0.5 * (*lo + *hi);
  o.sd = (log_scale ? std::log(*hi / *lo) : *hi - *lo) / (2 * z95);
  return true;
}

/// Reads the required `metric` into o; false when it is missing or not a string (reported).
bool read_metric(const Section& section, Observation& o, Diagnostics& diagnostics) {
  const DocValue* v = section.require("metric", "metric = \"share.Anthropic\"");
  if (!v) return false;
  o.metric_where = v->where;
  auto s = scenario::read_string(*v, section.path("metric"), diagnostics,
                                 "a metric name such as \"spend\"");
  if (s) o.metric = *s;
  return s.has_value();
}

/// Reads the required `year` into o; false when it is missing or not a year (reported).
bool read_year(const Section& section, Observation& o, Diagnostics& diagnostics) {
  const DocValue* v = section.require("year", "year = 2025");
  if (!v) return false;
  o.year_where = v->where;
  auto y = scenario::read_integer(*v, section.path("year"), earliest_year, latest_year,
                                  "a year such as 2025", diagnostics);
  if (y) o.year = static_cast<int>(*y);
  return y.has_value();
}

/// Reads the required `value` into o: a number, or a 90 % interval "LO to HI"
/// (read_interval); false when it is missing or malformed (reported).
bool read_value(const Section& section, Observation& o, Diagnostics& diagnostics) {
  const DocValue* v = section.require("value", "value = 0.40, in the metric's units");
  if (!v) return false;
  o.value_where = v->where;
  if (v->is_string()) return read_interval(*v, section.path("value"), o, diagnostics);
  auto x = scenario::read_number(*v, section.path("value"), diagnostics);
  if (x) o.value = *x;
  return x.has_value();
}

/// Reads the optional `sd` into o (then its uncertainty is sd); false when it is not a
/// positive number, comes with an interval value, or (`checkable`: metric and value were
/// read) the metric is on the log scale and the value is not positive (reported).
bool read_sd(const Section& section, Observation& o, bool checkable, Diagnostics& diagnostics) {
  const DocValue* v = section.get("sd");
  if (!v) return true;
  o.sd_where = v->where;
  const std::optional<double> sd = scenario::read_number(*v, section.path("sd"), diagnostics);
  if (!sd) return false;
  if (!(*sd > 0)) {
    scenario::report_range(*v, section.path("sd"),
                           "a standard deviation > 0 (of ln value for spend and revenue)",
                           diagnostics);
    return false;
  }
  if (o.uncertainty == Observation::Uncertainty::interval) {
    diagnostics.error(v->where, fmt::format("{}: not with an interval value (give either "
                                            "sd = X or value = \"LO to HI\")",
                                            section.path("sd")));
    return false;
  }
  if (checkable && on_log_scale(o.metric) && !(o.value > 0)) {
    diagnostics.error(o.value_where, fmt::format("{}: must be > 0 with sd: {} errors are on the "
                                                 "log scale (got {:g})",
                                                 section.path("value"), o.metric, o.value));
    return false;
  }
  o.uncertainty = Observation::Uncertainty::sd;
  o.sd = *sd;
  return true;
}

/// Reads [[observation]] number `index` (`table`) into `out` when it is complete; reports
/// what is wrong with it to `diagnostics`.
void read_one(const DocValue& table, std::size_t index, Diagnostics& diagnostics,
              std::vector<Observation>& out) {
  const std::string key = fmt::format("observation[{}]", index);
  if (!table.is_table()) {
    scenario::report_type(table, key, "a table: [[observation]]", diagnostics);
    return;
  }
  const Section section(&table, key, table.where, diagnostics);
  section.allow_only({"metric", "year", "value", "sd", "source"});
  Observation o;
  o.key = key;
  o.where = table.where;
  bool complete = read_metric(section, o, diagnostics);
  complete = read_year(section, o, diagnostics) && complete;
  complete = read_value(section, o, diagnostics) && complete;
  complete = read_sd(section, o, complete, diagnostics) && complete;
  if (const DocValue* v = section.get("source")) {
    if (auto s = scenario::read_string(*v, section.path("source"), diagnostics)) o.source = *s;
  }
  if (complete) out.push_back(std::move(o));
}

}  // namespace

bool on_log_scale(std::string_view metric) {
  return metric == "spend" || metric.starts_with("spend.") || metric.starts_with("revenue.");
}

std::vector<Observation> parse_observations(std::string_view text, const std::string& origin) {
  Diagnostics diagnostics;
  const std::optional<DocValue> document = scenario::parse_toml(text, origin, diagnostics);
  std::vector<Observation> out;
  if (document) {
    const Section root(&*document, "", scenario::SourcePosition{origin, 1, 1}, diagnostics);
    root.allow_only({"observation"});
    const DocValue* list = root.require("observation", "[[observation]] tables");
    if (list) {
      if (const DocValue* array =
              scenario::read_array(*list, "observation", "[[observation]] tables", diagnostics)) {
        if (array->items.empty())
          scenario::report_range(*array, "observation", "at least one [[observation]]",
                                 diagnostics);
        for (std::size_t k = 0; k < array->items.size(); ++k)
          read_one(array->items[k], k, diagnostics, out);
      }
    }
  }
  if (diagnostics.has_errors()) throw scenario::ScenarioError(diagnostics.all());
  return out;
}

std::vector<Observation> read_observations_file(const std::string& path) {
  const std::optional<std::string> text = scenario::filesystem_reader()(path);
  if (!text)
    throw scenario::ScenarioError({scenario::Diagnostic{
        scenario::Diagnostic::Severity::error, scenario::SourcePosition{path, 0, 0},
        "cannot read the observations (" + scenario::describe_unreadable(path) + ")"}});
  return parse_observations(*text, path);
}

}  // namespace spendcast::analysis
