#pragma once

#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace spendcast::stats {

/// `v` as an integer of type T: a JSON integer within T's range, else std::invalid_argument.
/// Stored states are read through this instead of nlohmann's get<T>(), which truncates a
/// fraction, wraps a negative count and, for a number like 1e300, converts a double out of
/// T's range: undefined behaviour (found by fuzzing the result reader).
template <typename T>
T json_integer(const nlohmann::json& v) {
  static_assert(std::is_integral_v<T> && !std::is_same_v<T, bool>);
  if (v.is_number_unsigned()) {
    const auto u = v.get<std::uint64_t>();
    if (std::in_range<T>(u)) return static_cast<T>(u);
  } else if (v.is_number_integer()) {
    const auto i = v.get<std::int64_t>();
    if (std::in_range<T>(i)) return static_cast<T>(i);
  }
  throw std::invalid_argument(
      "expected an integer from " + std::to_string(std::numeric_limits<T>::min()) + " to " +
      std::to_string(std::numeric_limits<T>::max()) + ", got " + v.dump().substr(0, 40));
}

/// `v` as an array of integers of type T (each as json_integer).
template <typename T>
std::vector<T> json_integers(const nlohmann::json& v) {
  if (!v.is_array())
    throw std::invalid_argument("expected an array of integers, got " + v.dump().substr(0, 40));
  std::vector<T> out;
  out.reserve(v.size());
  for (const nlohmann::json& x : v) out.push_back(json_integer<T>(x));
  return out;
}

}  // namespace spendcast::stats
