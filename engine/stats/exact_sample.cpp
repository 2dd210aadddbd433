#include "stats/exact_sample.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace spendcast::stats {

void ExactSample::add(std::span<const double> values) {
  const std::size_t before = values_.size();
  values_.insert(values_.end(), values.begin(), values.end());
  for (std::size_t i = before; i < values_.size(); ++i) values_[i] += 0.0;  // -0 -> +0
}

void ExactSample::merge(const ExactSample& other) {
  values_.insert(values_.end(), other.values_.begin(), other.values_.end());
}

std::vector<double> ExactSample::sorted() const {
  std::vector<double> out = values_;
  std::sort(out.begin(), out.end());
  return out;
}

EmpiricalDistribution ExactSample::distribution() const {
  return EmpiricalDistribution::from_values(values_);
}

nlohmann::json ExactSample::to_json() const {
  return sorted();
}

ExactSample ExactSample::from_json(const nlohmann::json& j) {
  ExactSample s;
  j.get_to(s.values_);
  for (const double v : s.values_) {
    if (!std::isfinite(v)) throw std::invalid_argument("ExactSample: non-finite value");
  }
  return s;
}

}  // namespace spendcast::stats
