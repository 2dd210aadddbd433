#include <fmt/format.h>

#include <tbb/parallel_for.h>

#include <exception>
#include <optional>
#include <ostream>

#include "analysis/result_input.hpp"
#include "command_flow.hpp"
#include "commands.hpp"
#include "outputs.hpp"
#include "report/result_csv.hpp"
#include "report/result_json.hpp"
#include "report/result_merge.hpp"
#include "report/scenario_json.hpp"
#include "report/summary_table.hpp"
#include "simulation_options.hpp"
#include "usage.hpp"

namespace spendcast::cli {

namespace po = boost::program_options;

namespace {

/// The result files `paths`, read in parallel (parsing dominates a merge); the first
/// problem in the order of `paths` is thrown, whatever the order they were read in.
std::vector<report::ResultFile> read_parts(const std::vector<std::string>& paths,
                                           std::uint64_t max_input) {
  std::vector<std::optional<report::ResultFile>> read(paths.size());
  std::vector<std::exception_ptr> errors(paths.size());
  tbb::parallel_for(std::size_t{0}, paths.size(), [&](std::size_t i) {
    try {
      read[i] = analysis::read_result_input(paths[i], max_input);
    } catch (...) {
      errors[i] = std::current_exception();
    }
  });
  std::vector<report::ResultFile> parts;
  parts.reserve(paths.size());
  for (std::size_t i = 0; i < paths.size(); ++i) {
    if (errors[i]) std::rethrow_exception(errors[i]);
    parts.push_back(std::move(*read[i]));
  }
  return parts;
}

}  // namespace

int merge_command(const std::vector<std::string>& args, Streams streams) {
  CommandLine line("merge", "spendcast merge PART.json PART.json... [options]");
  // clang-format off
  line.options.add_options()
    ("max-input-size", po::value<std::string>(), "refuse result files larger than BYTES, e.g. 100M (default: 32M)");
  // clang-format on
  add_output_options(line, {.json = "write the merged result JSON to FILE (docs/RESULT-FORMAT.md)",
                            .csv = "write the merged result as tidy CSV to FILE",
                            .quiet = "no summary table"});
  line.hidden.add_options()("inputs", po::value<std::vector<std::string>>()->required(),
                            "PART.json files");
  line.positional.add("inputs", -1);
  line.epilogue =
      "Combines the result files of the shards of one run (spendcast run SCENARIO --shard K/N,\n"
      "K = 1..N, same scenario, options and build) into the result of the whole run, bitwise\n"
      "the same as one run of all the paths, in any order of the files (docs/RESULT-FORMAT.md).\n";
  auto parsed = parse_command_line(line, args);
  const auto& vm = parsed.values;
  const auto inputs = vm["inputs"].as<std::vector<std::string>>();
  const std::vector<report::OutputRequest> outputs = requested_outputs(parsed, inputs);
  const std::uint64_t max_input =
      vm.count("max-input-size")
          ? byte_size_option(line, "max-input-size", vm["max-input-size"].as<std::string>())
          : report::default_max_result_bytes;
  std::vector<report::ResultFile> parts = read_parts(inputs, max_input);
  report::ResultFile merged = [&] {
    try {
      return report::merge_results(std::move(parts));
    } catch (const report::MergeError& e) {
      throw UsageError(fmt::format("spendcast merge: {}", e.what()));
    }
  }();
  const scenario::ScenarioSpec spec = report::summary_spec_from_json(merged.scenario);
  const stats::Forecast forecast = merged.accumulator.forecast();
  CommandFlow flow(streams, vm.count("quiet") > 0);
  flow.finish(outputs,
              {.json =
                   [&] {
                     return report::result_to_json(merged.scenario, merged.run, merged.accumulator)
                                .dump(1) +
                            "\n";
                   },
               .csv = [&] { return report::result_to_csv(spec.name, spec.overrides, forecast); },
               .table = [&] { return report::summary_table(spec, merged.run, forecast); }});
  return 0;
}

}  // namespace spendcast::cli
