// Fuzzes the scenario loader with a whole file's bytes, read as scenarios/fuzz.toml so
// that `extends = "data/menlo-2024.toml"` and the other bundled scenarios resolve; checks
// the property of scenario_check.hpp (clean errors; show's output loads to the same spec).

#include <cstddef>
#include <cstdint>

#include "scenario_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  spendcast::fuzz::check_scenario(text, "scenarios/fuzz.toml", {});
  return 0;
}
