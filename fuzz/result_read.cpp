// Fuzzes the result-file reader (compare and score read result files from anywhere): the
// input's bytes as JSON, then result_from_json as read_result_file does. Properties: a
// malformed document is refused with std::runtime_error naming the file (nothing else
// thrown); an accepted one computes its forecast (as compare and score do), and its
// state written and read back is the same state. The state is also read on its own
// (ForecastAccumulator::from_json), past the checksum that stops almost every mutation:
// a damaged file whose checksum was recomputed must be refused by the field checks.

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
  if (j.is_object() && j.contains("state")) {
    try {
      const stats::ForecastAccumulator state = stats::ForecastAccumulator::from_json(j.at("state"));
      (void)state.forecast();
    } catch (const std::invalid_argument&) {      // FieldError: a field named and refused
    } catch (const nlohmann::json::exception&) {  // a missing member: result_from_json
    } catch (const std::out_of_range&) {          // names these under "state" (in_field)
    }
  }
  std::optional<report::ResultFile> result;
  try {
    result = report::result_from_json(j, "fuzz.json");
  } catch (const std::runtime_error& e) {
    if (!std::string(e.what()).starts_with("fuzz.json: "))
      fuzz::fail(std::string("a message without the file name: ") + e.what());
    return 0;
  }
  const stats::ForecastAccumulator& state = result->accumulator;
  (void)state.forecast();
  if (!(stats::ForecastAccumulator::from_json(state.to_json()) == state))
    fuzz::fail("the state read back differs");
  return 0;
}
