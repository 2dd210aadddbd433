#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "scenario/diagnostic.hpp"

namespace spendcast::analysis {

/// One observed outcome to score a forecast against or condition it on (an [[observation]]
/// table).
struct Observation {
  /// The stated uncertainty of the value (for `run --condition`; `score` takes point values).
  enum class Uncertainty { none, sd, interval };

  std::string key;     ///< "observation[0]": its path in the file, for messages
  std::string metric;  ///< a metric name of docs/MODEL.md §5 ("spend", "share.Anthropic")
  int year = 0;
  double value = 0.0;  ///< in the metric's units (USD billions, fractions, ...)
  Uncertainty uncertainty = Uncertainty::none;
  /// The error's standard deviation: of ln value for metrics on the log scale
  /// (on_log_scale), else in the metric's units. From `sd = X`, or from the interval.
  double sd = 0.0;
  /// With an interval `value = "LO to HI"`: its ends, read as the 5 % and 95 % points of the
  /// error distribution; `value` is then its center on the metric's scale (the geometric
  /// mean on the log scale, else the midpoint).
  double low = 0.0, high = 0.0;
  std::string source;                     ///< where the number comes from (may be empty)
  scenario::SourcePosition where;         ///< the [[observation]] table
  scenario::SourcePosition metric_where;  ///< its metric value
  scenario::SourcePosition year_where;    ///< its year value
  scenario::SourcePosition value_where;   ///< its value
  scenario::SourcePosition sd_where;      ///< its sd (when given)
};

/// True for the metrics whose observation errors are on the log scale (a lognormal error):
/// spend, spend.<segment> and revenue.<vendor>. Others (shares, HHI, growth, ...) have a
/// normal error on the value.
bool on_log_scale(std::string_view metric);

/// Parses an observations file (docs/ANALYSIS.md): [[observation]] tables with `metric`
/// (string), `year` (integer), `value` (finite number, or a 90 % interval "LO to HI"),
/// optional `sd` (finite number > 0; not with an interval) and optional `source` (string),
/// nothing else. On the log scale the value (or LO) must be > 0 when an uncertainty is
/// given. Throws ScenarioError with every problem ("FILE:LINE:COL: error:
/// observation[1].year: wrong type (got "2025"; expected ...)"), TOML syntax included.
std::vector<Observation> parse_observations(std::string_view text, const std::string& origin);

/// Reads and parses an observations file; an unreadable file throws ScenarioError
/// ("PATH: error: cannot read the observations (no such file)").
std::vector<Observation> read_observations_file(const std::string& path);

}  // namespace spendcast::analysis
