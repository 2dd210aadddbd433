#include <fmt/format.h>

#include <optional>
#include <ostream>

#include "analysis/comparison.hpp"
#include "analysis/comparison_output.hpp"
#include "analysis/conditioning.hpp"
#include "analysis/conditioning_output.hpp"
#include "analysis/repeated_observations.hpp"
#include "analysis/result_input.hpp"
#include "command_flow.hpp"
#include "commands.hpp"
#include "engine_version.hpp"
#include "outputs.hpp"
#include "rank_reduce.hpp"
#include "ranks.hpp"
#include "report/scenario_json.hpp"
#include "scenario/load.hpp"
#include "sim/forecast_run.hpp"
#include "simulation_options.hpp"
#include "usage.hpp"

namespace spendcast::cli {

namespace po = boost::program_options;

namespace {

/// Result files were run already: options that change a run do not apply to them.
void refuse_run_options(const CommandLine& line, const ParsedOptions& parsed) {
  for (const char* option : {"paths", "seed", "steps-per-year", "set"})
    if (parsed.values.count(option))
      throw UsageError(fmt::format(
          "spendcast compare: --{} changes a run, and result files have been run already "
          "(give scenario files to run them); {}",
          option, see_help(line.name)));
}

/// What a paired comparison computes, for the ranks of an MPI job to check that they all
/// ran the same.
std::string comparison_fingerprint(const std::vector<scenario::ScenarioSpec>& specs,
                                   const analysis::MetricRequest& request) {
  nlohmann::json scenarios = nlohmann::json::array();
  for (const scenario::ScenarioSpec& spec : specs)
    scenarios.push_back(report::scenario_to_json(spec));
  return nlohmann::json{{"scenarios", scenarios},
                        {"metrics", request.metrics},
                        {"years", request.years},
                        {"engine", engine_version()}}
      .dump();
}

/// Splits a paired comparison's paths across the ranks of this process's MPI job: each
/// rank simulates its shard, rank 0 merges every rank's pairs (exact, order-free).
void split_across_ranks(analysis::PairedRunOptions& options,
                        const std::vector<scenario::ScenarioSpec>& specs,
                        const analysis::MetricRequest& request) {
  options.shard = rank_shard();
  options.combine = [fingerprint = comparison_fingerprint(specs, request)](
                        std::vector<analysis::PairedAccumulator>& pairs) {
    nlohmann::json mine = nlohmann::json::array();
    for (const analysis::PairedAccumulator& pair : pairs) mine.push_back(pair.to_json());
    for (const nlohmann::json& state : gather_states(mine, fingerprint))
      for (std::size_t k = 0; k < pairs.size(); ++k) pairs[k].merge_json(state.at(k));
  };
}

/// Adds the options and positional inputs of `spendcast compare` to `line`.
void add_compare_options(CommandLine& line) {
  add_simulation_options(line);
  // clang-format off
  line.options.add_options()
    ("metric", po::value<std::vector<std::string>>(), "metric to compare (repeatable; default: spend and every vendor share)")
    ("year", po::value<std::vector<int>>(), "year to compare (repeatable; default: every year)")
    ("max-input-size", po::value<std::string>(), "refuse result files larger than BYTES, e.g. 100M (default: 32M; reading takes about 25 times a file's size in memory)")
    ("condition", po::value<std::string>(), "compare one SCENARIO conditioned on OBS.toml with it unconditioned, on the same paths");
  // clang-format on
  add_output_options(line, {.json = "write the comparison JSON to FILE (docs/ANALYSIS.md)",
                            .csv = "write the comparison as tidy CSV to FILE",
                            .quiet = "no table and no progress bar"});
  line.hidden.add_options()("inputs", po::value<std::vector<std::string>>()->required(),
                            "scenario or result files");
  line.positional.add("inputs", -1);
  line.epilogue =
      "Under mpirun -n R (or srun), a paired comparison of scenario files splits its paths "
      "across the R ranks and rank 0 writes the one result (docs/SCALING.md).\n";
}

/// Refuses inputs that compare cannot take: --condition with other than one scenario
/// file, fewer than two files, or scenario files mixed with result files. Returns
/// whether the inputs are result files.
bool check_inputs(const CommandLine& line, const std::vector<std::string>& inputs, bool condition) {
  if (condition && (inputs.size() != 1 || analysis::is_result_path(inputs.front())))
    throw UsageError(fmt::format(
        "spendcast compare --condition: expected one scenario file (got {}{}); it is compared "
        "with itself conditioned on the observations; {}",
        inputs.size(), inputs.size() == 1 ? ": a result file" : " inputs", see_help(line.name)));
  if (inputs.size() < 2 && !condition)
    throw UsageError(fmt::format(
        "spendcast compare: expected at least two scenario files or two result files (got "
        "{}); {}",
        inputs.front(), see_help(line.name)));
  const bool results = analysis::is_result_path(inputs.front());
  for (const std::string& input : inputs)
    if (analysis::is_result_path(input) != results)
      throw UsageError(fmt::format(
          "spendcast compare: cannot mix scenario files and result files (got {} and {}); "
          "compare scenarios with scenarios (paired) or results with results; {}",
          inputs.front(), input, see_help(line.name)));
  return results;
}

/// Loads scenario file `input` with `overrides` and the command line's --set, prints its
/// warnings to `err` and checks the requested outputs against it.
scenario::ScenarioSpec load_checked(const std::string& input,
                                    const std::vector<std::string>& overrides,
                                    const ParsedOptions& parsed,
                                    const std::vector<report::OutputRequest>& outputs,
                                    std::ostream& err) {
  scenario::LoadedScenario scenario = scenario::load_scenario_file(input, overrides);
  for (const auto& w : scenario.warnings) err << w.to_string() << '\n';
  scenario.spec.overrides = set_assignments(parsed);
  check_outputs_against(outputs, scenario);
  return std::move(scenario.spec);
}

/// The comparison of `spec` run unconditioned (`plain`, from `scenario_path`) with the
/// paths of the same run kept by conditioning (`c`) on the `observations` of `obs_path`.
analysis::ComparisonReport conditioned_comparison(const std::string& scenario_path,
                                                  const std::string& obs_path,
                                                  const scenario::ScenarioSpec& spec,
                                                  const sim::ForecastRun& plain,
                                                  const analysis::ConditionedForecast& c,
                                                  std::size_t observations,
                                                  const analysis::MetricRequest& request) {
  const nlohmann::json scenario_json = report::scenario_to_json(spec);
  report::RunInfo info;
  info.seed = spec.simulation.seed;
  info.paths = plain.paths;
  report::ResultFile unconditional{scenario_path, spec.name, spec.title,
                                   scenario_json, info,      plain.accumulator};
  info.paths = c.kept_paths();
  report::ResultFile conditional{
      obs_path, spec.name + "+condition", spec.title, scenario_json, info, c.kept()};
  analysis::ComparisonReport report =
      analysis::compare_results({unconditional, conditional}, request);
  report.notes.clear();
  report.notes.push_back(fmt::format(
      "conditioned on {} observation{} ({}): {} of {} paths kept (acceptance {:.3g} %); the "
      "conditional forecast is the kept subset of the same paths (same seed), so a kept "
      "path's value is the same in both and the comparison is of distributions",
      observations, observations == 1 ? "" : "s", obs_path, c.kept_paths(), c.paths(),
      100.0 * static_cast<double>(c.kept_paths()) / static_cast<double>(c.paths())));
  return report;
}

/// compare --condition: runs the one scenario of `inputs` plain and conditioned on the
/// observations file, on the same paths, and compares the two; nothing (the reason
/// written to `streams.err`) when no path was kept.
std::optional<analysis::ComparisonReport> compare_conditioned(
    const CommandLine& line, const ParsedOptions& parsed, const std::vector<std::string>& inputs,
    const std::vector<report::OutputRequest>& outputs, const analysis::MetricRequest& request,
    const CommandFlow& flow, Streams streams) {
  const std::string& obs_path = parsed.values["condition"].as<std::string>();
  std::vector<std::string> all_inputs = inputs;
  all_inputs.push_back(obs_path);
  requested_outputs(parsed, all_inputs);
  const scenario::ScenarioSpec spec =
      load_checked(inputs.front(), scenario_overrides(line, parsed), parsed, outputs, streams.err);
  const model::Model model = model::compile_model(spec);
  const std::vector<analysis::Observation> observations =
      analysis::read_observations_file(obs_path);
  analysis::refuse_repeated_observations(observations);
  const analysis::Likelihood likelihood = analysis::likelihood_of(observations, *model.layout);
  sim::ForecastRunOptions run_options;
  run_options.paths = spec.simulation.paths;
  run_options.seed = spec.simulation.seed;
  run_options.threads = sim::resolve_threads(threads_option(line, parsed, streams.err));
  run_options.stop = flow.stop();
  const sim::ForecastRun plain =
      flow.simulate([&](ProgressBar&) { return sim::run_forecast(model, run_options); });
  const analysis::ConditionedForecast c = flow.simulate([&](ProgressBar&) {
    return analysis::simulate_conditioned(model, likelihood, run_options.seed, run_options.paths,
                                          run_options.threads, {}, run_options.stop);
  });
  if (c.kept_paths() == 0) {
    streams.err << fmt::format(
        "spendcast compare: --condition {}: none of the {} paths was kept; raise --paths or "
        "check the observations' values and uncertainties (nothing written)\n",
        obs_path, c.paths());
    return std::nullopt;
  }
  streams.err << analysis::few_kept_warning(c);
  return conditioned_comparison(inputs.front(), obs_path, spec, plain, c, observations.size(),
                                request);
}

/// Compares result files that were run already (read up to --max-input-size each).
analysis::ComparisonReport compare_result_files(const CommandLine& line,
                                                const ParsedOptions& parsed,
                                                const std::vector<std::string>& inputs,
                                                const analysis::MetricRequest& request) {
  refuse_run_options(line, parsed);
  const auto& vm = parsed.values;
  std::vector<report::ResultFile> files;
  const std::uint64_t max_input =
      vm.count("max-input-size")
          ? byte_size_option(line, "max-input-size", vm["max-input-size"].as<std::string>())
          : report::default_max_result_bytes;
  for (const std::string& input : inputs)
    files.push_back(analysis::read_result_input(input, max_input));
  return analysis::compare_results(files, request);
}

/// Runs the scenario files of `inputs` on the same paths (split across the ranks of an
/// MPI job) and compares them pair by pair.
analysis::ComparisonReport compare_scenario_files(const CommandLine& line,
                                                  const ParsedOptions& parsed,
                                                  const std::vector<std::string>& inputs,
                                                  const std::vector<report::OutputRequest>& outputs,
                                                  const analysis::MetricRequest& request,
                                                  const CommandFlow& flow, Streams streams) {
  const std::vector<std::string> overrides = scenario_overrides(line, parsed);
  std::vector<scenario::ScenarioSpec> specs;
  for (const std::string& input : inputs)
    specs.push_back(load_checked(input, overrides, parsed, outputs, streams.err));
  analysis::PairedRunOptions options;
  options.threads = threads_option(line, parsed, streams.err);
  options.stop = flow.stop();
  if (world_size() > 1) split_across_ranks(options, specs, request);
  const std::uint64_t paths = specs.front().simulation.paths;
  const std::uint64_t total = options.shard ? sim::shard_range(paths, *options.shard).paths : paths;
  return flow.simulate([&](ProgressBar& progress) {
    options.progress = [&](std::uint64_t n) { progress.add(n, total); };
    return analysis::compare_scenarios(specs, request, options);
  });
}

}  // namespace

int compare_command(const std::vector<std::string>& args, Streams streams) {
  CommandLine line("compare", "spendcast compare A B [C ...] [options]");
  add_compare_options(line);
  auto parsed = parse_command_line(line, args);
  const auto& vm = parsed.values;
  const bool quiet = vm.count("quiet") > 0;
  const auto inputs = vm["inputs"].as<std::vector<std::string>>();
  const bool condition = vm.count("condition") > 0;
  const bool results = check_inputs(line, inputs, condition);
  const std::vector<report::OutputRequest> outputs = requested_outputs(parsed, inputs);
  const analysis::MetricRequest request = metric_request(vm);

  if (condition && world_size() > 1)
    throw UsageError(fmt::format(
        "spendcast compare --condition: runs as one process; under mpirun or srun compare "
        "scenarios without --condition (docs/SCALING.md); {}",
        see_help(line.name)));
  CommandFlow flow(streams, quiet);
  analysis::ComparisonReport report;
  if (condition) {
    std::optional<analysis::ComparisonReport> conditioned =
        compare_conditioned(line, parsed, inputs, outputs, request, flow, streams);
    if (!conditioned) return 1;
    report = std::move(*conditioned);
  } else if (results) {
    report = compare_result_files(line, parsed, inputs, request);
  } else {
    report = compare_scenario_files(line, parsed, inputs, outputs, request, flow, streams);
  }
  flow.finish(
      outputs,
      {.json =
           [&] { return with_engine_version(analysis::comparison_to_json(report)).dump(1) + "\n"; },
       .csv = [&] { return analysis::comparison_to_csv(report); },
       .table = [&] { return analysis::comparison_table(report); }});
  return 0;
}

}  // namespace spendcast::cli
