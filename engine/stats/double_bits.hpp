#pragma once

#include <bit>
#include <cstdint>

namespace spendcast {

/// The fields of an IEEE-754 binary64 value, for the exact accumulators.
struct DoubleBits {
  bool negative = false;          ///< sign bit
  int biased_exponent = 0;        ///< 0 (zero, subnormal) .. 2047 (inf, NaN)
  std::uint64_t significand = 0;  ///< with the hidden bit for normal numbers (< 2^53)

  /// The exponent of the lowest significand bit: |x| = significand * 2^lsb_exponent().
  int lsb_exponent() const { return (biased_exponent == 0 ? 1 : biased_exponent) - 1075; }
};

/// Splits `x` into its fields.
inline DoubleBits split_double(double x) {
  const auto bits = std::bit_cast<std::uint64_t>(x);
  DoubleBits d;
  d.negative = (bits >> 63) != 0;
  d.biased_exponent = static_cast<int>((bits >> 52) & 0x7ff);
  d.significand = (bits & ((std::uint64_t{1} << 52) - 1)) |
                  (d.biased_exponent != 0 ? std::uint64_t{1} << 52 : 0);
  return d;
}

}  // namespace spendcast
