#include "analysis/backtest.hpp"

#include <fmt/format.h>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <map>
#include <mutex>
#include <optional>
#include <set>

#include "model/model.hpp"
#include "scenario/diagnostics.hpp"
#include "scenario/render.hpp"
#include "scenario/toml_reader.hpp"
#include "scenario/validate.hpp"
#include "sim/simulate.hpp"

namespace spendcast::analysis {

namespace {

using scenario::DocValue;

/// The [vendors] keys that describe share dynamics in any market (the others name the
/// scenario's own vendors).
const std::set<std::string, std::less<>> market_free_vendor_keys = {"persistence", "volatility",
                                                                    "diversification"};

/// The year tables of `table` (a data.spend or data.vendors value) up to `last` year.
DocValue years_up_to(const DocValue& table, int last) {
  DocValue out = DocValue::table(table.where);
  for (const scenario::DocEntry& e : table.entries) {
    const std::optional<int> year = scenario::parse_year_key(e.key);
    if (year && *year <= last) out.set(e.key, e.key_where, e.value);
  }
  return out;
}

/// True when a [[correlation]] entry only links θs that apply to any market.
bool market_free_correlation(const DocValue& entry) {
  const DocValue* between = entry.find("between");
  if (!between || !between->is_array()) return false;
  for (const DocValue& name : between->items) {
    if (!name.is_string()) return false;
    const std::string& n = name.text;
    const bool spend = n.starts_with("spend.");
    const bool vendors =
        n.starts_with("vendors.") && market_free_vendor_keys.count(n.substr(8)) == 1;
    if (!spend && !vendors) return false;
  }
  return true;
}

/// The PIT histogram's tenth of a PIT.
std::size_t pit_tenth(double pit) {
  return static_cast<std::size_t>(std::clamp(pit * 10.0, 0.0, 9.0));
}

/// One origin's run: the reference and origin year, the run's scenario and its model.
struct OriginRun {
  const ReferenceData* reference = nullptr;
  int origin = 0;
  scenario::ScenarioSpec spec;
  model::Model model;
};

/// The spend part of a backtest: `scored[r]` the spend scores of `runs[r]`.
BacktestSpend summarise_spend(const std::vector<OriginRun>& runs,
                              const std::vector<ScoreReport>& scored,
                              const std::vector<ReferenceData>& references) {
  BacktestSpend spend;
  for (std::size_t r = 0; r < runs.size(); ++r)
    for (const ObservationScore& s : scored[r].scores)
      spend.scores.push_back(
          {runs[r].reference->name, runs[r].origin, s.observation.year - runs[r].origin, s});
  for (const ReferenceData& ref : references) {
    const std::string metric = ref.name + "/spend";
    std::map<int, std::vector<const ObservationScore*>> by_horizon;
    std::vector<const ObservationScore*> all;
    for (std::size_t r = 0; r < runs.size(); ++r)
      if (runs[r].reference == &ref)
        for (const ObservationScore& s : scored[r].scores) {
          by_horizon[s.observation.year - runs[r].origin].push_back(&s);
          all.push_back(&s);
          ++spend.pit_histogram[pit_tenth(s.pit)];
        }
    if (all.empty()) {
      spend.not_scored.push_back(ref.name);
      continue;
    }
    for (const auto& [h, scores] : by_horizon)
      spend.by_horizon.emplace_back(h, summarise_scores(scores, metric));
    spend.by_reference.push_back(summarise_scores(all, metric));
  }
  return spend;
}

/// Paths of a piece at the least: smaller pieces cost more in set-up than they gain.
constexpr std::uint64_t min_piece_paths = 1024;

/// A contiguous range of one origin's paths, simulated as one task.
struct Piece {
  std::size_t run;       ///< the index of the origin's run
  sim::PathRange range;  ///< the paths, within the whole run's
};

/// The pieces of every origin's paths (options.shard's range of them), about eight per
/// thread in all, balanced over the origins; `total_paths` the paths they hold together.
std::vector<Piece> plan_pieces(const std::vector<OriginRun>& runs, const BacktestOptions& options,
                               int threads, std::uint64_t& total_paths) {
  const std::uint64_t wanted = 8 * static_cast<std::uint64_t>(threads);
  const std::uint64_t per_origin =
      runs.empty() ? 1 : std::max<std::uint64_t>(1, (wanted + runs.size() - 1) / runs.size());
  std::vector<Piece> pieces;
  total_paths = 0;
  for (std::size_t r = 0; r < runs.size(); ++r) {
    const std::uint64_t total = std::max<std::uint64_t>(runs[r].spec.simulation.paths, 1);
    const sim::PathRange mine =
        options.shard ? sim::shard_range(total, *options.shard) : sim::PathRange{0, total};
    const std::uint64_t count =
        std::clamp<std::uint64_t>(mine.paths / min_piece_paths, 1, per_origin);
    for (std::uint64_t k = 0; k < count; ++k) {
      const sim::PathRange part = sim::shard_range(mine.paths, {k, count});
      if (part.paths > 0) pieces.push_back({r, {mine.first + part.first, part.paths}});
      total_paths += part.paths;
    }
  }
  return pieces;
}

/// The simulation options of `piece` of a run of `spec`: the whole run's design (Latin
/// hypercube strata span every path), this range of it, on this thread alone.
sim::SimulationOptions piece_options(const scenario::ScenarioSpec& spec, const Piece& piece,
                                     const BacktestOptions& options, std::uint64_t total_paths) {
  sim::SimulationOptions sim =
      sim::design_options(spec.simulation.seed, 0,
                          std::max<std::uint64_t>(spec.simulation.paths, 1), 0, 1, options.stop);
  sim.first_path = piece.range.first;
  sim.paths = piece.range.paths;
  if (options.progress)
    sim.progress = [&options, total_paths](std::uint64_t n) { options.progress(n, total_paths); };
  return sim;
}

/// Simulates every origin's paths (options.shard's range of them) in `arena`, of `threads`
/// threads: each origin's range is split into contiguous pieces, every piece of every
/// origin is a task on one thread, and each piece merges into its origin's accumulator as
/// it ends (exactly and order-free: docs/MODEL.md §6). So the origins run concurrently and
/// the result depends on neither the thread count, the pieces nor the order they end in.
/// Throws the first piece's failure, in origin order.
std::vector<stats::ForecastAccumulator> simulate_origins(const std::vector<OriginRun>& runs,
                                                         const BacktestOptions& options,
                                                         int threads, tbb::task_arena& arena) {
  std::uint64_t total_paths = 0;
  const std::vector<Piece> pieces = plan_pieces(runs, options, threads, total_paths);
  std::vector<stats::ForecastAccumulator> forecasts;
  forecasts.reserve(runs.size());
  for (const OriginRun& run : runs) forecasts.emplace_back(run.model.layout);
  std::vector<std::mutex> merging(runs.size());
  std::vector<std::exception_ptr> errors(pieces.size());
  arena.execute([&] {
    tbb::parallel_for(
        tbb::blocked_range<std::size_t>(0, pieces.size(), 1),
        [&](const tbb::blocked_range<std::size_t>& range) {
          for (std::size_t p = range.begin(); p != range.end(); ++p) {
            const std::size_t r = pieces[p].run;
            const sim::SimulationOptions sim =
                piece_options(runs[r].spec, pieces[p], options, total_paths);
            try {
              const model::Model& model = runs[r].model;
              const stats::ForecastAccumulator piece = simulate<stats::ForecastAccumulator>(
                  model, sim, [&] { return stats::ForecastAccumulator(model.layout); });
              const std::lock_guard<std::mutex> lock(merging[r]);
              forecasts[r].merge(piece);
            } catch (...) {
              errors[p] = std::current_exception();
            }
          }
        },
        tbb::simple_partitioner());
  });
  for (const std::exception_ptr& e : errors)
    if (e) std::rethrow_exception(e);
  return forecasts;
}

}  // namespace

std::vector<int> backtest_origins(const ReferenceData& reference) {
  const std::vector<int>& years = reference.share_years;
  std::vector<int> origins;
  for (std::size_t k = 1; k + 1 < years.size(); ++k)
    if (years[k - 1] == years[k] - 1) origins.push_back(years[k]);
  return origins;
}

DocValue backtest_document(const DocValue& scenario, const ReferenceData& reference, int origin,
                           int horizon) {
  DocValue doc = scenario;
  for (const char* key : {"event", "segments", "report"}) doc.erase(key);
  if (DocValue* s = doc.find("scenario")) s->erase("extends");

  if (DocValue* correlations = doc.find("correlation"); correlations && correlations->is_array()) {
    std::vector<DocValue> kept;
    for (const DocValue& c : correlations->items)
      if (market_free_correlation(c)) kept.push_back(c);
    correlations->items = std::move(kept);
    if (correlations->items.empty()) doc.erase("correlation");
  }

  if (DocValue* vendors = doc.find("vendors"); vendors && vendors->is_table()) {
    std::vector<scenario::DocEntry> kept;
    for (const scenario::DocEntry& e : vendors->entries)
      if (market_free_vendor_keys.count(e.key) == 1) kept.push_back(e);
    vendors->entries = std::move(kept);
  }

  const DocValue& ref_data = reference.data;
  DocValue data = DocValue::table(ref_data.where);
  if (const scenario::DocEntry* source = ref_data.find_entry("source"))
    data.set("source", source->key_where, source->value);
  const scenario::DocEntry* vendors_entry = ref_data.find_entry("vendors");
  const DocValue vendors = years_up_to(vendors_entry->value, origin);
  DocValue spend = DocValue::table(vendors_entry->key_where);
  scenario::SourcePosition spend_key_where = vendors_entry->key_where;
  if (const scenario::DocEntry* s = ref_data.find_entry("spend")) {
    spend = s->value.is_table() ? years_up_to(s->value, origin) : s->value;
    spend_key_where = s->key_where;
  } else {
    for (const scenario::DocEntry& y : vendors.entries)
      spend.set(y.key, y.key_where, DocValue::floating_value(1.0, y.key_where));
  }
  const bool previous_spend = spend.is_table() && spend.find(fmt::format("{}", origin - 1));
  data.set("spend", spend_key_where, std::move(spend));
  data.set("vendors", vendors_entry->key_where, vendors);
  doc.set("data", ref_data.where, std::move(data));

  DocValue* simulation = doc.find("simulation");
  if (!simulation)
    simulation = &doc.set("simulation", ref_data.where, DocValue::table(ref_data.where));
  simulation->set("base_year", ref_data.where, DocValue::integer_value(origin, ref_data.where));
  simulation->set("horizon", ref_data.where, DocValue::integer_value(horizon, ref_data.where));

  if (!previous_spend) {
    DocValue* spend_section = doc.find("spend");
    if (spend_section && spend_section->is_table() && !spend_section->find("initial_growth"))
      spend_section->set("initial_growth", ref_data.where,
                         DocValue::floating_value(0.0, ref_data.where));
  }
  return doc;
}

namespace {

/// Throws unless `scenario` has a [vendors] table (a backtest scores vendor shares).
void require_vendors(const DocValue& scenario, const std::string& scenario_origin) {
  const DocValue* vendors = scenario.find("vendors");
  if (!vendors || !vendors->is_table())
    throw scenario::ScenarioError({scenario::Diagnostic{
        scenario::Diagnostic::Severity::error, scenario::SourcePosition{scenario_origin, 0, 0},
        "vendors: missing section (a backtest scores vendor shares, so it needs the scenario's "
        "share dynamics: vendors.persistence, volatility and diversification)"}});
}

/// Every origin's run, built in order (so the first invalid one is the one reported), with
/// the references, origins, run settings and distinct warnings noted in `report`.
std::vector<OriginRun> build_origin_runs(const DocValue& scenario,
                                         const std::string& scenario_origin,
                                         const std::vector<ReferenceData>& references,
                                         BacktestReport& report) {
  std::set<std::string> warning_texts;
  std::vector<OriginRun> runs;
  for (const ReferenceData& ref : references) {
    report.references.push_back(ref.origin);
    const std::vector<int> origins = backtest_origins(ref);
    if (origins.empty())
      throw scenario::ScenarioError({scenario::Diagnostic{
          scenario::Diagnostic::Severity::error, ref.data.find_entry("vendors")->key_where,
          fmt::format("data.vendors: no origin year to backtest from (got shares for {} year{}; "
                      "expected two consecutive years and a later one: an origin needs "
                      "shares in the year before it and in a later year)",
                      ref.share_years.size(), ref.share_years.size() == 1 ? "" : "s")}});
    const int horizon = ref.share_years.back();
    for (const int origin : origins) {
      scenario::Diagnostics diagnostics;
      scenario::ScenarioSpec spec = scenario::build_spec(
          backtest_document(scenario, ref, origin, horizon), scenario_origin, diagnostics);
      if (diagnostics.has_errors()) throw scenario::ScenarioError(diagnostics.all());
      for (const scenario::Diagnostic& w : diagnostics.warnings())
        if (warning_texts.insert(w.to_string()).second) report.warnings.push_back(w);
      report.scenario = spec.name;
      report.paths = spec.simulation.paths;
      report.seed = spec.simulation.seed;
      report.origins.emplace_back(ref.name, origin);
      runs.push_back(OriginRun{&ref, origin, std::move(spec), {}});
    }
  }
  return runs;
}

/// Scores every origin (concurrently, in `arena`): `scored[r]` the share scores of
/// `runs[r]` (the later shares the model forecasts, Other aside), `spend_scored[r]` its
/// spend scores (the later spends up to the horizon; left empty when there are none).
void score_origins(const std::vector<OriginRun>& runs,
                   const std::vector<stats::ForecastAccumulator>& forecasts, tbb::task_arena& arena,
                   std::vector<ScoreReport>& scored, std::vector<ScoreReport>& spend_scored) {
  arena.execute([&] {
    tbb::parallel_for(std::size_t{0}, runs.size(), [&](std::size_t r) {
      std::vector<Observation> later;
      for (const Observation& o : runs[r].reference->shares)
        if (o.year > runs[r].origin && runs[r].model.layout->index_of(o.metric) >= 0 &&
            o.metric != "share.Other")
          later.push_back(o);
      scored[r] = score_forecast(forecasts[r], later);
      std::vector<Observation> later_spend;
      for (const Observation& o : runs[r].reference->spend)
        if (o.year > runs[r].origin && o.year <= runs[r].spec.simulation.horizon)
          later_spend.push_back(o);
      if (!later_spend.empty()) spend_scored[r] = score_forecast(forecasts[r], later_spend);
    });
  });
}

/// The share part of `report` from `scored[r]`, the share scores of `runs[r]`: the scores
/// in order, their PIT histogram and summaries by horizon, by metric and overall.
void summarise_shares(const std::vector<OriginRun>& runs, const std::vector<ScoreReport>& scored,
                      BacktestReport& report) {
  for (std::size_t r = 0; r < runs.size(); ++r)
    for (const ObservationScore& s : scored[r].scores)
      report.scores.push_back(
          {runs[r].reference->name, runs[r].origin, s.observation.year - runs[r].origin, s});

  std::map<int, std::vector<const ObservationScore*>> by_horizon;
  std::vector<std::string> metrics;
  std::map<std::string, std::vector<const ObservationScore*>> by_metric;
  std::vector<const ObservationScore*> all;
  for (const BacktestScore& b : report.scores) {
    const std::string metric = b.reference + "/" + b.score.observation.metric;
    if (by_metric.find(metric) == by_metric.end()) metrics.push_back(metric);
    by_metric[metric].push_back(&b.score);
    by_horizon[b.horizon].push_back(&b.score);
    all.push_back(&b.score);
    ++report.pit_histogram[pit_tenth(b.score.pit)];
  }
  for (const auto& [h, scores] : by_horizon)
    report.by_horizon.emplace_back(h, summarise_scores(scores, fmt::format("horizon {}", h)));
  for (const std::string& m : metrics)
    report.by_metric.push_back(summarise_scores(by_metric[m], m));
  report.overall = summarise_scores(all, "all");
}

}  // namespace

BacktestReport run_backtest(const DocValue& scenario, const std::string& scenario_origin,
                            const std::vector<ReferenceData>& references,
                            const BacktestOptions& options, const BacktestCombine& combine) {
  require_vendors(scenario, scenario_origin);
  BacktestReport report;
  std::vector<OriginRun> runs = build_origin_runs(scenario, scenario_origin, references, report);
  for (OriginRun& run : runs) run.model = model::compile_model(run.spec);

  const int threads = sim::resolve_threads(options.threads);
  tbb::task_arena arena(threads);
  std::vector<stats::ForecastAccumulator> forecasts =
      simulate_origins(runs, options, threads, arena);
  if (combine) {
    std::vector<scenario::ScenarioSpec> specs;
    for (const OriginRun& run : runs) specs.push_back(run.spec);
    combine(specs, forecasts);
  }

  // Score every origin (concurrently), then list the scores in order.
  std::vector<ScoreReport> scored(runs.size()), spend_scored(runs.size());
  score_origins(runs, forecasts, arena, scored, spend_scored);
  summarise_shares(runs, scored, report);
  report.spend = summarise_spend(runs, spend_scored, references);
  return report;
}

}  // namespace spendcast::analysis
