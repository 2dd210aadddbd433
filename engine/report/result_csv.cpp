#include "report/result_csv.hpp"

#include <fmt/format.h>

#include "report/result_json.hpp"

namespace spendcast {

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

namespace {

class CsvRows {
 public:
  explicit CsvRows(const std::string& scenario) : scenario_(csv_field(scenario)) {
    text_ = "scenario,metric,year,statistic,value\n";
  }
  void add(const std::string& metric, const std::string& year, const std::string& statistic,
           double value) {
    text_ +=
        fmt::format("{},{},{},{},{:.17g}\n", scenario_, csv_field(metric), year, statistic, value);
  }
  void add_probability(const std::string& metric, const std::string& year, const Estimate& e) {
    add(metric, year, "p", e.value);
    add(metric, year, "p_se", e.se);
  }
  std::string take() { return std::move(text_); }

 private:
  std::string scenario_;
  std::string text_;
};

}  // namespace

std::string result_to_csv(const std::string& scenario, const Forecast& f) {
  const MetricLayout& L = f.layout();
  const std::size_t years = L.years.size();
  CsvRows rows(scenario);
  std::vector<bool> event_row(L.metrics.size(), false);
  for (int r : L.event_metrics) event_row[r] = true;
  for (std::size_t m = 0; m < L.metrics.size(); ++m) {
    if (event_row[m]) continue;
    const bool horizon_only = L.metrics[m] == "cagr";
    for (std::size_t y = horizon_only ? years - 1 : 0; y < years; ++y) {
      const MetricSummary& s = f.metric(m, y);
      const std::string year = std::to_string(L.years[y]);
      const std::string& name = L.metrics[m];
      rows.add(name, year, "mean", s.mean);
      rows.add(name, year, "sd", s.sd);
      rows.add(name, year, "se", s.se);
      rows.add(name, year, "min", s.min);
      rows.add(name, year, "max", s.max);
      for (std::size_t k = 0; k < L.quantiles.size(); ++k) {
        rows.add(name, year, "q" + number_key(L.quantiles[k]), s.quantiles[k].value);
        rows.add(name, year, "q" + number_key(L.quantiles[k]) + "_se", s.quantiles[k].se);
      }
      for (std::size_t p = 0; p < s.percentiles.size(); ++p)
        rows.add(name, year, "p" + std::to_string(p + 1), s.percentiles[p]);
    }
  }
  for (std::size_t y = 0; y < years; ++y) {
    const std::string year = std::to_string(L.years[y]);
    for (std::size_t v = 0; v < L.vendor_names.size(); ++v)
      rows.add_probability("leader." + L.vendor_names[v], year, f.leader(y, v));
    for (std::size_t i = 0; i < L.vendor_names.size(); ++i)
      for (std::size_t j = i + 1; j < L.vendor_names.size(); ++j)
        rows.add_probability(L.vendor_names[i] + ">" + L.vendor_names[j], year, f.pair(y, i, j));
    for (std::size_t t = 0; t < L.thresholds.size(); ++t)
      for (std::size_t k = 0; k < L.thresholds[t].values.size(); ++k)
        rows.add_probability(
            L.metrics[L.thresholds[t].metric] + ">=" + number_key(L.thresholds[t].values[k]), year,
            f.threshold(t, k, y));
    for (std::size_t e = 0; e < L.event_names.size(); ++e)
      rows.add_probability("event." + L.event_names[e], year, f.event(e, y));
  }
  for (std::size_t t = 0; t < L.first_year_spend_thresholds.size(); ++t)
    for (std::size_t k = 0; k <= years; ++k)
      rows.add_probability("spend_first_year." + number_key(L.first_year_spend_thresholds[t]),
                           k < years ? std::to_string(L.years[k]) : "never", f.first_year(t, k));
  return rows.take();
}

}  // namespace spendcast
