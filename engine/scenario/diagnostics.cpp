#include "scenario/diagnostics.hpp"

namespace spendcast::scenario {

void Diagnostics::error(const SourcePosition& where, std::string message) {
  list_.push_back(Diagnostic{Diagnostic::Severity::error, where, std::move(message)});
  ++errors_;
}

void Diagnostics::warning(const SourcePosition& where, std::string message) {
  list_.push_back(Diagnostic{Diagnostic::Severity::warning, where, std::move(message)});
}

std::vector<Diagnostic> Diagnostics::warnings() const {
  std::vector<Diagnostic> out;
  for (const auto& d : list_)
    if (d.severity == Diagnostic::Severity::warning) out.push_back(d);
  return out;
}

}  // namespace spendcast::scenario
