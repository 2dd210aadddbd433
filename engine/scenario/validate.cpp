#include "scenario/validate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <filesystem>

#include "scenario/render.hpp"

namespace spendcast::scenario {

namespace {

bool is_scenario_name(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

void read_scenario(Build& b, const std::string& origin) {
  Section s = b.root.sub("scenario");
  s.allow_only({"name", "title", "description", "extends"});
  if (const DocValue* name = s.get("name")) {
    if (auto text = read_string(*name, s.path("name"), b.diagnostics)) {
      if (is_scenario_name(*text))
        b.spec.name = *text;
      else
        report_invalid(*name, s.path("name"),
                       "a name of lowercase letters, digits and '-', e.g. \"bubble-burst\"",
                       b.diagnostics);
    }
  } else {
    const std::string stem = std::filesystem::path(origin).stem().string();
    if (is_scenario_name(stem))
      b.spec.name = stem;
    else
      b.diagnostics.error(s.where(), fmt::format("scenario.name: missing, and the file name is "
                                                 "not a valid name (got {}; expected name = "
                                                 "\"...\" of lowercase letters, digits and '-')",
                                                 quote_raw(stem)));
  }
  if (const DocValue* title = s.get("title"))
    if (auto text = read_string(*title, s.path("title"), b.diagnostics)) b.spec.title = *text;
  if (const DocValue* description = s.get("description"))
    if (auto text = read_string(*description, s.path("description"), b.diagnostics))
      b.spec.description = *text;
  if (const DocValue* extends = s.get("extends"))
    b.diagnostics.error(extends->where, fmt::format("scenario.extends: not resolved here (got {}; "
                                                    "expected extends in a file read from disk)",
                                                    render_got(*extends)));
}

}  // namespace

DistSpec Build::theta(const std::string& name, const DocValue& value, const ValueRange& range) {
  if (auto d = read_dist(value, name, range, diagnostics)) return *d;
  invalid_thetas.insert(name);
  return DistSpec::constant_at(0.0, value.where);
}

std::optional<DistSpec> Build::optional_theta(const Section& section, const std::string& key,
                                              const std::string& name, const ValueRange& range) {
  const DocValue* value = section.get(key);
  if (!value) return std::nullopt;
  return theta(name, *value, range);
}

DistSpec Build::required_theta(const Section& section, const std::string& key,
                               const std::string& name, const ValueRange& range) {
  const DocValue* value = section.require(key, "a number, \"LO to HI\" or { dist = ... }");
  if (!value) {
    invalid_thetas.insert(name);
    return DistSpec::constant_at(0.0, section.where());
  }
  return theta(name, *value, range);
}

void report_invalid(const DocValue& value, const std::string& path, std::string_view expected,
                    Diagnostics& diagnostics) {
  diagnostics.error(value.where, fmt::format("{}: invalid value (got {}; expected {})", path,
                                             render_got(value), expected));
}

void report_unknown_name(const SourcePosition& where, const std::string& path,
                         std::string_view what, const std::string& name,
                         const std::vector<std::string>& candidates, Diagnostics& diagnostics) {
  const std::string hint = did_you_mean(name, candidates);
  if (!hint.empty()) {
    diagnostics.error(where,
                      fmt::format("{}: unknown {} (got {}){}", path, what, quote_raw(name), hint));
  } else if (candidates.empty()) {
    diagnostics.error(
        where, fmt::format("{}: unknown {} (got {}; there are none)", path, what, quote_raw(name)));
  } else {
    diagnostics.error(where, fmt::format("{}: unknown {} (got {}; expected one of: {})", path, what,
                                         quote_raw(name), fmt::join(candidates, ", ")));
  }
}

std::optional<int> parse_year_key(std::string_view key) {
  if (key.empty() || key.size() > 4 || key.front() == '0') return std::nullopt;
  int year = 0;
  auto [end, ec] = std::from_chars(key.data(), key.data() + key.size(), year);
  if (ec != std::errc() || end != key.data() + key.size()) return std::nullopt;
  if (year < min_year || year > max_year) return std::nullopt;
  return year;
}

ScenarioSpec build_spec(const DocValue& doc, const std::string& origin, Diagnostics& diagnostics) {
  Build b(doc, diagnostics);
  b.spec.origin = origin;
  b.root.allow_only({"scenario", "simulation", "data", "spend", "vendors", "segments", "event",
                     "correlation", "report"});
  read_scenario(b, origin);
  read_data_and_simulation(b);
  read_spend(b);
  b.spec.vendors = read_composition(b, "vendors");
  b.spec.segments = read_composition(b, "segments");
  check_vendors_of(b);
  read_events(b);
  check_entrants(b);
  read_correlations(b);
  read_report(b);
  return std::move(b.spec);
}

}  // namespace spendcast::scenario
