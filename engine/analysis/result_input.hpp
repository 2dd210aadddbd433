#pragma once

#include <string>

#include "report/result_json.hpp"

namespace spendcast::analysis {

/// True when `path` names a result file (it ends in ".json") rather than a scenario.
bool is_result_path(const std::string& path);

/// Reads a result file for compare or score. Any problem (unreadable, not JSON, not a
/// spendcast-result/1 document) throws ScenarioError naming the file, so the CLI prints
/// it and exits 2: "PATH: error: cannot read the result file (no such file)".
ResultFile read_result_input(const std::string& path);

}  // namespace spendcast::analysis
