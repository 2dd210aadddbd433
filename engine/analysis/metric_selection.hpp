#pragma once

#include <span>
#include <string>
#include <vector>

#include "analysis/paired_accumulator.hpp"
#include "stats/metric_layout.hpp"

namespace spendcast::analysis {

/// Which metrics and years a comparison covers.
struct MetricRequest {
  std::vector<std::string> metrics;  ///< empty: spend and every vendor share
  std::vector<int> years;            ///< empty: every year
};

/// The cells two inputs share, and what was left out and why.
struct CellSelection {
  std::vector<PairedCell> cells;      ///< metric-major, years increasing
  std::vector<std::string> left_out;  ///< "share.Newcomer (not in baseline)", ...
};

/// Checks a request against every input's layout: each requested metric must be reported
/// by some input, each requested year by some input. Throws ScenarioError whose
/// diagnostics name the option ("--metric share.Foo: error: unknown metric (got
/// "share.Foo"); did you mean 'share.Meta'?"), so the CLI prints them and exits 2.
void check_request(std::span<const stats::MetricLayout* const> layouts,
                   const MetricRequest& request);

/// The cells of A (named `a_name`) and B to compare: the requested metrics (default:
/// "spend" and "share.<vendor>" for the vendors of A, then B's others) in the requested
/// years (default: every year of either; sorted, repeats dropped), kept where both report
/// them; the rest is listed in `left_out` with the input that lacks it.
CellSelection select_cells(const stats::MetricLayout& a, const std::string& a_name,
                           const stats::MetricLayout& b, const std::string& b_name,
                           const MetricRequest& request);

}  // namespace spendcast::analysis
