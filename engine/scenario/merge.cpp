#include "scenario/merge.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <unordered_map>
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
  // Index by name (names are unique after each file's own check), so that merging many
  // events stays linear; removed events are dropped at the end.
  std::unordered_map<std::string, std::size_t> by_name;
  for (std::size_t i = 0; i < out.items.size(); ++i)
    if (out.items[i].is_table() && !event_name(out.items[i]).empty())
      by_name.emplace(event_name(out.items[i]), i);
  std::vector<bool> removed(out.items.size(), false);
  for (const DocValue& event : child.items) {
    const std::string name = event.is_table() ? event_name(event) : std::string();
    auto hit = name.empty() ? by_name.end() : by_name.find(name);
    if (!name.empty() && is_removal(event)) {
      if (hit == by_name.end()) {
        diagnostics.warning(event.find("remove")->where,
                            fmt::format("{}: nothing to remove (got remove = true; expected an "
                                        "event named '{}' in a parent file)",
                                        key_path(key_path("event", name), "remove"), name));
      } else {
        removed[hit->second] = true;
        by_name.erase(hit);
      }
    } else if (hit != by_name.end()) {
      std::vector<std::string> path{"event", name};
      out.items[hit->second] = merge_tables(out.items[hit->second], event, path, diagnostics);
    } else {
      if (!name.empty()) by_name.emplace(name, out.items.size());
      out.items.push_back(event);
      removed.push_back(false);
    }
  }
  std::vector<DocValue> kept;
  kept.reserve(out.items.size());
  for (std::size_t i = 0; i < out.items.size(); ++i)
    if (!removed[i]) kept.push_back(std::move(out.items[i]));
  out.items = std::move(kept);
  return out;
}

DocValue merge_correlations(const DocValue& parent, const DocValue& child) {
  DocValue out = parent;
  out.where = child.where;
  std::map<std::pair<std::string, std::string>, std::size_t> by_pair;
  for (std::size_t i = 0; i < out.items.size(); ++i)
    if (auto pair = out.items[i].is_table() ? correlation_pair(out.items[i]) : std::nullopt)
      by_pair.emplace(*pair, i);
  for (const DocValue& entry : child.items) {
    const auto pair = entry.is_table() ? correlation_pair(entry) : std::nullopt;
    auto hit = pair ? by_pair.find(*pair) : by_pair.end();
    if (hit != by_pair.end()) {
      out.items[hit->second] = entry;
    } else {
      if (pair) by_pair.emplace(*pair, out.items.size());
      out.items.push_back(entry);
    }
  }
  return out;
}

DocValue merge_tables(const DocValue& parent, const DocValue& child, std::vector<std::string>& path,
                      Diagnostics& diagnostics) {
  DocValue out = parent;
  out.where = child.where;
  std::unordered_map<std::string, std::size_t> index;  // key -> entry, linear merging
  for (std::size_t i = 0; i < out.entries.size(); ++i) index.emplace(out.entries[i].key, i);
  for (const DocEntry& entry : child.entries) {
    auto found = index.find(entry.key);
    if (found == index.end()) {
      index.emplace(entry.key, out.entries.size());
      out.entries.push_back(
          DocEntry{entry.key, entry.key_where, DocValue::table(entry.value.where)});
      path.push_back(entry.key);
      DocValue& slot = out.entries.back().value;
      if (path.size() == 1 && entry.key == "event" && entry.value.is_array())
        slot = merge_events(DocValue::array(entry.value.where), entry.value, diagnostics);
      else
        slot = entry.value;
      path.pop_back();
      continue;
    }
    DocEntry& mine = out.entries[found->second];
    mine.key_where = entry.key_where;
    const bool at_root = path.empty();
    if (at_root && entry.key == "event" && mine.value.is_array() && entry.value.is_array()) {
      mine.value = merge_events(mine.value, entry.value, diagnostics);
      continue;
    }
    if (at_root && entry.key == "correlation" && mine.value.is_array() && entry.value.is_array()) {
      mine.value = merge_correlations(mine.value, entry.value);
      continue;
    }
    path.push_back(entry.key);
    if (mine.value.is_table() && entry.value.is_table() && !is_whole_value(path, mine.value) &&
        !is_whole_value(path, entry.value)) {
      mine.value = merge_tables(mine.value, entry.value, path, diagnostics);
    } else if (at_root && entry.key == "event" && entry.value.is_array()) {
      // The parent's `event` is not an array: still apply the child's removals (they warn).
      mine.value = merge_events(DocValue::array(entry.value.where), entry.value, diagnostics);
    } else {
      mine.value = entry.value;
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
