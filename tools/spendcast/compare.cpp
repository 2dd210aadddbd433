#include <ostream>

#include "commands.hpp"
#include "usage.hpp"

namespace spendcast::cli {

namespace po = boost::program_options;

int compare_command(const std::vector<std::string>& args, Streams streams) {
  CommandLine line("compare", "spendcast compare A B [C ...] [options]");
  // clang-format off
  line.options.add_options()
    ("metric", po::value<std::vector<std::string>>(), "metric to compare (repeatable; default: spend and every vendor share)")
    ("year", po::value<std::vector<int>>(), "year to compare (repeatable; default: every year)")
    ("paths", po::value<std::string>(), "number of paths")
    ("seed", po::value<std::string>(), "64-bit seed")
    ("threads", po::value<int>(), "worker threads (default: all cores)")
    ("json", po::value<std::string>(), "write the comparison JSON to FILE")
    ("csv", po::value<std::string>(), "write the comparison as tidy CSV to FILE");
  // clang-format on
  line.hidden.add_options()("inputs", po::value<std::vector<std::string>>()->required(),
                            "scenario or result files");
  line.positional.add("inputs", -1);
  auto parsed = parse_command_line(line, args);
  if (parsed.help_requested) {
    streams.out << parsed.help;
    return 0;
  }
  throw NotImplemented("not implemented yet");
}

}  // namespace spendcast::cli
