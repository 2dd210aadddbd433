#include "scenario/render.hpp"

#include <fmt/format.h>

#include <cmath>

#include "scenario/document.hpp"

namespace spendcast::scenario {

std::string exact_number(double x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  return fmt::format("{}", x);
}

std::string toml_float(double x) {
  std::string s = exact_number(x);
  if (std::isfinite(x) && s.find_first_of(".eEn") == std::string::npos) s += ".0";
  return s;
}

namespace {

/// Length of the valid UTF-8 sequence starting at s[i] (0 when invalid).
std::size_t utf8_length(std::string_view s, std::size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  std::size_t n = 0;
  unsigned min = 0;
  if (b < 0x80) return 1;
  if ((b & 0xE0) == 0xC0) {
    n = 2;
    min = 0x80;
  } else if ((b & 0xF0) == 0xE0) {
    n = 3;
    min = 0x800;
  } else if ((b & 0xF8) == 0xF0) {
    n = 4;
    min = 0x10000;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  unsigned cp = b & (0x7F >> n);
  for (std::size_t k = 1; k < n; ++k) {
    const auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (c & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

void escape_into(std::string& out, std::string_view text, bool quoted) {
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (quoted && (c == '"' || c == '\\')) {
      out += '\\';
      out += static_cast<char>(c);
      ++i;
    } else if (c == '\n' && quoted) {
      out += "\\n";
      ++i;
    } else if (c == '\t' && quoted) {
      out += "\\t";
      ++i;
    } else if (c < 0x20 || c == 0x7F) {
      out += fmt::format("\\u{:04X}", c);
      ++i;
    } else if (std::size_t n = utf8_length(text, i); n > 0) {
      out.append(text.substr(i, n));
      i += n;
    } else {
      out += fmt::format("\\x{:02X}", c);
      ++i;
    }
  }
}

}  // namespace

std::string toml_string(std::string_view text) {
  std::string out = "\"";
  escape_into(out, text, true);
  out += '"';
  return out;
}

std::string toml_text(std::string_view text) {
  if (text.find('\n') == std::string_view::npos) return toml_string(text);
  std::string out = "\"\"\"\n";
  for (std::size_t start = 0; start <= text.size();) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    escape_into(out, text.substr(start, end - start), true);
    if (end == text.size()) break;
    out += '\n';
    start = end + 1;
  }
  out += "\"\"\"";
  return out;
}

std::string toml_key(std::string_view key) {
  return is_bare_key(key) ? std::string(key) : toml_string(key);
}

std::string quote_raw(std::string_view text) {
  return toml_string(text);
}

std::string printable(std::string_view text) {
  std::string out;
  escape_into(out, text, false);
  return out;
}

std::string render_inline(const DocValue& value, std::size_t max_chars) {
  std::string out;
  switch (value.type) {
    case DocValue::Type::string:
      out = toml_string(value.text);
      break;
    case DocValue::Type::integer:
      out = fmt::format("{}", value.integer);
      break;
    case DocValue::Type::floating:
      out = toml_float(value.floating);
      break;
    case DocValue::Type::boolean:
      out = value.boolean ? "true" : "false";
      break;
    case DocValue::Type::date_time:
      out = value.text;
      break;
    case DocValue::Type::array: {
      out = "[";
      for (std::size_t i = 0; i < value.items.size(); ++i) {
        if (i) out += ", ";
        out += render_inline(value.items[i]);
        if (max_chars && out.size() > max_chars) break;
      }
      out += "]";
      break;
    }
    case DocValue::Type::table: {
      if (value.entries.empty()) {
        out = "{}";
        break;
      }
      out = "{ ";
      for (std::size_t i = 0; i < value.entries.size(); ++i) {
        if (i) out += ", ";
        out += toml_key(value.entries[i].key) + " = " + render_inline(value.entries[i].value);
        if (max_chars && out.size() > max_chars) break;
      }
      out += " }";
      break;
    }
  }
  if (max_chars && out.size() > max_chars) {
    std::size_t cut = max_chars;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out = out.substr(0, cut) + "...";
  }
  return out;
}

std::string render_got(const DocValue& value) {
  return render_inline(value, 60);
}

}  // namespace spendcast::scenario
