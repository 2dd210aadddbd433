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

namespace {

/// The counts of a version 1 store (a JSON array of whole numbers), each added to `total`.
std::vector<std::uint64_t> read_count_array(const nlohmann::json& counts, std::uint64_t& total) {
  std::vector<std::uint64_t> read(counts.size());
  for (std::size_t k = 0; k < counts.size(); ++k) {
    const std::string field = "counts[" + std::to_string(k) + "]";
    if (!as_count(counts[k], read[k])) {
      throw FieldError(field, "expected a whole number >= 0, got " + counts[k].dump());
    }
    total = checked_add(total, read[k], field);
  }
  return read;
}

/// Reads one store's to_json() object `js` into `into` (of a sketch whose keys run from
/// `min_key` to `max_key`), decoding at most `budget.left` counters (which it decreases)
/// and adding the counts to `total`; throws FieldError when malformed.
void read_store(const nlohmann::json& js, SketchStore& into, std::uint32_t min_key,
                std::uint32_t max_key, CounterBudget& budget, std::uint64_t& total) {
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
  if (first < min_key || first > max_key) {
    throw FieldError("first_key", std::to_string(first) + " is outside the keys " +
                                      std::to_string(min_key) + " to " + std::to_string(max_key));
  }
  const std::uint64_t room = std::uint64_t{max_key} - first + 1;
  const auto first_key = static_cast<std::uint32_t>(first);
  if (counts.is_string()) {
    const std::uint64_t most = std::min(room, budget.left);
    const std::vector<std::uint64_t> decoded = in_field(
        "counts", [&] { return decode_counts(counts.get_ref<const std::string&>(), most); });
    budget.left -= decoded.size();
    for (const std::uint64_t c : decoded) total = checked_add(total, c, "counts");
    into.assign(first_key, decoded);
    return;
  }
  if (counts.size() > room) {
    throw FieldError("counts", std::to_string(counts.size()) + " keys from first_key " +
                                   std::to_string(first) + " reach beyond the last key " +
                                   std::to_string(max_key));
  }
  into.assign(first_key, read_count_array(counts, total));
}

/// Throws FieldError unless min <= max and each lies in the extreme non-empty bucket on its
/// side (the zero bucket included) of a sketch of `bits` with `zero` values in the zero
/// bucket and these stores.
void check_extremes(double min, double max, std::uint64_t zero, int bits,
                    const SketchStore& positive_store, const SketchStore& negative_store) {
  if (!(min <= max)) throw FieldError("min", "above max");
  // min and max must lie in the extreme non-empty buckets (the zero bucket included).
  std::uint32_t pos_first = 0, pos_last = 0, neg_first = 0, neg_last = 0;
  const bool positive = positive_store.nonempty_range(pos_first, pos_last);
  const bool negative = negative_store.nonempty_range(neg_first, neg_last);
  const auto in_zero = [](double x) { return std::fabs(x) < QuantileSketch::zero_threshold; };
  const auto key_of = [bits](double x) { return QuantileSketch::key_of(x, bits); };
  const bool min_ok = negative   ? min < 0 && key_of(-min) == neg_last
                      : zero > 0 ? in_zero(min)
                                 : min > 0 && key_of(min) == pos_first;
  const bool max_ok = positive   ? max > 0 && key_of(max) == pos_last
                      : zero > 0 ? in_zero(max)
                                 : max < 0 && key_of(-max) == neg_first;
  if (!min_ok) throw FieldError("min", "not in the lowest non-empty bucket");
  if (!max_ok) throw FieldError("max", "not in the highest non-empty bucket");
}

}  // namespace

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
      read_store(j.at(name), s.store(negative), s.min_key(), s.max_key(), *budget, total);
    });
  }
  if (total != s.count_) {
    throw FieldError("count", std::to_string(s.count_) + " differs from the " +
                                  std::to_string(total) + " values the buckets hold");
  }
  if (s.count_ == 0) return s;
  s.min_ = read_finite(j, "min");
  s.max_ = read_finite(j, "max");
  check_extremes(s.min_, s.max_, s.zero_, s.bits_, s.positive_, s.negative_);
  return s;
}

}  // namespace spendcast::stats
