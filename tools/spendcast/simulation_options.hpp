#pragma once

#include <string>
#include <vector>

#include "usage.hpp"

namespace spendcast::cli {

/// Adds the options every simulating command shares: --paths, --seed, --threads,
/// --steps-per-year and --set.
void add_simulation_options(CommandLine& line);

/// The user's --set assignments, as given (what tells runs of one scenario apart; the
/// sampling options --paths, --seed and --steps-per-year are in the run information).
std::vector<std::string> set_assignments(const ParsedOptions& parsed);

/// The scenario overrides of a command line: each --set in order, then --paths, --seed and
/// --steps-per-year as "simulation.KEY=VALUE" (validated like the file's own values).
/// --paths accepts 1000000, 1_000_000 or 1e6; a malformed number is a UsageError.
std::vector<std::string> scenario_overrides(const CommandLine& line, const ParsedOptions& parsed);

/// --threads (0 when absent: every core); a negative count is a UsageError.
int threads_option(const CommandLine& line, const ParsedOptions& parsed);

}  // namespace spendcast::cli
