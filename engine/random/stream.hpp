#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace spendcast::random {

/// The 128-bit key of one random stream: (seed, component) mixed (stream_key below).
/// Words k0..k3, k0 least significant.
struct StreamKey {
  std::uint32_t k0 = 0;
  std::uint32_t k1 = 0;
  std::uint32_t k2 = 0;
  std::uint32_t k3 = 0;
  friend bool operator==(const StreamKey&, const StreamKey&) = default;
};

/// A 128-bit counter (and a generator's 128-bit output): four 32-bit words, word 0 least
/// significant.
using Counter = std::array<std::uint32_t, 4>;

/// The two 64-bit halves of a generator output: words 1:0 and 3:2.
constexpr std::uint64_t low_half(const Counter& r) {
  return (std::uint64_t{r[1]} << 32) | r[0];
}
constexpr std::uint64_t high_half(const Counter& r) {
  return (std::uint64_t{r[3]} << 32) | r[2];
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
///   key     = (mix64(seed), mix64(name_id(component) + 0x9E3779B97F4A7C15)) as the low
///             and high 64-bit halves (k1:k0, k3:k2): one independent stream per
///             component, and distinct (seed, component) pairs give distinct keys;
///   counter = (draw, step, path low 32 bits, path high 32 bits): each generator call
///             (ARS-5, ars.hpp) yields 4 words, i.e. two 64-bit halves, so "draw" d
///             numbers a PAIR of uniforms (see uniform.hpp).
/// Every random number is thus a pure function of (seed, component, path, step, draw).
constexpr StreamKey stream_key(std::uint64_t seed, std::string_view component) {
  const std::uint64_t low = mix64(seed);
  const std::uint64_t high = mix64(name_id(component) + 0x9E3779B97F4A7C15ull);
  return {static_cast<std::uint32_t>(low), static_cast<std::uint32_t>(low >> 32),
          static_cast<std::uint32_t>(high), static_cast<std::uint32_t>(high >> 32)};
}

/// The counter for (path, step, draw) in the layout above.
constexpr Counter make_counter(std::uint64_t path, std::uint32_t step, std::uint32_t draw) {
  return {draw, step, static_cast<std::uint32_t>(path), static_cast<std::uint32_t>(path >> 32)};
}

}  // namespace spendcast::random
