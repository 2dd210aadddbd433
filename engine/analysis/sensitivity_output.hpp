#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "analysis/sensitivity.hpp"

namespace spendcast::analysis {

/// The tornado table, at most 100 columns wide: one factor a line, by influence, with
/// its Spearman correlation, SRRC, the medians at the pinned low and high values (events:
/// not fired / fired), the swing and a bar proportional to |swing|; then R² and notes.
std::string sensitivity_table(const SensitivityReport& report);

/// The report as JSON, format "spendcast-sensitivity/1" (docs/ANALYSIS.md); undefined
/// numbers are null.
nlohmann::json sensitivity_to_json(const SensitivityReport& report);

/// The report as tidy long CSV, header `scenario,metric,year,factor,statistic,value`;
/// rows of undefined numbers are left out (docs/ANALYSIS.md).
std::string sensitivity_to_csv(const SensitivityReport& report);

}  // namespace spendcast::analysis
