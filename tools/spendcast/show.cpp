#include <ostream>

#include "commands.hpp"
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
  if (parsed.help_requested) {
    streams.out << parsed.help;
    return 0;
  }
  throw NotImplemented("not implemented yet");
}

}  // namespace spendcast::cli
