// Fuzzes --set: the input's lines are KEY=VALUE assignments (at most 16), applied in
// order to the bundled baseline scenario; checks the property of scenario_check.hpp
// (clean errors; show's output loads to the same spec).

#include <cstddef>
#include <cstdint>

#include "scenario_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace spendcast::fuzz;
  static const std::string base_path = "scenarios/baseline.toml";
  static const std::string base = bundled_files().at(base_path);
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> overrides;
  for (std::size_t start = 0; start <= input.size() && overrides.size() < 16;) {
    std::size_t end = input.find('\n', start);
    if (end == std::string_view::npos) end = input.size();
    overrides.emplace_back(input.substr(start, end - start));
    start = end + 1;
  }
  check_scenario(base, base_path, overrides);
  return 0;
}
