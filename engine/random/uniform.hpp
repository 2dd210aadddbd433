#pragma once

#include <cstddef>
#include <cstdint>

#include "random/ars.hpp"
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

/// The uniform pair of ARS-5 for (key, path, step, draw): its 64-bit halves (words 1:0 and
/// 3:2), each to_unit_open of its top 52 bits.
inline UniformPair ars_uniform_pair(StreamKey key, std::uint64_t path, std::uint32_t step,
                                    std::uint32_t draw) {
  const Counter r = ars5(make_counter(path, step, draw), key);
  return {to_unit_open(r[1], r[0]), to_unit_open(r[3], r[2])};
}

/// The ways to fill a block with ARS-5 uniform pairs, for tests and benchmarks: every one
/// gives first[i], second[i] = ars_uniform_pair(key, first_path + i, step, draw).
enum class ArsLanes {
  software,  ///< ars_software, one path at a time (any CPU)
  aesni,     ///< AES-NI, 16 paths per iteration (x86-64 with AES)
  vaes,      ///< VAES on 256-bit registers, two blocks per instruction (AVX2 and VAES)
};

/// Whether this CPU can run `lanes`.
bool ars_lanes_available(ArsLanes lanes);

/// The fastest ArsLanes this CPU can run.
ArsLanes fastest_ars_lanes();

/// Fills first[i] and second[i] (i < n; second may be null) with ARS-5's uniform pair
/// `draw` of paths first_path + i at `step`, on `lanes` (which must be available).
void fill_ars_uniform_pairs(ArsLanes lanes, StreamKey key, std::uint64_t first_path, std::size_t n,
                            std::uint32_t step, std::uint32_t draw, double* first, double* second);

/// As fill_uniform_pairs, keeping only the first uniform of each pair.
void fill_uniforms(StreamKey key, std::uint64_t first_path, std::size_t n, std::uint32_t step,
                   std::uint32_t draw, double* out);

}  // namespace spendcast::random
