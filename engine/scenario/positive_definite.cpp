#include "scenario/positive_definite.hpp"

#include <Eigen/Cholesky>
#include <Eigen/Core>
#include <algorithm>

namespace spendcast::scenario {

namespace {

bool llt_ok(const Eigen::MatrixXd& m) {
  Eigen::LLT<Eigen::MatrixXd> llt(m);
  if (llt.info() != Eigen::Success) return false;
  const Eigen::MatrixXd& l = llt.matrixLLT();
  for (Eigen::Index k = 0; k < m.rows(); ++k)
    if (!(l(k, k) * l(k, k) > 1e-12)) return false;
  return true;
}

bool positive_definite_subset(std::size_t n, double base, const std::vector<MatrixPair>& pairs,
                              const std::vector<std::size_t>& subset) {
  // Only the rows that the chosen pairs touch matter when base is 0; with a base, all.
  std::vector<std::size_t> rows;
  if (base != 0.0) {
    for (std::size_t r = 0; r < n; ++r) rows.push_back(r);
  } else {
    for (std::size_t k : subset) {
      rows.push_back(pairs[k].i);
      rows.push_back(pairs[k].j);
    }
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
  }
  const auto m = static_cast<Eigen::Index>(rows.size());
  Eigen::MatrixXd r = Eigen::MatrixXd::Constant(m, m, base);
  r.diagonal().setOnes();
  auto index = [&](std::size_t row) {
    return static_cast<Eigen::Index>(std::lower_bound(rows.begin(), rows.end(), row) -
                                     rows.begin());
  };
  for (std::size_t k : subset) {
    const Eigen::Index a = index(pairs[k].i), b = index(pairs[k].j);
    r(a, b) = r(b, a) = pairs[k].rho;
  }
  return llt_ok(r);
}

std::vector<std::size_t> first(std::size_t count) {
  std::vector<std::size_t> v(count);
  for (std::size_t k = 0; k < count; ++k) v[k] = k;
  return v;
}

}  // namespace

bool is_positive_definite(std::size_t n, double base, const std::vector<MatrixPair>& pairs) {
  return positive_definite_subset(n, base, pairs, first(pairs.size()));
}

std::optional<std::vector<std::size_t>> conflicting_pairs(std::size_t n, double base,
                                                          const std::vector<MatrixPair>& pairs) {
  if (is_positive_definite(n, base, pairs)) return std::nullopt;
  if (!positive_definite_subset(n, base, pairs, {})) return std::vector<std::size_t>{};
  // The shortest failing prefix: pairs[0..k] fails, pairs[0..k-1] does not.
  std::size_t lo = 0, hi = pairs.size() - 1;  // answer in [lo, hi]
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    if (positive_definite_subset(n, base, pairs, first(mid + 1)))
      lo = mid + 1;
    else
      hi = mid;
  }
  const std::size_t k = lo;
  // Drop every earlier pair the failure does not need, preferring pairs that share no
  // row with pair k (they are the least likely to be involved).
  std::vector<std::size_t> kept = first(k + 1);
  auto shares_row = [&](std::size_t q) {
    return pairs[q].i == pairs[k].i || pairs[q].i == pairs[k].j || pairs[q].j == pairs[k].i ||
           pairs[q].j == pairs[k].j;
  };
  for (int pass = 0; pass < 2; ++pass) {
    for (std::size_t q = 0; q < k; ++q) {
      if (shares_row(q) != (pass == 1)) continue;
      auto it = std::find(kept.begin(), kept.end(), q);
      if (it == kept.end()) continue;
      std::vector<std::size_t> without = kept;
      without.erase(without.begin() + (it - kept.begin()));
      if (!positive_definite_subset(n, base, pairs, without)) kept = std::move(without);
    }
  }
  return kept;
}

}  // namespace spendcast::scenario
