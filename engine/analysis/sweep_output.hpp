#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "analysis/sweep.hpp"

namespace spendcast::analysis {

/// The sweep for a terminal: one row per variant with its values of the varied keys, then
/// per metric and year the median [5 %, 95 %], P(leads) for a vendor share or P(fired) for
/// an event indicator, the median paired difference against variant 1 (Δ) and P(Δ > 0);
/// columns that do not fit 100 characters continue below; then what was left out, the
/// notes and how it ran.
std::string sweep_table(const SweepReport& report);

/// The sweep as JSON, format "spendcast-sweep/1" (docs/ANALYSIS.md, "Sweeps"): one object
/// per variant with its values (numbers when a value is one, else its text) and its
/// statistics per metric and year; undefined numbers are null.
nlohmann::json sweep_to_json(const SweepReport& report);

/// The sweep as tidy long CSV: `variant,KEY1,...,KEYn,metric,year,statistic,value`, one
/// column per varied key (pandas pivots on them); rows of undefined numbers left out.
std::string sweep_to_csv(const SweepReport& report);

}  // namespace spendcast::analysis
