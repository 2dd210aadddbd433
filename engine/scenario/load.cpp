#include "scenario/load.hpp"

#include <algorithm>
#include <tuple>
#include <unordered_map>

#include "scenario/diagnostics.hpp"
#include "scenario/extends.hpp"
#include "scenario/overrides.hpp"
#include "scenario/render.hpp"
#include "scenario/validate.hpp"

namespace spendcast::scenario {

namespace {

/// The diagnostics in reading order: files first (each file in the order it was first
/// mentioned, by line and column), then the --set assignments in the order given.
std::vector<Diagnostic> in_reading_order(std::vector<Diagnostic> all,
                                         const std::vector<std::string>& overrides) {
  std::unordered_map<std::string, std::size_t> set_rank;
  for (std::size_t i = 0; i < overrides.size(); ++i)
    set_rank.emplace("--set " + scenario::printable(overrides[i]), i);
  std::unordered_map<std::string, std::size_t> file_rank;
  using Key = std::tuple<int, std::size_t, int, int>;
  std::vector<std::pair<Key, std::size_t>> keys;
  for (std::size_t k = 0; k < all.size(); ++k) {
    const SourcePosition& w = all[k].where;
    auto set = w.line == 0 ? set_rank.find(w.origin) : set_rank.end();
    if (set != set_rank.end()) {
      keys.push_back({Key{1, set->second, 0, 0}, k});
    } else {
      const std::size_t rank = file_rank.emplace(w.origin, file_rank.size()).first->second;
      keys.push_back({Key{0, rank, w.line, w.column}, k});
    }
  }
  std::stable_sort(keys.begin(), keys.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<Diagnostic> sorted;
  sorted.reserve(all.size());
  for (const auto& [key, k] : keys) sorted.push_back(std::move(all[k]));
  return sorted;
}

}  // namespace

LoadedScenario load_scenario_text(std::string_view text, const std::string& origin,
                                  const std::vector<std::string>& overrides,
                                  const FileReader& reader) {
  scenario::Diagnostics diagnostics;
  std::vector<std::string> parents;
  std::optional<scenario::DocValue> doc =
      scenario::resolve_extends(text, origin, reader, diagnostics, &parents);
  if (!doc) throw ScenarioError(in_reading_order(diagnostics.all(), overrides));
  scenario::apply_overrides(*doc, overrides, diagnostics);
  ScenarioSpec spec = scenario::build_spec(*doc, origin, diagnostics);
  spec.extends = std::move(parents);
  spec.overrides = overrides;
  if (diagnostics.has_errors()) throw ScenarioError(in_reading_order(diagnostics.all(), overrides));
  std::vector<Diagnostic> warnings = in_reading_order(diagnostics.warnings(), overrides);
  return LoadedScenario{std::move(spec), std::move(warnings), std::move(*doc)};
}

LoadedScenario load_scenario_file(const std::string& path,
                                  const std::vector<std::string>& overrides,
                                  const FileReader& reader) {
  std::optional<std::string> text = reader(path);
  if (!text) {
    throw ScenarioError(
        {Diagnostic{Diagnostic::Severity::error, SourcePosition{path, 0, 0},
                    "cannot read the scenario (" + scenario::describe_unreadable(path) + ")"}});
  }
  return load_scenario_text(*text, path, overrides, reader);
}

}  // namespace spendcast::scenario
