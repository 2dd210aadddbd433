#pragma once

#include <stdexcept>

namespace spendcast::cli {

/// Thrown when the user pressed Ctrl-C during a long command: exit status 130, and no
/// output file is left behind.
class Interrupted : public std::runtime_error {
 public:
  Interrupted() : std::runtime_error("interrupted") {}
};

}  // namespace spendcast::cli
