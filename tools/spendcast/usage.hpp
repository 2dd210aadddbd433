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

/// What a command's output options say in --help: what --json FILE and --csv FILE write,
/// and what --quiet (-q) leaves out.
struct OutputOptionHelp {
  std::string json;   ///< "write the result JSON to FILE (docs/RESULT-FORMAT.md)"
  std::string csv;    ///< "write the result as tidy CSV to FILE"
  std::string quiet;  ///< "no summary table"
};

/// Adds --json FILE, --csv FILE (requested_outputs in outputs.hpp reads them) and
/// --quiet/-q to `line`.
void add_output_options(CommandLine& line, const OutputOptionHelp& help);

/// Adds the one required positional argument SCENARIO, a scenario file (values["scenario"]).
void add_scenario_argument(CommandLine& line);

/// Parses `args` against `line` (adds --help, which throws HelpRequested with the usage
/// text); turns every Program_options error into a UsageError naming the command, with
/// `did you mean` for close option names.
ParsedOptions parse_command_line(CommandLine& line, const std::vector<std::string>& args);

/// "see 'spendcast COMMAND --help'" (or "see 'spendcast --help'" for an empty name).
std::string see_help(const std::string& command);

}  // namespace spendcast::cli
