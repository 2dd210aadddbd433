#include "scenario/extends.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <unordered_map>
#include <vector>

#include "scenario/merge.hpp"
#include "scenario/render.hpp"
#include "scenario/toml_reader.hpp"

namespace spendcast::scenario {

namespace {

/// One `extends` entry: the path as written and where.
struct ParentRef {
  std::string path;
  SourcePosition where;
  std::string key;  ///< "scenario.extends" or "scenario.extends[1]"
};

std::string normalise(const std::string& path) {
  return std::filesystem::path(path).lexically_normal().generic_string();
}

std::string resolve_relative(const std::string& including, const std::string& path) {
  std::filesystem::path p(path);
  if (p.is_absolute()) return normalise(path);
  return normalise((std::filesystem::path(including).parent_path() / p).generic_string());
}

/// Reads `scenario.extends` of one file; false when it is malformed.
bool read_extends(const DocValue& doc, std::vector<ParentRef>& parents, Diagnostics& diagnostics) {
  const DocValue* scenario = doc.find("scenario");
  const DocValue* extends = scenario ? scenario->find("extends") : nullptr;
  if (!extends) return true;
  const std::string key = "scenario.extends";
  auto one = [&](const DocValue& v, const std::string& path) {
    if (!v.is_string()) {
      diagnostics.error(v.where, fmt::format("{}: wrong type (got {}; expected a path or a "
                                             "list of paths)",
                                             path, render_got(v)));
      return false;
    }
    if (v.text.empty()) {
      diagnostics.error(v.where, fmt::format("{}: empty path (got \"\"; expected a scenario "
                                             "file's path)",
                                             path));
      return false;
    }
    parents.push_back(ParentRef{v.text, v.where, path});
    return true;
  };
  if (!extends->is_array()) return one(*extends, key);
  bool ok = true;
  for (std::size_t i = 0; i < extends->items.size(); ++i)
    ok = one(extends->items[i], fmt::format("{}[{}]", key, i)) && ok;
  return ok;
}

/// Duplicate event names within one file: an error at the second; the duplicate is dropped.
void drop_duplicate_events(DocValue& doc, Diagnostics& diagnostics) {
  DocValue* events = doc.find("event");
  if (!events || !events->is_array()) return;
  std::vector<DocValue> kept;
  std::unordered_map<std::string, SourcePosition> first;  // name -> where it was first given
  for (DocValue& event : events->items) {
    const std::string name = event.is_table() ? event_name(event) : std::string();
    if (!name.empty()) {
      auto [it, inserted] = first.emplace(name, event.find("name")->where);
      if (!inserted) {
        diagnostics.error(event.find("name")->where,
                          fmt::format("{}: duplicate event name (got \"{}\" again; expected "
                                      "names unique within one file; first at {})",
                                      key_path(key_path("event", name), "name"), printable(name),
                                      it->second.to_string()));
        continue;
      }
    }
    kept.push_back(std::move(event));
  }
  events->items = std::move(kept);
}

/// A parent's name as a reader knows it: its `scenario.name`, else its file's stem.
std::string scenario_name(const DocValue& doc, const std::string& path) {
  if (const DocValue* scenario = doc.find("scenario"); scenario && scenario->is_table())
    if (const DocValue* name = scenario->find("name"); name && name->type == DocValue::Type::string)
      return name->text;
  return std::filesystem::path(path).stem().string();
}

class Resolver {
 public:
  /// `top_bytes`: the size of the file given, which counts towards max_total_bytes.
  Resolver(const FileReader& reader, Diagnostics& diagnostics, std::size_t top_bytes)
      : reader_(reader), diagnostics_(diagnostics), bytes_read_(top_bytes) {}

  std::optional<DocValue> resolve(std::string_view text, const std::string& origin) {
    std::optional<DocValue> doc = parse_toml(text, origin, diagnostics_);
    if (!doc) return std::nullopt;
    std::vector<ParentRef> parents;
    bool ok = read_extends(*doc, parents, diagnostics_);
    drop_duplicate_events(*doc, diagnostics_);
    if (DocValue* scenario = doc->find("scenario"); scenario && scenario->is_table())
      scenario->erase("extends");

    DocValue merged = DocValue::table(doc->where);
    chain_.push_back(normalise(origin));
    for (const ParentRef& parent : parents) {
      std::optional<DocValue> resolved = load_parent(origin, parent);
      if (!resolved) {
        ok = false;
        continue;
      }
      if (chain_.size() == 1) top_parents_.push_back(scenario_name(*resolved, parent.path));
      if (DocValue* scenario = resolved->find("scenario"); scenario && scenario->is_table()) {
        scenario->erase("name");  // a file's own: its name, title and description
        scenario->erase("title");
        scenario->erase("description");
      }
      merged = merge_documents(merged, *resolved, diagnostics_);
    }
    chain_.pop_back();
    if (!ok) return std::nullopt;
    return merge_documents(merged, *doc, diagnostics_);
  }

 private:
  std::optional<DocValue> load_parent(const std::string& origin, const ParentRef& parent) {
    const std::string path = resolve_relative(origin, parent.path);
    const std::string& key = parent.key;
    for (std::size_t i = 0; i < chain_.size(); ++i) {
      if (chain_[i] != path) continue;
      std::string cycle;
      for (std::size_t k = i; k < chain_.size(); ++k) cycle += chain_[k] + " -> ";
      diagnostics_.error(parent.where,
                         fmt::format("{}: extends cycle (got {}{}; expected files that do not "
                                     "extend themselves)",
                                     key, printable(cycle), printable(path)));
      return std::nullopt;
    }
    if (chain_.size() >= max_extends_depth) {
      diagnostics_.error(parent.where, fmt::format("{}: extends chain too long (got more than "
                                                   "{} files; expected at most {})",
                                                   key, max_extends_depth, max_extends_depth));
      return std::nullopt;
    }
    if (++files_read_ > max_extends_files) {
      if (files_read_ > max_extends_files + 1) return std::nullopt;  // reported once
      diagnostics_.error(parent.where, fmt::format("{}: too many files extended (got more than "
                                                   "{}; expected at most {})",
                                                   key, max_extends_files, max_extends_files));
      return std::nullopt;
    }
    std::optional<std::string> text = reader_(path);
    if (!text) {
      diagnostics_.error(
          parent.where,
          fmt::format("{}: cannot read the parent (got {}, resolved to {}: {}; "
                      "expected a readable scenario file)",
                      key, quote_raw(parent.path), printable(path), describe_unreadable(path)));
      return std::nullopt;
    }
    bytes_read_ += text->size();
    if (bytes_read_ > max_total_bytes) {
      if (!too_much_reported_)
        diagnostics_.error(parent.where, fmt::format("{}: too much to read (got more than {} "
                                                     "bytes in all files; expected at most {})",
                                                     key, max_total_bytes, max_total_bytes));
      too_much_reported_ = true;
      return std::nullopt;
    }
    return resolve(*text, path);
  }

 public:
  /// The names of the top file's parents, in its `extends` order.
  const std::vector<std::string>& top_parents() const { return top_parents_; }

 private:
  const FileReader& reader_;
  Diagnostics& diagnostics_;
  std::vector<std::string> chain_;
  std::vector<std::string> top_parents_;
  std::size_t files_read_ = 0;
  std::size_t bytes_read_;
  bool too_much_reported_ = false;
};

}  // namespace

std::optional<DocValue> resolve_extends(std::string_view text, const std::string& origin,
                                        const FileReader& reader, Diagnostics& diagnostics,
                                        std::vector<std::string>* parent_names) {
  Resolver resolver(reader, diagnostics, text.size());
  std::optional<DocValue> doc = resolver.resolve(text, origin);
  if (parent_names) *parent_names = resolver.top_parents();
  return doc;
}

}  // namespace spendcast::scenario
