#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "stats/exact_sum.hpp"
#include "stats/field_error.hpp"
#include "stats/json_integer.hpp"
#include "stats/moments.hpp"

namespace spendcast::stats {

// to_json writes the sum as hex * 2^lsb_exponent with the trailing zero hex digits left
// out (lsb_exponent is then the fixed point's plus 4 per digit left out; "0" at the fixed
// point for 0); from_json reads that and the zeros written out (version 1 states), and
// refuses an exponent below the fixed point or not whole hex digits above it.
nlohmann::json ExactSum::to_json() const {
  // Trailing zero digits (a sum of values far above the fixed point's lowest bit has
  // hundreds) are written as a larger exponent instead: the same hex * 2^lsb_exponent.
  std::string hex = value().to_hex();
  std::size_t zeros = 0;
  while (hex != "0" && zeros + 1 < hex.size() && hex[hex.size() - 1 - zeros] == '0') ++zeros;
  hex.resize(hex.size() - zeros);
  return {{"lsb_exponent", lsb_ + 4 * static_cast<int>(zeros)}, {"hex", hex}};
}

ExactSum ExactSum::from_json(const nlohmann::json& j, const ExactSum& kind) {
  // The exponent is the fixed point's, or above it by whole hex digits (trailing zeros left
  // out: version 1 states wrote them).
  const int lsb = json_integer<int>(j.at("lsb_exponent"));
  const long long shift = static_cast<long long>(lsb) - kind.lsb_;
  if (shift < 0 || shift % 4 != 0) {
    throw std::invalid_argument("ExactSum: exponent 2^" + std::to_string(lsb) +
                                " is not the fixed point 2^" + std::to_string(kind.lsb_) +
                                " times a power of 16");
  }
  const std::string digits = j.at("hex").get<std::string>();
  if (static_cast<unsigned long long>(shift / 4) + digits.size() >
      8 * static_cast<unsigned long long>(kind.limbs_.size())) {
    throw std::invalid_argument("ExactSum: value beyond the range of the sum");
  }
  const BigInt v = BigInt::from_hex(digits + std::string(static_cast<std::size_t>(shift / 4), '0'));
  ExactSum s = kind;
  s.limbs_.assign(kind.limbs_.size(), 0);
  // The top limb stays free: sums must fit below it (as they do when accumulated).
  if (v.digits().size() >= s.limbs_.size()) {
    throw std::invalid_argument("ExactSum: value beyond the range of the sum");
  }
  for (std::size_t i = 0; i < v.digits().size(); ++i) {
    const auto d = static_cast<std::int64_t>(v.digits()[i]);
    s.limbs_[i] = v.negative() ? -d : d;
  }
  s.normalize();
  return s;
}

nlohmann::json Moments::to_json() const {
  nlohmann::json j = {{"count", count_}};
  if (count_ > 0) {
    j["min"] = min_;
    j["max"] = max_;
  }
  j["sum"] = sum_.to_json();
  j["sum_of_squares"] = sum_squares_.to_json();
  return j;
}

Moments Moments::from_json(const nlohmann::json& j) {
  Moments m;
  m.count_ = read_count(j, "count");
  if (m.count_ > 0) {
    m.min_ = read_finite(j, "min");
    m.max_ = read_finite(j, "max");
    if (!(m.min_ <= m.max_)) throw FieldError("min", "above max");
  }
  m.sum_ =
      in_field("sum", [&] { return ExactSum::from_json(j.at("sum"), ExactSum::for_values()); });
  m.sum_squares_ = in_field("sum_of_squares", [&] {
    return ExactSum::from_json(j.at("sum_of_squares"), ExactSum::for_squares());
  });
  // The sums must be sums of `count` values in [min, max]: their mean lies there too (up
  // to the rounding of the division), and a sum of squares is never negative.
  const double n = static_cast<double>(m.count_);
  const double sum = m.sum_.to_double(), squares = m.sum_squares_.to_double();
  if (m.count_ == 0) {
    if (sum != 0.0) throw FieldError("sum", "not 0 for no values");
    if (squares != 0.0) throw FieldError("sum_of_squares", "not 0 for no values");
    return m;
  }
  const double largest = std::max(std::fabs(m.min_), std::fabs(m.max_));
  const double slack = 1e-9 * largest;
  const double mean = sum / n;
  if (!(mean >= m.min_ - slack && mean <= m.max_ + slack)) {
    throw FieldError("sum", "its mean " + std::to_string(mean) + " is outside [min, max]");
  }
  const double mean_square = squares / n;
  if (!(mean_square >= 0.0 && mean_square <= largest * largest * (1 + 1e-9))) {
    throw FieldError("sum_of_squares", "not the sum of squares of values in [min, max]");
  }
  if (m.variance_numerator().negative())  // found by fuzzing: variance() threw later
    throw FieldError("sum_of_squares", "below what the sum implies (n S2 < S1^2)");
  return m;
}

}  // namespace spendcast::stats
