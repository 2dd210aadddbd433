#include "analysis/repeated_observations.hpp"

#include <fmt/format.h>

#include <map>
#include <utility>

#include "scenario/diagnostic.hpp"
#include "scenario/render.hpp"

namespace spendcast::analysis {

void refuse_repeated_observations(const std::vector<Observation>& observations) {
  std::map<std::pair<std::string, int>, const Observation*> first;
  std::vector<scenario::Diagnostic> errors;
  for (const Observation& o : observations) {
    const auto [it, inserted] = first.try_emplace({o.metric, o.year}, &o);
    if (inserted) continue;
    const Observation& earlier = *it->second;
    const std::string how =
        earlier.value == o.value
            ? "with the same value (a duplicate)"
            : fmt::format("with another value ({} vs {}): conflicting observations",
                          scenario::exact_number(o.value), scenario::exact_number(earlier.value));
    errors.push_back(scenario::Diagnostic{
        scenario::Diagnostic::Severity::error, o.where,
        fmt::format("{}: {} in {} is observed already by {} (line {}), {}; keep one", o.key,
                    scenario::printable(o.metric), o.year, earlier.key, earlier.where.line, how)});
  }
  if (!errors.empty()) throw scenario::ScenarioError(std::move(errors));
}

}  // namespace spendcast::analysis
