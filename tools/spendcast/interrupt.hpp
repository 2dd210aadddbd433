#pragma once

#include <atomic>
#include <stdexcept>

namespace spendcast::cli {

/// Thrown when the user pressed Ctrl-C during a long command: exit status 130, and no
/// output file is left behind.
class Interrupted : public std::runtime_error {
 public:
  Interrupted() : std::runtime_error("interrupted") {}
};

/// While alive, Ctrl-C (SIGINT) and SIGTERM set the flag stop() returns instead of killing
/// the process, so a simulation can stop between blocks and write nothing; a second
/// Ctrl-C kills at once. The previous handlers come back on destruction.
class InterruptGuard {
 public:
  InterruptGuard();
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

  /// The flag the simulation polls.
  const std::atomic<bool>* stop() const;
};

}  // namespace spendcast::cli
