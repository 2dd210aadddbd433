#include "scenario/spec.hpp"

namespace spendcast::scenario {

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

MetricRows metric_rows(const ScenarioSpec& spec) {
  MetricRows rows;
  if (spec.vendors) {
    rows.has_vendors = true;
    rows.vendors = spec.vendors->categories.size();
  }
  if (spec.segments) rows.segments = spec.segments->categories.size();
  rows.events = spec.events.size();
  return rows;
}

std::vector<std::string> metric_names(const ScenarioSpec& spec) {
  const MetricRows rows = metric_rows(spec);
  std::vector<std::string> names(rows.before_events());
  names[MetricRows::spend] = "spend";
  names[MetricRows::growth] = "growth";
  if (spec.vendors) {
    for (std::size_t k = 0; k < rows.vendors; ++k) {
      const std::string& vendor = spec.vendors->categories[k].name;
      names[rows.vendor_share(k)] = "share." + vendor;
      names[rows.vendor_revenue(k)] = "revenue." + vendor;
    }
    names[rows.hhi()] = "hhi";
  }
  for (std::size_t k = 0; k < rows.segments; ++k) {
    const std::string& segment = spec.segments->categories[k].name;
    names[rows.segment_share(k)] = "share_segment." + segment;
    names[rows.segment_spend(k)] = "spend." + segment;
  }
  names[rows.cagr()] = "cagr";
  return names;
}

}  // namespace spendcast::scenario
