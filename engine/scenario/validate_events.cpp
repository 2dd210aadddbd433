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

std::vector<std::string> all_category_names(const ValidationContext& ctx) {
  std::vector<std::string> names;
  for (const auto* c : {&ctx.spec.vendors, &ctx.spec.segments})
    if (*c)
      for (const auto& cat : (*c)->categories) names.push_back(cat.name);
  return names;
}

/// Resolves a category name across vendors and segments; reports unknown or ambiguous.
std::optional<CategoryRef> find_category(ValidationContext& ctx, const std::string& name,
                                         const SourcePosition& where, const std::string& path) {
  std::vector<CategoryRef> hits;
  for (auto* c : {&ctx.spec.vendors, &ctx.spec.segments})
    if (*c && (*c)->index_of(name) >= 0) hits.push_back(CategoryRef{&**c, (*c)->index_of(name)});
  if (hits.size() == 1) return hits.front();
  if (hits.empty() && !ctx.failed_compositions.empty()) return std::nullopt;  // cause reported
  if (hits.size() > 1) {
    ctx.diagnostics.error(where, fmt::format("{}: ambiguous (got {}; expected a name that is a "
                                             "vendor or a segment, not both)",
                                             path, quote_raw(name)));
  } else {
    report_unknown_name(where, path, "vendor or segment", name, all_category_names(ctx),
                        ctx.diagnostics);
  }
  return std::nullopt;
}

void read_shifts(ValidationContext& ctx, const Section& ev, const KeySpec& key,
                 std::vector<NamedDist>& out) {
  Section s = ev.sub(key.key);
  if (!s.present()) return;
  for (const DocEntry& e : s.table()->entries) {
    const std::string path = s.path(e.key);
    auto dist = read_dist(e.value, path, key.range, ctx.diagnostics);
    if (!find_category(ctx, e.key, e.key_where, path) || !dist) continue;
    out.push_back(NamedDist{e.key, *dist});
  }
}

/// An event effect, `key` of the event: drawn at each firing, so not a θ.
std::optional<DistSpec> effect(ValidationContext& ctx, const Section& ev, const KeySpec& key) {
  const DocValue* v = ev.get(key.key);
  if (!v) return std::nullopt;
  return read_dist(*v, ev.path(key.key), key.range, ctx.diagnostics);
}

/// Reads the window, from and until (calendar years; only projected years can fire). A
/// window that starts in an observed year (typically inherited from a parent whose base
/// year is earlier) is clipped to the first projected year, with a warning; one that ends
/// before it never fires (docs/SCENARIO-FORMAT.md, "Events").
void read_window(ValidationContext& ctx, const Section& ev, EventSpec& e) {
  const SimulationSpec& sim = ctx.spec.simulation;
  const int first_projected = sim.base_year + 1;
  e.first_year = first_projected;
  e.last_year = sim.horizon;
  int written_from = first_projected;
  const DocValue* from = ev.get("from");
  if (from) {
    const std::int64_t hi = ctx.horizon_ok ? sim.horizon : max_year + 50;
    if (auto y =
            read_integer(*from, ev.path("from"), min_year, hi,
                         ctx.horizon_ok ? fmt::format("a year up to the horizon {} (the window is "
                                                      "clipped to the projected years, from {})",
                                                      hi, first_projected)
                                        : std::string("a projected year"),
                         ctx.diagnostics)) {
      written_from = static_cast<int>(*y);
      e.first_year = std::max(written_from, first_projected);
    }
  }
  bool clipped_away = false;
  if (const DocValue* until = ev.get("until")) {
    const std::int64_t lo = ctx.horizon_ok ? written_from : min_year;
    const std::int64_t hi = ctx.horizon_ok ? sim.horizon : max_year + 50;
    if (auto y = read_integer(*until, ev.path("until"), lo, hi,
                              ctx.horizon_ok ? fmt::format("a year from {} to {}: not before from, "
                                                           "not after the horizon",
                                                           lo, hi)
                                             : std::string("a projected year"),
                              ctx.diagnostics)) {
      e.last_year = static_cast<int>(*y);
      if (ctx.horizon_ok && e.last_year < first_projected) {
        clipped_away = true;
        ctx.diagnostics.warning(
            until->where,
            fmt::format("{}: the window ends in an observed year (got {}; expected a year from "
                        "{}, the first projected year: the event never fires. Remove it with "
                        "remove = true, or move the window)",
                        ev.path("until"), *y, first_projected));
      }
    }
  }
  if (from && ctx.horizon_ok && ctx.base_year_ok && written_from < first_projected && !clipped_away)
    ctx.diagnostics.warning(
        from->where,
        fmt::format("{}: clipped to the first projected year (got {}; base_year is {}, so the "
                    "window starts in {}; write from = {} to say so)",
                    ev.path("from"), written_from, sim.base_year, first_projected,
                    first_projected));
}

/// Reads max_count and the effects: spend_jump, growth_shift with its duration,
/// share_shift and momentum_shift.
void read_effects(ValidationContext& ctx, const Section& ev, const KeyTable& keys, EventSpec& e) {
  if (const DocValue* count = ev.get("max_count")) {
    const KeySpec& spec = keys["max_count"];
    if (auto n =
            read_integer(*count, ev.path("max_count"), spec.range, spec.expected, ctx.diagnostics))
      e.max_count = static_cast<int>(*n);
  }
  e.spend_jump = effect(ctx, ev, keys["spend_jump"]);
  e.growth_shift = effect(ctx, ev, keys["growth_shift"]);
  e.duration = effect(ctx, ev, keys["duration"]);
  if (const DocValue* duration = ev.get("duration"); duration && !ev.get("growth_shift"))
    ctx.diagnostics.error(duration->where,
                          fmt::format("{}: without growth_shift (got {}; expected growth_shift in "
                                      "the same event: duration is how long the shift lasts)",
                                      ev.path("duration"), render_got(*duration)));
  read_shifts(ctx, ev, keys["share_shift"], e.share_shift);
  read_shifts(ctx, ev, keys["momentum_shift"], e.momentum_shift);
}

/// Reads enters and entry_share, which go together: the entrant must be declared and enter
/// with this event.
void read_entry(ValidationContext& ctx, const Section& ev, const KeyTable& keys, EventSpec& e) {
  const DocValue* enters = ev.get("enters");
  const DocValue* share = ev.get("entry_share");
  if (enters) {
    if (!share)
      ev.require("entry_share", "the entrant's share on entry, in (0, 1), because enters is given");
    if (auto name = read_string(*enters, ev.path("enters"), ctx.diagnostics)) {
      if (auto ref = find_category(ctx, *name, enters->where, ev.path("enters"))) {
        const CategorySpec& cat =
            ref->composition->categories[static_cast<std::size_t>(ref->index)];
        if (!cat.entrant) {
          ctx.diagnostics.error(
              enters->where,
              fmt::format("{}: not an entrant (got {}; expected the name of an "
                          "entrant declared in {}.entrants)",
                          ev.path("enters"), quote_raw(*name), ref->composition->kind));
        } else if (!e.name.empty() && cat.entry_event != e.name) {
          ctx.diagnostics.error(
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
    ctx.diagnostics.error(share->where,
                          fmt::format("{}: without enters (got {}; expected enters = \"NAME\" of "
                                      "an entrant in the same event)",
                                      ev.path("entry_share"), render_got(*share)));
  }
  if (enters && share)
    e.entry_share =
        read_dist(*share, ev.path("entry_share"), keys["entry_share"].range, ctx.diagnostics);
}

void read_event(ValidationContext& ctx, const DocValue& item, std::size_t index) {
  const DocValue* name_value = item.find("name");
  const bool named = name_value && name_value->is_string() && is_identifier(name_value->text);
  const std::string label =
      named ? key_path("event", name_value->text) : fmt::format("event[{}]", index);
  Section ev(&item, label, item.where, ctx.diagnostics);
  const KeyTable& keys = event_keys();
  ev.allow_keys_of(keys);
  EventSpec e;
  e.where = item.where;
  if (const DocValue* n = ev.require(keys["name"])) {
    if (auto text = read_string(*n, ev.path("name"), ctx.diagnostics)) {
      if (is_identifier(*text))
        e.name = *text;
      else
        report_invalid(*n, ev.path("name"), "a name of letters, digits, '_' and '-'",
                       ctx.diagnostics);
    }
  }
  if (const DocValue* d = ev.get("description"))
    if (auto text = read_string(*d, ev.path("description"), ctx.diagnostics)) e.description = *text;
  if (const DocValue* r = ev.get("remove")) read_bool(*r, ev.path("remove"), ctx.diagnostics);
  e.hazard = ctx.required_theta(ev, keys["hazard"]);

  read_window(ctx, ev, e);
  read_effects(ctx, ev, keys, e);
  read_entry(ctx, ev, keys, e);
  ctx.spec.events.push_back(std::move(e));
}

}  // namespace

void read_events(ValidationContext& ctx) {
  const DocValue* events = ctx.root.get("event");
  if (!events) return;
  if (!read_array(*events, "event", "an array of tables, [[event]]", ctx.diagnostics)) return;
  if (events->items.size() > max_events) {
    report_range(*events, "event", fmt::format("at most {} events", max_events), ctx.diagnostics);
    return;
  }
  for (std::size_t i = 0; i < events->items.size(); ++i) {
    const DocValue& item = events->items[i];
    if (!item.is_table()) {
      report_type(item, fmt::format("event[{}]", i), "a table, [[event]]", ctx.diagnostics);
      continue;
    }
    read_event(ctx, item, i);
  }
}

void check_entrants(ValidationContext& ctx) {
  std::vector<std::string> names;
  for (const auto& e : ctx.spec.events)
    if (!e.name.empty()) names.push_back(e.name);
  const DocValue* events = ctx.root.get("event");
  for (const EntrantRef& entrant : ctx.entrants) {
    auto it = std::find_if(ctx.spec.events.begin(), ctx.spec.events.end(),
                           [&](const EventSpec& e) { return e.name == entrant.entry_event; });
    if (it == ctx.spec.events.end()) {
      // An event that failed to validate but carries the name is reported already.
      bool named_in_doc = false;
      if (events && events->is_array())
        for (const DocValue& item : events->items)
          if (const DocValue* n = item.find("name");
              n && n->is_string() && n->text == entrant.entry_event)
            named_in_doc = true;
      if (!named_in_doc)
        report_unknown_name(entrant.entry_event_value->where, entrant.path, "event",
                            entrant.entry_event, names, ctx.diagnostics);
      continue;
    }
    const DocValue* item = nullptr;
    if (events && events->is_array())
      for (const DocValue& candidate : events->items)
        if (const DocValue* n = candidate.find("name"); n && n->is_string() && n->text == it->name)
          item = &candidate;
    const DocValue* enters = item ? item->find("enters") : nullptr;
    if (!enters) {
      ctx.diagnostics.error(
          entrant.entry_event_value->where,
          fmt::format("{}: the event does not enter this entrant (got \"{}\"; "
                      "expected enters = \"{}\" and entry_share in event '{}')",
                      entrant.path, printable(entrant.entry_event), entrant.name, it->name));
    } else if (!enters->is_string() || enters->text != entrant.name) {
      // A different `enters` in that event is reported there ("enters with another event"
      // or unknown); say here which entrant is left without an entry.
      ctx.diagnostics.error(entrant.entry_event_value->where,
                            fmt::format("{}: the event enters something else (got \"{}\", which "
                                        "enters {}; expected enters = \"{}\")",
                                        entrant.path, printable(entrant.entry_event),
                                        render_got(*enters), entrant.name));
    }
  }
}

}  // namespace spendcast::scenario
