#include <cstdint>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <vector>

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
  if (j.at("subbucket_bits").get<int>() != s.bits_) {
    throw std::invalid_argument("QuantileSketch: subbucket_bits do not match the accuracy");
  }
  s.count_ = j.at("count").get<std::uint64_t>();
  s.zero_ = j.at("zero_count").get<std::uint64_t>();
  if (s.count_ > 0) {
    s.min_ = j.at("min").get<double>();
    s.max_ = j.at("max").get<double>();
    if (!(s.min_ <= s.max_)) throw std::invalid_argument("QuantileSketch: min above max");
  }
  std::uint64_t total = s.zero_;
  for (const bool negative : {false, true}) {
    const nlohmann::json& js = j.at(negative ? "negative" : "positive");
    auto counts = js.at("counts").get<std::vector<std::uint64_t>>();
    if (counts.empty()) continue;
    const auto first = js.at("first_key").get<std::uint32_t>();
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
