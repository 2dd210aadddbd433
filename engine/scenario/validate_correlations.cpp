#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "scenario/positive_definite.hpp"
#include "scenario/render.hpp"
#include "scenario/validate.hpp"

namespace spendcast::scenario {

namespace {

/// The θs a [[correlation]] may name: every per-path parameter of the spec
/// (docs/MODEL.md §1), and whether each is a constant.
struct Thetas {
  std::map<std::string, bool> constant;  ///< name -> is constant
  std::vector<std::string> names;        ///< in the spec's order, for messages
};

Thetas list_theta_names(const ScenarioSpec& spec) {
  Thetas thetas;
  for (const ThetaRef& t : list_thetas(spec)) {
    thetas.constant[t.name] = t.dist->is_constant();
    thetas.names.push_back(t.name);
  }
  return thetas;
}

/// The copula matrix being built: its θs (rows, in first-seen order), its pairs, and
/// every pair seen so far (including those of constants), for "given twice".
struct CopulaPairs {
  std::vector<std::string> rows;
  std::vector<MatrixPair> pairs;
  std::vector<const DocValue*> pair_values;  ///< each pair's [[correlation]], for positions
  std::vector<std::pair<std::string, std::string>> seen;
  std::vector<const DocValue*> seen_values;  ///< each seen pair's `between`

  /// The row of θ `name`, added when new.
  std::size_t row(const std::string& name) {
    auto it = std::find(rows.begin(), rows.end(), name);
    if (it != rows.end()) return static_cast<std::size_t>(it - rows.begin());
    rows.push_back(name);
    return rows.size() - 1;
  }
};

/// True when `rho` is a correlation, then stored in `r`; reported when it is not. (A plain
/// double and a flag: GCC 12 warns, falsely, that a copied optional<double> may be
/// uninitialised.)
bool read_rho(ValidationContext& ctx, const Section& s, const DocValue& rho, double& r) {
  const KeySpec& key = correlation_keys()["rho"];
  const std::optional<double> read = read_number(rho, s.path("rho"), ctx.diagnostics);
  const bool in_range = read && key.range.contains(*read);
  if (read && !in_range) report_range(rho, s.path("rho"), key.expected, ctx.diagnostics);
  if (in_range) r = *read;
  return in_range;
}

/// True when `between` is two strings; reported when it is not.
bool is_name_pair(ValidationContext& ctx, const Section& s, const DocValue& between) {
  if (between.is_array() && between.items.size() == 2 && between.items[0].is_string() &&
      between.items[1].is_string())
    return true;
  report_type(between, s.path("between"), correlation_keys()["between"].expected, ctx.diagnostics);
  return false;
}

/// True when both names of `between` are θs with valid values. An unknown name is
/// reported; a θ whose value (or composition) failed is not (its own error says why).
bool names_known(ValidationContext& ctx, const Section& s, const DocValue& between,
                 const Thetas& thetas) {
  bool known = true;
  for (std::size_t q = 0; q < 2; ++q) {
    const std::string& name = between.items[q].text;
    if (ctx.invalid_thetas.count(name)) {
      known = false;
    } else if (!thetas.constant.count(name)) {
      known = false;
      if (ctx.failed_compositions.count(name.substr(0, name.find('.')))) continue;
      report_unknown_name(between.items[q].where, fmt::format("{}[{}]", s.path("between"), q),
                          "parameter", name, thetas.names, ctx.diagnostics);
    }
  }
  return known;
}

/// True when the pair {a, c} is new (then remembered); reported when given before.
bool first_time(ValidationContext& ctx, const Section& s, const DocValue& between,
                CopulaPairs& copula) {
  const std::pair<std::string, std::string> key =
      std::minmax(between.items[0].text, between.items[1].text);
  auto dup = std::find(copula.seen.begin(), copula.seen.end(), key);
  if (dup != copula.seen.end()) {
    const DocValue& first =
        *copula.seen_values[static_cast<std::size_t>(dup - copula.seen.begin())];
    ctx.diagnostics.error(between.where, fmt::format("{}: pair given twice (got {}; expected each "
                                                     "pair once; first at {})",
                                                     s.path("between"), render_got(between),
                                                     first.where.to_string()));
    return false;
  }
  copula.seen.push_back(key);
  copula.seen_values.push_back(&between);
  return true;
}

/// Reads the [[correlation]] `item` (the k-th) into the spec and the copula's pairs.
void read_theta_correlation(ValidationContext& ctx, const DocValue& item, std::size_t k,
                            const Thetas& thetas, CopulaPairs& copula) {
  const std::string path = fmt::format("correlation[{}]", k);
  if (!item.is_table()) {
    report_type(item, path, "a table, [[correlation]]", ctx.diagnostics);
    return;
  }
  Section s(&item, path, item.where, ctx.diagnostics);
  const KeyTable& keys = correlation_keys();
  s.allow_keys_of(keys);
  const DocValue* between = s.require(keys["between"]);
  const DocValue* rho = s.require(keys["rho"]);
  double r = 0.0;
  const bool rho_ok = rho && read_rho(ctx, s, *rho, r);
  if (!between || !is_name_pair(ctx, s, *between) || !names_known(ctx, s, *between, thetas)) return;
  const std::string& a = between->items[0].text;
  const std::string& c = between->items[1].text;
  if (a == c) {
    report_range(*between, s.path("between"), "two different parameters", ctx.diagnostics);
    return;
  }
  if (!first_time(ctx, s, *between, copula) || !rho_ok) return;
  if (thetas.constant.at(a) || thetas.constant.at(c)) {
    ctx.diagnostics.warning(
        between->where,
        fmt::format("{}: ignored, {} is a constant (got {}; expected two "
                    "parameters with distributions)",
                    s.path("between"), thetas.constant.at(a) ? a : c, render_got(*between)));
    return;
  }
  copula.pairs.push_back(MatrixPair{copula.row(a), copula.row(c), r});
  copula.pair_values.push_back(&item);
  ctx.spec.correlations.push_back(ThetaCorrelationSpec{a, c, r, item.where});
}

/// Reports the pairs that keep the copula matrix from being positive definite, if any.
void check_positive_definite(ValidationContext& ctx, const CopulaPairs& copula) {
  auto conflict = conflicting_pairs(copula.rows.size(), 0.0, copula.pairs);
  if (!conflict) return;
  std::vector<std::string> listed;
  for (std::size_t k : *conflict)
    listed.push_back(fmt::format("{} ~ {} = {}", copula.rows[copula.pairs[k].i],
                                 copula.rows[copula.pairs[k].j],
                                 exact_number(copula.pairs[k].rho)));
  const DocValue& last = *copula.pair_values[conflict->back()];
  ctx.diagnostics.error(last.find("rho")->where,
                        fmt::format("correlation: the matrix is not positive definite (got {}; "
                                    "expected correlations that can hold together: change one "
                                    "of these)",
                                    fmt::join(listed, ", ")));
}

}  // namespace

void read_theta_correlations(ValidationContext& ctx) {
  const DocValue* list = ctx.root.get("correlation");
  if (!list) return;
  if (!read_array(*list, "correlation", root_keys()["correlation"].expected, ctx.diagnostics))
    return;
  if (list->items.size() > max_correlations) {
    report_range(*list, "correlation", fmt::format("at most {} correlations", max_correlations),
                 ctx.diagnostics);
    return;
  }
  const Thetas thetas = list_theta_names(ctx.spec);
  CopulaPairs copula;
  for (std::size_t k = 0; k < list->items.size(); ++k)
    read_theta_correlation(ctx, list->items[k], k, thetas, copula);
  check_positive_definite(ctx, copula);
}

}  // namespace spendcast::scenario
