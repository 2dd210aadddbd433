#include "analysis/sweep.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <stdexcept>

#include "analysis/lockstep_simulation.hpp"
#include "analysis/paired_accumulator.hpp"
#include "model/metric_catalogue.hpp"
#include "model/model.hpp"
#include "report/run_info.hpp"
#include "sim/simulate.hpp"
#include "stats/forecast_accumulator.hpp"

namespace spendcast::analysis {

namespace {

/// The sink of one group: per member its forecast and its pairs with variant 1 (block 0).
class SweepSink {
 public:
  SweepSink(std::vector<stats::ForecastAccumulator> forecasts, std::vector<PairedAccumulator> pairs,
            std::vector<std::size_t> blocks)
      : forecasts_(std::move(forecasts)), pairs_(std::move(pairs)), blocks_(std::move(blocks)) {}
  void add(std::span<const stats::MetricBlock* const> blocks) {
    for (std::size_t k = 0; k < forecasts_.size(); ++k) {
      forecasts_[k].add(*blocks[blocks_[k]]);
      pairs_[k].add(*blocks[0], *blocks[blocks_[k]]);
    }
  }
  void merge(const SweepSink& other) {
    for (std::size_t k = 0; k < forecasts_.size(); ++k) {
      forecasts_[k].merge(other.forecasts_[k]);
      pairs_[k].merge(other.pairs_[k]);
    }
  }
  const stats::ForecastAccumulator& forecast(std::size_t k) const { return forecasts_[k]; }
  const PairedAccumulator& pair(std::size_t k) const { return pairs_[k]; }

 private:
  std::vector<stats::ForecastAccumulator> forecasts_;
  std::vector<PairedAccumulator> pairs_;
  std::vector<std::size_t> blocks_;  ///< member k's block in the lockstep's span
};

/// The probabilities `run` reports for metric row `m` in year index `y`.
std::vector<SweepProbability> probabilities_of(const stats::Forecast& f, std::size_t m,
                                               std::size_t y) {
  const stats::MetricLayout& layout = f.layout();
  std::vector<SweepProbability> out;
  for (std::size_t v = 0; v < layout.vendor_share_metrics.size(); ++v)
    if (static_cast<std::size_t>(layout.vendor_share_metrics[v]) == m)
      out.push_back({"leads", "P(leads)", f.leader(y, v)});
  for (std::size_t e = 0; e < layout.event_metrics.size(); ++e)
    if (static_cast<std::size_t>(layout.event_metrics[e]) == m)
      out.push_back({"fired", "P(fired)", f.event(e, y)});
  for (std::size_t t = 0; t < layout.thresholds.size(); ++t)
    if (static_cast<std::size_t>(layout.thresholds[t].metric) == m)
      for (std::size_t k = 0; k < layout.thresholds[t].values.size(); ++k)
        out.push_back({fmt::format("at_least_{}", layout.thresholds[t].values[k]),
                       fmt::format("P(>= {})", layout.thresholds[t].values[k]),
                       f.threshold(t, k, y)});
  return out;
}

SweepCell cell_of(const stats::Forecast& f, const PairedAccumulator& pair, std::size_t i) {
  const PairedCell& c = pair.cell(i);
  SweepCell cell;
  cell.metric = c.metric;
  cell.year = c.year;
  cell.mean = f.metric(c.row_b, c.year_b).mean;
  for (std::size_t q = 0; q < sweep_levels.size(); ++q)
    cell.quantiles[q] = f.quantile(c.row_b, c.year_b, sweep_levels[q]).value;
  cell.probabilities = probabilities_of(f, c.row_b, c.year_b);
  cell.paired = paired_statistics(pair, i);
  return cell;
}

/// Variant `v` of `design` from its accumulated forecast and pairs with variant 1.
SweepVariant variant_of(const SweepDesign& design, std::size_t v, std::vector<std::string> left_out,
                        const stats::ForecastAccumulator& accumulated,
                        const PairedAccumulator& pair) {
  SweepVariant variant;
  variant.values = design.values(v);
  variant.left_out = std::move(left_out);
  const stats::Forecast forecast = accumulated.forecast();
  for (std::size_t i = 0; i < pair.size(); ++i) variant.cells.push_back(cell_of(forecast, pair, i));
  return variant;
}

/// A report with what the sweep runs, and how, filled in (variant 1 is `first`); no
/// variants or notes yet.
SweepReport sweep_header(const SweepDesign& design, const scenario::ScenarioSpec& first,
                         const PairedRunOptions& options) {
  SweepReport report;
  report.scenario = first.name;
  report.title = first.title;
  report.origin = first.origin;
  for (const SweepFactor& f : design.factors) report.keys.push_back(f.key);
  report.layout = design.layout;
  report.paths = first.simulation.paths;
  report.seed = first.simulation.seed;
  report.threads = sim::resolve_threads(options.threads);
  return report;
}

/// `request` with its defaults filled in (the default metrics of variant 1, whose layout is
/// `reference`, and its last year), checked against every variant's layout.
MetricRequest checked_request(const std::vector<scenario::ScenarioSpec>& specs,
                              const stats::MetricLayout& reference, const MetricRequest& request) {
  MetricRequest chosen = request;
  if (chosen.metrics.empty()) chosen.metrics = default_sweep_metrics(specs.front());
  if (chosen.years.empty()) chosen.years = {reference.years.back()};
  // Every variant's layout (its model is compiled again when its group runs).
  std::vector<std::shared_ptr<const stats::MetricLayout>> kept;
  std::vector<const stats::MetricLayout*> layouts;
  for (const scenario::ScenarioSpec& s : specs) {
    kept.push_back(std::make_shared<const stats::MetricLayout>(model::build_metric_layout(s)));
    layouts.push_back(kept.back().get());
  }
  check_request(layouts, chosen);
  return chosen;
}

/// The notes on how the variants are paired: common random numbers, and whether some
/// variants sample their parameters differently from variant 1.
void add_pairing_notes(SweepReport& report, const std::vector<scenario::ScenarioSpec>& specs) {
  report.notes.push_back(fmt::format(
      "paired: every variant ran the same {} paths with seed {} (common random numbers: path i "
      "of each sees the same noise), so the differences against variant 1 are per path",
      report.paths, report.seed));
  for (std::size_t k = 1; k < specs.size(); ++k)
    if (specs[k].simulation.sampling != specs.front().simulation.sampling) {
      report.notes.push_back(
          "some variants sample their parameters differently from variant 1: their parameter "
          "draws are not paired, only the step noise");
      break;
    }
}

/// The note on the lockstep groups, when `variants` needed more than one.
void add_group_note(SweepReport& report, std::size_t variants) {
  const std::uint64_t groups = (variants + sweep_group_size - 1) / sweep_group_size;
  if (groups > 1)
    report.notes.push_back(fmt::format(
        "{} variants ran in {} groups of up to {} in lockstep, each with variant 1 (its paired "
        "reference), {} paths each",
        variants, groups, sweep_group_size, report.paths));
}

/// What one lockstep group ran: per member its forecast and pairs (in `sink`) and the
/// requested cells its layout does not have.
struct GroupRun {
  SweepSink sink;
  std::vector<std::vector<std::string>> left_out;
};

/// Runs variants [g0, g1) of `specs` in lockstep with variant 1 (`reference`, block 0) on
/// the report's paths and seed, accumulating the cells of `chosen`.
GroupRun run_group(const std::vector<scenario::ScenarioSpec>& specs, std::size_t g0, std::size_t g1,
                   const model::Model& reference, const MetricRequest& chosen,
                   const SweepReport& report, const PairedRunOptions& options) {
  std::vector<model::Model> models;
  models.reserve(g1 - g0);
  std::vector<const model::Model*> pointers{&reference};
  std::vector<std::size_t> blocks;
  std::vector<stats::ForecastAccumulator> forecasts;
  std::vector<PairedAccumulator> pairs;
  std::vector<std::vector<std::string>> left_out;
  for (std::size_t v = g0; v < g1; ++v) {
    if (v == 0) {
      blocks.push_back(0);
    } else {
      models.push_back(model::compile_model(specs[v]));
      pointers.push_back(&models.back());
      blocks.push_back(pointers.size() - 1);
    }
    const model::Model& m = *pointers[blocks.back()];
    forecasts.emplace_back(m.layout);
    CellSelection selection = select_cells(*reference.layout, "variant 1", *m.layout,
                                           fmt::format("variant {}", v + 1), chosen);
    left_out.push_back(std::move(selection.left_out));
    pairs.emplace_back(std::move(selection.cells), options.relative_accuracy);
  }
  const sim::SimulationOptions run = paired_simulation_options(report.seed, report.paths, options);
  return {simulate_lockstep<SweepSink>(pointers, run,
                                       [&] { return SweepSink(forecasts, pairs, blocks); }),
          std::move(left_out)};
}

}  // namespace

std::vector<std::string> default_sweep_metrics(const scenario::ScenarioSpec& spec) {
  std::vector<std::string> metrics{"spend"};
  if (spec.vendors && !spec.vendors->categories.empty()) {
    const auto& cats = spec.vendors->categories;
    const auto leader =
        std::max_element(cats.begin(), cats.end(),
                         [](const auto& a, const auto& b) { return a.base_share < b.base_share; });
    metrics.push_back("share." + leader->name);
  }
  return metrics;
}

SweepReport run_sweep(const SweepDesign& design, const std::vector<scenario::ScenarioSpec>& specs,
                      const MetricRequest& request, const PairedRunOptions& options,
                      const SweepCombine& combine) {
  if (specs.empty() || specs.size() != design.variants.size())
    throw std::invalid_argument("run_sweep: one scenario per variant needed");
  if (options.combine)
    throw std::invalid_argument("run_sweep: options.combine is compare's; pass combine");
  SweepReport report = sweep_header(design, specs.front(), options);
  const model::Model reference = model::compile_model(specs.front());
  const MetricRequest chosen = checked_request(specs, *reference.layout, request);
  add_pairing_notes(report, specs);

  // Held for `combine` until every group has run: every variant's accumulators.
  std::vector<stats::ForecastAccumulator> held_forecasts;
  std::vector<PairedAccumulator> held_pairs;
  std::vector<std::vector<std::string>> held_left_out;
  const auto start = std::chrono::steady_clock::now();
  for (std::size_t g0 = 0; g0 < specs.size(); g0 += sweep_group_size) {
    const std::size_t g1 = std::min(specs.size(), g0 + sweep_group_size);
    GroupRun group = run_group(specs, g0, g1, reference, chosen, report, options);
    for (std::size_t k = 0; k < group.left_out.size(); ++k) {
      if (combine) {
        held_forecasts.push_back(group.sink.forecast(k));
        held_pairs.push_back(group.sink.pair(k));
        held_left_out.push_back(std::move(group.left_out[k]));
      } else {
        report.variants.push_back(variant_of(design, g0 + k, std::move(group.left_out[k]),
                                             group.sink.forecast(k), group.sink.pair(k)));
      }
    }
  }
  if (combine) {
    combine(held_forecasts, held_pairs);
    for (std::size_t v = 0; v < specs.size(); ++v)
      report.variants.push_back(
          variant_of(design, v, std::move(held_left_out[v]), held_forecasts[v], held_pairs[v]));
  }
  report.elapsed_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  add_group_note(report, specs.size());
  return report;
}

}  // namespace spendcast::analysis
