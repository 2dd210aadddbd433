#include "model/model.hpp"

#include <Eigen/Cholesky>
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <tuple>

#include "model/finite_check.hpp"
#include "model/metric_catalogue.hpp"

namespace spendcast::model {

bool Composition::has_entrants() const {
  for (bool e : entrant)
    if (e) return true;
  return false;
}

int Model::theta_index(const std::string& theta_name) const {
  for (std::size_t i = 0; i < thetas.size(); ++i)
    if (thetas[i].name == theta_name) return static_cast<int>(i);
  return -1;
}

namespace {

int require_theta(const Model& model, const std::string& name) {
  const int i = model.theta_index(name);
  if (i < 0) throw std::invalid_argument("compile_model: no parameter " + name);
  return i;
}

Composition compile_composition(const scenario::CompositionSpec& spec, const Model& model) {
  Composition c;
  c.kind = spec.kind;
  const std::string prefix = spec.kind + ".";
  for (const auto& cat : spec.categories) {
    c.names.push_back(cat.name);
    c.entrant.push_back(cat.entrant);
    c.logit0.push_back(cat.entrant ? 0.0 : std::log(cat.base_share));
    c.observed_momentum.push_back(cat.observed_momentum.value_or(0.0));
    c.momentum_theta.push_back(model.theta_index(prefix + "initial_momentum." + cat.name));
    c.drift_theta.push_back(model.theta_index(prefix + "drift." + cat.name));
  }
  c.persistence_theta = require_theta(model, prefix + "persistence");
  c.volatility_theta = require_theta(model, prefix + "volatility");
  c.diversification_theta = require_theta(model, prefix + "diversification");
  if (!spec.shock_correlation.empty()) {
    const auto n = static_cast<Eigen::Index>(c.names.size());
    Eigen::MatrixXd r(n, n);
    for (Eigen::Index i = 0; i < n; ++i)
      for (Eigen::Index j = 0; j < n; ++j) r(i, j) = spec.shock_correlation[i * n + j];
    Eigen::LLT<Eigen::MatrixXd> llt(r);
    if (llt.info() != Eigen::Success)
      throw std::invalid_argument("compile_model: " + spec.kind +
                                  " correlation not positive definite");
    c.shock_cholesky = llt.matrixL();
  }
  return c;
}

void compile_copula(const scenario::ScenarioSpec& spec, Model& model) {
  std::vector<int> members;  // θ indices in the copula, in θ order
  auto member = [&](const std::string& name) {
    const int i = model.theta_index(name);
    if (i < 0) throw std::invalid_argument("compile_model: correlation names " + name);
    return i;
  };
  for (const auto& c : spec.correlations) {
    const int a = member(c.first), b = member(c.second);
    if (model.thetas[a].distribution.is_constant() || model.thetas[b].distribution.is_constant())
      continue;  // a correlation with a constant has no effect (validation warns)
    for (int i : {a, b}) {
      if (model.thetas[i].copula_index < 0) {
        model.thetas[i].copula_index = 0;  // a member; its row is set below
        members.push_back(i);
      }
    }
  }
  if (members.empty()) return;
  std::sort(members.begin(), members.end());
  for (std::size_t k = 0; k < members.size(); ++k)
    model.thetas[members[k]].copula_index = static_cast<int>(k);
  const auto n = static_cast<Eigen::Index>(members.size());
  Eigen::MatrixXd r = Eigen::MatrixXd::Identity(n, n);
  for (const auto& c : spec.correlations) {
    const int a = model.thetas[member(c.first)].copula_index;
    const int b = model.thetas[member(c.second)].copula_index;
    if (a < 0 || b < 0) continue;
    r(a, b) = r(b, a) = c.rho;
  }
  Eigen::LLT<Eigen::MatrixXd> llt(r);
  if (llt.info() != Eigen::Success)
    throw std::invalid_argument("compile_model: parameter correlation not positive definite");
  model.copula_cholesky = llt.matrixL();
}

std::pair<int, int> find_category(const Model& model, const std::string& name) {
  for (std::size_t ci = 0; ci < model.compositions.size(); ++ci) {
    const auto& names = model.compositions[ci].names;
    for (std::size_t k = 0; k < names.size(); ++k)
      if (names[k] == name) return {static_cast<int>(ci), static_cast<int>(k)};
  }
  throw std::invalid_argument("compile_model: unknown category " + name);
}

Event compile_event(const scenario::EventSpec& spec, const Model& model) {
  Event e;
  e.name = spec.name;
  e.hazard_theta = require_theta(model, "event." + spec.name + ".hazard");
  e.first_year = spec.first_year;
  e.last_year = spec.last_year;
  e.max_count = spec.max_count;
  if (spec.spend_jump) e.spend_jump.emplace(*spec.spend_jump);
  if (spec.growth_shift) e.growth_shift.emplace(*spec.growth_shift);
  if (spec.duration) e.duration.emplace(*spec.duration);
  for (const auto& s : spec.share_shift) {
    const auto [ci, k] = find_category(model, s.name);
    e.share_shift.push_back({ci, k, Distribution(s.dist)});
  }
  for (const auto& s : spec.momentum_shift) {
    const auto [ci, k] = find_category(model, s.name);
    e.momentum_shift.push_back({ci, k, Distribution(s.dist)});
  }
  if (spec.enters) {
    std::tie(e.enters_composition, e.enters_category) = find_category(model, *spec.enters);
    if (!spec.entry_share) throw std::invalid_argument("compile_model: enters without entry_share");
    e.entry_share.emplace(*spec.entry_share);
  }
  return e;
}

}  // namespace

Model compile_model(const scenario::ScenarioSpec& spec) {
  check_finite_arithmetic(spec);
  Model m;
  m.name = spec.name;
  m.base_year = spec.simulation.base_year;
  m.horizon = spec.simulation.horizon;
  m.steps_per_year = spec.simulation.steps_per_year;
  m.paths = spec.simulation.paths;
  m.seed = spec.simulation.seed;
  m.sampling = spec.simulation.sampling;
  if (!(spec.spend.base_spend_usd_bn > 0))
    throw std::invalid_argument("compile_model: base spend must be positive");
  m.log_base_spend = std::log(spec.spend.base_spend_usd_bn);
  m.observed_growth = spec.spend.observed_growth.value_or(0.0);

  for (const auto& t : scenario::list_thetas(spec))
    m.thetas.push_back({t.name, Distribution(*t.dist), -1});
  m.long_run_growth_theta = require_theta(m, "spend.long_run_growth");
  m.persistence_theta = require_theta(m, "spend.persistence");
  m.volatility_theta = require_theta(m, "spend.volatility");
  m.growth_volatility_theta = require_theta(m, "spend.growth_volatility");
  m.ceiling_theta = m.theta_index("spend.ceiling");
  m.initial_growth_theta = m.theta_index("spend.initial_growth");
  if (m.initial_growth_theta < 0 && !spec.spend.observed_growth)
    throw std::invalid_argument("compile_model: no initial growth");
  compile_copula(spec, m);

  if (spec.vendors) {
    m.vendors = static_cast<int>(m.compositions.size());
    m.compositions.push_back(compile_composition(*spec.vendors, m));
  }
  if (spec.segments) {
    m.segments = static_cast<int>(m.compositions.size());
    m.compositions.push_back(compile_composition(*spec.segments, m));
  }
  if (m.vendors >= 0 && spec.vendors->of) {
    if (m.segments < 0) throw std::invalid_argument("compile_model: vendors.of without segments");
    m.compositions[m.vendors].of_segment = spec.segments->index_of(*spec.vendors->of);
    if (m.compositions[m.vendors].of_segment < 0)
      throw std::invalid_argument("compile_model: vendors.of names no segment");
  }
  for (const auto& e : spec.events) m.events.push_back(compile_event(e, m));
  m.rows = scenario::metric_rows(spec);
  m.layout = std::make_shared<const stats::MetricLayout>(build_metric_layout(spec));
  return m;
}

}  // namespace spendcast::model
