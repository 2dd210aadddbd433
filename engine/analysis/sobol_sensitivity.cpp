#include "analysis/sobol_sensitivity.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <numeric>

#include "analysis/metric_selection.hpp"
#include "analysis/path_sample.hpp"
#include "model/model.hpp"
#include "sim/simulate.hpp"

namespace spendcast::analysis {

namespace {

/// The uncertain θs in groups: θs joined (transitively) by a nonzero [[correlation]]
/// share a group; groups in the order of their first θ, members in θ order.
std::vector<std::vector<int>> parameter_groups(const scenario::ScenarioSpec& spec,
                                               const model::Model& model) {
  const auto count = static_cast<int>(model.thetas.size());
  std::vector<int> root(count);
  std::iota(root.begin(), root.end(), 0);
  const auto find = [&](int i) {
    while (root[i] != i) i = root[i] = root[root[i]];
    return i;
  };
  for (const scenario::ThetaCorrelationSpec& c : spec.correlations) {
    const int a = model.theta_index(c.first), b = model.theta_index(c.second);
    if (a < 0 || b < 0 || c.rho == 0) continue;
    const int ra = find(a), rb = find(b);
    root[std::max(ra, rb)] = std::min(ra, rb);
  }
  std::vector<std::vector<int>> groups;
  std::vector<int> group_of(count, -1);
  for (int i = 0; i < count; ++i) {
    if (model.thetas[i].distribution.is_constant()) continue;
    const int r = find(i);
    if (group_of[r] < 0) {
      group_of[r] = static_cast<int>(groups.size());
      groups.emplace_back();
    }
    groups[group_of[r]].push_back(i);
  }
  return groups;
}

bool by_total_effect(const SobolFactor& a, const SobolFactor& b) {
  const double ta = std::isnan(a.index.total.value) ? -1 : a.index.total.value;
  const double tb = std::isnan(b.index.total.value) ? -1 : b.index.total.value;
  if (ta != tb) return ta > tb;
  return a.name < b.name;
}

/// `original` with Latin hypercube sampling replaced by Monte Carlo (the matrices A and B
/// must be independent), saying so in `notes`.
scenario::ScenarioSpec with_independent_sampling(const scenario::ScenarioSpec& original,
                                                 std::vector<std::string>& notes) {
  scenario::ScenarioSpec spec = original;
  if (spec.simulation.sampling == scenario::Sampling::lhs) {
    spec.simulation.sampling = scenario::Sampling::mc;
    notes.push_back(
        "Latin hypercube sampling is replaced by Monte Carlo: the matrices A and B must be "
        "independent");
  }
  return spec;
}

/// Adds the factors of `spec` to `report`: one per group of uncertain θs, one per event and
/// the path noise. Returns per factor the random components its run AB_i reads at
/// path + N (N: the report's paths).
std::vector<model::StreamPaths> add_factors(SobolReport& report, const scenario::ScenarioSpec& spec,
                                            const model::Model& model) {
  const std::uint64_t n = report.paths;
  std::vector<model::StreamPaths> swaps;
  for (const std::vector<int>& group : parameter_groups(spec, model)) {
    SobolFactor f;
    f.kind = "parameter";
    model::StreamPaths s;
    s.theta.assign(model.thetas.size(), 0);
    for (const int t : group) {
      f.members.push_back(model.thetas[t].name);
      f.name += (f.name.empty() ? "" : " + ") + model.thetas[t].name;
      s.theta[t] = n;
    }
    report.factors.push_back(std::move(f));
    swaps.push_back(std::move(s));
  }
  for (std::size_t e = 0; e < model.events.size(); ++e) {
    report.factors.push_back({"event." + model.events[e].name, "event", {}, {}});
    model::StreamPaths s;
    s.event.assign(model.events.size(), 0);
    s.event[e] = n;
    swaps.push_back(std::move(s));
  }
  report.factors.push_back({"noise", "noise", {}, {}});
  swaps.push_back(model::StreamPaths{{}, {}, n});
  return swaps;
}

/// The metric in the year of each path of the runs A, B and AB_i.
struct SobolSamples {
  std::vector<double> a, b;
  std::vector<std::vector<double>> ab;  ///< per factor
};

/// Runs A (paths [0, N)), B (paths [N, 2N)) and per factor AB_i (paths [0, N) with the
/// random components `swaps[i]` read at path + N) for the metric and year of `report`
/// (N: its paths), reporting progress over all of them.
SobolSamples sample_runs(const model::Model& model, const SobolReport& report,
                         const std::vector<model::StreamPaths>& swaps,
                         const SensitivityOptions& options) {
  const stats::MetricLayout& layout = *model.layout;
  const std::uint64_t n = report.paths;
  SampleColumns columns;
  columns.year_index = static_cast<std::size_t>(
      std::find(layout.years.begin(), layout.years.end(), report.year) - layout.years.begin());
  columns.rows = {static_cast<std::size_t>(layout.index_of(report.metric))};
  std::atomic<std::uint64_t> done{0};
  const std::uint64_t total = n * static_cast<std::uint64_t>(report.runs);
  const auto sample = [&](std::uint64_t first, const model::StreamPaths& streams) {
    sim::SimulationOptions run = sim::design_options(report.seed, first, n, options.block_size,
                                                     options.threads, options.stop);
    run.streams = streams;
    if (options.progress)
      run.progress = [&](std::uint64_t k) { options.progress(done += k, total); };
    return simulate<PathSample>(model, run, [&] { return PathSample(model, run.seed, n, columns); })
        .column(0);
  };
  SobolSamples samples;
  samples.a = sample(0, {});
  samples.b = sample(n, {});
  for (const model::StreamPaths& s : swaps) samples.ab.push_back(sample(0, s));
  return samples;
}

/// Adds the `indices` of the report's factors (in the order of its factors), their sums
/// and, when the metric does not vary, a note.
void add_indices(SobolReport& report, const SobolIndices& indices) {
  report.mean = indices.mean;
  report.variance = indices.variance;
  report.first_sum = indices.first_sum;
  for (std::size_t i = 0; i < report.factors.size(); ++i)
    report.factors[i].index = indices.factors[i];
  if (!(indices.variance > 0)) report.notes.push_back(report.metric + " does not vary: no indices");
}

}  // namespace

SobolReport analyse_sobol(const scenario::ScenarioSpec& original,
                          const SensitivityOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  SobolReport report;
  const scenario::ScenarioSpec spec = with_independent_sampling(original, report.notes);
  const model::Model model = model::compile_model(spec);
  check_metric_and_year(*model.layout, options);
  static_cast<SensitivityHeader&>(report) = sensitivity_header(spec, *model.layout, options);
  const std::vector<model::StreamPaths> swaps = add_factors(report, spec, model);
  report.runs = static_cast<int>(swaps.size()) + 2;
  const SobolSamples samples = sample_runs(model, report, swaps, options);
  add_indices(report, sobol_indices(samples.a, samples.b, samples.ab));
  std::stable_sort(report.factors.begin(), report.factors.end(), by_total_effect);
  report.elapsed_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace spendcast::analysis
