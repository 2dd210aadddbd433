#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace spendcast::scenario {

/// Where a value came from: a file position (line and column from 1), or a
/// command-line origin such as "--set spend.volatility=0.2" (line 0).
struct SourcePosition {
  std::string origin;  ///< file path as given, or "--set KEY=VALUE"
  int line = 0;        ///< 1-based; 0 when the origin has no lines
  int column = 0;      ///< 1-based; 0 when the origin has no lines

  /// "FILE:LINE:COLUMN", or the origin alone when it has no lines.
  std::string to_string() const;
  friend bool operator==(const SourcePosition&, const SourcePosition&) = default;
};

/// One problem found in a scenario: printed as "FILE:LINE:COL: error: MESSAGE".
struct Diagnostic {
  enum class Severity { error, warning };
  Severity severity = Severity::error;
  SourcePosition where;
  std::string message;  ///< "KEY: what is wrong (got VALUE; expected ...)"

  /// The one-line form users read.
  std::string to_string() const;
};

/// Thrown when a scenario (or a --set override) is invalid; carries every problem
/// found in one pass, warnings included. Exit status 2 in the CLI.
class ScenarioError : public std::runtime_error {
 public:
  explicit ScenarioError(std::vector<Diagnostic> diagnostics);
  /// Every diagnostic, in the order found (errors and warnings).
  const std::vector<Diagnostic>& diagnostics() const noexcept { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace spendcast::scenario
