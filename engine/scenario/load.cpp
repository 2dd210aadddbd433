#include "scenario/load.hpp"

#include "scenario/diagnostics.hpp"
#include "scenario/extends.hpp"
#include "scenario/overrides.hpp"
#include "scenario/validate.hpp"

namespace spendcast {

LoadedScenario load_scenario_text(std::string_view text, const std::string& origin,
                                  const std::vector<std::string>& overrides,
                                  const FileReader& reader) {
  scenario::Diagnostics diagnostics;
  std::optional<scenario::DocValue> doc =
      scenario::resolve_extends(text, origin, reader, diagnostics);
  if (!doc) throw ScenarioError(diagnostics.all());
  scenario::apply_overrides(*doc, overrides, diagnostics);
  ScenarioSpec spec = scenario::build_spec(*doc, origin, diagnostics);
  if (diagnostics.has_errors()) throw ScenarioError(diagnostics.all());
  return LoadedScenario{std::move(spec), diagnostics.warnings(), std::move(*doc)};
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
