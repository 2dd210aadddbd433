#include "analysis/scoring.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "analysis/crps.hpp"
#include "analysis/sketch_density.hpp"
#include "scenario/diagnostics.hpp"
#include "scenario/fields.hpp"

namespace spendcast::analysis {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

/// Checks every observation against the layout; throws ScenarioError listing the problems.
void check_observations(const MetricLayout& layout, const std::vector<Observation>& observations) {
  scenario::Diagnostics diagnostics;
  for (const Observation& o : observations) {
    if (layout.index_of(o.metric) < 0) {
      const std::string hint = scenario::did_you_mean(o.metric, layout.metrics);
      diagnostics.error(o.metric_where,
                        hint.empty() ? fmt::format("{}.metric: unknown metric (got \"{}\"; "
                                                   "expected one of: {})",
                                                   o.key, o.metric, fmt::join(layout.metrics, ", "))
                                     : fmt::format("{}.metric: unknown metric (got \"{}\"){}",
                                                   o.key, o.metric, hint));
    }
    if (std::find(layout.years.begin(), layout.years.end(), o.year) == layout.years.end())
      diagnostics.error(o.year_where,
                        fmt::format("{}.year: outside the run (got {}; expected a year from {} "
                                    "to {})",
                                    o.key, o.year, layout.years.front(), layout.years.back()));
  }
  if (diagnostics.has_errors()) throw ScenarioError(diagnostics.all());
}

}  // namespace

ScoreReport score_forecast(const ForecastAccumulator& accumulator,
                           const std::vector<Observation>& observations) {
  const MetricLayout& layout = accumulator.layout();
  check_observations(layout, observations);
  ScoreReport report;
  report.paths = accumulator.paths();
  double crps_sum = 0, pit_sum = 0, log_sum = 0;
  std::size_t inside50 = 0, inside90 = 0, finite_logs = 0;
  for (const Observation& o : observations) {
    const auto m = static_cast<std::size_t>(layout.index_of(o.metric));
    const auto y = static_cast<std::size_t>(
        std::find(layout.years.begin(), layout.years.end(), o.year) - layout.years.begin());
    const EmpiricalDistribution d = accumulator.distribution(m, y);
    ObservationScore s;
    s.observation = o;
    s.crps = crps(d, o.value);
    s.pit = d.cdf(o.value);
    s.median = d.quantile(0.5);
    s.low50 = d.quantile(0.25);
    s.high50 = d.quantile(0.75);
    s.low90 = d.quantile(0.05);
    s.high90 = d.quantile(0.95);
    s.inside50 = s.low50 <= o.value && o.value <= s.high50;
    s.inside90 = s.low90 <= o.value && o.value <= s.high90;
    const SketchDensity density = sketch_density(accumulator.sketch(m, y), o.value);
    s.density = density.density;
    s.log_score =
        density.density > 0 ? -std::log(density.density) : std::numeric_limits<double>::infinity();
    crps_sum += s.crps;
    pit_sum += s.pit;
    inside50 += s.inside50;
    inside90 += s.inside90;
    if (std::isfinite(s.log_score)) {
      log_sum += s.log_score;
      ++finite_logs;
    } else {
      ++report.infinite_log_scores;
    }
    report.scores.push_back(std::move(s));
  }
  const auto n = static_cast<double>(observations.size());
  report.mean_crps = observations.empty() ? nan : crps_sum / n;
  report.mean_pit = observations.empty() ? nan : pit_sum / n;
  report.coverage50 = observations.empty() ? nan : static_cast<double>(inside50) / n;
  report.coverage90 = observations.empty() ? nan : static_cast<double>(inside90) / n;
  report.mean_log_score = finite_logs ? log_sum / static_cast<double>(finite_logs) : nan;
  return report;
}

}  // namespace spendcast::analysis
