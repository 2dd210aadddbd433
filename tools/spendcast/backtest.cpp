#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <ostream>

#include "analysis/backtest.hpp"
#include "analysis/backtest_output.hpp"
#include "commands.hpp"
#include "engine_version.hpp"
#include "interrupt.hpp"
#include "outputs.hpp"
#include "scenario/load.hpp"
#include "sim/simulate.hpp"
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

}  // namespace

int backtest_command(const std::vector<std::string>& args, Streams streams) {
  CommandLine line("backtest",
                   "spendcast backtest SCENARIO --data REFERENCE.toml [--data ...] [options]");
  add_simulation_options(line);
  // clang-format off
  line.options.add_options()
    ("data", po::value<std::vector<std::string>>()->required(), "a reference market's history, or a folder of them (scenarios/data/reference; repeatable)")
    ("json", po::value<std::string>(), "write the backtest as JSON to FILE (docs/ANALYSIS.md)")
    ("csv", po::value<std::string>(), "write the backtest as tidy CSV to FILE")
    ("quiet,q", "no table");
  // clang-format on
  line.hidden.add_options()("scenario", po::value<std::string>()->required(), "scenario file");
  line.positional.add("scenario", 1);
  line.epilogue =
      "Runs the scenario's share dynamics from every origin year of each reference market (base "
      "year = origin, its data up to the origin) and scores every later observed share. Without "
      "--paths, each origin runs 10000 paths; every origin uses the same seed.\n";
  auto parsed = parse_command_line(line, args);
  const auto& vm = parsed.values;
  const std::string scenario_path = vm["scenario"].as<std::string>();
  std::vector<std::string> data_paths;
  for (const std::string& d : vm["data"].as<std::vector<std::string>>())
    for (std::string& f : reference_files(d)) data_paths.push_back(std::move(f));
  std::vector<std::string> inputs = data_paths;
  inputs.insert(inputs.begin(), scenario_path);
  const std::vector<OutputRequest> outputs = requested_outputs(parsed, inputs);
  std::vector<std::string> overrides = scenario_overrides(line, parsed);
  if (!vm.count("paths")) overrides.insert(overrides.begin(), default_paths);
  const LoadedScenario scenario = load_scenario_file(scenario_path, overrides);
  for (const auto& w : scenario.warnings) streams.err << w.to_string() << '\n';
  std::vector<analysis::ReferenceData> references;
  for (const std::string& path : data_paths)
    references.push_back(analysis::read_reference_file(path));

  analysis::BacktestOptions options;
  options.threads = threads_option(line, parsed, streams.err);
  InterruptGuard interrupt;
  options.stop = interrupt.stop();
  analysis::BacktestReport report;
  try {
    report = analysis::run_backtest(scenario.document, scenario_path, references, options);
  } catch (const SimulationStopped&) {
    throw Interrupted();
  }
  for (const auto& w : report.warnings) streams.err << w.to_string() << '\n';
  std::vector<OutputFile> files;
  for (const OutputRequest& o : outputs)
    files.push_back(
        {o.path, o.option == "--json"
                     ? with_engine_version(analysis::backtest_to_json(report)).dump(1) + "\n"
                     : analysis::backtest_to_csv(report)});
  write_command_outputs(files, streams.out, options.stop);
  if (vm.count("quiet") == 0 && !writes_standard_output(outputs))
    streams.out << analysis::backtest_table(report);
  return 0;
}

}  // namespace spendcast::cli
