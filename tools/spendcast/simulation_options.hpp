#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "analysis/metric_selection.hpp"
#include "sim/path_shard.hpp"
#include "usage.hpp"

namespace spendcast::cli {

/// Adds the options every simulating command shares: --paths, --seed, --threads,
/// --steps-per-year and --set.
void add_simulation_options(CommandLine& line);

/// Adds --set KEY=VALUE (repeatable), read by set_assignments.
void add_set_option(CommandLine& line);

/// The user's --set assignments, as given (what tells runs of one scenario apart; the
/// sampling options --paths, --seed and --steps-per-year are in the run information).
std::vector<std::string> set_assignments(const ParsedOptions& parsed);

/// The scenario overrides of a command line: each --set in order, then --paths, --seed and
/// --steps-per-year as "simulation.KEY=VALUE" (validated like the file's own values).
/// --paths accepts 1000000, 1_000_000 or 1e6; a malformed number is a UsageError.
std::vector<std::string> scenario_overrides(const CommandLine& line, const ParsedOptions& parsed);

/// The metrics of --metric and the years of --year, for the commands that take them
/// repeatably (empty: the command's defaults).
analysis::MetricRequest metric_request(const boost::program_options::variables_map& vm);

/// `text`, the value of --OPTION, as a whole number: 1000000, 1_000_000 or 1e6; anything
/// else is a UsageError naming the option.
std::uint64_t whole_number_option(const CommandLine& line, const std::string& option,
                                  const std::string& text);

/// `text`, the value of --OPTION, as a number of bytes: a whole number with an optional
/// binary suffix K, M, G or T (4G = 4 × 2^30); anything else is a UsageError.
std::uint64_t byte_size_option(const CommandLine& line, const std::string& option,
                               const std::string& text);

/// `text`, the value of --shard, as the shard it names: "K/N" with 1 <= K <= N (whole
/// numbers as whole_number_option reads them) is PathShard{K - 1, N}; anything else is a
/// UsageError.
sim::PathShard shard_option(const CommandLine& line, const std::string& text);

/// --threads (0 when absent: every core); a count below 1 is a UsageError; a count above
/// max_useful_threads() is capped there, with a note on `err`.
int threads_option(const CommandLine& line, const ParsedOptions& parsed, std::ostream& err);

}  // namespace spendcast::cli
