#pragma once

#include <cstdint>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "stats/big_int.hpp"

namespace spendcast::stats {

/// An exact sum of doubles (or of their exact squares): a fixed-point "superaccumulator"
/// whose 64-bit limbs hold 32-bit digits plus room for carries, over the whole exponent
/// range. Every term is added without rounding, so the sum is the same number whatever
/// the order of the terms and however they are split between merged accumulators; only
/// queries round (correctly). Carries are propagated every 2^30 additions and on merge.
class ExactSum {
 public:
  /// A sum of doubles: every finite double is a multiple of 2^-1074; sums of up to 2^64
  /// terms stay below 2^1088.
  static ExactSum for_values();
  /// A sum of squares of doubles: multiples of 2^-2148, below 2^2112 for 2^64 terms.
  static ExactSum for_squares();

  /// Adds the finite double `x` (any ExactSum).
  void add(double x);
  /// Adds x * x exactly (for_squares sums only); x finite.
  void add_square(double x);
  /// Adds (-1)^negative * (high * 2^64 + low) * 2^exponent, exponent >= lsb_exponent(). The
  /// bulk path of Moments adds per-exponent partial sums through this.
  void add_scaled(bool negative, std::uint64_t high, std::uint64_t low, int exponent);
  /// Adds another sum of the same kind (same lsb_exponent); throws std::invalid_argument.
  void merge(const ExactSum& other);

  /// The exponent of the fixed point: the sum equals value() * 2^lsb_exponent().
  int lsb_exponent() const { return lsb_; }
  /// The sum as an integer multiple of 2^lsb_exponent().
  BigInt value() const;
  /// The sum correctly rounded to a double (ties to even; +-inf beyond the range).
  double to_double() const;

  /// Same kind and same sum (whatever the history of additions).
  bool operator==(const ExactSum& other) const;

  /// {"lsb_exponent": int, "hex": "[-]digits"}: the sum is hex * 2^lsb_exponent.
  nlohmann::json to_json() const;
  /// The reverse of to_json for a sum of the same kind as `kind` (for_values() or
  /// for_squares()); throws std::invalid_argument on a malformed or foreign value.
  static ExactSum from_json(const nlohmann::json& j, const ExactSum& kind);

 private:
  ExactSum(int lsb_exponent, int msb_exponent);
  std::vector<std::int64_t> normalized_limbs() const;
  void normalize();

  int lsb_ = 0;                          ///< exponent of the lowest digit
  std::vector<std::int64_t> limbs_;      ///< digit k has weight 2^(lsb_ + 32 k)
  std::uint32_t adds_since_normal_ = 0;  ///< additions since carries were propagated
};

}  // namespace spendcast::stats
