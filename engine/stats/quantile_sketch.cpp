#include "stats/quantile_sketch.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "stats/empirical_distribution.hpp"
#include "stats/lanes.hpp"
#include "stats/sketch_counters.hpp"
#include "util/double_bits.hpp"

namespace spendcast {

namespace {
using binary64::abs_mask;
using binary64::fraction_bits;
constexpr std::uint64_t zero_threshold_bits =
    std::bit_cast<std::uint64_t>(QuantileSketch::zero_threshold);

int bits_for(double relative_accuracy) {
  if (!(relative_accuracy >= 1e-6 && relative_accuracy <= 0.5)) {
    throw std::invalid_argument("QuantileSketch: relative accuracy must be in [1e-6, 0.5]");
  }
  int bits = 0;
  while (1.0 / (2.0 * std::ldexp(1.0, bits) + 1.0) > relative_accuracy) ++bits;
  return bits;
}
}  // namespace

QuantileSketch::QuantileSketch(double relative_accuracy)
    : requested_(relative_accuracy),
      bits_(bits_for(relative_accuracy)),
      min_(std::numeric_limits<double>::infinity()),
      max_(-std::numeric_limits<double>::infinity()) {}

double QuantileSketch::relative_accuracy() const {
  return 1.0 / (2.0 * std::ldexp(1.0, bits_) + 1.0);
}

std::uint32_t QuantileSketch::key_of(double magnitude, int bits) {
  return static_cast<std::uint32_t>(std::bit_cast<std::uint64_t>(magnitude) >>
                                    (fraction_bits - bits));
}

double QuantileSketch::bucket_lower(std::uint32_t key, int bits) {
  return std::bit_cast<double>(static_cast<std::uint64_t>(key) << (fraction_bits - bits));
}

double QuantileSketch::bucket_upper(std::uint32_t key, int bits) {
  return std::bit_cast<double>(static_cast<std::uint64_t>(key + 1) << (fraction_bits - bits));
}

double QuantileSketch::bucket_value(std::uint32_t key, int bits) {
  // lo = 2^e (1 + j/K), hi = 2^e (1 + (j+1)/K): 2 lo hi / (lo + hi) =
  // 2^e 2 (K + j)(K + j + 1) / (K (2K + 2j + 1)); integers below 2^50, exact as doubles.
  const double k = std::ldexp(1.0, bits);
  const double j = static_cast<double>(key & ((std::uint32_t{1} << bits) - 1));
  const int e = static_cast<int>(key >> bits) - binary64::exponent_bias;
  const double f = 2.0 * (k + j) * (k + j + 1.0) / (k * (2.0 * k + 2.0 * j + 1.0));
  return std::ldexp(f, e);
}

std::uint32_t QuantileSketch::min_key() const {
  return key_of(zero_threshold, bits_);
}

std::uint32_t QuantileSketch::max_key() const {
  return key_of(std::numeric_limits<double>::max(), bits_);
}

void QuantileSketch::Store::cover(std::uint32_t lo, std::uint32_t hi, std::uint32_t floor,
                                  std::uint32_t ceiling, std::uint32_t slack) {
  if (counts.empty()) {
    first = lo;
    counts.assign(hi - lo + 1, 0);
    return;
  }
  const std::uint32_t last = first + static_cast<std::uint32_t>(counts.size()) - 1;
  if (lo >= first && hi <= last) return;
  slack = std::max<std::uint32_t>(slack, static_cast<std::uint32_t>(counts.size() / 2));
  std::uint32_t new_first = first, new_last = last;
  if (lo < first) new_first = lo - std::min(slack, lo - floor);
  if (hi > last) new_last = hi + std::min(slack, ceiling - hi);
  std::vector<std::uint64_t> grown(new_last - new_first + 1, 0);
  std::copy(counts.begin(), counts.end(), grown.begin() + (first - new_first));
  counts = std::move(grown);
  first = new_first;
}

bool QuantileSketch::Store::nonempty_range(std::uint32_t& first_key,
                                           std::uint32_t& last_key) const {
  std::size_t a = 0, b = counts.size();
  while (a < b && counts[a] == 0) ++a;
  while (b > a && counts[b - 1] == 0) --b;
  if (a == b) return false;
  first_key = first + static_cast<std::uint32_t>(a);
  last_key = first + static_cast<std::uint32_t>(b - 1);
  return true;
}

void QuantileSketch::add(double x) {
  if (!std::isfinite(x)) throw std::invalid_argument("QuantileSketch: non-finite value");
  const double v = x + 0.0;
  add(std::span<const double>(&v, 1), RowScan{v, v, true});
}

void QuantileSketch::add(std::span<const double> values) {
  const RowScan scan = scan_row(values);
  if (!scan.all_finite) throw std::invalid_argument("QuantileSketch: non-finite value");
  add(values, scan);
}

void QuantileSketch::prefetch(const RowScan& scan) const {
  if (!(scan.min >= zero_threshold || scan.max <= -zero_threshold)) return;
  const bool negative = scan.max < 0;
  const Store& s = negative ? negative_ : positive_;
  if (s.counts.empty()) return;
  // The counts a row touches are scattered over up to a few ten kilobytes, often out of
  // the nearer caches: fetch them in address order (at most 2^14 counts).
  const std::uint64_t last = s.first + s.counts.size() - 1;
  const std::uint64_t lo =
      std::max<std::uint64_t>(key_of(negative ? -scan.max : scan.min, bits_), s.first);
  const std::uint64_t hi =
      std::min<std::uint64_t>(key_of(negative ? -scan.min : scan.max, bits_), last);
  if (lo > hi || hi - lo >= (std::uint64_t{1} << 14)) return;
  for (std::uint64_t k = lo; k <= hi; k += 8)
    __builtin_prefetch(s.counts.data() + (k - s.first), 1, 3);
}

void QuantileSketch::add(std::span<const double> values, const RowScan& scan) {
  if (values.empty()) return;
  count_ += values.size();
  min_ = std::min(min_, scan.min);
  max_ = std::max(max_, scan.max);
  const unsigned shift = static_cast<unsigned>(fraction_bits - bits_);
  const std::uint32_t slack = std::uint32_t{1} << bits_;
  if (scan.min >= zero_threshold || scan.max <= -zero_threshold) {
    // One sign, no zero bucket: the key is the magnitude's bits shifted.
    const bool negative = scan.max < 0;
    Store& s = store(negative);
    const double small = negative ? -scan.max : scan.min;
    const double large = negative ? -scan.min : scan.max;
    s.cover(key_of(small, bits_), key_of(large, bits_), min_key(), max_key(), slack);
    prefetch(scan);
    std::uint64_t* counts = s.counts.data();
    const std::uint64_t first = s.first;
    for (const double x : values) {
      ++counts[((std::bit_cast<std::uint64_t>(x) & abs_mask) >> shift) - first];
    }
    return;
  }
  add_general(values, scan);
}

void QuantileSketch::add_general(std::span<const double> values, const RowScan& scan) {
  // Size the stores once: the largest magnitudes come from the scan, the smallest from a
  // vectorised pass.
  double small_positive = 0.0, small_negative = 0.0;
  smallest_magnitudes(values.data(), values.size(), zero_threshold, small_positive, small_negative);
  const std::uint32_t slack = std::uint32_t{1} << bits_;
  if (scan.max >= zero_threshold) {
    positive_.cover(key_of(small_positive, bits_), key_of(scan.max, bits_), min_key(), max_key(),
                    slack);
  }
  if (scan.min <= -zero_threshold) {
    negative_.cover(key_of(small_negative, bits_), key_of(-scan.min, bits_), min_key(), max_key(),
                    slack);
  }
  // Per block of values, the address of each value's counter first (vectorised), then
  // the increments: one branch-free loop whatever the signs. Four zero-bucket counters in
  // turn keep runs of zeros from serialising on one memory location, and so do four
  // counters for the key of the largest value (the 1 of a row of 0/1 indicators).
  std::uint64_t local[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  const auto origin = [](const Store& s) {  // address of the count of key 0
    return reinterpret_cast<std::uintptr_t>(s.counts.data()) - s.first * sizeof(std::uint64_t);
  };
  // A positive key (sign bit clear), never a tiny magnitude's: the largest is >= 2^-40.
  const bool has_top = scan.max >= zero_threshold;
  const SketchCounterMap map{static_cast<unsigned>(fraction_bits - bits_),
                             zero_threshold_bits,
                             has_top ? key_of(scan.max, bits_) : ~std::uint64_t{0},
                             origin(positive_),
                             origin(negative_),
                             local};
  constexpr std::size_t block = 512;
  std::uintptr_t addresses[block];
  for (std::size_t start = 0; start < values.size(); start += block) {
    const std::size_t n = std::min(block, values.size() - start);
    sketch_counter_addresses(values.data() + start, n, map, addresses);
    for (std::size_t i = 0; i < n; ++i) ++*reinterpret_cast<std::uint64_t*>(addresses[i]);
  }
  zero_ += local[0] + local[1] + local[2] + local[3];
  if (has_top) {
    positive_.counts[map.top_key - positive_.first] += local[4] + local[5] + local[6] + local[7];
  }
}

void QuantileSketch::roll_back(const Mark& mark, std::span<const double> values) {
  const unsigned shift = static_cast<unsigned>(fraction_bits - bits_);
  for (const double x : values) {
    const auto bits = std::bit_cast<std::uint64_t>(x);
    const std::uint64_t a = bits & abs_mask;
    if (a < zero_threshold_bits) continue;  // the zero count is restored below
    Store& s = store((bits >> 63) != 0);
    --s.counts[(a >> shift) - s.first];  // add() made the key addressable
  }
  count_ = mark.count;
  zero_ = mark.zero_count;
  min_ = mark.min;
  max_ = mark.max;
}

void QuantileSketch::merge(const QuantileSketch& other) {
  if (other.bits_ != bits_) {
    throw std::invalid_argument("QuantileSketch: merging sketches of different accuracy");
  }
  count_ += other.count_;
  zero_ += other.zero_;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
  for (const bool negative : {false, true}) {
    const Store& from = negative ? other.negative_ : other.positive_;
    std::uint32_t a = 0, b = 0;
    if (!from.nonempty_range(a, b)) continue;
    Store& to = store(negative);
    to.cover(a, b, min_key(), max_key(), std::uint32_t{1} << bits_);
    for (std::uint32_t k = a; k <= b; ++k) to.counts[k - to.first] += from.counts[k - from.first];
  }
}

std::vector<QuantileSketch::Bucket> QuantileSketch::buckets() const {
  std::vector<Bucket> out;
  std::uint32_t a = 0, b = 0;
  if (negative_.nonempty_range(a, b)) {
    for (std::uint32_t k = b + 1; k-- > a;) {
      const std::uint64_t c = negative_.counts[k - negative_.first];
      if (c == 0) continue;
      out.push_back(
          {-1, k, -bucket_upper(k, bits_), -bucket_lower(k, bits_), -bucket_value(k, bits_), c});
    }
  }
  if (zero_ > 0) out.push_back({0, 0, -zero_threshold, zero_threshold, 0.0, zero_});
  if (positive_.nonempty_range(a, b)) {
    for (std::uint32_t k = a; k <= b; ++k) {
      const std::uint64_t c = positive_.counts[k - positive_.first];
      if (c == 0) continue;
      out.push_back(
          {1, k, bucket_lower(k, bits_), bucket_upper(k, bits_), bucket_value(k, bits_), c});
    }
  }
  return out;
}

double QuantileSketch::quantile(double p) const {
  return EmpiricalDistribution::from_sketch(*this).quantile(p);
}

double QuantileSketch::cdf(double x) const {
  return EmpiricalDistribution::from_sketch(*this).cdf(x);
}

bool QuantileSketch::operator==(const QuantileSketch& other) const {
  if (bits_ != other.bits_ || count_ != other.count_ || zero_ != other.zero_) return false;
  if (count_ > 0 && (min_ != other.min_ || max_ != other.max_)) return false;
  const auto same = [](const Store& x, const Store& y) {
    std::uint32_t xa = 0, xb = 0, ya = 0, yb = 0;
    const bool xn = x.nonempty_range(xa, xb), yn = y.nonempty_range(ya, yb);
    if (xn != yn) return false;
    if (!xn) return true;
    if (xa != ya || xb != yb) return false;
    return std::equal(x.counts.begin() + (xa - x.first), x.counts.begin() + (xb - x.first + 1),
                      y.counts.begin() + (ya - y.first));
  };
  return same(positive_, other.positive_) && same(negative_, other.negative_);
}

}  // namespace spendcast
