#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace spendcast::cli {

/// Runs `spendcast ARGS...` (the program name excluded): finds the command, runs it and
/// maps errors to messages on `err` and exit codes (0 success, 1 failure while running,
/// 2 usage or scenario error, 130 interrupted).
int dispatch(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace spendcast::cli
