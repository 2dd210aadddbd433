// The guard in front of toml++ 3.3 (scenario/toml_guard.hpp): the input patterns on which
// toml++ reaches undefined behaviour are refused with a positioned message, and nothing
// valid is refused but the one documented case. Under the asan preset (toml++ compiled
// from its headers) the refused inputs reach TOML_UNREACHABLE or fail an assertion when
// the guard is taken out; tests/scenarios/bad/toml-*.toml check the whole loader's messages.

#include "scenario/toml_guard.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "scenario/toml_reader.hpp"
#include "scenario_test_support.hpp"

namespace spendcast::testing {
namespace {

/// The guard's one message for `text`, or "ok".
std::string guard(const std::string& text) {
  scenario::Diagnostics diagnostics;
  if (scenario::check_toml_hazards(text, "in.toml", diagnostics)) {
    EXPECT_TRUE(diagnostics.all().empty());
    return "ok";
  }
  EXPECT_EQ(diagnostics.all().size(), 1u);
  return diagnostics.all().front().to_string();
}

/// True when toml++ parses `text` without an error (through the guard).
bool parses(const std::string& text) {
  scenario::Diagnostics diagnostics;
  return scenario::parse_toml(text, "in.toml", diagnostics).has_value();
}

TEST(TomlGuard, RefusesACharacterOfTheBrokenRangesAfterANumber) {
  EXPECT_EQ(guard("x = 1\xc3\xa9\n"),
            "in.toml:1:6: error: invalid TOML: unexpected character U+00E9 'é' outside a "
            "string or comment (expected ASCII there: keys, values and punctuation)");
  // The ends of the three ranges where toml++'s whitespace test is undefined.
  EXPECT_NE(guard("x = 1\xc2\xa1"), "ok");      // U+00A1
  EXPECT_NE(guard("x = 1\xd2\x99"), "ok");      // U+0499
  EXPECT_NE(guard("x = 1\xe2\xb1\x9e"), "ok");  // U+2C5E
  EXPECT_NE(guard("x = 1\xe3\x81\x97"), "ok");  // U+3057
  EXPECT_NE(guard("x = 1\xe3\x80\x81"), "ok");  // U+3001, the ideographic comma
  EXPECT_NE(guard("x = 1\xef\xac\xa6"), "ok");  // U+FB26
  EXPECT_NE(guard("x = 1\xef\xbb\xbe"), "ok");  // U+FEFE
}

TEST(TomlGuard, RefusesEveryNonAsciiCharacterOutsideStringsAndComments) {
  EXPECT_EQ(guard("a \xc3\xa9= 1\n"),
            "in.toml:1:3: error: invalid TOML: unexpected character U+00E9 'é' outside a "
            "string or comment (expected ASCII there: keys, values and punctuation)");
  EXPECT_EQ(guard("x = [\n  1,\n  \xe2\x80\x93 2]\n"),
            "in.toml:3:3: error: invalid TOML: unexpected character U+2013 '–' outside a "
            "string or comment (expected ASCII there: keys, values and punctuation)");
  EXPECT_EQ(guard("\xc2\xa0x = 1"),  // a no-break space: not TOML whitespace
            "in.toml:1:1: error: invalid TOML: unexpected character U+00A0 '\xc2\xa0' outside a "
            "string or comment (expected ASCII there: keys, values and punctuation)");
}

TEST(TomlGuard, ABareValueRunsToTheNextBlankOrSeparator) {
  // Found by fuzzing the observations reader: toml++ reads a bare value on to the next
  // blank, ',', ']', '}' or '#', quotes and brackets included, and tests each character
  // for whitespace.
  EXPECT_EQ(guard("x = 1\"\xc3\xa9\"\n"),
            "in.toml:1:7: error: invalid TOML: unexpected character U+00E9 'é' outside a "
            "string or comment (expected ASCII there: keys, values and punctuation)");
  EXPECT_NE(guard("x = [-\x01'\xc9\x85']"), "ok");
  EXPECT_NE(guard("x = true\"a\"\"\xc3\xa9\""), "ok");
  // U+FEEF inside "[['''...", which toml++ reads as part of the value 0-...: fuzzing.
  EXPECT_EQ(guard(std::string("v=0-\0[['''s\xef\xbb\xaf"
                              "E'''\n",
                              19)),
            "in.toml:1:12: error: invalid TOML: unexpected character U+FEEF '\xef\xbb\xaf' "
            "outside a string or comment (expected ASCII there: keys, values and punctuation)");
  EXPECT_NE(guard("x = [1, 2\"\xc3\xa9\"]"), "ok");
  EXPECT_NE(guard("x = { a = 1'\xc3\xa9' }"), "ok");
  EXPECT_NE(guard("d = 1979-05-27 07:32:00\"\xc3\xa9\""), "ok");  // a date-time with a space
  EXPECT_EQ(guard("d = 1979-05-27 \"\xc3\xa9\""), "ok");          // a date, then a string
}

TEST(TomlGuard, RefusesATableHeaderThatDoesNotStartWithAKey) {
  EXPECT_EQ(guard("[("),
            "in.toml:1:2: error: invalid TOML: table header: expected a key after '[' (got "
            "U+0028 '('; expected a bare key of A-Z a-z 0-9 _ - or a quoted key)");
  EXPECT_EQ(guard("x = 1\n  [[ +]]\n"),
            "in.toml:2:6: error: invalid TOML: table header: expected a key after '[' (got "
            "U+002B '+'; expected a bare key of A-Z a-z 0-9 _ - or a quoted key)");
  EXPECT_EQ(guard("[\n"),
            "in.toml:1:2: error: invalid TOML: table header: expected a key after '[' (got a "
            "line break; expected a bare key of A-Z a-z 0-9 _ - or a quoted key)");
  EXPECT_NE(guard("[{a}"), "ok");
  EXPECT_NE(guard("[.a]"), "ok");
}

TEST(TomlGuard, RefusesABrokenCharacterAfterABackslashInAMultiLineString) {
  EXPECT_EQ(guard("x = \"\"\"a\\\n  \xc3\xa9\"\"\"\n"),
            "in.toml:2:3: error: invalid TOML: character U+00E9 'é' right after a backslash in "
            "a multi-line string (the TOML reader, toml++ 3.3, cannot read it there; write it "
            "as the escape \\u00E9)");
  EXPECT_NE(guard("x = \"\"\"a\\\xc3\xa9\"\"\""), "ok");
  EXPECT_NE(guard("x = \"\"\"a\\  \xc3\xa9\"\"\""), "ok");
  EXPECT_NE(guard("x = \"\"\"a\\\n\n\t\xe3\x80\x81\"\"\""), "ok");
}

TEST(TomlGuard, AcceptsValidTomlWithNonAsciiInStringsAndComments) {
  const std::vector<std::string> valid = {
      "# é – ≤ 、 in a comment\nx = 1 # é\n",
      "x = \"é – [( 、\"\ny = 'é'\nz = '''é\n、'''\n",
      "x = \"\"\"a\\\n  \\u00E9\"\"\"\n",       // the escape the message suggests
      "x = \"\"\"a\\\\\n\xc3\xa9\"\"\"\n",      // an escaped backslash, then a line break
      "x = '''a\\\n\xc3\xa9'''\n",              // literal strings have no escapes
      "x = \"\"\"a\\\n  \xe2\x80\x93\"\"\"\n",  // U+2013 after a line-ending backslash
      "x = \"\"\"a\"\"\"\"\n[t]\n",             // up to two quotes before the closing three
      "\"\xc3\xa9\" = 1\n[\"\xc3\xbc\".'\xe3\x80\x81']\n",  // quoted keys
      "x = [\n  [1, 2],\n  [\n    3],\n]\n[[a]]\n[ c . d ]\n[e-f_0]\n",
      "x = [\n  { a = 1 },\n]\n",
      "x=\"\xc3\xa9\"\ny=['\xc3\xa9',\"\xc3\xa9\"]\nz={a=\"\xc3\xa9\"}\nw.\"\xc3\xa9\".'\xc3\xa9'="
      "1\n",
      "x = { a = [\n1] }\n",  // brackets of values nest across lines (not parsed below)
  };
  for (const std::string& text : valid) {
    EXPECT_EQ(guard(text), "ok") << text;
  }
  // All but the last are valid TOML, and toml++ parses them.
  for (std::size_t i = 0; i + 1 < valid.size(); ++i) EXPECT_TRUE(parses(valid[i])) << valid[i];
}

TEST(TomlGuard, AcceptsEveryBundledAndGoodScenario) {
  // Their comments and strings hold non-ASCII text (é, –, ≤, ×).
  int files = 0;
  for (const char* dir : {"scenarios", "tests/scenarios/good"}) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(
             std::filesystem::path(SPENDCAST_SOURCE_DIR) / dir)) {
      if (entry.path().extension() != ".toml") continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      EXPECT_EQ(guard(text.str()), "ok") << entry.path();
      ++files;
    }
  }
  EXPECT_GE(files, 10);
}

TEST(TomlGuard, SkipsAByteOrderMark) {
  EXPECT_EQ(guard("\xef\xbb\xbfx = 1\n"), "ok");
  EXPECT_EQ(guard("\xef\xbb\xbfx = 1\xc3\xa9\n").substr(0, 12), "in.toml:1:6:");
  EXPECT_NE(guard("x = 1\n\xef\xbb\xbf"), "ok");  // only at the start
}

TEST(TomlGuard, LeavesBytesThatAreNotUtf8ToToml) {
  EXPECT_EQ(guard("x = 1\xff\xc3\xa9"), "ok");
  EXPECT_EQ(problems("x = 1\xff\n"),
            (std::vector<std::string>{
                "t.toml:1:5: error: invalid TOML at key x: Encountered invalid utf-8 sequence"}));
}

TEST(TomlGuard, TheLoaderReportsTheGuardsMessageWithTheFilePosition) {
  EXPECT_EQ(problems(minimal_scenario() + "seed = 1\xe3\x80\x81\n"),
            (std::vector<std::string>{
                "t.toml:9:9: error: invalid TOML: unexpected character U+3001 '、' outside a "
                "string or comment (expected ASCII there: keys, values and punctuation)"}));
}

}  // namespace
}  // namespace spendcast::testing
