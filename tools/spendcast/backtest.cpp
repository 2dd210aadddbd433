#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <ostream>

#include "analysis/backtest.hpp"
#include "analysis/backtest_output.hpp"
#include "command_flow.hpp"
#include "commands.hpp"
#include "engine_version.hpp"
#include "outputs.hpp"
#include "rank_reduce.hpp"
#include "ranks.hpp"
#include "report/scenario_json.hpp"
#include "scenario/load.hpp"
#include "simulation_options.hpp"
#include "usage.hpp"

namespace spendcast::cli {

namespace po = boost::program_options;

namespace {

/// The reference files a --data value names: the file itself, or every *.toml file of a
/// folder in name order.
std::vector<std::string> reference_files(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_directory(path, ec)) return {path};
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(path, ec))
    if (entry.path().extension() == ".toml") files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  if (files.empty())
    throw UsageError(fmt::format("spendcast backtest: --data {}: the folder has no .toml file; {}",
                                 path, see_help("backtest")));
  return files;
}

/// Paths per origin unless --paths or --set simulation.paths says otherwise.
constexpr const char* default_paths = "simulation.paths=10000";

/// Splits a backtest's paths across the ranks of this process's MPI job: each rank
/// simulates its shard of every origin's paths, rank 0 merges every rank's accumulators
/// (exact, order-free) before scoring. The ranks check that they ran the same: every
/// origin's resolved scenario (the scenario, --set and the reference data up to the
/// origin) and the build. Returns the hook that merges them.
analysis::BacktestCombine split_across_ranks(analysis::BacktestOptions& options) {
  options.shard = rank_shard();
  return [](const std::vector<scenario::ScenarioSpec>& runs,
            std::vector<stats::ForecastAccumulator>& forecasts) {
    nlohmann::json what = nlohmann::json::array();
    for (const scenario::ScenarioSpec& spec : runs) what.push_back(report::scenario_to_json(spec));
    const std::string fingerprint =
        nlohmann::json{{"runs", what}, {"engine", engine_version()}}.dump();
    nlohmann::json mine = nlohmann::json::array();
    for (const stats::ForecastAccumulator& f : forecasts) mine.push_back(f.to_json());
    for (const nlohmann::json& state : gather_states(mine, fingerprint))
      for (std::size_t r = 0; r < forecasts.size(); ++r)
        forecasts[r].merge(stats::ForecastAccumulator::from_json(state.at(r)));
  };
}

}  // namespace

int backtest_command(const std::vector<std::string>& args, Streams streams) {
  CommandLine line("backtest",
                   "spendcast backtest SCENARIO --data REFERENCE.toml [--data ...] [options]");
  add_simulation_options(line);
  // clang-format off
  line.options.add_options()
    ("data", po::value<std::vector<std::string>>()->required(), "a reference market's history, or a folder of them (scenarios/data/reference; repeatable)");
  // clang-format on
  add_output_options(line, {.json = "write the backtest as JSON to FILE (docs/ANALYSIS.md)",
                            .csv = "write the backtest as tidy CSV to FILE",
                            .quiet = "no table and no progress bar"});
  add_scenario_argument(line);
  line.epilogue =
      "Runs the scenario's share dynamics from every origin year of each reference market\n"
      "(base year = origin, its data up to the origin) and scores every later observed share;\n"
      "where the data give spend, every later observed spend too, in a section of its own.\n"
      "Without --paths, each origin runs 10000 paths; every origin uses the same seed. The\n"
      "origins run concurrently on the --threads threads.\n"
      "Under mpirun -n R (or srun) every origin's paths split across the R ranks and rank 0\n"
      "writes the one result (docs/SCALING.md).\n";
  auto parsed = parse_command_line(line, args);
  const auto& vm = parsed.values;
  const std::string scenario_path = vm["scenario"].as<std::string>();
  std::vector<std::string> data_paths;
  for (const std::string& d : vm["data"].as<std::vector<std::string>>())
    for (std::string& f : reference_files(d)) data_paths.push_back(std::move(f));
  std::vector<std::string> inputs = data_paths;
  inputs.insert(inputs.begin(), scenario_path);
  const std::vector<report::OutputRequest> outputs = requested_outputs(parsed, inputs);
  std::vector<std::string> overrides = scenario_overrides(line, parsed);
  if (!vm.count("paths")) overrides.insert(overrides.begin(), default_paths);
  const scenario::LoadedScenario scenario = scenario::load_scenario_file(scenario_path, overrides);
  for (const auto& w : scenario.warnings) streams.err << w.to_string() << '\n';
  std::vector<analysis::ReferenceData> references;
  for (const std::string& path : data_paths)
    references.push_back(analysis::read_reference_file(path));

  CommandFlow flow(streams, vm.count("quiet") > 0);
  analysis::BacktestOptions options;
  options.threads = threads_option(line, parsed, streams.err);
  options.stop = flow.stop();
  analysis::BacktestCombine combine;
  if (world_size() > 1) combine = split_across_ranks(options);
  const analysis::BacktestReport report = flow.simulate([&](ProgressBar& progress) {
    options.progress = [&](std::uint64_t n, std::uint64_t total) { progress.add(n, total); };
    return analysis::run_backtest(scenario.document, scenario_path, references, options, combine);
  });
  for (const auto& w : report.warnings) streams.err << w.to_string() << '\n';
  flow.finish(
      outputs,
      {.json =
           [&] { return with_engine_version(analysis::backtest_to_json(report)).dump(1) + "\n"; },
       .csv = [&] { return analysis::backtest_to_csv(report); },
       .table = [&] { return analysis::backtest_table(report); }});
  return 0;
}

}  // namespace spendcast::cli
