#pragma once

// Helpers shared by the scenario tests: in-memory files, loading that returns the
// diagnostics as lines, and spec equality that ignores positions.

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "scenario/load.hpp"
#include "spec_equality.hpp"

namespace spendcast::testing {

/// Files held in memory, for extends: path -> text. Reading any other path fails.
class MemoryFiles {
 public:
  /// Adds (or replaces) a file.
  MemoryFiles& add(const std::string& path, std::string text) {
    files_[path] = std::move(text);
    return *this;
  }
  /// A reader over these files that records every path asked for.
  scenario::FileReader reader() {
    return [this](const std::string& path) -> std::optional<std::string> {
      asked_.push_back(path);
      auto it = files_.find(path);
      if (it == files_.end()) return std::nullopt;
      return it->second;
    };
  }
  /// Every path read so far, in order.
  const std::vector<std::string>& asked() const { return asked_; }

 private:
  std::map<std::string, std::string> files_;
  std::vector<std::string> asked_;
};

/// A valid scenario with only what is required (base year 2024 from the data).
inline std::string minimal_scenario() {
  return "[simulation]\n"
         "horizon = 2030\n"
         "[data]\n"
         "spend = { 2023 = 2.3, 2024 = 13.8 }\n"
         "[spend]\n"
         "long_run_growth = 0.1\n"
         "persistence = 0.5\n"
         "volatility = 0.1\n";
}

/// A reader that finds nothing (scenarios without extends).
inline scenario::FileReader no_files() {
  return [](const std::string&) -> std::optional<std::string> { return std::nullopt; };
}

/// Loads text from origin "t.toml" with no files around it.
inline scenario::LoadedScenario load(const std::string& text,
                                     const std::vector<std::string>& sets = {}) {
  return scenario::load_scenario_text(text, "t.toml", sets, no_files());
}

/// The diagnostics (one line each) of loading `text`, or {"loaded"} when it is valid.
inline std::vector<std::string> problems(const std::string& text,
                                         const std::vector<std::string>& sets = {},
                                         const std::string& origin = "t.toml",
                                         const scenario::FileReader& reader = no_files()) {
  try {
    scenario::LoadedScenario s = scenario::load_scenario_text(text, origin, sets, reader);
    std::vector<std::string> lines{"loaded"};
    for (const auto& w : s.warnings) lines.push_back(w.to_string());
    return lines;
  } catch (const scenario::ScenarioError& e) {
    std::vector<std::string> lines;
    for (const auto& d : e.diagnostics()) lines.push_back(d.to_string());
    return lines;
  }
}

}  // namespace spendcast::testing
