#include "model/parameter_draws.hpp"

#include <algorithm>
#include <string>

#include "random/normal.hpp"
#include "random/permutation.hpp"
#include "random/uniform.hpp"

namespace spendcast::model {

namespace {

/// Stratifies uniforms: u ← (π(path) + u) / N, one path per stratum of [0, 1).
void stratify(double* u, std::size_t n, std::uint64_t first_in_design, std::uint64_t total,
              const random::FeistelPermutation& permutation) {
  const double inv_total = 1.0 / static_cast<double>(total);
  for (std::size_t i = 0; i < n; ++i)
    u[i] = (static_cast<double>(permutation(first_in_design + i)) + u[i]) * inv_total;
}

std::string permutation_stream(const std::string& theta, std::uint64_t design_first) {
  std::string name = "lhs:" + theta;
  if (design_first > 0) name += "@" + std::to_string(design_first);
  return name;
}

}  // namespace

void ParameterDraws::draw(const Model& model, std::uint64_t seed, std::uint64_t design_first,
                          std::uint64_t design_size, std::uint64_t first_path, std::size_t n,
                          const StreamPaths& streams) {
  const std::size_t count = model.thetas.size();
  n_ = n;
  values_.resize(count * n);
  constant_.assign(count, 0);
  const auto members = static_cast<std::size_t>(model.copula_cholesky.rows());
  uniforms_.resize(members * n);
  normals_.resize(members * n);

  const random::StreamKey params = random::stream_key(seed, "params");
  for (std::size_t j = 0; j < count; ++j) {
    const Theta& theta = model.thetas[j];
    double* out = values_.data() + j * n;
    if (theta.distribution.is_constant()) {
      constant_[j] = 1;
      std::fill(out, out + n, theta.distribution.constant());
      continue;
    }
    // Uniforms of this θ (into `out` for now; copula members into their own rows).
    double* u = theta.copula_index >= 0 ? uniforms_.data() + theta.copula_index * n : out;
    random::fill_uniforms(params, first_path + streams.theta_offset(j), n, 0,
                          random::name_id(theta.name), u);
    if (model.sampling == scenario::Sampling::lhs)
      stratify(
          u, n, first_path - design_first, design_size,
          random::FeistelPermutation(
              design_size, random::stream_key(seed, permutation_stream(theta.name, design_first))));
    if (theta.copula_index < 0) theta.distribution.quantiles(u, out, n);
  }
  if (members == 0) return;

  // Gaussian copula over the members: w = Φ⁻¹(u), z = L·w, u' = Φ(z), θ = F⁻¹(u').
  random::normal_quantiles(uniforms_.data(), normals_.data(), members * n);
  const Eigen::MatrixXd& L = model.copula_cholesky;
  for (std::size_t j = 0; j < count; ++j) {
    const Theta& theta = model.thetas[j];
    if (theta.copula_index < 0 || constant_[j]) continue;
    const auto row = theta.copula_index;
    double* out = values_.data() + j * n;
    for (std::size_t i = 0; i < n; ++i) {
      double z = 0.0;
      for (Eigen::Index k = 0; k <= row; ++k) z += L(row, k) * normals_[k * n + i];
      // Φ(z) rounds to 0 or 1 beyond |z| ≈ 8.3: keep it on the open uniform grid.
      out[i] = std::clamp(random::normal_cdf(z), 0x1p-53, 1.0 - 0x1p-53);
    }
    theta.distribution.quantiles(out, out, n);
  }
}

}  // namespace spendcast::model
