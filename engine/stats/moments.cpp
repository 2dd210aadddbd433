#include "stats/moments.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "stats/window_sums.hpp"
#include "util/double_bits.hpp"

namespace spendcast::stats {

namespace {
__extension__ typedef __int128 Int128;
__extension__ typedef unsigned __int128 Uint128;

// Values more than WindowSums::window_binades below a row's largest (rare) are summed
// per exponent in 128-bit integers ("bins"), for the `window` exponents below the largest
// of them; a value further below (|x| < 2^-63 max |x|, rarer still) goes to the ExactSum
// directly. Consecutive values go to `ways` separate sets of bins, so that runs of equal
// exponents do not serialise on one memory location. Bins are flushed into the exact sums
// every `chunk` values, so that a bin sums at most 2^10 values: |sum of +-m| < 2^(10+53)
// fits in 64 bits and the sum of m^2 < 2^(10+106) in 128 bits.
constexpr int window = 64;
constexpr std::size_t ways = 4;
constexpr std::size_t chunk = ways << 10;

void add_signed(ExactSum& sum, Int128 v, int exponent) {
  if (v == 0) return;
  const bool negative = v < 0;
  const Uint128 magnitude = negative ? -static_cast<Uint128>(v) : static_cast<Uint128>(v);
  sum.add_scaled(negative, static_cast<std::uint64_t>(magnitude >> 64),
                 static_cast<std::uint64_t>(magnitude), exponent);
}

void add_unsigned(ExactSum& sum, Uint128 v, int exponent) {
  if (v == 0) return;
  sum.add_scaled(false, static_cast<std::uint64_t>(v >> 64), static_cast<std::uint64_t>(v),
                 exponent);
}

// The window kernel's partial sums: x = v 2^lsb, v = a 2^42 + b 2^21 + c.
void add_window(ExactSum& sum, ExactSum& squares, const WindowSums& w, int lsb) {
  const Int128 high = static_cast<Int128>(w.high) - static_cast<Int128>(w.negatives << 32);
  add_signed(sum, w.low + high * (Int128{1} << 32), lsb);  // |sum| < 2^(11+63)
  // Each product sum is below 2^(11+42): all but a a fit 128 bits together.
  const std::uint64_t* p = w.products;
  const Uint128 low = p[0] + (Uint128{p[1]} << 22) + (Uint128{p[3]} << 42) + (Uint128{p[2]} << 43) +
                      (Uint128{p[4]} << 64);
  add_unsigned(squares, low, 2 * lsb);
  add_unsigned(squares, p[5], 2 * lsb + 84);
}

// The values' sums through the exponent bins (any finite values).
void add_binned(ExactSum& total, ExactSum& total_squares, std::span<const double> values) {
  double top = 0.0;
  for (const double x : values) top = std::max(top, std::fabs(x));
  const int top_exponent = util::split_double(top).biased_exponent;
  const int low_exponent = std::max(top_exponent - (window - 1), 0);

  // Bins for the exponents [low_exponent, top_exponent] only.
  const auto used = static_cast<std::size_t>(top_exponent - low_exponent + 1);
  std::int64_t sums[ways][window];
  Uint128 squares[ways][window];
  for (std::size_t start = 0; start < values.size(); start += chunk) {
    const std::size_t end = std::min(values.size(), start + chunk);
    for (std::size_t w = 0; w < ways; ++w) {
      std::fill(sums[w], sums[w] + used, std::int64_t{0});
      std::fill(squares[w], squares[w] + used, Uint128{0});
    }
    const auto add_one = [&](double x, std::int64_t* sum, Uint128* square) {
      const std::uint64_t bits = util::binary64::bits_of(x);
      const int exponent = util::binary64::biased_exponent(bits);
      const std::uint64_t m = util::binary64::significand(bits);
      const int bin = m == 0 ? 0 : exponent - low_exponent;  // zeros add 0 to bin 0
      if (bin < 0) [[unlikely]] {
        total.add(x);
        total_squares.add_square(x);
        return;
      }
      const auto negative = static_cast<std::int64_t>(bits >> 63);
      sum[bin] += (static_cast<std::int64_t>(m) ^ -negative) + negative;  // +-m
      square[bin] += static_cast<Uint128>(m) * m;
    };
    std::size_t i = start;
    for (; i + ways <= end; i += ways) {
      for (std::size_t w = 0; w < ways; ++w) add_one(values[i + w], sums[w], squares[w]);
    }
    for (; i < end; ++i) add_one(values[i], sums[0], squares[0]);
    for (std::size_t bin = 0; bin < used; ++bin) {
      Int128 sum = 0;
      Uint128 square = 0;
      for (std::size_t w = 0; w < ways; ++w) {
        sum += sums[w][bin];        // < 2^(12+53) in all
        square += squares[w][bin];  // < 2^(20+106) in all
      }
      const int lsb = util::binary64::lsb_exponent(low_exponent + static_cast<int>(bin));
      add_signed(total, sum, lsb);
      add_unsigned(total_squares, square, 2 * lsb);
    }
  }
}

}  // namespace

Moments::Moments()
    : min_(std::numeric_limits<double>::infinity()),
      max_(-std::numeric_limits<double>::infinity()),
      sum_(ExactSum::for_values()),
      sum_squares_(ExactSum::for_squares()) {}

void Moments::add(double x) {
  if (!std::isfinite(x)) throw std::invalid_argument("Moments: non-finite value");
  const double v = x + 0.0;
  ++count_;
  min_ = std::min(min_, v);
  max_ = std::max(max_, v);
  sum_.add(v);
  sum_squares_.add_square(v);
}

void Moments::add(std::span<const double> values) {
  const RowScan scan = scan_row(values);
  if (!scan.all_finite) throw std::invalid_argument("Moments: non-finite value");
  add(values, scan);
}

void Moments::add(std::span<const double> values, const RowScan& scan) {
  if (values.empty()) return;
  count_ += values.size();
  min_ = std::min(min_, scan.min);
  max_ = std::max(max_, scan.max);
  const double top = std::max(std::fabs(scan.min), std::fabs(scan.max));
  const int top_exponent = std::max(util::split_double(top).biased_exponent, 1);
  // The window of exponents below the row's largest goes through the vector kernel; the
  // rare values under it through the exponent bins.
  const int base = std::max(top_exponent - (WindowSums::window_binades - 1), 1);
  double leftovers[WindowSums::max_values];
  for (std::size_t start = 0; start < values.size(); start += WindowSums::max_values) {
    const std::size_t n = std::min(values.size() - start, WindowSums::max_values);
    WindowSums w;
    const std::size_t left = add_window_sums(values.data() + start, n, base, w, leftovers);
    add_window(sum_, sum_squares_, w, base - 1075);
    if (left > 0) add_binned(sum_, sum_squares_, {leftovers, left});
  }
}

void Moments::merge(const Moments& other) {
  count_ += other.count_;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
  sum_.merge(other.sum_);
  sum_squares_.merge(other.sum_squares_);
}

void Moments::roll_back(const Mark& mark, std::span<const double> values) {
  for (const double x : values) {
    const util::DoubleBits d = util::split_double(x);
    if (d.significand == 0) continue;
    sum_.add_scaled(!d.negative, 0, d.significand, d.lsb_exponent());
    const Uint128 square = static_cast<Uint128>(d.significand) * d.significand;
    sum_squares_.add_scaled(true, static_cast<std::uint64_t>(square >> 64),
                            static_cast<std::uint64_t>(square), 2 * d.lsb_exponent());
  }
  count_ = mark.count;
  min_ = mark.min;
  max_ = mark.max;
}

double Moments::mean() const {
  if (count_ == 0) return std::numeric_limits<double>::quiet_NaN();
  // sum = J 2^-1074; J 2^128 / n keeps >= 64 quotient bits, so one rounding is exact.
  BigInt q = sum_.value().shifted_left(128);
  const std::uint64_t remainder = q.divide_magnitude(count_);
  return q.to_double(sum_.lsb_exponent() - 128, remainder != 0);
}

BigInt Moments::variance_numerator() const {
  // With S1 = J 2^-1074 and S2 = I 2^-2148: n S2 - S1^2 = (n I - J^2) 2^-2148 exactly.
  const BigInt j = sum_.value();
  return sum_squares_.value().times(count_).minus(j.times(j));
}

double Moments::variance() const {
  if (count_ == 0) return std::numeric_limits<double>::quiet_NaN();
  if (count_ == 1) return 0.0;
  const BigInt d = variance_numerator();
  if (d.negative()) throw std::logic_error("Moments: negative variance numerator");
  BigInt q = d.shifted_left(192);
  const std::uint64_t r1 = q.divide_magnitude(count_);
  const std::uint64_t r2 = q.divide_magnitude(count_ - 1);
  return q.to_double(sum_squares_.lsb_exponent() - 192, r1 != 0 || r2 != 0);
}

double Moments::sd() const {
  return std::sqrt(variance());
}

double Moments::se() const {
  if (count_ == 0) return std::numeric_limits<double>::quiet_NaN();
  return sd() / std::sqrt(static_cast<double>(count_));
}

}  // namespace spendcast::stats
