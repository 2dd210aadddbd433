#include "report/result_csv.hpp"

#include <fmt/format.h>

#include "report/result_json.hpp"

namespace spendcast::report {

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

std::string csv_number(double value) {
  return fmt::format("{}", value);
}

namespace {

std::string joined(const std::vector<std::string>& parts, const std::string& separator) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : separator) + p;
  return out;
}

class CsvRows {
 public:
  CsvRows(const std::string& scenario, const std::vector<std::string>& overrides)
      : prefix_(csv_field(scenario) + "," + csv_field(joined(overrides, "; "))) {
    text_ = "scenario,variant,metric,year,statistic,value\n";
  }
  void add(const std::string& metric, int year, const std::string& statistic, double value) {
    text_ += fmt::format("{},{},{},{},{}\n", prefix_, csv_field(metric), year, statistic,
                         csv_number(value));
  }
  void add_probability(const std::string& metric, int year, const stats::Estimate& e,
                       const std::string& statistic = "p") {
    add(metric, year, statistic, e.value);
    add(metric, year, statistic + "_se", e.se);
  }
  std::string take() { return std::move(text_); }

 private:
  std::string prefix_;
  std::string text_;
};

}  // namespace

std::string result_to_csv(const std::string& scenario, const std::vector<std::string>& overrides,
                          const stats::Forecast& f) {
  const stats::MetricLayout& L = f.layout();
  const std::size_t years = L.years.size();
  CsvRows rows(scenario, overrides);
  std::vector<bool> event_row(L.metrics.size(), false);
  for (int r : L.event_metrics) event_row[r] = true;
  for (std::size_t m = 0; m < L.metrics.size(); ++m) {
    if (event_row[m]) continue;
    const bool horizon_only = L.metrics[m] == "cagr";
    for (std::size_t y = horizon_only ? years - 1 : 0; y < years; ++y) {
      const stats::MetricSummary& s = f.metric(m, y);
      const int year = L.years[y];
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
    const int year = L.years[y];
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
  for (std::size_t t = 0; t < L.first_year_spend_thresholds.size(); ++t) {
    const std::string metric = "spend_first_year." + number_key(L.first_year_spend_thresholds[t]);
    for (std::size_t k = 0; k < years; ++k)
      rows.add_probability(metric, L.years[k], f.first_year(t, k));
    rows.add_probability(metric, L.years.back(), f.first_year(t, years), "p_never");
  }
  return rows.take();
}

}  // namespace spendcast::report
