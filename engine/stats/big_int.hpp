#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace spendcast::stats {

/// A signed arbitrary-precision integer (sign and magnitude, 32-bit digits), for the
/// few exact operations that turn exact sums into correctly rounded statistics. Not used
/// per value: only when a statistic is queried, so it favours clarity over speed.
class BigInt {
 public:
  /// Zero.
  BigInt() = default;
  /// The value of `magnitude`, negated when `negative`.
  static BigInt from_u64(std::uint64_t magnitude, bool negative = false);
  /// The value given by little-endian 32-bit digits (leading zero digits allowed).
  static BigInt from_digits(std::vector<std::uint32_t> digits, bool negative = false);
  /// Parses "[-]hex digits" (no prefix, at least one digit); throws std::invalid_argument.
  static BigInt from_hex(std::string_view text);

  /// True for zero.
  bool is_zero() const { return digits_.empty(); }
  /// True for a value below zero.
  bool negative() const { return negative_; }
  /// Number of bits of the magnitude (0 for zero).
  std::uint64_t bit_length() const;
  /// Bit `i` of the magnitude.
  bool bit(std::uint64_t i) const;
  /// Little-endian 32-bit digits of the magnitude, without leading zeros.
  const std::vector<std::uint32_t>& digits() const { return digits_; }
  /// "[-]hex digits", lower case, "0" for zero.
  std::string to_hex() const;

  /// -this.
  BigInt negated() const;
  /// this * 2^bits.
  BigInt shifted_left(std::uint64_t bits) const;
  /// this * factor.
  BigInt times(std::uint64_t factor) const;
  /// this * other.
  BigInt times(const BigInt& other) const;
  /// this + other.
  BigInt plus(const BigInt& other) const;
  /// this - other.
  BigInt minus(const BigInt& other) const;
  /// Replaces |this| by floor(|this| / divisor) (sign kept) and returns |this| mod divisor;
  /// divisor > 0.
  std::uint64_t divide_magnitude(std::uint64_t divisor);

  /// The double nearest to (this + tail) * 2^exponent, ties to even, where `tail` is 0
  /// when `inexact` is false and some number strictly between 0 and 1 (in the direction
  /// of the sign) when it is true: the correct rounding of a quotient whose remainder was
  /// nonzero. Subnormal results are rounded correctly; overflow gives +-infinity.
  double to_double(std::int64_t exponent, bool inexact = false) const;

  /// Same value.
  bool operator==(const BigInt& other) const = default;

 private:
  void trim();
  static int compare_magnitude(const BigInt& a, const BigInt& b);
  static BigInt add_magnitudes(const BigInt& a, const BigInt& b, bool negative);
  static BigInt subtract_magnitudes(const BigInt& larger, const BigInt& smaller, bool negative);

  std::vector<std::uint32_t> digits_;  ///< little-endian, no leading zeros
  bool negative_ = false;              ///< never true for zero
};

}  // namespace spendcast::stats
