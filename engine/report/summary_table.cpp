#include "report/summary_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>

#include "scenario/render.hpp"

namespace spendcast::report {

namespace {

constexpr std::size_t width = 100;
constexpr std::size_t year_column = 6;

std::string round_to(double value, int decimals) {
  std::string s = fmt::format("{:.{}f}", value, decimals);
  return s == "-0" || s == "-0.0" || s == "-0.00" ? s.substr(1) : s;
}

/// One column of a table whose rows are the years.
struct Column {
  std::string header;
  std::function<std::string(std::size_t year_index)> cell;
};

/// Prints columns beside a year column, in as many groups as it takes to stay within
/// `width` characters.
void print_grid(std::string& out, const std::vector<int>& years,
                const std::vector<Column>& columns) {
  std::vector<std::size_t> widths;
  for (const auto& c : columns) {
    std::size_t w = c.header.size();
    for (std::size_t y = 0; y < years.size(); ++y) w = std::max(w, c.cell(y).size());
    widths.push_back(w + 2);
  }
  std::size_t first = 0;
  while (first < columns.size()) {
    std::size_t last = first, used = year_column;
    while (last < columns.size() && (last == first || used + widths[last] <= width))
      used += widths[last++];
    const auto end_line = [&out] {  // no trailing blanks: the last column is padded too
      out.erase(out.find_last_not_of(' ') + 1);
      out += '\n';
    };
    out += fmt::format("{:<{}}", "year", year_column);
    for (std::size_t c = first; c < last; ++c)
      out += fmt::format("{:<{}}", columns[c].header, widths[c]);
    end_line();
    for (std::size_t y = 0; y < years.size(); ++y) {
      out += fmt::format("{:<{}}", years[y], year_column);
      for (std::size_t c = first; c < last; ++c)
        out += fmt::format("{:<{}}", columns[c].cell(y), widths[c]);
      end_line();
    }
    first = last;
    if (first < columns.size()) out += '\n';
  }
}

std::string interval(const stats::Forecast& f, int row, std::size_t y,
                     const std::function<std::string(double)>& format) {
  const auto m = static_cast<std::size_t>(row);
  return fmt::format("{} [{}, {}]", format(f.quantile(m, y, 0.5).value),
                     format(f.quantile(m, y, 0.05).value), format(f.quantile(m, y, 0.95).value));
}

std::string percent_with_se(const stats::Estimate& e) {
  return fmt::format("{}% ± {}", format_percent(e.value), format_percent(e.se));
}

void key_probabilities(std::string& out, const scenario::ScenarioSpec& spec,
                       const stats::Forecast& f) {
  const stats::MetricLayout& L = f.layout();
  const std::size_t last = L.years.size() - 1;
  std::vector<std::string> lines;
  for (std::size_t t = 0; t < L.thresholds.size(); ++t) {
    const std::string& metric = L.metrics[L.thresholds[t].metric];
    for (std::size_t k = 0; k < L.thresholds[t].values.size(); ++k) {
      const double v = L.thresholds[t].values[k];
      const std::string shown = metric.starts_with("share") ? format_percent(v) + "%"
                                : metric.starts_with("spend") || metric.starts_with("revenue")
                                    ? "$" + format_spend(v) + "B"
                                    : fmt::format("{}", v);
      lines.push_back(fmt::format("P({} >= {} in {}) = {}", metric, shown, L.years[last],
                                  percent_with_se(f.threshold(t, k, last))));
    }
  }
  for (std::size_t e = 0; e < L.event_names.size(); ++e)
    lines.push_back(fmt::format("P({} has happened by {}) = {}", L.event_names[e], L.years[last],
                                percent_with_se(f.event(e, last))));
  for (std::size_t t = 0; t < L.first_year_spend_thresholds.size(); ++t) {
    std::string line =
        fmt::format("spend first reaches ${}B:", format_spend(L.first_year_spend_thresholds[t]));
    for (std::size_t k = 0; k <= L.years.size(); ++k) {
      const double p = f.first_year(t, k).value;
      if (p < 0.0005) continue;
      line += fmt::format(" {} {}%", k < L.years.size() ? std::to_string(L.years[k]) : "never",
                          format_percent(p));
    }
    lines.push_back(line);
  }
  if (spec.vendors && L.vendor_names.size() >= 2) {
    // The two largest vendors of the base year: does the runner-up overtake the leader?
    std::vector<std::size_t> order(L.vendor_names.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    const auto& cats = spec.vendors->categories;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return cats[a].base_share > cats[b].base_share;
    });
    const std::size_t lead = order[0], second = order[1];
    for (std::size_t y : {std::size_t{0}, last / 2, last}) {
      stats::Estimate e = lead < second ? f.pair(y, lead, second) : f.pair(y, second, lead);
      if (lead < second) e.value = 1.0 - e.value;  // P(second > lead), ignoring exact ties
      lines.push_back(fmt::format("P({} share > {} share in {}) = {}", L.vendor_names[second],
                                  L.vendor_names[lead], L.years[y], percent_with_se(e)));
    }
  }
  if (lines.empty()) return;
  out += "\nKey probabilities (± one standard error)\n";
  for (const auto& l : lines) out += "  " + l + "\n";
}

}  // namespace

std::string format_spend(double x) {
  const double a = std::fabs(x);
  if (a >= 1000)
    return round_to(std::round(x / std::pow(10, std::floor(std::log10(a)) - 2)) *
                        std::pow(10, std::floor(std::log10(a)) - 2),
                    0);
  if (a >= 99.95) return round_to(x, 0);
  if (a >= 9.995) return round_to(x, 1);
  return round_to(x, 2);
}

std::string format_percent(double fraction) {
  const double p = 100 * fraction;
  if (p == 0) return "0";
  if (std::fabs(p) < 0.1) return "<0.1";
  if (std::fabs(p) < 9.95) return round_to(p, 1);
  return round_to(p, 0);
}

std::string scenario_heading(const scenario::ScenarioSpec& spec) {
  std::string out = scenario::printable(spec.name);
  if (!spec.title.empty()) {
    out += ": " + scenario::printable(spec.title);
  } else if (!spec.extends.empty()) {
    std::string parents;
    for (const std::string& p : spec.extends) parents += (parents.empty() ? "" : ", ") + p;
    out += ": extends " + scenario::printable(parents);
  }
  for (const std::string& o : spec.overrides) out += "\n  --set " + scenario::printable(o);
  return out;
}

std::string summary_table(const scenario::ScenarioSpec& spec, const RunInfo& run,
                          const stats::Forecast& f) {
  const stats::MetricLayout& L = f.layout();
  std::string out = scenario_heading(spec) + "\n";

  out += "\nSpend, $B: median [5%, 95%]\n";
  std::vector<Column> spend{
      {"spend", [&](std::size_t y) { return interval(f, L.spend_metric, y, format_spend); }}};
  if (spec.segments)
    for (const auto& c : spec.segments->categories) {
      const int row = L.index_of("spend." + c.name);
      spend.push_back(
          {c.name, [&, row](std::size_t y) { return interval(f, row, y, format_spend); }});
    }
  print_grid(out, L.years, spend);

  if (spec.vendors) {
    const std::string of = spec.vendors->of ? " of " + *spec.vendors->of + " spend" : "";
    out += fmt::format("\nVendor shares{}, %: median [5%, 95%]\n", of);
    std::vector<Column> shares, leads;
    for (std::size_t v = 0; v < L.vendor_names.size(); ++v) {
      const int row = L.vendor_share_metrics[v];
      shares.push_back({L.vendor_names[v],
                        [&, row](std::size_t y) { return interval(f, row, y, format_percent); }});
      leads.push_back({L.vendor_names[v],
                       [&, v](std::size_t y) { return format_percent(f.leader(y, v).value); }});
    }
    print_grid(out, L.years, shares);
    out += "\nP(leads), %\n";
    print_grid(out, L.years, leads);
  }
  key_probabilities(out, spec, f);
  const std::string shard = run.shard
                                ? fmt::format(" (shard {}/{} of {})", run.shard->shard.index + 1,
                                              run.shard->shard.count, run.shard->total_paths)
                                : "";
  out += fmt::format(
      "\n{} paths{} · seed {} · {} · {} steps/yr · {} thread{} · {:.2f} s · {:.3g} path-steps/s\n",
      run.paths, shard, run.seed, sampling_name(run.sampling), run.steps_per_year, run.threads,
      run.threads == 1 ? "" : "s", run.elapsed_s, run.path_steps_per_s);
  return out;
}

}  // namespace spendcast::report
