// `validate` ok means `run` works: parameters that would take the model's arithmetic
// beyond doubles are errors naming the key, in validate and (before simulating) in run.
#include <gtest/gtest.h>

#include "call.hpp"

namespace spendcast::cli {
namespace {

using testing::call;

const std::string baseline = std::string(SPENDCAST_SOURCE_DIR) + "/scenarios/baseline.toml";

/// Each once passed validate and then failed in run with an internal message, exit 1.
struct Case {
  const char* set;
  const char* key;
};
const Case cases[] = {
    {"spend.persistence={ dist = \"beta\", alpha = 1e-300, beta = 1e-300 }",
     "spend.persistence: cannot be evaluated"},
    {"event.correction.spend_jump={ dist = \"beta\", alpha = 0.04, beta = 1 }",
     "event.correction.spend_jump: can draw 0"},
    {"spend.volatility=1e6", "spend.volatility: out of range"},
    {"event.correction.growth_shift=1e6", "event.correction.growth_shift: out of range"},
    {"spend.long_run_growth=1e6", "spend.long_run_growth: out of range"},
    {"spend.growth_volatility=1e6", "spend.growth_volatility: out of range"},
};

TEST(FiniteArithmetic, ValidateRefusesWhatRunCannotCompute) {
  for (const Case& c : cases) {
    auto r = call({"validate", baseline, "--set", c.set});
    EXPECT_EQ(r.code, 2) << c.set << "\n" << r.out << r.err;
    EXPECT_NE(r.err.find(std::string("--set ") + c.set + ": error: " + c.key), std::string::npos)
        << r.err;
    r = call({"run", baseline, "--paths", "200", "-q", "--set", c.set});
    EXPECT_EQ(r.code, 2) << c.set << "\n" << r.err;
    EXPECT_NE(r.err.find(c.key), std::string::npos) << r.err;
  }
}

TEST(FiniteArithmetic, LargeButFiniteValuesStillRun) {
  for (const char* set : {"spend.volatility=2", "event.correction.growth_shift=-1",
                          "event.correction.spend_jump={ dist = \"beta\", alpha = 2, beta = 1 }"}) {
    auto r = call({"validate", baseline, "--set", set});
    EXPECT_EQ(r.code, 0) << set << "\n" << r.err;
    r = call({"run", baseline, "--paths", "500", "-q", "--set", set});
    EXPECT_EQ(r.code, 0) << set << "\n" << r.err;
  }
}

}  // namespace
}  // namespace spendcast::cli
