#include "report/scenario_json.hpp"

#include "report/run_info.hpp"

namespace spendcast::report {

using nlohmann::json;

const char* sampling_name(scenario::Sampling sampling) {
  return sampling == scenario::Sampling::lhs ? "lhs" : "mc";
}

json dist_to_json(const scenario::DistSpec& d) {
  using K = scenario::DistSpec::Kind;
  json j;
  switch (d.kind) {
    case K::constant:
      return d.value;
    case K::normal:
      j = {{"dist", "normal"}, {"mean", d.mean}, {"sd", d.sd}};
      break;
    case K::lognormal:
      j = {{"dist", "lognormal"}, {"mu", d.mu}, {"sigma", d.sigma}};
      break;
    case K::uniform:
      j = {{"dist", "uniform"}, {"min", d.min}, {"max", d.max}};
      break;
    case K::triangular:
      j = {{"dist", "triangular"}, {"min", d.min}, {"mode", d.mode}, {"max", d.max}};
      break;
    case K::pert:
      j = {{"dist", "pert"}, {"min", d.min}, {"mode", d.mode}, {"max", d.max}};
      break;
    case K::beta:
      j = {{"dist", "beta"}, {"alpha", d.alpha}, {"beta", d.beta}, {"min", d.min}, {"max", d.max}};
      break;
    case K::discrete:
      j = {{"dist", "discrete"}, {"values", d.values}, {"weights", d.weights}};
      break;
  }
  if (d.truncate) j["truncate"] = {(*d.truncate)[0], (*d.truncate)[1]};
  return j;
}

namespace {

json named(const std::vector<scenario::NamedDist>& list) {
  json j = json::object();
  for (const auto& n : list) j[n.name] = dist_to_json(n.dist);
  return j;
}

json composition_to_json(const scenario::CompositionSpec& c) {
  json categories = json::array();
  for (const auto& cat : c.categories) {
    json k = {{"name", cat.name}, {"base_share", cat.base_share}, {"entrant", cat.entrant}};
    if (cat.observed_momentum) k["observed_momentum"] = *cat.observed_momentum;
    if (cat.entrant) k["entry_event"] = cat.entry_event;
    categories.push_back(k);
  }
  json j = {{"categories", categories},
            {"persistence", dist_to_json(c.persistence)},
            {"volatility", dist_to_json(c.volatility)},
            {"diversification", dist_to_json(c.diversification)},
            {"drift", named(c.drift)},
            {"initial_momentum", named(c.initial_momentum)}};
  if (c.of) j["of"] = *c.of;
  if (!c.shock_correlation.empty()) j["shock_correlation"] = c.shock_correlation;
  return j;
}

json event_to_json(const scenario::EventSpec& e) {
  json j = {
      {"name", e.name},       {"description", e.description}, {"hazard", dist_to_json(e.hazard)},
      {"from", e.first_year}, {"until", e.last_year},         {"max_count", e.max_count}};
  if (e.spend_jump) j["spend_jump"] = dist_to_json(*e.spend_jump);
  if (e.growth_shift) j["growth_shift"] = dist_to_json(*e.growth_shift);
  if (e.duration) j["duration"] = dist_to_json(*e.duration);
  if (!e.share_shift.empty()) j["share_shift"] = named(e.share_shift);
  if (!e.momentum_shift.empty()) j["momentum_shift"] = named(e.momentum_shift);
  if (e.enters) j["enters"] = *e.enters;
  if (e.entry_share) j["entry_share"] = dist_to_json(*e.entry_share);
  return j;
}

}  // namespace

json scenario_to_json(const scenario::ScenarioSpec& s) {
  const scenario::SpendSpec& sp = s.spend;
  json spend = {{"base_spend_usd_bn", sp.base_spend_usd_bn},
                {"long_run_growth", dist_to_json(sp.long_run_growth)},
                {"persistence", dist_to_json(sp.persistence)},
                {"volatility", dist_to_json(sp.volatility)},
                {"growth_volatility", dist_to_json(sp.growth_volatility)}};
  if (sp.observed_growth) spend["observed_growth"] = *sp.observed_growth;
  if (sp.ceiling) spend["ceiling"] = dist_to_json(*sp.ceiling);
  if (sp.initial_growth) spend["initial_growth"] = dist_to_json(*sp.initial_growth);
  json j = {{"name", s.name},
            {"title", s.title},
            {"description", s.description},
            {"extends", s.extends},
            {"overrides", s.overrides},
            {"origin", s.origin},
            {"data_source", s.data_source},
            {"simulation",
             {{"base_year", s.simulation.base_year},
              {"horizon", s.simulation.horizon},
              {"steps_per_year", s.simulation.steps_per_year},
              {"paths", s.simulation.paths},
              {"seed", s.simulation.seed},
              {"sampling", sampling_name(s.simulation.sampling)}}},
            {"spend", spend}};
  if (s.vendors) j["vendors"] = composition_to_json(*s.vendors);
  if (s.segments) j["segments"] = composition_to_json(*s.segments);
  j["events"] = json::array();
  for (const auto& e : s.events) j["events"].push_back(event_to_json(e));
  j["correlations"] = json::array();
  for (const auto& c : s.correlations)
    j["correlations"].push_back({{"between", {c.first, c.second}}, {"rho", c.rho}});
  json thresholds = json::object();
  for (const auto& t : s.report.thresholds) thresholds[t.metric] = t.values;
  j["report"] = {{"quantiles", s.report.quantiles}, {"thresholds", thresholds}};
  return j;
}

namespace {

scenario::CompositionSpec summary_composition(const json& j, const std::string& kind) {
  scenario::CompositionSpec c;
  c.kind = kind;
  for (const json& k : j.at("categories")) {
    scenario::CategorySpec cat;
    cat.name = k.at("name").get<std::string>();
    cat.base_share = k.at("base_share").get<double>();
    cat.entrant = k.at("entrant").get<bool>();
    c.categories.push_back(std::move(cat));
  }
  if (j.contains("of")) c.of = j.at("of").get<std::string>();
  return c;
}

}  // namespace

scenario::ScenarioSpec summary_spec_from_json(const json& j) {
  scenario::ScenarioSpec s;
  s.name = j.at("name").get<std::string>();
  s.title = j.at("title").get<std::string>();
  s.extends = j.at("extends").get<std::vector<std::string>>();
  s.overrides = j.at("overrides").get<std::vector<std::string>>();
  s.origin = j.at("origin").get<std::string>();
  const json& sim = j.at("simulation");
  s.simulation.base_year = sim.at("base_year").get<int>();
  s.simulation.horizon = sim.at("horizon").get<int>();
  s.simulation.steps_per_year = sim.at("steps_per_year").get<int>();
  s.simulation.paths = sim.at("paths").get<std::uint64_t>();
  s.simulation.seed = sim.at("seed").get<std::uint64_t>();
  s.simulation.sampling =
      sim.at("sampling") == "lhs" ? scenario::Sampling::lhs : scenario::Sampling::mc;
  if (j.contains("vendors")) s.vendors = summary_composition(j.at("vendors"), "vendors");
  if (j.contains("segments")) s.segments = summary_composition(j.at("segments"), "segments");
  return s;
}

}  // namespace spendcast::report
