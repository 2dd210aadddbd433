#pragma once

// Runs `spendcast ARGS...` in-process through the dispatcher and captures what it says.

#include <sstream>
#include <string>
#include <vector>

#include "dispatch.hpp"

namespace spendcast::cli::testing {

/// Exit code and the text written to stdout and stderr.
struct Outcome {
  int code;
  std::string out, err;
};

/// `spendcast ARGS...`, in this process.
inline Outcome call(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  const int code = dispatch(args, out, err);
  return {code, out.str(), err.str()};
}

}  // namespace spendcast::cli::testing
