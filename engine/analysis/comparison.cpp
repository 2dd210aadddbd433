#include "analysis/comparison.hpp"

#include <fmt/format.h>

#include <chrono>
#include <map>
#include <stdexcept>

#include "analysis/distribution_distance.hpp"
#include "analysis/lockstep_simulation.hpp"
#include "analysis/paired_accumulator.hpp"
#include "model/model.hpp"
#include "report/run_info.hpp"

namespace spendcast::analysis {

namespace {

Interval interval_of(const stats::EmpiricalDistribution& d) {
  return {d.quantile(0.5), d.quantile(0.05), d.quantile(0.95)};
}

/// Scenario names, with "#k" (k the input's 1-based position) on repeats.
std::vector<std::string> unique_labels(const std::vector<std::string>& names) {
  std::map<std::string, int> seen;
  std::vector<std::string> labels;
  for (std::size_t k = 0; k < names.size(); ++k)
    labels.push_back(seen[names[k]]++ == 0 ? names[k] : fmt::format("{}#{}", names[k], k + 1));
  return labels;
}

CellComparison compare_distributions(const PairedCell& cell, const stats::EmpiricalDistribution& a,
                                     const stats::EmpiricalDistribution& b) {
  CellComparison c;
  c.metric = cell.metric;
  c.year = cell.year;
  c.a = interval_of(a);
  c.b = interval_of(b);
  c.ks = ks_distance(a, b);
  c.w1 = wasserstein1_distance(a, b);
  return c;
}

CellComparison compare_paired(const PairedAccumulator& acc, std::size_t i) {
  CellComparison c =
      compare_distributions(acc.cell(i), stats::EmpiricalDistribution::from_sketch(acc.first(i)),
                            stats::EmpiricalDistribution::from_sketch(acc.second(i)));
  c.paired = paired_statistics(acc, i);
  return c;
}

/// The sink of the lockstep run: one PairedAccumulator per scenario after the first.
class LockstepSink {
 public:
  explicit LockstepSink(std::vector<PairedAccumulator> pairs) : pairs_(std::move(pairs)) {}
  void add(std::span<const stats::MetricBlock* const> blocks) {
    for (std::size_t k = 0; k < pairs_.size(); ++k) pairs_[k].add(*blocks[0], *blocks[k + 1]);
  }
  void merge(const LockstepSink& other) {
    for (std::size_t k = 0; k < pairs_.size(); ++k) pairs_[k].merge(other.pairs_[k]);
  }
  const std::vector<PairedAccumulator>& pairs() const { return pairs_; }

 private:
  std::vector<PairedAccumulator> pairs_;
};

/// A paired comparison of `specs` (`labels` their unique names) with its run and inputs
/// filled in: every scenario runs the first one's paths and seed. No comparisons yet.
ComparisonReport paired_header(const std::vector<scenario::ScenarioSpec>& specs,
                               const std::vector<std::string>& labels,
                               const PairedRunOptions& options) {
  ComparisonReport report;
  report.paired = true;
  report.paths = specs[0].simulation.paths;
  report.seed = specs[0].simulation.seed;
  report.threads = sim::resolve_threads(options.threads);
  for (std::size_t k = 0; k < specs.size(); ++k)
    report.inputs.push_back({labels[k], specs[k].title, specs[k].origin, report.paths, report.seed,
                             specs[k].data_source});
  return report;
}

/// The notes on how the scenarios are paired: common random numbers, the scenarios that
/// set other paths or seed than the first, and those that sample their parameters otherwise.
void add_pairing_notes(ComparisonReport& report, const std::vector<scenario::ScenarioSpec>& specs,
                       const std::vector<std::string>& labels) {
  report.notes.push_back(fmt::format(
      "paired: every scenario ran the same {} paths with seed {} (common random numbers: path "
      "i of each sees the same noise), so B − A, B / A and P(B > A) are per path",
      report.paths, report.seed));
  for (std::size_t k = 1; k < specs.size(); ++k) {
    const scenario::SimulationSpec& s = specs[k].simulation;
    if (s.paths != report.paths || s.seed != report.seed)
      report.notes.push_back(
          fmt::format("{} sets {} paths and seed {}; it ran {}'s {} paths and seed {} to be paired",
                      labels[k], s.paths, s.seed, labels[0], report.paths, report.seed));
    if (s.sampling != specs[0].simulation.sampling)
      report.notes.push_back(fmt::format(
          "{} samples its parameters by {}, {} by {}: parameter draws are not paired, only the "
          "step noise",
          labels[k], report::sampling_name(s.sampling), labels[0],
          report::sampling_name(specs[0].simulation.sampling)));
  }
}

/// Adds to `report` the comparison of every scenario after the first with the first, with
/// the requested cells that one of them lacks; returns the accumulator of each one's pairs.
std::vector<PairedAccumulator> add_comparisons(
    ComparisonReport& report, const std::vector<const stats::MetricLayout*>& layouts,
    const std::vector<std::string>& labels, const MetricRequest& request,
    const PairedRunOptions& options) {
  std::vector<PairedAccumulator> pairs;
  for (std::size_t k = 1; k < layouts.size(); ++k) {
    CellSelection selection = select_cells(*layouts[0], labels[0], *layouts[k], labels[k], request);
    Comparison c;
    c.a = 0;
    c.b = k;
    c.left_out = std::move(selection.left_out);
    report.comparisons.push_back(std::move(c));
    pairs.emplace_back(std::move(selection.cells), options.relative_accuracy);
  }
  return pairs;
}

/// Adds every comparison's cells from its `accumulated` pairs, and a note when some paths
/// tie (B = A).
void add_cells(ComparisonReport& report, const std::vector<PairedAccumulator>& accumulated) {
  bool ties = false;
  for (std::size_t k = 0; k < accumulated.size(); ++k) {
    const PairedAccumulator& acc = accumulated[k];
    for (std::size_t i = 0; i < acc.size(); ++i) {
      report.comparisons[k].cells.push_back(compare_paired(acc, i));
      ties = ties || acc.greater(i) + acc.less(i) < acc.paths();
    }
  }
  if (ties)
    report.notes.push_back(
        "some paths have B = A exactly (say, where an event that sets the scenarios apart did "
        "not fire): they count in neither P(B > A) nor P(B < A); P(B = A) shows them");
}

}  // namespace

PairedStatistics paired_statistics(const PairedAccumulator& acc, std::size_t i) {
  PairedStatistics p;
  p.difference = interval_of(stats::EmpiricalDistribution::from_sketch(acc.difference(i)));
  const stats::Moments& m = acc.difference_moments(i);
  p.mean_difference = {m.mean(), m.se()};
  p.ratio = interval_of(stats::EmpiricalDistribution::from_sketch(acc.ratio(i)));
  p.ratio_undefined = acc.ratio_undefined(i);
  p.greater = stats::proportion(acc.greater(i), acc.paths());
  p.less = stats::proportion(acc.less(i), acc.paths());
  p.equal = stats::proportion(acc.paths() - acc.greater(i) - acc.less(i), acc.paths());
  return p;
}

sim::SimulationOptions paired_simulation_options(std::uint64_t seed, std::uint64_t paths,
                                                 const PairedRunOptions& options) {
  sim::SimulationOptions run =
      sim::design_options(seed, 0, paths, options.block_size, options.threads, options.stop);
  if (options.shard) {
    const sim::PathRange range = sim::shard_range(paths, *options.shard);
    run.first_path = range.first;
    run.paths = range.paths;
  }
  run.progress = options.progress;  // paths of each block, from the workers
  return run;
}

ComparisonReport compare_scenarios(const std::vector<scenario::ScenarioSpec>& specs,
                                   const MetricRequest& request, const PairedRunOptions& options) {
  if (specs.size() < 2) throw std::invalid_argument("compare_scenarios: needs two scenarios");
  std::vector<model::Model> models;
  models.reserve(specs.size());
  for (const scenario::ScenarioSpec& s : specs) models.push_back(model::compile_model(s));
  std::vector<const stats::MetricLayout*> layouts;
  std::vector<std::string> names;
  for (const model::Model& m : models) layouts.push_back(m.layout.get());
  for (const scenario::ScenarioSpec& s : specs) names.push_back(s.name);
  check_request(layouts, request);

  const std::vector<std::string> labels = unique_labels(names);
  ComparisonReport report = paired_header(specs, labels, options);
  add_pairing_notes(report, specs, labels);
  const std::vector<PairedAccumulator> pairs =
      add_comparisons(report, layouts, labels, request, options);

  const sim::SimulationOptions run = paired_simulation_options(report.seed, report.paths, options);
  std::vector<const model::Model*> model_pointers;
  for (const model::Model& m : models) model_pointers.push_back(&m);
  const auto start = std::chrono::steady_clock::now();
  const LockstepSink sink =
      simulate_lockstep<LockstepSink>(model_pointers, run, [&] { return LockstepSink(pairs); });
  std::vector<PairedAccumulator> accumulated = sink.pairs();
  if (options.combine) options.combine(accumulated);
  report.elapsed_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  add_cells(report, accumulated);
  return report;
}

namespace {

/// The [data] source a result file's scenario records ("" when it records none).
std::string data_source_of(const nlohmann::json& scenario) {
  if (!scenario.is_object()) return {};
  const auto it = scenario.find("data_source");
  return it != scenario.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

ComparisonReport compare_results(const std::vector<report::ResultFile>& results,
                                 const MetricRequest& request) {
  if (results.size() < 2) throw std::invalid_argument("compare_results: needs two results");
  std::vector<const stats::MetricLayout*> layouts;
  std::vector<std::string> names;
  for (const report::ResultFile& r : results) {
    layouts.push_back(&r.accumulator.layout());
    names.push_back(r.scenario_name);
  }
  check_request(layouts, request);

  ComparisonReport report;
  const std::vector<std::string> labels = unique_labels(names);
  for (std::size_t k = 0; k < results.size(); ++k)
    report.inputs.push_back({labels[k], results[k].scenario_title, results[k].origin,
                             results[k].run.paths, results[k].run.seed,
                             data_source_of(results[k].scenario)});
  report.notes.push_back(
      "unpaired: result files keep distributions, not paths, so there is no per-path B − A, "
      "B / A or paired P(B > A); P(B > A) here is for independent draws from the two "
      "distributions. Paired statistics need the scenario files: spendcast compare A.toml "
      "B.toml");
  for (std::size_t k = 1; k < results.size(); ++k) {
    const CellSelection selection =
        select_cells(*layouts[0], labels[0], *layouts[k], labels[k], request);
    Comparison c;
    c.a = 0;
    c.b = k;
    c.left_out = selection.left_out;
    for (const PairedCell& cell : selection.cells) {
      const stats::EmpiricalDistribution da =
          results[0].accumulator.distribution(cell.row_a, cell.year_a);
      const stats::EmpiricalDistribution db =
          results[k].accumulator.distribution(cell.row_b, cell.year_b);
      CellComparison cc = compare_distributions(cell, da, db);
      cc.greater_unpaired = probability_greater_unpaired(da, db);
      c.cells.push_back(std::move(cc));
    }
    report.comparisons.push_back(std::move(c));
  }
  return report;
}

}  // namespace spendcast::analysis
