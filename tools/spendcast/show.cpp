#include <ostream>

#include "commands.hpp"
#include "scenario/load.hpp"
#include "simulation_options.hpp"
#include "usage.hpp"

namespace spendcast::cli {

int show_command(const std::vector<std::string>& args, Streams streams) {
  CommandLine line("show", "spendcast show FILE [--set KEY=VALUE ...]");
  add_set_option(line);
  add_scenario_argument(line);
  const ParsedOptions parsed = parse_command_line(line, args);
  // An invalid scenario throws ScenarioError: every diagnostic on stderr, status 2.
  scenario::LoadedScenario loaded = scenario::load_scenario_file(
      parsed.values["scenario"].as<std::string>(), set_assignments(parsed));
  for (const scenario::Diagnostic& w : loaded.warnings) streams.err << w.to_string() << '\n';
  streams.out << scenario::show_scenario(loaded);
  return 0;
}

}  // namespace spendcast::cli
