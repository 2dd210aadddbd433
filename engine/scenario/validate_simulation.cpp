#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <limits>

#include "scenario/render.hpp"
#include "scenario/validate.hpp"

namespace spendcast::scenario {

namespace {

constexpr std::int64_t max_paths = 10'000'000'000;
constexpr std::string_view seed_expected =
    "an integer from 0 to 18446744073709551615; above 9223372036854775807 write it as a "
    "string of digits, seed = \"18446744073709551615\"";

std::optional<std::uint64_t> read_seed(const DocValue& value, const std::string& path,
                                       Diagnostics& diagnostics) {
  if (value.is_string()) {
    const std::string& s = value.text;
    std::uint64_t seed = 0;
    const bool digits = !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), seed);
    if (!digits) {
      diagnostics.error(value.where, fmt::format("{}: invalid value (got {}; expected {})", path,
                                                 render_got(value), seed_expected));
      return std::nullopt;
    }
    if (ec != std::errc() || end != s.data() + s.size()) {
      report_range(value, path, seed_expected, diagnostics);
      return std::nullopt;
    }
    return seed;
  }
  auto n = read_integer(value, path, 0, std::numeric_limits<std::int64_t>::max(), seed_expected,
                        diagnostics);
  if (!n) return std::nullopt;
  return static_cast<std::uint64_t>(*n);
}

void read_data_spend(Build& b, const Section& data) {
  const DocValue* spend = data.require("spend", "observed spend by year, spend = { 2024 = 13.8 }");
  if (!spend) return;
  if (!spend->is_table()) {
    report_type(*spend, data.path("spend"), "a table of spend by year, { 2024 = 13.8 }",
                b.diagnostics);
    return;
  }
  for (const DocEntry& e : spend->entries) {
    const std::string path = key_path(data.path("spend"), e.key);
    auto year = parse_year_key(e.key);
    if (!year) {
      b.diagnostics.error(
          e.key_where, fmt::format("{}: not a year (got {}; expected a year from {} to {})", path,
                                   quote_raw(e.key), min_year, max_year));
      continue;
    }
    auto x = read_number(e.value, path, b.diagnostics);
    if (!x) continue;
    if (!(*x > 0)) {
      report_range(e.value, path, "spend > 0, in USD billions", b.diagnostics);
      continue;
    }
    b.spend_data[*year] = *x;
  }
}

}  // namespace

void read_data_and_simulation(Build& b) {
  Section data = b.root.sub("data");
  data.allow_only({"source", "spend", "vendors", "segments"});
  if (const DocValue* source = data.get("source"))
    if (auto text = read_string(*source, data.path("source"), b.diagnostics))
      b.spec.data_source = *text;
  read_data_spend(b, data);

  Section sim = b.root.sub("simulation");
  sim.allow_only({"base_year", "horizon", "steps_per_year", "paths", "seed", "sampling"});
  SimulationSpec& s = b.spec.simulation;
  const DocValue* base_value = sim.get("base_year");
  if (base_value) {
    auto y = read_integer(*base_value, sim.path("base_year"), min_year, max_year,
                          fmt::format("a year from {} to {}", min_year, max_year), b.diagnostics);
    if (y) {
      s.base_year = static_cast<int>(*y);
      b.base_year_ok = true;
    }
  } else if (!b.spend_data.empty()) {
    s.base_year = b.spend_data.rbegin()->first;
    b.base_year_ok = true;
  }
  const DocValue* spend_table = data.get("spend");
  if (b.base_year_ok && spend_table && spend_table->is_table() &&
      !b.spend_data.count(s.base_year)) {
    // Only when data.spend has no error of its own for that year.
    bool written = false;
    for (const DocEntry& e : spend_table->entries)
      if (parse_year_key(e.key) == s.base_year) written = true;
    if (!written) {
      std::vector<std::string> years;
      for (const auto& [y, x] : b.spend_data) years.push_back(std::to_string(y));
      b.diagnostics.error(
          spend_table->where,
          fmt::format("data.spend: no spend for base_year {} (got {}; expected "
                      "{} = ... in USD billions)",
                      s.base_year,
                      years.empty() ? std::string("no years")
                                    : fmt::format("years {}", fmt::join(years, ", ")),
                      s.base_year));
    }
  }

  if (const DocValue* horizon =
          sim.require("horizon", "the last projected year, an integer after base_year")) {
    const std::int64_t lo = b.base_year_ok ? s.base_year + 1 : min_year;
    const std::int64_t hi = b.base_year_ok ? s.base_year + 50 : max_year + 50;
    const std::string expected =
        b.base_year_ok
            ? fmt::format("a year from {} to {}: after base_year {}, at most 50 years later", lo,
                          hi, s.base_year)
            : std::string("a year after base_year");
    if (auto h = read_integer(*horizon, sim.path("horizon"), lo, hi, expected, b.diagnostics)) {
      s.horizon = static_cast<int>(*h);
      b.horizon_ok = b.base_year_ok;
    }
  }
  if (const DocValue* steps = sim.get("steps_per_year")) {
    constexpr std::string_view expected = "1, 2, 4 or 12";
    if (auto m = read_integer(*steps, sim.path("steps_per_year"), 1, 12, expected, b.diagnostics)) {
      if (*m == 1 || *m == 2 || *m == 4 || *m == 12)
        s.steps_per_year = static_cast<int>(*m);
      else
        report_range(*steps, sim.path("steps_per_year"), expected, b.diagnostics);
    }
  }
  if (const DocValue* paths = sim.get("paths")) {
    if (auto n = read_integer(*paths, sim.path("paths"), 1, max_paths,
                              "an integer from 1 to 10000000000", b.diagnostics))
      s.paths = static_cast<std::uint64_t>(*n);
  }
  if (const DocValue* seed = sim.get("seed"))
    if (auto n = read_seed(*seed, sim.path("seed"), b.diagnostics)) s.seed = *n;
  if (const DocValue* sampling = sim.get("sampling")) {
    if (auto text =
            read_string(*sampling, sim.path("sampling"), b.diagnostics, "\"mc\" or \"lhs\"")) {
      if (*text == "mc")
        s.sampling = Sampling::mc;
      else if (*text == "lhs")
        s.sampling = Sampling::lhs;
      else
        report_invalid(*sampling, sim.path("sampling"), "\"mc\" or \"lhs\"", b.diagnostics);
    }
  }

  if (b.base_year_ok && b.spend_data.count(s.base_year)) {
    b.base_spend_ok = true;
    SpendSpec& sp = b.spec.spend;
    sp.base_spend_usd_bn = b.spend_data[s.base_year];
    if (auto prev = b.spend_data.find(s.base_year - 1); prev != b.spend_data.end())
      sp.observed_growth = std::log(sp.base_spend_usd_bn / prev->second);
  }
}

}  // namespace spendcast::scenario
