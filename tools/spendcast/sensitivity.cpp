#include <fmt/format.h>

#include <ostream>

#include "analysis/sensitivity.hpp"
#include "analysis/sensitivity_output.hpp"
#include "analysis/sobol_sensitivity.hpp"
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
  CommandLine line("sensitivity",
                   "spendcast sensitivity SCENARIO --metric M [--year Y] [--method rank|sobol] "
                   "[options]");
  add_simulation_options(line);
  // clang-format off
  line.options.add_options()
    ("metric", po::value<std::string>()->required(), "the metric to explain")
    ("year", po::value<int>(), "the year (default: the horizon)")
    ("method", po::value<std::string>()->default_value("rank"),
     "rank: rank correlations, rank regression and pinned medians; sobol: first-order and "
     "total-effect Sobol indices by pick-freeze, (factors + 2) × paths paths");
  // clang-format on
  add_output_options(line, {.json = "write the result JSON to FILE (docs/ANALYSIS.md)",
                            .csv = "write the result as tidy CSV to FILE",
                            .quiet = "no table and no progress bar"});
  add_scenario_argument(line);
  line.epilogue =
      "Without --paths, sensitivity runs 20000 paths (every path's parameters are kept for the "
      "ranks); with --method sobol, --paths is N, the paths of each of the factors + 2 runs.\n";
  auto parsed = parse_command_line(line, args);
  const auto& vm = parsed.values;
  const bool quiet = vm.count("quiet") > 0;
  const std::string method = vm["method"].as<std::string>();
  if (method != "rank" && method != "sobol")
    throw UsageError(fmt::format(
        "spendcast sensitivity: --method {}: expected rank or sobol (docs/ANALYSIS.md)", method));
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
  const bool is_sobol = method == "sobol";
  analysis::SensitivityReport report;
  analysis::SobolReport sobol;
  flow.simulate([&](ProgressBar& progress) {
    options.progress = [&](std::uint64_t done, std::uint64_t total) {
      progress.update(done, total);
    };
    if (is_sobol)
      sobol = analysis::analyse_sobol(scenario.spec, options);
    else
      report = analysis::analyse_sensitivity(scenario.spec, options);
    return 0;
  });
  flow.finish(
      outputs,
      {.json =
           [&] {
             return with_engine_version(is_sobol ? analysis::sobol_to_json(sobol)
                                                 : analysis::sensitivity_to_json(report))
                        .dump(1) +
                    "\n";
           },
       .csv =
           [&] {
             return is_sobol ? analysis::sobol_to_csv(sobol) : analysis::sensitivity_to_csv(report);
           },
       .table =
           [&] {
             return is_sobol ? analysis::sobol_table(sobol) : analysis::sensitivity_table(report);
           }});
  return 0;
}

}  // namespace spendcast::cli
