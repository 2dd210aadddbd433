#pragma once

#include <string>

namespace spendcast::scenario {

/// The JSON Schema (draft-07) of one scenario file, generated from the validator's key
/// tables (scenario/format_keys.hpp): every key with its value forms, ranges and
/// description. Every key is optional at this level (a file may extend another; required
/// keys are checked by `validate` on the resolved scenario), and what needs more than one
/// key or the data (shares summing to 1, max > min, names of categories and metrics) is
/// left to `validate`. Pretty-printed, ending in a newline; the same text on every call.
std::string scenario_schema();

}  // namespace spendcast::scenario
