#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "analysis/sensitivity.hpp"
#include "analysis/sobol_sensitivity.hpp"

namespace spendcast::analysis {

/// The tornado table, at most 100 columns wide: one factor a line, by influence, with
/// its Spearman correlation, SRRC, the medians at the pinned low and high values (events:
/// not fired / fired), the swing and a bar proportional to |swing|; a last row, the
/// noise, 1 − R² with a bar out of 10 for the whole variance; then R², notes and the method.
std::string sensitivity_table(const SensitivityReport& report);

/// The report as JSON, format "spendcast-sensitivity/1" with "method": "rank"
/// (docs/ANALYSIS.md); undefined numbers are null.
nlohmann::json sensitivity_to_json(const SensitivityReport& report);

/// The report as tidy long CSV, header `scenario,metric,year,factor,statistic,value`;
/// rows of undefined numbers are left out (docs/ANALYSIS.md).
std::string sensitivity_to_csv(const SensitivityReport& report);

/// The Sobol table, at most 100 columns wide: one factor a line by total effect, with its
/// first-order and total-effect indices, each ± the half-width of its 95 % confidence
/// interval and a bar out of 10 characters for 1; then the sum of first-order indices,
/// the method and notes.
std::string sobol_table(const SobolReport& report);

/// The report as JSON, format "spendcast-sensitivity/1" with "method": "sobol"
/// (docs/ANALYSIS.md); undefined numbers are null.
nlohmann::json sobol_to_json(const SobolReport& report);

/// The report as tidy long CSV with the header of sensitivity_to_csv; rows of undefined
/// numbers are left out.
std::string sobol_to_csv(const SobolReport& report);

}  // namespace spendcast::analysis
