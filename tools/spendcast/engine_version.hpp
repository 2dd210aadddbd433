#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace spendcast::cli {

/// This program's version and git revision: "0.1.0 (git fa5ebf8)".
std::string engine_version();

/// `document` with `run.engine_version` set, so that a chart or report drawn from it
/// names the program that made the numbers.
nlohmann::json with_engine_version(nlohmann::json document);

}  // namespace spendcast::cli
