#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "stats/empirical_distribution.hpp"

namespace spendcast::stats {

/// Every value of a stream, for exact quantiles on small runs (the CLI's --exact).
/// Merging concatenates; every query sorts first, so nothing depends on the order in
/// which values or accumulators arrived. Memory: 8 bytes per value.
class ExactSample {
 public:
  /// Adds finite values (not checked here: the accumulator checks; -0 is stored as +0).
  void add(std::span<const double> values);
  /// Appends the values of `other`.
  void merge(const ExactSample& other);
  /// Number of values.
  std::uint64_t count() const { return values_.size(); }
  /// The values in increasing order.
  std::vector<double> sorted() const;
  /// The exact empirical distribution of the values.
  EmpiricalDistribution distribution() const;

  /// Same values (as multisets).
  bool operator==(const ExactSample& other) const { return sorted() == other.sorted(); }

  /// The sorted values as a JSON array.
  nlohmann::json to_json() const;
  /// The reverse of to_json; throws std::invalid_argument (or nlohmann's errors) when
  /// malformed or not finite.
  static ExactSample from_json(const nlohmann::json& j);

 private:
  std::vector<double> values_;  ///< in arrival order
};

}  // namespace spendcast::stats
