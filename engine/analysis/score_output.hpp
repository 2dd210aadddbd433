#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "analysis/scoring.hpp"

namespace spendcast::analysis {

/// The scores for a terminal, at most 100 columns wide: one observation a line (value,
/// forecast median [5 %, 95 %], PIT, inside the 50 % / 90 % intervals, CRPS, log score),
/// the sources, then the summary: per metric (mean CRPS and log score in that metric's
/// units, mean PIT, coverage of the 50 % and 90 % intervals), and over all observations
/// (PIT and coverage only: they are unit-free) when there are several metrics.
std::string score_table(const ScoreReport& report);

/// One scored observation as JSON: metric, year, value, source, where, crps, pit, median,
/// interval_50, interval_90, inside_50, inside_90, density, log_score (null when not finite).
nlohmann::json observation_score_to_json(const ObservationScore& score);

/// The scores as JSON, format "spendcast-score/2" (docs/ANALYSIS.md): observations,
/// `summary` over all (count, PIT, coverage) and `by_metric` (with mean CRPS and log
/// score); an infinite log score is null (with "density": 0).
nlohmann::json score_to_json(const ScoreReport& report);

/// The scores as tidy long CSV, header `observation,metric,year,statistic,value`
/// (observation 1, 2, ... in file order, then "summary" rows with empty year: one set per
/// metric, then one with empty metric over all observations).
std::string score_to_csv(const ScoreReport& report);

}  // namespace spendcast::analysis
