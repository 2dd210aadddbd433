#include "new_scenario.hpp"

#include <fmt/format.h>

#include <vector>

#include "scenario/render.hpp"

namespace spendcast::cli {

namespace {

using scenario::DocValue;

/// The value at a dotted path of the resolved document, as inline TOML, or empty.
std::string value_at(const DocValue& doc, const std::vector<std::string>& path) {
  const DocValue* v = &doc;
  for (const std::string& key : path) {
    v = v->is_table() ? v->find(key) : nullptr;
    if (!v) return {};
  }
  return v->is_string() ? scenario::toml_string(v->text) : scenario::render_inline(*v, 70);
}

/// "# key = VALUE" with the parent's value, or nothing when the parent has no such key.
std::string commented(const DocValue& doc, const std::vector<std::string>& path,
                      std::string_view why = {}) {
  const std::string value = value_at(doc, path);
  if (value.empty()) return {};
  std::string line = fmt::format("# {} = {}", path.back(), value);
  if (!why.empty()) line = fmt::format("{:<44} # {}", line, why);
  return line + "\n";
}

/// The observed categories of a composition (the residual Other and entrants left out),
/// for the placeholders of the next year's shares.
std::string placeholder_shares(const scenario::CompositionSpec& c) {
  std::vector<std::string> parts;
  for (const scenario::CategorySpec& cat : c.categories)
    if (!cat.entrant && cat.name != "Other") parts.push_back(fmt::format("{} = 0.0", cat.name));
  return fmt::format("{{ {} }}", fmt::join(parts, ", "));
}

std::string next_year_block(const scenario::ScenarioSpec& spec) {
  const int next = spec.simulation.base_year + 1;
  std::string out = fmt::format(
      "# New data arrived? Uncomment base_year above and the lines below, and write the\n"
      "# {} figures in place of the 0.0 placeholders (they are not data: 0.0 is refused).\n"
      "# Without a {} split of a composition, its {} split is carried forward (show says\n"
      "# so), and inherited event windows that start before {} start in {}.\n"
      "# [data]\n"
      "# source = \"Who published the {} figures, and when\"\n"
      "# spend = {{ {} = 0.0 }}                      # USD billions\n",
      next, next, spec.simulation.base_year, next + 1, next + 1, next, next);
  for (const auto* c : {&spec.vendors, &spec.segments}) {
    if (!*c) continue;
    out += fmt::format("# [data.{}]\n# {} = {}\n", (*c)->kind, next, placeholder_shares(**c));
  }
  return out;
}

}  // namespace

std::string scenario_from_parent(const std::string& name, const scenario::LoadedScenario& parent,
                                 const std::string& extends_path) {
  const DocValue& doc = parent.document;
  const scenario::ScenarioSpec& spec = parent.spec;
  std::string out = fmt::format(
      "# {name}: a scenario written by `spendcast new` from {parent}.\n"
      "# It inherits everything from {parent} and validates as it is. The keys users change\n"
      "# most are below, commented out with {parent}'s values: uncomment one to change it.\n"
      "# `spendcast show {name}.toml` prints the resolved scenario, each value with its\n"
      "# origin; the format is docs/SCENARIO-FORMAT.md, the model docs/MODEL.md.\n\n"
      "[scenario]\n"
      "name = {quoted}\n"
      "# title = \"One line: what this scenario believes\"\n"
      "extends = {extends}\n\n"
      "[simulation]\n"
      "# base_year = {next}                          # the last observed year: see [data] "
      "below\n",
      fmt::arg("name", name), fmt::arg("parent", spec.name),
      fmt::arg("quoted", scenario::toml_string(name)),
      fmt::arg("extends", scenario::toml_string(extends_path)),
      fmt::arg("next", spec.simulation.base_year + 1));
  out += commented(doc, {"simulation", "horizon"}, "the last projected year");
  out += commented(doc, {"simulation", "paths"});
  out += commented(doc, {"simulation", "seed"}, "keep it to compare with the parent path by path");
  out += "\n" + next_year_block(spec);
  out += "\n[spend]\n";
  out += commented(doc, {"spend", "long_run_growth"}, "ḡ: the growth rate spend settles to");
  out += commented(doc, {"spend", "persistence"}, "φ: share of excess growth left a year on");
  out += commented(doc, {"spend", "volatility"}, "σ: yearly noise on ln spend");
  out += commented(doc, {"spend", "ceiling"}, "K: saturation level, USD bn a year");
  if (spec.vendors) {
    out += "\n[vendors]\n";
    out += commented(doc, {"vendors", "persistence"}, "ψ: share of momentum left a year on");
    out += commented(doc, {"vendors", "volatility"}, "ν: yearly noise on each vendor's logit");
    out += commented(doc, {"vendors", "diversification"});
    out += fmt::format("# drift = {{ {} = 0.0 }}{:<20} # the momentum a vendor reverts to\n",
                       spec.vendors->categories.front().name, "");
  }
  if (const DocValue* events = doc.find("event")) {
    for (const DocValue& item : events->items) {
      const DocValue* n = item.find("name");
      if (!n || !n->is_string()) continue;
      out += fmt::format(
          "\n# [[event]]                                  # inherited; change "
          "it by name\n# name = {}\n",
          scenario::toml_string(n->text));
      if (const DocValue* h = item.find("hazard"))
        out += fmt::format("# hazard = {}\n", scenario::render_inline(*h, 70));
      out += "# remove = true                             # or drop it\n";
    }
  }
  return out;
}

std::string scenario_from_data(const std::string& name, std::string_view data_text,
                               std::string_view data_name) {
  // The [data] tables of the data file, as written (comments and sources included), up to
  // its notes for authors (a line of dashes) or the end.
  std::string data;
  bool in_data = false;
  std::size_t pos = 0;
  while (pos < data_text.size()) {
    std::size_t end = data_text.find('\n', pos);
    if (end == std::string_view::npos) end = data_text.size();
    const std::string_view line = data_text.substr(pos, end - pos);
    pos = end + 1;
    if (line == "[data]") in_data = true;
    if (in_data && line.starts_with("# ----")) break;
    if (in_data) data += fmt::format("{}\n", line);
  }
  while (data.ends_with("\n\n")) data.pop_back();
  return fmt::format(
      "# {name}: a scenario written by `spendcast new`. It validates and runs as it is.\n"
      "# The [data] below is copied from {data_name}\n"
      "# (its sources are in its comments); the parameters after it are a neutral\n"
      "# starting point, not a forecast: change them. `spendcast show {name}.toml` prints\n"
      "# the resolved scenario; the format is docs/SCENARIO-FORMAT.md, the model\n"
      "# docs/MODEL.md.\n\n"
      "[scenario]\n"
      "name = {quoted}\n"
      "# title = \"One line: what this scenario believes\"\n\n"
      "[simulation]\n"
      "horizon = 2030                               # the last projected year\n"
      "paths = 10_000\n"
      "seed = 1\n"
      "# base_year = 2025                           # after adding 2025 figures below\n\n"
      "{data}\n"
      "# New data arrived? Add the newer year to spend and to each split, e.g.\n"
      "#   spend = {{ 2023 = 2.3, 2024 = 13.8, 2025 = ... }}\n"
      "# and set base_year. A split without the newer year carries its last year forward.\n\n"
      "[spend]\n"
      "long_run_growth = \"0.05 to 0.25\"             # ḡ: the growth rate spend settles to\n"
      "persistence = 0.5                            # φ: share of excess growth left a year on\n"
      "volatility = 0.12                            # σ: yearly noise on ln spend\n"
      "# ceiling = \"250 to 1500\"                    # K: saturation level, USD bn a year\n\n"
      "[vendors]\n"
      "of = \"models\"                                # vendors split the model-API segment\n"
      "persistence = 0.35                           # ψ: share of momentum left a year on\n"
      "volatility = 0.2                             # ν: yearly noise on each vendor's logit\n\n"
      "[segments]\n"
      "persistence = 0.5\n"
      "volatility = 0.08\n\n"
      "# [[event]]\n"
      "# name = \"correction\"\n"
      "# hazard = 0.1                               # chance of firing in a year\n"
      "# spend_jump = \"0.70 to 0.95\"                # spend multiplied by this when it fires\n",
      fmt::arg("name", name), fmt::arg("data_name", data_name),
      fmt::arg("quoted", scenario::toml_string(name)), fmt::arg("data", data));
}

}  // namespace spendcast::cli
