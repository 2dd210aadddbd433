#pragma once

#include <string>

#include "report/result_json.hpp"

namespace spendcast::analysis {

/// True when `path` names a result file (it ends in ".json") rather than a scenario.
bool is_result_path(const std::string& path);

/// Reads a result file for compare or score (read_result_file). Any problem (unreadable,
/// not a regular file, larger than `max_bytes`, not JSON, not a consistent
/// spendcast-result/1 document) throws ScenarioError naming the file, so the CLI prints
/// it and exits 2: "PATH: error: cannot read the result file (no such file)".
report::ResultFile read_result_input(const std::string& path,
                                     std::uint64_t max_bytes = report::default_max_result_bytes);

}  // namespace spendcast::analysis
