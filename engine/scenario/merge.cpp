#include "scenario/merge.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

namespace spendcast::scenario {

namespace {

bool is_composition(const std::string& key) {
  return key == "vendors" || key == "segments";
}

DocValue merge_tables(const DocValue& parent, const DocValue& child, std::vector<std::string>& path,
                      Diagnostics& diagnostics);

/// The unordered pair of θ names of a [[correlation]] entry, when it has one.
std::optional<std::pair<std::string, std::string>> correlation_pair(const DocValue& entry) {
  const DocValue* between = entry.find("between");
  if (!between || !between->is_array() || between->items.size() != 2) return std::nullopt;
  const DocValue& a = between->items[0];
  const DocValue& b = between->items[1];
  if (!a.is_string() || !b.is_string()) return std::nullopt;
  return std::minmax(a.text, b.text);
}

DocValue merge_events(const DocValue& parent, const DocValue& child, Diagnostics& diagnostics) {
  DocValue out = parent;
  out.where = child.where;
  for (const DocValue& event : child.items) {
    const std::string name = event.is_table() ? event_name(event) : std::string();
    auto same = [&](const DocValue& e) {
      return !name.empty() && e.is_table() && event_name(e) == name;
    };
    auto hit = std::find_if(out.items.begin(), out.items.end(), same);
    if (!name.empty() && is_removal(event)) {
      if (hit == out.items.end()) {
        diagnostics.warning(event.find("remove")->where,
                            fmt::format("{}: nothing to remove (got remove = true; expected an "
                                        "event named '{}' in a parent file)",
                                        key_path(key_path("event", name), "remove"), name));
      }
      out.items.erase(std::remove_if(out.items.begin(), out.items.end(), same), out.items.end());
    } else if (hit != out.items.end()) {
      std::vector<std::string> path{"event", name};
      *hit = merge_tables(*hit, event, path, diagnostics);
    } else {
      out.items.push_back(event);
    }
  }
  return out;
}

DocValue merge_correlations(const DocValue& parent, const DocValue& child) {
  DocValue out = parent;
  out.where = child.where;
  for (const DocValue& entry : child.items) {
    const auto pair = entry.is_table() ? correlation_pair(entry) : std::nullopt;
    auto hit = std::find_if(out.items.begin(), out.items.end(), [&](const DocValue& e) {
      return pair && e.is_table() && correlation_pair(e) == pair;
    });
    if (hit != out.items.end())
      *hit = entry;
    else
      out.items.push_back(entry);
  }
  return out;
}

DocValue merge_tables(const DocValue& parent, const DocValue& child, std::vector<std::string>& path,
                      Diagnostics& diagnostics) {
  DocValue out = parent;
  out.where = child.where;
  for (const DocEntry& entry : child.entries) {
    DocEntry* mine = out.find_entry(entry.key);
    const bool at_root = path.empty();
    if (mine && at_root && entry.key == "event" && mine->value.is_array() &&
        entry.value.is_array()) {
      mine->value = merge_events(mine->value, entry.value, diagnostics);
      mine->key_where = entry.key_where;
      continue;
    }
    if (mine && at_root && entry.key == "correlation" && mine->value.is_array() &&
        entry.value.is_array()) {
      mine->value = merge_correlations(mine->value, entry.value);
      mine->key_where = entry.key_where;
      continue;
    }
    path.push_back(entry.key);
    if (mine && mine->value.is_table() && entry.value.is_table() &&
        !is_whole_value(path, mine->value) && !is_whole_value(path, entry.value)) {
      mine->value = merge_tables(mine->value, entry.value, path, diagnostics);
      mine->key_where = entry.key_where;
    } else if (at_root && entry.key == "event" && entry.value.is_array()) {
      // No parent events: still apply the child's removals (they warn).
      out.set(entry.key, entry.key_where,
              merge_events(DocValue::array(entry.value.where), entry.value, diagnostics));
    } else {
      out.set(entry.key, entry.key_where, entry.value);
    }
    path.pop_back();
  }
  return out;
}

}  // namespace

std::string event_name(const DocValue& event) {
  const DocValue* name = event.find("name");
  return name && name->is_string() ? name->text : std::string();
}

bool is_removal(const DocValue& event) {
  const DocValue* remove = event.find("remove");
  return remove && remove->type == DocValue::Type::boolean && remove->boolean;
}

bool is_whole_value(std::span<const std::string> path, const DocValue& value) {
  if (value.is_table() && value.find("dist")) return true;
  if (path.size() == 2 && is_composition(path[0]) && path[1] == "correlation") return true;
  if (path.size() == 3 && path[0] == "data" && is_composition(path[1])) return true;
  return false;
}

DocValue merge_documents(const DocValue& parent, const DocValue& child, Diagnostics& diagnostics) {
  std::vector<std::string> path;
  return merge_tables(parent, child, path, diagnostics);
}

}  // namespace spendcast::scenario
