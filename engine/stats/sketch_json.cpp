#include <algorithm>
#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

#include "stats/count_encoding.hpp"
#include "stats/field_error.hpp"
#include "stats/json_integer.hpp"
#include "stats/quantile_sketch.hpp"

namespace spendcast::stats {

nlohmann::json QuantileSketch::to_json() const {
  const auto store_json = [](const SketchStore& s) {
    std::uint32_t a = 0, b = 0;
    if (!s.nonempty_range(a, b)) {
      return nlohmann::json{{"first_key", 0}, {"counts", ""}};
    }
    return nlohmann::json{{"first_key", a}, {"counts", encode_counts(s.counts(a, b))}};
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

std::uint64_t QuantileSketch::encoded_chars(const nlohmann::json& j) {
  std::uint64_t chars = 0;
  if (!j.is_object()) return 0;
  for (const char* side : {"positive", "negative"}) {
    const auto store = j.find(side);
    if (store == j.end() || !store->is_object()) continue;
    const auto counts = store->find("counts");
    if (counts != store->end() && counts->is_string())
      chars += counts->get_ref<const std::string&>().size();
  }
  return chars;
}

QuantileSketch QuantileSketch::from_json(const nlohmann::json& j, CounterBudget* budget) {
  CounterBudget own = CounterBudget::for_text(encoded_chars(j));
  if (!budget) budget = &own;
  const double accuracy = read_finite(j, "relative_accuracy");
  QuantileSketch s = in_field("relative_accuracy", [&] { return QuantileSketch(accuracy); });
  if (in_field("subbucket_bits", [&] { return json_integer<int>(j.at("subbucket_bits")); }) !=
      s.bits_) {
    throw FieldError("subbucket_bits", "does not match relative_accuracy");
  }
  s.count_ = read_count(j, "count");
  s.zero_ = read_count(j, "zero_count");
  std::uint64_t total = s.zero_;
  for (const bool negative : {false, true}) {
    const std::string name = negative ? "negative" : "positive";
    in_field(name, [&] {
      const nlohmann::json& js = j.at(name);
      const std::uint64_t first = read_count(js, "first_key");
      const nlohmann::json& counts = js.at("counts");
      // Version 2 states hold the counts encoded (encode_counts), version 1 as an array.
      if (!counts.is_array() && !counts.is_string())
        throw FieldError("counts", "expected a string of encoded counts");
      if (counts.is_string() && counts.get_ref<const std::string&>().empty()) {
        if (first != 0) throw FieldError("first_key", "expected 0 for a store without counts");
        return;
      }
      if (counts.empty()) return;
      if (first < s.min_key() || first > s.max_key()) {
        throw FieldError("first_key", std::to_string(first) + " is outside the keys " +
                                          std::to_string(s.min_key()) + " to " +
                                          std::to_string(s.max_key()));
      }
      const std::uint64_t room = std::uint64_t{s.max_key()} - first + 1;
      SketchStore& store = s.store(negative);
      const auto first_key = static_cast<std::uint32_t>(first);
      if (counts.is_string()) {
        const std::uint64_t most = std::min(room, budget->left);
        const std::vector<std::uint64_t> decoded = in_field(
            "counts", [&] { return decode_counts(counts.get_ref<const std::string&>(), most); });
        budget->left -= decoded.size();
        for (const std::uint64_t c : decoded) total = checked_add(total, c, "counts");
        store.assign(first_key, decoded);
        return;
      }
      if (counts.size() > room) {
        throw FieldError("counts", std::to_string(counts.size()) + " keys from first_key " +
                                       std::to_string(first) + " reach beyond the last key " +
                                       std::to_string(s.max_key()));
      }
      std::vector<std::uint64_t> read(counts.size());
      for (std::size_t k = 0; k < counts.size(); ++k) {
        const std::string field = "counts[" + std::to_string(k) + "]";
        if (!as_count(counts[k], read[k])) {
          throw FieldError(field, "expected a whole number >= 0, got " + counts[k].dump());
        }
        total = checked_add(total, read[k], field);
      }
      store.assign(first_key, read);
    });
  }
  if (total != s.count_) {
    throw FieldError("count", std::to_string(s.count_) + " differs from the " +
                                  std::to_string(total) + " values the buckets hold");
  }
  if (s.count_ == 0) return s;
  s.min_ = read_finite(j, "min");
  s.max_ = read_finite(j, "max");
  if (!(s.min_ <= s.max_)) throw FieldError("min", "above max");
  // min and max must lie in the extreme non-empty buckets (the zero bucket included).
  std::uint32_t pos_first = 0, pos_last = 0, neg_first = 0, neg_last = 0;
  const bool positive = s.positive_.nonempty_range(pos_first, pos_last);
  const bool negative = s.negative_.nonempty_range(neg_first, neg_last);
  const auto in_zero = [](double x) { return std::fabs(x) < zero_threshold; };
  const bool min_ok = negative      ? s.min_ < 0 && key_of(-s.min_, s.bits_) == neg_last
                      : s.zero_ > 0 ? in_zero(s.min_)
                                    : s.min_ > 0 && key_of(s.min_, s.bits_) == pos_first;
  const bool max_ok = positive      ? s.max_ > 0 && key_of(s.max_, s.bits_) == pos_last
                      : s.zero_ > 0 ? in_zero(s.max_)
                                    : s.max_ < 0 && key_of(-s.max_, s.bits_) == neg_first;
  if (!min_ok) throw FieldError("min", "not in the lowest non-empty bucket");
  if (!max_ok) throw FieldError("max", "not in the highest non-empty bucket");
  return s;
}

}  // namespace spendcast::stats
