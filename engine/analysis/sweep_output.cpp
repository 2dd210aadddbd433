#include "analysis/sweep_output.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "analysis/metric_format.hpp"
#include "analysis/text_table.hpp"
#include "report/result_csv.hpp"
#include "scenario/render.hpp"

namespace spendcast::analysis {

namespace {

using nlohmann::json;

json nullable(double x) {
  return std::isnan(x) ? json(nullptr) : json(x);
}

/// A value as given: a JSON number when the whole text is a finite number, else the text.
json value_json(const std::string& text) {
  double x = 0.0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), x);
  if (ec == std::errc() && end == text.data() + text.size() && std::isfinite(x)) return x;
  return text;
}

/// The probabilities a table shows: P(leads) and P(fired); thresholds are in the files only.
std::vector<SweepProbability> table_probabilities(const SweepCell& c) {
  std::vector<SweepProbability> out;
  for (const SweepProbability& p : c.probabilities)
    if (p.name == "leads" || p.name == "fired") out.push_back(p);
  return out;
}

/// Column headers of one cell.
std::vector<std::string> cell_headers(const SweepCell& c) {
  const std::string unit = unit_label(metric_unit(c.metric));
  std::vector<std::string> h{
      fmt::format("{} {}{}", c.metric, c.year, unit.empty() ? "" : " " + unit)};
  for (const SweepProbability& p : table_probabilities(c)) h.push_back(p.label);
  h.push_back("Δ vs 1");
  h.push_back("P(Δ > 0)");
  return h;
}

std::vector<std::string> cell_texts(const SweepCell& c) {
  const MetricUnit unit = metric_unit(c.metric);
  std::vector<std::string> t{fmt::format("{} [{}, {}]", format_metric(c.quantiles[2], unit),
                                         format_metric(c.quantiles[0], unit),
                                         format_metric(c.quantiles[4], unit))};
  for (const SweepProbability& p : table_probabilities(c))
    t.push_back(format_probability(p.estimate.value, p.estimate.se));
  t.push_back(format_signed(c.paired.difference.median, unit));
  t.push_back(format_probability(c.paired.greater.value, c.paired.greater.se));
  return t;
}

}  // namespace

std::string sweep_table(const SweepReport& r) {
  std::vector<std::string> headers{"#"};
  for (const std::string& k : r.keys) headers.push_back(scenario::printable(k));
  // Columns from variant 1's cells; a variant that lacks one shows "-".
  const std::vector<SweepCell>& reference = r.variants.front().cells;
  for (const SweepCell& c : reference)
    for (std::string& h : cell_headers(c)) headers.push_back(std::move(h));
  TextTable table(headers);
  for (std::size_t v = 0; v < r.variants.size(); ++v) {
    const SweepVariant& variant = r.variants[v];
    std::vector<std::string> row{fmt::format("{}", v + 1)};
    for (const std::string& value : variant.values) row.push_back(scenario::printable(value));
    for (const SweepCell& ref : reference) {
      const SweepCell* found = nullptr;
      for (const SweepCell& c : variant.cells)
        if (c.metric == ref.metric && c.year == ref.year) found = &c;
      const std::size_t n = cell_headers(ref).size();
      if (found && cell_headers(*found) == cell_headers(ref))
        for (std::string& t : cell_texts(*found)) row.push_back(std::move(t));
      else
        row.insert(row.end(), n, "-");
    }
    table.add_row(std::move(row));
  }
  std::string out = wrap_text(
      fmt::format("sweep of {} ({}, {} variant{}): median [5%, 95%]; Δ vs 1: median of the "
                  "per-path difference from variant 1 (shares in points); probabilities in %",
                  scenario::printable(r.scenario), sweep_layout_name(r.layout), r.variants.size(),
                  r.variants.size() == 1 ? "" : "s"),
      "");
  out += table.render();
  for (std::size_t v = 0; v < r.variants.size(); ++v)
    if (!r.variants[v].left_out.empty()) {
      std::string list;
      for (std::size_t k = 0; k < r.variants[v].left_out.size(); ++k)
        list += (k ? "; " : "") + r.variants[v].left_out[k];
      out += wrap_text(list, fmt::format("left out of variant {}: ", v + 1));
    }
  for (const std::string& note : r.notes) out += wrap_text(note, "note: ");
  out += fmt::format("{} paths × {} variants, seed {}, {} thread{}, {:.2f} s\n", r.paths,
                     r.variants.size(), r.seed, r.threads, r.threads == 1 ? "" : "s", r.elapsed_s);
  return out;
}

nlohmann::json sweep_to_json(const SweepReport& r) {
  json variants = json::array();
  for (std::size_t v = 0; v < r.variants.size(); ++v) {
    const SweepVariant& variant = r.variants[v];
    json values = json::object();
    for (std::size_t k = 0; k < r.keys.size(); ++k)
      values[r.keys[k]] = value_json(variant.values[k]);
    json metrics = json::object();
    for (const SweepCell& c : variant.cells) {
      json quantiles = json::object();
      for (std::size_t q = 0; q < sweep_levels.size(); ++q)
        quantiles[fmt::format("{}", sweep_levels[q])] = nullable(c.quantiles[q]);
      json probabilities = json::object();
      for (const SweepProbability& p : c.probabilities)
        probabilities[p.name] = {{"p", nullable(p.estimate.value)},
                                 {"se", nullable(p.estimate.se)}};
      const PairedStatistics& d = c.paired;
      metrics[c.metric][fmt::format("{}", c.year)] = {
          {"mean", nullable(c.mean)},
          {"quantiles", quantiles},
          {"probabilities", probabilities},
          {"difference",
           {{"median", nullable(d.difference.median)},
            {"p5", nullable(d.difference.low)},
            {"p95", nullable(d.difference.high)},
            {"mean", nullable(d.mean_difference.value)},
            {"mean_se", nullable(d.mean_difference.se)}}},
          {"p_greater", {{"p", nullable(d.greater.value)}, {"se", nullable(d.greater.se)}}},
          {"p_less", {{"p", nullable(d.less.value)}, {"se", nullable(d.less.se)}}},
          {"p_equal", {{"p", nullable(d.equal.value)}, {"se", nullable(d.equal.se)}}}};
    }
    variants.push_back({{"variant", v + 1},
                        {"values", values},
                        {"metrics", metrics},
                        {"left_out", variant.left_out}});
  }
  return {
      {"format", "spendcast-sweep/1"},
      {"scenario", {{"name", r.scenario}, {"title", r.title}, {"origin", r.origin}}},
      {"layout", sweep_layout_name(r.layout)},
      {"keys", r.keys},
      {"variants", variants},
      {"run",
       {{"paths", r.paths}, {"seed", r.seed}, {"threads", r.threads}, {"elapsed_s", r.elapsed_s}}},
      {"notes", r.notes}};
}

std::string sweep_to_csv(const SweepReport& r) {
  std::string out = "variant";
  for (const std::string& k : r.keys) out += "," + report::csv_field(k);
  out += ",metric,year,statistic,value\n";
  for (std::size_t v = 0; v < r.variants.size(); ++v) {
    std::string prefix = fmt::format("{}", v + 1);
    for (const std::string& value : r.variants[v].values) prefix += "," + report::csv_field(value);
    for (const SweepCell& c : r.variants[v].cells) {
      const auto add = [&](const std::string& statistic, double value) {
        if (std::isnan(value)) return;
        out += fmt::format("{},{},{},{},{}\n", prefix, report::csv_field(c.metric), c.year,
                           statistic, report::csv_number(value));
      };
      add("mean", c.mean);
      const char* names[] = {"p5", "p25", "median", "p75", "p95"};
      for (std::size_t q = 0; q < sweep_levels.size(); ++q) add(names[q], c.quantiles[q]);
      for (const SweepProbability& p : c.probabilities) {
        add("p_" + p.name, p.estimate.value);
        add("p_" + p.name + "_se", p.estimate.se);
      }
      const PairedStatistics& d = c.paired;
      add("diff_median", d.difference.median);
      add("diff_p5", d.difference.low);
      add("diff_p95", d.difference.high);
      add("diff_mean", d.mean_difference.value);
      add("diff_mean_se", d.mean_difference.se);
      add("p_greater", d.greater.value);
      add("p_greater_se", d.greater.se);
      add("p_less", d.less.value);
      add("p_equal", d.equal.value);
    }
  }
  return out;
}

}  // namespace spendcast::analysis
