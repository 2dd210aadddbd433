#pragma once

#include <atomic>
#include <iosfwd>
#include <string>
#include <vector>

#include "report/atomic_file.hpp"
#include "scenario/load.hpp"
#include "usage.hpp"

namespace spendcast::cli {

/// The --json and --csv outputs of a command line (in that order, those given), checked
/// before any work against each other and against `inputs` (check_outputs): a problem is
/// an OutputPathError, exit status 2.
std::vector<report::OutputRequest> requested_outputs(const ParsedOptions& parsed,
                                                     const std::vector<std::string>& inputs);

/// Checks `outputs` again against every file `scenario` was read from (its extends chain,
/// known once loaded): an OutputPathError when one would overwrite such a file.
void check_outputs_against(const std::vector<report::OutputRequest>& outputs,
                           const scenario::LoadedScenario& scenario);

/// True when an output is "-": the command then prints no table, so that standard output
/// holds that output alone.
bool writes_standard_output(const std::vector<report::OutputRequest>& outputs);

/// Writes a command's outputs all or nothing (write_outputs, "-" to `out`); throws
/// Interrupted when Ctrl-C came before the outputs were committed (nothing is written).
void write_command_outputs(const std::vector<report::OutputFile>& files, std::ostream& out,
                           const std::atomic<bool>* stop);

}  // namespace spendcast::cli
