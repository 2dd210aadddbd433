#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "scenario/positive_definite.hpp"
#include "scenario/render.hpp"
#include "scenario/validate.hpp"

namespace spendcast::scenario {

void read_correlations(Build& b) {
  const DocValue* list = b.root.get("correlation");
  if (!list) return;
  if (!read_array(*list, "correlation", "an array of tables, [[correlation]]", b.diagnostics))
    return;
  if (list->items.size() > max_correlations) {
    report_range(*list, "correlation", fmt::format("at most {} correlations", max_correlations),
                 b.diagnostics);
    return;
  }
  // θ names: every per-path parameter of the spec (docs/MODEL.md §1).
  std::map<std::string, bool> constant;  // name -> is constant
  std::vector<std::string> names;
  for (const ThetaRef& t : list_thetas(b.spec)) {
    constant[t.name] = t.dist->is_constant();
    names.push_back(t.name);
  }

  std::vector<std::string> rows;  // θs in the copula matrix, first-seen order
  std::vector<MatrixPair> pairs;
  std::vector<const DocValue*> pair_values;  // the entries, for positions
  std::vector<std::pair<std::string, std::string>> seen;
  std::vector<const DocValue*> seen_values;
  auto row = [&](const std::string& name) {
    auto it = std::find(rows.begin(), rows.end(), name);
    if (it != rows.end()) return static_cast<std::size_t>(it - rows.begin());
    rows.push_back(name);
    return rows.size() - 1;
  };

  for (std::size_t k = 0; k < list->items.size(); ++k) {
    const DocValue& item = list->items[k];
    const std::string path = fmt::format("correlation[{}]", k);
    if (!item.is_table()) {
      report_type(item, path, "a table, [[correlation]]", b.diagnostics);
      continue;
    }
    Section s(&item, path, item.where, b.diagnostics);
    s.allow_only({"between", "rho"});
    const DocValue* between = s.require(
        "between", "two parameter names, [\"spend.persistence\", \"vendors.persistence\"]");
    const DocValue* rho = s.require("rho", "a correlation from -1 to 1");
    bool ok = between && rho;
    // A plain double and a flag: GCC 12 warns (falsely) that an optional<double> copied
    // below may be uninitialised.
    double r = 0.0;
    if (rho) {
      const std::optional<double> read = read_number(*rho, s.path("rho"), b.diagnostics);
      const bool in_range = read && *read >= -1 && *read <= 1;
      if (read && !in_range)
        report_range(*rho, s.path("rho"), "a correlation from -1 to 1", b.diagnostics);
      if (in_range) r = *read;
      ok = ok && in_range;
    }
    if (!between) continue;
    if (!between->is_array() || between->items.size() != 2 || !between->items[0].is_string() ||
        !between->items[1].is_string()) {
      report_type(*between, s.path("between"),
                  "two parameter names, [\"spend.persistence\", \"vendors.persistence\"]",
                  b.diagnostics);
      continue;
    }
    const std::string& a = between->items[0].text;
    const std::string& c = between->items[1].text;
    bool known = true;
    for (std::size_t q = 0; q < 2; ++q) {
      const std::string& name = between->items[q].text;
      if (b.invalid_thetas.count(name)) {
        known = false;  // its own error says why
      } else if (!constant.count(name)) {
        const std::string section = name.substr(0, name.find('.'));
        if (b.failed_compositions.count(section)) {
          known = false;  // that composition's own error says why
          continue;
        }
        report_unknown_name(between->items[q].where, fmt::format("{}[{}]", s.path("between"), q),
                            "parameter", name, names, b.diagnostics);
        known = false;
      }
    }
    if (!known) continue;
    if (a == c) {
      report_range(*between, s.path("between"), "two different parameters", b.diagnostics);
      continue;
    }
    const std::pair<std::string, std::string> key = std::minmax(a, c);
    auto dup = std::find(seen.begin(), seen.end(), key);
    if (dup != seen.end()) {
      b.diagnostics.error(
          between->where,
          fmt::format(
              "{}: pair given twice (got {}; expected each pair once; "
              "first at {})",
              s.path("between"), render_got(*between),
              seen_values[static_cast<std::size_t>(dup - seen.begin())]->where.to_string()));
      continue;
    }
    seen.push_back(key);
    seen_values.push_back(between);
    if (!ok) continue;
    if (constant[a] || constant[c]) {
      b.diagnostics.warning(
          between->where,
          fmt::format("{}: ignored, {} is a constant (got {}; expected two "
                      "parameters with distributions)",
                      s.path("between"), constant[a] ? a : c, render_got(*between)));
      continue;
    }
    pairs.push_back(MatrixPair{row(a), row(c), r});
    pair_values.push_back(&item);
    b.spec.correlations.push_back(ThetaCorrelationSpec{a, c, r, item.where});
  }

  if (auto conflict = conflicting_pairs(rows.size(), 0.0, pairs)) {
    std::vector<std::string> listed;
    for (std::size_t k : *conflict)
      listed.push_back(fmt::format("{} ~ {} = {}", rows[pairs[k].i], rows[pairs[k].j],
                                   format_number(pairs[k].rho)));
    const DocValue& last = *pair_values[conflict->back()];
    b.diagnostics.error(last.find("rho")->where,
                        fmt::format("correlation: the matrix is not positive definite (got {}; "
                                    "expected correlations that can hold together: change one "
                                    "of these)",
                                    fmt::join(listed, ", ")));
  }
}

}  // namespace spendcast::scenario
