// sweep: --vary parsing, grid and zip designs, the variants' error messages, and the run:
// each variant is the plain run of its scenario, paired against variant 1, independent of
// threads and of how variants are grouped, or of a split into shards merged afterwards.
#include "analysis/sweep.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>

#include "analysis/sweep_design.hpp"
#include "analysis/sweep_output.hpp"
#include "scenario/load.hpp"
#include "sim/forecast_run.hpp"
#include "sim/path_shard.hpp"
#include "stats/forecast_accumulator.hpp"

namespace spendcast::analysis {
namespace {

const std::string baseline = std::string(SPENDCAST_SOURCE_DIR) + "/scenarios/baseline.toml";
/// Small runs of the baseline.
const std::vector<std::string> small{"simulation.paths=1500", "simulation.steps_per_year=1"};

std::vector<SweepFactor> factors(const std::vector<std::string>& texts) {
  std::vector<SweepFactor> out;
  for (const std::string& t : texts) out.push_back(parse_vary(t, static_cast<int>(out.size()) + 1));
  return out;
}

/// The text of every diagnostic of a ScenarioError thrown by `f`.
template <class F>
std::string error_of(F f) {
  try {
    f();
  } catch (const scenario::ScenarioError& e) {
    std::string out;
    for (const scenario::Diagnostic& d : e.diagnostics()) out += d.to_string() + "\n";
    return out;
  }
  return "(no error)";
}

TEST(SweepDesign, SplitsAtTopLevelCommasOnly) {
  EXPECT_EQ(split_top_level("0.1, 0.2,0.3"), (std::vector<std::string>{"0.1", "0.2", "0.3"}));
  EXPECT_EQ(split_top_level("\"normal(0.3, 0.1)\",0.2"),
            (std::vector<std::string>{"\"normal(0.3, 0.1)\"", "0.2"}));
  EXPECT_EQ(split_top_level("normal(0.3, 0.1),0.2"),
            (std::vector<std::string>{"normal(0.3, 0.1)", "0.2"}));
  EXPECT_EQ(split_top_level("{ dist = \"uniform\", min = 0.1, max = 0.2 },[1, 2],'a,b'"),
            (std::vector<std::string>{"{ dist = \"uniform\", min = 0.1, max = 0.2 }", "[1, 2]",
                                      "'a,b'"}));
  EXPECT_EQ(split_top_level("\"a\\\",b\",c"), (std::vector<std::string>{"\"a\\\",b\"", "c"}));
}

TEST(SweepDesign, GridIsEveryCombinationFirstKeySlowest) {
  const SweepDesign d = make_sweep_design(factors({"a=1,2,3", "b=x,y"}), SweepLayout::grid);
  ASSERT_EQ(d.variants.size(), 6u);
  EXPECT_EQ(d.values(0), (std::vector<std::string>{"1", "x"}));
  EXPECT_EQ(d.values(1), (std::vector<std::string>{"1", "y"}));
  EXPECT_EQ(d.values(2), (std::vector<std::string>{"2", "x"}));
  EXPECT_EQ(d.values(5), (std::vector<std::string>{"3", "y"}));
  EXPECT_EQ(d.assignments(3), (std::vector<std::string>{"a=2", "b=y"}));
}

TEST(SweepDesign, ZipPairsTheKthValues) {
  const SweepDesign d = make_sweep_design(factors({"a=1,2,3", "b=x,y,z"}), SweepLayout::zip);
  ASSERT_EQ(d.variants.size(), 3u);
  EXPECT_EQ(d.values(0), (std::vector<std::string>{"1", "x"}));
  EXPECT_EQ(d.values(2), (std::vector<std::string>{"3", "z"}));
}

TEST(SweepDesign, CountsSaturate) {
  std::vector<std::string> texts(30, "");
  for (std::size_t k = 0; k < texts.size(); ++k)
    texts[k] = "k" + std::to_string(k) + "=1,2,3,4,5,6,7,8,9,10";
  EXPECT_EQ(variant_count(factors(texts), SweepLayout::grid),
            std::numeric_limits<std::uint64_t>::max());
  EXPECT_EQ(variant_count(factors({"a=1,2", "b=1,2,3"}), SweepLayout::grid), 6u);
  EXPECT_EQ(variant_count(factors({"a=1,2", "b=1,2,3"}), SweepLayout::zip), 3u);
}

TEST(SweepDesign, MalformedVaryNamesItself) {
  EXPECT_EQ(error_of([] { parse_vary("spend.volatility", 2); }),
            "--vary spend.volatility (--vary 2): error: expected KEY=V1,V2,... (got "
            "\"spend.volatility\"), e.g. --vary spend.volatility=0.08,0.12,0.16\n");
  EXPECT_EQ(error_of([] { parse_vary("spend.volatility=", 1); }),
            "--vary spend.volatility= (--vary 1): error: spend.volatility: no values (expected "
            "one or more values separated by commas, e.g. spend.volatility=0.1,0.2)\n");
  EXPECT_EQ(error_of([] { parse_vary("spend.volatility=0.1,,0.2", 1); }),
            "--vary spend.volatility=0.1,,0.2 (--vary 1): error: spend.volatility: value 2 of 3 "
            "is empty (expected a value between the commas, as --set takes it)\n");
  EXPECT_NE(error_of([] {
              parse_vary("simulation.seed=1,2", 1);
            }).find("simulation.seed: cannot be varied (got 1,2)"),
            std::string::npos);
  EXPECT_EQ(error_of([] {
              make_sweep_design(factors({"a=1,2", "b=1,2,3"}), SweepLayout::zip);
            }),
            "--vary b=1,2,3 (--vary 2): error: --zip pairs the k-th values of every --vary, so "
            "the lists need equal lengths (got 3 values of b, 2 of a in --vary 1); expected 2 "
            "values, or --grid for every combination\n");
  EXPECT_NE(error_of([] {
              make_sweep_design(factors({"a=1", "a=2"}), SweepLayout::grid);
            }).find("--vary a=2 (--vary 2): error: a: already varied by --vary 1"),
            std::string::npos);
  EXPECT_NE(error_of([] { make_sweep_design({}, SweepLayout::grid); }).find("nothing to vary"),
            std::string::npos);
}

TEST(SweepDesign, MessagesEscapeControlCharacters) {
  const std::string bad = "spend.volatility=0.1,\x1b[31m";
  EXPECT_EQ(error_of([] { parse_vary("spend.vol\x1bility=", 1); }).find('\x1b'), std::string::npos);
  const std::string e = error_of([&] {
    load_sweep_scenarios(baseline, small, {}, make_sweep_design(factors({bad}), SweepLayout::grid));
  });
  EXPECT_EQ(e.find('\x1b'), std::string::npos) << e;
  EXPECT_EQ(e.rfind("--vary spend.volatility=0.1,", 0), 0u) << e;  // named by its --vary
}

TEST(SweepDesign, RefusedValuesAreNamedByTheirVaryAndValue) {
  const auto load = [](const std::vector<std::string>& texts) {
    load_sweep_scenarios(baseline, small, {}, make_sweep_design(factors(texts), SweepLayout::grid));
  };
  // An unknown key: once, with the closest key, not once per value.
  EXPECT_EQ(error_of([&] { load({"spend.volatilty=0.1,0.2"}); }),
            "--vary spend.volatilty=0.1,0.2 (--vary 1): error: value 1 of 2 (0.1): "
            "spend.volatilty: unknown key; did you mean 'volatility'?\n");
  // A value the validator refuses: the scenario's own message, which value of which --vary.
  EXPECT_EQ(error_of([&] {
              load({"spend.ceiling=500", "spend.volatility=0.1,-1"});
            }),
            "--vary spend.volatility=0.1,-1 (--vary 2): error: value 2 of 2 (-1): "
            "spend.volatility: out of range (got -1; expected a number >= 0)\n");
  // The scenario's own errors are not the sweep's.
  EXPECT_EQ(error_of([&] {
              load_sweep_scenarios(baseline + ".missing", small, {},
                                   make_sweep_design(factors({"a=1"}), SweepLayout::grid));
            }).find("--vary"),
            std::string::npos);
}

PairedRunOptions threads(int n, std::size_t block = 0) {
  PairedRunOptions o;
  o.threads = n;
  o.block_size = block;
  return o;
}

MetricRequest two_metrics() {
  MetricRequest r;
  r.metrics = {"spend", "share.Anthropic"};
  r.years = {2026, 2030};
  return r;
}

SweepReport sweep(const std::vector<std::string>& texts, const PairedRunOptions& options,
                  SweepLayout layout = SweepLayout::grid) {
  const SweepDesign d = make_sweep_design(factors(texts), layout);
  return run_sweep(d, load_sweep_scenarios(baseline, small, {}, d).variants, two_metrics(),
                   options);
}

TEST(Sweep, EachVariantIsThePlainRunOfItsScenario) {
  const SweepReport r = sweep({"spend.volatility=0.05,{ dist = \"uniform\", min = 0.1, max = 0.3 }",
                               "vendors.persistence=0.2,0.6"},
                              threads(2));
  ASSERT_EQ(r.variants.size(), 4u);
  for (std::size_t v = 0; v < 4; ++v) {
    std::vector<std::string> overrides = small;
    overrides.push_back("spend.volatility=" + r.variants[v].values[0]);
    overrides.push_back("vendors.persistence=" + r.variants[v].values[1]);
    const scenario::ScenarioSpec spec = scenario::load_scenario_file(baseline, overrides).spec;
    const model::Model model = model::compile_model(spec);
    sim::ForecastRunOptions o;
    o.paths = spec.simulation.paths;
    o.seed = spec.simulation.seed;
    o.threads = 1;
    const stats::Forecast f = sim::run_forecast(model, o).accumulator.forecast();
    const stats::MetricLayout& L = f.layout();
    ASSERT_EQ(r.variants[v].cells.size(), 4u);
    for (const SweepCell& c : r.variants[v].cells) {
      const auto m = static_cast<std::size_t>(L.index_of(c.metric));
      const auto y = static_cast<std::size_t>(c.year - L.years.front());
      EXPECT_EQ(c.mean, f.metric(m, y).mean) << v << c.metric << c.year;
      for (std::size_t q = 0; q < sweep_levels.size(); ++q)
        EXPECT_EQ(c.quantiles[q], f.quantile(m, y, sweep_levels[q]).value) << v << c.metric;
      // The [report] thresholds of the metric, as the run counts them.
      std::size_t k = c.metric == "share.Anthropic" ? 1 : 0;
      for (std::size_t t = 0; t < L.thresholds.size(); ++t)
        if (static_cast<std::size_t>(L.thresholds[t].metric) == m)
          for (std::size_t i = 0; i < L.thresholds[t].values.size(); ++i, ++k) {
            ASSERT_LT(k, c.probabilities.size());
            EXPECT_EQ(c.probabilities[k].estimate.value, f.threshold(t, i, y).value);
          }
      EXPECT_EQ(k, c.probabilities.size());
      EXPECT_GT(k, 1u);  // the baseline reports thresholds of both
      if (c.metric == "share.Anthropic") {
        ASSERT_EQ(c.probabilities[0].name, "leads");
        const auto it = std::find(L.vendor_names.begin(), L.vendor_names.end(), "Anthropic");
        const auto vendor = static_cast<std::size_t>(it - L.vendor_names.begin());
        EXPECT_EQ(c.probabilities[0].estimate.value, f.leader(y, vendor).value);
        EXPECT_EQ(c.probabilities[0].estimate.se, f.leader(y, vendor).se);
      }
    }
  }
  // Variant 1 against itself: exactly nothing, on every path; others differ.
  for (const SweepCell& c : r.variants[0].cells) {
    EXPECT_EQ(c.paired.difference.low, 0.0);
    EXPECT_EQ(c.paired.difference.high, 0.0);
    EXPECT_EQ(c.paired.equal.value, 1.0);
  }
  EXPECT_GT(
      r.variants[2].cells[1].paired.difference.high - r.variants[2].cells[1].paired.difference.low,
      0.0);
}

TEST(Sweep, ARepeatedValueDiffersFromVariantOneByNothing) {
  // Variant 2 is compiled on its own: only common random numbers make it equal path by path.
  const SweepReport r = sweep({"spend.volatility=0.2,0.2,0.3"}, threads(2));
  for (const SweepCell& c : r.variants[1].cells) {
    EXPECT_EQ(c.paired.equal.value, 1.0) << c.metric;
    EXPECT_EQ(c.paired.mean_difference.value, 0.0) << c.metric;
  }
  EXPECT_LT(r.variants[2].cells[0].paired.equal.value, 1.0);
}

TEST(Sweep, ResultsDependOnNeitherThreadsNorGrouping) {
  const std::string many = "spend.volatility=0.05,0.07,0.09,0.11,0.13,0.15,0.17,0.19,0.21,0.23";
  ASSERT_GT(10u, sweep_group_size);  // two groups
  const SweepReport one = sweep({many}, threads(1, 256));
  const SweepReport three = sweep({many}, threads(3, 100));
  auto a = sweep_to_json(one), b = sweep_to_json(three);
  a.erase("run");
  b.erase("run");
  EXPECT_EQ(a, b);
  // The last variant (second group) equals the same variant in a sweep of two.
  const SweepReport pair = sweep({"spend.volatility=0.05,0.23"}, threads(2));
  EXPECT_EQ(sweep_to_json(pair)["variants"][1]["metrics"],
            sweep_to_json(one)["variants"][9]["metrics"]);
}

TEST(Sweep, ShardsCombinedEqualTheWholeSweep) {
  // As the ranks of an MPI job run it: shard k of 3 of every variant's paths, then shard 0
  // merges the others' accumulators (combine) before the report; two groups.
  const SweepDesign d = make_sweep_design(
      factors({"spend.volatility=0.05,0.07,0.09,0.11,0.13,0.15,0.17,0.19,0.21,0.23"}),
      SweepLayout::grid);
  const std::vector<scenario::ScenarioSpec> specs =
      load_sweep_scenarios(baseline, small, {}, d).variants;
  const SweepReport whole = run_sweep(d, specs, two_metrics(), threads(2));
  std::vector<std::vector<stats::ForecastAccumulator>> forecasts(3);
  std::vector<std::vector<PairedAccumulator>> pairs(3);
  for (std::uint64_t k = 2; k >= 1; --k) {
    PairedRunOptions o = threads(2);
    o.shard = sim::PathShard{k, 3};
    run_sweep(d, specs, two_metrics(), o,
              [&](std::vector<stats::ForecastAccumulator>& f, std::vector<PairedAccumulator>& p) {
                forecasts[k] = f;
                pairs[k] = p;
              });
    ASSERT_EQ(forecasts[k].size(), specs.size());
    EXPECT_EQ(forecasts[k][3].paths(), sim::shard_range(1500, {k, 3}).paths);
  }
  PairedRunOptions o = threads(1);
  o.shard = sim::PathShard{0, 3};
  const SweepReport merged =
      run_sweep(d, specs, two_metrics(), o,
                [&](std::vector<stats::ForecastAccumulator>& f, std::vector<PairedAccumulator>& p) {
                  for (std::size_t k = 1; k < 3; ++k)
                    for (std::size_t v = 0; v < f.size(); ++v) {
                      f[v].merge(stats::ForecastAccumulator::from_json(forecasts[k][v].to_json()));
                      p[v].merge_json(pairs[k][v].to_json());
                    }
                });
  auto a = sweep_to_json(whole), b = sweep_to_json(merged);
  a.erase("run");
  b.erase("run");
  EXPECT_EQ(a, b);
  EXPECT_EQ(merged.paths, 1500u);
  // compare's hook is not a sweep's.
  PairedRunOptions wrong = threads(1);
  wrong.combine = [](std::vector<PairedAccumulator>&) {};
  EXPECT_THROW(run_sweep(d, specs, two_metrics(), wrong), std::invalid_argument);
}

TEST(Sweep, OutputsHaveOneColumnPerKeyAndOneRowPerVariant) {
  const SweepReport r = sweep({"spend.volatility=0.1,0.2", "vendors.persistence=0.3,0.5"},
                              threads(2), SweepLayout::zip);
  const std::string csv = sweep_to_csv(r);
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "variant,spend.volatility,vendors.persistence,metric,year,statistic,value");
  EXPECT_NE(csv.find("\n2,0.2,0.5,spend,2030,median,"), std::string::npos);
  const nlohmann::json j = sweep_to_json(r);
  EXPECT_EQ(j["format"], "spendcast-sweep/1");
  ASSERT_EQ(j["variants"].size(), 2u);
  EXPECT_EQ(j["variants"][1]["values"]["spend.volatility"], 0.2);
  const std::string table = sweep_table(r);
  EXPECT_NE(table.find("sweep of baseline (zip, 2 variants)"), std::string::npos);
  EXPECT_NE(table.find("P(leads)"), std::string::npos);
}

}  // namespace
}  // namespace spendcast::analysis
