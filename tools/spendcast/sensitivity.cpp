#include <fmt/format.h>

#include <ostream>

#include "analysis/sensitivity.hpp"
#include "analysis/sensitivity_output.hpp"
#include "command_flow.hpp"
#include "commands.hpp"
#include "engine_version.hpp"
#include "outputs.hpp"
#include "scenario/load.hpp"
#include "simulation_options.hpp"
#include "usage.hpp"

namespace spendcast::cli {

namespace po = boost::program_options;

namespace {

/// Paths of a sensitivity run unless --paths or --set simulation.paths says otherwise:
/// ranks need every path's values in memory (O(paths × parameters)).
constexpr const char* default_paths = "simulation.paths=20000";

}  // namespace

int sensitivity_command(const std::vector<std::string>& args, Streams streams) {
  CommandLine line("sensitivity", "spendcast sensitivity SCENARIO --metric M [--year Y] [options]");
  add_simulation_options(line);
  // clang-format off
  line.options.add_options()
    ("metric", po::value<std::string>()->required(), "the metric to explain")
    ("year", po::value<int>(), "the year (default: the horizon)")
    ("json", po::value<std::string>(), "write the result JSON to FILE (docs/ANALYSIS.md)")
    ("csv", po::value<std::string>(), "write the result as tidy CSV to FILE")
    ("quiet,q", "no table and no progress bar");
  // clang-format on
  line.hidden.add_options()("scenario", po::value<std::string>()->required(), "scenario file");
  line.positional.add("scenario", 1);
  line.epilogue =
      "Without --paths, sensitivity runs 20000 paths (every path's parameters are kept for the "
      "ranks).\n";
  auto parsed = parse_command_line(line, args);
  const auto& vm = parsed.values;
  const bool quiet = vm.count("quiet") > 0;
  const std::vector<OutputRequest> outputs =
      requested_outputs(parsed, {vm["scenario"].as<std::string>()});
  std::vector<std::string> overrides = scenario_overrides(line, parsed);
  if (!vm.count("paths")) overrides.insert(overrides.begin(), default_paths);
  const LoadedScenario scenario = load_scenario_file(vm["scenario"].as<std::string>(), overrides);
  for (const auto& w : scenario.warnings) streams.err << w.to_string() << '\n';
  check_outputs_against(outputs, scenario);

  analysis::SensitivityOptions options;
  options.metric = vm["metric"].as<std::string>();
  if (vm.count("year")) options.year = vm["year"].as<int>();
  options.threads = threads_option(line, parsed, streams.err);
  CommandFlow flow(streams, quiet);
  options.stop = flow.stop();
  const analysis::SensitivityReport report = flow.simulate([&](ProgressBar& progress) {
    options.progress = [&](std::uint64_t done, std::uint64_t total) {
      progress.update(done, total);
    };
    return analysis::analyse_sensitivity(scenario.spec, options);
  });
  flow.finish(outputs,
              {.json =
                   [&] {
                     return with_engine_version(analysis::sensitivity_to_json(report)).dump(1) +
                            "\n";
                   },
               .csv = [&] { return analysis::sensitivity_to_csv(report); },
               .table = [&] { return analysis::sensitivity_table(report); }});
  return 0;
}

}  // namespace spendcast::cli
