#include "scenario/fields.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "scenario/render.hpp"
#include "util/closest_match.hpp"

namespace spendcast::scenario {

Section::Section(const DocValue* table, std::string path, SourcePosition where,
                 Diagnostics& diagnostics, bool broken)
    : table_(table),
      path_(std::move(path)),
      where_(std::move(where)),
      diagnostics_(&diagnostics),
      broken_(broken) {}

void Section::allow_only(const std::vector<std::string>& allowed) const {
  if (!table_) return;
  for (const DocEntry& e : table_->entries) {
    if (std::find(allowed.begin(), allowed.end(), e.key) != allowed.end()) continue;
    const std::string hint = did_you_mean(e.key, allowed);
    if (!hint.empty())
      diagnostics_->error(e.key_where, fmt::format("{}: unknown key{}", path(e.key), hint));
    else
      diagnostics_->error(e.key_where, fmt::format("{}: unknown key (expected one of: {})",
                                                   path(e.key), fmt::join(allowed, ", ")));
  }
}

const DocValue* Section::get(std::string_view key) const {
  return table_ ? table_->find(key) : nullptr;
}

const DocValue* Section::require(std::string_view key, std::string_view expected) const {
  const DocValue* v = get(key);
  if (!v && !broken_)
    diagnostics_->error(where_,
                        fmt::format("{}: missing required key (expected {})", path(key), expected));
  return v;
}

Section Section::sub(std::string_view key) const {
  const DocValue* v = get(key);
  if (v && !v->is_table()) {
    report_type(*v, path(key), "a table", *diagnostics_);
    return Section(nullptr, path(key), v->where, *diagnostics_, true);
  }
  return Section(v, path(key), v ? v->where : where_, *diagnostics_, broken_);
}

std::string Section::path(std::string_view key) const {
  return key_path(path_, key);
}

void report_type(const DocValue& value, const std::string& path, std::string_view expected,
                 Diagnostics& diagnostics) {
  diagnostics.error(value.where, fmt::format("{}: wrong type (got {}; expected {})", path,
                                             render_got(value), expected));
}

void report_range(const DocValue& value, const std::string& path, std::string_view expected,
                  Diagnostics& diagnostics) {
  diagnostics.error(value.where, fmt::format("{}: out of range (got {}; expected {})", path,
                                             render_got(value), expected));
}

std::optional<std::int64_t> read_integer(const DocValue& value, const std::string& path,
                                         std::int64_t lo, std::int64_t hi,
                                         std::string_view expected, Diagnostics& diagnostics) {
  std::int64_t n = 0;
  if (value.type == DocValue::Type::integer) {
    n = value.integer;
  } else if (value.type == DocValue::Type::floating && std::isfinite(value.floating) &&
             std::trunc(value.floating) == value.floating &&
             std::fabs(value.floating) <= 9007199254740992.0) {
    n = static_cast<std::int64_t>(value.floating);
  } else {
    report_type(value, path, expected, diagnostics);
    return std::nullopt;
  }
  if (n < lo || n > hi) {
    report_range(value, path, expected, diagnostics);
    return std::nullopt;
  }
  return n;
}

std::optional<std::int64_t> read_integer(const DocValue& value, const std::string& path,
                                         const ValueRange& range, std::string_view expected,
                                         Diagnostics& diagnostics) {
  constexpr double limit = 9007199254740992.0;  // 2^53: every integer below is a double
  const double lo =
      std::max(range.lo_open ? std::floor(range.lo) + 1 : std::ceil(range.lo), -limit);
  const double hi = std::min(range.hi_open ? std::ceil(range.hi) - 1 : std::floor(range.hi), limit);
  return read_integer(value, path, static_cast<std::int64_t>(lo), static_cast<std::int64_t>(hi),
                      expected, diagnostics);
}

std::optional<double> read_number(const DocValue& value, const std::string& path,
                                  Diagnostics& diagnostics) {
  if (!value.is_number()) {
    report_type(value, path, "a number", diagnostics);
    return std::nullopt;
  }
  const double x = value.number();
  if (!std::isfinite(x)) {
    report_range(value, path, "a finite number", diagnostics);
    return std::nullopt;
  }
  return x;
}

std::optional<std::string> read_string(const DocValue& value, const std::string& path,
                                       Diagnostics& diagnostics, std::string_view expected) {
  if (!value.is_string()) {
    report_type(value, path, expected, diagnostics);
    return std::nullopt;
  }
  return value.text;
}

std::optional<bool> read_bool(const DocValue& value, const std::string& path,
                              Diagnostics& diagnostics) {
  if (value.type != DocValue::Type::boolean) {
    report_type(value, path, "true or false", diagnostics);
    return std::nullopt;
  }
  return value.boolean;
}

const DocValue* read_array(const DocValue& value, const std::string& path,
                           std::string_view expected, Diagnostics& diagnostics) {
  if (!value.is_array()) {
    report_type(value, path, expected, diagnostics);
    return nullptr;
  }
  return &value;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  if (auto close = util::closest_match(word, candidates))
    return fmt::format("; did you mean '{}'?", *close);
  return {};
}

bool is_identifier(std::string_view name) {
  return is_bare_key(name);
}

}  // namespace spendcast::scenario
