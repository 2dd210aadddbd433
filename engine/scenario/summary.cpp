#include <fmt/format.h>

#include "scenario/load.hpp"

namespace spendcast::scenario {

namespace {

std::string count(std::uint64_t n, std::string_view one, std::string_view many) {
  if (n == 0) return fmt::format("no {}", many);
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

}  // namespace

std::string summarize_scenario(const ScenarioSpec& spec) {
  const SimulationSpec& s = spec.simulation;
  return fmt::format("{}, {}\u2013{}, {}, {}", count(s.paths, "path", "paths"), s.base_year + 1,
                     s.horizon,
                     count(spec.vendors ? spec.vendors->categories.size() : 0, "vendor", "vendors"),
                     count(spec.events.size(), "event", "events"));
}

}  // namespace spendcast::scenario
