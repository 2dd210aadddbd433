#include <ostream>

#include "commands.hpp"
#include "scenario/load.hpp"
#include "usage.hpp"

namespace spendcast::cli {

namespace po = boost::program_options;

int show_command(const std::vector<std::string>& args, Streams streams) {
  CommandLine line("show", "spendcast show FILE [--set KEY=VALUE ...]");
  // clang-format off
  line.options.add_options()
    ("set", po::value<std::vector<std::string>>(), "KEY=VALUE override, VALUE in TOML (repeatable)");
  // clang-format on
  line.hidden.add_options()("scenario", po::value<std::string>()->required(), "scenario file");
  line.positional.add("scenario", 1);
  auto parsed = parse_command_line(line, args);
  std::vector<std::string> overrides;
  if (parsed.values.count("set")) overrides = parsed.values["set"].as<std::vector<std::string>>();
  // An invalid scenario throws ScenarioError: every diagnostic on stderr, status 2.
  LoadedScenario loaded =
      load_scenario_file(parsed.values["scenario"].as<std::string>(), overrides);
  for (const Diagnostic& w : loaded.warnings) streams.err << w.to_string() << '\n';
  streams.out << show_scenario(loaded);
  return 0;
}

}  // namespace spendcast::cli
