#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace spendcast::random {

/// Standard normals by the ziggurat method (Marsaglia & Tsang, "The ziggurat method for
/// generating random variables", Journal of Statistical Software 5(8), 2000) with 256
/// layers, in the form NumPy's Generator.standard_normal uses: one 64-bit word gives a
/// layer (its low 8 bits), a sign (bit 8) and a position in the layer (its top 52 bits).
/// The area under f(x) = exp(−x²/2) on x ≥ 0 is covered by 256 layers of equal area v:
/// layer 0 is the rectangle [0, r) × [0, f(r)) plus the tail beyond r, layer i ≥ 1 the
/// rectangle [0, x_i) × [f(x_i), f(x_{i+1})). A word's candidate x = position · x_i / 2^52
/// is accepted at once when x lies left of x_{i+1} (under the curve whatever the height:
/// about 98.5 % of words); otherwise the wedge test (layers ≥ 1) or Marsaglia's tail
/// method (layer 0) decides, reading further words, and a rejected candidate restarts
/// with a fresh word. The result is exactly normal up to the 52-bit grid of positions.
namespace ziggurat {

inline constexpr int layers = 256;
/// r, where the tail starts: the root, rounded to double, of the condition that 256 layers
/// of area v(r) = r·f(r) + ∫_r^∞ f close at x_256 = 0 (Marsaglia & Tsang 2000; NumPy's
/// ziggurat_nor_r). tests/random/ziggurat_test.cpp checks that the layers close.
inline constexpr double tail_start = 3.6541528853610088;
/// v(r) = r·f(r) + √(π/2)·erfc(r/√2) for the exact root r, rounded to double (checked in
/// the same test against the C library's erfc in long double).
inline constexpr double layer_area = 4.9286732339746553e-3;

/// The layers, computed once from r and v by the recursion x_{i+1} = f⁻¹(f(x_i) + v/x_i)
/// with the engine's own exp and log (util/simd_math.hpp: IEEE operations only), so the
/// table, and every normal, is bitwise the same on every machine.
struct Layers {
  std::array<double, layers + 1> edge{};    ///< x_i: x_0 = v/f(r), x_1 = r, …, x_256 = 0
  std::array<double, layers + 1> height{};  ///< f(x_i)
  /// What the first-word step needs of layer i, side by side (one 16-byte load).
  struct Step {
    double scale;         ///< x_i·2^−52: position × scale = candidate x
    std::uint64_t inner;  ///< a position below it gives x ≤ x_{i+1}: accepted at once
  };
  alignas(16) std::array<Step, layers> steps{};
};

/// The table (built on first use, thread-safe).
const Layers& table();

/// A word's fields.
inline constexpr std::uint64_t layer_mask = layers - 1;
inline constexpr int sign_bit = 8;
inline constexpr int position_shift = 12;  ///< position = word >> 12: the top 52 bits

}  // namespace ziggurat

/// The first-word step on n words: z[i] = the signed candidate of words[i], and the
/// indices of the words whose candidate is not accepted at once written to rejected[]
/// (their z is left to normal_from_rejected). Returns how many were rejected. AVX2 with
/// a scalar twin for the tail (integer operations and one exact-input multiply: the same
/// bits either way). words and z may not alias; rejected holds n entries (the vector
/// form writes four at a time past the last rejection, never beyond the word in hand).
std::size_t ziggurat_first_words(const std::uint64_t* words, double* z, std::size_t n,
                                 std::uint32_t* rejected);

/// The normal of a word rejected by the first-word step: the wedge or tail test on it, then
/// on fresh candidates, all further words drawn in order from next_word(). Pure: the
/// result depends only on `word` and the sequence next_word() returns.
template <class NextWord>
double normal_from_rejected(std::uint64_t word, NextWord&& next_word);

namespace ziggurat {
/// The wedge test's and the tail method's pieces, for normal_from_rejected.
struct Candidate {
  int layer;
  bool negative;
  double x;       ///< |candidate|
  bool accepted;  ///< position < inner[layer]
};
inline Candidate candidate(std::uint64_t word) {
  const Layers& t = table();
  const auto layer = static_cast<int>(word & layer_mask);
  const std::uint64_t position = word >> position_shift;
  const Layers::Step& step = t.steps[static_cast<std::size_t>(layer)];
  return {layer, ((word >> sign_bit) & 1) != 0, static_cast<double>(position) * step.scale,
          position < step.inner};
}
/// The height in layer ≥ 1 that the uniform word u picks, between f(x_layer) and
/// f(x_{layer+1}).
double wedge_height(int layer, std::uint64_t u);
/// f(x) = exp(−x²/2) (util/simd_math.hpp's exp).
double density(double x);
/// f[i] = density(x[i]) for i < n, the same bits, on vector lanes (util::batch_exp).
void densities(const double* x, double* f, std::size_t n);
/// Whether a candidate of `layer` ≥ 1 at x lies under f: wedge_height(layer, u) < f(x).
bool under_curve(int layer, double x, std::uint64_t u);
/// Marsaglia's tail method, one try from two words: a = −ln(u₁)/r, b = −ln(u₂); accepts
/// r + a when 2b > a² (writes it to x).
bool tail_try(std::uint64_t u1, std::uint64_t u2, double& x);
}  // namespace ziggurat

template <class NextWord>
double normal_from_rejected(std::uint64_t word, NextWord&& next_word) {
  for (;;) {
    const ziggurat::Candidate c = ziggurat::candidate(word);
    double x = c.x;
    bool accepted = c.accepted;
    if (!accepted && c.layer == 0) {
      while (!ziggurat::tail_try(next_word(), next_word(), x)) {
      }
      accepted = true;
    } else if (!accepted) {
      accepted = ziggurat::under_curve(c.layer, x, next_word());
    }
    if (accepted) return c.negative ? -x : x;
    word = next_word();
  }
}

}  // namespace spendcast::random
