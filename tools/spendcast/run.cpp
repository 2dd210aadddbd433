#include <ostream>

#include "commands.hpp"
#include "usage.hpp"

namespace spendcast::cli {

namespace po = boost::program_options;

int run_command(const std::vector<std::string>& args, Streams streams) {
  CommandLine line("run", "spendcast run SCENARIO [options]");
  // clang-format off
  line.options.add_options()
    ("paths", po::value<std::string>(), "number of paths (default: the scenario's)")
    ("seed", po::value<std::string>(), "64-bit seed (default: the scenario's)")
    ("threads", po::value<int>(), "worker threads (default: all cores)")
    ("steps-per-year", po::value<int>(), "1, 2, 4 or 12")
    ("set", po::value<std::vector<std::string>>(), "KEY=VALUE override, VALUE in TOML (repeatable)")
    ("json", po::value<std::string>(), "write the result JSON to FILE")
    ("csv", po::value<std::string>(), "write the result as tidy CSV to FILE")
    ("exact", "keep every value for exact quantiles (small runs)")
    ("target-se", po::value<double>(), "add paths until every median's relative standard error is at most X")
    ("quiet,q", "no summary table and no progress");
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
