#pragma once

// Support for the analysis tests: normal and lognormal draws from the engine's streams (the
// same numbers on every machine), their distributions, and the width of printed tables.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/metric_format.hpp"
#include "random/normal.hpp"
#include "random/uniform.hpp"
#include "stats/empirical_distribution.hpp"
#include "stats/quantile_sketch.hpp"

namespace spendcast::testing {

/// n standard normal draws from the stream (seed, name).
inline std::vector<double> standard_normals(std::uint64_t seed, std::string_view name,
                                            std::size_t n) {
  const random::StreamKey key = random::stream_key(seed, name);
  std::vector<double> out(n);
  for (std::size_t i = 0; i < n; ++i)
    out[i] = random::normal_quantile(random::uniform_pair(key, i, 0, 0).first);
  return out;
}

/// n draws of N(mean, sd).
inline std::vector<double> normal_sample(double mean, double sd, std::uint64_t seed,
                                         std::string_view name, std::size_t n) {
  std::vector<double> z = standard_normals(seed, name, n);
  for (double& x : z) x = mean + sd * x;
  return z;
}

/// n draws of LN(mu, sigma): exp of N(mu, sigma).
inline std::vector<double> lognormal_sample(double mu, double sigma, std::uint64_t seed,
                                            std::string_view name, std::size_t n) {
  std::vector<double> z = normal_sample(mu, sigma, seed, name, n);
  for (double& x : z) x = std::exp(x);
  return z;
}

/// The distribution of `values` as a run reports it: through a QuantileSketch.
inline stats::EmpiricalDistribution through_sketch(const std::vector<double>& values,
                                                   double relative_accuracy = 1e-3) {
  stats::QuantileSketch sketch(relative_accuracy);
  sketch.add(values);
  return stats::EmpiricalDistribution::from_sketch(sketch);
}

/// Φ(z).
inline double phi_cdf(double z) {
  return 0.5 * std::erfc(-z / std::sqrt(2.0));
}

/// φ(z).
inline double phi_pdf(double z) {
  return std::exp(-0.5 * z * z) / std::sqrt(2.0 * M_PI);
}

/// Sample standard deviation.
inline double sample_sd(const std::vector<double>& v) {
  double mean = 0;
  for (double x : v) mean += x;
  mean /= static_cast<double>(v.size());
  double ss = 0;
  for (double x : v) ss += (x - mean) * (x - mean);
  return std::sqrt(ss / static_cast<double>(v.size() - 1));
}

/// The display width of the widest line of `text`.
inline std::size_t widest_line(const std::string& text) {
  std::size_t widest = 0, start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    widest = std::max(widest, analysis::display_width(text.substr(start, end - start)));
    start = end + 1;
  }
  return widest;
}

}  // namespace spendcast::testing
