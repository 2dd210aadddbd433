#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "scenario/positive_definite.hpp"
#include "scenario/render.hpp"
#include "scenario/validate.hpp"

namespace spendcast::scenario {

namespace {

/// One year of observed shares, checked.
struct YearShares {
  std::vector<std::pair<std::string, double>> shares;  ///< file order
  double residual = 0.0;                               ///< 1 - sum, >= 0
  bool ok = true;
};

std::string singular(const std::string& kind) {
  return kind == "vendors" ? "vendor" : "segment";
}

YearShares read_year(ValidationContext& ctx, const DocValue& value, const std::string& path,
                     bool base_year) {
  YearShares out;
  if (!value.is_table()) {
    report_type(value, path, "a table of shares, { Name = 0.25, ... }", ctx.diagnostics);
    out.ok = false;
    return out;
  }
  if (value.entries.size() > max_categories) {
    report_range(value, path, fmt::format("at most {} categories", max_categories),
                 ctx.diagnostics);
    out.ok = false;
    return out;
  }
  double sum = 0.0;
  for (const DocEntry& e : value.entries) {
    const std::string p = key_path(path, e.key);
    if (!is_identifier(e.key)) {
      ctx.diagnostics.error(e.key_where, fmt::format("{}: invalid name (got {}; expected letters, "
                                                     "digits, '_' and '-')",
                                                     p, quote_raw(e.key)));
      out.ok = false;
      continue;
    }
    auto x = read_number(e.value, p, ctx.diagnostics);
    if (!x) {
      out.ok = false;
      continue;
    }
    if (base_year && !(*x > 0 && *x <= 1)) {
      report_range(e.value, p,
                   "a share in (0, 1]: a category without a base-year share is an entrant",
                   ctx.diagnostics);
      out.ok = false;
      continue;
    }
    if (!base_year && !(*x >= 0 && *x <= 1)) {
      report_range(e.value, p, "a share in [0, 1]", ctx.diagnostics);
      out.ok = false;
      continue;
    }
    out.shares.emplace_back(e.key, *x);
    sum += *x;
  }
  if (out.ok && sum > 1.0 + share_tolerance) {
    ctx.diagnostics.error(value.where,
                          fmt::format("{}: shares sum to more than 1 (got a sum of {}; "
                                      "expected at most 1)",
                                      path, exact_number(sum)));
    out.ok = false;
  }
  out.residual = std::max(0.0, 1.0 - sum);
  return out;
}

/// Reads one entry of a composition correlation's `pairs`, [a, b, rho], at `path`: two
/// different categories, rho a correlation, a pair not given before. False when reported.
bool read_rho_pair(ValidationContext& ctx, const DocValue& item, const std::string& path,
                   const CompositionSpec& c, std::vector<MatrixPair>& pairs,
                   std::vector<const DocValue*>& pair_values) {
  const KeySpec& key = composition_correlation_keys()["pairs"];
  if (!item.is_array() || item.items.size() != 3 || !item.items[0].is_string() ||
      !item.items[1].is_string()) {
    report_type(item, path, "[name, name, rho]", ctx.diagnostics);
    return false;
  }
  std::vector<std::string> names;
  for (const auto& cat : c.categories) names.push_back(cat.name);
  const int i = c.index_of(item.items[0].text), j = c.index_of(item.items[1].text);
  bool ok = true;
  for (int q = 0; q < 2; ++q) {
    if ((q == 0 ? i : j) < 0) {
      report_unknown_name(item.items[q].where, fmt::format("{}[{}]", path, q), singular(c.kind),
                          item.items[q].text, names, ctx.diagnostics);
      ok = false;
    }
  }
  auto r = read_number(item.items[2], fmt::format("{}[2]", path), ctx.diagnostics);
  if (r && !key.range.contains(*r)) {
    report_range(item.items[2], fmt::format("{}[2]", path),
                 composition_correlation_keys()["uniform"].expected, ctx.diagnostics);
    r.reset();
  }
  if (!r || !ok) return false;
  if (i == j) {
    report_range(item, path, "two different names", ctx.diagnostics);
    return false;
  }
  const auto ui = static_cast<std::size_t>(i), uj = static_cast<std::size_t>(j);
  for (std::size_t q = 0; q < pairs.size(); ++q) {
    if ((pairs[q].i == ui && pairs[q].j == uj) || (pairs[q].i == uj && pairs[q].j == ui)) {
      ctx.diagnostics.error(item.where,
                            fmt::format("{}: pair given twice (got {}; expected "
                                        "each pair once; first at {})",
                                        path, render_got(item), pair_values[q]->where.to_string()));
      return false;
    }
  }
  pairs.push_back(MatrixPair{ui, uj, *r});
  pair_values.push_back(&item);
  return true;
}

/// Reads `pairs` of a composition's correlation, [[a, b, rho], ...]. False when any entry
/// was reported.
bool read_rho_pairs(ValidationContext& ctx, const Section& s, const CompositionSpec& c,
                    std::vector<MatrixPair>& pairs, std::vector<const DocValue*>& pair_values) {
  const DocValue* list = s.get("pairs");
  if (!list) return true;
  if (!read_array(*list, s.path("pairs"), composition_correlation_keys()["pairs"].expected,
                  ctx.diagnostics))
    return false;
  bool ok = true;
  for (std::size_t k = 0; k < list->items.size(); ++k)
    ok = read_rho_pair(ctx, list->items[k], fmt::format("{}[{}]", s.path("pairs"), k), c, pairs,
                       pair_values) &&
         ok;
  return ok;
}

/// Reads a composition's `correlation` (of its categories' share shocks) into
/// c.shock_correlation, checking that the matrix is positive definite.
void read_shock_correlation(ValidationContext& ctx, const Section& params, CompositionSpec& c) {
  Section s = params.sub("correlation");
  if (!s.present()) return;
  const KeyTable& keys = composition_correlation_keys();
  s.allow_keys_of(keys);
  const std::size_t n = c.categories.size();
  std::vector<std::string> names;
  for (const auto& cat : c.categories) names.push_back(cat.name);
  const ValueRange& rho_range = keys["uniform"].range;
  const std::string_view rho_expected = keys["uniform"].expected;
  double base = 0.0;
  bool ok = true;
  const DocValue* uniform = s.get("uniform");
  if (uniform) {
    auto r = read_number(*uniform, s.path("uniform"), ctx.diagnostics);
    if (r && !rho_range.contains(*r)) {
      report_range(*uniform, s.path("uniform"), rho_expected, ctx.diagnostics);
      r.reset();
    }
    if (r)
      base = *r;
    else
      ok = false;
  }
  std::vector<MatrixPair> pairs;
  std::vector<const DocValue*> pair_values;
  if (!read_rho_pairs(ctx, s, c, pairs, pair_values)) ok = false;
  if (!ok || (base == 0.0 && pairs.empty())) return;
  if (auto conflict = conflicting_pairs(n, base, pairs)) {
    if (conflict->empty()) {
      const double bound = n > 1 ? -1.0 / static_cast<double>(n - 1) : -1.0;
      report_range(*uniform, s.path("uniform"),
                   fmt::format("a value in ({:.4g}, 1) for a positive definite matrix over {} "
                               "{}s",
                               bound, n, singular(c.kind)),
                   ctx.diagnostics);
      return;
    }
    std::vector<std::string> listed;
    for (std::size_t k : *conflict)
      listed.push_back(fmt::format("{} ~ {} = {}", names[pairs[k].i], names[pairs[k].j],
                                   exact_number(pairs[k].rho)));
    const DocValue& last = *pair_values[conflict->back()];
    ctx.diagnostics.error(
        last.where,
        fmt::format("{}: the correlation matrix is not positive definite (got {}{}; expected "
                    "correlations that can hold together: change one of these)",
                    s.path("pairs"), fmt::join(listed, ", "),
                    uniform ? fmt::format(" with uniform = {}", exact_number(base)) : ""));
    return;
  }
  c.shock_correlation.assign(n * n, base);
  for (std::size_t k = 0; k < n; ++k) c.shock_correlation[k * n + k] = 1.0;
  for (const auto& p : pairs)
    c.shock_correlation[p.i * n + p.j] = c.shock_correlation[p.j * n + p.i] = p.rho;
}

void read_named(ValidationContext& ctx, const Section& params, const KeySpec& key,
                CompositionSpec& c, std::vector<NamedDist>& out) {
  Section s = params.sub(key.key);
  if (!s.present()) return;
  std::vector<std::string> names;
  for (const auto& cat : c.categories) names.push_back(cat.name);
  for (const DocEntry& e : s.table()->entries) {
    const std::string name = s.path(e.key);
    if (c.index_of(e.key) < 0) {
      report_unknown_name(e.key_where, name, singular(c.kind), e.key, names, ctx.diagnostics);
      continue;
    }
    out.push_back(NamedDist{e.key, ctx.theta(name, e.value, key.range)});
  }
}

void read_entrants(ValidationContext& ctx, const Section& params, CompositionSpec& c) {
  const DocValue* list = params.get("entrants");
  if (!list) return;
  const std::string path = params.path("entrants");
  if (!read_array(*list, path, "an array of { name = ..., entry_event = ... }", ctx.diagnostics))
    return;
  for (std::size_t k = 0; k < list->items.size(); ++k) {
    const DocValue& item = list->items[k];
    const std::string p = fmt::format("{}[{}]", path, k);
    if (!item.is_table()) {
      report_type(item, p, "a table { name = ..., entry_event = ... }", ctx.diagnostics);
      continue;
    }
    Section e(&item, p, item.where, ctx.diagnostics);
    e.allow_keys_of(entrant_keys());
    const DocValue* name = e.require(entrant_keys()["name"]);
    const DocValue* event = e.require(entrant_keys()["entry_event"]);
    std::optional<std::string> n =
        name ? read_string(*name, e.path("name"), ctx.diagnostics) : std::nullopt;
    std::optional<std::string> ev =
        event ? read_string(*event, e.path("entry_event"), ctx.diagnostics) : std::nullopt;
    if (n && !is_identifier(*n)) {
      report_invalid(*name, e.path("name"), "a name of letters, digits, '_' and '-'",
                     ctx.diagnostics);
      n.reset();
    }
    if (n && c.index_of(*n) >= 0) {
      report_invalid(*name, e.path("name"),
                     fmt::format("a name that is not already a {}", singular(c.kind)),
                     ctx.diagnostics);
      n.reset();
    }
    if (!n || !ev) continue;
    c.categories.push_back(CategorySpec{*n, 0.0, std::nullopt, true, *ev});
    ctx.entrants.push_back(EntrantRef{c.kind, *n, *ev, event, e.path("entry_event")});
  }
}

/// Warns about a starting momentum taken from the data that is extreme: more than 1 a year
/// in size (the share would move by a factor e a year at first), or more than ln 2 for the
/// residual Other, whose share moves whenever a report names other categories. A category
/// whose initial_momentum the scenario sets is not checked: the scenario has chosen.
void warn_extreme_momenta(ValidationContext& ctx, const Section& data, const CompositionSpec& c,
                          const std::map<std::string, double>& before) {
  const int y0 = ctx.spec.simulation.base_year;
  const DocValue* base_table = data.get(std::to_string(y0));
  if (!base_table) return;
  // A residual is 1 - sum: printed to 4 significant digits, not with its rounding noise.
  const auto share = [](double x) { return fmt::format("{:.4g}", x); };
  for (const CategorySpec& cat : c.categories) {
    if (cat.entrant || !cat.observed_momentum) continue;
    const bool chosen = std::any_of(c.initial_momentum.begin(), c.initial_momentum.end(),
                                    [&](const NamedDist& m) { return m.name == cat.name; });
    const auto prev = before.find(cat.name);
    if (chosen || prev == before.end()) continue;
    const bool residual = cat.name == "Other" && !base_table->find_entry("Other");
    const double limit = residual ? std::log(2.0) : extreme_momentum;
    const double mu = *cat.observed_momentum;
    if (!(std::abs(mu) > limit)) continue;
    const DocEntry* entry = base_table->find_entry(cat.name);
    ctx.diagnostics.warning(
        entry ? entry->value.where : base_table->where,
        fmt::format("{}: extreme starting momentum (got ln({} / {}) = {:.2f} a year, the share "
                    "going from {} in {} to {} in {}; expected at most {:.2g} in size{}: set "
                    "{}.initial_momentum.{} to choose one)",
                    key_path(data.path(std::to_string(y0)), cat.name), share(cat.base_share),
                    share(prev->second), mu, share(prev->second), y0 - 1, share(cat.base_share), y0,
                    limit,
                    residual ? " for the residual Other, whose share moves whenever the data "
                               "name other categories"
                             : "",
                    c.kind, cat.name));
  }
}

/// The observed years of a composition that the baseline uses.
struct ObservedYears {
  std::optional<YearShares> base;  ///< Y0's shares (or the split carried forward)
  std::optional<YearShares> prev;  ///< Y0 - 1's shares
  /// The latest year observed before the base year: its split is carried forward when the
  /// base year has none (docs/SCENARIO-FORMAT.md, "[data]").
  std::optional<YearShares> latest_before;
  int latest_year = 0;  ///< that year
};

/// Reads every year of data.<kind>, each checked (a year that may be carried forward as a
/// base year would be).
ObservedYears read_observed_years(ValidationContext& ctx, const Section& data) {
  const int y0 = ctx.spec.simulation.base_year;
  ObservedYears years;
  for (const DocEntry& e : data.table()->entries) {
    const std::string p = data.path(e.key);
    auto year = parse_year_key(e.key);
    if (!year) {
      ctx.diagnostics.error(e.key_where, fmt::format("{}: not a year (got {}; expected a year from "
                                                     "{} to {})",
                                                     p, quote_raw(e.key), min_year, max_year));
      continue;
    }
    const bool is_base = ctx.base_year_ok && *year == y0;
    const bool before = ctx.base_year_ok && *year < y0;
    YearShares shares = read_year(ctx, e.value, p, is_base);
    if (before && *year > years.latest_year) {
      years.latest_year = *year;
      years.latest_before = shares;
    }
    if (is_base) years.base = std::move(shares);
    if (ctx.base_year_ok && *year == y0 - 1) years.prev = std::move(shares);
  }
  return years;
}

/// Without shares for the base year, the latest earlier year's positive shares become the
/// base year's (then no change into the base year is observed: no previous year).
void carry_forward(const ValidationContext& ctx, ObservedYears& years, CompositionSpec& c) {
  if (!ctx.base_year_ok || years.base || !years.latest_before || !years.latest_before->ok) return;
  YearShares carried;
  double sum = 0.0;
  for (const auto& [name, s] : years.latest_before->shares)
    if (s > 0) {
      carried.shares.emplace_back(name, s);
      sum += s;
    }
  carried.residual = std::max(0.0, 1.0 - sum);
  if (carried.shares.empty()) return;
  years.base = std::move(carried);
  c.carried_from_year = years.latest_year;
  years.prev.reset();  // momentum 0 (categories_from_data)
}

/// Reports that data.<kind> has no shares for the base year, listing the years it has.
void report_no_base_year(ValidationContext& ctx, const Section& data) {
  const int y0 = ctx.spec.simulation.base_year;
  std::vector<std::string> years;
  for (const DocEntry& e : data.table()->entries)
    if (parse_year_key(e.key)) years.push_back(e.key);
  ctx.diagnostics.error(data.where(),
                        fmt::format("{}: no shares for base_year {} (got {}; "
                                    "expected {} = {{ Name = share, ... }}, or an earlier year "
                                    "to carry forward)",
                                    data.path(), y0,
                                    years.empty() ? std::string("no years")
                                                  : fmt::format("years {}", fmt::join(years, ", ")),
                                    y0));
}

/// Warns about each category observed in Y0 - 1 but not in the base year (ignored).
void warn_ignored_previous(ValidationContext& ctx, const Section& data, const YearShares& prev,
                           const CompositionSpec& c) {
  const int y0 = ctx.spec.simulation.base_year;
  const DocValue* prev_table = data.get(std::to_string(y0 - 1));
  for (const auto& [name, s] : prev.shares) {
    if (c.index_of(name) >= 0) continue;
    const DocEntry* e = prev_table->find_entry(name);
    ctx.diagnostics.warning(e->value.where,
                            fmt::format("{}: ignored, not a category in base_year {} (got {}; "
                                        "expected every category of {} also in {})",
                                        key_path(data.path(std::to_string(y0 - 1)), name), y0,
                                        exact_number(s), y0 - 1, y0));
  }
}

/// Adds the residual category Other (1 - the base-year sum) when there is a residual;
/// false (reported) when the data list an Other of their own beside a residual.
bool add_residual_other(ValidationContext& ctx, const Section& data, const ObservedYears& years,
                        CompositionSpec& c, std::map<std::string, double>& before) {
  const YearShares& base = *years.base;
  if (!(base.residual > share_tolerance)) return true;
  if (c.index_of("Other") >= 0) {
    const int year = c.carried_from_year.value_or(ctx.spec.simulation.base_year);
    const DocEntry* e = data.get(std::to_string(year))->find_entry("Other");
    ctx.diagnostics.error(e->key_where,
                          fmt::format("{}: name taken by the residual category (got shares "
                                      "summing to {}; expected shares that sum to 1 when "
                                      "Other is listed)",
                                      key_path(data.path(std::to_string(year)), "Other"),
                                      exact_number(1.0 - base.residual)));
    return false;
  }
  CategorySpec other{"Other", base.residual, std::nullopt, false, ""};
  if (years.prev && years.prev->residual > share_tolerance) {
    other.observed_momentum = std::log(base.residual / years.prev->residual);
    before["Other"] = years.prev->residual;
  }
  c.categories.push_back(std::move(other));
  return true;
}

/// The categories of the base year (then Other), with their observed momenta
/// ln(s(Y0) / s(Y0 - 1)); `before` gets s(Y0 - 1) by name. False when the baseline
/// cannot be established (the cause reported).
bool categories_from_data(ValidationContext& ctx, const Section& data, const ObservedYears& years,
                          CompositionSpec& c, std::map<std::string, double>& before) {
  const std::optional<YearShares>& base = years.base;
  const std::optional<YearShares>& prev = years.prev;
  if (!base || !base->ok || (prev && !prev->ok)) return false;
  if (prev)
    for (const auto& [name, s] : prev->shares) before[name] = s;
  for (const auto& [name, s] : base->shares) {
    CategorySpec cat{name, s, std::nullopt, false, ""};
    if (auto it = before.find(name); it != before.end() && it->second > 0)
      cat.observed_momentum = std::log(s / it->second);
    c.categories.push_back(std::move(cat));
  }
  if (prev && !c.carried_from_year) warn_ignored_previous(ctx, data, *prev, c);
  const bool ok = add_residual_other(ctx, data, years, c, before);
  if (c.carried_from_year)  // the split is the same in the two years: momentum 0
    for (CategorySpec& cat : c.categories) cat.observed_momentum = 0.0;
  return ok;
}

/// Reads [<kind>]'s own parameters: of (vendors only), persistence, volatility,
/// diversification.
void read_parameters(ValidationContext& ctx, const Section& params, const KeyTable& keys,
                     CompositionSpec& c) {
  params.allow_keys_of(keys);
  if (c.kind == "vendors")
    if (const DocValue* of = params.get("of"))
      if (auto text = read_string(*of, params.path("of"), ctx.diagnostics)) c.of = *text;
  c.persistence = ctx.required_theta(params, keys["persistence"]);
  c.volatility = ctx.required_theta(params, keys["volatility"]);
  c.diversification = ctx.optional_theta(params, keys["diversification"])
                          .value_or(DistSpec::constant_at(0.0, params.where()));
}

}  // namespace

std::optional<CompositionSpec> read_composition(ValidationContext& ctx, const std::string& kind) {
  Section data = ctx.root.sub("data").sub(kind);
  Section params = ctx.root.sub(kind);
  if (!data.present()) {
    if (params.present())
      ctx.diagnostics.error(params.where(), fmt::format("{}: no observed shares (got [{}]; "
                                                        "expected data.{} with the base year's "
                                                        "shares)",
                                                        kind, kind, kind));
    return std::nullopt;
  }
  CompositionSpec c;
  c.kind = kind;
  ObservedYears years = read_observed_years(ctx, data);
  carry_forward(ctx, years, c);
  if (ctx.base_year_ok && !years.base) report_no_base_year(ctx, data);
  std::map<std::string, double> before;  // s_i(Y0 - 1), "Other" its residual
  const bool baseline_ok = categories_from_data(ctx, data, years, c, before);
  const KeyTable& keys = composition_keys(kind);
  read_parameters(ctx, params, keys, c);
  if (!baseline_ok) {
    ctx.failed_compositions.insert(kind);
    return c;
  }
  read_entrants(ctx, params, c);
  if (c.categories.size() > max_categories) {
    ctx.diagnostics.error(data.where(), fmt::format("{}: too many categories (got {}; expected at "
                                                    "most {}, Other and entrants included)",
                                                    kind, c.categories.size(), max_categories));
    return c;
  }
  read_named(ctx, params, keys["drift"], c, c.drift);
  read_named(ctx, params, keys["initial_momentum"], c, c.initial_momentum);
  read_shock_correlation(ctx, params, c);
  warn_extreme_momenta(ctx, data, c, before);
  return c;
}

void check_vendors_of(ValidationContext& ctx) {
  if (!ctx.spec.vendors || !ctx.spec.vendors->of) return;
  const DocValue* of = ctx.root.sub("vendors").get("of");
  const std::string& name = *ctx.spec.vendors->of;
  if (!ctx.spec.segments) {
    ctx.diagnostics.error(of->where, fmt::format("vendors.of: no segments to split (got {}; "
                                                 "expected data.segments and [segments], or no "
                                                 "vendors.of)",
                                                 quote_raw(name)));
    return;
  }
  if (ctx.failed_compositions.count("segments")) return;  // the segments' own errors say why
  if (ctx.spec.segments->index_of(name) < 0) {
    std::vector<std::string> names;
    for (const auto& c : ctx.spec.segments->categories) names.push_back(c.name);
    report_unknown_name(of->where, "vendors.of", "segment", name, names, ctx.diagnostics);
  }
}

}  // namespace spendcast::scenario
