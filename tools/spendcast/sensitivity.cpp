#include <ostream>

#include "commands.hpp"
#include "usage.hpp"

namespace spendcast::cli {

namespace po = boost::program_options;

int sensitivity_command(const std::vector<std::string>& args, Streams streams) {
  CommandLine line("sensitivity", "spendcast sensitivity SCENARIO --metric M [--year Y] [options]");
  // clang-format off
  line.options.add_options()
    ("metric", po::value<std::string>()->required(), "the metric to explain")
    ("year", po::value<int>(), "the year (default: the horizon)")
    ("paths", po::value<std::string>(), "number of paths")
    ("seed", po::value<std::string>(), "64-bit seed")
    ("threads", po::value<int>(), "worker threads (default: all cores)")
    ("json", po::value<std::string>(), "write the result JSON to FILE")
    ("csv", po::value<std::string>(), "write the result as tidy CSV to FILE");
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
