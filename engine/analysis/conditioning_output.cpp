#include "analysis/conditioning_output.hpp"

#include <fmt/format.h>

#include <cmath>

#include "analysis/metric_format.hpp"
#include "analysis/text_table.hpp"

namespace spendcast::analysis {

namespace {

double acceptance(const ConditionedForecast& c) {
  return c.paths() == 0 ? 0.0
                        : static_cast<double>(c.kept_paths()) / static_cast<double>(c.paths());
}

/// "median [5%, 95%]" of a sketch, or "-" when empty.
std::string summary_cell(const stats::QuantileSketch& s) {
  if (s.count() == 0) return "-";
  return fmt::format("{} [{}, {}]", format_number(s.quantile(0.5)), format_number(s.quantile(0.05)),
                     format_number(s.quantile(0.95)));
}

nlohmann::json summary(const stats::QuantileSketch& s) {
  if (s.count() == 0) return nullptr;
  return {{"median", s.quantile(0.5)}, {"p5", s.quantile(0.05)}, {"p95", s.quantile(0.95)}};
}

}  // namespace

std::string few_kept_warning(const ConditionedForecast& c) {
  if (c.kept_paths() >= few_kept_paths) return {};
  const double rate = acceptance(c);
  const std::string remedy =
      rate > 0 ? fmt::format("about {} paths keep {}",
                             format_number(std::ceil(static_cast<double>(few_kept_paths) / rate)),
                             few_kept_paths)
               : std::string("none was kept");
  return fmt::format(
      "warning: only {} of {} paths kept (fewer than {}): the conditional forecast and the "
      "posteriors are noisy; raise --paths ({})\n",
      c.kept_paths(), c.paths(), few_kept_paths, remedy);
}

std::string conditioning_table(const ConditionedForecast& c,
                               const std::vector<Observation>& observations,
                               const std::string& observations_path) {
  std::string out =
      fmt::format("\nConditioned on {} observation{} ({}): {} of {} paths kept (acceptance {} %)\n",
                  observations.size(), observations.size() == 1 ? "" : "s", observations_path,
                  c.kept_paths(), c.paths(), format_number(100 * acceptance(c)));
  out += few_kept_warning(c);
  if (c.theta_names().empty()) return out + "No uncertain parameters.\n";
  TextTable table({"parameter: median [5%, 95%]", "prior", "posterior"});
  for (std::size_t k = 0; k < c.theta_names().size(); ++k)
    table.add_row({c.theta_names()[k], summary_cell(c.prior(k)), summary_cell(c.posterior(k))});
  return out + "\n" + table.render();
}

nlohmann::json conditioning_to_json(const ConditionedForecast& c,
                                    const std::vector<Observation>& observations,
                                    const std::string& observations_path) {
  nlohmann::json obs = nlohmann::json::array();
  for (const Observation& o : observations) {
    nlohmann::json j{{"metric", o.metric},
                     {"year", o.year},
                     {"value", o.value},
                     {"sd", o.sd},
                     {"scale", on_log_scale(o.metric) ? "log" : "value"}};
    if (o.uncertainty == Observation::Uncertainty::interval) {
      j["low"] = o.low;
      j["high"] = o.high;
    }
    if (!o.source.empty()) j["source"] = o.source;
    obs.push_back(std::move(j));
  }
  nlohmann::json parameters = nlohmann::json::array();
  for (std::size_t k = 0; k < c.theta_names().size(); ++k)
    parameters.push_back({{"name", c.theta_names()[k]},
                          {"prior", summary(c.prior(k))},
                          {"posterior", summary(c.posterior(k))}});
  return {{"observations_file", observations_path},
          {"observations", std::move(obs)},
          {"paths", c.paths()},
          {"kept", c.kept_paths()},
          {"acceptance", acceptance(c)},
          {"parameters", std::move(parameters)}};
}

}  // namespace spendcast::analysis
