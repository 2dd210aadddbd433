#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "stats/exact_sum.hpp"
#include "stats/json_integer.hpp"
#include "stats/moments.hpp"

namespace spendcast {

nlohmann::json ExactSum::to_json() const {
  return {{"lsb_exponent", lsb_}, {"hex", value().to_hex()}};
}

ExactSum ExactSum::from_json(const nlohmann::json& j, const ExactSum& kind) {
  if (json_integer<int>(j.at("lsb_exponent")) != kind.lsb_) {
    throw std::invalid_argument("ExactSum: fixed point 2^" +
                                std::to_string(json_integer<int>(j.at("lsb_exponent"))) +
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
  m.count_ = json_integer<std::uint64_t>(j.at("count"));
  if (m.count_ > 0) {
    m.min_ = j.at("min").get<double>();
    m.max_ = j.at("max").get<double>();
    if (!(m.min_ <= m.max_)) throw std::invalid_argument("Moments: min above max");
  }
  m.sum_ = ExactSum::from_json(j.at("sum"), ExactSum::for_values());
  m.sum_squares_ = ExactSum::from_json(j.at("sum_of_squares"), ExactSum::for_squares());
  if (m.variance_numerator().negative())  // found by fuzzing: variance() threw later
    throw std::invalid_argument("Moments: sum of squares below what the sum implies");
  return m;
}

}  // namespace spendcast
