#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <limits>

#include "scenario/load.hpp"
#include "scenario/merge.hpp"
#include "scenario/render.hpp"

namespace spendcast::scenario {

namespace {

using scenario::DocEntry;
using scenario::DocValue;

/// The order in which `show` writes the keys of each table it knows (empty: file order).
std::vector<std::string> canonical_order(const std::string& section) {
  if (section == "scenario") return {"name", "title", "description"};
  if (section == "simulation")
    return {"base_year", "horizon", "steps_per_year", "paths", "seed", "sampling"};
  if (section == "data") return {"source", "spend", "vendors", "segments"};
  if (section == "spend")
    return {"long_run_growth",   "persistence", "volatility",
            "growth_volatility", "ceiling",     "allow_ceiling_below_spend",
            "initial_growth"};
  if (section == "vendors" || section == "segments") {
    std::vector<std::string> keys{"persistence",      "volatility",  "diversification", "drift",
                                  "initial_momentum", "correlation", "entrants"};
    if (section == "vendors") keys.insert(keys.begin(), "of");
    return keys;
  }
  if (section == "event")
    return {"name",           "description", "hazard",       "from",     "until",
            "max_count",      "spend_jump",  "growth_shift", "duration", "share_shift",
            "momentum_shift", "enters",      "entry_share"};
  if (section == "correlation") return {"between", "rho"};
  if (section == "report") return {"quantiles", "thresholds"};
  return {};
}

std::string origin_text(const SourcePosition& where);

SourcePosition defaulted(std::string why) {
  return SourcePosition{std::move(why), 0, 0};
}

/// Sets `key` of `table` to `value` unless present.
void fill(DocValue& table, const std::string& key, DocValue value) {
  if (!table.find(key)) table.set(key, value.where, std::move(value));
}

DocValue& section(DocValue& doc, const std::string& key, const SourcePosition& where) {
  if (DocValue* v = doc.find(key)) return *v;
  return doc.set(key, where, DocValue::table(where));
}

/// Writes out the defaults of [scenario], [simulation], [spend] and the vendors' and
/// segments' diversification.
void fill_section_defaults(DocValue& doc, const ScenarioSpec& spec) {
  const SourcePosition dflt = defaulted("default");
  fill(section(doc, "scenario", dflt), "name",
       DocValue::string(spec.name, defaulted("default: the file name")));
  DocValue& sim = section(doc, "simulation", dflt);
  fill(sim, "base_year",
       DocValue::integer_value(spec.simulation.base_year,
                               defaulted("default: the last observed year")));
  fill(sim, "steps_per_year", DocValue::integer_value(spec.simulation.steps_per_year, dflt));
  fill(sim, "paths",
       DocValue::integer_value(static_cast<std::int64_t>(spec.simulation.paths), dflt));
  fill(sim, "seed", DocValue::integer_value(static_cast<std::int64_t>(spec.simulation.seed), dflt));
  fill(sim, "sampling",
       DocValue::string(spec.simulation.sampling == Sampling::lhs ? "lhs" : "mc", dflt));
  fill(section(doc, "spend", dflt), "growth_volatility", DocValue::floating_value(0.0, dflt));
  for (const auto* c : {&spec.vendors, &spec.segments})
    if (*c)
      fill(section(doc, (*c)->kind, dflt), "diversification", DocValue::floating_value(0.0, dflt));
}

/// Writes out each [[event]]'s window and max_count (a window clipped to the projected
/// years as clipped) and drops its `remove`.
void fill_event_defaults(DocValue& doc, const ScenarioSpec& spec) {
  const SourcePosition dflt = defaulted("default");
  DocValue* events = doc.find("event");
  if (!events) return;
  for (std::size_t i = 0; i < events->items.size() && i < spec.events.size(); ++i) {
    DocValue& e = events->items[i];
    e.erase("remove");
    const EventSpec& es = spec.events[i];
    // A window clipped to the projected years is written as clipped, so that the output
    // loads to the same spec without the warning.
    if (const DocValue* from = e.find("from"); from && from->type == DocValue::Type::integer &&
                                               from->integer < es.first_year &&
                                               es.first_year <= es.last_year)
      e.set("from", from->where,
            DocValue::integer_value(
                es.first_year,
                defaulted(fmt::format("clipped to the first projected year ({} says {})",
                                      origin_text(from->where), from->integer))));
    fill(e, "from", DocValue::integer_value(es.first_year, dflt));
    fill(e, "until", DocValue::integer_value(spec.events[i].last_year, dflt));
    fill(e, "max_count", DocValue::integer_value(spec.events[i].max_count, dflt));
  }
}

/// Writes out the base year's vendor and segment splits carried forward from an earlier
/// year (when none was observed).
void fill_carried_shares(DocValue& doc, const ScenarioSpec& spec) {
  for (const auto* c : {&spec.vendors, &spec.segments}) {
    if (!*c || !(*c)->carried_from_year) continue;
    DocValue* data = doc.find("data");
    DocValue* shares = data ? data->find((*c)->kind) : nullptr;
    const DocValue* carried =
        shares ? shares->find(std::to_string(*(*c)->carried_from_year)) : nullptr;
    if (!carried) continue;
    DocValue copy = *carried;
    copy.where =
        defaulted(fmt::format("default: no {} split observed, the {} split carried "
                              "forward (momentum 0)",
                              spec.simulation.base_year, *(*c)->carried_from_year));
    shares->set(std::to_string(spec.simulation.base_year), copy.where, std::move(copy));
  }
}

/// The document with every default written out, so that the output says everything.
DocValue with_defaults(const LoadedScenario& loaded) {
  DocValue doc = loaded.document;
  const ScenarioSpec& spec = loaded.spec;
  fill_section_defaults(doc, spec);
  fill_event_defaults(doc, spec);
  fill_carried_shares(doc, spec);
  const SourcePosition dflt = defaulted("default");
  DocValue& report = section(doc, "report", dflt);
  if (!report.find("quantiles")) {
    DocValue q = DocValue::array(dflt);
    for (double x : spec.report.quantiles) q.items.push_back(DocValue::floating_value(x, dflt));
    fill(report, "quantiles", std::move(q));
  }
  return doc;
}

std::string origin_text(const SourcePosition& where) {
  if (where.line > 0) return fmt::format("{}:{}", scenario::printable(where.origin), where.line);
  if (where.origin.starts_with("--set")) return "--set";
  return scenario::printable(where.origin);
}

/// The origins of a value written whole: its own, then those of parts that came from
/// elsewhere (another file, or --set).
void collect_origins(const DocValue& v, const std::string& own_origin,
                     std::vector<std::string>& out) {
  if (out.empty() || v.where.origin != own_origin) {
    const std::string o = origin_text(v.where);
    if (std::find(out.begin(), out.end(), o) == out.end()) out.push_back(o);
  }
  for (const DocEntry& e : v.entries) collect_origins(e.value, own_origin, out);
  for (const DocValue& item : v.items) collect_origins(item, own_origin, out);
}

std::vector<const DocEntry*> ordered(const DocValue& table, const std::string& section) {
  std::vector<const DocEntry*> out;
  const std::vector<std::string> order = canonical_order(section);
  for (const std::string& key : order)
    if (const DocEntry* e = table.find_entry(key)) out.push_back(e);
  for (const DocEntry& e : table.entries)
    if (std::find(order.begin(), order.end(), e.key) == order.end()) out.push_back(&e);
  return out;
}

void write_entries(std::string& out, const DocValue& table, const std::string& prefix,
                   std::vector<std::string>& path, const std::string& section) {
  const bool top = prefix.empty();
  for (const DocEntry* e : top ? ordered(table, section) : ordered(table, "")) {
    path.push_back(e->key);
    const std::string key = prefix + scenario::toml_key(e->key);
    if (e->value.is_table() && !scenario::is_whole_value(path, e->value)) {
      write_entries(out, e->value, key + ".", path, section);
    } else {
      std::vector<std::string> origins;
      collect_origins(e->value, e->value.where.origin, origins);
      const std::string text = e->value.is_string() ? scenario::toml_text(e->value.text)
                                                    : scenario::render_inline(e->value);
      out += fmt::format("{} = {}  # {}\n", key, text, fmt::join(origins, ", "));
    }
    path.pop_back();
  }
}

/// The starting point the engine derives from the data (docs/MODEL.md §2, §3), as
/// comments: the spend growth into the base year and every category's starting momentum.
std::string derived_start(const ScenarioSpec& spec) {
  const int y0 = spec.simulation.base_year;
  std::string out = fmt::format(
      "\n# Starting point derived from the data (docs/MODEL.md §2, §3), base year {}:\n", y0);
  const SpendSpec& sp = spec.spend;
  if (sp.initial_growth)
    out += fmt::format("#   spend {:g} $B; growth into {}: spend.initial_growth\n",
                       sp.base_spend_usd_bn, y0);
  else if (sp.observed_growth)
    out += fmt::format("#   spend {:g} $B; growth into {}: {:.3f} a year (observed, {} to {})\n",
                       sp.base_spend_usd_bn, y0, *sp.observed_growth, y0 - 1, y0);
  for (const auto* c : {&spec.vendors, &spec.segments}) {
    if (!*c) continue;
    const CompositionSpec& comp = **c;
    if (comp.carried_from_year)
      out += fmt::format("#   {}: no {} split observed; the {} split is carried forward\n",
                         comp.kind, y0, *comp.carried_from_year);
    std::vector<std::string> parts;
    for (const CategorySpec& cat : comp.categories) {
      if (cat.entrant) continue;
      const bool set = std::any_of(comp.initial_momentum.begin(), comp.initial_momentum.end(),
                                   [&](const NamedDist& m) { return m.name == cat.name; });
      if (set)
        parts.push_back(fmt::format("{} (initial_momentum)", cat.name));
      else
        parts.push_back(fmt::format("{} {:+.3f}", cat.name, cat.observed_momentum.value_or(0.0)));
    }
    out += fmt::format("#   {} starting momentum, a year: {}\n", comp.kind, fmt::join(parts, ", "));
  }
  return out;
}

}  // namespace

std::string show_scenario(const LoadedScenario& scenario) {
  const DocValue doc = with_defaults(scenario);
  std::string out = fmt::format(
      "# spendcast show: scenario \"{}\" from {}, with extends and --set applied.\n"
      "# Every value is followed by where it came from.\n",
      scenario.spec.name, scenario::printable(scenario.spec.origin));
  for (const std::string name : {"scenario", "simulation", "data", "spend", "vendors", "segments",
                                 "event", "correlation", "report"}) {
    const DocValue* v = doc.find(name);
    if (!v) continue;
    if (name == "event" || name == "correlation") {
      for (const DocValue& item : v->items) {
        std::vector<std::string> path{name};
        if (name == "event") path.push_back(scenario::event_name(item));
        out += fmt::format("\n[[{}]]\n", name);
        write_entries(out, item, "", path, name);
      }
      continue;
    }
    std::vector<std::string> path{name};
    out += fmt::format("\n[{}]\n", name);
    write_entries(out, *v, "", path, name);
  }
  out += derived_start(scenario.spec);
  return out;
}

}  // namespace spendcast::scenario
