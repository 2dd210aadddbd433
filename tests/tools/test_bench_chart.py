"""The scaling chart of a `spendcast bench --json` result: measured throughput and the ideal
line per scenario read back from the sidecar, the machine in the source line, bad bench
files refused with exit 2, and spendcast-report pointing to spendcast-plot."""

import copy
import json
import os
import unittest

import common
from common import PLOT, REPORT, run_tool

BENCH = {
    "format": "spendcast-bench/1",
    "machine": {"cpu": "Example CPU 3000", "logical_cores": 8, "arch": "x86-64-v3",
                "instruction_set": "avx2 fma", "engine_version": "9.9.9 (git test)"},
    "repeat": 3,
    "scenarios": [
        {"name": "ref-baseline", "paths": 2000, "steps": 24, "runs": [
            {"threads": 1, "path_steps_per_s": {"median": 5e6, "min": 4.9e6, "max": 5.2e6}},
            {"threads": 2, "path_steps_per_s": {"median": 9e6, "min": 8.8e6, "max": 9.1e6}},
            {"threads": 4, "path_steps_per_s": {"median": 15e6, "min": 14e6, "max": 16e6}}]},
        {"name": "ref-growth-only", "paths": 2000, "steps": 6, "runs": [
            {"threads": 2, "path_steps_per_s": {"median": 12e6, "min": 11e6, "max": 13e6}},
            {"threads": 4, "path_steps_per_s": {"median": 20e6, "min": 19e6, "max": 21e6}}]}]}


class BenchChart(unittest.TestCase):
    def setUp(self):
        self.dir = common.temp_dir(self.addCleanup)

    def write(self, doc, name="bench.json"):
        path = os.path.join(self.dir, name)
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f)
        return path

    def test_series_and_ideal_lines(self):
        out = os.path.join(self.dir, "out")
        run_tool(PLOT, self.write(BENCH), "--out", out, "-q")
        data = common.load_json(os.path.join(out, "bench.scaling.json"))
        series = {s["scenario"]: s for s in data["series"]}
        self.assertEqual(series["ref-baseline"]["threads"], [1, 2, 4])
        self.assertEqual(series["ref-baseline"]["median_per_s"], [5e6, 9e6, 15e6])
        # the ideal line: the fewest threads' median in proportion to the threads
        self.assertEqual(series["ref-baseline"]["ideal_per_s"], [5e6, 10e6, 20e6])
        self.assertEqual(series["ref-growth-only"]["ideal_per_s"], [12e6, 24e6])
        self.assertIn("Example CPU 3000, 8 logical cores", data["source"])
        self.assertIn("9.9.9 (git test)", data["source"])
        self.assertIn("median of 3 repetitions", data["source"])
        colours, covered = common.png_stats(os.path.join(out, "bench.scaling.png"))
        self.assertGreater(colours, 8)
        self.assertGreater(covered, 0.01)

    def test_engine_made_file(self):
        """A file `spendcast bench` wrote (tests/scripts/charts.sh makes it)."""
        path = os.path.join(os.environ.get("SPENDCAST_CHARTS_RESULTS", ""), "bench.json")
        if not os.path.exists(path):
            self.skipTest("no bench.json from spendcast bench (tests/scripts/charts.sh makes it)")
        out = os.path.join(self.dir, "out")
        run_tool(PLOT, path, "--out", out, "-q")
        doc = common.load_json(path)
        data = common.load_json(os.path.join(out, "bench.scaling.json"))
        self.assertEqual([s["scenario"] for s in data["series"]],
                         [s["name"] for s in doc["scenarios"]])
        self.assertIn(doc["machine"]["engine_version"], data["source"])

    def test_bad_bench_files(self):
        no_runs = copy.deepcopy(BENCH)
        for s in no_runs["scenarios"]:
            s["runs"] = []
        zero = copy.deepcopy(BENCH)
        zero["scenarios"][0]["runs"][0]["path_steps_per_s"]["median"] = 0
        missing = copy.deepcopy(BENCH)
        del missing["machine"]
        for doc, why in ((no_runs, "no scenario with runs"),
                         (zero, "positive median"), (missing, "missing machine")):
            p = run_tool(PLOT, self.write(doc), "--out", os.path.join(self.dir, "o"),
                         check=False)
            self.assertEqual(p.returncode, 2, p.stderr)
            self.assertIn("bench.json", p.stderr)
            self.assertIn(why, p.stderr)

    def test_report_refuses_a_bench_file(self):
        p = run_tool(REPORT, self.write(BENCH), "--out", os.path.join(self.dir, "r.html"),
                     check=False)
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertIn("spendcast-plot", p.stderr)


if __name__ == "__main__":
    unittest.main()
