#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "report/run_info.hpp"
#include "scenario/spec.hpp"
#include "stats/forecast_accumulator.hpp"

namespace spendcast::report {

/// The result file's format tag. Version 2 encodes the sketch counts compactly; readers
/// also read version 1 and refuse any other.
inline constexpr const char* result_format = "spendcast-result/2";

/// The result of a run as the documented JSON (docs/RESULT-FORMAT.md): "format",
/// "scenario" (every resolved value), "run", "metrics" {METRIC: {YEAR: {mean, sd, se,
/// min, max, quantiles, quantile_se, percentiles}}}, "probabilities" (leader, pairs,
/// thresholds, events, spend_first_year, each {p, se}) and "state" (the accumulators,
/// from which every number can be recomputed, compared or merged).
nlohmann::json result_to_json(const scenario::ScenarioSpec& spec, const RunInfo& run,
                              const stats::ForecastAccumulator& accumulator);

/// The same with the "scenario" object given as JSON (as scenario_to_json wrote it: a
/// result file's own, when results are merged).
nlohmann::json result_to_json(nlohmann::json scenario, const RunInfo& run,
                              const stats::ForecastAccumulator& accumulator);

/// The "run" object of a result file (docs/RESULT-FORMAT.md), "shard" included when set.
nlohmann::json run_to_json(const RunInfo& run);

/// The reverse of run_to_json, every field checked: a FieldError names the field ("seed",
/// "shard.first_path": a shard's index, count, first_path and total_paths must agree).
RunInfo run_from_json(const nlohmann::json& run);

/// The first setting that makes `a` and `b` runs of different results whatever their
/// paths: the build (engine_version), seed, steps per year, sampling or quantile setting,
/// as "WHAT: VALUE_A in WHERE_A, VALUE_B in WHERE_B" ("the seed: 20241120 in a.json, 5 in
/// b.json"); "" when they agree. Paths, shards, threads and timings are not compared.
std::string run_settings_difference(const RunInfo& a, const RunInfo& b, const std::string& where_a,
                                    const std::string& where_b);

/// What a result file holds, read back.
struct ResultFile {
  std::string origin;         ///< the file it was read from
  std::string scenario_name;  ///< "baseline"
  std::string scenario_title;
  nlohmann::json scenario;  ///< the resolved scenario as written
  RunInfo run;
  stats::ForecastAccumulator accumulator;  ///< the state: every statistic follows from it
};

/// Reads a result from its JSON; throws std::runtime_error "ORIGIN: not a spendcast
/// result file: FIELD: PROBLEM" when it is not a spendcast-result/2 (or /1) document, its
/// state does not match "state_checksum", or a field is out of range or inconsistent (a
/// shard's "run.shard" included).
ResultFile result_from_json(const nlohmann::json& j, const std::string& origin);

/// Parses the text of a result file (result_from_json); text that is not JSON throws
/// std::runtime_error "ORIGIN: not a spendcast result file: not JSON (...)".
ResultFile parse_result_text(const std::string& text, const std::string& origin);

/// The largest result file read unless told otherwise (--max-input-size): 32 MiB. Reading
/// takes memory of about 25 times a file's size (a JSON value per number); a sketch result
/// is far smaller (10^5 paths of the stress scenario: 2.7 MB), an --exact one grows with
/// its paths.
inline constexpr std::uint64_t default_max_result_bytes = std::uint64_t{32} << 20;

/// Reads and parses a result file: a regular file (a FIFO or device is refused, never
/// waited on) of at most `max_bytes`, whose "state" matches its "state_checksum" and is
/// consistent (every count, key range and sum checked: docs/RELIABILITY.md). Errors name
/// the file and the field: "PATH: not a spendcast result file: state.cells[0].sketch.count:
/// ...".
ResultFile read_result_file(const std::string& path,
                            std::uint64_t max_bytes = default_max_result_bytes);

/// A number as a JSON object key: the shortest text that reads back as the same double
/// ("0.05", "100").
std::string number_key(double value);

}  // namespace spendcast::report
