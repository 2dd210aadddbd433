#include "scenario/dist_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "scenario/fields.hpp"
#include "scenario/format_keys.hpp"
#include "scenario/render.hpp"
#include "scenario/value_forms.hpp"

namespace spendcast::scenario {

namespace {

/// The parameters of one { dist = ... } table: reads them by their key specs and
/// remembers whether any was missing, of the wrong type or out of range (each reported).
class Parameters {
 public:
  Parameters(const Section& section, const KeyTable& keys, Diagnostics& diagnostics)
      : section_(section), keys_(keys), diagnostics_(diagnostics) {}

  /// A required number; empty (reported) when missing or not a number.
  std::optional<double> required(std::string_view key) {
    const DocValue* p = section_.require(keys_[key]);
    if (!p) {
      ok_ = false;
      return std::nullopt;
    }
    return read(*p, key);
  }
  /// An optional number; empty when absent or (reported) not a number.
  std::optional<double> optional(std::string_view key) {
    const DocValue* p = section_.get(key);
    if (!p) return std::nullopt;
    return read(*p, key);
  }
  /// Reports `x`, read from `key`, when it lies outside the key's range.
  void check_range(std::string_view key, const std::optional<double>& x,
                   std::string_view expected) {
    if (x && !keys_[key].range.contains(*x)) out_of_range(key, std::string(expected));
  }
  /// Reports the value of `key` as out of range.
  void out_of_range(std::string_view key, const std::string& expected) {
    report_range(*section_.get(key), section_.path(key), expected, diagnostics_);
    ok_ = false;
  }
  /// The value under `key`, or nullptr.
  const DocValue* get(std::string_view key) const { return section_.get(key); }
  /// True when nothing was reported.
  bool ok() const { return ok_; }

 private:
  std::optional<double> read(const DocValue& value, std::string_view key) {
    auto x = read_number(value, section_.path(key), diagnostics_);
    if (!x) ok_ = false;
    return x;
  }

  const Section& section_;
  const KeyTable& keys_;
  Diagnostics& diagnostics_;
  bool ok_ = true;
};

/// dist = "normal": mean and sd.
bool read_normal(Parameters& p, DistSpec& d) {
  auto mean = p.required("mean");
  auto sd = p.required("sd");
  p.check_range("sd", sd, "sd > 0, or a plain number for a constant");
  if (mean && sd) d.mean = *mean, d.sd = *sd;
  return p.ok();
}

/// dist = "lognormal": exactly one pair of p5 + p95, median + sigma, mu + sigma, stored as
/// mu and sigma of ln x.
bool read_lognormal(Parameters& p, const KeyTable& keys, DistSpec& d, const DocValue& v,
                    const std::string& path, Diagnostics& diagnostics) {
  std::vector<std::string_view> given;
  for (const KeySpec& k : keys.keys)
    if (k.key != "dist" && k.key != "truncate" && p.get(k.key)) given.push_back(k.key);
  const auto pair =
      std::find_if(lognormal_pairs().begin(), lognormal_pairs().end(), [&](const auto& pair) {
        return given.size() == 2 && given[0] == pair[0] && given[1] == pair[1];
      });
  if (pair == lognormal_pairs().end()) {
    diagnostics.error(v.where,
                      fmt::format("{}: lognormal needs one pair of parameters (got {}; "
                                  "expected p5 + p95, median + sigma, or mu + sigma)",
                                  path,
                                  given.empty() ? std::string("none")
                                                : fmt::format("{}", fmt::join(given, " + "))));
    return false;
  }
  if ((*pair)[0] == "p5") {
    auto p5 = p.required("p5");
    auto p95 = p.required("p95");
    p.check_range("p5", p5, "p5 > 0");
    if (p5 && p95 && *p5 > 0 && !(*p95 > *p5))
      p.out_of_range("p95", fmt::format("p95 > p5 = {}", exact_number(*p5)));
    if (!p.ok()) return false;
    d.mu = (std::log(*p5) + std::log(*p95)) / 2.0;
    d.sigma = (std::log(*p95) - std::log(*p5)) / (2.0 * z95());
    return true;
  }
  const bool median = (*pair)[0] == "median";
  std::optional<double> centre = p.required((*pair)[0]);
  auto sigma = p.required("sigma");
  if (median) p.check_range("median", centre, "median > 0");
  p.check_range("sigma", sigma, "sigma > 0, or a plain number for a constant");
  if (!p.ok()) return false;
  d.mu = median ? std::log(*centre) : *centre;
  d.sigma = *sigma;
  return true;
}

/// dist = "uniform", "triangular" or "pert": min and max, and a mode from min to max
/// except for the uniform.
bool read_bounded(Parameters& p, DistSpec& d) {
  const bool has_mode = d.kind != DistSpec::Kind::uniform;
  auto lo = p.required("min");
  std::optional<double> mode;
  if (has_mode) mode = p.required("mode");
  auto hi = p.required("max");
  if (lo && hi && !(*hi > *lo))
    p.out_of_range("max", fmt::format("max > min = {}", exact_number(*lo)));
  if (has_mode && lo && hi && mode && *hi > *lo && !(*lo <= *mode && *mode <= *hi))
    p.out_of_range("mode", fmt::format("a mode from min = {} to max = {}", exact_number(*lo),
                                       exact_number(*hi)));
  if (!p.ok()) return false;
  d.min = *lo;
  d.max = *hi;
  if (mode) d.mode = *mode;
  return true;
}

/// dist = "beta": alpha and beta, rescaled to [min, max] (default [0, 1]).
bool read_beta(Parameters& p, DistSpec& d) {
  auto alpha = p.required("alpha");
  auto beta = p.required("beta");
  auto lo = p.optional("min");
  auto hi = p.optional("max");
  p.check_range("alpha", alpha, "alpha > 0");
  p.check_range("beta", beta, "beta > 0");
  const double a = lo.value_or(0.0), b = hi.value_or(1.0);
  if (p.ok() && !(b > a)) {
    if (hi)
      p.out_of_range("max", fmt::format("max > min = {}", exact_number(a)));
    else
      p.out_of_range("min", fmt::format("min < max = {}", exact_number(b)));
  }
  if (!p.ok()) return false;
  d.alpha = *alpha;
  d.beta = *beta;
  d.min = a;
  d.max = b;
  return true;
}

/// The numbers of an array, each reported when not one; false when any is not.
bool read_numbers(const DocValue& array, const std::string& path, std::vector<double>& out,
                  Diagnostics& diagnostics) {
  bool ok = true;
  for (std::size_t i = 0; i < array.items.size(); ++i) {
    if (auto x = read_number(array.items[i], fmt::format("{}[{}]", path, i), diagnostics))
      out.push_back(*x);
    else
      ok = false;
  }
  return ok;
}

/// The weights of a discrete distribution: one per value, each in the key's range; their
/// sum, or empty when any was reported.
std::optional<double> read_weights(const DocValue& weights, const KeySpec& key, std::size_t count,
                                   const std::string& path, DistSpec& d, Diagnostics& diagnostics) {
  if (weights.items.size() != count) {
    diagnostics.error(
        weights.where,
        fmt::format("{}: wrong length (got {} weight{}; expected {}, one per value)", path,
                    weights.items.size(), weights.items.size() == 1 ? "" : "s", count));
    return std::nullopt;
  }
  bool ok = true;
  double sum = 0.0;
  for (std::size_t i = 0; i < weights.items.size(); ++i) {
    const std::string wpath = fmt::format("{}[{}]", path, i);
    auto w = read_number(weights.items[i], wpath, diagnostics);
    if (w && !key.range.contains(*w)) {
      report_range(weights.items[i], wpath, "a weight >= 0", diagnostics);
      w.reset();
    }
    if (!w) {
      ok = false;
      continue;
    }
    d.weights.push_back(*w);
    sum += *w;
  }
  if (!ok) return std::nullopt;
  return sum;
}

/// dist = "discrete": values and one weight per value, the weights with a positive, finite
/// sum.
bool read_discrete(const Section& s, const KeyTable& keys, DistSpec& d, Diagnostics& diagnostics) {
  const KeySpec& values_key = keys["values"];
  const KeySpec& weights_key = keys["weights"];
  const DocValue* values = s.require(values_key);
  const DocValue* weights = s.require(weights_key);
  if (!values || !weights) return false;
  if (!read_array(*values, s.path("values"), values_key.expected, diagnostics) ||
      !read_array(*weights, s.path("weights"), weights_key.expected, diagnostics))
    return false;
  if (values->items.empty()) {
    report_range(*values, s.path("values"), "at least one value", diagnostics);
    return false;
  }
  const bool values_ok = read_numbers(*values, s.path("values"), d.values, diagnostics);
  const std::optional<double> sum =
      read_weights(*weights, weights_key, values->items.size(), s.path("weights"), d, diagnostics);
  if (!values_ok || !sum) return false;
  if (!(*sum > 0)) {
    report_range(*weights, s.path("weights"), "weights with a positive sum", diagnostics);
    return false;
  }
  if (!std::isfinite(*sum)) {
    report_range(*weights, s.path("weights"), "weights with a finite sum", diagnostics);
    return false;
  }
  return true;
}

DistSpec::Kind kind_of(std::string_view name) {
  using K = DistSpec::Kind;
  if (name == "normal") return K::normal;
  if (name == "lognormal") return K::lognormal;
  if (name == "uniform") return K::uniform;
  if (name == "triangular") return K::triangular;
  if (name == "pert") return K::pert;
  if (name == "beta") return K::beta;
  return K::discrete;
}

/// The keys of the distribution `dist` names; nullptr (reported) when it names none.
const KeyTable* read_kind(const Section& s, Diagnostics& diagnostics) {
  const KeySpec& dist = (*dist_forms().front().keys)["dist"];
  const DocValue* kind_value = s.require(dist);
  if (!kind_value) {
    s.allow_only(all_dist_key_names());
    return nullptr;
  }
  std::vector<std::string> kinds;
  for (const DistForm& f : dist_forms()) kinds.emplace_back(f.name);
  if (!kind_value->is_string()) {
    report_type(*kind_value, s.path("dist"),
                fmt::format("a string: {} or {}", fmt::join(kinds.begin(), kinds.end() - 1, ", "),
                            kinds.back()),
                diagnostics);
    return nullptr;
  }
  if (const KeyTable* keys = dist_keys(kind_value->text)) return keys;
  const std::string hint = did_you_mean(kind_value->text, kinds);
  if (!hint.empty())
    diagnostics.error(kind_value->where,
                      fmt::format("{}: unknown distribution (got {}){}", s.path("dist"),
                                  render_got(*kind_value), hint));
  else
    diagnostics.error(kind_value->where,
                      fmt::format("{}: unknown distribution (got {}; expected one of: {})",
                                  s.path("dist"), render_got(*kind_value), fmt::join(kinds, ", ")));
  return nullptr;
}

}  // namespace

std::optional<DistSpec> read_dist_table(const DocValue& v, const std::string& path,
                                        Diagnostics& diagnostics) {
  Section s(&v, path, v.where, diagnostics);
  const KeyTable* keys = read_kind(s, diagnostics);
  if (!keys) return std::nullopt;
  s.allow_keys_of(*keys);
  DistSpec d;
  d.where = v.where;
  d.kind = kind_of(v.find("dist")->text);
  Parameters p(s, *keys, diagnostics);
  bool ok = false;
  switch (d.kind) {
    case DistSpec::Kind::normal:
      ok = read_normal(p, d);
      break;
    case DistSpec::Kind::lognormal:
      ok = read_lognormal(p, *keys, d, v, path, diagnostics);
      break;
    case DistSpec::Kind::beta:
      ok = read_beta(p, d);
      break;
    case DistSpec::Kind::discrete:
      ok = read_discrete(s, *keys, d, diagnostics);
      break;
    default:
      ok = read_bounded(p, d);
      break;
  }
  if (!ok) return std::nullopt;
  return d;
}

}  // namespace spendcast::scenario
