#include "scenario/spec.hpp"

namespace spendcast {

DistSpec DistSpec::constant_at(double v, SourcePosition where) {
  DistSpec d;
  d.kind = Kind::constant;
  d.value = v;
  d.where = std::move(where);
  return d;
}

int CompositionSpec::index_of(const std::string& name) const {
  for (std::size_t i = 0; i < categories.size(); ++i)
    if (categories[i].name == name) return static_cast<int>(i);
  return -1;
}

namespace {

void list_composition(const CompositionSpec& c, std::vector<ThetaRef>& out) {
  const std::string prefix = c.kind + ".";
  out.push_back({prefix + "persistence", &c.persistence});
  out.push_back({prefix + "volatility", &c.volatility});
  out.push_back({prefix + "diversification", &c.diversification});
  for (const auto& d : c.drift) out.push_back({prefix + "drift." + d.name, &d.dist});
  for (const auto& d : c.initial_momentum)
    out.push_back({prefix + "initial_momentum." + d.name, &d.dist});
}

}  // namespace

std::vector<ThetaRef> list_thetas(const ScenarioSpec& spec) {
  std::vector<ThetaRef> out;
  const SpendSpec& s = spec.spend;
  out.push_back({"spend.long_run_growth", &s.long_run_growth});
  out.push_back({"spend.persistence", &s.persistence});
  out.push_back({"spend.volatility", &s.volatility});
  out.push_back({"spend.growth_volatility", &s.growth_volatility});
  if (s.ceiling) out.push_back({"spend.ceiling", &*s.ceiling});
  if (s.initial_growth) out.push_back({"spend.initial_growth", &*s.initial_growth});
  if (spec.vendors) list_composition(*spec.vendors, out);
  if (spec.segments) list_composition(*spec.segments, out);
  for (const auto& e : spec.events) out.push_back({"event." + e.name + ".hazard", &e.hazard});
  return out;
}

std::vector<std::string> metric_names(const ScenarioSpec& spec) {
  std::vector<std::string> names{"spend", "growth"};
  if (spec.vendors) {
    for (const auto& c : spec.vendors->categories) names.push_back("share." + c.name);
    for (const auto& c : spec.vendors->categories) names.push_back("revenue." + c.name);
    names.push_back("hhi");
  }
  if (spec.segments) {
    for (const auto& c : spec.segments->categories) names.push_back("share_segment." + c.name);
    for (const auto& c : spec.segments->categories) names.push_back("spend." + c.name);
  }
  names.push_back("cagr");
  return names;
}

}  // namespace spendcast
