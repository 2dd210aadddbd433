#include "scenario/load.hpp"

#include <algorithm>
#include <tuple>

#include "scenario/diagnostics.hpp"
#include "scenario/extends.hpp"
#include "scenario/overrides.hpp"
#include "scenario/render.hpp"
#include "scenario/validate.hpp"

namespace spendcast {

namespace {

/// The diagnostics in reading order: files first (each file in the order it was first
/// mentioned, by line and column), then the --set assignments in the order given.
std::vector<Diagnostic> in_reading_order(std::vector<Diagnostic> all,
                                         const std::vector<std::string>& overrides) {
  std::vector<std::string> files;
  auto key = [&](const Diagnostic& d) {
    for (std::size_t i = 0; i < overrides.size(); ++i)
      if (d.where.line == 0 && d.where.origin == "--set " + scenario::printable(overrides[i]))
        return std::make_tuple(1, i, 0, 0);
    auto it = std::find(files.begin(), files.end(), d.where.origin);
    return std::make_tuple(0, static_cast<std::size_t>(it - files.begin()), d.where.line,
                           d.where.column);
  };
  for (const Diagnostic& d : all)
    if (std::find(files.begin(), files.end(), d.where.origin) == files.end())
      files.push_back(d.where.origin);
  std::stable_sort(all.begin(), all.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
  return all;
}

}  // namespace

LoadedScenario load_scenario_text(std::string_view text, const std::string& origin,
                                  const std::vector<std::string>& overrides,
                                  const FileReader& reader) {
  scenario::Diagnostics diagnostics;
  std::optional<scenario::DocValue> doc =
      scenario::resolve_extends(text, origin, reader, diagnostics);
  if (!doc) throw ScenarioError(in_reading_order(diagnostics.all(), overrides));
  scenario::apply_overrides(*doc, overrides, diagnostics);
  ScenarioSpec spec = scenario::build_spec(*doc, origin, diagnostics);
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

}  // namespace spendcast
