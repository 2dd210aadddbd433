#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "scenario/diagnostic.hpp"

namespace spendcast::scenario {

/// Collects the problems of one load in the order found, so that every problem is
/// reported in one pass instead of stopping at the first.
class Diagnostics {
 public:
  /// Records an error at `where`; `message` reads "KEY: what is wrong (got ...; expected ...)".
  void error(const SourcePosition& where, std::string message);
  /// Records a warning at `where`.
  void warning(const SourcePosition& where, std::string message);
  /// True when at least one error was recorded.
  bool has_errors() const { return errors_ > 0; }
  /// The number of errors recorded so far.
  std::size_t error_count() const { return errors_; }
  /// Every diagnostic, errors and warnings, in the order recorded.
  const std::vector<Diagnostic>& all() const { return list_; }
  /// The warnings only, in the order recorded.
  std::vector<Diagnostic> warnings() const;

 private:
  std::vector<Diagnostic> list_;
  std::size_t errors_ = 0;
};

}  // namespace spendcast::scenario
