#include <cstdint>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <vector>

#include "stats/json_integer.hpp"
#include "stats/quantile_sketch.hpp"

namespace spendcast {

nlohmann::json QuantileSketch::to_json() const {
  const auto store_json = [](const Store& s) {
    std::uint32_t a = 0, b = 0;
    if (!s.nonempty_range(a, b)) {
      return nlohmann::json{{"first_key", 0}, {"counts", nlohmann::json::array()}};
    }
    return nlohmann::json{
        {"first_key", a},
        {"counts", std::vector<std::uint64_t>(s.counts.begin() + (a - s.first),
                                              s.counts.begin() + (b - s.first + 1))}};
  };
  nlohmann::json j = {{"relative_accuracy", requested_},
                      {"subbucket_bits", bits_},
                      {"count", count_},
                      {"zero_count", zero_}};
  if (count_ > 0) {
    j["min"] = min_;
    j["max"] = max_;
  }
  j["positive"] = store_json(positive_);
  j["negative"] = store_json(negative_);
  return j;
}

QuantileSketch QuantileSketch::from_json(const nlohmann::json& j) {
  QuantileSketch s(j.at("relative_accuracy").get<double>());
  if (json_integer<int>(j.at("subbucket_bits")) != s.bits_) {
    throw std::invalid_argument("QuantileSketch: subbucket_bits do not match the accuracy");
  }
  s.count_ = json_integer<std::uint64_t>(j.at("count"));
  s.zero_ = json_integer<std::uint64_t>(j.at("zero_count"));
  if (s.count_ > 0) {
    s.min_ = j.at("min").get<double>();
    s.max_ = j.at("max").get<double>();
    if (!(s.min_ <= s.max_)) throw std::invalid_argument("QuantileSketch: min above max");
  }
  std::uint64_t total = s.zero_;
  for (const bool negative : {false, true}) {
    const nlohmann::json& js = j.at(negative ? "negative" : "positive");
    auto counts = json_integers<std::uint64_t>(js.at("counts"));
    if (counts.empty()) continue;
    const auto first = json_integer<std::uint32_t>(js.at("first_key"));
    if (first < s.min_key() || counts.size() - 1 > s.max_key() - first) {
      throw std::invalid_argument("QuantileSketch: keys outside the indexable range");
    }
    for (const std::uint64_t c : counts) total += c;
    Store& store = s.store(negative);
    store.first = first;
    store.counts = std::move(counts);
  }
  if (total != s.count_) throw std::invalid_argument("QuantileSketch: counts do not add up");
  return s;
}

}  // namespace spendcast
