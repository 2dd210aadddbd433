#include <fmt/format.h>
#include <fmt/ostream.h>

#include <atomic>
#include <chrono>
#include <limits>
#include <ostream>

#include "analysis/conditioning.hpp"
#include "analysis/conditioning_output.hpp"
#include "analysis/repeated_observations.hpp"
#include "commands.hpp"
#include "interrupt.hpp"
#include "model/model.hpp"
#include "outputs.hpp"
#include "progress.hpp"
#include "report/result_csv.hpp"
#include "report/result_json.hpp"
#include "report/summary_table.hpp"
#include "run_information.hpp"
#include "scenario/load.hpp"
#include "sim/forecast_run.hpp"
#include "sim/simulate.hpp"
#include "simulation_options.hpp"
#include "usage.hpp"

namespace spendcast::cli {

namespace po = boost::program_options;

namespace {

/// --max-memory's default: 4 GiB.
constexpr std::uint64_t default_max_memory = std::uint64_t{4} << 30;

/// Refuses, before simulating, more paths than --max-paths and an --exact run whose
/// memory estimate (at --max-paths with --target-se, which may grow the run that far) is
/// above --max-memory.
void check_run_size(const CommandLine& line, const ForecastRunOptions& options,
                    const MetricLayout& layout, std::uint64_t max_memory, bool writes_json) {
  if (options.paths > options.max_paths)
    throw UsageError(fmt::format(
        "spendcast run: {} paths is more than --max-paths {}; raise --max-paths to run them; {}",
        options.paths, options.max_paths, see_help(line.name)));
  if (!options.accumulator.exact) return;
  const bool grows = options.target_relative_se.has_value();
  const std::uint64_t paths = grows ? options.max_paths : options.paths;
  const std::uint64_t estimate = exact_memory_estimate(layout, paths, writes_json);
  if (estimate <= max_memory) return;
  constexpr double gib = 1024.0 * 1024.0 * 1024.0;
  throw UsageError(fmt::format(
      "spendcast run: --exact with {} paths{} needs about {:.3g} GiB ({} values), more than "
      "--max-memory {:.3g} GiB; use fewer paths{}, drop --exact (the sketch needs little "
      "memory), or raise --max-memory; {}",
      paths, grows ? " (--target-se may grow the run to --max-paths)" : "",
      static_cast<double>(estimate) / gib, paths * layout.metrics.size() * layout.years.size(),
      static_cast<double>(max_memory) / gib, grows ? " or a lower --max-paths" : "",
      see_help(line.name)));
}

/// `run --condition`: the conditional forecast of `model` given the observations in
/// `observations_path` (docs/ANALYSIS.md, "Conditioning on observations"), in every
/// format run writes, with the conditioning summary (kept paths, acceptance, prior and
/// posterior of each uncertain θ). Its RunInfo counts the kept paths.
int run_conditioned(const ScenarioSpec& spec, const Model& model, const ForecastRunOptions& options,
                    const std::string& observations_path, const std::vector<OutputRequest>& outputs,
                    bool quiet, Streams streams) {
  const std::vector<analysis::Observation> observations =
      analysis::read_observations_file(observations_path);
  analysis::refuse_repeated_observations(observations);
  const analysis::Likelihood likelihood = analysis::likelihood_of(observations, *model.layout);
  const int threads = resolve_threads(options.threads);
  const auto start = std::chrono::steady_clock::now();
  // One round = one sampling design of paths [first, first + n), as run_forecast's rounds.
  const auto simulate_round = [&](std::uint64_t first, std::uint64_t n) {
    ProgressBar progress(streams.err, !quiet && stderr_is_terminal());
    std::atomic<std::uint64_t> done{0};
    try {
      return analysis::simulate_conditioned(
          model, likelihood, options.seed, n, threads, options.accumulator, options.stop,
          [&](std::uint64_t k) { progress.update(done += k, n); }, first);
    } catch (const SimulationStopped&) {
      throw Interrupted();
    }
  };
  std::uint64_t simulated = std::max<std::uint64_t>(options.paths, 1);
  analysis::ConditionedForecast c = simulate_round(0, simulated);
  // --target-se counts kept paths: rounds are added, as in a plain run, until every
  // median of the conditional forecast has its relative standard error.
  int rounds = 1;
  WorstMedian worst;
  bool target_met = true;
  while (options.target_relative_se) {
    worst = c.kept_paths() > 1 ? largest_median_relative_se(c.kept().forecast())
                               : WorstMedian{std::numeric_limits<double>::infinity(), "", 0};
    if (worst.relative_se <= *options.target_relative_se) break;
    if (simulated >= options.max_paths) {
      target_met = false;
      break;
    }
    const double ratio = worst.relative_se / *options.target_relative_se;
    const double wanted = 1.1 * static_cast<double>(simulated) * ratio * ratio;
    const auto next_total = static_cast<std::uint64_t>(
        std::min(static_cast<double>(options.max_paths), std::max(wanted, 2.0 * simulated)));
    c.merge(simulate_round(simulated, next_total - simulated));
    simulated = next_total;
    ++rounds;
  }
  const double elapsed_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (c.kept_paths() == 0) {
    streams.err << fmt::format(
        "spendcast run: --condition {}: none of the {} paths was kept: the observations are "
        "far from the forecast or stated too precisely; raise --paths or check their values "
        "and uncertainties (nothing written)\n",
        observations_path, c.paths());
    return 1;
  }
  const RunInfo info = run_info(spec, model, c.kept_paths(), threads, elapsed_s, options);
  const Forecast forecast = c.kept().forecast();
  std::vector<OutputFile> files;
  for (const OutputRequest& o : outputs) {
    if (o.option == "--json") {
      nlohmann::json j = result_to_json(spec, info, c.kept());
      j["conditioning"] = analysis::conditioning_to_json(c, observations, observations_path);
      files.push_back({o.path, j.dump(1) + "\n"});
    } else {
      files.push_back({o.path, result_to_csv(spec.name, spec.overrides, forecast)});
    }
  }
  write_command_outputs(files, streams.out, options.stop);
  if (!quiet && !writes_standard_output(outputs))
    streams.out << summary_table(spec, info, forecast)
                << analysis::conditioning_table(c, observations, observations_path);
  else
    streams.err << analysis::few_kept_warning(c);
  if (options.target_relative_se) {
    streams.err << fmt::format(
        "--target-se {}: {} after {} paths ({} kept) in {} round{}; largest relative se of a "
        "median {:.3g} ({} {})\n",
        *options.target_relative_se, target_met ? "reached" : "NOT reached (path limit)", c.paths(),
        c.kept_paths(), rounds, rounds == 1 ? "" : "s", worst.relative_se, worst.metric,
        worst.year);
    if (!target_met) return 1;
  }
  return 0;
}

}  // namespace

int run_command(const std::vector<std::string>& args, Streams streams) {
  CommandLine line("run", "spendcast run SCENARIO [options]");
  add_simulation_options(line);
  // clang-format off
  line.options.add_options()
    ("json", po::value<std::string>(), "write the result JSON to FILE (docs/RESULT-FORMAT.md)")
    ("csv", po::value<std::string>(), "write the result as tidy CSV to FILE")
    ("exact", "keep every value for exact quantiles (memory grows with paths: small runs)")
    ("condition", po::value<std::string>(), "condition the forecast on the observations in OBS.toml (docs/ANALYSIS.md)")
    ("target-se", po::value<double>(), "add paths until every median's relative standard error is at most X")
    ("max-paths", po::value<std::string>(), "refuse more paths than N; --target-se stops there (default: 1e9)")
    ("max-memory", po::value<std::string>(), "refuse an --exact run whose estimated memory is above BYTES, e.g. 8G (default: 4G)")
    ("quiet,q", "no summary table and no progress bar");
  // clang-format on
  line.hidden.add_options()("scenario", po::value<std::string>()->required(), "scenario file");
  line.positional.add("scenario", 1);
  auto parsed = parse_command_line(line, args);
  const auto& vm = parsed.values;
  const bool quiet = vm.count("quiet") > 0;
  ForecastRunOptions options;
  options.threads = threads_option(line, parsed, streams.err);
  options.accumulator.exact = vm.count("exact") > 0;
  if (vm.count("target-se")) {
    const double target = vm["target-se"].as<double>();
    if (!(target > 0 && target < 1))
      throw UsageError(
          fmt::format("spendcast run: --target-se {}: expected a relative standard "
                      "error in (0, 1), e.g. 0.005; {}",
                      target, see_help("run")));
    options.target_relative_se = target;
  }

  if (vm.count("max-paths")) {
    options.max_paths = whole_number_option(line, "max-paths", vm["max-paths"].as<std::string>());
    if (options.max_paths == 0)
      throw UsageError(fmt::format("spendcast run: --max-paths 0: expected at least 1; {}",
                                   see_help(line.name)));
  }
  const std::uint64_t max_memory =
      vm.count("max-memory")
          ? byte_size_option(line, "max-memory", vm["max-memory"].as<std::string>())
          : default_max_memory;
  const std::string scenario_path = vm["scenario"].as<std::string>();
  std::vector<std::string> inputs{scenario_path};
  if (vm.count("condition")) inputs.push_back(vm["condition"].as<std::string>());
  const std::vector<OutputRequest> outputs = requested_outputs(parsed, inputs);

  LoadedScenario scenario = load_scenario_file(scenario_path, scenario_overrides(line, parsed));
  scenario.spec.overrides = set_assignments(parsed);
  for (const auto& w : scenario.warnings) streams.err << w.to_string() << '\n';
  check_outputs_against(outputs, scenario);
  const ScenarioSpec& spec = scenario.spec;
  const Model model = compile_model(spec);
  options.paths = spec.simulation.paths;
  options.seed = spec.simulation.seed;
  check_run_size(line, options, *model.layout, max_memory, vm.count("json") > 0);
  if (vm.count("condition")) {
    InterruptGuard interrupt;
    options.stop = interrupt.stop();
    return run_conditioned(spec, model, options, vm["condition"].as<std::string>(), outputs, quiet,
                           streams);
  }

  InterruptGuard interrupt;
  options.stop = interrupt.stop();
  ForecastRun run = [&] {
    ProgressBar progress(streams.err, !quiet && stderr_is_terminal());
    options.progress = [&](std::uint64_t done, std::uint64_t total) {
      progress.update(done, total);
    };
    try {
      return run_forecast(model, options);
    } catch (const SimulationStopped&) {
      throw Interrupted();
    }
  }();

  const RunInfo info = run_info(spec, model, run.paths, run.threads, run.elapsed_s, options);

  const Forecast forecast = run.accumulator.forecast();
  std::vector<OutputFile> files;
  for (const OutputRequest& o : outputs)
    files.push_back({o.path, o.option == "--json"
                                 ? result_to_json(spec, info, run.accumulator).dump(1) + "\n"
                                 : result_to_csv(spec.name, spec.overrides, forecast)});
  write_command_outputs(files, streams.out, options.stop);
  if (!quiet && !writes_standard_output(outputs))
    streams.out << summary_table(spec, info, forecast);
  if (options.target_relative_se) {
    streams.err << fmt::format(
        "--target-se {}: {} after {} paths in {} round{}; largest relative se of a median {:.3g} "
        "({} {})\n",
        *options.target_relative_se, run.target_met ? "reached" : "NOT reached (path limit)",
        run.paths, run.rounds, run.rounds == 1 ? "" : "s", run.worst.relative_se, run.worst.metric,
        run.worst.year);
    if (!run.target_met) return 1;
  }
  return 0;
}

}  // namespace spendcast::cli
