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

/// Philox4x32-10's constants, named as Random123's philox.h names them (PHILOX_M4x32_0,
/// PHILOX_M4x32_1, PHILOX_W32_0, PHILOX_W32_1; tests/random/philox_test.cpp checks them
/// equal): the one place they are written. Every Philox in the engine (this reference,
/// the AVX2 and portable lanes of uniform.cpp) uses these.
namespace philox {
inline constexpr std::uint32_t M4x32_0 = 0xD2511F53u;  ///< multiplier of counter word 0
inline constexpr std::uint32_t M4x32_1 = 0xCD9E8D57u;  ///< multiplier of counter word 2
inline constexpr std::uint32_t W32_0 = 0x9E3779B9u;    ///< key word 0's increment per round
inline constexpr std::uint32_t W32_1 = 0xBB67AE85u;    ///< key word 1's increment per round
inline constexpr int rounds = 10;
}  // namespace philox

/// Philox4x32-10 (Salmon et al., SC'11), the generator of Random123: a bijection of the
/// 128-bit counter under the 64-bit key. Written with plain 64-bit multiplies so that
/// loops over many counters vectorise; a test pins it to Random123's own philox4x32.
/// The reference twin of the lanes in uniform.cpp.
constexpr Counter philox4x32_10(Counter ctr, StreamKey key) {
  std::uint32_t k0 = key.k0, k1 = key.k1;
  for (int round = 0; round < philox::rounds; ++round) {
    if (round > 0) {
      k0 += philox::W32_0;
      k1 += philox::W32_1;
    }
    const std::uint64_t p0 = std::uint64_t{philox::M4x32_0} * ctr[0];
    const std::uint64_t p1 = std::uint64_t{philox::M4x32_1} * ctr[2];
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
