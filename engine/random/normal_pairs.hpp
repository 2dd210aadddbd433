#pragma once

#include <cstddef>
#include <cstdint>

#include "random/stream.hpp"

namespace spendcast::random {

/// The step loop's normal shocks (θ draws, Latin hypercube strata and the copula use the
/// monotone inverse CDF of normal.hpp instead). Draw pair `draw` for (key, path, step) is
/// two independent standard normals, each the ziggurat (ziggurat.hpp) of one 64-bit half
/// of the ARS-5 block with that address (fill_word_pairs). A word the ziggurat does not
/// accept at once (about 1.5 % of them) continues with further words of its own: the
/// halves of the blocks with the same counter under retry_key(key, half, j), j = 0, 1, …,
/// in that order. Every normal is thus a pure function of (key, path, step, draw, half).
struct NormalPair {
  double first;
  double second;
};
NormalPair normal_pair(StreamKey key, std::uint64_t path, std::uint32_t step, std::uint32_t draw);

/// Fills first[i], second[i] (i < n) with the normal pair `draw` of paths first_path + i
/// at `step`; bitwise equal to normal_pair for every i. `second` may be null: only the
/// first normals are made (the same values).
void fill_normal_pairs(StreamKey key, std::uint64_t first_path, std::size_t n, std::uint32_t step,
                       std::uint32_t draw, double* first, double* second);

/// The key of the further words of normal `half` (0 or 1) of a pair, j-th block: the
/// seed's half (k1:k0) kept, the component's half (k3:k2) replaced by
/// mix64(k3:k2 XOR mix64(2j + half + 1)).
StreamKey retry_key(StreamKey key, int half, std::uint32_t j);

}  // namespace spendcast::random
