#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "analysis/backtest.hpp"

namespace spendcast::analysis {

/// The backtest as text: the runs, then the summaries by horizon and by reference market
/// and vendor (CRPS in share points), the PIT histogram, and the pooled summary.
std::string backtest_table(const BacktestReport& report);

/// The backtest as JSON, format "spendcast-backtest/1" (docs/ANALYSIS.md): every scored
/// observation with its origin and horizon, the summaries and the PIT histogram.
nlohmann::json backtest_to_json(const BacktestReport& report);

/// The backtest as tidy CSV: header reference,origin,horizon,metric,year,statistic,value;
/// per observation the statistics of `score --csv`; then summary rows (reference "summary",
/// metric "horizon N", a market's "REFERENCE/share.V", or "all").
std::string backtest_to_csv(const BacktestReport& report);

}  // namespace spendcast::analysis
