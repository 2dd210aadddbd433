#include "scenario/diagnostic.hpp"

#include <fmt/format.h>

namespace spendcast::scenario {

std::string SourcePosition::to_string() const {
  if (line <= 0) return origin;
  return fmt::format("{}:{}:{}", origin, line, column);
}

std::string Diagnostic::to_string() const {
  return fmt::format("{}: {}: {}", where.to_string(),
                     severity == Severity::error ? "error" : "warning", message);
}

namespace {
std::string join_lines(const std::vector<Diagnostic>& diagnostics) {
  std::string text;
  for (const auto& d : diagnostics) {
    if (!text.empty()) text += '\n';
    text += d.to_string();
  }
  return text;
}
}  // namespace

ScenarioError::ScenarioError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(join_lines(diagnostics)), diagnostics_(std::move(diagnostics)) {}

}  // namespace spendcast::scenario
