// Fuzzes the observations reader (spendcast score): the input's bytes as an observations
// file. Properties: it parses, every observation complete (a metric, a year in range, a
// finite value), or throws ScenarioError with at least one error; nothing else thrown.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>

#include "analysis/observations.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace spendcast;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    for (const analysis::Observation& o : analysis::parse_observations(text, "fuzz.toml")) {
      if (o.metric.empty() || o.year < 1900 || o.year > 2200 || !std::isfinite(o.value))
        fuzz::fail("an incomplete observation accepted: " + o.key);
      const bool stated = o.uncertainty != analysis::Observation::Uncertainty::none;
      if (stated && !(o.sd > 0 && std::isfinite(o.sd)))
        fuzz::fail("an uncertainty without a finite sd > 0 accepted: " + o.key);
      if (stated && analysis::on_log_scale(o.metric) && !(o.value > 0))
        fuzz::fail("a log-scale observation with a value <= 0 accepted: " + o.key);
    }
  } catch (const scenario::ScenarioError& e) {
    bool has_error = false;
    for (const scenario::Diagnostic& d : e.diagnostics())
      has_error = has_error || d.severity == scenario::Diagnostic::Severity::error;
    if (!has_error) fuzz::fail(std::string("ScenarioError without an error: ") + e.what());
  }
  return 0;
}
