#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <limits>

#include "scenario/render.hpp"
#include "scenario/validate.hpp"

namespace spendcast::scenario {

namespace {

std::optional<std::uint64_t> read_seed(const DocValue& value, const std::string& path,
                                       Diagnostics& diagnostics) {
  const std::string_view seed_expected = simulation_keys()["seed"].expected;
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

void read_data_spend(ValidationContext& ctx, const Section& data) {
  const KeySpec& key = data_keys()["spend"];
  const DocValue* spend = data.require(key);
  if (!spend) return;
  if (!spend->is_table()) {
    report_type(*spend, data.path("spend"), "a table of spend by year, { 2024 = 13.8 }",
                ctx.diagnostics);
    return;
  }
  for (const DocEntry& e : spend->entries) {
    const std::string path = key_path(data.path("spend"), e.key);
    auto year = parse_year_key(e.key);
    if (!year) {
      ctx.diagnostics.error(
          e.key_where, fmt::format("{}: not a year (got {}; expected a year from {} to {})", path,
                                   quote_raw(e.key), min_year, max_year));
      continue;
    }
    auto x = read_number(e.value, path, ctx.diagnostics);
    if (!x) continue;
    if (!key.range.contains(*x)) {
      report_range(e.value, path, "spend > 0, in USD billions", ctx.diagnostics);
      continue;
    }
    ctx.spend_data[*year] = *x;
  }
}

/// Reads simulation.base_year; without it, the last year of data.spend.
void read_base_year(ValidationContext& ctx, const Section& sim, const KeyTable& keys) {
  SimulationSpec& s = ctx.spec.simulation;
  const DocValue* base_value = sim.get("base_year");
  if (base_value) {
    auto y = read_integer(*base_value, sim.path("base_year"), keys["base_year"].range,
                          keys["base_year"].expected, ctx.diagnostics);
    if (y) {
      s.base_year = static_cast<int>(*y);
      ctx.base_year_ok = true;
    }
  } else if (!ctx.spend_data.empty()) {
    s.base_year = ctx.spend_data.rbegin()->first;
    ctx.base_year_ok = true;
  }
}

/// Reports a base year that data.spend does not give (unless that year's entry has an
/// error of its own).
void check_base_year_spend(ValidationContext& ctx, const Section& data) {
  const SimulationSpec& s = ctx.spec.simulation;
  const DocValue* spend_table = data.get("spend");
  if (ctx.base_year_ok && spend_table && spend_table->is_table() &&
      !ctx.spend_data.count(s.base_year)) {
    bool written = false;
    for (const DocEntry& e : spend_table->entries)
      if (parse_year_key(e.key) == s.base_year) written = true;
    if (!written) {
      std::vector<std::string> years;
      for (const auto& [y, x] : ctx.spend_data) years.push_back(std::to_string(y));
      ctx.diagnostics.error(
          spend_table->where,
          fmt::format("data.spend: no spend for base_year {} (got {}; expected "
                      "{} = ... in USD billions)",
                      s.base_year,
                      years.empty() ? std::string("no years")
                                    : fmt::format("years {}", fmt::join(years, ", ")),
                      s.base_year));
    }
  }
}

/// Reads simulation.horizon: after base_year, at most 50 years later.
void read_horizon(ValidationContext& ctx, const Section& sim, const KeyTable& keys) {
  SimulationSpec& s = ctx.spec.simulation;
  if (const DocValue* horizon = sim.require(keys["horizon"])) {
    const std::int64_t lo = ctx.base_year_ok ? s.base_year + 1 : min_year;
    const std::int64_t hi = ctx.base_year_ok ? s.base_year + 50 : max_year + 50;
    const std::string expected =
        ctx.base_year_ok
            ? fmt::format("a year from {} to {}: after base_year {}, at most 50 years later", lo,
                          hi, s.base_year)
            : std::string("a year after base_year");
    if (auto h = read_integer(*horizon, sim.path("horizon"), lo, hi, expected, ctx.diagnostics)) {
      s.horizon = static_cast<int>(*h);
      ctx.horizon_ok = ctx.base_year_ok;
    }
  }
}

/// Reads steps_per_year, paths, seed and sampling.
void read_run_settings(ValidationContext& ctx, const Section& sim, const KeyTable& keys) {
  SimulationSpec& s = ctx.spec.simulation;
  if (const DocValue* steps = sim.get("steps_per_year")) {
    const KeySpec& key = keys["steps_per_year"];
    if (auto m = read_integer(*steps, sim.path("steps_per_year"), 1, 12, key.expected,
                              ctx.diagnostics)) {
      if (is_choice(key, std::to_string(*m)))
        s.steps_per_year = static_cast<int>(*m);
      else
        report_range(*steps, sim.path("steps_per_year"), key.expected, ctx.diagnostics);
    }
  }
  if (const DocValue* paths = sim.get("paths")) {
    if (auto n = read_integer(*paths, sim.path("paths"), keys["paths"].range,
                              keys["paths"].expected, ctx.diagnostics))
      s.paths = static_cast<std::uint64_t>(*n);
  }
  if (const DocValue* seed = sim.get("seed"))
    if (auto n = read_seed(*seed, sim.path("seed"), ctx.diagnostics)) s.seed = *n;
  if (const DocValue* sampling = sim.get("sampling")) {
    const KeySpec& key = keys["sampling"];
    if (auto text = read_string(*sampling, sim.path("sampling"), ctx.diagnostics, key.expected)) {
      if (!is_choice(key, *text))
        report_invalid(*sampling, sim.path("sampling"), key.expected, ctx.diagnostics);
      else
        s.sampling = *text == "lhs" ? Sampling::lhs : Sampling::mc;
    }
  }
}

/// D(Y0) and, when Y0 - 1 is observed, the observed growth ln(D(Y0) / D(Y0 - 1)).
void derive_base_spend(ValidationContext& ctx) {
  const SimulationSpec& s = ctx.spec.simulation;
  if (ctx.base_year_ok && ctx.spend_data.count(s.base_year)) {
    ctx.base_spend_ok = true;
    SpendSpec& sp = ctx.spec.spend;
    sp.base_spend_usd_bn = ctx.spend_data[s.base_year];
    if (auto prev = ctx.spend_data.find(s.base_year - 1); prev != ctx.spend_data.end())
      sp.observed_growth = std::log(sp.base_spend_usd_bn / prev->second);
  }
}

}  // namespace

void read_data_and_simulation(ValidationContext& ctx) {
  Section data = ctx.root.sub("data");
  data.allow_keys_of(data_keys());
  if (const DocValue* source = data.get("source"))
    if (auto text = read_string(*source, data.path("source"), ctx.diagnostics))
      ctx.spec.data_source = *text;
  read_data_spend(ctx, data);

  Section sim = ctx.root.sub("simulation");
  const KeyTable& keys = simulation_keys();
  sim.allow_keys_of(keys);
  read_base_year(ctx, sim, keys);
  check_base_year_spend(ctx, data);
  read_horizon(ctx, sim, keys);
  read_run_settings(ctx, sim, keys);
  derive_base_spend(ctx);
}

}  // namespace spendcast::scenario
