#include "call.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "version.hpp"

namespace spendcast::cli {
namespace {

using testing::call;

TEST(Dispatch, HelpListsEveryCommandOnItsOwnLine) {
  auto r = call({"--help"});
  EXPECT_EQ(r.code, 0);
  for (const char* name :
       {"run", "validate", "show", "compare", "sensitivity", "score", "backtest"})
    EXPECT_NE(r.out.find(std::string("\n  ") + name + " "), std::string::npos) << name;
}

TEST(Dispatch, VersionPrintsTheVersion) {
  auto r = call({"--version"});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out.rfind(std::string("spendcast ") + spendcast::version, 0), 0u) << r.out;
}

TEST(Dispatch, NoArgumentsIsAUsageError) {
  auto r = call({});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("usage: spendcast COMMAND"), std::string::npos);
}

TEST(Dispatch, UnknownCommandSuggestsTheClosest) {
  auto r = call({"valdate", "x.toml"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err,
            "spendcast: unknown command 'valdate' (did you mean 'validate'?); "
            "see 'spendcast --help'\n");
}

TEST(Dispatch, UnknownCommandFarFromAnyHasNoSuggestion) {
  auto r = call({"frobnicate"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "spendcast: unknown command 'frobnicate'; see 'spendcast --help'\n");
}

TEST(Dispatch, UnknownTopLevelOptionIsAUsageError) {
  auto r = call({"--verbose"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "spendcast: unknown option '--verbose'; see 'spendcast --help'\n");
}

TEST(Dispatch, UnknownCommandOptionSuggestsTheClosest) {
  auto r = call({"sensitivity", "a.toml", "--metrc", "spend"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err,
            "spendcast sensitivity: unknown option '--metrc' (did you mean '--metric'?); "
            "see 'spendcast sensitivity --help'\n");
}

TEST(Dispatch, EveryCommandHasHelp) {
  for (const char* name :
       {"run", "validate", "show", "compare", "sensitivity", "score", "backtest"}) {
    auto r = call({name, "--help"});
    EXPECT_EQ(r.code, 0) << name;
    EXPECT_EQ(r.out.rfind(std::string("usage: spendcast ") + name, 0), 0u) << r.out;
    EXPECT_NE(r.out.find("--help"), std::string::npos) << name;
  }
}

TEST(Dispatch, MissingArgumentIsAUsageError) {
  auto r = call({"sensitivity", "a.toml"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("spendcast sensitivity: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("metric"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace spendcast::cli
