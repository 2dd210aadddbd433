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

/// What is wrong with an observation's value for its metric's range, or "": shares,
/// segment shares and HHI are fractions in [0, 1]; spend and revenue are $B >= 0.
std::string value_problem(const Observation& o) {
  const bool fraction =
      o.metric.starts_with("share.") || o.metric.starts_with("share_segment.") || o.metric == "hhi";
  if (fraction && !(o.value >= 0 && o.value <= 1)) {
    std::string fraction_text = fmt::format("{:.6f}", o.value / 100);  // "0.400000"
    while (fraction_text.size() > 4 && fraction_text.back() == '0') fraction_text.pop_back();
    const std::string hint =
        o.value > 1 && o.value <= 100 ? fmt::format(": {:g} % is {}", o.value, fraction_text) : "";
    return fmt::format("{}.value: outside [0, 1] (got {:g}; expected {} as a fraction{})", o.key,
                       o.value, o.metric == "hhi" ? "an HHI" : "a share", hint);
  }
  const bool money =
      o.metric == "spend" || o.metric.starts_with("spend.") || o.metric.starts_with("revenue.");
  if (money && o.value < 0)
    return fmt::format("{}.value: negative (got {:g}; expected {} in $B, >= 0)", o.key, o.value,
                       o.metric);
  return {};
}

}  // namespace

ScoreSummary summarise_scores(const std::vector<const ObservationScore*>& scores,
                              const std::string& metric) {
  ScoreSummary out;
  out.metric = metric;
  out.count = scores.size();
  double crps_sum = 0, pit_sum = 0, log_sum = 0;
  std::size_t inside50 = 0, inside90 = 0, finite_logs = 0;
  for (const ObservationScore* s : scores) {
    crps_sum += s->crps;
    pit_sum += s->pit;
    inside50 += s->inside50;
    inside90 += s->inside90;
    if (std::isfinite(s->log_score)) {
      log_sum += s->log_score;
      ++finite_logs;
    } else {
      ++out.infinite_log_scores;
    }
  }
  const auto n = static_cast<double>(scores.size());
  const bool one_metric = !metric.empty();
  out.mean_crps = one_metric && n > 0 ? crps_sum / n : nan;
  out.mean_pit = n > 0 ? pit_sum / n : nan;
  out.coverage50 = n > 0 ? static_cast<double>(inside50) / n : nan;
  out.coverage90 = n > 0 ? static_cast<double>(inside90) / n : nan;
  out.mean_log_score = one_metric && finite_logs ? log_sum / static_cast<double>(finite_logs) : nan;
  return out;
}

namespace {

/// Refuses observations with a stated uncertainty: score compares the forecast with a
/// point value; sd and intervals are for run --condition.
void refuse_uncertain(const std::vector<Observation>& observations) {
  scenario::Diagnostics diagnostics;
  for (const Observation& o : observations) {
    if (o.uncertainty == Observation::Uncertainty::sd)
      diagnostics.error(o.sd_where, fmt::format("{}.sd: score compares the forecast with a point "
                                                "value (sd is for spendcast run --condition); "
                                                "remove sd to score this observation",
                                                o.key));
    else if (o.uncertainty == Observation::Uncertainty::interval)
      diagnostics.error(o.value_where,
                        fmt::format("{}.value: score compares the forecast with a point value "
                                    "(intervals are for spendcast run --condition); give one "
                                    "number to score this observation",
                                    o.key));
  }
  if (diagnostics.has_errors()) throw scenario::ScenarioError(diagnostics.all());
}

}  // namespace

void check_observations(const stats::MetricLayout& layout,
                        const std::vector<Observation>& observations) {
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
    if (const std::string problem = value_problem(o); !problem.empty())
      diagnostics.error(o.value_where, problem);
    if (std::find(layout.years.begin(), layout.years.end(), o.year) == layout.years.end())
      diagnostics.error(o.year_where,
                        fmt::format("{}.year: outside the run (got {}; expected a year from {} "
                                    "to {})",
                                    o.key, o.year, layout.years.front(), layout.years.back()));
  }
  if (diagnostics.has_errors()) throw scenario::ScenarioError(diagnostics.all());
}

ScoreReport score_forecast(const stats::ForecastAccumulator& accumulator,
                           const std::vector<Observation>& observations) {
  const stats::MetricLayout& layout = accumulator.layout();
  refuse_uncertain(observations);
  check_observations(layout, observations);
  ScoreReport report;
  report.paths = accumulator.paths();
  for (const Observation& o : observations) {
    const auto m = static_cast<std::size_t>(layout.index_of(o.metric));
    const auto y = static_cast<std::size_t>(
        std::find(layout.years.begin(), layout.years.end(), o.year) - layout.years.begin());
    const stats::EmpiricalDistribution d = accumulator.distribution(m, y);
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
    report.scores.push_back(std::move(s));
  }
  std::vector<std::string> metrics;
  for (const ObservationScore& s : report.scores)
    if (std::find(metrics.begin(), metrics.end(), s.observation.metric) == metrics.end())
      metrics.push_back(s.observation.metric);
  std::vector<const ObservationScore*> all;
  for (const ObservationScore& s : report.scores) all.push_back(&s);
  for (const std::string& metric : metrics) {
    std::vector<const ObservationScore*> of_metric;
    for (const ObservationScore* s : all)
      if (s->observation.metric == metric) of_metric.push_back(s);
    report.by_metric.push_back(summarise_scores(of_metric, metric));
  }
  report.overall = summarise_scores(all, "");
  return report;
}

}  // namespace spendcast::analysis
