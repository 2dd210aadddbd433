// Table layout, wrapping and number formats shared by the three commands.
#include <gtest/gtest.h>

#include "analysis/metric_format.hpp"
#include "analysis/sketch_density.hpp"
#include "analysis/text_table.hpp"

namespace spendcast::analysis {
namespace {

TEST(TextTable, SplitsColumnsIntoGroupsThatFit) {
  TextTable t({"year", std::string(50, 'a'), std::string(50, 'b')});
  t.add_row({"2025", "x", "y"});
  const std::string out = t.render(100);
  EXPECT_EQ(out, "year  " + std::string(50, 'a') + "\n2025  x\n\nyear  " + std::string(50, 'b') +
                     "\n2025  y\n");
  EXPECT_THROW(t.add_row({"1"}), std::invalid_argument);
}

TEST(TextTable, WrapsNotesAtSpaces) {
  EXPECT_EQ(wrap_text("one two three four", "note: ", 16), "note: one two\n      three four\n");
  EXPECT_EQ(wrap_text("short", "key: ", 100), "key: short\n");
}

TEST(MetricFormat, UnitsFollowTheMetricName) {
  EXPECT_EQ(metric_unit("spend"), MetricUnit::usd_bn);
  EXPECT_EQ(metric_unit("revenue.Meta"), MetricUnit::usd_bn);
  EXPECT_EQ(metric_unit("spend.models"), MetricUnit::usd_bn);
  EXPECT_EQ(metric_unit("share.Meta"), MetricUnit::fraction);
  EXPECT_EQ(metric_unit("cagr"), MetricUnit::fraction);
  EXPECT_EQ(metric_unit("hhi"), MetricUnit::number);
  EXPECT_EQ(format_signed(-0.012, MetricUnit::fraction), "-1.2");
  EXPECT_EQ(format_signed(12.34, MetricUnit::usd_bn), "+12.3");
  EXPECT_EQ(format_signed(0.0, MetricUnit::number), "0");
  EXPECT_EQ(format_number(1234.4), "1234");
  EXPECT_EQ(format_number(0.10449), "0.104");
  EXPECT_EQ(format_probability(0.971, 0.0012), "97 ± 0.1");
  EXPECT_EQ(display_width("± →"), 3u);
}

TEST(SketchDensity, UniformValuesHaveDensityOneInside) {
  stats::QuantileSketch sketch;
  std::vector<double> v;
  for (int i = 0; i < 100000; ++i) v.push_back((i + 0.5) / 100000.0);
  sketch.add(v);
  const SketchDensity d = sketch_density(sketch, 0.5);
  EXPECT_TRUE(d.inside);
  EXPECT_LE(d.lower, 0.5);
  EXPECT_GT(d.upper, 0.5);
  // A bucket of width about 0.5/512 holds about 98 of the 100000 evenly spread values.
  EXPECT_NEAR(d.density, 1.0, 0.02);
  EXPECT_FALSE(sketch_density(sketch, 1.5).inside);
  EXPECT_EQ(sketch_density(sketch, -0.1).density, 0.0);
}

}  // namespace
}  // namespace spendcast::analysis
