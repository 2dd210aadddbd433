#include <ostream>

#include "commands.hpp"
#include "model/finite_check.hpp"
#include "scenario/load.hpp"
#include "usage.hpp"

namespace spendcast::cli {

namespace po = boost::program_options;

int validate_command(const std::vector<std::string>& args, Streams streams) {
  CommandLine line("validate", "spendcast validate FILE... [--set KEY=VALUE ...]");
  // clang-format off
  line.options.add_options()
    ("set", po::value<std::vector<std::string>>(), "KEY=VALUE override, VALUE in TOML (repeatable)");
  // clang-format on
  line.hidden.add_options()("files", po::value<std::vector<std::string>>()->required(),
                            "scenario files");
  line.positional.add("files", -1);
  auto parsed = parse_command_line(line, args);
  const auto files = parsed.values["files"].as<std::vector<std::string>>();
  std::vector<std::string> overrides;
  if (parsed.values.count("set")) overrides = parsed.values["set"].as<std::vector<std::string>>();

  // Every file is checked, each on its own; the status says whether all were valid.
  bool all_valid = true;
  for (const std::string& file : files) {
    try {
      scenario::LoadedScenario loaded = scenario::load_scenario_file(file, overrides);
      // What run checks before simulating, validate checks too (a valid file runs).
      model::check_finite_arithmetic(loaded.spec);
      for (const scenario::Diagnostic& w : loaded.warnings) streams.err << w.to_string() << '\n';
      streams.out << file << ": ok (" << scenario::summarize_scenario(loaded.spec) << ")\n";
    } catch (const scenario::ScenarioError& e) {
      for (const scenario::Diagnostic& d : e.diagnostics()) streams.err << d.to_string() << '\n';
      all_valid = false;
    }
  }
  return all_valid ? 0 : 2;
}

}  // namespace spendcast::cli
