#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "analysis/backtest.hpp"

namespace spendcast::analysis {

/// The backtest as text: the runs, then the summaries by horizon and by reference market
/// and vendor (CRPS in share points), the PIT histogram, and the pooled summary; then the
/// spend's summaries by market and horizon (CRPS in the data's unit) and its PIT histogram,
/// or one line saying that no spend was scored.
std::string backtest_table(const BacktestReport& report);

/// The backtest as JSON, format "spendcast-backtest/1" (docs/ANALYSIS.md): every scored
/// share with its origin and horizon, the summaries and the PIT histogram; and, when any
/// spend was scored, a "spend" object with the same for spend (summaries per market).
nlohmann::json backtest_to_json(const BacktestReport& report);

/// The backtest as tidy CSV: header reference,origin,horizon,metric,year,statistic,value;
/// per observed share the statistics of `score --csv`; then summary rows (reference
/// "summary", metric "horizon N", a market's "REFERENCE/share.V", or "all"); then the same
/// for every observed spend (metric "spend") and its summary rows (metric
/// "REFERENCE/spend", the horizon in the horizon column, empty for every horizon).
std::string backtest_to_csv(const BacktestReport& report);

}  // namespace spendcast::analysis
