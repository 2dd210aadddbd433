#pragma once

#include <bit>
#include <cstdint>

namespace spendcast::util {

/// The layout of an IEEE-754 binary64 value: the one statement of it for every piece of
/// code that works on a double's bits (the exact accumulators, the quantile sketch's keys,
/// the uniforms' int→double trick, exp and log).
namespace binary64 {

inline constexpr int fraction_bits = 52;          ///< stored significand bits
inline constexpr int exponent_bias = 1023;        ///< biased exponent of 1.0
inline constexpr int max_biased_exponent = 2047;  ///< infinities and NaNs
inline constexpr std::uint64_t sign_bit = std::uint64_t{1} << 63;
inline constexpr std::uint64_t abs_mask = ~sign_bit;  ///< bits & abs_mask: the bits of |x|
inline constexpr std::uint64_t fraction_mask = (std::uint64_t{1} << fraction_bits) - 1;
inline constexpr std::uint64_t hidden_bit = std::uint64_t{1} << fraction_bits;

/// The bits of `x`.
constexpr std::uint64_t bits_of(double x) {
  return std::bit_cast<std::uint64_t>(x);
}
/// The biased exponent of a double's bits: 0 (zero, subnormal) .. 2047 (inf, NaN).
constexpr int biased_exponent(std::uint64_t bits) {
  return static_cast<int>((bits >> fraction_bits) & 0x7ff);
}
/// The significand of a double's bits, with the hidden bit for a normal number (< 2^53).
constexpr std::uint64_t significand(std::uint64_t bits) {
  return (bits & fraction_mask) | (biased_exponent(bits) != 0 ? hidden_bit : 0);
}
/// The exponent of the lowest significand bit for a biased exponent (>= 0):
/// |x| = significand · 2^lsb_exponent.
constexpr int lsb_exponent(int biased_exponent) {
  return (biased_exponent == 0 ? 1 : biased_exponent) - (exponent_bias + fraction_bits);
}

}  // namespace binary64

/// The fields of an IEEE-754 binary64 value, for the exact accumulators.
struct DoubleBits {
  bool negative = false;          ///< sign bit
  int biased_exponent = 0;        ///< 0 (zero, subnormal) .. 2047 (inf, NaN)
  std::uint64_t significand = 0;  ///< with the hidden bit for normal numbers (< 2^53)

  /// The exponent of the lowest significand bit: |x| = significand * 2^lsb_exponent().
  int lsb_exponent() const { return binary64::lsb_exponent(biased_exponent); }
};

/// Splits `x` into its fields.
inline DoubleBits split_double(double x) {
  const std::uint64_t bits = binary64::bits_of(x);
  return {(bits & binary64::sign_bit) != 0, binary64::biased_exponent(bits),
          binary64::significand(bits)};
}

}  // namespace spendcast::util
