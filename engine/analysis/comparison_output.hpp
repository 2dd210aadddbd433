#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "analysis/comparison.hpp"

namespace spendcast::analysis {

/// The comparison for a terminal, at most 100 columns wide: per comparison and metric a
/// table of years with each input's median [5 %, 95 %], the paired B − A (median [5 %,
/// 95 %]), B / A (median), P(B > A) ± se, KS and W1 (result files: the unpaired
/// P(B > A)); then what was left out, the notes and how it was run.
std::string comparison_table(const ComparisonReport& report);

/// The comparison as JSON, format "spendcast-comparison/1" (docs/ANALYSIS.md); undefined
/// numbers are null.
nlohmann::json comparison_to_json(const ComparisonReport& report);

/// The comparison as tidy long CSV, header `comparison,metric,year,statistic,value`
/// (comparison "B vs A"); rows of undefined numbers are left out (docs/ANALYSIS.md).
std::string comparison_to_csv(const ComparisonReport& report);

}  // namespace spendcast::analysis
