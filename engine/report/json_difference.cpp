#include "report/json_difference.hpp"

#include <fmt/format.h>

namespace spendcast::report {

using nlohmann::json;

namespace {

std::optional<JsonDifference> difference_under(const json& a, const json& b,
                                               const std::string& path,
                                               const std::string& ignored) {
  const auto at = [&](const std::string& key) { return path.empty() ? key : path + "." + key; };
  if (a.is_object() && b.is_object()) {
    for (const auto& [key, value] : a.items()) {
      if (path.empty() && !ignored.empty() && key == ignored) continue;
      if (!b.contains(key)) return JsonDifference{at(key), &value, nullptr};
      if (auto d = difference_under(value, b.at(key), at(key), ignored)) return d;
    }
    for (const auto& [key, value] : b.items())
      if (!a.contains(key) && !(path.empty() && !ignored.empty() && key == ignored))
        return JsonDifference{at(key), nullptr, &value};
    return std::nullopt;
  }
  if (a.is_array() && b.is_array() && a.size() == b.size()) {
    for (std::size_t i = 0; i < a.size(); ++i)
      if (auto d = difference_under(a[i], b[i], path + "[" + std::to_string(i) + "]", ignored))
        return d;
    return std::nullopt;
  }
  if (a == b) return std::nullopt;
  return JsonDifference{path, &a, &b};
}

std::string shortened(const json* value) {
  if (!value) return "(absent)";
  std::string text = value->dump();
  return text.size() > 60 ? text.substr(0, 57) + "..." : text;
}

}  // namespace

std::optional<JsonDifference> first_json_difference(const json& a, const json& b,
                                                    const std::string& ignored) {
  return difference_under(a, b, "", ignored);
}

std::string describe(const JsonDifference& d, const std::string& where_a,
                     const std::string& where_b) {
  return fmt::format("{}: {} in {}, {} in {}", d.path.empty() ? "(the whole value)" : d.path,
                     shortened(d.a), where_a, shortened(d.b), where_b);
}

}  // namespace spendcast::report
