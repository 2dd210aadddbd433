#include <ostream>

#include "commands.hpp"
#include "usage.hpp"

namespace spendcast::cli {

namespace po = boost::program_options;

int validate_command(const std::vector<std::string>& args, Streams streams) {
  CommandLine line("validate", "spendcast validate FILE...");
  // clang-format off
  line.options.add_options()
    ("set", po::value<std::vector<std::string>>(), "KEY=VALUE override, VALUE in TOML (repeatable)");
  // clang-format on
  line.hidden.add_options()("files", po::value<std::vector<std::string>>()->required(), "scenario files");
  line.positional.add("files", -1);
  auto parsed = parse_command_line(line, args);
  if (parsed.help_requested) {
    streams.out << parsed.help;
    return 0;
  }
  throw NotImplemented("not implemented yet");
}

}  // namespace spendcast::cli
