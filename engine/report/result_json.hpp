#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "report/run_info.hpp"
#include "scenario/spec.hpp"
#include "stats/forecast_accumulator.hpp"

namespace spendcast {

/// The result file's format tag; readers refuse any other.
inline constexpr const char* result_format = "spendcast-result/1";

/// The result of a run as the documented JSON (docs/RESULT-FORMAT.md): "format",
/// "scenario" (every resolved value), "run", "metrics" {METRIC: {YEAR: {mean, sd, se,
/// min, max, quantiles, quantile_se, percentiles}}}, "probabilities" (leader, pairs,
/// thresholds, events, spend_first_year, each {p, se}) and "state" (the accumulators,
/// from which every number can be recomputed, compared or merged).
nlohmann::json result_to_json(const ScenarioSpec& spec, const RunInfo& run,
                              const ForecastAccumulator& accumulator);

/// What a result file holds, read back.
struct ResultFile {
  std::string origin;         ///< the file it was read from
  std::string scenario_name;  ///< "baseline"
  std::string scenario_title;
  nlohmann::json scenario;  ///< the resolved scenario as written
  RunInfo run;
  ForecastAccumulator accumulator;  ///< the state: every statistic follows from it
};

/// Reads a result from its JSON; throws std::runtime_error naming `origin` and the
/// problem when it is not a spendcast-result/1 document.
ResultFile result_from_json(const nlohmann::json& j, const std::string& origin);

/// Reads and parses a result file; errors name the file.
ResultFile read_result_file(const std::string& path);

/// A number as a JSON object key: the shortest text that reads back as the same double
/// ("0.05", "100").
std::string number_key(double value);

}  // namespace spendcast
