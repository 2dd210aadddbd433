// Fuzzes the result-file reader (compare and score read result files from anywhere): the
// input's bytes as JSON, then result_from_json as read_result_file does. Properties: a
// malformed document is refused with std::runtime_error naming the file (nothing else
// thrown); an accepted one computes its forecast (as compare and score do), and its
// state written and read back is the same state.

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "fuzz_support.hpp"
#include "report/result_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace spendcast;
  const nlohmann::json j = nlohmann::json::parse(data, data + size, nullptr, false);
  if (j.is_discarded()) return 0;  // read_result_file refuses it: "not valid JSON"
  std::optional<ResultFile> result;
  try {
    result = result_from_json(j, "fuzz.json");
  } catch (const std::runtime_error& e) {
    if (!std::string(e.what()).starts_with("fuzz.json: "))
      fuzz::fail(std::string("a message without the file name: ") + e.what());
    return 0;
  }
  const ForecastAccumulator& state = result->accumulator;
  (void)state.forecast();
  if (!(ForecastAccumulator::from_json(state.to_json()) == state))
    fuzz::fail("the state read back differs");
  return 0;
}
