#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "result_data.hpp"

namespace spendcast::python {

/// What spendcast.run asks for: a scenario file or TOML text, and the options of
/// `spendcast run` that the module offers.
struct RunRequest {
  std::string origin;               ///< the file, or a name for `text` ("<dict>")
  std::optional<std::string> text;  ///< the scenario's TOML when it did not come from a file
  /// The simulation options in the CLI's words (--paths N, --seed N, --threads N,
  /// --steps-per-year N, --set KEY=VALUE ...), parsed and checked by the CLI's own code.
  std::vector<std::string> options;
  bool exact = false;
  std::optional<double> target_relative_se;
  std::optional<std::uint64_t> max_paths;
};

/// Loads, validates and simulates as `spendcast run` does (a ScenarioError when the
/// scenario is invalid, a cli::UsageError for a malformed option; notes such as a capped
/// thread count go to `notes`), with the GIL released while the paths run. Called with the GIL
/// held; Ctrl-C (SIGINT) is seen by polling Python's signal handlers every 50 ms from the
/// calling thread: the engine's stop flag is set, the workers are joined and the pending
/// KeyboardInterrupt is raised (pybind11::error_already_set), nothing kept.
ResultData run_scenario(const RunRequest& request, std::string& notes);

/// Reads a result file with the engine's checked reader (read_result_file): a corrupt,
/// truncated or foreign file throws std::runtime_error naming the file and the field.
ResultData load_result(const std::string& path, std::uint64_t max_bytes);

/// A result JSON held in memory (`spendcast merge --json -`), read as load_result reads a
/// file; `origin` names it in errors and in the ResultData.
ResultData result_from_json(std::string text, const std::string& origin);

}  // namespace spendcast::python
