#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "scenario/diagnostic.hpp"
#include "scenario/document.hpp"
#include "scenario/file_reader.hpp"
#include "scenario/spec.hpp"

namespace spendcast::scenario {

/// A scenario read, merged, overridden and validated.
struct LoadedScenario {
  ScenarioSpec spec;                 ///< what the model compiles
  std::vector<Diagnostic> warnings;  ///< problems that did not stop it, in the order found
  scenario::DocValue document;       ///< the resolved document (extends and --set applied),
                                     ///< every value with its origin; `show` prints it
};

/// Loads `path` and everything it extends, applies `overrides` ("KEY=VALUE" strings, in
/// order), validates. Throws ScenarioError with every error (and the warnings) when
/// invalid, or when the file cannot be read ("PATH: error: cannot read the scenario
/// (no such file)").
LoadedScenario load_scenario_file(const std::string& path,
                                  const std::vector<std::string>& overrides = {},
                                  const FileReader& reader = filesystem_reader());

/// Same from text with an origin name (extends resolved relative to the origin's folder
/// through `reader`; a missing scenario.name comes from the origin's file-name stem).
LoadedScenario load_scenario_text(std::string_view text, const std::string& origin,
                                  const std::vector<std::string>& overrides = {},
                                  const FileReader& reader = filesystem_reader());

/// The resolved scenario as TOML with origin comments (spendcast show): every value is
/// followed by "# FILE:LINE", "# --set" or "# default"; loading it gives the same spec.
std::string show_scenario(const LoadedScenario& scenario);

/// "N paths, 2025–2030, 6 vendors, 2 events" (spendcast validate); vendors count Other
/// and entrants.
std::string summarize_scenario(const ScenarioSpec& spec);

}  // namespace spendcast::scenario
