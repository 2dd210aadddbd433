#include "analysis/sensitivity.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "analysis/metric_selection.hpp"
#include "analysis/path_sample.hpp"
#include "analysis/rank_statistics.hpp"
#include "model/model.hpp"
#include "sim/event_draws.hpp"
#include "sim/simulate.hpp"
#include "stats/empirical_distribution.hpp"

namespace spendcast::analysis {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

/// Runs `model` over the options' paths into a PathSample of `columns`.
PathSample sample_run(const model::Model& model, const sim::SimulationOptions& run,
                      SampleColumns columns) {
  return simulate<PathSample>(model, run,
                              [&] { return PathSample(model, run.seed, run.paths, columns); });
}

double median_of(std::vector<double> values) {
  if (values.empty()) return nan;
  return stats::EmpiricalDistribution::from_values(std::move(values)).quantile(0.5);
}

/// A copy of `spec` with θ `name` made the constant `value`.
scenario::ScenarioSpec pin_theta(const scenario::ScenarioSpec& spec, const std::string& name,
                                 double value) {
  scenario::ScenarioSpec copy = spec;
  for (const scenario::ThetaRef& theta : scenario::list_thetas(copy)) {
    if (theta.name != name) continue;
    // list_thetas lends const pointers into `copy`, which is ours to change.
    auto* dist = const_cast<scenario::DistSpec*>(theta.dist);
    *dist = scenario::DistSpec::constant_at(value, dist->where);
    return copy;
  }
  throw std::invalid_argument("analyse_sensitivity: no parameter " + name);
}

/// The θs that share a [[correlation]] with `name` and are uncertain.
std::vector<std::string> correlation_partners(const scenario::ScenarioSpec& spec,
                                              const model::Model& model, const std::string& name) {
  std::vector<std::string> out;
  for (const scenario::ThetaCorrelationSpec& c : spec.correlations) {
    const std::string* other = c.first == name ? &c.second : c.second == name ? &c.first : nullptr;
    if (!other || c.rho == 0) continue;
    const int i = model.theta_index(*other);
    if (i >= 0 && !model.thetas[i].distribution.is_constant()) out.push_back(*other);
  }
  return out;
}

/// The value of θ `theta` on every path of `sample` (a column when uncertain).
std::vector<double> theta_values(const model::Model& model, const SampleColumns& columns,
                                 const PathSample& sample, int theta) {
  const auto it = std::find(columns.thetas.begin(), columns.thetas.end(), theta);
  if (it != columns.thetas.end())
    return sample.column(static_cast<std::size_t>(it - columns.thetas.begin()));
  return std::vector<double>(sample.paths(), model.thetas[theta].distribution.constant());
}

/// The uncertain inputs of every event (EventDraws) as factors: replayed per path,
/// ranked as regressors, with conditional medians over the fired paths at the inputs'
/// low and high quantiles among them.
void add_event_inputs(const model::Model& model, SensitivityReport& report,
                      const SampleColumns& columns, const PathSample& sample,
                      const std::vector<double>& outcome, const SensitivityOptions& options,
                      std::vector<std::vector<double>>& regressors,
                      std::vector<std::size_t>& regressed) {
  const std::vector<double> outcome_ranks = mid_ranks(outcome);
  for (std::size_t e = 0; e < model.events.size(); ++e) {
    const sim::EventDraws draws(model, e);
    const std::size_t inputs = draws.names().size();
    if (inputs == 0) continue;
    const std::vector<double> hazard =
        theta_values(model, columns, sample, model.events[e].hazard_theta);
    std::vector<std::vector<double>> values(inputs, std::vector<double>(hazard.size()));
    std::vector<char> fired(hazard.size());
    std::vector<double> row(inputs);
    for (std::size_t p = 0; p < hazard.size(); ++p) {
      fired[p] = draws.replay(report.seed, p, hazard[p], report.year, row.data()) > 0;
      for (std::size_t k = 0; k < inputs; ++k) values[k][p] = row[k];
    }
    for (std::size_t k = 0; k < inputs; ++k) {
      SensitivityFactor factor;
      factor.name = draws.names()[k];
      factor.is_event_input = true;
      factor.spearman = factor.srrc = stats::Estimate{nan, nan};
      factor.low_value = factor.high_value = factor.low_median = factor.high_median = nan;
      factor.swing = nan;
      std::vector<double> among_fired;
      for (std::size_t p = 0; p < fired.size(); ++p)
        if (fired[p]) among_fired.push_back(values[k][p]);
      const auto [lo, hi] = std::minmax_element(values[k].begin(), values[k].end());
      factor.varies = !values[k].empty() && *lo < *hi;
      factor.fired = among_fired.size();
      if (factor.varies) {
        std::vector<double> ranks = mid_ranks(values[k]);
        factor.spearman = spearman_from_ranks(ranks, outcome_ranks);
        regressors.push_back(std::move(ranks));
        regressed.push_back(report.factors.size());
      }
      if (!among_fired.empty()) {
        const stats::EmpiricalDistribution d =
            stats::EmpiricalDistribution::from_values(among_fired);
        factor.low_value = d.quantile(options.low_level);
        factor.high_value = d.quantile(options.high_level);
        std::vector<double> low, high;
        for (std::size_t p = 0; p < fired.size(); ++p) {
          if (!fired[p]) continue;
          if (values[k][p] <= factor.low_value) low.push_back(outcome[p]);
          if (values[k][p] >= factor.high_value) high.push_back(outcome[p]);
        }
        factor.low_median = median_of(std::move(low));
        factor.high_median = median_of(std::move(high));
        factor.swing = factor.high_median - factor.low_median;
      }
      report.factors.push_back(std::move(factor));
    }
  }
}

bool influence_order(const SensitivityFactor& a, const SensitivityFactor& b) {
  const double sa = std::isnan(a.swing) ? -1 : std::fabs(a.swing);
  const double sb = std::isnan(b.swing) ? -1 : std::fabs(b.swing);
  if (sa != sb) return sa > sb;
  const double ra = std::isnan(a.srrc.value) ? -1 : std::fabs(a.srrc.value);
  const double rb = std::isnan(b.srrc.value) ? -1 : std::fabs(b.srrc.value);
  if (ra != rb) return ra > rb;
  return a.name < b.name;
}

/// Checks the options against the model's metrics and years, and the swing levels.
void check_options(const stats::MetricLayout& layout, const SensitivityOptions& options) {
  check_metric_and_year(layout, options);
  if (!(options.low_level > 0 && options.low_level < options.high_level && options.high_level < 1))
    throw std::invalid_argument("analyse_sensitivity: levels must satisfy 0 < low < high < 1");
}

/// A report with what was analysed, and how, filled in; no factors yet.
SensitivityReport report_header(const scenario::ScenarioSpec& spec,
                                const stats::MetricLayout& layout,
                                const SensitivityOptions& options) {
  SensitivityReport report;
  static_cast<SensitivityHeader&>(report) = sensitivity_header(spec, layout, options);
  report.low_level = options.low_level;
  report.high_level = options.high_level;
  return report;
}

/// The sample's columns: every uncertain θ, then every event metric, then the outcome
/// (`metric_row`), all in year `year_index`.
SampleColumns factor_columns(const model::Model& model, std::size_t year_index,
                             std::size_t metric_row) {
  SampleColumns columns;
  columns.year_index = year_index;
  for (std::size_t i = 0; i < model.thetas.size(); ++i)
    if (!model.thetas[i].distribution.is_constant()) columns.thetas.push_back(static_cast<int>(i));
  for (const int row : model.layout->event_metrics)
    columns.rows.push_back(static_cast<std::size_t>(row));
  columns.rows.push_back(metric_row);
  return columns;
}

/// The regressors of the rank regression (ranks of each varying factor) and the index in
/// the report's factors of each.
struct Regressors {
  std::vector<std::vector<double>> ranks;
  std::vector<std::size_t> factor;
};

/// Factor `f` of the sample (a θ or an event's firing) with its Spearman correlation, its
/// low and high values, and for an event the medians without and with it fired.
SensitivityFactor sample_factor(const scenario::ScenarioSpec& spec, const model::Model& model,
                                const SampleColumns& columns, const std::vector<double>& values,
                                std::size_t f, const std::vector<double>& outcome,
                                const std::vector<double>& outcome_ranks,
                                const SensitivityOptions& options, Regressors& regressors) {
  SensitivityFactor factor;
  const bool is_theta = f < columns.thetas.size();
  factor.is_event = !is_theta;
  factor.name = is_theta ? model.thetas[columns.thetas[f]].name
                         : "event." + model.layout->event_names[f - columns.thetas.size()];
  const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
  factor.varies = !values.empty() && *lo < *hi;
  factor.spearman = factor.srrc = stats::Estimate{nan, nan};
  if (factor.varies) {
    std::vector<double> ranks = mid_ranks(values);
    factor.spearman = spearman_from_ranks(ranks, outcome_ranks);
    regressors.ranks.push_back(std::move(ranks));
    regressors.factor.push_back(f);
  }
  if (is_theta) {
    const model::Distribution& d = model.thetas[columns.thetas[f]].distribution;
    factor.low_value = d.quantile(options.low_level);
    factor.high_value = d.quantile(options.high_level);
    factor.correlated_with = correlation_partners(spec, model, factor.name);
  } else {
    factor.low_value = 0;
    factor.high_value = 1;
    std::vector<double> not_fired, fired;
    for (std::size_t i = 0; i < values.size(); ++i)
      (values[i] != 0 ? fired : not_fired).push_back(outcome[i]);
    factor.fired = fired.size();
    factor.low_median = median_of(std::move(not_fired));
    factor.high_median = median_of(std::move(fired));
    factor.swing = factor.high_median - factor.low_median;
  }
  return factor;
}

/// Fits the rank regression of the outcome on the regressors: R² and each regressed
/// factor's SRRC, or a note on why there are none.
void fit_rank_regression(SensitivityReport& report, const Regressors& regressors,
                         const std::vector<double>& outcome_ranks) {
  report.r_squared = nan;
  if (!regressors.ranks.empty() && outcome_ranks.size() > regressors.ranks.size() + 1) {
    const RankRegression fit = rank_regression(regressors.ranks, outcome_ranks);
    report.r_squared = fit.r_squared;
    for (std::size_t k = 0; k < regressors.factor.size(); ++k)
      report.factors[regressors.factor[k]].srrc = fit.coefficients[k];
    if (!fit.full_rank)
      report.notes.push_back("the factors are collinear: no rank regression coefficients");
  } else if (!regressors.ranks.empty()) {
    report.notes.push_back("too few paths for the rank regression");
  }
}

/// The swing of each of the first `thetas` factors (the uncertain θs): the outcome's
/// medians over runs with the θ pinned at its low and at its high value.
void add_pinned_swings(SensitivityReport& report, const scenario::ScenarioSpec& spec,
                       const sim::SimulationOptions& run, std::size_t thetas,
                       const SampleColumns& metric_only) {
  for (std::size_t f = 0; f < thetas; ++f) {
    SensitivityFactor& factor = report.factors[f];
    double* medians[] = {&factor.low_median, &factor.high_median};
    const double values[] = {factor.low_value, factor.high_value};
    for (int side = 0; side < 2; ++side) {
      const model::Model pinned = model::compile_model(pin_theta(spec, factor.name, values[side]));
      *medians[side] = median_of(sample_run(pinned, run, metric_only).column(0));
    }
    factor.swing = factor.high_median - factor.low_median;
  }
}

/// A note for each correlation of two uncertain θs: pinning one leaves out the other's
/// knock-on effect.
void add_correlation_notes(SensitivityReport& report, const scenario::ScenarioSpec& spec,
                           const model::Model& model) {
  for (const scenario::ThetaCorrelationSpec& c : spec.correlations) {
    const int a = model.theta_index(c.first), b = model.theta_index(c.second);
    if (a < 0 || b < 0 || c.rho == 0 || model.thetas[a].distribution.is_constant() ||
        model.thetas[b].distribution.is_constant())
      continue;
    report.notes.push_back(
        fmt::format("{} and {} are correlated (rho {}): pinning one draws the other without the "
                    "correlation, so its swing leaves out the knock-on effect through the other",
                    c.first, c.second, c.rho));
  }
}

}  // namespace

void check_metric_and_year(const stats::MetricLayout& layout, const SensitivityOptions& options) {
  MetricRequest request{{options.metric}, {}};
  if (options.year) request.years.push_back(*options.year);
  const stats::MetricLayout* layouts[] = {&layout};
  check_request(layouts, request);
}

SensitivityHeader sensitivity_header(const scenario::ScenarioSpec& spec,
                                     const stats::MetricLayout& layout,
                                     const SensitivityOptions& options) {
  SensitivityHeader header;
  header.scenario = spec.name;
  header.origin = spec.origin;
  header.data_source = spec.data_source;
  header.metric = options.metric;
  header.year = options.year.value_or(layout.years.back());
  header.paths = spec.simulation.paths;
  header.seed = spec.simulation.seed;
  header.threads = sim::resolve_threads(options.threads);
  return header;
}

SensitivityReport analyse_sensitivity(const scenario::ScenarioSpec& spec,
                                      const SensitivityOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  const model::Model model = model::compile_model(spec);
  const stats::MetricLayout& layout = *model.layout;
  check_options(layout, options);

  SensitivityReport report = report_header(spec, layout, options);
  const auto year_index = static_cast<std::size_t>(
      std::find(layout.years.begin(), layout.years.end(), report.year) - layout.years.begin());
  const auto metric_row = static_cast<std::size_t>(layout.index_of(options.metric));
  const SampleColumns columns = factor_columns(model, year_index, metric_row);
  const std::size_t factors = columns.thetas.size() + columns.rows.size() - 1;

  std::atomic<std::uint64_t> done{0};
  const std::uint64_t total = report.paths * (1 + 2 * columns.thetas.size());
  sim::SimulationOptions run = sim::design_options(report.seed, 0, report.paths, options.block_size,
                                                   options.threads, options.stop);
  if (options.progress) run.progress = [&](std::uint64_t n) { options.progress(done += n, total); };

  const PathSample sample = sample_run(model, run, columns);
  const std::vector<double> outcome = sample.column(factors);
  report.median = median_of(outcome);
  const std::vector<double> outcome_ranks = mid_ranks(outcome);

  Regressors regressors;
  for (std::size_t f = 0; f < factors; ++f)
    report.factors.push_back(sample_factor(spec, model, columns, sample.column(f), f, outcome,
                                           outcome_ranks, options, regressors));
  add_event_inputs(model, report, columns, sample, outcome, options, regressors.ranks,
                   regressors.factor);
  fit_rank_regression(report, regressors, outcome_ranks);

  SampleColumns metric_only;
  metric_only.rows = {metric_row};
  metric_only.year_index = year_index;
  add_pinned_swings(report, spec, run, columns.thetas.size(), metric_only);
  add_correlation_notes(report, spec, model);
  std::stable_sort(report.factors.begin(), report.factors.end(), influence_order);
  report.elapsed_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace spendcast::analysis
