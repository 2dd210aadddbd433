#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/diagnostic.hpp"

namespace spendcast::scenario {

struct DocEntry;

/// One TOML value of a scenario document and where it came from: the tree that
/// extends, --set and `show` work on. Tables keep their keys in file order.
struct DocValue {
  /// The TOML type of the value.
  enum class Type { table, array, string, integer, floating, boolean, date_time };

  Type type = Type::table;        ///< which of the members below holds the value
  SourcePosition where;           ///< the value (a table: its header or `{`)
  std::string text;               ///< string; date-time as written
  std::int64_t integer = 0;       ///< integer
  double floating = 0.0;          ///< floating
  bool boolean = false;           ///< boolean
  std::vector<DocEntry> entries;  ///< table, in file order
  std::vector<DocValue> items;    ///< array

  /// True for tables.
  bool is_table() const { return type == Type::table; }
  /// True for arrays.
  bool is_array() const { return type == Type::array; }
  /// True for strings.
  bool is_string() const { return type == Type::string; }
  /// True for integers and floats.
  bool is_number() const { return type == Type::integer || type == Type::floating; }
  /// The value of an integer or float as a double (precondition: is_number()).
  double number() const;

  /// The value under `key` of a table, or nullptr (also when this is not a table).
  const DocValue* find(std::string_view key) const;
  /// The value under `key` of a table, or nullptr.
  DocValue* find(std::string_view key);
  /// The entry (key, key position, value) under `key`, or nullptr.
  const DocEntry* find_entry(std::string_view key) const;
  /// The entry under `key`, or nullptr.
  DocEntry* find_entry(std::string_view key);
  /// Replaces the value under `key` (keeping its place) or appends it; returns it.
  DocValue& set(std::string key, SourcePosition key_where, DocValue value);
  /// Removes `key` from a table; true when it was there.
  bool erase(std::string_view key);

  /// An empty table at `where`.
  static DocValue table(SourcePosition where);
  /// An empty array at `where`.
  static DocValue array(SourcePosition where);
  /// A string value.
  static DocValue string(std::string text, SourcePosition where);
  /// An integer value.
  static DocValue integer_value(std::int64_t n, SourcePosition where);
  /// A floating-point value.
  static DocValue floating_value(double x, SourcePosition where);
};

/// One key of a table with the key's own position and its value.
struct DocEntry {
  std::string key;           ///< as written (unquoted)
  SourcePosition key_where;  ///< where the key is written
  DocValue value;            ///< the value under the key
};

/// "a table", "an integer", ... for messages.
std::string_view type_name(DocValue::Type type);

/// The dotted path of `key` below `parent` ("spend" + "volatility" -> "spend.volatility"),
/// quoting keys that are not bare TOML keys (report.thresholds."share.Meta").
std::string key_path(std::string_view parent, std::string_view key);

/// True when `key` can be written as a bare TOML key (A-Z a-z 0-9 _ -).
bool is_bare_key(std::string_view key);

}  // namespace spendcast::scenario
