#include "scenario/value_forms.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <vector>

#include "scenario/dist_cdf.hpp"
#include "scenario/dist_table.hpp"
#include "scenario/fields.hpp"
#include "scenario/render.hpp"

namespace spendcast::scenario {

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

std::string bound_text(double x) {
  return exact_number(x);
}

std::string interval_text(double lo, double hi, bool lo_closed, bool hi_closed) {
  return fmt::format("{}{}, {}{}", lo_closed && std::isfinite(lo) ? '[' : '(', bound_text(lo),
                     bound_text(hi), hi_closed && std::isfinite(hi) ? ']' : ')');
}

/// A number written inside "LO to HI": TOML-like (underscores between digits allowed).
std::optional<double> parse_plain_number(std::string_view text) {
  std::string s;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '_') {
      const bool between = i > 0 && i + 1 < text.size() &&
                           std::isdigit(static_cast<unsigned char>(text[i - 1])) &&
                           std::isdigit(static_cast<unsigned char>(text[i + 1]));
      if (!between) return std::nullopt;
      continue;
    }
    s += text[i];
  }
  if (!s.empty() && s.front() == '+') s.erase(0, 1);
  if (s.empty() || !(std::isdigit(static_cast<unsigned char>(s.front())) || s.front() == '-' ||
                     s.front() == '.'))
    return std::nullopt;
  double x = 0.0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), x);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(x)) return std::nullopt;
  return x;
}

std::vector<std::string_view> split_blanks(std::string_view s) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    std::size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != '\t') ++j;
    if (j > i) words.push_back(s.substr(i, j - i));
    i = j;
  }
  return words;
}

std::optional<DistSpec> read_interval(const DocValue& v, const std::string& path,
                                      Diagnostics& diagnostics) {
  const auto words = split_blanks(v.text);
  std::optional<double> lo, hi;
  if (words.size() == 3 && words[1] == "to") {
    lo = parse_plain_number(words[0]);
    hi = parse_plain_number(words[2]);
  }
  if (!lo || !hi) {
    diagnostics.error(v.where, fmt::format("{}: invalid value (got {}; expected a number, "
                                           "\"LO to HI\" or {{ dist = ... }})",
                                           path, render_got(v)));
    return std::nullopt;
  }
  if (!(*lo < *hi)) {
    report_range(v, path, "\"LO to HI\" with LO < HI, or a plain number for a constant",
                 diagnostics);
    return std::nullopt;
  }
  DistSpec d;
  d.where = v.where;
  if (*lo > 0) {
    d.kind = DistSpec::Kind::lognormal;
    d.mu = (std::log(*lo) + std::log(*hi)) / 2.0;
    d.sigma = (std::log(*hi) - std::log(*lo)) / (2.0 * z95());
  } else {
    d.kind = DistSpec::Kind::normal;
    d.mean = *lo / 2.0 + *hi / 2.0;
    d.sd = (*hi / 2.0 - *lo / 2.0) / z95();
  }
  return d;
}

/// The support before truncation, as a closed hull [lo, hi] (infinite ends open).
std::pair<double, double> hull(const DistSpec& d) {
  using K = DistSpec::Kind;
  switch (d.kind) {
    case K::constant:
      return {d.value, d.value};
    case K::normal:
      return {-inf, inf};
    case K::lognormal:
      return {0.0, inf};
    case K::discrete: {
      const auto [lo, hi] = std::minmax_element(d.values.begin(), d.values.end());
      return {*lo, *hi};
    }
    default:
      return {d.min, d.max};
  }
}

}  // namespace

double probability_below(const DistSpec& d, double x) {
  if (d.kind == DistSpec::Kind::discrete || d.kind == DistSpec::Kind::constant) {
    double below = 0.0, total = 0.0;
    const std::vector<double> values = d.is_constant() ? std::vector<double>{d.value} : d.values;
    for (std::size_t i = 0; i < values.size(); ++i) {
      const double w = d.is_constant() ? 1.0 : d.weights[i];
      if (d.truncate && (values[i] < (*d.truncate)[0] || values[i] > (*d.truncate)[1])) continue;
      total += w;
      if (values[i] < x) below += w;
    }
    return total > 0 ? below / total : 0.0;
  }
  if (!d.truncate) return continuous_cdf(d, x);
  const double lo = continuous_cdf(d, (*d.truncate)[0]), hi = continuous_cdf(d, (*d.truncate)[1]);
  return std::clamp((continuous_cdf(d, x) - lo) / (hi - lo), 0.0, 1.0);
}

namespace {

std::string hull_text(const DistSpec& d) {
  const auto [lo, hi] = hull(d);
  if (d.kind == DistSpec::Kind::lognormal) return "(0, inf)";
  return interval_text(lo, hi, true, true);
}

bool finite_parameters(const DistSpec& d) {
  using K = DistSpec::Kind;
  switch (d.kind) {
    // Draws reach about 8.3 sd (u = 2^-53): 10 sd must stay finite.
    case K::normal:
      return d.sd > 0 && std::isfinite(std::fabs(d.mean) + 10.0 * d.sd);
    case K::lognormal:
      return d.sigma > 0 && std::isfinite(d.mu) && std::isfinite(std::exp(d.mu + 10.0 * d.sigma));
    case K::uniform:
    case K::triangular:
    case K::pert:
    case K::beta:
      return std::isfinite(d.max - d.min);
    default:
      return true;
  }
}

bool check_truncate(DistSpec& d, const DocValue& tr, const std::string& path,
                    Diagnostics& diagnostics) {
  const std::string tpath = key_path(path, "truncate");
  if (!tr.is_array() || tr.items.size() != 2 || !tr.items[0].is_number() ||
      !tr.items[1].is_number()) {
    report_type(tr, tpath, "[lo, hi], two numbers with lo < hi", diagnostics);
    return false;
  }
  const double lo = tr.items[0].number(), hi = tr.items[1].number();
  if (!std::isfinite(lo) || !std::isfinite(hi) || !(lo < hi)) {
    report_range(tr, tpath, "[lo, hi], two finite numbers with lo < hi", diagnostics);
    return false;
  }
  const auto [slo, shi] = hull(d);
  if (lo < slo || hi > shi) {
    report_range(tr, tpath,
                 fmt::format("bounds within {}, the support of this {} distribution", hull_text(d),
                             kind_name(d.kind)),
                 diagnostics);
    return false;
  }
  double mass = 0.0;
  if (d.kind == DistSpec::Kind::discrete) {
    for (std::size_t i = 0; i < d.values.size(); ++i)
      if (d.values[i] >= lo && d.values[i] <= hi) mass += d.weights[i];
  } else {
    mass = continuous_cdf(d, hi) - continuous_cdf(d, lo);
  }
  if (!(mass > 0)) {
    diagnostics.error(tr.where,
                      fmt::format("{}: leaves no probability mass (got {}; expected an interval "
                                  "where this {} distribution has positive probability)",
                                  tpath, render_got(tr), kind_name(d.kind)));
    return false;
  }
  d.truncate = std::array<double, 2>{lo, hi};
  return true;
}

bool check_range(const DistSpec& d, const DocValue& v, const std::string& path,
                 const ValueRange& range, Diagnostics& diagnostics) {
  if (range.unbounded()) return true;
  const Support s = support_of(d);
  const bool below = s.lo < range.lo || (s.lo == range.lo && range.lo_open && s.lo_atom);
  const bool above = s.hi > range.hi || (s.hi == range.hi && range.hi_open && s.hi_atom);
  if (!below && !above) return true;
  if (d.is_constant()) {
    report_range(v, path, "a number " + range.describe(), diagnostics);
    return false;
  }
  diagnostics.error(
      v.where, fmt::format("{}: the distribution can leave {} (got {}: {} on {}; expected a "
                           "bounded distribution (uniform, triangular, pert, beta) within {}, "
                           "or truncate = [lo, hi])",
                           path, range.interval(), render_got(v), kind_name(d.kind),
                           interval_text(s.lo, s.hi, d.kind != DistSpec::Kind::lognormal, true),
                           range.interval()));
  return false;
}

}  // namespace

bool ValueRange::unbounded() const {
  return std::isinf(lo) && std::isinf(hi);
}

bool ValueRange::contains(double x) const {
  return (lo_open ? x > lo : x >= lo) && (hi_open ? x < hi : x <= hi);
}

std::string ValueRange::interval() const {
  return interval_text(lo, hi, !lo_open, !hi_open);
}

std::string ValueRange::describe() const {
  if (std::isinf(hi)) return fmt::format("{} {}", lo_open ? ">" : ">=", bound_text(lo));
  return "in " + interval();
}

double z95() {
  return 1.6448536269514722;  // Φ⁻¹(0.95) correctly rounded (Boost's quantile: 1 ulp above)
}

std::string kind_name(DistSpec::Kind kind) {
  switch (kind) {
    case DistSpec::Kind::constant:
      return "constant";
    case DistSpec::Kind::normal:
      return "normal";
    case DistSpec::Kind::lognormal:
      return "lognormal";
    case DistSpec::Kind::uniform:
      return "uniform";
    case DistSpec::Kind::triangular:
      return "triangular";
    case DistSpec::Kind::pert:
      return "pert";
    case DistSpec::Kind::beta:
      return "beta";
    case DistSpec::Kind::discrete:
      return "discrete";
  }
  return "distribution";
}

Support support_of(const DistSpec& d) {
  Support s;
  if (d.kind == DistSpec::Kind::discrete) {
    bool any = false;
    for (std::size_t i = 0; i < d.values.size() && i < d.weights.size(); ++i) {
      const double x = d.values[i];
      if (!(d.weights[i] > 0)) continue;
      if (d.truncate && (x < (*d.truncate)[0] || x > (*d.truncate)[1])) continue;
      if (!any || x < s.lo) s.lo = x;
      if (!any || x > s.hi) s.hi = x;
      any = true;
    }
    s.lo_atom = s.hi_atom = true;
    return s;
  }
  const auto [lo, hi] = hull(d);
  s.lo = lo;
  s.hi = hi;
  s.lo_atom = s.hi_atom = d.is_constant();
  if (d.truncate) {
    s.lo = std::max(s.lo, (*d.truncate)[0]);
    s.hi = std::min(s.hi, (*d.truncate)[1]);
  }
  return s;
}

std::optional<DistSpec> read_dist(const DocValue& value, const std::string& path,
                                  const ValueRange& range, Diagnostics& diagnostics) {
  std::optional<DistSpec> d;
  if (value.is_number()) {
    const double x = value.number();
    if (!std::isfinite(x)) {
      report_range(value, path, "a finite number", diagnostics);
      return std::nullopt;
    }
    d = DistSpec::constant_at(x, value.where);
  } else if (value.is_string()) {
    d = read_interval(value, path, diagnostics);
  } else if (value.is_table()) {
    d = read_dist_table(value, path, diagnostics);
  } else {
    report_type(value, path, "a number, \"LO to HI\" or { dist = ... }", diagnostics);
    return std::nullopt;
  }
  if (!d) return std::nullopt;
  if (!finite_parameters(*d)) {
    report_range(value, path, "parameters small enough for finite means and spreads", diagnostics);
    return std::nullopt;
  }
  try {
    if (value.is_table()) {
      if (const DocValue* tr = value.find("truncate");
          tr && !check_truncate(*d, *tr, path, diagnostics))
        return std::nullopt;
    }
  } catch (const std::exception&) {
    report_range(value, path, "parameters that Boost.Math can evaluate", diagnostics);
    return std::nullopt;
  }
  if (!check_range(*d, value, path, range, diagnostics)) return std::nullopt;
  return d;
}

}  // namespace spendcast::scenario
