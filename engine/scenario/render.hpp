#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace spendcast::scenario {

struct DocValue;

/// The shortest text that reads back as exactly `x` ("0.1", "1e-05", "inf"); integral
/// values keep no fraction ("2"). For messages and TOML, where a value must read back as
/// written (tables of results round instead: analysis::format_number, 3 digits).
std::string exact_number(double x);

/// `x` as a TOML float: like exact_number, but integral values get ".0" ("2.0").
std::string toml_float(double x);

/// `text` as a TOML basic string with quotes and escapes ("a\"b").
std::string toml_string(std::string_view text);

/// `text` as a TOML multi-line basic string ("""<newline>...""") when it holds a line
/// break, else as toml_string; reads back as exactly `text`.
std::string toml_text(std::string_view text);

/// `key` bare when it can be, else as a quoted TOML key.
std::string toml_key(std::string_view key);

/// `text` (any bytes: user input) quoted for a message, with control characters and
/// bytes that are not UTF-8 escaped (\xNN).
std::string quote_raw(std::string_view text);

/// `text` with bytes that are not valid UTF-8 and control characters escaped (\xNN).
std::string printable(std::string_view text);

/// A value as inline TOML ({ a = 1 }, [1, 2], "s"); shortened with "..." when it is
/// longer than `max_chars` (0: never shortened).
std::string render_inline(const DocValue& value, std::size_t max_chars = 0);

/// A value for the "got ..." part of a message: inline TOML, at most 60 characters.
std::string render_got(const DocValue& value);

}  // namespace spendcast::scenario
