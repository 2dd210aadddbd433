#include "analysis/observations.hpp"

#include <fmt/format.h>

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

void read_one(const DocValue& table, std::size_t index, Diagnostics& diagnostics,
              std::vector<Observation>& out) {
  const std::string key = fmt::format("observation[{}]", index);
  if (!table.is_table()) {
    scenario::report_type(table, key, "a table: [[observation]]", diagnostics);
    return;
  }
  const Section section(&table, key, table.where, diagnostics);
  section.allow_only({"metric", "year", "value", "source"});
  Observation o;
  o.key = key;
  o.where = table.where;
  bool complete = true;
  if (const DocValue* v = section.require("metric", "metric = \"share.Anthropic\"")) {
    o.metric_where = v->where;
    if (auto s = scenario::read_string(*v, section.path("metric"), diagnostics,
                                       "a metric name such as \"spend\""))
      o.metric = *s;
    else
      complete = false;
  } else {
    complete = false;
  }
  if (const DocValue* v = section.require("year", "year = 2025")) {
    o.year_where = v->where;
    if (auto y = scenario::read_integer(*v, section.path("year"), earliest_year, latest_year,
                                        "a year such as 2025", diagnostics))
      o.year = static_cast<int>(*y);
    else
      complete = false;
  } else {
    complete = false;
  }
  if (const DocValue* v = section.require("value", "value = 0.40, in the metric's units")) {
    o.value_where = v->where;
    if (auto x = scenario::read_number(*v, section.path("value"), diagnostics))
      o.value = *x;
    else
      complete = false;
  } else {
    complete = false;
  }
  if (const DocValue* v = section.get("source")) {
    if (auto s = scenario::read_string(*v, section.path("source"), diagnostics)) o.source = *s;
  }
  if (complete) out.push_back(std::move(o));
}

}  // namespace

std::vector<Observation> parse_observations(std::string_view text, const std::string& origin) {
  Diagnostics diagnostics;
  const std::optional<DocValue> document = scenario::parse_toml(text, origin, diagnostics);
  std::vector<Observation> out;
  if (document) {
    const Section root(&*document, "", SourcePosition{origin, 1, 1}, diagnostics);
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
  if (diagnostics.has_errors()) throw ScenarioError(diagnostics.all());
  return out;
}

std::vector<Observation> read_observations_file(const std::string& path) {
  const std::optional<std::string> text = filesystem_reader()(path);
  if (!text)
    throw ScenarioError(
        {Diagnostic{Diagnostic::Severity::error, SourcePosition{path, 0, 0},
                    "cannot read the observations (" + scenario::describe_unreadable(path) + ")"}});
  return parse_observations(*text, path);
}

}  // namespace spendcast::analysis
