#pragma once

#include <string>
#include <vector>

namespace spendcast::python {

/// What a CLI command printed and returned.
struct CommandOutput {
  int exit_code = 0;
  std::string out;  ///< standard output (a CSV or JSON written to "-")
  std::string err;  ///< warnings and notes
};

/// Runs `spendcast COMMAND ARGS...` in this process (the CLI's own command function, so
/// the options, checks and outputs are the CLI's), with the GIL released. Its errors
/// propagate as the CLI's exceptions (ScenarioError, UsageError, OutputPathError,
/// Interrupted on Ctrl-C, std::runtime_error); an unknown command is a UsageError.
CommandOutput run_cli_command(const std::string& command, const std::vector<std::string>& args);

}  // namespace spendcast::python
