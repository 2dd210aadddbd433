// PairedAccumulator: exact per-path statistics, merges independent of order and split.
#include "analysis/paired_accumulator.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "samples.hpp"
#include "stats/field_error.hpp"

namespace spendcast::analysis {
namespace {

/// A block of one metric and one year over `values` (paths from `first`).
stats::MetricBlock block_of(const std::vector<double>& values, std::uint64_t first,
                            std::size_t begin, std::size_t n) {
  return stats::MetricBlock{first, n, 1, 1, values.data() + begin};
}

TEST(PairedAccumulator, CountsDifferencesRatiosAndOrder) {
  const std::vector<double> a{1, 2, 0, 4}, b{2, 2, 1, 3};
  PairedAccumulator acc({{"m", 2025, 0, 0, 0, 0}});
  acc.add(block_of(a, 0, 0, 4), block_of(b, 0, 0, 4));
  EXPECT_EQ(acc.paths(), 4u);
  EXPECT_EQ(acc.greater(0), 2u);          // 2 > 1, 1 > 0
  EXPECT_EQ(acc.less(0), 1u);             // 3 < 4
  EXPECT_EQ(acc.ratio_undefined(0), 1u);  // a = 0
  EXPECT_EQ(acc.difference_moments(0).mean(), 0.25);
  EXPECT_EQ(acc.ratio(0).count(), 3u);
  EXPECT_EQ(acc.first(0).max(), 4.0);
  EXPECT_EQ(acc.second(0).min(), 1.0);
}

TEST(PairedAccumulator, MergeIsExactWhateverTheSplit) {
  const auto a = testing::lognormal_sample(0, 1, 1, "a", 3000);
  const auto b = testing::lognormal_sample(0, 1, 1, "b", 3000);
  const std::vector<PairedCell> cells{{"m", 2025, 0, 0, 0, 0}};
  PairedAccumulator whole(cells);
  whole.add(block_of(a, 0, 0, 3000), block_of(b, 0, 0, 3000));
  PairedAccumulator first(cells), second(cells);
  second.add(block_of(a, 1000, 1000, 2000), block_of(b, 1000, 1000, 2000));
  first.add(block_of(a, 0, 0, 1000), block_of(b, 0, 0, 1000));
  second.merge(first);
  EXPECT_EQ(second.paths(), whole.paths());
  EXPECT_EQ(second.greater(0), whole.greater(0));
  EXPECT_TRUE(second.difference(0) == whole.difference(0));
  EXPECT_TRUE(second.ratio(0) == whole.ratio(0));
  EXPECT_TRUE(second.difference_moments(0) == whole.difference_moments(0));
  EXPECT_TRUE(second.first(0) == whole.first(0));
}

// Another process's part, through its JSON state (as CBOR, the way MPI ranks send it), merges
// bitwise as the accumulator itself would.
TEST(PairedAccumulator, AStateFromJsonMergesAsTheAccumulatorItself) {
  const auto a = testing::lognormal_sample(0, 1, 1, "a", 3000);
  const auto b = testing::lognormal_sample(0, 1, 1, "b", 3000);
  const std::vector<PairedCell> cells{{"m", 2025, 0, 0, 0, 0}, {"n", 2026, 0, 0, 0, 0}};
  PairedAccumulator whole(cells);
  whole.add(block_of(a, 0, 0, 3000), block_of(b, 0, 0, 3000));
  PairedAccumulator mine(cells), theirs(cells);
  mine.add(block_of(a, 0, 0, 1200), block_of(b, 0, 0, 1200));
  theirs.add(block_of(a, 1200, 1200, 1800), block_of(b, 1200, 1200, 1800));
  mine.merge_json(nlohmann::json::from_cbor(nlohmann::json::to_cbor(theirs.to_json())));
  EXPECT_EQ(mine.to_json(), whole.to_json());
  EXPECT_EQ(mine.paths(), 3000u);
  EXPECT_EQ(mine.greater(1), whole.greater(1));
  EXPECT_TRUE(mine.ratio(1) == whole.ratio(1));
  EXPECT_TRUE(mine.difference_moments(0) == whole.difference_moments(0));
}

TEST(PairedAccumulator, AMalformedStateIsRefusedNamingTheFieldAndAddsNothing) {
  const std::vector<PairedCell> cells{{"m", 2025, 0, 0, 0, 0}};
  const std::vector<double> v(10, 1.0);
  PairedAccumulator acc(cells), other(cells);
  other.add(block_of(v, 0, 0, 10), block_of(v, 0, 0, 10));
  const nlohmann::json before = acc.to_json();
  nlohmann::json state = other.to_json();
  state["parts"][0]["greater"] = -1;
  try {
    acc.merge_json(state);
    FAIL() << "a negative count was merged";
  } catch (const stats::FieldError& e) {
    EXPECT_EQ(e.field(), "parts[0].greater") << e.what();
  }
  state = other.to_json();
  state["parts"].push_back(state["parts"][0]);
  EXPECT_THROW(acc.merge_json(state), stats::FieldError);  // two parts for one cell
  EXPECT_EQ(acc.to_json(), before);
}

TEST(PairedAccumulator, RefusesMismatchedBlocksAndCells) {
  const std::vector<double> v(10, 1.0);
  PairedAccumulator acc({{"m", 2025, 0, 0, 0, 0}});
  EXPECT_THROW(acc.add(block_of(v, 0, 0, 5), block_of(v, 5, 5, 5)), std::invalid_argument);
  PairedAccumulator other({{"n", 2025, 0, 0, 0, 0}});
  EXPECT_THROW(acc.merge(other), std::invalid_argument);
  PairedAccumulator outside({{"m", 2025, 1, 0, 0, 0}});
  EXPECT_THROW(outside.add(block_of(v, 0, 0, 5), block_of(v, 0, 0, 5)), std::invalid_argument);
}

}  // namespace
}  // namespace spendcast::analysis
