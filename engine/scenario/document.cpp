#include "scenario/document.hpp"

#include <algorithm>

#include "scenario/render.hpp"

namespace spendcast::scenario {

double DocValue::number() const {
  return type == Type::integer ? static_cast<double>(integer) : floating;
}

const DocEntry* DocValue::find_entry(std::string_view key) const {
  if (type != Type::table) return nullptr;
  for (const auto& e : entries)
    if (e.key == key) return &e;
  return nullptr;
}

DocEntry* DocValue::find_entry(std::string_view key) {
  if (type != Type::table) return nullptr;
  for (auto& e : entries)
    if (e.key == key) return &e;
  return nullptr;
}

const DocValue* DocValue::find(std::string_view key) const {
  const DocEntry* e = find_entry(key);
  return e ? &e->value : nullptr;
}

DocValue* DocValue::find(std::string_view key) {
  DocEntry* e = find_entry(key);
  return e ? &e->value : nullptr;
}

DocValue& DocValue::set(std::string key, SourcePosition key_where, DocValue value) {
  if (DocEntry* e = find_entry(key)) {
    e->key_where = std::move(key_where);
    e->value = std::move(value);
    return e->value;
  }
  entries.push_back(DocEntry{std::move(key), std::move(key_where), std::move(value)});
  return entries.back().value;
}

bool DocValue::erase(std::string_view key) {
  auto it =
      std::find_if(entries.begin(), entries.end(), [&](const DocEntry& e) { return e.key == key; });
  if (it == entries.end()) return false;
  entries.erase(it);
  return true;
}

DocValue DocValue::table(SourcePosition where) {
  DocValue v;
  v.type = Type::table;
  v.where = std::move(where);
  return v;
}

DocValue DocValue::array(SourcePosition where) {
  DocValue v;
  v.type = Type::array;
  v.where = std::move(where);
  return v;
}

DocValue DocValue::string(std::string text, SourcePosition where) {
  DocValue v;
  v.type = Type::string;
  v.text = std::move(text);
  v.where = std::move(where);
  return v;
}

DocValue DocValue::integer_value(std::int64_t n, SourcePosition where) {
  DocValue v;
  v.type = Type::integer;
  v.integer = n;
  v.where = std::move(where);
  return v;
}

DocValue DocValue::floating_value(double x, SourcePosition where) {
  DocValue v;
  v.type = Type::floating;
  v.floating = x;
  v.where = std::move(where);
  return v;
}

std::string_view type_name(DocValue::Type type) {
  switch (type) {
    case DocValue::Type::table:
      return "a table";
    case DocValue::Type::array:
      return "an array";
    case DocValue::Type::string:
      return "a string";
    case DocValue::Type::integer:
      return "an integer";
    case DocValue::Type::floating:
      return "a float";
    case DocValue::Type::boolean:
      return "a boolean";
    case DocValue::Type::date_time:
      return "a date-time";
  }
  return "a value";
}

bool is_bare_key(std::string_view key) {
  if (key.empty()) return false;
  return std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

std::string key_path(std::string_view parent, std::string_view key) {
  std::string out(parent);
  if (!out.empty()) out += '.';
  out += toml_key(key);
  return out;
}

}  // namespace spendcast::scenario
