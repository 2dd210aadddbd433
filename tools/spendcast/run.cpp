#include <fmt/format.h>
#include <fmt/ostream.h>

#include <ostream>

#include "commands.hpp"
#include "engine_version.hpp"
#include "interrupt.hpp"
#include "model/model.hpp"
#include "progress.hpp"
#include "report/atomic_file.hpp"
#include "report/result_csv.hpp"
#include "report/result_json.hpp"
#include "report/summary_table.hpp"
#include "scenario/load.hpp"
#include "sim/forecast_run.hpp"
#include "sim/simulate.hpp"
#include "simulation_options.hpp"
#include "usage.hpp"

namespace spendcast::cli {

namespace po = boost::program_options;

int run_command(const std::vector<std::string>& args, Streams streams) {
  CommandLine line("run", "spendcast run SCENARIO [options]");
  add_simulation_options(line);
  // clang-format off
  line.options.add_options()
    ("json", po::value<std::string>(), "write the result JSON to FILE (docs/RESULT-FORMAT.md)")
    ("csv", po::value<std::string>(), "write the result as tidy CSV to FILE")
    ("exact", "keep every value for exact quantiles (memory grows with paths: small runs)")
    ("target-se", po::value<double>(), "add paths until every median's relative standard error is at most X")
    ("quiet,q", "no summary table and no progress bar");
  // clang-format on
  line.hidden.add_options()("scenario", po::value<std::string>()->required(), "scenario file");
  line.positional.add("scenario", 1);
  auto parsed = parse_command_line(line, args);
  const auto& vm = parsed.values;
  const bool quiet = vm.count("quiet") > 0;
  ForecastRunOptions options;
  options.threads = threads_option(line, parsed);
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

  for (const char* option : {"json", "csv"})
    if (vm.count(option)) check_writable(vm[option].as<std::string>());

  LoadedScenario scenario =
      load_scenario_file(vm["scenario"].as<std::string>(), scenario_overrides(line, parsed));
  scenario.spec.overrides = set_assignments(parsed);
  for (const auto& w : scenario.warnings) streams.err << w.to_string() << '\n';
  const ScenarioSpec& spec = scenario.spec;
  const Model model = compile_model(spec);
  options.paths = spec.simulation.paths;
  options.seed = spec.simulation.seed;

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

  RunInfo info;
  info.paths = run.paths;
  info.seed = spec.simulation.seed;
  info.threads = run.threads;
  info.steps_per_year = spec.simulation.steps_per_year;
  info.sampling = spec.simulation.sampling;
  info.exact = options.accumulator.exact;
  info.relative_accuracy = info.exact ? 0.0 : options.accumulator.relative_accuracy;
  info.elapsed_s = run.elapsed_s;
  info.path_steps_per_s =
      static_cast<double>(run.paths) * model.steps() / std::max(run.elapsed_s, 1e-9);
  info.engine_version = engine_version();

  if (vm.count("json"))
    write_file_atomically(vm["json"].as<std::string>(),
                          result_to_json(spec, info, run.accumulator).dump(1) + "\n");
  const Forecast forecast = run.accumulator.forecast();
  if (vm.count("csv"))
    write_file_atomically(vm["csv"].as<std::string>(),
                          result_to_csv(spec.name, spec.overrides, forecast));
  if (!quiet) streams.out << summary_table(spec, info, forecast);
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
