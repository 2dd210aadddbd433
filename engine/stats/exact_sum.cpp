#include "stats/exact_sum.hpp"

#include <stdexcept>

#include "util/double_bits.hpp"

namespace spendcast::stats {

namespace {
__extension__ typedef unsigned __int128 Uint128;

constexpr std::uint32_t normalize_every = 1u << 30;  // additions of < 2^32 per limb
constexpr std::int64_t digit_base = std::int64_t{1} << 32;
}  // namespace

ExactSum::ExactSum(int lsb_exponent, int msb_exponent)
    : lsb_(lsb_exponent),
      // 3 spare limbs: a 128-bit term shifted by up to 31 bits spans 5 digits.
      limbs_(static_cast<std::size_t>((msb_exponent - lsb_exponent) / 32 + 3), 0) {}

ExactSum ExactSum::for_values() {
  return ExactSum(-1074, 1024 + 64);
}

ExactSum ExactSum::for_squares() {
  return ExactSum(-2148, 2048 + 64);
}

void ExactSum::add(double x) {
  const util::DoubleBits d = util::split_double(x);
  if (d.biased_exponent == util::binary64::max_biased_exponent)
    throw std::invalid_argument("ExactSum: non-finite term");
  if (d.significand == 0) return;
  add_scaled(d.negative, 0, d.significand, d.lsb_exponent());
}

void ExactSum::add_square(double x) {
  const util::DoubleBits d = util::split_double(x);
  if (d.biased_exponent == util::binary64::max_biased_exponent)
    throw std::invalid_argument("ExactSum: non-finite term");
  if (d.significand == 0) return;
  const Uint128 square = static_cast<Uint128>(d.significand) * d.significand;
  add_scaled(false, static_cast<std::uint64_t>(square >> 64), static_cast<std::uint64_t>(square),
             2 * d.lsb_exponent());
}

void ExactSum::add_scaled(bool negative, std::uint64_t high, std::uint64_t low, int exponent) {
  if (high == 0 && low == 0) return;
  if (exponent < lsb_) throw std::invalid_argument("ExactSum: term below the fixed point");
  const auto position = static_cast<unsigned>(exponent - lsb_);
  const std::size_t k = position / 32;
  const unsigned shift = position % 32;
  const Uint128 v = (static_cast<Uint128>(high) << 64) | low;
  const Uint128 shifted = v << shift;
  const auto spill = static_cast<std::uint64_t>(shift == 0 ? 0 : v >> (128 - shift));
  const std::uint64_t digits[5] = {
      static_cast<std::uint32_t>(shifted), static_cast<std::uint32_t>(shifted >> 32),
      static_cast<std::uint32_t>(shifted >> 64), static_cast<std::uint32_t>(shifted >> 96), spill};
  std::size_t used = 5;
  while (used > 0 && digits[used - 1] == 0) --used;
  if (k + used > limbs_.size()) throw std::overflow_error("ExactSum: sum beyond its range");
  for (std::size_t i = 0; i < used; ++i) {
    const auto d = static_cast<std::int64_t>(digits[i]);
    limbs_[k + i] += negative ? -d : d;
  }
  if (++adds_since_normal_ >= normalize_every) normalize();
}

void ExactSum::merge(const ExactSum& other) {
  if (other.lsb_ != lsb_ || other.limbs_.size() != limbs_.size()) {
    throw std::invalid_argument("ExactSum: merging sums of different kinds");
  }
  normalize();  // |limb| < 2^32 here and < 2^62 in other: the sums fit
  for (std::size_t i = 0; i < limbs_.size(); ++i) limbs_[i] += other.limbs_[i];
  normalize();
}

void ExactSum::normalize() {
  std::int64_t carry = 0;
  for (std::size_t i = 0; i + 1 < limbs_.size(); ++i) {
    const std::int64_t v = limbs_[i] + carry;
    carry = v >> 32;  // floor division: the digit becomes v mod 2^32 in [0, 2^32)
    limbs_[i] = v - carry * digit_base;
  }
  limbs_.back() += carry;
  adds_since_normal_ = 0;
}

std::vector<std::int64_t> ExactSum::normalized_limbs() const {
  ExactSum copy = *this;
  copy.normalize();
  return std::move(copy.limbs_);
}

BigInt ExactSum::value() const {
  ExactSum copy = *this;
  copy.normalize();
  const bool negative = copy.limbs_.back() < 0;
  if (negative) {
    for (auto& limb : copy.limbs_) limb = -limb;
    copy.normalize();
  }
  // Digits in [0, 2^32) except the top limb (>= 0 now, below 2^62).
  std::vector<std::uint32_t> digits(copy.limbs_.size() + 1, 0);
  for (std::size_t i = 0; i + 1 < copy.limbs_.size(); ++i) {
    digits[i] = static_cast<std::uint32_t>(copy.limbs_[i]);
  }
  const auto top = static_cast<std::uint64_t>(copy.limbs_.back());
  digits[copy.limbs_.size() - 1] = static_cast<std::uint32_t>(top);
  digits[copy.limbs_.size()] = static_cast<std::uint32_t>(top >> 32);
  return BigInt::from_digits(std::move(digits), negative);
}

double ExactSum::to_double() const {
  return value().to_double(lsb_);
}

bool ExactSum::operator==(const ExactSum& other) const {
  return lsb_ == other.lsb_ && normalized_limbs() == other.normalized_limbs();
}

}  // namespace spendcast::stats
