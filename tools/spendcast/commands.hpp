#pragma once

#include <iosfwd>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace spendcast::cli {

/// The output streams a command writes to (injected so that tests capture them).
struct Streams {
  std::ostream& out;  ///< results: tables, TOML, ...
  std::ostream& err;  ///< diagnostics, warnings and progress
};

/// A command's entry point: its arguments after the command name; returns the exit code.
using CommandFunction = int (*)(const std::vector<std::string>& args, Streams streams);

/// One `spendcast COMMAND`.
struct Command {
  std::string_view name;     ///< as typed
  std::string_view summary;  ///< one line for `spendcast --help`
  CommandFunction run;
};

/// Every command, in the order `spendcast --help` lists them.
std::span<const Command> commands();

int run_command(const std::vector<std::string>& args, Streams streams);
int merge_command(const std::vector<std::string>& args, Streams streams);
int validate_command(const std::vector<std::string>& args, Streams streams);
int show_command(const std::vector<std::string>& args, Streams streams);
int schema_command(const std::vector<std::string>& args, Streams streams);
int new_command(const std::vector<std::string>& args, Streams streams);
int compare_command(const std::vector<std::string>& args, Streams streams);
int sweep_command(const std::vector<std::string>& args, Streams streams);
int sensitivity_command(const std::vector<std::string>& args, Streams streams);
int score_command(const std::vector<std::string>& args, Streams streams);
int backtest_command(const std::vector<std::string>& args, Streams streams);
int bench_command(const std::vector<std::string>& args, Streams streams);

}  // namespace spendcast::cli
