#pragma once

// The property the scenario harnesses check: a scenario text (with --set assignments)
// either loads, or throws ScenarioError with at least one error, every message non-empty;
// and when it loads, what `show` prints loads again to the same spec, and shows the same
// spec again. Anything else thrown reaches libFuzzer as a crash.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_support.hpp"
#include "scenario/load.hpp"
#include "spec_equality.hpp"

namespace spendcast::fuzz {

/// Fails unless `e` holds at least one error and no empty message.
inline void check_error(const scenario::ScenarioError& e) {
  bool has_error = false;
  for (const scenario::Diagnostic& d : e.diagnostics()) {
    if (d.message.empty()) fail("an empty message");
    has_error = has_error || d.severity == scenario::Diagnostic::Severity::error;
  }
  if (!has_error) fail("ScenarioError without an error: " + std::string(e.what()));
}

/// Loads what `show` prints for `s`, read as `origin`; fails when it does not load.
inline scenario::LoadedScenario reload(const scenario::LoadedScenario& s,
                                       const std::string& origin) {
  const std::string shown = scenario::show_scenario(s);
  try {
    return scenario::load_scenario_text(shown, origin, {}, bundled_reader());
  } catch (const scenario::ScenarioError& e) {
    fail("show's output does not load:\n" + std::string(e.what()) + "\n" + shown);
  }
}

/// Loads `text` as `origin` with `overrides` and checks the property above.
inline void check_scenario(std::string_view text, const std::string& origin,
                           const std::vector<std::string>& overrides) {
  std::optional<scenario::LoadedScenario> loaded;
  try {
    loaded = scenario::load_scenario_text(text, origin, overrides, bundled_reader());
  } catch (const scenario::ScenarioError& e) {
    check_error(e);
    return;
  }
  const scenario::LoadedScenario again = reload(*loaded, "scenarios/shown.toml");
  std::string why;
  if (!testing::same_values(loaded->spec, again.spec, &why))
    fail("show's output loads to another spec (" + why + "):\n" + scenario::show_scenario(*loaded));
  if (!testing::same_values(again.spec, reload(again, "scenarios/shown2.toml").spec, &why))
    fail("show's output of show's output loads to another spec (" + why + ")");
}

}  // namespace spendcast::fuzz
