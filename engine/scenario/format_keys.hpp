#pragma once

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/value_forms.hpp"

namespace spendcast::scenario {

/// How a key's value is written: what the validator reads there and what the JSON Schema
/// (scenario/schema.hpp) says of it.
enum class Form {
  text,            ///< any string
  scenario_name,   ///< a string of a-z, 0-9 and '-'
  identifier,      ///< a string of A-Z a-z 0-9 _ - (category and event names)
  paths,           ///< a file path, or an array of them (scenario.extends)
  boolean,         ///< true or false
  integer,         ///< an integer in `range` (an integral float counts: 1e4)
  integer_choice,  ///< one of the integers in `choices`
  text_choice,     ///< one of the strings in `choices`
  seed,            ///< an integer >= 0, or a string of decimal digits up to 2^64 - 1
  number,          ///< a finite number in `range`
  value,           ///< a number, "LO to HI" or { dist = ... }, its draws in `range`
  named_values,    ///< category name -> value (its draws in `range`)
  spend_by_year,   ///< year -> observed spend in `range`
  shares_by_year,  ///< year -> { Name = share }
  table,           ///< a sub-table whose keys are `table`
  table_array,     ///< an array of tables ([[event]]) whose keys are `table`
  name_pair,       ///< two names, ["a", "b"]
  rho_pairs,       ///< [[name, name, rho], ...], rho in `range`
  probabilities,   ///< a non-empty array of increasing numbers in `range`
  thresholds,      ///< metric name -> non-empty array of numbers
  numbers,         ///< a non-empty array of numbers
  weights,         ///< an array of numbers in `range`
  bounds,          ///< [lo, hi], two numbers with lo < hi
};

struct KeyTable;

/// One key of a scenario table: its value form, range and meaning. The validator reads
/// keys through these (unknown keys, missing keys, ranges); `spendcast schema` prints
/// them as a JSON Schema, so the two cannot drift apart.
struct KeySpec {
  std::string_view key;             ///< as written in the file
  Form form;                        ///< how the value is written
  std::string_view doc;             ///< what it means (an editor's hover text)
  std::string_view expected;        ///< the validator's "expected ..." when it is missing
  ValueRange range = any_real;      ///< numbers, integers, values: the values allowed
  bool required = false;            ///< required in the resolved scenario (after extends)
  const KeyTable* table = nullptr;  ///< Form::table and table_array
  std::span<const std::string_view> choices = {};  ///< integer_choice and text_choice
};

/// The keys of one scenario table, in the order messages list them.
struct KeyTable {
  std::string_view name;          ///< "[spend]", "[[event]]", "{ dist = \"normal\" }"
  std::string_view doc;           ///< what the table is for
  std::span<const KeySpec> keys;  ///< every key the table may hold

  /// Every key's name, in order (unknown-key messages list them).
  std::vector<std::string> names() const;
  /// The spec of `key`; std::logic_error when the table has no such key (a program error).
  const KeySpec& operator[](std::string_view key) const;
};

/// True when `text` is one of `key.choices`.
bool is_choice(const KeySpec& key, std::string_view text);

/// The document's top level: [scenario], [simulation], [data], ...
const KeyTable& root_keys();
/// [scenario].
const KeyTable& scenario_keys();
/// [simulation].
const KeyTable& simulation_keys();
/// [data].
const KeyTable& data_keys();
/// [spend].
const KeyTable& spend_keys();
/// [vendors] (`of` included) or [segments] (without it): `kind` is "vendors" or "segments".
const KeyTable& composition_keys(std::string_view kind);
/// A composition's `correlation = { uniform = ..., pairs = ... }`.
const KeyTable& composition_correlation_keys();
/// One entry of a composition's `entrants`.
const KeyTable& entrant_keys();
/// One [[event]].
const KeyTable& event_keys();
/// One [[correlation]].
const KeyTable& correlation_keys();
/// [report].
const KeyTable& report_keys();

/// One distribution of the `{ dist = ... }` form: its name and keys.
struct DistForm {
  std::string_view name;  ///< the value of `dist`
  const KeyTable* keys;   ///< `dist`, its parameters and `truncate`
};
/// Every distribution of the `{ dist = ... }` form, in the order messages list them.
std::span<const DistForm> dist_forms();
/// The keys of the `{ dist = ... }` form for `name`; nullptr for an unknown distribution.
const KeyTable* dist_keys(std::string_view name);
/// The pairs of parameters a lognormal may be given by (exactly one of them): p5 + p95,
/// median + sigma, mu + sigma.
std::span<const std::array<std::string_view, 2>> lognormal_pairs();
/// Every key any distribution takes (what a table without a valid `dist` may hold).
std::vector<std::string> all_dist_key_names();

}  // namespace spendcast::scenario
