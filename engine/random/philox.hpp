#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace spendcast::random {

/// The 64-bit Philox key of one random stream: (seed, component) mixed.
struct StreamKey {
  std::uint32_t k0 = 0;
  std::uint32_t k1 = 0;
  friend bool operator==(const StreamKey&, const StreamKey&) = default;
};

/// Philox4x32 counter: four 32-bit words.
using Counter = std::array<std::uint32_t, 4>;

/// Philox4x32-10 (Salmon et al., SC'11), the generator of Random123: a bijection of the
/// 128-bit counter under the 64-bit key. Written with plain 64-bit multiplies so that
/// loops over many counters vectorise; a test pins it to Random123's own philox4x32.
constexpr Counter philox4x32_10(Counter ctr, StreamKey key) {
  constexpr std::uint32_t m0 = 0xD2511F53u, m1 = 0xCD9E8D57u;
  constexpr std::uint32_t w0 = 0x9E3779B9u, w1 = 0xBB67AE85u;
  std::uint32_t k0 = key.k0, k1 = key.k1;
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {
      k0 += w0;
      k1 += w1;
    }
    const std::uint64_t p0 = std::uint64_t{m0} * ctr[0];
    const std::uint64_t p1 = std::uint64_t{m1} * ctr[2];
    ctr = {static_cast<std::uint32_t>(p1 >> 32) ^ ctr[1] ^ k0, static_cast<std::uint32_t>(p1),
           static_cast<std::uint32_t>(p0 >> 32) ^ ctr[3] ^ k1, static_cast<std::uint32_t>(p0)};
  }
  return ctr;
}

/// Stable 32-bit id of a component or parameter name (FNV-1a): the same name gives the
/// same id in every build and on every machine, whatever else the scenario contains.
constexpr std::uint32_t name_id(std::string_view name) {
  std::uint32_t h = 2166136261u;
  for (char c : name) {
    h ^= static_cast<unsigned char>(c);
    h *= 16777619u;
  }
  return h;
}

/// SplitMix64's finaliser: a bijective 64-bit mix.
constexpr std::uint64_t mix64(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

/// The key of component `component` ("params", "spend", "vendors", "segments",
/// "event:<name>", ...) under `seed`. Layout of the randomness contract (docs/MODEL.md §6):
///   key     = mix64(seed) XOR mix64(name_id(component) + 0x9E3779B97F4A7C15), split
///             into (low, high) 32-bit words: one independent stream per component;
///   counter = (draw, step, path low 32 bits, path high 32 bits): each Philox call
///             yields 4 words, i.e. two 64-bit halves, so "draw" d numbers a PAIR of
///             uniforms (see uniform.hpp).
/// Every random number is thus a pure function of (seed, component, path, step, draw).
constexpr StreamKey stream_key(std::uint64_t seed, std::string_view component) {
  const std::uint64_t k = mix64(seed) ^ mix64(name_id(component) + 0x9E3779B97F4A7C15ull);
  return {static_cast<std::uint32_t>(k), static_cast<std::uint32_t>(k >> 32)};
}

/// The counter for (path, step, draw) in the layout above.
constexpr Counter make_counter(std::uint64_t path, std::uint32_t step, std::uint32_t draw) {
  return {draw, step, static_cast<std::uint32_t>(path), static_cast<std::uint32_t>(path >> 32)};
}

}  // namespace spendcast::random
