#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>

namespace spendcast::report {

/// The content checksum of a result file's "state": "fnv1a64:" and 16 lowercase hex digits
/// of the 64-bit FNV-1a hash of the state's canonical JSON text (nlohmann's compact dump:
/// no spaces, object keys sorted, numbers in their shortest round-trip form). A state
/// read back from its file dumps to the same text, so any change of a count, key or sum
/// changes the checksum (docs/RESULT-FORMAT.md). It catches corruption, not forgery.
std::string state_checksum(const nlohmann::json& state);

}  // namespace spendcast::report
