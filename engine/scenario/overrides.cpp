#include "scenario/overrides.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <limits>
#include <optional>

#include "scenario/merge.hpp"
#include "scenario/render.hpp"
#include "scenario/toml_reader.hpp"
#include "util/closest_match.hpp"
#include "util/trim.hpp"

namespace spendcast::scenario {

namespace {

void relocate(DocValue& value, const SourcePosition& where) {
  value.where = where;
  for (DocEntry& e : value.entries) {
    e.key_where = where;
    relocate(e.value, where);
  }
  for (DocValue& item : value.items) relocate(item, where);
}

/// The parts of a dotted TOML key ("a.\"b.c\"" -> {a, b.c}), or empty when it is not one.
std::vector<std::string> parse_key(std::string_view key) {
  if (key.find_first_of("\r\n") != std::string_view::npos) return {};
  Diagnostics scratch;
  std::optional<DocValue> doc = parse_toml(std::string(key) + " = 0", "--set", scratch);
  std::vector<std::string> parts;
  if (!doc) return parts;
  const DocValue* node = &*doc;
  while (node->is_table()) {
    if (node->entries.size() != 1) return {};
    parts.push_back(node->entries.front().key);
    node = &node->entries.front().value;
  }
  if (node->type != DocValue::Type::integer) return {};
  return parts;
}

/// A decimal integer too large for TOML (2^63 .. 2^64 - 1): kept as its digits.
std::optional<std::string> big_unsigned(std::string_view text) {
  if (text.empty() ||
      !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  std::uint64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  if (value <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
    return std::nullopt;
  return std::string(text);
}

std::optional<DocValue> parse_value(std::string_view text, const SourcePosition& where) {
  if (auto digits = big_unsigned(util::trim_blanks(text))) return DocValue::string(*digits, where);
  if (text.find_first_of("\r\n") != std::string_view::npos) return std::nullopt;
  Diagnostics scratch;
  std::optional<DocValue> doc = parse_toml("v = " + std::string(text), "--set", scratch);
  if (!doc || doc->entries.size() != 1) return std::nullopt;
  DocValue value = std::move(doc->entries.front().value);
  relocate(value, where);
  return value;
}

std::vector<std::string> event_names(const DocValue* events) {
  std::vector<std::string> names;
  if (events && events->is_array())
    for (const DocValue& e : events->items)
      if (e.is_table() && !event_name(e).empty()) names.push_back(event_name(e));
  return names;
}

/// The error for a --set VALUE that is not TOML, with a hint on quoting when it reads as
/// bare text.
std::string not_a_value_error(const std::string& key, std::string_view value_text) {
  const std::string got = printable(util::trim_blanks(value_text));
  // Words or a range typed without quotes ("g-005", "200 to 800"): not digits alone, no
  // brackets, quotes or escaped control characters.
  const bool bare_text = got.find_first_not_of("0123456789+-.") != std::string::npos &&
                         got.find_first_of("\"'[]{}\\") == std::string::npos;
  const std::string hint = bare_text
                               ? fmt::format(
                                     "; a string needs TOML quotes, kept from the shell by single "
                                     "quotes: --set '{}=\"{}\"'",
                                     key, got)
                               : "";
  return fmt::format(
      "{}: not a TOML value (got {}; expected a number, "
      "true or false, a \"quoted string\", [array] or "
      "{{ table }}){}",
      key, got, hint);
}

/// One --set KEY=VALUE, parsed: the key's parts, the key as printed, and the value.
struct Assignment {
  std::vector<std::string> parts;
  std::string key;
  DocValue value;
};

/// Parses `assignment`, or reports why it is not a KEY=VALUE that --set may apply.
std::optional<Assignment> parse_assignment(const std::string& assignment,
                                           const SourcePosition& where, Diagnostics& diagnostics) {
  const std::size_t eq = assignment.find('=');
  const std::string_view key_text =
      eq == std::string::npos ? std::string_view()
                              : util::trim_blanks(std::string_view(assignment).substr(0, eq));
  if (eq == std::string::npos || key_text.empty()) {
    diagnostics.error(where, fmt::format("--set: not an assignment (got {}; expected KEY=VALUE "
                                         "with VALUE in TOML)",
                                         quote_raw(assignment)));
    return std::nullopt;
  }
  std::vector<std::string> parts = parse_key(key_text);
  if (parts.empty()) {
    diagnostics.error(where, fmt::format("--set: not a TOML key (got {}; expected a dotted key "
                                         "such as spend.volatility)",
                                         quote_raw(key_text)));
    return std::nullopt;
  }
  std::string key;
  for (const auto& p : parts) key = key_path(key, p);
  const std::string_view value_text = std::string_view(assignment).substr(eq + 1);
  std::optional<DocValue> value = parse_value(value_text, where);
  if (!value) {
    diagnostics.error(where, not_a_value_error(key, value_text));
    return std::nullopt;
  }
  if (parts.size() >= 2 && parts[0] == "scenario" && parts[1] == "extends") {
    diagnostics.error(where, fmt::format("{}: cannot be set with --set (got {}; expected extends "
                                         "in a scenario file: it is resolved before overrides)",
                                         key, render_got(*value)));
    return std::nullopt;
  }
  return Assignment{std::move(parts), std::move(key), std::move(*value)};
}

/// The error for an event.NAME key whose NAME is not an [[event]] of `events`.
std::string no_such_event_error(const std::string& prefix, const std::string& name,
                                const DocValue* events) {
  const auto names = event_names(events);
  std::string message = fmt::format("{}: no such event (got \"{}\"", prefix, printable(name));
  if (auto close = util::closest_match(name, names))
    message += fmt::format("); did you mean '{}'?", *close);
  else if (names.empty())
    message += "; expected the name of an [[event]], but there are none)";
  else
    message += fmt::format("; expected one of: {})", fmt::join(names, ", "));
  return message;
}

/// Where an assignment's remaining key parts are set: the table, the first part below
/// it, and the key printed up to it.
struct Target {
  DocValue* table;
  std::size_t first;
  std::string prefix;
};

/// The [[event]] table an event.NAME.KEY assignment sets a key in; nothing when the
/// assignment removed the event or was reported as an error.
std::optional<Target> event_target(DocValue& doc, const Assignment& a, const SourcePosition& where,
                                   Diagnostics& diagnostics) {
  const std::vector<std::string>& parts = a.parts;
  if (parts.size() < 3) {
    diagnostics.error(where, fmt::format("{}: not an event key (got {}; expected "
                                         "event.NAME.KEY)",
                                         a.key, a.key));
    return std::nullopt;
  }
  DocValue* events = doc.find("event");
  const std::string& name = parts[1];
  std::string prefix = key_path("event", name);
  auto it =
      events && events->is_array()
          ? std::find_if(events->items.begin(), events->items.end(),
                         [&](const DocValue& e) { return e.is_table() && event_name(e) == name; })
          : std::vector<DocValue>::iterator();
  if (!events || !events->is_array() || it == events->items.end()) {
    diagnostics.error(where, no_such_event_error(prefix, name, events));
    return std::nullopt;
  }
  if (parts.size() == 3 && parts[2] == "remove" && a.value.type == DocValue::Type::boolean &&
      a.value.boolean) {
    events->items.erase(it);
    return std::nullopt;
  }
  return Target{&*it, 2, std::move(prefix)};
}

/// Sets the assignment's value at its key below `target`, making the tables on the way.
void set_below(Target target, Assignment& a, const SourcePosition& where,
               Diagnostics& diagnostics) {
  const std::vector<std::string>& parts = a.parts;
  for (std::size_t i = target.first; i + 1 < parts.size(); ++i) {
    target.prefix = key_path(target.prefix, parts[i]);
    DocValue* next = target.table->find(parts[i]);
    if (!next) {
      next = &target.table->set(parts[i], where, DocValue::table(where));
    } else if (!next->is_table()) {
      diagnostics.error(where, fmt::format("{}: cannot set a key inside {} (got {} there; "
                                           "expected a table)",
                                           a.key, target.prefix, render_got(*next)));
      return;
    }
    target.table = next;
  }
  target.table->set(parts.back(), where, std::move(a.value));
}

void apply_one(DocValue& doc, const std::string& assignment, Diagnostics& diagnostics) {
  const SourcePosition where{"--set " + printable(assignment), 0, 0};
  std::optional<Assignment> parsed = parse_assignment(assignment, where, diagnostics);
  if (!parsed) return;
  const std::optional<Target> target = parsed->parts[0] == "event"
                                           ? event_target(doc, *parsed, where, diagnostics)
                                           : Target{&doc, 0, ""};
  if (target) set_below(*target, *parsed, where, diagnostics);
}

}  // namespace

void apply_overrides(DocValue& doc, const std::vector<std::string>& overrides,
                     Diagnostics& diagnostics) {
  for (const std::string& assignment : overrides) apply_one(doc, assignment, diagnostics);
}

}  // namespace spendcast::scenario
