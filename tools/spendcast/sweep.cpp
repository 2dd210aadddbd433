#include <fmt/format.h>

#include <atomic>
#include <ostream>

#include "analysis/sweep.hpp"
#include "analysis/sweep_design.hpp"
#include "analysis/sweep_output.hpp"
#include "command_flow.hpp"
#include "commands.hpp"
#include "engine_version.hpp"
#include "interrupt.hpp"
#include "outputs.hpp"
#include "progress.hpp"
#include "rank_reduce.hpp"
#include "ranks.hpp"
#include "report/scenario_json.hpp"
#include "scenario/load.hpp"
#include "sim/simulate.hpp"
#include "simulation_options.hpp"
#include "stats/forecast_accumulator.hpp"
#include "usage.hpp"

namespace spendcast::cli {

namespace po = boost::program_options;

namespace {

/// Above this many variants a sweep runs only with --yes.
constexpr std::uint64_t confirm_variants = 10'000;
/// Never more variants than this (every variant's scenario is held while it runs).
constexpr std::uint64_t max_variants = 1'000'000;

/// What a sweep computes, for the ranks of an MPI job to check that they all ran the same:
/// variant 1's resolved scenario (with --set), the varied keys and values, the request and
/// the build.
std::string sweep_fingerprint(const analysis::SweepDesign& design,
                              const scenario::ScenarioSpec& first,
                              const analysis::MetricRequest& request) {
  nlohmann::json factors = nlohmann::json::array();
  for (const analysis::SweepFactor& f : design.factors)
    factors.push_back({{"key", f.key}, {"values", f.values}});
  return nlohmann::json{{"scenario", report::scenario_to_json(first)},
                        {"factors", factors},
                        {"layout", analysis::sweep_layout_name(design.layout)},
                        {"metrics", request.metrics},
                        {"years", request.years},
                        {"engine", engine_version()}}
      .dump();
}

/// Splits a sweep's paths across the ranks of this process's MPI job: each rank simulates
/// its shard of every variant's paths, rank 0 merges every rank's forecasts and pairs
/// (exact, order-free). Returns the hook that merges them.
analysis::SweepCombine split_across_ranks(analysis::PairedRunOptions& options,
                                          const analysis::SweepDesign& design,
                                          const scenario::ScenarioSpec& first,
                                          const analysis::MetricRequest& request) {
  options.shard = rank_shard();
  return [fingerprint = sweep_fingerprint(design, first, request)](
             std::vector<stats::ForecastAccumulator>& forecasts,
             std::vector<analysis::PairedAccumulator>& pairs) {
    nlohmann::json mine{{"forecasts", nlohmann::json::array()}, {"pairs", nlohmann::json::array()}};
    for (const stats::ForecastAccumulator& f : forecasts) mine["forecasts"].push_back(f.to_json());
    for (const analysis::PairedAccumulator& p : pairs) mine["pairs"].push_back(p.to_json());
    for (const nlohmann::json& state : gather_states(mine, fingerprint))
      for (std::size_t v = 0; v < forecasts.size(); ++v) {
        forecasts[v].merge(stats::ForecastAccumulator::from_json(state.at("forecasts").at(v)));
        pairs[v].merge_json(state.at("pairs").at(v));
      }
  };
}

/// Adds the options and positional input of `spendcast sweep` to `line`.
void add_sweep_options(CommandLine& line) {
  add_simulation_options(line);
  // clang-format off
  line.options.add_options()
    ("vary", po::value<std::vector<std::string>>(), "KEY=V1,V2,...: values of a scenario key, each as --set takes it (repeatable; commas inside quotes, (), [] and {} do not split)")
    ("grid", "run every combination of the --vary values (default; the first --vary varies slowest)")
    ("zip", "run the k-th values of every --vary together (lists of equal length)")
    ("metric", po::value<std::vector<std::string>>(), "metric to report (repeatable; default: spend and the share of the base year's leading vendor)")
    ("year", po::value<std::vector<int>>(), "year to report (repeatable; default: the last year)")
    ("yes", "run a sweep of more than 10000 variants");
  // clang-format on
  add_output_options(line, {.json = "write the sweep JSON to FILE (docs/ANALYSIS.md)",
                            .csv = "write the sweep as tidy CSV to FILE, one column per varied key",
                            .quiet = "no table and no progress bar"});
  add_scenario_argument(line);
  line.epilogue =
      "Every variant runs the same paths with the same seed (common random numbers); the\n"
      "table shows each variant's median [5%, 95%] and the per-path difference from variant 1.\n"
      "Under mpirun -n R (or srun) every variant's paths split across the R ranks and rank 0\n"
      "writes the one result (docs/SCALING.md).\n"
      "Example: spendcast sweep scenarios/baseline.toml --vary spend.volatility=0.08,0.12,0.16\n";
}

/// The layout --grid or --zip asks for (default: grid); refuses both together.
analysis::SweepLayout sweep_layout(const CommandLine& line, const po::variables_map& vm) {
  if (vm.count("grid") && vm.count("zip"))
    throw UsageError(fmt::format(
        "spendcast sweep: --grid and --zip: expected one of them (--grid: every combination; "
        "--zip: the k-th values together); {}",
        see_help(line.name)));
  return vm.count("zip") ? analysis::SweepLayout::zip : analysis::SweepLayout::grid;
}

/// Refuses `count` variants of `layout` above max_variants, and above confirm_variants
/// without --yes.
void check_variant_count(const CommandLine& line, const po::variables_map& vm, std::uint64_t count,
                         analysis::SweepLayout layout) {
  if (count > max_variants)
    throw UsageError(fmt::format(
        "spendcast sweep: {} variants ({}); expected at most {}: vary fewer values, or run "
        "the sweep in parts; {}",
        count, layout == analysis::SweepLayout::grid ? "every combination" : "zipped", max_variants,
        see_help(line.name)));
  if (count > confirm_variants && !vm.count("yes"))
    throw UsageError(fmt::format(
        "spendcast sweep: {} variants, more than {}: each runs every path; add --yes to run "
        "them all, or vary fewer values; {}",
        count, confirm_variants, see_help(line.name)));
}

/// The design of the command line's --vary options in the layout of --grid or --zip.
analysis::SweepDesign sweep_design(const CommandLine& line, const po::variables_map& vm) {
  const analysis::SweepLayout layout = sweep_layout(line, vm);
  if (!vm.count("vary"))
    throw UsageError(
        fmt::format("spendcast sweep: expected at least one --vary KEY=V1,V2,..., e.g. --vary "
                    "spend.volatility=0.08,0.12,0.16; {}",
                    see_help(line.name)));
  std::vector<analysis::SweepFactor> factors;
  for (const std::string& text : vm["vary"].as<std::vector<std::string>>())
    factors.push_back(analysis::parse_vary(text, static_cast<int>(factors.size()) + 1));
  check_variant_count(line, vm, analysis::variant_count(factors, layout), layout);
  return analysis::make_sweep_design(std::move(factors), layout);
}

/// The paths the progress bar counts: each lockstep group runs every path (of this rank's
/// shard) once, with variant 1 as its reference.
std::uint64_t progress_total(const analysis::SweepDesign& design, std::uint64_t paths,
                             const analysis::PairedRunOptions& options) {
  const std::uint64_t groups =
      (design.variants.size() + analysis::sweep_group_size - 1) / analysis::sweep_group_size;
  return (options.shard ? sim::shard_range(paths, *options.shard).paths : paths) * groups;
}

}  // namespace

int sweep_command(const std::vector<std::string>& args, Streams streams) {
  CommandLine line("sweep", "spendcast sweep SCENARIO --vary KEY=V1,V2,... [--vary ...] [options]");
  add_sweep_options(line);
  auto parsed = parse_command_line(line, args);
  const auto& vm = parsed.values;
  const analysis::SweepDesign design = sweep_design(line, vm);

  const std::string scenario_path = vm["scenario"].as<std::string>();
  const std::vector<report::OutputRequest> outputs = requested_outputs(parsed, {scenario_path});
  const std::vector<std::string> overrides = scenario_overrides(line, parsed);
  const scenario::LoadedScenario base = scenario::load_scenario_file(scenario_path, overrides);
  check_outputs_against(outputs, base);
  const analysis::SweepScenarios scenarios =
      analysis::load_sweep_scenarios(scenario_path, overrides, set_assignments(parsed), design);
  for (const auto& w : scenarios.warnings) streams.err << w.to_string() << '\n';

  const analysis::MetricRequest request = metric_request(vm);
  CommandFlow flow(streams, vm.count("quiet") > 0);
  analysis::PairedRunOptions options;
  options.threads = threads_option(line, parsed, streams.err);
  options.stop = flow.stop();
  analysis::SweepCombine combine;
  if (world_size() > 1)
    combine = split_across_ranks(options, design, scenarios.variants.front(), request);
  const std::uint64_t total = progress_total(design, base.spec.simulation.paths, options);
  const analysis::SweepReport report = flow.simulate([&](ProgressBar& progress) {
    options.progress = [&](std::uint64_t n) { progress.add(n, total); };
    return analysis::run_sweep(design, scenarios.variants, request, options, combine);
  });
  flow.finish(
      outputs,
      {.json = [&] { return with_engine_version(analysis::sweep_to_json(report)).dump(1) + "\n"; },
       .csv = [&] { return analysis::sweep_to_csv(report); },
       .table = [&] { return analysis::sweep_table(report); }});
  return 0;
}

}  // namespace spendcast::cli
