#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <chrono>
#include <limits>
#include <optional>
#include <ostream>

#include "analysis/conditioning.hpp"
#include "analysis/conditioning_output.hpp"
#include "analysis/repeated_observations.hpp"
#include "checkpointing.hpp"
#include "command_flow.hpp"
#include "commands.hpp"
#include "engine_version.hpp"
#include "model/model.hpp"
#include "outputs.hpp"
#include "rank_reduce.hpp"
#include "ranks.hpp"
#include "report/result_csv.hpp"
#include "report/result_json.hpp"
#include "report/scenario_json.hpp"
#include "report/summary_table.hpp"
#include "run_information.hpp"
#include "scenario/load.hpp"
#include "sim/forecast_run.hpp"
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
void check_run_size(const CommandLine& line, const sim::ForecastRunOptions& options,
                    const stats::MetricLayout& layout, std::uint64_t max_memory, bool writes_json) {
  if (options.paths > options.max_paths)
    throw UsageError(fmt::format(
        "spendcast run: {} paths is more than --max-paths {}; raise --max-paths to run them; {}",
        options.paths, options.max_paths, see_help(line.name)));
  if (!options.accumulator.exact) return;
  const bool grows = options.target_relative_se.has_value();
  const std::uint64_t paths = grows ? options.max_paths : options.paths;
  const std::uint64_t estimate = sim::exact_memory_estimate(layout, paths, writes_json);
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

/// How a --target-se run ended.
struct TargetOutcome {
  bool met = true;                    ///< false when it stopped at --max-paths
  std::uint64_t paths = 0;            ///< paths simulated
  std::optional<std::uint64_t> kept;  ///< paths kept (run --condition)
  int rounds = 1;
  sim::WorstMedian worst;  ///< the least precise median at the end
};

/// Reports on `err` how --target-se `target` ended; returns the run's exit status: 1 when
/// the target was not reached.
int report_target(std::ostream& err, double target, const TargetOutcome& outcome) {
  err << fmt::format(
      "--target-se {}: {} after {} paths{} in {} round{}; largest relative se of a median "
      "{:.3g} ({} {})\n",
      target, outcome.met ? "reached" : "NOT reached (path limit)", outcome.paths,
      outcome.kept ? fmt::format(" ({} kept)", *outcome.kept) : "", outcome.rounds,
      outcome.rounds == 1 ? "" : "s", outcome.worst.relative_se, outcome.worst.metric,
      outcome.worst.year);
  return outcome.met ? 0 : 1;
}

/// What `spendcast run` was asked, read from its command line (the scenario not yet
/// loaded): checked in the order the options are documented, before any work.
struct RunRequest {
  std::string scenario_path;
  std::optional<std::string> observations_path;  ///< --condition OBS.toml
  std::vector<report::OutputRequest> outputs;    ///< --json, --csv
  sim::ForecastRunOptions options;               ///< paths and seed come from the scenario
  std::uint64_t max_memory = default_max_memory;
  bool quiet = false;
  std::optional<std::string> checkpoint_path;  ///< --checkpoint FILE (or --resume's FILE)
  double checkpoint_every_s = 60;              ///< --checkpoint-every
  std::optional<std::string> resume_path;      ///< --resume FILE
};

/// Adds run's own options to `line` (beyond the simulation options every command takes).
void add_run_options(CommandLine& line) {
  add_simulation_options(line);
  // clang-format off
  line.options.add_options()
    ("exact", "keep every value for exact quantiles (memory grows with paths: small runs)")
    ("condition", po::value<std::string>(), "condition the forecast on the observations in OBS.toml (docs/ANALYSIS.md)")
    ("target-se", po::value<double>(), "add paths until every median's relative standard error is at most X")
    ("max-paths", po::value<std::string>(), "refuse more paths than N; --target-se stops there (default: 1e9)")
    ("max-memory", po::value<std::string>(), "refuse an --exact run whose estimated memory is above BYTES, e.g. 8G (default: 4G)")
    ("shard", po::value<std::string>(), "simulate only the K-th of N equal parts of the paths (K/N, 1 <= K <= N), for spendcast merge")
    ("checkpoint", po::value<std::string>(), "keep the completed paths in FILE (atomically; on Ctrl-C too), to finish later with --resume FILE")
    ("checkpoint-every", po::value<double>(), "seconds between checkpoints (default: 60)")
    ("resume", po::value<std::string>(), "finish the run whose checkpoint is FILE (same scenario and options; checkpoints go on to FILE)");
  // clang-format on
  add_output_options(line, {.json = "write the result JSON to FILE (docs/RESULT-FORMAT.md)",
                            .csv = "write the result as tidy CSV to FILE",
                            .quiet = "no summary table and no progress bar"});
  add_scenario_argument(line);
  line.epilogue =
      "Under mpirun -n R (or srun), the paths are split across the R ranks and rank 0 writes "
      "the one result, the same as one process's (docs/SCALING.md).\n";
}

/// --shard, --checkpoint, --checkpoint-every and --resume into `request`; each refused
/// (UsageError) with an option it cannot be exact with.
void read_scale_out_options(const CommandLine& line, const ParsedOptions& parsed,
                            RunRequest& request) {
  const auto& vm = parsed.values;
  if (vm.count("shard")) request.options.shard = shard_option(line, vm["shard"].as<std::string>());
  if (vm.count("resume")) request.resume_path = vm["resume"].as<std::string>();
  if (vm.count("checkpoint"))
    request.checkpoint_path = vm["checkpoint"].as<std::string>();
  else if (request.resume_path)
    request.checkpoint_path = request.resume_path;
  if (vm.count("checkpoint-every")) {
    const double every = vm["checkpoint-every"].as<double>();
    if (!request.checkpoint_path)
      throw UsageError(fmt::format(
          "spendcast run: --checkpoint-every needs --checkpoint FILE (or --resume FILE); {}",
          see_help(line.name)));
    if (!(every > 0 && every <= 1e9))
      throw UsageError(
          fmt::format("spendcast run: --checkpoint-every {}: expected seconds > 0, e.g. 600; {}",
                      every, see_help(line.name)));
    request.checkpoint_every_s = every;
  }
  const char* scale_out = vm.count("shard")        ? "--shard"
                          : vm.count("checkpoint") ? "--checkpoint"
                          : vm.count("resume")     ? "--resume"
                                                   : nullptr;
  if (!scale_out) return;
  if (vm.count("target-se"))
    throw UsageError(fmt::format(
        "spendcast run: {} cannot be combined with --target-se: the paths a target needs are "
        "known only as the run goes; run with --paths instead; {}",
        scale_out, see_help(line.name)));
  if (vm.count("condition"))
    throw UsageError(fmt::format(
        "spendcast run: {} cannot be combined with --condition: it keeps paths by their weights "
        "over the whole run; run it whole; {}",
        scale_out, see_help(line.name)));
}

/// Reads and checks run's options (UsageError, exit status 2, on a bad one).
RunRequest read_run_request(const CommandLine& line, const ParsedOptions& parsed,
                            std::ostream& err) {
  const auto& vm = parsed.values;
  RunRequest request;
  request.quiet = vm.count("quiet") > 0;
  sim::ForecastRunOptions& options = request.options;
  options.threads = threads_option(line, parsed, err);
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
  if (vm.count("max-memory"))
    request.max_memory = byte_size_option(line, "max-memory", vm["max-memory"].as<std::string>());
  read_scale_out_options(line, parsed, request);
  request.scenario_path = vm["scenario"].as<std::string>();
  std::vector<std::string> inputs{request.scenario_path};
  if (vm.count("condition")) {
    request.observations_path = vm["condition"].as<std::string>();
    inputs.push_back(*request.observations_path);
  }
  request.outputs = requested_outputs(parsed, inputs);
  if (request.checkpoint_path) {
    // Checked as an output too (not as an input: --resume FILE goes on writing FILE).
    std::vector<report::OutputRequest> all = request.outputs;
    all.push_back({"--checkpoint", *request.checkpoint_path});
    report::check_outputs(all, std::vector<std::string>{request.scenario_path});
  }
  return request;
}

/// The conditional forecast of `model` given `likelihood`: a round of the run's paths and,
/// with --target-se, more rounds (as in a plain run, but counting kept paths) until every
/// median of the conditional forecast has its relative standard error or --max-paths is
/// reached. `outcome` says how the rounds ended.
analysis::ConditionedForecast simulate_rounds(const model::Model& model,
                                              const analysis::Likelihood& likelihood,
                                              const sim::ForecastRunOptions& options, int threads,
                                              const CommandFlow& flow, TargetOutcome& outcome) {
  // One round = one sampling design of paths [first, first + n), as run_forecast's rounds.
  const auto simulate_round = [&](std::uint64_t first, std::uint64_t n) {
    return flow.simulate([&](ProgressBar& progress) {
      return analysis::simulate_conditioned(
          model, likelihood, options.seed, n, threads, options.accumulator, options.stop,
          [&](std::uint64_t k) { progress.add(k, n); }, first);
    });
  };
  std::uint64_t simulated = std::max<std::uint64_t>(options.paths, 1);
  analysis::ConditionedForecast c = simulate_round(0, simulated);
  while (options.target_relative_se) {
    outcome.worst = c.kept_paths() > 1
                        ? sim::largest_median_relative_se(c.kept().forecast())
                        : sim::WorstMedian{std::numeric_limits<double>::infinity(), "", 0};
    if (outcome.worst.relative_se <= *options.target_relative_se) break;
    if (simulated >= options.max_paths) {
      outcome.met = false;
      break;
    }
    const std::uint64_t next_total = sim::next_round_total(
        simulated, outcome.worst.relative_se, *options.target_relative_se, options.max_paths);
    c.merge(simulate_round(simulated, next_total - simulated));
    simulated = next_total;
    ++outcome.rounds;
  }
  return c;
}

/// What `run --condition` writes: the result of the kept paths (`info`, `forecast`) with
/// the conditioning summary of `c` on the `observations` of `observations_path`.
CommandOutputs conditioned_outputs(const scenario::ScenarioSpec& spec, const report::RunInfo& info,
                                   const stats::Forecast& forecast,
                                   const analysis::ConditionedForecast& c,
                                   const std::vector<analysis::Observation>& observations,
                                   const std::string& observations_path) {
  return {.json =
              [&] {
                nlohmann::json j = report::result_to_json(spec, info, c.kept());
                j["conditioning"] =
                    analysis::conditioning_to_json(c, observations, observations_path);
                return j.dump(1) + "\n";
              },
          .csv = [&] { return report::result_to_csv(spec.name, spec.overrides, forecast); },
          .table =
              [&] {
                return report::summary_table(spec, info, forecast) +
                       analysis::conditioning_table(c, observations, observations_path);
              }};
}

/// `run --condition`: the conditional forecast of `model` given the observations in
/// `observations_path` (docs/ANALYSIS.md, "Conditioning on observations"), in every
/// format run writes, with the conditioning summary (kept paths, acceptance, prior and
/// posterior of each uncertain θ). Its RunInfo counts the kept paths.
int run_conditioned(const scenario::ScenarioSpec& spec, const model::Model& model,
                    const sim::ForecastRunOptions& options, const std::string& observations_path,
                    const std::vector<report::OutputRequest>& outputs, const CommandFlow& flow,
                    Streams streams) {
  const std::vector<analysis::Observation> observations =
      analysis::read_observations_file(observations_path);
  analysis::refuse_repeated_observations(observations);
  const analysis::Likelihood likelihood = analysis::likelihood_of(observations, *model.layout);
  const int threads = sim::resolve_threads(options.threads);
  const auto start = std::chrono::steady_clock::now();
  TargetOutcome outcome;
  const analysis::ConditionedForecast c =
      simulate_rounds(model, likelihood, options, threads, flow, outcome);
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
  const report::RunInfo info = run_info(spec, model, c.kept_paths(), threads, elapsed_s, options);
  const stats::Forecast forecast = c.kept().forecast();
  const bool table = flow.finish(
      outputs, conditioned_outputs(spec, info, forecast, c, observations, observations_path));
  if (!table) streams.err << analysis::few_kept_warning(c);
  if (!options.target_relative_se) return 0;
  outcome.paths = c.paths();
  outcome.kept = c.kept_paths();
  return report_target(streams.err, *options.target_relative_se, outcome);
}

/// What a run computes, for the ranks of an MPI job to check that they all ran the same.
std::string run_fingerprint(const scenario::ScenarioSpec& spec,
                            const sim::ForecastRunOptions& options) {
  return nlohmann::json{{"scenario", report::scenario_to_json(spec)},
                        {"exact", options.accumulator.exact},
                        {"relative_accuracy", options.accumulator.relative_accuracy},
                        {"engine", engine_version()}}
      .dump();
}

/// A plain run: the forecast of `model`, in every format run writes; split across the ranks
/// of an MPI job when there is one (rank 0 writes).
int run_plain(const scenario::ScenarioSpec& spec, const model::Model& model,
              sim::ForecastRunOptions options, const std::vector<report::OutputRequest>& outputs,
              const CommandFlow& flow, Streams streams) {
  const sim::ForecastRun run = flow.simulate([&](ProgressBar& progress) {
    options.progress = [&](std::uint64_t done, std::uint64_t total) {
      progress.update(done, total);
    };
    return run_forecast_on_ranks(model, options,
                                 world_size() > 1 ? run_fingerprint(spec, options) : "");
  });
  if (world_rank() != 0) return 0;
  report::RunInfo info = run_info(spec, model, run.paths, run.threads, run.elapsed_s, options);
  if (options.shard) info.shard = report::ShardOfRun{*options.shard, options.paths};
  const stats::Forecast forecast = run.accumulator.forecast();
  flow.finish(
      outputs,
      {.json = [&] { return report::result_to_json(spec, info, run.accumulator).dump(1) + "\n"; },
       .csv = [&] { return report::result_to_csv(spec.name, spec.overrides, forecast); },
       .table = [&] { return report::summary_table(spec, info, forecast); }});
  if (!options.target_relative_se) return 0;
  TargetOutcome outcome;
  outcome.met = run.target_met;
  outcome.paths = run.paths;
  outcome.rounds = run.rounds;
  outcome.worst = run.worst;
  return report_target(streams.err, *options.target_relative_se, outcome);
}

}  // namespace

int run_command(const std::vector<std::string>& args, Streams streams) {
  CommandLine line("run", "spendcast run SCENARIO [options]");
  add_run_options(line);
  const ParsedOptions parsed = parse_command_line(line, args);
  RunRequest request = read_run_request(line, parsed, streams.err);
  if (world_size() > 1 && (request.observations_path || request.options.target_relative_se))
    throw UsageError(fmt::format(
        "spendcast run: --condition and --target-se run as one process; under mpirun or srun "
        "run a fixed number of paths (docs/SCALING.md); {}",
        see_help(line.name)));
  if (world_size() > 1 && request.checkpoint_path)
    throw UsageError(fmt::format(
        "spendcast run: --checkpoint and --resume run as one process; under mpirun or srun "
        "checkpoint nothing, or run shards (--shard K/N) as separate jobs (docs/SCALING.md); {}",
        see_help(line.name)));

  scenario::LoadedScenario scenario =
      scenario::load_scenario_file(request.scenario_path, scenario_overrides(line, parsed));
  scenario.spec.overrides = set_assignments(parsed);
  for (const auto& w : scenario.warnings) streams.err << w.to_string() << '\n';
  check_outputs_against(request.outputs, scenario);
  const scenario::ScenarioSpec& spec = scenario.spec;
  const model::Model model = model::compile_model(spec);
  sim::ForecastRunOptions& options = request.options;
  options.paths = spec.simulation.paths;
  options.seed = spec.simulation.seed;
  if (options.shard && options.shard->count > options.paths)
    throw UsageError(fmt::format(
        "spendcast run: --shard {}/{}: {} parts of {} paths; at most {} parts (one path each); "
        "{}",
        options.shard->index + 1, options.shard->count, options.shard->count, options.paths,
        options.paths, see_help(line.name)));
  check_run_size(line, options, *model.layout, request.max_memory, parsed.values.count("json") > 0);
  if (request.checkpoint_path) {
    // What a checkpoint records and a resume must match: the scenario and the settings.
    report::RunInfo settings =
        run_info(spec, model, options.paths, sim::resolve_threads(options.threads), 0, options);
    if (options.shard) settings.shard = report::ShardOfRun{*options.shard, options.paths};
    const nlohmann::json scenario_json = report::scenario_to_json(spec);
    if (request.resume_path)
      options.resume = resume_from(*request.resume_path, scenario_json, settings);
    options.checkpoint = CheckpointWriter(*request.checkpoint_path, request.checkpoint_every_s,
                                          scenario_json, settings, streams.err);
    options.chunk_seconds = std::clamp(request.checkpoint_every_s / 4, 0.01, 1.0);
  }

  CommandFlow flow(streams, request.quiet);
  options.stop = flow.stop();
  if (request.observations_path)
    return run_conditioned(spec, model, options, *request.observations_path, request.outputs, flow,
                           streams);
  return run_plain(spec, model, options, request.outputs, flow, streams);
}

}  // namespace spendcast::cli
