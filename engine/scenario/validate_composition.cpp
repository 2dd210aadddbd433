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

YearShares read_year(Build& b, const DocValue& value, const std::string& path, bool base_year) {
  YearShares out;
  if (!value.is_table()) {
    report_type(value, path, "a table of shares, { Name = 0.25, ... }", b.diagnostics);
    out.ok = false;
    return out;
  }
  if (value.entries.size() > max_categories) {
    report_range(value, path, fmt::format("at most {} categories", max_categories), b.diagnostics);
    out.ok = false;
    return out;
  }
  double sum = 0.0;
  for (const DocEntry& e : value.entries) {
    const std::string p = key_path(path, e.key);
    if (!is_identifier(e.key)) {
      b.diagnostics.error(e.key_where, fmt::format("{}: invalid name (got {}; expected letters, "
                                                   "digits, '_' and '-')",
                                                   p, quote_raw(e.key)));
      out.ok = false;
      continue;
    }
    auto x = read_number(e.value, p, b.diagnostics);
    if (!x) {
      out.ok = false;
      continue;
    }
    if (base_year && !(*x > 0 && *x <= 1)) {
      report_range(e.value, p,
                   "a share in (0, 1]: a category without a base-year share is an entrant",
                   b.diagnostics);
      out.ok = false;
      continue;
    }
    if (!base_year && !(*x >= 0 && *x <= 1)) {
      report_range(e.value, p, "a share in [0, 1]", b.diagnostics);
      out.ok = false;
      continue;
    }
    out.shares.emplace_back(e.key, *x);
    sum += *x;
  }
  if (out.ok && sum > 1.0 + share_tolerance) {
    b.diagnostics.error(value.where, fmt::format("{}: shares sum to more than 1 (got a sum of {}; "
                                                 "expected at most 1)",
                                                 path, format_number(sum)));
    out.ok = false;
  }
  out.residual = std::max(0.0, 1.0 - sum);
  return out;
}

void read_correlation(Build& b, const Section& params, CompositionSpec& c) {
  Section s = params.sub("correlation");
  if (!s.present()) return;
  s.allow_only({"uniform", "pairs"});
  const std::size_t n = c.categories.size();
  std::vector<std::string> names;
  for (const auto& cat : c.categories) names.push_back(cat.name);
  constexpr std::string_view rho_expected = "a correlation from -1 to 1";
  double base = 0.0;
  bool ok = true;
  const DocValue* uniform = s.get("uniform");
  if (uniform) {
    auto r = read_number(*uniform, s.path("uniform"), b.diagnostics);
    if (r && !(*r >= -1 && *r <= 1)) {
      report_range(*uniform, s.path("uniform"), rho_expected, b.diagnostics);
      r.reset();
    }
    if (r)
      base = *r;
    else
      ok = false;
  }
  std::vector<MatrixPair> pairs;
  std::vector<const DocValue*> pair_values;
  if (const DocValue* list = s.get("pairs")) {
    constexpr std::string_view pair_expected = "[name, name, rho]";
    if (!read_array(*list, s.path("pairs"), "an array of [name, name, rho]", b.diagnostics)) {
      ok = false;
    } else {
      for (std::size_t k = 0; k < list->items.size(); ++k) {
        const DocValue& item = list->items[k];
        const std::string p = fmt::format("{}[{}]", s.path("pairs"), k);
        if (!item.is_array() || item.items.size() != 3 || !item.items[0].is_string() ||
            !item.items[1].is_string()) {
          report_type(item, p, pair_expected, b.diagnostics);
          ok = false;
          continue;
        }
        const int i = c.index_of(item.items[0].text), j = c.index_of(item.items[1].text);
        bool item_ok = true;
        for (int q = 0; q < 2; ++q) {
          if ((q == 0 ? i : j) < 0) {
            report_unknown_name(item.items[q].where, fmt::format("{}[{}]", p, q), singular(c.kind),
                                item.items[q].text, names, b.diagnostics);
            item_ok = false;
          }
        }
        auto r = read_number(item.items[2], fmt::format("{}[2]", p), b.diagnostics);
        if (r && !(*r >= -1 && *r <= 1)) {
          report_range(item.items[2], fmt::format("{}[2]", p), rho_expected, b.diagnostics);
          r.reset();
        }
        if (!r) item_ok = false;
        if (item_ok && i == j) {
          report_range(item, p, "two different names", b.diagnostics);
          item_ok = false;
        }
        if (item_ok) {
          for (std::size_t q = 0; q < pairs.size(); ++q) {
            const auto& other = pairs[q];
            if ((other.i == static_cast<std::size_t>(i) &&
                 other.j == static_cast<std::size_t>(j)) ||
                (other.i == static_cast<std::size_t>(j) &&
                 other.j == static_cast<std::size_t>(i))) {
              b.diagnostics.error(
                  item.where, fmt::format("{}: pair given twice (got {}; expected "
                                          "each pair once; first at {})",
                                          p, render_got(item), pair_values[q]->where.to_string()));
              item_ok = false;
              break;
            }
          }
        }
        if (!item_ok) {
          ok = false;
          continue;
        }
        pairs.push_back(MatrixPair{static_cast<std::size_t>(i), static_cast<std::size_t>(j), *r});
        pair_values.push_back(&item);
      }
    }
  }
  if (!ok || (base == 0.0 && pairs.empty())) return;
  if (auto conflict = conflicting_pairs(n, base, pairs)) {
    if (conflict->empty()) {
      const double bound = n > 1 ? -1.0 / static_cast<double>(n - 1) : -1.0;
      report_range(*uniform, s.path("uniform"),
                   fmt::format("a value in ({:.4g}, 1) for a positive definite matrix over {} "
                               "{}s",
                               bound, n, singular(c.kind)),
                   b.diagnostics);
      return;
    }
    std::vector<std::string> listed;
    for (std::size_t k : *conflict)
      listed.push_back(fmt::format("{} ~ {} = {}", names[pairs[k].i], names[pairs[k].j],
                                   format_number(pairs[k].rho)));
    const DocValue& last = *pair_values[conflict->back()];
    b.diagnostics.error(
        last.where,
        fmt::format("{}: the correlation matrix is not positive definite (got {}{}; expected "
                    "correlations that can hold together: change one of these)",
                    s.path("pairs"), fmt::join(listed, ", "),
                    uniform ? fmt::format(" with uniform = {}", format_number(base)) : ""));
    return;
  }
  c.shock_correlation.assign(n * n, base);
  for (std::size_t k = 0; k < n; ++k) c.shock_correlation[k * n + k] = 1.0;
  for (const auto& p : pairs)
    c.shock_correlation[p.i * n + p.j] = c.shock_correlation[p.j * n + p.i] = p.rho;
}

void read_named(Build& b, const Section& params, const std::string& key, CompositionSpec& c,
                std::vector<NamedDist>& out) {
  Section s = params.sub(key);
  if (!s.present()) return;
  std::vector<std::string> names;
  for (const auto& cat : c.categories) names.push_back(cat.name);
  for (const DocEntry& e : s.table()->entries) {
    const std::string name = s.path(e.key);
    if (c.index_of(e.key) < 0) {
      report_unknown_name(e.key_where, name, singular(c.kind), e.key, names, b.diagnostics);
      continue;
    }
    out.push_back(NamedDist{e.key, b.theta(name, e.value, any_real)});
  }
}

void read_entrants(Build& b, const Section& params, CompositionSpec& c) {
  const DocValue* list = params.get("entrants");
  if (!list) return;
  const std::string path = params.path("entrants");
  if (!read_array(*list, path, "an array of { name = ..., entry_event = ... }", b.diagnostics))
    return;
  for (std::size_t k = 0; k < list->items.size(); ++k) {
    const DocValue& item = list->items[k];
    const std::string p = fmt::format("{}[{}]", path, k);
    if (!item.is_table()) {
      report_type(item, p, "a table { name = ..., entry_event = ... }", b.diagnostics);
      continue;
    }
    Section e(&item, p, item.where, b.diagnostics);
    e.allow_only({"name", "entry_event"});
    const DocValue* name = e.require("name", "the entrant's name");
    const DocValue* event = e.require("entry_event", "the name of the [[event]] that enters it");
    std::optional<std::string> n =
        name ? read_string(*name, e.path("name"), b.diagnostics) : std::nullopt;
    std::optional<std::string> ev =
        event ? read_string(*event, e.path("entry_event"), b.diagnostics) : std::nullopt;
    if (n && !is_identifier(*n)) {
      report_invalid(*name, e.path("name"), "a name of letters, digits, '_' and '-'",
                     b.diagnostics);
      n.reset();
    }
    if (n && c.index_of(*n) >= 0) {
      report_invalid(*name, e.path("name"),
                     fmt::format("a name that is not already a {}", singular(c.kind)),
                     b.diagnostics);
      n.reset();
    }
    if (!n || !ev) continue;
    c.categories.push_back(CategorySpec{*n, 0.0, std::nullopt, true, *ev});
    b.entrants.push_back(EntrantRef{c.kind, *n, *ev, event, e.path("entry_event")});
  }
}

/// Warns about a starting momentum taken from the data that is extreme: more than 1 a year
/// in size (the share would move by a factor e a year at first), or more than ln 2 for the
/// residual Other, whose share moves whenever a report names other categories. A category
/// whose initial_momentum the scenario sets is not checked: the scenario has chosen.
void warn_extreme_momenta(Build& b, const Section& data, const CompositionSpec& c,
                          const std::map<std::string, double>& before) {
  const int y0 = b.spec.simulation.base_year;
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
    b.diagnostics.warning(
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

}  // namespace

std::optional<CompositionSpec> read_composition(Build& b, const std::string& kind) {
  Section data = b.root.sub("data").sub(kind);
  Section params = b.root.sub(kind);
  if (!data.present()) {
    if (params.present())
      b.diagnostics.error(params.where(), fmt::format("{}: no observed shares (got [{}]; "
                                                      "expected data.{} with the base year's "
                                                      "shares)",
                                                      kind, kind, kind));
    return std::nullopt;
  }
  CompositionSpec c;
  c.kind = kind;
  const int y0 = b.spec.simulation.base_year;
  std::optional<YearShares> base, prev;
  // The latest year observed before the base year: its split is carried forward when the
  // base year has none (docs/SCENARIO-FORMAT.md, "[data]").
  std::optional<YearShares> latest_before;
  int latest_year = 0;
  for (const DocEntry& e : data.table()->entries) {
    const std::string p = data.path(e.key);
    auto year = parse_year_key(e.key);
    if (!year) {
      b.diagnostics.error(e.key_where, fmt::format("{}: not a year (got {}; expected a year from "
                                                   "{} to {})",
                                                   p, quote_raw(e.key), min_year, max_year));
      continue;
    }
    const bool is_base = b.base_year_ok && *year == y0;
    const bool before = b.base_year_ok && *year < y0;
    // A year that may be carried forward is checked as a base year would be.
    YearShares shares = read_year(b, e.value, p, is_base);
    if (before && *year > latest_year) {
      latest_year = *year;
      latest_before = shares;
    }
    if (is_base) base = std::move(shares);
    if (b.base_year_ok && *year == y0 - 1) prev = std::move(shares);
  }
  if (b.base_year_ok && !base && latest_before && latest_before->ok) {
    // Keep only the positive shares: a base-year share must be positive.
    YearShares carried;
    double sum = 0.0;
    for (const auto& [name, s] : latest_before->shares)
      if (s > 0) {
        carried.shares.emplace_back(name, s);
        sum += s;
      }
    carried.residual = std::max(0.0, 1.0 - sum);
    if (!carried.shares.empty()) {
      base = std::move(carried);
      c.carried_from_year = latest_year;
      prev.reset();  // no change into the base year observed: momentum 0 (below)
    }
  }
  if (b.base_year_ok && !base) {
    std::vector<std::string> years;
    for (const DocEntry& e : data.table()->entries)
      if (parse_year_key(e.key)) years.push_back(e.key);
    b.diagnostics.error(data.where(),
                        fmt::format("{}: no shares for base_year {} (got {}; "
                                    "expected {} = {{ Name = share, ... }}, or an earlier year "
                                    "to carry forward)",
                                    data.path(), y0,
                                    years.empty() ? std::string("no years")
                                                  : fmt::format("years {}", fmt::join(years, ", ")),
                                    y0));
  }
  bool baseline_ok = base && base->ok && (!prev || prev->ok);
  std::map<std::string, double> before;  // s_i(Y0 - 1), "Other" its residual
  if (baseline_ok) {
    if (prev)
      for (const auto& [name, s] : prev->shares) before[name] = s;
    for (const auto& [name, s] : base->shares) {
      CategorySpec cat{name, s, std::nullopt, false, ""};
      if (auto it = before.find(name); it != before.end() && it->second > 0)
        cat.observed_momentum = std::log(s / it->second);
      c.categories.push_back(std::move(cat));
    }
    if (prev && !c.carried_from_year) {
      const DocValue* prev_table = data.get(std::to_string(y0 - 1));
      for (const auto& [name, s] : prev->shares) {
        if (c.index_of(name) >= 0) continue;
        const DocEntry* e = prev_table->find_entry(name);
        b.diagnostics.warning(e->value.where,
                              fmt::format("{}: ignored, not a category in base_year {} (got {}; "
                                          "expected every category of {} also in {})",
                                          key_path(data.path(std::to_string(y0 - 1)), name), y0,
                                          format_number(s), y0 - 1, y0));
      }
    }
    if (base->residual > share_tolerance) {
      if (c.index_of("Other") >= 0) {
        const int year = c.carried_from_year.value_or(y0);
        const DocValue* base_table = data.get(std::to_string(year));
        const DocEntry* e = base_table->find_entry("Other");
        b.diagnostics.error(e->key_where,
                            fmt::format("{}: name taken by the residual category (got shares "
                                        "summing to {}; expected shares that sum to 1 when "
                                        "Other is listed)",
                                        key_path(data.path(std::to_string(year)), "Other"),
                                        format_number(1.0 - base->residual)));
        baseline_ok = false;
      } else {
        CategorySpec other{"Other", base->residual, std::nullopt, false, ""};
        if (prev && prev->residual > share_tolerance) {
          other.observed_momentum = std::log(base->residual / prev->residual);
          before["Other"] = prev->residual;
        }
        c.categories.push_back(std::move(other));
      }
    }
    if (c.carried_from_year)  // the split is the same in the two years: momentum 0
      for (CategorySpec& cat : c.categories) cat.observed_momentum = 0.0;
  }

  params.allow_only(
      kind == "vendors"
          ? std::vector<std::string>{"of", "persistence", "volatility", "diversification", "drift",
                                     "initial_momentum", "correlation", "entrants"}
          : std::vector<std::string>{"persistence", "volatility", "diversification", "drift",
                                     "initial_momentum", "correlation", "entrants"});
  if (kind == "vendors")
    if (const DocValue* of = params.get("of"))
      if (auto text = read_string(*of, params.path("of"), b.diagnostics)) c.of = *text;
  c.persistence = b.required_theta(params, "persistence", kind + ".persistence", unit_interval);
  c.volatility = b.required_theta(params, "volatility", kind + ".volatility", non_negative);
  c.diversification =
      b.optional_theta(params, "diversification", kind + ".diversification", non_negative)
          .value_or(DistSpec::constant_at(0.0, params.where()));
  if (!baseline_ok) {
    b.failed_compositions.insert(kind);
    return c;
  }
  read_entrants(b, params, c);
  if (c.categories.size() > max_categories) {
    b.diagnostics.error(data.where(), fmt::format("{}: too many categories (got {}; expected at "
                                                  "most {}, Other and entrants included)",
                                                  kind, c.categories.size(), max_categories));
    return c;
  }
  read_named(b, params, "drift", c, c.drift);
  read_named(b, params, "initial_momentum", c, c.initial_momentum);
  read_correlation(b, params, c);
  warn_extreme_momenta(b, data, c, before);
  return c;
}

void check_vendors_of(Build& b) {
  if (!b.spec.vendors || !b.spec.vendors->of) return;
  const DocValue* of = b.root.sub("vendors").get("of");
  const std::string& name = *b.spec.vendors->of;
  if (!b.spec.segments) {
    b.diagnostics.error(of->where, fmt::format("vendors.of: no segments to split (got {}; "
                                               "expected data.segments and [segments], or no "
                                               "vendors.of)",
                                               quote_raw(name)));
    return;
  }
  if (b.failed_compositions.count("segments")) return;  // the segments' own errors say why
  if (b.spec.segments->index_of(name) < 0) {
    std::vector<std::string> names;
    for (const auto& c : b.spec.segments->categories) names.push_back(c.name);
    report_unknown_name(of->where, "vendors.of", "segment", name, names, b.diagnostics);
  }
}

}  // namespace spendcast::scenario
