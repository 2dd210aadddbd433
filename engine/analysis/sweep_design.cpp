#include "analysis/sweep_design.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <limits>
#include <set>

#include "scenario/load.hpp"
#include "scenario/render.hpp"
#include "util/trim.hpp"

namespace spendcast::analysis {

namespace {

/// A ScenarioError with one error at `origin` (already printable).
scenario::ScenarioError error_at(std::string origin, std::string message) {
  scenario::Diagnostic d;
  d.where.origin = std::move(origin);
  d.message = scenario::printable(message);  // it quotes the user's text
  return scenario::ScenarioError(std::vector<scenario::Diagnostic>{std::move(d)});
}

scenario::ScenarioError vary_error(const SweepFactor& factor, std::string message) {
  return error_at(factor.origin(), std::move(message));
}

/// Keys every variant shares: the sweep runs them all on the same paths with one seed.
bool shared_key(std::string_view key) {
  return key == "simulation.paths" || key == "simulation.seed";
}

/// `diagnostics` of a load with `assignments` (those of `factors`), renamed: a diagnostic
/// whose origin is one of the assignments' "--set KEY=VALUE" gets its factor's origin;
/// its message starts with `context`, any other's with `other_context`. Added to `out`
/// unless the same text is there.
void add_renamed(const std::vector<scenario::Diagnostic>& diagnostics,
                 const std::vector<std::string>& assignments,
                 const std::vector<const SweepFactor*>& factors, const std::string& context,
                 const std::string& other_context, std::vector<scenario::Diagnostic>& out,
                 std::set<std::string>& seen) {
  for (scenario::Diagnostic d : diagnostics) {
    bool renamed = false;
    for (std::size_t k = 0; k < assignments.size(); ++k)
      if (d.where.origin == "--set " + scenario::printable(assignments[k])) {
        d.where = scenario::SourcePosition{factors[k]->origin()};
        renamed = true;
      }
    const std::string key = d.to_string();  // before the context: the same problem once
    d.message = (renamed ? context : other_context) + d.message;
    if (seen.insert(key).second) out.push_back(std::move(d));
  }
}

}  // namespace

std::string SweepFactor::origin() const {
  return fmt::format("--vary {} (--vary {})", scenario::printable(text), position);
}

std::string sweep_layout_name(SweepLayout layout) {
  return layout == SweepLayout::grid ? "grid" : "zip";
}

std::vector<std::string> SweepDesign::values(std::size_t v) const {
  std::vector<std::string> out;
  for (std::size_t f = 0; f < factors.size(); ++f) out.push_back(factors[f].values[variants[v][f]]);
  return out;
}

std::vector<std::string> SweepDesign::assignments(std::size_t v) const {
  std::vector<std::string> out;
  for (std::size_t f = 0; f < factors.size(); ++f)
    out.push_back(factors[f].key + "=" + factors[f].values[variants[v][f]]);
  return out;
}

std::vector<std::string> split_top_level(std::string_view text) {
  std::vector<std::string> parts;
  int depth = 0;
  char quote = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quote) {
      if (c == '\\' && quote == '"' && i + 1 < text.size())
        ++i;
      else if (c == quote)
        quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '(' || c == '[' || c == '{') {
      ++depth;
    } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
      --depth;
    } else if (c == ',' && depth == 0) {
      parts.emplace_back(util::trim_blanks(text.substr(start, i - start)));
      start = i + 1;
    }
  }
  parts.emplace_back(util::trim_blanks(text.substr(start)));
  return parts;
}

SweepFactor parse_vary(const std::string& text, int position) {
  SweepFactor factor;
  factor.text = text;
  factor.position = position;
  const std::size_t eq = text.find('=');
  if (eq == std::string::npos)
    throw vary_error(factor, fmt::format("expected KEY=V1,V2,... (got \"{}\"), e.g. --vary "
                                         "spend.volatility=0.08,0.12,0.16",
                                         text));
  factor.key = std::string(util::trim_blanks(std::string_view(text).substr(0, eq)));
  if (factor.key.empty())
    throw vary_error(factor,
                     "expected a scenario key before '=' (KEY=V1,V2,...), e.g. --vary "
                     "spend.volatility=0.08,0.12,0.16");
  if (shared_key(factor.key))
    throw vary_error(
        factor,
        fmt::format("{}: cannot be varied (got {}): every variant runs the same paths with the "
                    "same seed (common random numbers); expected a model key; set them for all "
                    "variants with --paths and --seed",
                    factor.key, text.substr(eq + 1)));
  const std::string_view list = util::trim_blanks(std::string_view(text).substr(eq + 1));
  if (list.empty())
    throw vary_error(factor, fmt::format("{}: no values (expected one or more values separated "
                                         "by commas, e.g. {}=0.1,0.2)",
                                         factor.key, factor.key));
  factor.values = split_top_level(list);
  for (std::size_t k = 0; k < factor.values.size(); ++k)
    if (factor.values[k].empty())
      throw vary_error(factor, fmt::format("{}: value {} of {} is empty (expected a value "
                                           "between the commas, as --set takes it)",
                                           factor.key, k + 1, factor.values.size()));
  return factor;
}

std::uint64_t variant_count(const std::vector<SweepFactor>& factors, SweepLayout layout) {
  if (factors.empty()) return 0;
  std::uint64_t n = layout == SweepLayout::grid ? 1 : 0;
  for (const SweepFactor& f : factors) {
    const std::uint64_t k = f.values.size();
    if (layout == SweepLayout::zip) {
      n = std::max(n, k);
    } else if (k != 0 && n > std::numeric_limits<std::uint64_t>::max() / k) {
      return std::numeric_limits<std::uint64_t>::max();
    } else {
      n *= k;
    }
  }
  return n;
}

SweepDesign make_sweep_design(std::vector<SweepFactor> factors, SweepLayout layout) {
  if (factors.empty())
    throw error_at("spendcast sweep",
                   "nothing to vary (expected at least one --vary KEY=V1,V2,..., e.g. --vary "
                   "spend.volatility=0.08,0.12,0.16)");
  for (std::size_t i = 0; i < factors.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (factors[i].key == factors[j].key)
        throw vary_error(factors[i],
                         fmt::format("{}: already varied by --vary {} (expected each key in one "
                                     "--vary; list all its values there)",
                                     factors[i].key, factors[j].position));
  if (layout == SweepLayout::zip)
    for (const SweepFactor& f : factors)
      if (f.values.size() != factors.front().values.size())
        throw vary_error(
            f,
            fmt::format("--zip pairs the k-th values of every --vary, so the lists need equal "
                        "lengths (got {} values of {}, {} of {} in --vary {}); expected {} "
                        "values, or --grid for every combination",
                        f.values.size(), f.key, factors.front().values.size(), factors.front().key,
                        factors.front().position, factors.front().values.size()));
  SweepDesign design;
  design.layout = layout;
  const std::uint64_t n = variant_count(factors, layout);
  for (std::uint64_t v = 0; v < n; ++v) {
    std::vector<std::size_t> index(factors.size());
    std::uint64_t rest = v;
    for (std::size_t f = factors.size(); f-- > 0;) {
      const std::uint64_t k = factors[f].values.size();
      index[f] = layout == SweepLayout::zip ? v : rest % k;
      rest /= k;
    }
    design.variants.push_back(std::move(index));
  }
  design.factors = std::move(factors);
  return design;
}

SweepScenarios load_sweep_scenarios(const std::string& path,
                                    const std::vector<std::string>& overrides,
                                    const std::vector<std::string>& shown_overrides,
                                    const SweepDesign& design, const scenario::FileReader& reader) {
  SweepScenarios out;
  // The scenario itself first: its own errors are not the sweep's.
  out.warnings = scenario::load_scenario_file(path, overrides, reader).warnings;
  std::set<std::string> seen;
  for (const scenario::Diagnostic& w : out.warnings) seen.insert(w.to_string());
  std::vector<scenario::Diagnostic> errors;
  std::set<std::string> seen_errors;
  // Each factor's values on their own, so that a refused value is reported once.
  for (const SweepFactor& f : design.factors)
    for (std::size_t k = 0; k < f.values.size(); ++k) {
      const std::vector<std::string> assignment{f.key + "=" + f.values[k]};
      std::vector<std::string> all = overrides;
      all.push_back(assignment.front());
      const std::string value = fmt::format("value {} of {} ({})", k + 1, f.values.size(),
                                            scenario::printable(f.values[k]));
      const std::string context = value + ": ";
      const std::string other_context = fmt::format("{}, {}: ", f.origin(), value);
      try {
        add_renamed(scenario::load_scenario_file(path, all, reader).warnings, assignment, {&f},
                    context, other_context, out.warnings, seen);
      } catch (const scenario::ScenarioError& e) {
        add_renamed(e.diagnostics(), assignment, {&f}, context, other_context, errors, seen_errors);
      }
    }
  if (!errors.empty()) throw scenario::ScenarioError(errors);
  // Then every combination (values valid alone may be refused together).
  std::vector<const SweepFactor*> factors;
  for (const SweepFactor& f : design.factors) factors.push_back(&f);
  for (std::size_t v = 0; v < design.variants.size(); ++v) {
    const std::vector<std::string> assignments = design.assignments(v);
    std::vector<std::string> all = overrides;
    all.insert(all.end(), assignments.begin(), assignments.end());
    try {
      scenario::LoadedScenario loaded = scenario::load_scenario_file(path, all, reader);
      loaded.spec.overrides = shown_overrides;
      loaded.spec.overrides.insert(loaded.spec.overrides.end(), assignments.begin(),
                                   assignments.end());
      out.variants.push_back(std::move(loaded.spec));
    } catch (const scenario::ScenarioError& e) {
      std::vector<scenario::Diagnostic> renamed;
      const std::string context =
          fmt::format("variant {} of {} ({}): ", v + 1, design.variants.size(),
                      scenario::printable(fmt::format("{}", fmt::join(assignments, ", "))));
      add_renamed(e.diagnostics(), assignments, factors, context, context, renamed, seen_errors);
      for (scenario::Diagnostic& d : renamed)
        if (d.severity == scenario::Diagnostic::Severity::error) errors.push_back(std::move(d));
    }
  }
  if (!errors.empty()) throw scenario::ScenarioError(errors);
  return out;
}

}  // namespace spendcast::analysis
