#pragma once

#include <cstddef>
#include <cstdint>

#include "random/philox.hpp"

namespace spendcast::random {

/// A uniform in the open interval (0, 1) from 52 random bits: (k + 1/2)·2^-52. The
/// grid is symmetric (1 - u is exact and on the grid), the smallest value is 2^-53 and
/// the largest 1 - 2^-53: never 0 nor 1.
constexpr double to_unit_open(std::uint32_t high, std::uint32_t low) {
  const std::uint64_t k = ((std::uint64_t{high} << 32) | low) >> 12;
  return (static_cast<double>(k) + 0.5) * 0x1p-52;
}

/// The two uniforms of draw pair `draw` for (key, path, step): words (0, 1) and (2, 3)
/// of one Philox call.
struct UniformPair {
  double first;
  double second;
};
constexpr UniformPair uniform_pair(StreamKey key, std::uint64_t path, std::uint32_t step,
                                   std::uint32_t draw) {
  const Counter r = philox4x32_10(make_counter(path, step, draw), key);
  return {to_unit_open(r[0], r[1]), to_unit_open(r[2], r[3])};
}

/// Fills first[i] and second[i] (i < n) with the uniform pair `draw` of paths
/// first_path + i at `step`. Vectorises over i.
void fill_uniform_pairs(StreamKey key, std::uint64_t first_path, std::size_t n, std::uint32_t step,
                        std::uint32_t draw, double* first, double* second);

/// As fill_uniform_pairs, keeping only the first uniform of each pair.
void fill_uniforms(StreamKey key, std::uint64_t first_path, std::size_t n, std::uint32_t step,
                   std::uint32_t draw, double* out);

}  // namespace spendcast::random
