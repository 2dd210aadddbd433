#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace spendcast::report {

/// Where two JSON documents first differ: the key path ("spend.volatility",
/// "events[2].hazard") and the two values there (null where a key is absent on that side).
struct JsonDifference {
  std::string path;
  const nlohmann::json* a = nullptr;
  const nlohmann::json* b = nullptr;
};

/// The first difference of `a` and `b` (objects key by key in key order, arrays item by
/// item), leaving out the top-level key `ignored` (when not empty); nullopt when equal.
std::optional<JsonDifference> first_json_difference(const nlohmann::json& a,
                                                    const nlohmann::json& b,
                                                    const std::string& ignored = "");

/// "PATH: A in WHERE_A, B in WHERE_B" for a difference (values shortened to 60
/// characters, "(absent)" for a missing key).
std::string describe(const JsonDifference& d, const std::string& where_a,
                     const std::string& where_b);

}  // namespace spendcast::report
