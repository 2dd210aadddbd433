#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "scenario/diagnostic.hpp"

namespace spendcast::analysis {

/// One observed outcome to score a forecast against (an [[observation]] table).
struct Observation {
  std::string key;     ///< "observation[0]": its path in the file, for messages
  std::string metric;  ///< a metric name of docs/MODEL.md §5 ("spend", "share.Anthropic")
  int year = 0;
  double value = 0.0;           ///< in the metric's units (USD billions, fractions, ...)
  std::string source;           ///< where the number comes from (may be empty)
  SourcePosition where;         ///< the [[observation]] table
  SourcePosition metric_where;  ///< its metric value
  SourcePosition year_where;    ///< its year value
  SourcePosition value_where;   ///< its value
};

/// Parses an observations file (docs/ANALYSIS.md): [[observation]] tables with `metric`
/// (string), `year` (integer), `value` (finite number) and optional `source` (string),
/// nothing else. Throws ScenarioError with every problem ("FILE:LINE:COL: error:
/// observation[1].year: wrong type (got "2025"; expected ...)"), TOML syntax included.
std::vector<Observation> parse_observations(std::string_view text, const std::string& origin);

/// Reads and parses an observations file; an unreadable file throws ScenarioError
/// ("PATH: error: cannot read the observations (no such file)").
std::vector<Observation> read_observations_file(const std::string& path);

}  // namespace spendcast::analysis
