#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "analysis/observations.hpp"
#include "analysis/reference_data.hpp"
#include "analysis/scoring.hpp"
#include "scenario/diagnostic.hpp"
#include "scenario/document.hpp"
#include "scenario/file_reader.hpp"
#include "scenario/spec.hpp"
#include "sim/path_shard.hpp"
#include "stats/forecast_accumulator.hpp"

namespace spendcast::analysis {

/// How to run a backtest.
struct BacktestOptions {
  int threads = 0;                          ///< 0: every core
  const std::atomic<bool>* stop = nullptr;  ///< set (e.g. on Ctrl-C) to stop early
  /// When set: simulate only this shard of every origin's paths (shard_range; the sampling
  /// design spans all the paths), for a backtest split across processes (BacktestCombine).
  std::optional<sim::PathShard> shard;
  /// Progress: `paths` more of `total` (every origin's paths this process simulates) are
  /// done; called from workers.
  std::function<void(std::uint64_t paths, std::uint64_t total)> progress;
};

/// Merges the other processes' parts of a backtest split across processes
/// (BacktestOptions::shard) into this process's, before anything is scored: `runs` are the
/// scenarios of every origin's run (in the order of BacktestReport::origins), `forecasts`
/// this process's accumulators of them, same order, merged in place.
using BacktestCombine = std::function<void(const std::vector<scenario::ScenarioSpec>& runs,
                                           std::vector<stats::ForecastAccumulator>& forecasts)>;

/// One scored observation of a backtest: a share (or a spend) observed `horizon` years
/// after `origin`.
struct BacktestScore {
  std::string reference;  ///< ReferenceData::name
  int origin = 0;         ///< the base year of the run that forecast it
  int horizon = 0;        ///< year − origin, ≥ 1
  ObservationScore score;
};

/// The backtest of total spend (metric "spend"), kept apart from the shares': its CRPS and
/// log scores are in the reference data's money unit and a market's scale is its own, so
/// its summaries are per reference market, never pooled with the shares' or across
/// markets (the PIT histogram, unit-free, is).
struct BacktestSpend {
  std::vector<BacktestScore> scores;  ///< by reference, origin, then the file's order
  /// Per reference (in order) and horizon (1, 2, …): metric "REFERENCE/spend".
  std::vector<std::pair<int, ScoreSummary>> by_horizon;
  std::vector<ScoreSummary> by_reference;       ///< every horizon of a reference: "REFERENCE/spend"
  std::array<std::size_t, 10> pit_histogram{};  ///< PITs in [0, 0.1), …, [0.9, 1]
  /// The references with no spend to score (no data.spend in a year after an origin, up
  /// to the last year of shares), by name.
  std::vector<std::string> not_scored;
};

/// Every score of a backtest and their summaries (CRPS and log scores in share units).
struct BacktestReport {
  std::string scenario;                              ///< the scenario's name
  std::vector<std::string> references;               ///< the reference files, as given
  std::uint64_t paths = 0;                           ///< paths per origin
  std::uint64_t seed = 0;                            ///< the seed of every origin's run
  std::vector<std::pair<std::string, int>> origins;  ///< (reference name, origin) run
  std::vector<BacktestScore> scores;  ///< by reference, origin, then the file's order
  std::vector<std::pair<int, ScoreSummary>> by_horizon;  ///< horizon 1, 2, …
  std::vector<ScoreSummary> by_metric;  ///< metric "REFERENCE/share.VENDOR", first-seen order
  ScoreSummary overall;                 ///< every score (metric "all")
  std::array<std::size_t, 10> pit_histogram{};  ///< PITs in [0, 0.1), …, [0.9, 1]
  std::vector<scenario::Diagnostic> warnings;   ///< the runs' scenario warnings, once each
  BacktestSpend spend;  ///< the spend scores (none when no reference has spend to score)
};

/// The scenario document of one backtest run: `scenario` (a resolved scenario document)
/// with its [data] replaced by `reference`'s years up to `origin` (a placeholder spend of 1
/// for every share year when the reference has no spend), simulation.base_year = origin
/// and simulation.horizon = `horizon`, and only the parts of the scenario that apply to any
/// market: [simulation], [spend], and [vendors] persistence, volatility and
/// diversification; [[correlation]] entries between those. Events, segments, the report
/// and per-vendor keys (drift, initial_momentum, entrants, correlation, of) are dropped:
/// they name the scenario's own market. When the year before `origin` has no spend,
/// spend.initial_growth is set to 0 unless the scenario sets it.
scenario::DocValue backtest_document(const scenario::DocValue& scenario,
                                     const ReferenceData& reference, int origin, int horizon);

/// The origins a reference file allows: every year with shares whose previous year has
/// shares too (so each run starts from an observed momentum, as the baseline does) and
/// with at least one later year of shares.
std::vector<int> backtest_origins(const ReferenceData& reference);

/// Runs `scenario` (a resolved document; `scenario_origin` its file) from every origin of
/// every reference, each with the scenario's paths and seed (common random numbers: the
/// same seed at every origin), and scores every later observed share of a vendor the run
/// knows with score_forecast, and apart from them every later observed spend up to the
/// run's last year (BacktestReport::spend). The origins run concurrently, each origin's paths split
/// into pieces, on options.threads threads in all; the accumulators merge exactly and order-free,
/// so the report is bitwise the same for any thread count. With options.shard only that shard of
/// every origin's paths is simulated; `combine`, when given, is called once with every origin's
/// accumulator before scoring. Throws ScenarioError when a run's scenario is invalid (the
/// diagnostics name the reference file's positions), when a reference allows no origin, or when the
/// scenario has no [vendors]; SimulationStopped when options.stop is set; NonFiniteValue as
/// simulate() does (the first origin's, in order, when several fail).
BacktestReport run_backtest(const scenario::DocValue& scenario, const std::string& scenario_origin,
                            const std::vector<ReferenceData>& references,
                            const BacktestOptions& options = {},
                            const BacktestCombine& combine = {});

}  // namespace spendcast::analysis
