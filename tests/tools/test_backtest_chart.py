"""The PIT histogram and reliability chart of a `spendcast backtest --json` file: the
plotted counts and coverages read back from the sidecars equal the file's, the uniform
line is n/10, bad backtest files are refused with exit 2, and spendcast-report points to
spendcast-plot."""

import copy
import json
import os
import unittest

import common
from common import PLOT, REPORT, run_tool

BACKTEST = {
    "format": "spendcast-backtest/1",
    "scenario": "baseline",
    "references": ["cloud-iaas.toml"],
    "paths": 1000,
    "seed": 1,
    "origins": [{"reference": "cloud-iaas", "origin": 2016}],
    "observations": [],
    "by_horizon": [
        {"horizon": 1, "count": 12, "coverage_50": 0.5, "coverage_90": 0.75, "mean_pit": 0.6,
         "mean_crps": 0.01, "mean_log_score": -1.0, "infinite_log_scores": 0},
        {"horizon": 2, "count": 8, "coverage_50": 0.25, "coverage_90": 0.875, "mean_pit": 0.5,
         "mean_crps": 0.02, "mean_log_score": -0.5, "infinite_log_scores": 0}],
    "by_metric": [],
    "summary": {"count": 20},
    "pit_histogram": [4, 1, 2, 2, 1, 1, 2, 2, 1, 4]}


class BacktestChart(unittest.TestCase):
    def setUp(self):
        self.dir = common.temp_dir(self.addCleanup)

    def write(self, doc, name="backtest.json"):
        path = os.path.join(self.dir, name)
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f)
        return path

    def test_pit_and_reliability(self):
        out = os.path.join(self.dir, "out")
        run_tool(PLOT, self.write(BACKTEST), "--out", out, "-q")
        pit = common.load_json(os.path.join(out, "backtest-baseline.pit.json"))
        self.assertEqual(pit["counts"], BACKTEST["pit_histogram"])
        self.assertAlmostEqual(pit["expected"], 2.0)  # 20 observations / 10 bins
        rel = common.load_json(os.path.join(out, "backtest-baseline.reliability.json"))
        by_level = {s["level"]: s for s in rel["series"]}
        self.assertEqual(by_level[0.9]["coverage"], [0.75, 0.875])
        self.assertEqual(by_level[0.5]["coverage"], [0.5, 0.25])
        self.assertEqual(by_level[0.9]["horizons"], [1, 2])
        self.assertAlmostEqual(by_level[0.9]["two_se"][0], 2 * (0.9 * 0.1 / 12) ** 0.5)
        for name in ("pit", "reliability"):
            colours, covered = common.png_stats(os.path.join(out, f"backtest-baseline.{name}.png"))
            self.assertGreater(colours, 4)
            self.assertGreater(covered, 0.01)

    def test_engine_made_file(self):
        """A file `spendcast backtest` wrote (tests/scripts/charts.sh makes it)."""
        path = os.path.join(os.environ.get("SPENDCAST_CHARTS_RESULTS", ""), "backtest.json")
        if not os.path.exists(path):
            self.skipTest("no backtest.json from spendcast backtest (tests/scripts/charts.sh)")
        out = os.path.join(self.dir, "out")
        run_tool(PLOT, path, "--out", out, "-q")
        doc = common.load_json(path)
        pit = common.load_json(os.path.join(out, f"backtest-{doc['scenario']}.pit.json"))
        self.assertEqual(pit["counts"], doc["pit_histogram"])
        self.assertEqual(sum(pit["counts"]), len(doc["observations"]))

    def test_bad_backtest_files(self):
        short = copy.deepcopy(BACKTEST)
        short["pit_histogram"] = [1, 2]
        empty = copy.deepcopy(BACKTEST)
        empty["by_horizon"] = []
        for doc, why in ((short, "pit_histogram"), (empty, "no scored observation")):
            p = run_tool(PLOT, self.write(doc), "--out", os.path.join(self.dir, "o"),
                         check=False)
            self.assertEqual(p.returncode, 2, p.stderr)
            self.assertIn("backtest.json", p.stderr)
            self.assertIn(why, p.stderr)

    def test_report_refuses_a_backtest_file(self):
        p = run_tool(REPORT, self.write(BACKTEST), "--out", os.path.join(self.dir, "r.html"),
                     check=False)
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertIn("spendcast-plot", p.stderr)


if __name__ == "__main__":
    unittest.main()
