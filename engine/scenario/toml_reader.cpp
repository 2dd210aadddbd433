#include "scenario/toml_reader.hpp"

#include <fmt/format.h>

#include <toml++/toml.h>
#include <algorithm>
#include <sstream>

#include "scenario/render.hpp"
#include "scenario/toml_context.hpp"
#include "scenario/toml_guard.hpp"

namespace spendcast::scenario {

namespace {

/// A position in the text (1-based line and column, columns counted in bytes).
struct TextPosition {
  int line = 1;
  int column = 1;
};

/// Whether `c` may appear in a bare TOML key.
bool is_key_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '+';
}

/// A scan of TOML text for brackets nesting or dotted keys chaining deeper than a limit,
/// the way TOML tokenises it (comments and strings skipped): find_deep_nesting's state.
class NestingScan {
 public:
  NestingScan(std::string_view text, int limit) : text_(text), limit_(limit) {}

  /// The first place the nesting goes deeper than the limit, if any.
  std::optional<TextPosition> run() {
    while (i_ < text_.size()) {
      const char c = text_[i_];
      const TextPosition start = pos_;
      if (c == '#') {
        while (i_ < text_.size() && text_[i_] != '\n') advance(1);
      } else if (c == '"' || c == '\'') {
        skip_string(c);
        if (auto deep = key_token(start)) return deep;
      } else if (is_key_char(c)) {
        while (i_ < text_.size() && is_key_char(text_[i_])) advance(1);
        if (auto deep = key_token(start)) return deep;
      } else if (c == '.') {
        last_ = last_ == Last::key ? Last::dot : Last::other;
        advance(1);
      } else if (c == ' ' || c == '\t') {
        advance(1);
      } else if (auto deep = punctuation(c, start)) {
        return deep;
      }
    }
    return std::nullopt;
  }

 private:
  enum class Last { other, key, dot };

  /// Moves `n` bytes on (at most to the end), keeping the line and column.
  void advance(std::size_t n) {
    for (std::size_t k = 0; k < n && i_ < text_.size(); ++k, ++i_) {
      if (text_[i_] == '\n') {
        ++pos_.line;
        pos_.column = 1;
      } else if ((static_cast<unsigned char>(text_[i_]) & 0xC0) != 0x80) {
        ++pos_.column;  // columns count characters, as toml++ does (not UTF-8 continuation bytes)
      }
    }
  }

  /// Moves past the string (basic or literal, single- or multi-line) opened by `quote`.
  void skip_string(char quote) {
    const std::string_view triple(quote == '"' ? "\"\"\"" : "'''");
    const bool multi = text_.substr(i_, 3) == triple;
    advance(multi ? 3 : 1);
    while (i_ < text_.size()) {
      if (quote == '"' && text_[i_] == '\\') {
        advance(2);
      } else if (multi && text_.substr(i_, 3) == triple) {
        advance(3);
        break;
      } else if (!multi && (text_[i_] == quote || text_[i_] == '\n')) {
        advance(1);
        break;
      } else {
        advance(1);
      }
    }
  }

  /// Notes a key (a bare or quoted one) that began at `start`: `start` when it chains
  /// dotted keys deeper than the limit.
  std::optional<TextPosition> key_token(TextPosition start) {
    dots_ = last_ == Last::dot ? dots_ + 1 : 0;
    last_ = Last::key;
    if (dots_ > limit_) return start;
    return std::nullopt;
  }

  /// Moves past any other character `c` (at `start`), counting bracket depth: `start` when
  /// it opens brackets deeper than the limit.
  std::optional<TextPosition> punctuation(char c, TextPosition start) {
    if (c == '[' || c == '{') {
      if (++depth_ > limit_) return start;
    } else if (c == ']' || c == '}') {
      depth_ = std::max(0, depth_ - 1);
    }
    last_ = Last::other;
    advance(1);
    return std::nullopt;
  }

  std::string_view text_;
  int limit_;
  TextPosition pos_;
  int depth_ = 0;
  int dots_ = 0;
  Last last_ = Last::other;
  std::size_t i_ = 0;
};

/// Finds the first place where brackets nest or dotted keys chain deeper than `limit`,
/// scanning the text the way TOML tokenises it (comments and strings skipped). toml++
/// recurses once per level, so very deep input must be refused before it sees it.
std::optional<TextPosition> find_deep_nesting(std::string_view text, int limit) {
  return NestingScan(text, limit).run();
}

SourcePosition position(const std::string& origin, const toml::source_position& p) {
  return SourcePosition{origin, static_cast<int>(p.line), static_cast<int>(p.column)};
}

/// Converts toml++ nodes into a document; false when nesting is too deep.
class Converter {
 public:
  Converter(const std::string& origin, Diagnostics& diagnostics)
      : origin_(origin), diagnostics_(diagnostics) {}

  bool convert(const toml::node& node, DocValue& out, const std::string& path, int depth) {
    out.where = position(origin_, node.source().begin);
    if (depth > max_nesting) {
      diagnostics_.error(out.where,
                         fmt::format("{}: nested too deeply (got more than {} levels; expected "
                                     "at most {})",
                                     path, max_nesting, max_nesting));
      return false;
    }
    if (const toml::table* t = node.as_table()) {
      out.type = DocValue::Type::table;
      std::vector<std::pair<const toml::key*, const toml::node*>> children;
      for (auto&& [k, v] : *t) children.emplace_back(&k, &v);
      std::stable_sort(children.begin(), children.end(), [](const auto& a, const auto& b) {
        const auto& pa = a.first->source().begin;
        const auto& pb = b.first->source().begin;
        return pa.line != pb.line ? pa.line < pb.line : pa.column < pb.column;
      });
      for (const auto& [k, v] : children) {
        DocEntry entry{std::string(k->str()), position(origin_, k->source().begin), {}};
        if (!convert(*v, entry.value, key_path(path, entry.key), depth + 1)) return false;
        out.entries.push_back(std::move(entry));
      }
    } else if (const toml::array* a = node.as_array()) {
      out.type = DocValue::Type::array;
      for (std::size_t i = 0; i < a->size(); ++i) {
        DocValue item;
        if (!convert((*a)[i], item, fmt::format("{}[{}]", path, i), depth + 1)) return false;
        out.items.push_back(std::move(item));
      }
    } else if (const auto* s = node.as_string()) {
      out.type = DocValue::Type::string;
      out.text = s->get();
    } else if (const auto* n = node.as_integer()) {
      out.type = DocValue::Type::integer;
      out.integer = n->get();
    } else if (const auto* f = node.as_floating_point()) {
      out.type = DocValue::Type::floating;
      out.floating = f->get();
    } else if (const auto* b = node.as_boolean()) {
      out.type = DocValue::Type::boolean;
      out.boolean = b->get();
    } else {
      out.type = DocValue::Type::date_time;
      std::ostringstream text;
      node.visit([&](const auto& v) {
        if constexpr (toml::is_date<decltype(v)> || toml::is_time<decltype(v)> ||
                      toml::is_date_time<decltype(v)>)
          text << v;
      });
      out.text = text.str();
    }
    return true;
  }

 private:
  const std::string& origin_;
  Diagnostics& diagnostics_;
};

}  // namespace

std::optional<DocValue> parse_toml(std::string_view text, const std::string& origin,
                                   Diagnostics& diagnostics) {
  const SourcePosition start{origin, 1, 1};
  if (text.size() > max_file_bytes) {
    diagnostics.error(start, fmt::format("invalid TOML: file too large (got {} bytes; expected "
                                         "at most {} bytes)",
                                         text.size(), max_file_bytes));
    return std::nullopt;
  }
  if (auto deep = find_deep_nesting(text, max_nesting)) {
    diagnostics.error(SourcePosition{origin, deep->line, deep->column},
                      fmt::format("invalid TOML: nested too deeply (more than {} levels of "
                                  "tables, arrays or dotted keys)",
                                  max_nesting));
    return std::nullopt;
  }
  if (!check_toml_hazards(text, origin, diagnostics)) return std::nullopt;
  toml::table table;
  try {
    table = toml::parse(text, std::string_view(origin));
  } catch (const toml::parse_error& e) {
    const auto& p = e.source().begin;
    SourcePosition where{origin, std::max(1, static_cast<int>(p.line)),
                         std::max(1, static_cast<int>(p.column))};
    const std::string context = describe_toml_line(text, where.line);
    diagnostics.error(where, fmt::format("invalid TOML{}{}: {}", context.empty() ? "" : " ",
                                         context, printable(e.description())));
    return std::nullopt;
  }
  DocValue doc;
  Converter converter(origin, diagnostics);
  if (!converter.convert(table, doc, "", 0)) return std::nullopt;
  doc.where = start;
  return doc;
}

}  // namespace spendcast::scenario
