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

void read_scenario(ValidationContext& ctx, const std::string& origin) {
  Section s = ctx.root.sub("scenario");
  s.allow_keys_of(scenario_keys());
  if (const DocValue* name = s.get("name")) {
    if (auto text = read_string(*name, s.path("name"), ctx.diagnostics)) {
      if (is_scenario_name(*text))
        ctx.spec.name = *text;
      else
        report_invalid(*name, s.path("name"),
                       "a name of lowercase letters, digits and '-', e.g. \"bubble-burst\"",
                       ctx.diagnostics);
    }
  } else {
    const std::string stem = std::filesystem::path(origin).stem().string();
    if (is_scenario_name(stem))
      ctx.spec.name = stem;
    else
      ctx.diagnostics.error(s.where(), fmt::format("scenario.name: missing, and the file name is "
                                                   "not a valid name (got {}; expected name = "
                                                   "\"...\" of lowercase letters, digits and '-')",
                                                   quote_raw(stem)));
  }
  if (const DocValue* title = s.get("title"))
    if (auto text = read_string(*title, s.path("title"), ctx.diagnostics)) ctx.spec.title = *text;
  if (const DocValue* description = s.get("description"))
    if (auto text = read_string(*description, s.path("description"), ctx.diagnostics))
      ctx.spec.description = *text;
  if (const DocValue* extends = s.get("extends"))
    ctx.diagnostics.error(extends->where,
                          fmt::format("scenario.extends: not resolved here (got {}; "
                                      "expected extends in a file read from disk)",
                                      render_got(*extends)));
}

}  // namespace

DistSpec ValidationContext::theta(const std::string& name, const DocValue& value,
                                  const ValueRange& range) {
  if (auto d = read_dist(value, name, range, diagnostics)) return *d;
  invalid_thetas.insert(name);
  return DistSpec::constant_at(0.0, value.where);
}

std::optional<DistSpec> ValidationContext::optional_theta(const Section& section,
                                                          const KeySpec& key) {
  const DocValue* value = section.get(key.key);
  if (!value) return std::nullopt;
  return theta(section.path(key.key), *value, key.range);
}

DistSpec ValidationContext::required_theta(const Section& section, const KeySpec& key) {
  const std::string name = section.path(key.key);
  const DocValue* value = section.require(key);
  if (!value) {
    invalid_thetas.insert(name);
    return DistSpec::constant_at(0.0, section.where());
  }
  return theta(name, *value, key.range);
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
  ValidationContext ctx(doc, diagnostics);
  ctx.spec.origin = origin;
  ctx.root.allow_keys_of(root_keys());
  read_scenario(ctx, origin);
  read_data_and_simulation(ctx);
  read_spend(ctx);
  ctx.spec.vendors = read_composition(ctx, "vendors");
  ctx.spec.segments = read_composition(ctx, "segments");
  check_vendors_of(ctx);
  read_events(ctx);
  check_entrants(ctx);
  read_theta_correlations(ctx);
  read_report(ctx);
  return std::move(ctx.spec);
}

}  // namespace spendcast::scenario
