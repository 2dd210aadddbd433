#include "random/permutation.hpp"

#include <stdexcept>

namespace spendcast::random {

FeistelPermutation::FeistelPermutation(std::uint64_t n, StreamKey key) : n_(n), key_(key) {
  if (n == 0) throw std::invalid_argument("FeistelPermutation: n must be at least 1");
  unsigned bits = 2;
  while (bits < 64 && (std::uint64_t{1} << bits) < n) bits += 2;
  half_bits_ = bits / 2;
  half_mask_ = (std::uint64_t{1} << half_bits_) - 1;
}

std::uint64_t FeistelPermutation::encrypt(std::uint64_t x) const {
  std::uint64_t left = x >> half_bits_;
  std::uint64_t right = x & half_mask_;
  for (std::uint32_t round = 0; round < 8; ++round) {
    const Counter r =
        ars5({static_cast<std::uint32_t>(right), static_cast<std::uint32_t>(right >> 32), round,
              0x4C485321u /* "LHS!" */},
             key_);
    const std::uint64_t f = low_half(r) & half_mask_;
    const std::uint64_t next = left ^ f;
    left = right;
    right = next;
  }
  return (left << half_bits_) | right;
}

std::uint64_t FeistelPermutation::operator()(std::uint64_t i) const {
  // Cycle walking: the domain is less than 4n, so fewer than 4 steps are expected.
  std::uint64_t x = encrypt(i);
  while (x >= n_) x = encrypt(x);
  return x;
}

}  // namespace spendcast::random
