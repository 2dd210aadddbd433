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

/// Adds the options and positional input of `spendcast sensitivity` to `line`.
void add_sensitivity_options(CommandLine& line) {
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
}

/// Whether --method asks for Sobol indices (sobol) or the rank analysis (rank); anything
/// else is a UsageError.
bool sobol_method(const po::variables_map& vm) {
  const std::string method = vm["method"].as<std::string>();
  if (method != "rank" && method != "sobol")
    throw UsageError(fmt::format(
        "spendcast sensitivity: --method {}: expected rank or sobol (docs/ANALYSIS.md)", method));
  return method == "sobol";
}

/// Loads the scenario with the command line's overrides (default_paths unless --paths),
/// prints its warnings to `err` and checks the requested `outputs` against it.
scenario::LoadedScenario load_checked(const CommandLine& line, const ParsedOptions& parsed,
                                      const std::vector<report::OutputRequest>& outputs,
                                      std::ostream& err) {
  std::vector<std::string> overrides = scenario_overrides(line, parsed);
  if (!parsed.values.count("paths")) overrides.insert(overrides.begin(), default_paths);
  scenario::LoadedScenario scenario =
      scenario::load_scenario_file(parsed.values["scenario"].as<std::string>(), overrides);
  for (const auto& w : scenario.warnings) err << w.to_string() << '\n';
  check_outputs_against(outputs, scenario);
  return scenario;
}

/// The result of either method, and which one ran.
struct Analysis {
  bool is_sobol = false;
  analysis::SensitivityReport rank;
  analysis::SobolReport sobol;
};

/// The JSON, CSV and table of the method that ran.
CommandOutputs outputs_of(const Analysis& a) {
  return {.json =
              [&a] {
                return with_engine_version(a.is_sobol ? analysis::sobol_to_json(a.sobol)
                                                      : analysis::sensitivity_to_json(a.rank))
                           .dump(1) +
                       "\n";
              },
          .csv =
              [&a] {
                return a.is_sobol ? analysis::sobol_to_csv(a.sobol)
                                  : analysis::sensitivity_to_csv(a.rank);
              },
          .table =
              [&a] {
                return a.is_sobol ? analysis::sobol_table(a.sobol)
                                  : analysis::sensitivity_table(a.rank);
              }};
}

}  // namespace

int sensitivity_command(const std::vector<std::string>& args, Streams streams) {
  CommandLine line("sensitivity",
                   "spendcast sensitivity SCENARIO --metric M [--year Y] [--method rank|sobol] "
                   "[options]");
  add_sensitivity_options(line);
  auto parsed = parse_command_line(line, args);
  const auto& vm = parsed.values;
  Analysis result;
  result.is_sobol = sobol_method(vm);
  const std::vector<report::OutputRequest> outputs =
      requested_outputs(parsed, {vm["scenario"].as<std::string>()});
  const scenario::LoadedScenario scenario = load_checked(line, parsed, outputs, streams.err);

  analysis::SensitivityOptions options;
  options.metric = vm["metric"].as<std::string>();
  if (vm.count("year")) options.year = vm["year"].as<int>();
  options.threads = threads_option(line, parsed, streams.err);
  CommandFlow flow(streams, vm.count("quiet") > 0);
  options.stop = flow.stop();
  flow.simulate([&](ProgressBar& progress) {
    options.progress = [&](std::uint64_t done, std::uint64_t total) {
      progress.update(done, total);
    };
    if (result.is_sobol)
      result.sobol = analysis::analyse_sobol(scenario.spec, options);
    else
      result.rank = analysis::analyse_sensitivity(scenario.spec, options);
    return 0;
  });
  flow.finish(outputs, outputs_of(result));
  return 0;
}

}  // namespace spendcast::cli
