// Naming the table and key of a TOML syntax error's line (toml++ gives the position only).

#include "scenario/toml_context.hpp"

#include <gtest/gtest.h>

namespace spendcast::scenario {
namespace {

const std::string text =
    "title = \"top\"\n"        // 1
    "[spend]\n"                // 2
    "volatility = = 0.2\n"     // 3
    "# a comment\n"            // 4
    "[[event]]\n"              // 5
    "  name = \"x\"\n"         // 6
    "\n"                       // 7
    "[vendors.correlation\n";  // 8

TEST(TomlContext, NamesTheTableAndTheKeyOfALine) {
  EXPECT_EQ(describe_toml_line(text, 1), "at key title");
  EXPECT_EQ(describe_toml_line(text, 3), "in [spend], key volatility");
  EXPECT_EQ(describe_toml_line(text, 4), "in [spend]");
  EXPECT_EQ(describe_toml_line(text, 6), "in [[event]], key name");
  EXPECT_EQ(describe_toml_line(text, 7), "in [[event]]");
}

TEST(TomlContext, AHeaderLineIsAHeaderAndOutOfRangeLinesAreUnknown) {
  EXPECT_EQ(describe_toml_line(text, 8), "in a table header");
  EXPECT_EQ(describe_toml_line(text, 0), "");
  EXPECT_EQ(describe_toml_line(text, 99), "");
  EXPECT_EQ(describe_toml_line("", 1), "");
}

TEST(TomlContext, OnlyWhatReadsAsAKeyIsNamedAndTablesAreEscaped) {
  EXPECT_EQ(describe_toml_line("[a]\n\x1b[31m = = 1\n", 2), "in [a]");
  EXPECT_EQ(describe_toml_line("[a]\n\"quoted key\".b = = 1\n", 2), "in [a], key \"quoted key\".b");
  EXPECT_EQ(describe_toml_line("[\x1b]\nk = = 1\n", 2), "in [\\u001B], key k");
}

}  // namespace
}  // namespace spendcast::scenario
