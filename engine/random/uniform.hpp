#pragma once

#include <cstddef>
#include <cstdint>

#include "random/ars.hpp"
#include "random/stream.hpp"

namespace spendcast::random {

/// A uniform in the open interval (0, 1) from the top 52 bits k of a 64-bit half:
/// (k + 1/2)·2^-52. The grid is symmetric (1 - u is exact and on the grid), the smallest
/// value is 2^-53 and the largest 1 - 2^-53: never 0 nor 1.
constexpr double to_unit_open(std::uint64_t half) {
  return (static_cast<double>(half >> 12) + 0.5) * 0x1p-52;
}

/// The two uniforms of draw pair `draw` for (key, path, step): the two 64-bit halves of
/// one ARS-5 block (words 1:0 and 3:2), each to_unit_open of its top 52 bits.
struct UniformPair {
  double first;
  double second;
};
inline UniformPair uniform_pair(StreamKey key, std::uint64_t path, std::uint32_t step,
                                std::uint32_t draw) {
  const Counter r = ars5(make_counter(path, step, draw), key);
  return {to_unit_open(low_half(r)), to_unit_open(high_half(r))};
}

/// Fills first[i] and second[i] (i < n) with the uniform pair `draw` of paths
/// first_path + i at `step`, on the fastest UniformLanes this CPU has.
void fill_uniform_pairs(StreamKey key, std::uint64_t first_path, std::size_t n, std::uint32_t step,
                        std::uint32_t draw, double* first, double* second);

/// As fill_uniform_pairs, keeping only the first uniform of each pair.
void fill_uniforms(StreamKey key, std::uint64_t first_path, std::size_t n, std::uint32_t step,
                   std::uint32_t draw, double* out);

/// The raw words behind fill_uniform_pairs: first[i] and second[i] are the two 64-bit
/// halves (words 1:0 and 3:2) of the ARS-5 block of (key, first_path + i, step, draw),
/// whose top 52 bits make that pair's uniforms. The normals' input (normal_pairs.hpp).
/// `second` may be null: only the first halves are written.
void fill_word_pairs(StreamKey key, std::uint64_t first_path, std::size_t n, std::uint32_t step,
                     std::uint32_t draw, std::uint64_t* first, std::uint64_t* second);

/// The implementations behind fill_uniform_pairs, all bitwise equal to uniform_pair for
/// every path (tests/random/uniform_test.cpp); tests and benchmarks name them.
enum class UniformLanes {
  software,  ///< ars_software, one path at a time (any CPU)
  aesni,     ///< AES-NI, 16 paths per iteration (x86-64 with AES)
  vaes,      ///< VAES on 256-bit registers, two blocks per instruction (AVX2 and VAES)
};

/// Whether this CPU can run `lanes`.
bool lanes_available(UniformLanes lanes);

/// The fastest UniformLanes this CPU can run (the one fill_uniform_pairs uses).
UniformLanes fastest_lanes();

/// fill_uniform_pairs on `lanes` (which must be available); `second` may be null, as in
/// fill_uniforms.
void fill_uniform_pairs_on(UniformLanes lanes, StreamKey key, std::uint64_t first_path,
                           std::size_t n, std::uint32_t step, std::uint32_t draw, double* first,
                           double* second);

/// fill_word_pairs on `lanes` (which must be available).
void fill_word_pairs_on(UniformLanes lanes, StreamKey key, std::uint64_t first_path, std::size_t n,
                        std::uint32_t step, std::uint32_t draw, std::uint64_t* first,
                        std::uint64_t* second);

}  // namespace spendcast::random
