#include "scenario/schema.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>

#include "scenario/format_keys.hpp"

namespace spendcast::scenario {

namespace {

using Json = nlohmann::ordered_json;

/// Category and event names (fields.hpp's is_identifier).
constexpr std::string_view identifier_pattern = "^[A-Za-z0-9_-]+$";
/// Years written as keys (validate.hpp's parse_year_key: 1000 to 9999).
constexpr std::string_view year_pattern = "^[1-9][0-9]{3}$";
/// One side of "LO to HI" (value_forms.cpp's parse_plain_number): a decimal number,
/// underscores between digits allowed.
constexpr std::string_view plain_number =
    "[+-]?(?:[0-9](?:_?[0-9])*(?:\\.(?:[0-9](?:_?[0-9])*)?)?|\\.[0-9](?:_?[0-9])*)"
    "(?:[eE][+-]?[0-9](?:_?[0-9])*)?";

/// A bound as JSON: an integer when it is one (years, counts), else a double.
Json bound(double x) {
  if (std::trunc(x) == x && std::fabs(x) < 9007199254740992.0) return static_cast<std::int64_t>(x);
  return x;
}

/// `schema` with the bounds of `range` (minimum / exclusiveMinimum, ...).
Json with_range(Json schema, const ValueRange& range) {
  if (std::isfinite(range.lo))
    schema[range.lo_open ? "exclusiveMinimum" : "minimum"] = bound(range.lo);
  if (std::isfinite(range.hi))
    schema[range.hi_open ? "exclusiveMaximum" : "maximum"] = bound(range.hi);
  return schema;
}

Json number_in(const ValueRange& range) {
  return with_range(Json{{"type", "number"}}, range);
}

Json pattern(std::string_view p) {
  return Json{{"type", "string"}, {"pattern", p}};
}

/// A value: a number, "LO to HI" or { dist = ... } (value_forms.hpp's read_dist).
Json value_schema(const ValueRange& range) {
  Json constant = number_in(range);
  constant["description"] =
      range.unbounded() ? "A constant." : fmt::format("A constant, {}.", range.describe());
  return Json{{"oneOf",
               {constant, Json{{"$ref", "#/definitions/interval"}},
                Json{{"$ref", "#/definitions/distribution"}}}}};
}

Json table_schema(const KeyTable& table);

/// A file path, or a non-empty array of them (Form::paths).
Json paths_schema() {
  return Json{{"oneOf",
               {Json{{"type", "string"}, {"minLength", 1}},
                Json{{"type", "array"}, {"items", {{"type", "string"}, {"minLength", 1}}}}}}};
}

/// One of the key's choices (Form::integer_choice: as integers; text_choice: strings).
Json choice_schema(const KeySpec& k) {
  Json values = Json::array();
  if (k.form == Form::integer_choice) {
    for (std::string_view c : k.choices) values.push_back(std::stoll(std::string(c)));
    return Json{{"enum", values}};
  }
  for (std::string_view c : k.choices) values.push_back(c);
  return Json{{"type", "string"}, {"enum", values}};
}

/// A seed: an integer >= 0, or a string of decimal digits up to 2^64 - 1 (Form::seed).
Json seed_schema() {
  return Json{
      {"oneOf",
       {Json{{"type", "integer"}, {"minimum", 0}, {"maximum", std::int64_t{9223372036854775807}}},
        Json{{"type", "string"},
             {"pattern", "^[0-9]{1,20}$"},
             {"description", "A seed of decimal digits, up to 18446744073709551615."}}}}};
}

/// The forms of one value: strings, booleans, numbers, choices, seeds and values.
Json scalar_schema(const KeySpec& k) {
  switch (k.form) {
    case Form::text:
      return Json{{"type", "string"}};
    case Form::scenario_name:
      return pattern("^[a-z0-9-]+$");
    case Form::identifier:
      return pattern(identifier_pattern);
    case Form::paths:
      return paths_schema();
    case Form::boolean:
      return Json{{"type", "boolean"}};
    case Form::integer:
      return with_range(Json{{"type", "integer"}}, k.range);
    case Form::integer_choice:
    case Form::text_choice:
      return choice_schema(k);
    case Form::seed:
      return seed_schema();
    case Form::number:
      return number_in(k.range);
    case Form::value:
      return value_schema(k.range);
    default:
      return Json::object();
  }
}

/// The forms written as tables: named values, values by year, sub-tables and thresholds.
Json object_schema(const KeySpec& k) {
  switch (k.form) {
    case Form::named_values:
      return Json{{"type", "object"},
                  {"propertyNames", pattern(identifier_pattern)},
                  {"additionalProperties", value_schema(k.range)}};
    case Form::spend_by_year:
      return Json{{"type", "object"},
                  {"propertyNames", pattern(year_pattern)},
                  {"additionalProperties", number_in(k.range)}};
    case Form::shares_by_year: {
      const Json shares{{"type", "object"},
                        {"propertyNames", pattern(identifier_pattern)},
                        {"additionalProperties", number_in(unit_interval)}};
      return Json{{"type", "object"},
                  {"propertyNames", pattern(year_pattern)},
                  {"additionalProperties", shares}};
    }
    case Form::table:
      return table_schema(*k.table);
    case Form::thresholds:
      return Json{{"type", "object"},
                  {"additionalProperties",
                   {{"type", "array"}, {"items", {{"type", "number"}}}, {"minItems", 1}}}};
    default:
      return Json::object();
  }
}

/// The forms written as arrays: of tables, names, correlation triples and numbers.
Json array_schema(const KeySpec& k) {
  switch (k.form) {
    case Form::table_array:
      return Json{{"type", "array"}, {"items", table_schema(*k.table)}};
    case Form::name_pair:
      return Json{
          {"type", "array"}, {"items", {{"type", "string"}}}, {"minItems", 2}, {"maxItems", 2}};
    case Form::rho_pairs: {
      const Json pair{
          {"type", "array"},
          {"items", {Json{{"type", "string"}}, Json{{"type", "string"}}, number_in(k.range)}},
          {"additionalItems", false},
          {"minItems", 3}};
      return Json{{"type", "array"}, {"items", pair}};
    }
    case Form::probabilities:
      return Json{{"type", "array"}, {"items", number_in(k.range)}, {"minItems", 1}};
    case Form::numbers:
      return Json{{"type", "array"}, {"items", {{"type", "number"}}}, {"minItems", 1}};
    case Form::weights:
      return Json{{"type", "array"}, {"items", number_in(k.range)}};
    case Form::bounds:
      return Json{
          {"type", "array"}, {"items", {{"type", "number"}}}, {"minItems", 2}, {"maxItems", 2}};
    default:
      return Json::object();
  }
}

/// What a key's value may be, without its description. Every form is named here (so
/// that the compiler points out a new one), each in the function for its kind.
Json form_schema(const KeySpec& k) {
  switch (k.form) {
    case Form::text:
    case Form::scenario_name:
    case Form::identifier:
    case Form::paths:
    case Form::boolean:
    case Form::integer:
    case Form::integer_choice:
    case Form::text_choice:
    case Form::seed:
    case Form::number:
    case Form::value:
      return scalar_schema(k);
    case Form::named_values:
    case Form::spend_by_year:
    case Form::shares_by_year:
    case Form::table:
    case Form::thresholds:
      return object_schema(k);
    case Form::table_array:
    case Form::name_pair:
    case Form::rho_pairs:
    case Form::probabilities:
    case Form::numbers:
    case Form::weights:
    case Form::bounds:
      return array_schema(k);
  }
  return Json::object();
}

/// The hover text: what the key means, what it takes, and whether `validate` requires it.
std::string describe(const KeySpec& k) {
  std::string text{k.doc};
  if (k.form == Form::value || k.form == Form::named_values)
    text += fmt::format(" Takes a number, \"LO to HI\" (a 90 % interval) or {{ dist = ... }}{}.",
                        k.range.unbounded() ? "" : ", its draws " + k.range.describe());
  if (k.required) text += " Required in the resolved scenario (it may come from a parent file).";
  return text;
}

Json key_schema(const KeySpec& k) {
  Json schema{{"description", describe(k)},
              {"markdownDescription", fmt::format("**`{}`**: {}", k.key, describe(k))}};
  schema.update(form_schema(k));
  return schema;
}

Json table_schema(const KeyTable& table) {
  Json properties = Json::object();
  for (const KeySpec& k : table.keys) properties[std::string(k.key)] = key_schema(k);
  return Json{{"type", "object"},
              {"description", table.doc},
              {"properties", properties},
              {"additionalProperties", false}};
}

/// One `{ dist = NAME, ... }` form: `dist` fixed, its keys and no others.
Json dist_form_schema(const DistForm& form) {
  Json schema = table_schema(*form.keys);
  schema["properties"]["dist"] = Json{{"const", form.name}};
  Json required = Json::array();
  for (const KeySpec& k : form.keys->keys)
    if (k.required) required.push_back(k.key);
  schema["required"] = required;
  if (form.name == "lognormal") {
    Json pairs = Json::array();
    for (const auto& pair : lognormal_pairs()) {
      Json allowed = Json::array({"dist", pair[0], pair[1], "truncate"});
      pairs.push_back(
          Json{{"required", {pair[0], pair[1]}}, {"propertyNames", {{"enum", allowed}}}});
    }
    schema["oneOf"] = pairs;
  }
  return schema;
}

Json definitions() {
  Json kinds = Json::array();
  Json forms = Json::array();
  for (const DistForm& f : dist_forms()) {
    kinds.push_back(f.name);
    forms.push_back(dist_form_schema(f));
  }
  const KeySpec& dist = (*dist_forms().front().keys)["dist"];
  return Json{{"interval",
               {{"type", "string"},
                {"pattern", fmt::format("^[ \\t]*{0}[ \\t]+to[ \\t]+{0}[ \\t]*$", plain_number)},
                {"description",
                 "\"LO to HI\": a 90 % interval, LO < HI: lognormal when LO > 0, else normal."}}},
              {"distribution",
               {{"type", "object"},
                {"description",
                 "{ dist = ..., ... }: a distribution by its parameters, optionally "
                 "with truncate = [lo, hi]."},
                {"required", {"dist"}},
                {"properties",
                 {{"dist", {{"description", dist.doc}, {"type", "string"}, {"enum", kinds}}}}},
                {"oneOf", forms}}}};
}

}  // namespace

std::string scenario_schema() {
  Json schema{{"$schema", "http://json-schema.org/draft-07/schema#"},
              {"title", "spendcast scenario"}};
  schema.update(table_schema(root_keys()));
  schema["definitions"] = definitions();
  return schema.dump(2) + "\n";
}

}  // namespace spendcast::scenario
