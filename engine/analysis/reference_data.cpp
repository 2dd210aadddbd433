#include "analysis/reference_data.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <optional>

#include "scenario/diagnostics.hpp"
#include "scenario/toml_reader.hpp"
#include "scenario/validate.hpp"

namespace spendcast::analysis {

namespace {

using scenario::DocValue;

/// The name of the reference: scenario.name when it is a string, else the file's stem.
std::string reference_name(const DocValue& doc, const std::string& path) {
  if (const DocValue* s = doc.find("scenario"))
    if (const DocValue* n = s->find("name"); n && n->is_string()) return n->text;
  return std::filesystem::path(path).stem().string();
}

/// The year of a year-table entry (`key` its path), or nothing with the error reported.
std::optional<int> year_of(const scenario::DocEntry& entry, const std::string& key,
                           scenario::Diagnostics& diagnostics) {
  const std::optional<int> year = scenario::parse_year_key(entry.key);
  if (!year)
    diagnostics.error(entry.key_where,
                      fmt::format("{}: not a year (expected a year from 1000 to 9999)", key));
  return year;
}

/// The parsed reference data file `path`; throws when it cannot be read or parsed.
DocValue parse_reference(const std::string& path, const scenario::FileReader& reader,
                         scenario::Diagnostics& diagnostics) {
  const std::optional<std::string> text = reader(path);
  if (!text)
    throw scenario::ScenarioError({scenario::Diagnostic{
        scenario::Diagnostic::Severity::error, scenario::SourcePosition{path, 0, 0},
        "cannot read the reference data (" + scenario::describe_unreadable(path) + ")"}});
  const std::optional<DocValue> doc = scenario::parse_toml(*text, path, diagnostics);
  if (!doc) throw scenario::ScenarioError(diagnostics.all());
  return *doc;
}

/// The observation of `metric` in `year` (key path `key`) read from `value`.
Observation reference_observation(const std::string& key, const std::string& metric, int year,
                                  const DocValue& value, const std::string& source) {
  Observation o;
  o.key = key;
  o.metric = metric;
  o.year = year;
  o.value = value.number();
  o.source = source;
  o.where = o.metric_where = o.year_where = o.value_where = value.where;
  return o;
}

/// Reads data.vendors' year tables of shares into `ref` (share_years, shares).
void read_shares(const DocValue& vendors, const std::string& source, ReferenceData& ref,
                 scenario::Diagnostics& diagnostics) {
  for (const scenario::DocEntry& y : vendors.entries) {
    const std::string key = scenario::key_path("data.vendors", y.key);
    const std::optional<int> year = year_of(y, key, diagnostics);
    if (!year) continue;
    if (!y.value.is_table()) {
      scenario::report_invalid(y.value, key, "a table of vendor shares", diagnostics);
      continue;
    }
    ref.share_years.push_back(*year);
    for (const scenario::DocEntry& v : y.value.entries) {
      const std::string vkey = scenario::key_path(key, v.key);
      if (!v.value.is_number() || !(v.value.number() >= 0 && v.value.number() <= 1)) {
        scenario::report_invalid(v.value, vkey, "a share, a number in [0, 1]", diagnostics);
        continue;
      }
      ref.shares.push_back(reference_observation(vkey, "share." + v.key, *year, v.value, source));
    }
  }
}

/// Reads data.spend, when `data` has it, into `ref.spend`.
void read_spend(const DocValue& data, const std::string& source, ReferenceData& ref,
                scenario::Diagnostics& diagnostics) {
  const DocValue* spend = data.find("spend");
  if (!spend) return;
  if (!spend->is_table()) {
    scenario::report_invalid(*spend, "data.spend", "a table of spend by year, { 2015 = 16.9 }",
                             diagnostics);
    return;
  }
  for (const scenario::DocEntry& y : spend->entries) {
    const std::string key = scenario::key_path("data.spend", y.key);
    const std::optional<int> year = year_of(y, key, diagnostics);
    if (!year) continue;
    if (!y.value.is_number() || !std::isfinite(y.value.number()) || !(y.value.number() > 0)) {
      scenario::report_invalid(y.value, key, "a spend, a number > 0 in the data's unit",
                               diagnostics);
      continue;
    }
    ref.spend.push_back(reference_observation(key, "spend", *year, y.value, source));
  }
}

}  // namespace

ReferenceData read_reference_file(const std::string& path, const scenario::FileReader& reader) {
  scenario::Diagnostics diagnostics;
  const DocValue doc = parse_reference(path, reader, diagnostics);
  ReferenceData ref;
  ref.origin = path;
  ref.name = reference_name(doc, path);
  const DocValue* data = doc.find("data");
  const DocValue* vendors = data && data->is_table() ? data->find("vendors") : nullptr;
  if (!vendors || !vendors->is_table()) {
    diagnostics.error(data ? data->where : scenario::SourcePosition{path, 1, 1},
                      "data.vendors: missing required table (expected year tables of vendor "
                      "shares, e.g. 2015 = { Amazon = 0.398 }, as in the baseline's data file)");
    throw scenario::ScenarioError(diagnostics.all());
  }
  ref.data = *data;
  ref.has_spend = data->find("spend") != nullptr;
  const DocValue* source = data->find("source");
  const std::string source_text = source && source->is_string() ? source->text : "";
  read_shares(*vendors, source_text, ref, diagnostics);
  read_spend(*data, source_text, ref, diagnostics);
  if (diagnostics.has_errors()) throw scenario::ScenarioError(diagnostics.all());
  std::sort(ref.share_years.begin(), ref.share_years.end());
  return ref;
}

}  // namespace spendcast::analysis
