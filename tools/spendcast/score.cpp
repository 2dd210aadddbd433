#include <ostream>

#include "commands.hpp"
#include "usage.hpp"

namespace spendcast::cli {

namespace po = boost::program_options;

int score_command(const std::vector<std::string>& args, Streams streams) {
  CommandLine line("score", "spendcast score RESULT.json OBSERVATIONS.toml [options]");
  // clang-format off
  line.options.add_options()
    ("json", po::value<std::string>(), "write the scores as JSON to FILE")
    ("csv", po::value<std::string>(), "write the scores as tidy CSV to FILE");
  // clang-format on
  line.hidden.add_options()("inputs", po::value<std::vector<std::string>>()->required(),
                            "RESULT.json OBSERVATIONS.toml");
  line.positional.add("inputs", 2);
  auto parsed = parse_command_line(line, args);
  if (parsed.help_requested) {
    streams.out << parsed.help;
    return 0;
  }
  throw NotImplemented("not implemented yet");
}

}  // namespace spendcast::cli
