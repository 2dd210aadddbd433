#pragma once

#include <string>

#include "report/run_info.hpp"
#include "scenario/spec.hpp"
#include "stats/forecast.hpp"

namespace spendcast::report {

/// The first line(s) of a run's summary: "name: title", or "name: extends parent" when the
/// scenario has no title of its own (a reader never sees a parent's words as this
/// scenario's), then one "  --set KEY=VALUE" line per override; control characters escaped.
std::string scenario_heading(const scenario::ScenarioSpec& spec);

/// The terminal summary of a run, at most 100 columns wide: spend (and segment spend)
/// median [5 %, 95 %] per year; each vendor's share median [5 %, 95 %] and P(leads) per
/// year; key probabilities (thresholds, events, first years, the leading pair); a last
/// line with paths (and which shard of how many paths: run --shard), seed, threads, elapsed seconds
/// and path-steps per second. Spend in $B with 3 significant digits, shares in %.
std::string summary_table(const scenario::ScenarioSpec& spec, const RunInfo& run,
                          const stats::Forecast& forecast);

/// Spend in $B with 3 significant digits ("13.8", "101", "1230").
std::string format_spend(double usd_bn);

/// A fraction as a percentage for reading ("34", "4.9", "0.3", "<0.1", "0").
std::string format_percent(double fraction);

}  // namespace spendcast::report
