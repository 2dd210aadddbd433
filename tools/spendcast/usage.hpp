#pragma once

#include <boost/program_options.hpp>
#include <stdexcept>
#include <string>
#include <vector>

namespace spendcast::cli {

/// A mistake on the command line: exit status 2, message plus a hint.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A command that a later release fills in: exit status 1.
class NotImplemented : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Thrown by parse_command_line when --help was given: the dispatcher prints the usage
/// text on stdout and exits 0, so commands need no code for it.
class HelpRequested : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The parsed options of one command.
struct ParsedOptions {
  boost::program_options::variables_map values;
};

/// Describes one command's command line: its options and positional arguments.
struct CommandLine {
  CommandLine(std::string command, std::string usage_line)
      : name(std::move(command)), usage(std::move(usage_line)) {}

  std::string name;   ///< "run"
  std::string usage;  ///< "spendcast run SCENARIO [options]"
  boost::program_options::options_description options{"Options", 100};
  boost::program_options::positional_options_description positional;
  boost::program_options::options_description hidden;  ///< positional arguments
  std::string epilogue;  ///< printed after the options by --help (may be empty)
};

/// Parses `args` against `line` (adds --help, which throws HelpRequested with the usage
/// text); turns every Program_options error into a UsageError naming the command, with
/// `did you mean` for close option names.
ParsedOptions parse_command_line(CommandLine& line, const std::vector<std::string>& args);

/// "see 'spendcast COMMAND --help'" (or "see 'spendcast --help'" for an empty name).
std::string see_help(const std::string& command);

}  // namespace spendcast::cli
