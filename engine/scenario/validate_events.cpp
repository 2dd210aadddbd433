#include <fmt/format.h>

#include <algorithm>

#include "scenario/render.hpp"
#include "scenario/validate.hpp"

namespace spendcast::scenario {

namespace {

/// A vendor or segment named by an event: which composition and its index.
struct CategoryRef {
  CompositionSpec* composition = nullptr;
  int index = -1;
};

std::vector<std::string> all_category_names(const Build& b) {
  std::vector<std::string> names;
  for (const auto* c : {&b.spec.vendors, &b.spec.segments})
    if (*c)
      for (const auto& cat : (*c)->categories) names.push_back(cat.name);
  return names;
}

/// Resolves a category name across vendors and segments; reports unknown or ambiguous.
std::optional<CategoryRef> find_category(Build& b, const std::string& name,
                                         const SourcePosition& where, const std::string& path) {
  std::vector<CategoryRef> hits;
  for (auto* c : {&b.spec.vendors, &b.spec.segments})
    if (*c && (*c)->index_of(name) >= 0) hits.push_back(CategoryRef{&**c, (*c)->index_of(name)});
  if (hits.size() == 1) return hits.front();
  if (hits.empty() && !b.failed_compositions.empty()) return std::nullopt;  // cause reported
  if (hits.size() > 1) {
    b.diagnostics.error(where, fmt::format("{}: ambiguous (got {}; expected a name that is a "
                                           "vendor or a segment, not both)",
                                           path, quote_raw(name)));
  } else {
    report_unknown_name(where, path, "vendor or segment", name, all_category_names(b),
                        b.diagnostics);
  }
  return std::nullopt;
}

void read_shifts(Build& b, const Section& ev, const std::string& key, std::vector<NamedDist>& out) {
  Section s = ev.sub(key);
  if (!s.present()) return;
  for (const DocEntry& e : s.table()->entries) {
    const std::string path = s.path(e.key);
    auto dist = read_dist(e.value, path, any_real, b.diagnostics);
    if (!find_category(b, e.key, e.key_where, path) || !dist) continue;
    out.push_back(NamedDist{e.key, *dist});
  }
}

std::optional<DistSpec> effect(Build& b, const Section& ev, const std::string& key,
                               const ValueRange& range) {
  const DocValue* v = ev.get(key);
  if (!v) return std::nullopt;
  return read_dist(*v, ev.path(key), range, b.diagnostics);
}

void read_event(Build& b, const DocValue& item, std::size_t index) {
  const DocValue* name_value = item.find("name");
  const bool named = name_value && name_value->is_string() && is_identifier(name_value->text);
  const std::string label =
      named ? key_path("event", name_value->text) : fmt::format("event[{}]", index);
  Section ev(&item, label, item.where, b.diagnostics);
  ev.allow_only({"name", "description", "hazard", "from", "until", "max_count", "spend_jump",
                 "growth_shift", "duration", "share_shift", "momentum_shift", "enters",
                 "entry_share", "remove"});
  EventSpec e;
  e.where = item.where;
  if (const DocValue* n = ev.require("name", "the event's name, e.g. name = \"correction\"")) {
    if (auto text = read_string(*n, ev.path("name"), b.diagnostics)) {
      if (is_identifier(*text))
        e.name = *text;
      else
        report_invalid(*n, ev.path("name"), "a name of letters, digits, '_' and '-'",
                       b.diagnostics);
    }
  }
  if (const DocValue* d = ev.get("description"))
    if (auto text = read_string(*d, ev.path("description"), b.diagnostics)) e.description = *text;
  if (const DocValue* r = ev.get("remove")) read_bool(*r, ev.path("remove"), b.diagnostics);
  e.hazard = b.required_theta(ev, "hazard", ev.path("hazard"), unit_interval);

  // The window is in calendar years; only projected years can fire. A window that starts
  // in an observed year (typically inherited from a parent whose base year is earlier) is
  // clipped to the first projected year, with a warning; one that ends before it never
  // fires (docs/SCENARIO-FORMAT.md, "Events").
  const SimulationSpec& sim = b.spec.simulation;
  const int first_projected = sim.base_year + 1;
  e.first_year = first_projected;
  e.last_year = sim.horizon;
  int written_from = first_projected;
  const DocValue* from = ev.get("from");
  if (from) {
    const std::int64_t hi = b.horizon_ok ? sim.horizon : max_year + 50;
    if (auto y =
            read_integer(*from, ev.path("from"), min_year, hi,
                         b.horizon_ok ? fmt::format("a year up to the horizon {} (the window is "
                                                    "clipped to the projected years, from {})",
                                                    hi, first_projected)
                                      : std::string("a projected year"),
                         b.diagnostics)) {
      written_from = static_cast<int>(*y);
      e.first_year = std::max(written_from, first_projected);
    }
  }
  bool clipped_away = false;
  if (const DocValue* until = ev.get("until")) {
    const std::int64_t lo = b.horizon_ok ? written_from : min_year;
    const std::int64_t hi = b.horizon_ok ? sim.horizon : max_year + 50;
    if (auto y = read_integer(*until, ev.path("until"), lo, hi,
                              b.horizon_ok ? fmt::format("a year from {} to {}: not before from, "
                                                         "not after the horizon",
                                                         lo, hi)
                                           : std::string("a projected year"),
                              b.diagnostics)) {
      e.last_year = static_cast<int>(*y);
      if (b.horizon_ok && e.last_year < first_projected) {
        clipped_away = true;
        b.diagnostics.warning(
            until->where,
            fmt::format("{}: the window ends in an observed year (got {}; expected a year from "
                        "{}, the first projected year: the event never fires. Remove it with "
                        "remove = true, or move the window)",
                        ev.path("until"), *y, first_projected));
      }
    }
  }
  if (from && b.horizon_ok && b.base_year_ok && written_from < first_projected && !clipped_away)
    b.diagnostics.warning(
        from->where,
        fmt::format("{}: clipped to the first projected year (got {}; base_year is {}, so the "
                    "window starts in {}; write from = {} to say so)",
                    ev.path("from"), written_from, sim.base_year, first_projected,
                    first_projected));
  if (const DocValue* count = ev.get("max_count")) {
    if (auto n = read_integer(*count, ev.path("max_count"), 1, 1'000'000,
                              "an integer from 1 to 1000000", b.diagnostics))
      e.max_count = static_cast<int>(*n);
  }
  e.spend_jump = effect(b, ev, "spend_jump", positive);
  e.growth_shift = effect(b, ev, "growth_shift", any_real);
  e.duration = effect(b, ev, "duration", positive);
  if (const DocValue* duration = ev.get("duration"); duration && !ev.get("growth_shift"))
    b.diagnostics.error(duration->where,
                        fmt::format("{}: without growth_shift (got {}; expected growth_shift in "
                                    "the same event: duration is how long the shift lasts)",
                                    ev.path("duration"), render_got(*duration)));
  read_shifts(b, ev, "share_shift", e.share_shift);
  read_shifts(b, ev, "momentum_shift", e.momentum_shift);

  const DocValue* enters = ev.get("enters");
  const DocValue* share = ev.get("entry_share");
  if (enters) {
    if (!share)
      ev.require("entry_share", "the entrant's share on entry, in (0, 1), because enters is given");
    if (auto name = read_string(*enters, ev.path("enters"), b.diagnostics)) {
      if (auto ref = find_category(b, *name, enters->where, ev.path("enters"))) {
        const CategorySpec& cat =
            ref->composition->categories[static_cast<std::size_t>(ref->index)];
        if (!cat.entrant) {
          b.diagnostics.error(
              enters->where,
              fmt::format("{}: not an entrant (got {}; expected the name of an "
                          "entrant declared in {}.entrants)",
                          ev.path("enters"), quote_raw(*name), ref->composition->kind));
        } else if (!e.name.empty() && cat.entry_event != e.name) {
          b.diagnostics.error(
              enters->where,
              fmt::format("{}: entrant enters with another event (got {}, whose "
                          "entry_event is \"{}\"; expected entry_event = \"{}\")",
                          ev.path("enters"), quote_raw(*name), printable(cat.entry_event), e.name));
        } else {
          e.enters = *name;
        }
      }
    }
  } else if (share) {
    b.diagnostics.error(share->where,
                        fmt::format("{}: without enters (got {}; expected enters = \"NAME\" of "
                                    "an entrant in the same event)",
                                    ev.path("entry_share"), render_got(*share)));
  }
  if (enters && share)
    e.entry_share = read_dist(*share, ev.path("entry_share"), open_unit, b.diagnostics);
  b.spec.events.push_back(std::move(e));
}

}  // namespace

void read_events(Build& b) {
  const DocValue* events = b.root.get("event");
  if (!events) return;
  if (!read_array(*events, "event", "an array of tables, [[event]]", b.diagnostics)) return;
  if (events->items.size() > max_events) {
    report_range(*events, "event", fmt::format("at most {} events", max_events), b.diagnostics);
    return;
  }
  for (std::size_t i = 0; i < events->items.size(); ++i) {
    const DocValue& item = events->items[i];
    if (!item.is_table()) {
      report_type(item, fmt::format("event[{}]", i), "a table, [[event]]", b.diagnostics);
      continue;
    }
    read_event(b, item, i);
  }
}

void check_entrants(Build& b) {
  std::vector<std::string> names;
  for (const auto& e : b.spec.events)
    if (!e.name.empty()) names.push_back(e.name);
  const DocValue* events = b.root.get("event");
  for (const EntrantRef& entrant : b.entrants) {
    auto it = std::find_if(b.spec.events.begin(), b.spec.events.end(),
                           [&](const EventSpec& e) { return e.name == entrant.entry_event; });
    if (it == b.spec.events.end()) {
      // An event that failed to validate but carries the name is reported already.
      bool named_in_doc = false;
      if (events && events->is_array())
        for (const DocValue& item : events->items)
          if (const DocValue* n = item.find("name");
              n && n->is_string() && n->text == entrant.entry_event)
            named_in_doc = true;
      if (!named_in_doc)
        report_unknown_name(entrant.entry_event_value->where, entrant.path, "event",
                            entrant.entry_event, names, b.diagnostics);
      continue;
    }
    const DocValue* item = nullptr;
    if (events && events->is_array())
      for (const DocValue& candidate : events->items)
        if (const DocValue* n = candidate.find("name"); n && n->is_string() && n->text == it->name)
          item = &candidate;
    const DocValue* enters = item ? item->find("enters") : nullptr;
    if (!enters) {
      b.diagnostics.error(
          entrant.entry_event_value->where,
          fmt::format("{}: the event does not enter this entrant (got \"{}\"; "
                      "expected enters = \"{}\" and entry_share in event '{}')",
                      entrant.path, printable(entrant.entry_event), entrant.name, it->name));
    } else if (!enters->is_string() || enters->text != entrant.name) {
      // A different `enters` in that event is reported there ("enters with another event"
      // or unknown); say here which entrant is left without an entry.
      b.diagnostics.error(entrant.entry_event_value->where,
                          fmt::format("{}: the event enters something else (got \"{}\", which "
                                      "enters {}; expected enters = \"{}\")",
                                      entrant.path, printable(entrant.entry_event),
                                      render_got(*enters), entrant.name));
    }
  }
}

}  // namespace spendcast::scenario
