#include "sim/block_kernel.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>
#include <utility>

#include "random/normal_pairs.hpp"
#include "random/uniform.hpp"
#include "sim/event_draws.hpp"
#include "util/batch_math.hpp"

namespace spendcast::sim {

namespace {

/// Growth-shift expiry slots a path of `event` can need: one per firing, and a path fires
/// at most once per step of the event's years within the run, so min(max_count, those
/// steps) however large max_count is.
std::size_t event_slots(const model::Event& event, const model::Model& model) {
  const int from = std::max(event.first_year, model.base_year + 1);
  const int until = std::min(event.last_year, model.horizon);
  const std::int64_t steps =
      until < from ? 0 : static_cast<std::int64_t>(until - from + 1) * model.steps_per_year;
  return static_cast<std::size_t>(std::min<std::int64_t>(event.max_count, steps));
}

/// Decay over a step of a quantity kept at rate `persistence` ρ per year, given
/// log_rho = ln ρ and power = ρ^Δ = e^{Δ ln ρ} (computed in batches by the caller):
/// A = ρ^Δ, B = (1 − A)/κ with κ = −ln ρ (B = Δ(1 − κΔ/2) when κΔ is tiny, 0 at ρ = 0).
void decay_coefficients(double persistence, double log_rho, double power, double dt, double& a,
                        double& b) {
  if (persistence <= 0.0) {
    a = 0.0;
    b = 0.0;
    return;
  }
  const double kappa = -log_rho;
  a = power;
  b = kappa * dt < 1e-8 ? dt * (1.0 - 0.5 * kappa * dt) : (1.0 - a) / kappa;
}

/// ln ρ_i and ρ_i^Δ for a block of persistences, vectorised (batch_math).
void log_and_power(const double* rho, double dt, std::size_t n, double* log_rho, double* power) {
  util::batch_log(rho, log_rho, n);
  for (std::size_t i = 0; i < n; ++i) power[i] = dt * log_rho[i];
  util::batch_exp(power, power, n);
}

/// Cholesky factor (l11, l21, l22) of the covariance of (U, I): the exact shock of the OU
/// excess growth over a step and of its integral (docs/MODEL.md §2), one-year shock sd τ,
/// persistence φ with ln φ and A = φ^Δ given.
void ou_shock_factor(double phi, double log_phi, double a, double tau, double dt, double& l11,
                     double& l21, double& l22) {
  double vu, vi, cv;
  if (phi <= 0.0) {  // g snaps to its target: U ~ N(0, τ²), I = 0
    vu = tau * tau;
    vi = 0.0;
    cv = 0.0;
  } else {
    const double kappa = -log_phi;
    if (kappa * dt < 1e-6) {  // φ → 1: the limits of the formulas below
      const double s2 = tau * tau;
      vu = s2 * dt;
      vi = s2 * dt * dt * dt / 3.0;
      cv = s2 * dt * dt / 2.0;
    } else {
      const double b = (1.0 - a) / kappa;
      const double s2 = 2.0 * kappa * tau * tau / (1.0 - phi * phi);
      vu = s2 * (1.0 - a * a) / (2.0 * kappa);
      vi = s2 / (kappa * kappa) * (dt - 2.0 * b + (1.0 - a * a) / (2.0 * kappa));
      cv = s2 / (2.0 * kappa * kappa) * (1.0 - a) * (1.0 - a);
    }
  }
  l11 = std::sqrt(std::max(vu, 0.0));
  l21 = l11 > 0.0 ? cv / l11 : 0.0;
  l22 = std::sqrt(std::max(vi - l21 * l21, 0.0));
}

/// Calls f(std::true_type) or f(std::false_type) as `flag` says.
template <class F>
void with_flag(bool flag, F&& f) {
  if (flag) {
    f(std::true_type{});
  } else {
    f(std::false_type{});
  }
}

bool any_nonzero(const double* v, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i)
    if (v[i] != 0.0) return true;
  return false;
}

}  // namespace

BlockKernel::BlockKernel(const model::Model& model, std::uint64_t seed, std::uint64_t design_size,
                         std::uint64_t design_first, model::StreamPaths streams)
    : model_(model),
      seed_(seed),
      design_size_(design_size),
      design_first_(design_first),
      dt_(1.0 / model.steps_per_year),
      streams_(std::move(streams)),
      spend_key_(random::stream_key(seed, "spend")) {
  for (const auto& c : model.compositions) {
    CompositionState state;
    state.spec = &c;
    state.key = random::stream_key(seed, c.kind);
    state.categories = c.size();
    state.has_entrants = c.has_entrants();
    compositions_.push_back(std::move(state));
  }
  for (const auto& e : model.events) {
    EventState state;
    state.spec = &e;
    state.key = random::stream_key(seed, "event:" + e.name);
    state.path_offset = streams_.event_offset(events_.size());
    events_.push_back(std::move(state));
  }
}

const stats::MetricBlock& BlockKernel::run(std::uint64_t first_path, std::size_t n) {
  prepare(first_path, n);
  const int m = model_.steps_per_year;
  for (int step = 1; step <= model_.steps(); ++step) {
    const int year = model_.base_year + (step - 1) / m + 1;
    fire_events(step, year);
    step_spend(step);
    for (auto& c : compositions_) step_composition(c, step);
    if (checking_) check_step();
    if (step % m == 0) record_year(step / m - 1);
  }
  return block_;
}

// ---- Before step 1 ----------------------------------------------------------------------

void BlockKernel::prepare(std::uint64_t first_path, std::size_t n) {
  first_path_ = first_path;
  n_ = n;
  theta_.draw(model_, seed_, design_first_, design_size_, first_path, n, streams_);
  for (auto* v : {&log_spend_, &growth_rate_, &growth_shift_, &log_jump_, &last_year_spend_,
                  &excess_decay_, &excess_integral_, &shock_l11_, &shock_l21_, &shock_l22_,
                  &level_shock_scale_, &z0_, &z1_, &scratch_a_, &scratch_b_, &scratch_c_})
    v->resize(n);
  prepare_spend();
  for (auto& c : compositions_) prepare_composition(c);
  for (auto& e : events_) prepare_event(e);

  const stats::MetricLayout& layout = *model_.layout;
  output_.resize(layout.metrics.size() * layout.years.size() * n);
  block_ =
      stats::MetricBlock{first_path, n, layout.metrics.size(), layout.years.size(), output_.data()};
}

/// Spend (docs/MODEL.md §2) starts at the data,
///   x = ln D(Y0),   g = g₀ (the θ initial_growth, else the observed growth),   G = 0,
/// with per-path constants A = φ^Δ, B = (1 − A)/κ, the Cholesky factor (l₁₁, l₂₁, l₂₂)
/// of Cov(U, I), and σ·√Δ.
void BlockKernel::prepare_spend() {
  const std::size_t n = n_;
  const double dt = dt_;
  const double* persistence = theta_.values(model_.persistence_theta);
  const double* tau = theta_.values(model_.growth_volatility_theta);
  const double* sigma = theta_.values(model_.volatility_theta);
  const double base_spend = std::exp(model_.log_base_spend), sqrt_dt = std::sqrt(dt);
  double* log_phi = scratch_a_.data();
  double* power = scratch_b_.data();  // φ^Δ
  log_and_power(persistence, dt, n, log_phi, power);
  for (std::size_t i = 0; i < n; ++i) {
    log_spend_[i] = model_.log_base_spend;
    growth_rate_[i] = model_.initial_growth_theta >= 0
                          ? theta_.value(model_.initial_growth_theta, i)
                          : model_.observed_growth;
    growth_shift_[i] = 0.0;
    last_year_spend_[i] = base_spend;
    decay_coefficients(persistence[i], log_phi[i], power[i], dt, excess_decay_[i],
                       excess_integral_[i]);
    ou_shock_factor(persistence[i], log_phi[i], power[i], tau[i], dt, shock_l11_[i], shock_l21_[i],
                    shock_l22_[i]);
    level_shock_scale_[i] = sigma[i] * sqrt_dt;
  }
  noisy_growth_ = any_nonzero(tau, n);
  noisy_level_ = any_nonzero(sigma, n);
  has_ceiling_ = model_.ceiling_theta >= 0;
  has_jumps_ = false;
  for (const auto& e : model_.events) has_jumps_ = has_jumps_ || e.spend_jump.has_value();
}

/// A composition (docs/MODEL.md §3) starts at the data,
///   a_k = ln s_k(Y0),   μ_k = μ_k(0) (θ or observed; 0 for an entrant),   d_k,
/// entrants inactive, with per-path constants A_ψ = ψ^Δ, B_ψ = (1 − A_ψ)/κ_ψ,
/// P = e^(−λΔ) and ν·c, c = √((1 − e^(−2λΔ))/(2λ)) (√Δ when λΔ < 1e-9).
void BlockKernel::prepare_composition(CompositionState& c) {
  const std::size_t n = n_;
  const double dt = dt_;
  const model::Composition& spec = *c.spec;
  const std::size_t cn = c.categories * n;
  for (auto* v : {&c.logit, &c.momentum, &c.drift, &c.pending_shift, &c.shock, &c.active})
    v->assign(cn, 0.0);
  for (auto* v : {&c.momentum_decay, &c.momentum_integral, &c.pull, &c.shock_scale}) v->resize(n);
  c.active_count.assign(n, 0.0);
  c.entries.clear();
  c.has_drift = false;
  for (std::size_t k = 0; k < c.categories; ++k) {
    double* logit = c.logit.data() + k * n;
    double* momentum = c.momentum.data() + k * n;
    double* drift = c.drift.data() + k * n;
    double* active = c.active.data() + k * n;
    const bool entrant = spec.entrant[k];
    for (std::size_t i = 0; i < n; ++i) {
      logit[i] = spec.logit0[k];
      active[i] = entrant ? 0.0 : 1.0;
      momentum[i] = spec.momentum_theta[k] >= 0 ? theta_.value(spec.momentum_theta[k], i)
                                                : spec.observed_momentum[k];
      drift[i] = spec.drift_theta[k] >= 0 ? theta_.value(spec.drift_theta[k], i) : 0.0;
    }
    if (entrant) std::fill(momentum, momentum + n, 0.0);  // set on entry
    for (std::size_t i = 0; i < n; ++i) c.active_count[i] += active[i];
    c.has_drift = c.has_drift || any_nonzero(drift, n);
  }
  const double* psi = theta_.values(spec.persistence_theta);
  const double* nu = theta_.values(spec.volatility_theta);
  const double* lambda = theta_.values(spec.diversification_theta);
  double* log_psi = scratch_a_.data();
  double* power = scratch_b_.data();       // ψ^Δ
  double* pull_twice = scratch_c_.data();  // e^{−2λΔ}
  log_and_power(psi, dt, n, log_psi, power);
  for (std::size_t i = 0; i < n; ++i) {
    c.pull[i] = -lambda[i] * dt;
    pull_twice[i] = -2.0 * lambda[i] * dt;
  }
  util::batch_exp(c.pull.data(), c.pull.data(), n);
  util::batch_exp(pull_twice, pull_twice, n);
  for (std::size_t i = 0; i < n; ++i) {
    decay_coefficients(psi[i], log_psi[i], power[i], dt, c.momentum_decay[i],
                       c.momentum_integral[i]);
    const double scale = lambda[i] * dt < 1e-9
                             ? std::sqrt(dt)
                             : std::sqrt((1.0 - pull_twice[i]) / (2.0 * lambda[i]));
    c.shock_scale[i] = nu[i] * scale;
  }
  c.diversifies = any_nonzero(lambda, n);
  c.noisy = any_nonzero(nu, n);
  c.shifted = false;
}

/// An event (docs/MODEL.md §4) starts unfired, with the per-step firing probability
/// p = 1 − (1 − h)^Δ (1 when h ≥ 1) and room for the growth shifts that can expire.
void BlockKernel::prepare_event(EventState& e) {
  const std::size_t n = n_;
  const double dt = dt_;
  const model::Event& spec = *e.spec;
  e.step_probability.resize(n);
  e.count.assign(n, 0);
  e.fire_uniform.resize(n);
  const std::size_t slots = spec.duration ? event_slots(spec, model_) : 0;
  e.expiry_step.assign(slots * n, 0);
  e.expiry_amount.assign(slots * n, 0.0);
  e.used_slots = 0;
  const double* hazard = theta_.values(spec.hazard_theta);
  for (std::size_t i = 0; i < n; ++i) e.step_probability[i] = event_step_probability(hazard[i], dt);
  e.possible = any_nonzero(e.step_probability.data(), n);
}

// ---- One step ---------------------------------------------------------------------------

/// Events at step n (docs/MODEL.md §4), each in file order:
///   1. growth shifts whose duration ends at n leave G;
///   2. where its window holds year and its count is below max_count, the event fires on
///      path i when u < p (u: draw 0 of its stream), and each effect it has is drawn
///      afresh (draws 1, 2, 3 + k) and applied: J += ln(jump), G += shift (to be removed
///      ⌈duration·m⌉ steps later), E_k += share shift, μ_k += momentum shift, and an
///      entrant queued to enter at the end of its composition's step.
void BlockKernel::fire_events(int step, int year) {
  const std::size_t n = n_;
  if (has_jumps_) std::fill(log_jump_.begin(), log_jump_.end(), 0.0);
  for (auto& e : events_) {
    const model::Event& spec = *e.spec;
    expire_growth_shifts(e, step);
    if (!e.possible || year < spec.first_year || year > spec.last_year) continue;
    random::fill_uniforms(e.key, first_path_ + e.path_offset, n, static_cast<std::uint32_t>(step),
                          0, e.fire_uniform.data());
    for (std::size_t i = 0; i < n; ++i)
      if (e.fire_uniform[i] < e.step_probability[i] && e.count[i] < spec.max_count)
        fire(e, i, step);
  }
}

/// Removes from G the growth shifts of `e` that end at `step`, before its update.
void BlockKernel::expire_growth_shifts(EventState& e, int step) {
  const std::size_t n = n_;
  for (std::size_t s = 0; s < e.used_slots; ++s) {
    int* end = e.expiry_step.data() + s * n;
    double* amount = e.expiry_amount.data() + s * n;
    for (std::size_t i = 0; i < n; ++i) {
      if (end[i] == step) {
        growth_shift_[i] -= amount[i];
        end[i] = 0;
      }
    }
  }
}

/// One firing of `e` on path i of the block at `step`: its effects, each drawn afresh from
/// the event's own stream.
void BlockKernel::fire(EventState& e, std::size_t i, int step) {
  const std::size_t n = n_;
  const model::Event& spec = *e.spec;
  const auto ustep = static_cast<std::uint32_t>(step);
  const int firing = e.count[i]++;
  const std::uint64_t path = first_path_ + e.path_offset + i;
  const auto jump_and_shift = random::uniform_pair(e.key, path, ustep, 1);
  const auto duration_and_entry = random::uniform_pair(e.key, path, ustep, 2);
  if (spec.spend_jump) log_jump_[i] += std::log(spec.spend_jump->quantile(jump_and_shift.first));
  if (spec.growth_shift) {
    const double shift = spec.growth_shift->quantile(jump_and_shift.second);
    growth_shift_[i] += shift;
    if (spec.duration) {
      const double years = spec.duration->quantile(duration_and_entry.first);
      const int end = step + static_cast<int>(std::ceil(years * model_.steps_per_year - 1e-9));
      if (end <= model_.steps()) {
        e.used_slots = std::max(e.used_slots, static_cast<std::size_t>(firing) + 1);
        e.expiry_step[static_cast<std::size_t>(firing) * n + i] = std::max(end, step + 1);
        e.expiry_amount[static_cast<std::size_t>(firing) * n + i] = shift;
      }
    }
  }
  for (std::size_t k = 0; k < std::max(spec.share_shift.size(), spec.momentum_shift.size()); ++k) {
    const auto u = random::uniform_pair(e.key, path, ustep, static_cast<std::uint32_t>(3 + k));
    if (k < spec.share_shift.size()) {
      const model::CategoryEffect& effect = spec.share_shift[k];
      auto& c = compositions_[effect.composition];
      c.pending_shift[effect.category * n + i] += effect.size.quantile(u.first);
      c.shifted = true;
    }
    if (k < spec.momentum_shift.size()) {
      const model::CategoryEffect& effect = spec.momentum_shift[k];
      compositions_[effect.composition].momentum[effect.category * n + i] +=
          effect.size.quantile(u.second);
    }
  }
  if (spec.enters_composition >= 0) {
    auto& c = compositions_[spec.enters_composition];
    c.entries.push_back({static_cast<std::size_t>(spec.enters_category), i,
                         spec.entry_share->quantile(duration_and_entry.second)});
  }
}

/// Spend's step (docs/MODEL.md §2, "One step"), after the events have fired:
///   T = ḡ + G,   e = g − T,   damp = clamp(1 − S/K, −1, 1) (1 without a ceiling)
///   x ← x + (T·Δ + e·B + I)·damp + σ·√Δ·ε + J
///   g ← T + e·A + U
/// with U = l₁₁·z₀, I = l₂₁·z₀ + l₂₂·z₁ (draw 0 of the "spend" stream) and ε the first
/// normal of draw 1.
void BlockKernel::step_spend(int step) {
  const std::size_t n = n_;
  const double dt = dt_;
  const auto ustep = static_cast<std::uint32_t>(step);
  const double* long_run_growth = theta_.values(model_.long_run_growth_theta);
  double* increment = scratch_a_.data();  // the growth part of x's increment
  double* x = log_spend_.data();
  double* g = growth_rate_.data();
  if (noisy_growth_) {
    random::fill_normal_pairs(spend_key_, first_path_ + streams_.noise, n, ustep, 0, z0_.data(),
                              z1_.data());
  }
  for (std::size_t i = 0; i < n; ++i) {
    const double target = long_run_growth[i] + growth_shift_[i];
    const double excess = g[i] - target;
    increment[i] = target * dt + excess * excess_integral_[i];
    g[i] = target + excess * excess_decay_[i];
  }
  if (noisy_growth_) {
    for (std::size_t i = 0; i < n; ++i) {
      increment[i] += shock_l21_[i] * z0_[i] + shock_l22_[i] * z1_[i];  // I
      g[i] += shock_l11_[i] * z0_[i];                                   // U
    }
  }
  if (has_ceiling_) {
    const double* ceiling = theta_.values(model_.ceiling_theta);
    double* spend = scratch_b_.data();  // S at the start of the step
    util::batch_exp(x, spend, n);
    for (std::size_t i = 0; i < n; ++i)
      increment[i] *= std::clamp(1.0 - spend[i] / ceiling[i], -1.0, 1.0);
  }
  for (std::size_t i = 0; i < n; ++i) x[i] += increment[i];
  if (noisy_level_) {  // the pair's second normal is not used
    random::fill_normal_pairs(spend_key_, first_path_ + streams_.noise, n, ustep, 1, z0_.data(),
                              nullptr);
    for (std::size_t i = 0; i < n; ++i) x[i] += level_shock_scale_[i] * z0_[i];
  }
  if (has_jumps_)
    for (std::size_t i = 0; i < n; ++i) x[i] += log_jump_[i];
}

/// A composition's step (docs/MODEL.md §3, "One step"), after the events have fired, for
/// every category k:
///   1. a_k ← a_k + d_k·Δ + (μ_k − d_k)·B_ψ,   μ_k ← d_k + A_ψ·(μ_k − d_k)
///   2. a_k ← ā + P·(a_k − ā),   ā the mean of the active logits after 1.
///   3. a_k ← a_k + ν·c·(L_c·ε)_k + E_k
///   4. entrants whose entry event fired at this step become active.
/// The normals ε come first (they do not depend on the state); 2 and 3 share one pass.
void BlockKernel::step_composition(CompositionState& c, int step) {
  if (c.noisy) draw_logit_shocks(c, step);
  const double* mean_logit = advance_momentum(c);
  pull_and_shock_logits(c, mean_logit);
  if (!c.entries.empty()) enter_categories(c);
}

/// L_c·ε into c.shock: independent normals for categories 2j and 2j + 1 from draw j of the
/// composition's stream, then multiplied by the Cholesky factor of the shock correlation.
void BlockKernel::draw_logit_shocks(CompositionState& c, int step) {
  const std::size_t n = n_, categories = c.categories;
  const auto ustep = static_cast<std::uint32_t>(step);
  for (std::size_t k = 0; k < categories; k += 2) {
    double* first = c.shock.data() + k * n;
    double* second = k + 1 < categories ? c.shock.data() + (k + 1) * n : nullptr;
    random::fill_normal_pairs(c.key, first_path_ + streams_.noise, n, ustep,
                              static_cast<std::uint32_t>(k / 2), first, second);
  }
  const Eigen::MatrixXd& L = c.spec->shock_cholesky;
  if (L.size() == 0) return;
  // In place, last row first: row k needs the independent normals of rows <= k.
  for (std::size_t k = categories; k-- > 0;) {
    double* row = c.shock.data() + k * n;
    const double diagonal = L(k, k);
    for (std::size_t i = 0; i < n; ++i) row[i] *= diagonal;
    for (std::size_t j = 0; j < k; ++j) {
      const double l = L(k, j);
      const double* source = c.shock.data() + j * n;
      for (std::size_t i = 0; i < n; ++i) row[i] += l * source[i];
    }
  }
}

/// Stage 1: a ← a + dΔ + (μ − d)B_ψ, μ ← d + A_ψ(μ − d) for every category. Returns ā per
/// path, the mean logit over the active categories that stage 2 pulls toward, summed
/// while each logit is at hand (nullptr when no path of the block diversifies).
const double* BlockKernel::advance_momentum(CompositionState& c) {
  const std::size_t n = n_, categories = c.categories;
  const double dt = dt_;
  double* mean = scratch_a_.data();
  if (c.diversifies) std::fill(mean, mean + n, 0.0);
  const double* decay = c.momentum_decay.data();
  const double* integral = c.momentum_integral.data();
  for (std::size_t k = 0; k < categories; ++k) {
    double* a = c.logit.data() + k * n;
    double* mu = c.momentum.data() + k * n;
    if (c.has_drift) {
      const double* d = c.drift.data() + k * n;
      for (std::size_t i = 0; i < n; ++i) {
        const double excess = mu[i] - d[i];
        a[i] += d[i] * dt + excess * integral[i];
        mu[i] = d[i] + decay[i] * excess;
      }
    } else {
      for (std::size_t i = 0; i < n; ++i) {
        a[i] += mu[i] * integral[i];
        mu[i] *= decay[i];
      }
    }
    if (c.diversifies) {
      const double* on = c.active.data() + k * n;
      for (std::size_t i = 0; i < n; ++i) mean[i] += on[i] * a[i];
    }
  }
  if (!c.diversifies) return nullptr;
  const double* count = c.active_count.data();
  for (std::size_t i = 0; i < n; ++i) mean[i] /= count[i];
  return mean;
}

/// Stages 2 and 3 in one pass per category:
///   a ← ā + P·(a − ā),   then a ← a + ν·c·(L_c·ε) + E,
/// each part only where some path of the block needs it; E is then cleared.
void BlockKernel::pull_and_shock_logits(CompositionState& c, const double* mean) {
  const std::size_t n = n_, categories = c.categories;
  const double* pull = c.pull.data();
  const double* scale = c.shock_scale.data();
  for (std::size_t k = 0; k < categories; ++k) {
    double* a = c.logit.data() + k * n;
    const double* eps = c.shock.data() + k * n;
    const double* shift = c.pending_shift.data() + k * n;
    const auto pass = [&](auto diversify, auto noise, auto shifted) {
      if constexpr (diversify || noise || shifted) {
        for (std::size_t i = 0; i < n; ++i) {
          double v = a[i];
          if constexpr (diversify) v = mean[i] + pull[i] * (v - mean[i]);
          if constexpr (noise) v += scale[i] * eps[i];
          if constexpr (shifted) v += shift[i];
          a[i] = v;
        }
      }
    };
    // The block's flags as types, so that each combination is its own branch-free loop.
    with_flag(c.diversifies, [&](auto diversify) {
      with_flag(c.noisy, [&](auto noise) {
        with_flag(c.shifted, [&](auto shifted) { pass(diversify, noise, shifted); });
      });
    });
  }
  if (c.shifted) {
    std::fill(c.pending_shift.begin(), c.pending_shift.end(), 0.0);
    c.shifted = false;
  }
}

/// Stage 4 (docs/MODEL.md §3, "Entrants"): each queued entrant, in category order on each
/// path, becomes active with exactly its entry share s: a = ln(s/(1 − s)) + ln Σ_active
/// e^a_j; its momentum is its θ initial_momentum, or 0. A later firing does nothing more.
void BlockKernel::enter_categories(CompositionState& c) {
  const std::size_t n = n_, categories = c.categories;
  const model::Composition& spec = *c.spec;
  std::stable_sort(c.entries.begin(), c.entries.end(),
                   [](const auto& a, const auto& b) { return a.category < b.category; });
  for (const auto& entry : c.entries) {
    const std::size_t k = entry.category, i = entry.path;
    if (c.active[k * n + i] != 0.0) continue;
    double top = -std::numeric_limits<double>::infinity();
    for (std::size_t j = 0; j < categories; ++j)
      if (c.active[j * n + i] != 0.0) top = std::max(top, c.logit[j * n + i]);
    double sum = 0.0;
    for (std::size_t j = 0; j < categories; ++j)
      if (c.active[j * n + i] != 0.0) sum += std::exp(c.logit[j * n + i] - top);
    const double s = entry.share;
    c.logit[k * n + i] = std::log(s) - std::log1p(-s) + top + std::log(sum);
    c.momentum[k * n + i] =
        spec.momentum_theta[k] >= 0 ? theta_.value(spec.momentum_theta[k], i) : 0.0;
    c.active[k * n + i] = 1.0;
    c.active_count[i] += 1.0;
  }
  c.entries.clear();
}

// ---- At a year end ----------------------------------------------------------------------

/// share_k = e^(a_k − max a) / Σ_{j active} e^(a_j − max a) for every category k (0 for an
/// inactive one), category-major into `shares`.
void BlockKernel::shares_of(const CompositionState& c, double* shares) {
  const std::size_t n = n_, categories = c.categories;
  double* top = scratch_a_.data();
  double* sum = scratch_c_.data();
  std::fill(top, top + n, -std::numeric_limits<double>::infinity());
  for (std::size_t k = 0; k < categories; ++k) {
    const double* a = c.logit.data() + k * n;
    const double* on = c.active.data() + k * n;
    for (std::size_t i = 0; i < n; ++i)
      if (on[i] != 0.0) top[i] = std::max(top[i], a[i]);
  }
  for (std::size_t k = 0; k < categories; ++k) {
    const double* a = c.logit.data() + k * n;
    double* out = shares + k * n;
    for (std::size_t i = 0; i < n; ++i) out[i] = a[i] - top[i];
    util::batch_exp(out, out, n);
    if (c.has_entrants) {
      const double* on = c.active.data() + k * n;
      for (std::size_t i = 0; i < n; ++i) out[i] *= on[i];  // inactive: exactly 0
    }
  }
  std::fill(sum, sum + n, 0.0);
  for (std::size_t k = 0; k < categories; ++k)
    for (std::size_t i = 0; i < n; ++i) sum[i] += shares[k * n + i];
  for (std::size_t k = 0; k < categories; ++k)
    for (std::size_t i = 0; i < n; ++i) shares[k * n + i] /= sum[i];
}

/// The metrics of year index y (docs/MODEL.md §5) into their rows (Model::rows):
///   spend = e^x,   growth = S_y / S_(y−1),
///   share.<v>, revenue.<v> = share_v·S·(share of the `of` segment, or 1),   hhi = Σ share_v²,
///   share_segment.<s>, spend.<s> = share_s·S,
///   cagr = e^((x − ln D(Y0))/(y + 1)) − 1,   event.<e> = 1 once fired.
void BlockKernel::record_year(int y) {
  const std::size_t n = n_;
  const scenario::MetricRows& rows = model_.rows;
  const std::size_t years = model_.layout->years.size();
  auto row = [&](std::size_t metric) { return output_.data() + (metric * years + y) * n; };
  double* spend = row(scenario::MetricRows::spend);
  util::batch_exp(log_spend_.data(), spend, n);
  double* growth = row(scenario::MetricRows::growth);
  for (std::size_t i = 0; i < n; ++i) {
    growth[i] = spend[i] / last_year_spend_[i];
    last_year_spend_[i] = spend[i];
  }
  // Segments first: vendor revenue may be a share of one segment's spend. Rows of one
  // metric for consecutive categories are `years·n` apart, so the shares are computed
  // into a contiguous buffer and copied.
  const double* segment_shares = nullptr;
  if (model_.segments >= 0) {
    const auto& segments = compositions_[model_.segments];
    segment_shares_.resize(segments.categories * n);
    shares_of(segments, segment_shares_.data());
    for (std::size_t k = 0; k < segments.categories; ++k) {
      const double* share = segment_shares_.data() + k * n;
      std::copy_n(share, n, row(rows.segment_share(k)));
      double* segment_spend = row(rows.segment_spend(k));
      for (std::size_t i = 0; i < n; ++i) segment_spend[i] = share[i] * spend[i];
    }
    segment_shares = segment_shares_.data();
  }
  if (model_.vendors >= 0) {
    const auto& vendors = compositions_[model_.vendors];
    vendor_shares_.resize(vendors.categories * n);
    shares_of(vendors, vendor_shares_.data());
    const int of = vendors.spec->of_segment;
    const double* of_share = of >= 0 ? segment_shares + static_cast<std::size_t>(of) * n : nullptr;
    double* hhi = row(rows.hhi());
    std::fill(hhi, hhi + n, 0.0);
    for (std::size_t k = 0; k < vendors.categories; ++k) {
      const double* share = vendor_shares_.data() + k * n;
      std::copy_n(share, n, row(rows.vendor_share(k)));
      double* revenue = row(rows.vendor_revenue(k));
      for (std::size_t i = 0; i < n; ++i) {
        revenue[i] = share[i] * spend[i] * (of_share ? of_share[i] : 1.0);
        hhi[i] += share[i] * share[i];
      }
    }
  }
  double* cagr = row(rows.cagr());
  const double inv_years = 1.0 / (y + 1);
  for (std::size_t i = 0; i < n; ++i) cagr[i] = (log_spend_[i] - model_.log_base_spend) * inv_years;
  util::batch_exp(cagr, cagr, n);
  for (std::size_t i = 0; i < n; ++i) cagr[i] -= 1.0;
  for (std::size_t e = 0; e < events_.size(); ++e) {
    double* fired = row(rows.event(e));
    const int* count = events_[e].count.data();
    for (std::size_t i = 0; i < n; ++i) fired[i] = count[i] > 0 ? 1.0 : 0.0;
  }
}

void BlockKernel::check_step() {
  const std::size_t n = n_;
  std::vector<double> shares;
  for (const auto& c : compositions_) {
    shares.resize(c.categories * n);
    shares_of(c, shares.data());
    for (std::size_t i = 0; i < n; ++i) {
      double sum = 0.0;
      for (std::size_t k = 0; k < c.categories; ++k) {
        const double s = shares[k * n + i];
        sum += s;
        report_.min_share = std::min(report_.min_share, s);
        report_.max_share = std::max(report_.max_share, s);
        if (c.active[k * n + i] == 0.0 && s != 0.0) ++report_.inactive_nonzero;
      }
      report_.max_sum_error = std::max(report_.max_sum_error, std::fabs(sum - 1.0));
    }
  }
  ++report_.steps_checked;
}

std::optional<std::string> BlockKernel::describe_non_finite() const {
  const stats::MetricLayout& layout = *model_.layout;
  for (std::size_t m = 0; m < block_.metrics; ++m)
    for (std::size_t y = 0; y < block_.years; ++y) {
      const double* row = block_.row(m, y);
      for (std::size_t i = 0; i < block_.paths; ++i) {
        if (std::isfinite(row[i])) continue;
        std::string parameters;
        for (std::size_t t = 0; t < model_.thetas.size(); ++t)
          parameters += fmt::format("{}{} = {}", t ? ", " : "", model_.thetas[t].name,
                                    theta_.value(static_cast<int>(t), i));
        return fmt::format(
            "the value of '{}' in {} is {} on path {} (counting from 0), whose parameters are: "
            "{}; these make the model's arithmetic leave the range of a double (check the "
            "ranges of the parameters above: docs/SCENARIO-FORMAT.md, \"Ranges that keep the "
            "arithmetic finite\")",
            layout.metrics[m], layout.years[y], row[i], block_.first_path + i, parameters);
      }
    }
  return std::nullopt;
}

}  // namespace spendcast::sim
