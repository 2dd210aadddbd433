#include "analysis/conditioning.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <stdexcept>

#include "analysis/scoring.hpp"
#include "random/uniform.hpp"
#include "scenario/diagnostics.hpp"
#include "sim/simulate.hpp"

namespace spendcast::analysis {

Likelihood Likelihood::resolve(const std::vector<ConditioningObservation>& observations,
                               const stats::MetricLayout& layout) {
  Likelihood out;
  for (const auto& o : observations) {
    const int m = layout.index_of(o.metric);
    if (m < 0) throw std::invalid_argument(fmt::format("unknown metric {}", o.metric));
    std::size_t y = layout.years.size();
    for (std::size_t k = 0; k < layout.years.size(); ++k)
      if (layout.years[k] == o.year) y = k;
    if (y == layout.years.size())
      throw std::invalid_argument(fmt::format("{} {}: not a reported year", o.metric, o.year));
    if (!(o.sd > 0) || !std::isfinite(o.sd))
      throw std::invalid_argument(fmt::format("{} {}: sd must be > 0", o.metric, o.year));
    if (o.log_scale && !(o.value > 0))
      throw std::invalid_argument(
          fmt::format("{} {}: a log-scale value must be > 0", o.metric, o.year));
    out.terms.push_back(Term{static_cast<std::size_t>(m), y,
                             o.log_scale ? std::log(o.value) : o.value, 1.0 / o.sd, o.log_scale});
  }
  return out;
}

Likelihood likelihood_of(const std::vector<Observation>& observations,
                         const stats::MetricLayout& layout) {
  check_observations(layout, observations);
  scenario::Diagnostics diagnostics;
  std::vector<ConditioningObservation> resolved;
  for (const Observation& o : observations) {
    if (o.uncertainty == Observation::Uncertainty::none)
      diagnostics.error(o.value_where,
                        fmt::format("{}: no uncertainty: conditioning needs the value's error, "
                                    "sd = X ({}) or a 90 % interval value = \"LO to HI\"",
                                    o.key,
                                    on_log_scale(o.metric) ? "of ln value: 0.1 is about 10 %"
                                                           : "in the metric's units"));
    else
      resolved.push_back({o.metric, o.year, o.value, o.sd, on_log_scale(o.metric)});
  }
  if (diagnostics.has_errors()) throw scenario::ScenarioError(diagnostics.all());
  return Likelihood::resolve(resolved, layout);
}

double Likelihood::log_ratio(const stats::MetricBlock& block, std::size_t path) const {
  double sum = 0.0;
  for (const Term& t : terms) {
    const double x = block.row(t.metric, t.year)[path];
    if (t.log_scale && !(x > 0)) return -std::numeric_limits<double>::infinity();
    const double z = ((t.log_scale ? std::log(x) : x) - t.center) * t.inverse_sd;
    sum -= 0.5 * z * z;
  }
  return sum;
}

ConditionedForecast::ConditionedForecast(const model::Model& model, Likelihood likelihood,
                                         std::uint64_t seed, stats::AccumulatorOptions options)
    : likelihood_(std::move(likelihood)),
      key_(random::stream_key(seed, "condition")),
      kept_(model.layout, options) {
  for (std::size_t k = 0; k < model.thetas.size(); ++k) {
    if (model.thetas[k].distribution.is_constant()) continue;
    theta_index_.push_back(static_cast<int>(k));
    theta_names_.push_back(model.thetas[k].name);
  }
  prior_.assign(theta_index_.size(), stats::QuantileSketch());
  posterior_.assign(theta_index_.size(), stats::QuantileSketch());
  posterior_moments_.assign(theta_index_.size(), stats::Moments());
}

void ConditionedForecast::add(const stats::MetricBlock& block, const model::ParameterDraws& theta) {
  std::vector<std::size_t> keep;
  keep.reserve(block.paths);
  for (std::size_t i = 0; i < block.paths; ++i) {
    const double u = random::uniform_pair(key_, block.first_path + i, 0, 0).first;
    // u < L/Lmax, compared on the log scale (u in (0, 1), so ln u is finite).
    if (std::log(u) < likelihood_.log_ratio(block, i)) keep.push_back(i);
  }
  paths_ += block.paths;
  kept_paths_ += keep.size();
  for (std::size_t k = 0; k < theta_index_.size(); ++k) {
    const double* values = theta.values(theta_index_[k]);
    for (std::size_t i = 0; i < block.paths; ++i) prior_[k].add(values[i]);
    for (std::size_t i : keep) {
      posterior_[k].add(values[i]);
      posterior_moments_[k].add(values[i]);
    }
  }
  if (keep.empty()) return;
  const std::size_t rows = block.metrics * block.years;
  compact_.resize(rows * keep.size());
  for (std::size_t r = 0; r < rows; ++r) {
    const double* from = block.values + r * block.paths;
    double* to = compact_.data() + r * keep.size();
    for (std::size_t j = 0; j < keep.size(); ++j) to[j] = from[keep[j]];
  }
  stats::MetricBlock kept{block.first_path, keep.size(), block.metrics, block.years,
                          compact_.data()};
  kept_.add(kept);
}

void ConditionedForecast::merge(const ConditionedForecast& other) {
  kept_.merge(other.kept_);
  paths_ += other.paths_;
  kept_paths_ += other.kept_paths_;
  for (std::size_t k = 0; k < prior_.size(); ++k) {
    prior_[k].merge(other.prior_[k]);
    posterior_[k].merge(other.posterior_[k]);
    posterior_moments_[k].merge(other.posterior_moments_[k]);
  }
}

ConditionedForecast simulate_conditioned(const model::Model& model, const Likelihood& likelihood,
                                         std::uint64_t seed, std::uint64_t paths, int threads,
                                         stats::AccumulatorOptions options,
                                         const std::atomic<bool>* stop,
                                         std::function<void(std::uint64_t)> progress,
                                         std::uint64_t first_path) {
  sim::SimulationOptions sim = sim::design_options(seed, first_path, paths, 0, threads, stop);
  sim.progress = std::move(progress);
  struct State {
    sim::BlockKernel kernel;
    model::ParameterDraws theta;
  };
  return for_each_block<ConditionedForecast>(
      sim,
      [&] {
        return State{sim::BlockKernel(model, seed, paths, first_path), model::ParameterDraws()};
      },
      [&] { return ConditionedForecast(model, likelihood, seed, options); },
      [&](State& state, ConditionedForecast& sink, std::uint64_t first, std::uint64_t n) {
        const stats::MetricBlock& block = state.kernel.run(first, n);
        state.theta.draw(model, seed, first_path, paths, first, n);
        sink.add(block, state.theta);
      });
}

}  // namespace spendcast::analysis
