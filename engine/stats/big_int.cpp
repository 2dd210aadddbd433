#include "stats/big_int.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace spendcast::stats {

namespace {
__extension__ typedef unsigned __int128 Uint128;
}  // namespace

BigInt BigInt::from_u64(std::uint64_t magnitude, bool negative) {
  return from_digits(
      {static_cast<std::uint32_t>(magnitude), static_cast<std::uint32_t>(magnitude >> 32)},
      negative);
}

BigInt BigInt::from_digits(std::vector<std::uint32_t> digits, bool negative) {
  BigInt r;
  r.digits_ = std::move(digits);
  r.negative_ = negative;
  r.trim();
  return r;
}

BigInt BigInt::from_hex(std::string_view text) {
  bool negative = false;
  if (!text.empty() && text.front() == '-') {
    negative = true;
    text.remove_prefix(1);
  }
  if (text.empty()) throw std::invalid_argument("BigInt: empty hexadecimal number");
  std::vector<std::uint32_t> digits((text.size() + 7) / 8, 0);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[text.size() - 1 - i];
    std::uint32_t v = 0;
    if (c >= '0' && c <= '9') {
      v = static_cast<std::uint32_t>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      v = static_cast<std::uint32_t>(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
      v = static_cast<std::uint32_t>(c - 'A' + 10);
    } else {
      throw std::invalid_argument("BigInt: invalid hexadecimal digit '" + std::string(1, c) + "'");
    }
    digits[i / 8] |= v << (4 * (i % 8));
  }
  return from_digits(std::move(digits), negative);
}

std::uint64_t BigInt::bit_length() const {
  if (digits_.empty()) return 0;
  const std::uint32_t top = digits_.back();
  return 32 * (digits_.size() - 1) + static_cast<std::uint64_t>(32 - __builtin_clz(top));
}

bool BigInt::bit(std::uint64_t i) const {
  const std::uint64_t d = i / 32;
  return d < digits_.size() && ((digits_[d] >> (i % 32)) & 1u) != 0;
}

std::string BigInt::to_hex() const {
  if (digits_.empty()) return "0";
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  for (std::size_t d = digits_.size(); d-- > 0;) {
    for (int nibble = 7; nibble >= 0; --nibble) {
      const std::uint32_t v = (digits_[d] >> (4 * nibble)) & 0xfu;
      if (out.empty() && v == 0) continue;
      out.push_back(hex[v]);
    }
  }
  return negative_ ? "-" + out : out;
}

BigInt BigInt::negated() const {
  BigInt r = *this;
  r.negative_ = !r.digits_.empty() && !negative_;
  return r;
}

BigInt BigInt::shifted_left(std::uint64_t bits) const {
  if (digits_.empty()) return {};
  const std::uint64_t whole = bits / 32;
  const unsigned part = static_cast<unsigned>(bits % 32);
  std::vector<std::uint32_t> out(whole + digits_.size() + 1, 0);
  for (std::size_t i = 0; i < digits_.size(); ++i) {
    const std::uint64_t v = static_cast<std::uint64_t>(digits_[i]) << part;
    out[whole + i] |= static_cast<std::uint32_t>(v);
    out[whole + i + 1] |= static_cast<std::uint32_t>(v >> 32);
  }
  return from_digits(std::move(out), negative_);
}

BigInt BigInt::times(std::uint64_t factor) const {
  return times(from_u64(factor));
}

BigInt BigInt::times(const BigInt& other) const {
  if (digits_.empty() || other.digits_.empty()) return {};
  std::vector<std::uint32_t> out(digits_.size() + other.digits_.size(), 0);
  for (std::size_t i = 0; i < digits_.size(); ++i) {
    std::uint64_t carry = 0;
    const std::uint64_t a = digits_[i];
    for (std::size_t j = 0; j < other.digits_.size(); ++j) {
      // a * b + out + carry < 2^64: (2^32 - 1)^2 + 2 (2^32 - 1) = 2^64 - 1.
      const std::uint64_t t = a * other.digits_[j] + out[i + j] + carry;
      out[i + j] = static_cast<std::uint32_t>(t);
      carry = t >> 32;
    }
    out[i + other.digits_.size()] = static_cast<std::uint32_t>(carry);
  }
  return from_digits(std::move(out), negative_ != other.negative_);
}

int BigInt::compare_magnitude(const BigInt& a, const BigInt& b) {
  if (a.digits_.size() != b.digits_.size()) return a.digits_.size() < b.digits_.size() ? -1 : 1;
  for (std::size_t i = a.digits_.size(); i-- > 0;) {
    if (a.digits_[i] != b.digits_[i]) return a.digits_[i] < b.digits_[i] ? -1 : 1;
  }
  return 0;
}

BigInt BigInt::add_magnitudes(const BigInt& a, const BigInt& b, bool negative) {
  const std::size_t n = std::max(a.digits_.size(), b.digits_.size());
  std::vector<std::uint32_t> out(n + 1, 0);
  std::uint64_t carry = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t x = i < a.digits_.size() ? a.digits_[i] : 0;
    const std::uint64_t y = i < b.digits_.size() ? b.digits_[i] : 0;
    const std::uint64_t t = x + y + carry;
    out[i] = static_cast<std::uint32_t>(t);
    carry = t >> 32;
  }
  out[n] = static_cast<std::uint32_t>(carry);
  return from_digits(std::move(out), negative);
}

BigInt BigInt::subtract_magnitudes(const BigInt& larger, const BigInt& smaller, bool negative) {
  std::vector<std::uint32_t> out(larger.digits_.size(), 0);
  std::int64_t borrow = 0;
  for (std::size_t i = 0; i < larger.digits_.size(); ++i) {
    const std::int64_t y = i < smaller.digits_.size() ? smaller.digits_[i] : 0;
    std::int64_t t = static_cast<std::int64_t>(larger.digits_[i]) - y - borrow;
    borrow = t < 0 ? 1 : 0;
    if (t < 0) t += std::int64_t{1} << 32;
    out[i] = static_cast<std::uint32_t>(t);
  }
  return from_digits(std::move(out), negative);
}

BigInt BigInt::plus(const BigInt& other) const {
  if (negative_ == other.negative_) return add_magnitudes(*this, other, negative_);
  const int c = compare_magnitude(*this, other);
  if (c == 0) return {};
  return c > 0 ? subtract_magnitudes(*this, other, negative_)
               : subtract_magnitudes(other, *this, other.negative_);
}

BigInt BigInt::minus(const BigInt& other) const {
  return plus(other.negated());
}

std::uint64_t BigInt::divide_magnitude(std::uint64_t divisor) {
  if (divisor == 0) throw std::invalid_argument("BigInt: division by zero");
  Uint128 remainder = 0;
  for (std::size_t i = digits_.size(); i-- > 0;) {
    const Uint128 current = (remainder << 32) | digits_[i];
    digits_[i] = static_cast<std::uint32_t>(current / divisor);
    remainder = current % divisor;
  }
  trim();
  return static_cast<std::uint64_t>(remainder);
}

double BigInt::to_double(std::int64_t exponent, bool inexact) const {
  constexpr std::int64_t min_lsb = -1074;  // lsb exponent of the subnormals
  if (digits_.empty()) {
    // The value lies in (0, 2^exponent) when inexact: it rounds to zero only when below
    // half the smallest subnormal.
    if (inexact && exponent > min_lsb - 1) {
      throw std::logic_error("BigInt::to_double: too few bits to round correctly");
    }
    return 0.0;
  }
  const std::int64_t length = static_cast<std::int64_t>(bit_length());
  const std::int64_t msb = length - 1 + exponent;
  const double sign = negative_ ? -1.0 : 1.0;
  if (msb > 1023) return sign * std::numeric_limits<double>::infinity();
  const std::int64_t lsb = std::max(msb - 52, min_lsb);  // of the result
  const std::int64_t dropped = lsb - exponent;           // low bits of the magnitude to drop
  std::uint64_t top = 0;
  if (dropped <= 0) {
    // Every bit is kept; a tail below 2^exponent <= half an ulp rounds down, except when
    // dropped == 0, where it could exceed half an ulp.
    if (inexact && dropped == 0) {
      throw std::logic_error("BigInt::to_double: too few bits to round correctly");
    }
    for (std::int64_t i = length - 1; i >= 0; --i) top = (top << 1) | (bit(i) ? 1u : 0u);
    return sign * std::ldexp(static_cast<double>(top), static_cast<int>(exponent));
  }
  for (std::int64_t i = length - 1; i >= dropped; --i) top = (top << 1) | (bit(i) ? 1u : 0u);
  const bool round = bit(static_cast<std::uint64_t>(dropped - 1));
  // Sticky: any bit below the round bit, or the tail.
  const std::uint64_t below = static_cast<std::uint64_t>(dropped - 1);
  bool sticky = inexact;
  for (std::size_t d = 0; d < below / 32 && d < digits_.size() && !sticky; ++d) {
    sticky = digits_[d] != 0;
  }
  for (std::uint64_t i = below / 32 * 32; i < below && !sticky; ++i) sticky = bit(i);
  if (round && (sticky || (top & 1u) != 0)) ++top;  // top <= 2^53: exact as a double
  return sign * std::ldexp(static_cast<double>(top), static_cast<int>(lsb));
}

void BigInt::trim() {
  while (!digits_.empty() && digits_.back() == 0) digits_.pop_back();
  if (digits_.empty()) negative_ = false;
}

}  // namespace spendcast::stats
