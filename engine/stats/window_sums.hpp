#pragma once

#include <cstddef>
#include <cstdint>

namespace spendcast {

/// The bulk kernel of Moments: exact integer partial sums of +-v and v^2 over the values of
/// a row whose binary exponent lies in a window of `window_binades` binades, where
/// v = significand << (biased exponent - base) < 2^63, so that x = v 2^(base - 1075)
/// (subnormals count with biased exponent 1). v is cut into three 21-bit limbs
/// v = a 2^42 + b 2^21 + c, so that every partial product fits a 32 x 32 -> 64-bit
/// multiply and at most `max_values` of them fit 64-bit lanes. See docs/STATISTICS.md.
struct WindowSums {
  static constexpr int window_binades = 11;
  static constexpr std::size_t max_values = std::size_t{1} << 11;

  std::int64_t sum[3] = {0, 0, 0};             ///< sums of +-c, +-b, +-a (weights 2^0, 2^21, 2^42)
  std::uint64_t squares[5] = {0, 0, 0, 0, 0};  ///< sums of the limb products of weight
                                               ///< 2^0, 2^21, 2^42, 2^63, 2^84
};

/// Adds the n <= WindowSums::max_values finite values x[i] to `sums`, for the window of
/// biased exponents [base, base + window_binades) (base >= 1; the caller makes sure that
/// no value lies above it). Nonzero values below the window are not added but copied to
/// `leftovers` (room for n); returns how many. Zeros (and -0) add nothing.
std::size_t add_window_sums(const double* x, std::size_t n, int base, WindowSums& sums,
                            double* leftovers);

}  // namespace spendcast
