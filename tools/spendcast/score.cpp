#include <fmt/format.h>

#include <ostream>

#include "analysis/observations.hpp"
#include "analysis/repeated_observations.hpp"
#include "analysis/result_input.hpp"
#include "analysis/score_output.hpp"
#include "analysis/scoring.hpp"
#include "command_flow.hpp"
#include "commands.hpp"
#include "outputs.hpp"
#include "simulation_options.hpp"
#include "usage.hpp"

namespace spendcast::cli {

namespace po = boost::program_options;

int score_command(const std::vector<std::string>& args, Streams streams) {
  CommandLine line("score", "spendcast score RESULT.json OBSERVATIONS.toml [options]");
  // clang-format off
  line.options.add_options()
    ("max-input-size", po::value<std::string>(), "refuse result files larger than BYTES, e.g. 100M (default: 32M; reading takes about 25 times a file's size in memory)");
  // clang-format on
  add_output_options(line, {.json = "write the scores as JSON to FILE (docs/ANALYSIS.md)",
                            .csv = "write the scores as tidy CSV to FILE",
                            .quiet = "no table"});
  line.hidden.add_options()("inputs", po::value<std::vector<std::string>>()->required(),
                            "RESULT.json OBSERVATIONS.toml");
  line.positional.add("inputs", 2);
  auto parsed = parse_command_line(line, args);
  const auto& vm = parsed.values;
  const auto inputs = vm["inputs"].as<std::vector<std::string>>();
  if (inputs.size() != 2)
    throw UsageError(
        fmt::format("spendcast score: expected RESULT.json (from spendcast run --json) and "
                    "OBSERVATIONS.toml (got only {}); {}",
                    inputs.front(), see_help(line.name)));
  const std::vector<report::OutputRequest> outputs = requested_outputs(parsed, inputs);
  const std::uint64_t max_input =
      vm.count("max-input-size")
          ? byte_size_option(line, "max-input-size", vm["max-input-size"].as<std::string>())
          : report::default_max_result_bytes;
  const report::ResultFile result = analysis::read_result_input(inputs[0], max_input);
  const std::vector<analysis::Observation> observations =
      analysis::read_observations_file(inputs[1]);
  analysis::refuse_repeated_observations(observations);
  analysis::ScoreReport report = analysis::score_forecast(result.accumulator, observations);
  report.result = inputs[0];
  report.scenario = result.scenario_name;
  CommandFlow flow(streams, vm.count("quiet") > 0);
  flow.finish(outputs, {.json = [&] { return analysis::score_to_json(report).dump(1) + "\n"; },
                        .csv = [&] { return analysis::score_to_csv(report); },
                        .table = [&] { return analysis::score_table(report); }});
  return 0;
}

}  // namespace spendcast::cli
