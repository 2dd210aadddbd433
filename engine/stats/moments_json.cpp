#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "stats/exact_sum.hpp"
#include "stats/field_error.hpp"
#include "stats/moments.hpp"

namespace spendcast {

nlohmann::json ExactSum::to_json() const {
  return {{"lsb_exponent", lsb_}, {"hex", value().to_hex()}};
}

ExactSum ExactSum::from_json(const nlohmann::json& j, const ExactSum& kind) {
  if (j.at("lsb_exponent").get<int>() != kind.lsb_) {
    throw std::invalid_argument("ExactSum: fixed point 2^" +
                                std::to_string(j.at("lsb_exponent").get<int>()) +
                                " differs from 2^" + std::to_string(kind.lsb_));
  }
  const BigInt v = BigInt::from_hex(j.at("hex").get<std::string>());
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
  return m;
}

}  // namespace spendcast
