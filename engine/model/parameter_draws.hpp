#pragma once

#include <cstdint>
#include <vector>

#include "model/model.hpp"
#include "model/stream_paths.hpp"

namespace spendcast::model {

/// The per-path parameters θ of one block of paths (docs/MODEL.md §1): a pure function of
/// (seed, θ name, path index) and, for Latin hypercube sampling, the run's total path
/// count. Buffers are reused from block to block.
class ParameterDraws {
 public:
  /// Draws every θ for paths [first_path, first_path + n), which lie in the sampling
  /// design [design_first, design_first + design_size) (the whole run, or one round of
  /// --target-se). Uniforms come from the "params" stream (step 0, draw = name_id of the
  /// θ name), so a θ's draws do not depend on which other θs exist; `lhs` stratifies each
  /// θ's uniform over the design as (π(path − design_first) + u)/design_size with π a
  /// keyed permutation ("lhs:<θ name>", plus "@<design_first>" after the first design);
  /// θs in [[correlation]]s go through the Gaussian copula z = L·Φ⁻¹(u), u' = Φ(z).
  /// `streams` may give a θ the uniforms of path + its offset (a pick-freeze design;
  /// Latin hypercube strata stay those of the path itself).
  void draw(const Model& model, std::uint64_t seed, std::uint64_t design_first,
            std::uint64_t design_size, std::uint64_t first_path, std::size_t n,
            const StreamPaths& streams = {});

  /// The n values of θ `index` (all equal when it is a constant).
  const double* values(int index) const { return values_.data() + index * n_; }
  /// The value of θ `index` on the block's path i.
  double value(int index, std::size_t i) const { return values_[index * n_ + i]; }
  /// True when θ `index` is a constant.
  bool is_constant(int index) const { return constant_[index]; }
  /// Paths in the block.
  std::size_t size() const { return n_; }

 private:
  std::size_t n_ = 0;
  std::vector<double> values_;  ///< θ-major: values_[θ·n + i]
  std::vector<char> constant_;
  std::vector<double> uniforms_;  ///< scratch: uniforms of the copula members
  std::vector<double> normals_;   ///< scratch: their normal scores
};

}  // namespace spendcast::model
