#pragma once

#include <cstdint>
#include <span>

#include <nlohmann/json_fwd.hpp>

#include "stats/exact_sum.hpp"
#include "stats/row_scan.hpp"

namespace spendcast::stats {

/// Count, exact sums of x and x^2, min and max of a stream of finite doubles: mergeable
/// exactly and in any order. Mean and variance are computed from the exact sums with
/// exact integer arithmetic and rounded once (see docs/STATISTICS.md).
class Moments {
 public:
  /// No values yet.
  Moments();

  /// Adds one finite value; throws std::invalid_argument for NaN or +-inf.
  void add(double x);
  /// Adds finite values (checked: throws std::invalid_argument, adding nothing).
  void add(std::span<const double> values);
  /// Adds finite values whose scan_row() is `scan` (the fast path; not checked again).
  void add(std::span<const double> values, const RowScan& scan);
  /// Adds the values counted by `other`.
  void merge(const Moments& other);

  /// What add() changes besides the exact sums (see roll_back).
  struct Mark {
    std::uint64_t count = 0;
    double min = 0.0;
    double max = 0.0;
  };
  /// The state to roll back to.
  Mark mark() const { return {count_, min_, max_}; }
  /// Undoes add() of `values` made since `mark` was taken (the same finite values):
  /// subtracts them and their squares exactly and restores the count, min and max. For a
  /// rejected block of ForecastAccumulator (slow: one value at a time).
  void roll_back(const Mark& mark, std::span<const double> values);

  /// Number of values.
  std::uint64_t count() const { return count_; }
  /// Smallest value (+inf when empty).
  double min() const { return min_; }
  /// Largest value (-inf when empty).
  double max() const { return max_; }
  /// Exact sum of the values.
  const ExactSum& sum() const { return sum_; }
  /// Exact sum of their squares.
  const ExactSum& sum_of_squares() const { return sum_squares_; }

  /// Mean: the exact sum / count, correctly rounded; NaN when empty.
  double mean() const;
  /// Sample variance (n - 1 denominator), (n S2 - S1^2) / (n (n - 1)) computed exactly
  /// and correctly rounded; 0 for one value, NaN when empty.
  double variance() const;
  /// Sample standard deviation sqrt(variance()).
  double sd() const;
  /// Standard error of the mean sd() / sqrt(count()); NaN when empty.
  double se() const;

  /// Same values counted (bitwise-equal statistics follow).
  bool operator==(const Moments& other) const = default;

  /// {"count", "min", "max", "sum", "sum_of_squares"} (sums as ExactSum::to_json).
  nlohmann::json to_json() const;
  /// The reverse of to_json; throws std::invalid_argument (or nlohmann's errors) when
  /// malformed or when no values have these sums (a sum of squares too small for the sum).
  static Moments from_json(const nlohmann::json& j);

 private:
  /// n S2 - S1^2 in units of 2^-2148, exactly: never negative for values that were added
  /// (Cauchy–Schwarz); from_json refuses a state where it is.
  BigInt variance_numerator() const;

  std::uint64_t count_ = 0;
  double min_;
  double max_;
  ExactSum sum_;
  ExactSum sum_squares_;
};

}  // namespace spendcast::stats
