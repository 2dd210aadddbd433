#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/diagnostics.hpp"
#include "scenario/document.hpp"
#include "scenario/format_keys.hpp"

namespace spendcast::scenario {

/// One table of the document under validation: finds keys, reports unknown and missing
/// ones. A section may be absent (no table): nothing is found, and a missing key is
/// reported at the position given for the section.
class Section {
 public:
  /// `table` may be nullptr (absent); `path` is its dotted key ("" for the root);
  /// `where` is its position (or where an absent section would belong). A `broken`
  /// section (its value is not a table, already reported) reports no missing keys.
  Section(const DocValue* table, std::string path, SourcePosition where, Diagnostics& diagnostics,
          bool broken = false);

  /// Reports every key that is not in `allowed`, with "did you mean" when one is close.
  void allow_only(const std::vector<std::string>& allowed) const;
  /// Reports every key that is not in `table`.
  void allow_keys_of(const KeyTable& table) const { allow_only(table.names()); }
  /// The value under `key`, or nullptr.
  const DocValue* get(std::string_view key) const;
  /// The value under `key`; when absent reports "KEY: missing required key (expected
  /// EXPECTED)" at the section and returns nullptr.
  const DocValue* require(std::string_view key, std::string_view expected) const;
  /// The value under `spec.key`; when absent reports it missing, expecting `spec.expected`.
  const DocValue* require(const KeySpec& spec) const { return require(spec.key, spec.expected); }
  /// The sub-table `key` as a section: absent when missing; reported (and absent) when
  /// the value there is not a table.
  Section sub(std::string_view key) const;
  /// The dotted path of `key` in this section.
  std::string path(std::string_view key) const;
  /// The section's own dotted path.
  const std::string& path() const { return path_; }
  /// The section's position.
  const SourcePosition& where() const { return where_; }
  /// The table, or nullptr when absent.
  const DocValue* table() const { return table_; }
  /// True when the table exists.
  bool present() const { return table_ != nullptr; }
  /// True when the value there is not a table (reported already).
  bool broken() const { return broken_; }
  /// Where problems go.
  Diagnostics& diagnostics() const { return *diagnostics_; }

 private:
  const DocValue* table_;
  std::string path_;
  SourcePosition where_;
  Diagnostics* diagnostics_;
  bool broken_ = false;
};

/// Reports "PATH: wrong type (got VALUE; expected EXPECTED)" at the value.
void report_type(const DocValue& value, const std::string& path, std::string_view expected,
                 Diagnostics& diagnostics);
/// Reports "PATH: out of range (got VALUE; expected EXPECTED)" at the value.
void report_range(const DocValue& value, const std::string& path, std::string_view expected,
                  Diagnostics& diagnostics);

/// An integer in [lo, hi] (an integral float up to 2^53 counts: 1e4); reports a wrong
/// type or range with `expected` ("an integer from 1 to 10000000000").
std::optional<std::int64_t> read_integer(const DocValue& value, const std::string& path,
                                         std::int64_t lo, std::int64_t hi,
                                         std::string_view expected, Diagnostics& diagnostics);
/// An integer in `range`, a key table's range of integers (format_keys.hpp).
std::optional<std::int64_t> read_integer(const DocValue& value, const std::string& path,
                                         const ValueRange& range, std::string_view expected,
                                         Diagnostics& diagnostics);
/// A finite number (integer or float).
std::optional<double> read_number(const DocValue& value, const std::string& path,
                                  Diagnostics& diagnostics);
/// A string; a wrong type reports `expected` ("a string" by default).
std::optional<std::string> read_string(const DocValue& value, const std::string& path,
                                       Diagnostics& diagnostics,
                                       std::string_view expected = "a string");
/// true or false.
std::optional<bool> read_bool(const DocValue& value, const std::string& path,
                              Diagnostics& diagnostics);
/// An array (reports any other type).
const DocValue* read_array(const DocValue& value, const std::string& path,
                           std::string_view expected, Diagnostics& diagnostics);

/// "; did you mean 'X'?" when a candidate is close to `word`, else "".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

/// True when `name` is made of A-Z a-z 0-9 _ - only (category and event names).
bool is_identifier(std::string_view name);

}  // namespace spendcast::scenario
