#pragma once

#include <string>
#include <vector>

#include "analysis/observations.hpp"
#include "scenario/document.hpp"
#include "scenario/file_reader.hpp"

namespace spendcast::analysis {

/// A reference market's observed history (a file of scenarios/data/reference/,
/// docs/ANALYSIS.md "backtest"): its [data] table in the scenario format, every observed
/// vendor share as an observation of `share.<vendor>`, and every observed total spend as
/// one of `spend`.
struct ReferenceData {
  std::string origin;               ///< the file, as given
  std::string name;                 ///< scenario.name, or the file's stem
  scenario::DocValue data;          ///< the [data] table as written (positions kept)
  bool has_spend = false;           ///< data.spend is given (else a placeholder of 1 is used)
  std::vector<int> share_years;     ///< years of data.vendors, ascending
  std::vector<Observation> shares;  ///< every share, key "data.vendors.YEAR.VENDOR"
  std::vector<Observation> spend;   ///< every spend, metric "spend", key "data.spend.YEAR"
};

/// Reads a reference file: TOML with a [data] table holding `data.vendors` (year tables of
/// vendor shares, numbers) and optionally `source` and `spend` (a table of spend by year,
/// numbers > 0 in the data's unit), like the baseline's data file. Throws ScenarioError
/// with every problem at its position ("F:3:1: error: data.vendors.2015.Amazon: invalid
/// value (got "0.4"; expected a share, a number in [0, 1])").
ReferenceData read_reference_file(
    const std::string& path, const scenario::FileReader& reader = scenario::filesystem_reader());

}  // namespace spendcast::analysis
