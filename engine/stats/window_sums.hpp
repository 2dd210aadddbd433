#pragma once

#include <cstddef>
#include <cstdint>

namespace spendcast::stats {

/// The bulk kernel of Moments: exact integer partial sums of +-v and v^2 over the values of
/// a row whose binary exponent lies in a window of `window_binades` binades, where
/// v = significand << (biased exponent - base) < 2^63, so that x = v 2^(base - 1075)
/// (subnormals count with biased exponent 1). +-v is summed as two 32-bit halves of its
/// 64-bit two's complement; v is cut into three 21-bit limbs v = a 2^42 + b 2^21 + c for
/// the squares, so that every limb product fits a 32 x 32 -> 64-bit multiply and at most
/// `max_values` of them fit 64-bit lanes. See docs/STATISTICS.md.
struct WindowSums {
  static constexpr int window_binades = 11;
  static constexpr std::size_t max_values = std::size_t{1} << 11;

  std::uint64_t low = 0;   ///< sum of the low halves (bits 0..31) of +-v mod 2^64
  std::uint64_t high = 0;  ///< sum of the high halves (bits 32..63)
  std::uint64_t negatives =
      0;  ///< negative values: sum of +-v = low + 2^32 (high - 2^32 negatives)
  std::uint64_t products[6] = {0, 0, 0, 0, 0, 0};  ///< sums of c c, b c, a c, b b, a b, a a:
                                                   ///< v^2 = cc + bc 2^22 + bb 2^42 + ac 2^43
                                                   ///< + ab 2^64 + aa 2^84
};

/// Adds the n <= WindowSums::max_values finite values x[i] to `sums`, for the window of
/// biased exponents [base, base + window_binades) (base >= 1; the caller makes sure that
/// no value lies above it; base 1, subnormals in the window, takes a scalar loop). Nonzero values
/// below the window are not added but copied to `leftovers` (room for n); returns how many. Zeros
/// (and -0) add nothing.
std::size_t add_window_sums(const double* x, std::size_t n, int base, WindowSums& sums,
                            double* leftovers);

}  // namespace spendcast::stats
