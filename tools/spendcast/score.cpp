#include <fmt/format.h>

#include <ostream>

#include "analysis/observations.hpp"
#include "analysis/result_input.hpp"
#include "analysis/score_output.hpp"
#include "analysis/scoring.hpp"
#include "commands.hpp"
#include "report/atomic_file.hpp"
#include "usage.hpp"

namespace spendcast::cli {

namespace po = boost::program_options;

int score_command(const std::vector<std::string>& args, Streams streams) {
  CommandLine line("score", "spendcast score RESULT.json OBSERVATIONS.toml [options]");
  // clang-format off
  line.options.add_options()
    ("json", po::value<std::string>(), "write the scores as JSON to FILE (docs/ANALYSIS.md)")
    ("csv", po::value<std::string>(), "write the scores as tidy CSV to FILE")
    ("quiet,q", "no table");
  // clang-format on
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
  for (const char* option : {"json", "csv"})
    if (vm.count(option)) check_writable(vm[option].as<std::string>());
  const ResultFile result = analysis::read_result_input(inputs[0]);
  const std::vector<analysis::Observation> observations =
      analysis::read_observations_file(inputs[1]);
  analysis::ScoreReport report = analysis::score_forecast(result.accumulator, observations);
  report.result = inputs[0];
  report.scenario = result.scenario_name;
  if (vm.count("json"))
    write_file_atomically(vm["json"].as<std::string>(),
                          analysis::score_to_json(report).dump(1) + "\n");
  if (vm.count("csv"))
    write_file_atomically(vm["csv"].as<std::string>(), analysis::score_to_csv(report));
  if (vm.count("quiet") == 0) streams.out << analysis::score_table(report);
  return 0;
}

}  // namespace spendcast::cli
