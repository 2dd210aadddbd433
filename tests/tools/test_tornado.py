"""Defect 4: the tornado chart keeps its legend inside the figure, has the source line with
the engine version (or says it is not recorded), and never prints a negative zero; the one
number formatter (style.fmt_num) maps -0.00 to 0.00 everywhere."""

import json
import os
import re
import unittest

import common
from common import PLOT, run_tool

FACTORS = os.path.join(common.HERE, "data", "sensitivity-factors-example.json")
# what `spendcast sensitivity scenarios/baseline.toml --metric spend --year 2027 --paths
# 2000 --json` wrote (long factor names, an event: the legend ran off the right edge)
ENGINE = os.path.join(common.HERE, "data", "sensitivity-engine-example.json")


def near_zero_file(folder):
    """A sensitivity file (parameters form) whose correlations round to zero from below."""
    doc = {"format": "spendcast-sensitivity/1",
           "scenario": {"name": "baseline", "title": "Baseline", "data_source": "Test data"},
           "run": {"paths": 1000, "seed": 7, "engine_version": "9.9.9 (test)"},
           "metric": "spend", "year": 2030, "base": 100.0, "levels": [0.1, 0.9],
           "parameters": [
               {"name": "segments.initial_momentum.applications", "spearman": 0.71, "src": 0.66,
                "swing_low": 60.0, "swing_high": 180.0},
               {"name": "b", "spearman": -0.001, "src": -0.004, "swing_low": 99.0,
                "swing_high": 101.0},
               {"name": "event.something", "kind": "event", "spearman": -0.0, "src": 0.0,
                "swing_low": 98.0, "swing_high": 103.0}]}
    path = os.path.join(folder, "near-zero.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f)
    return path


class Tornado(unittest.TestCase):
    def figure_of(self, path):
        from spendcast.charts import style
        from spendcast.charts.inputs import load
        from spendcast.charts.tornado import tornado_chart
        style.setup()
        return tornado_chart(load(path))

    def assert_inside(self, chart):
        """The legend, and everything drawn (the figure's tight box: what
        savefig(bbox_inches="tight") would keep), lie inside the figure."""
        fig = chart.fig
        renderer = fig.canvas.get_renderer()
        box = fig.bbox  # display units (pixels)
        legend = fig.axes[0].get_legend()
        self.assertIsNotNone(legend)
        inches = fig.get_tightbbox(renderer)  # inches
        for e, what in ((legend.get_window_extent(renderer), "legend"),
                        (inches.transformed(fig.dpi_scale_trans), "drawn")):
            self.assertGreaterEqual(e.x0, box.x0 - 0.5, what)
            self.assertLessEqual(e.x1, box.x1 + 0.5, f"{what} ends at {e.x1:.0f} > {box.x1:.0f}")
            self.assertGreaterEqual(e.y0, box.y0 - 0.5, what)
            self.assertLessEqual(e.y1, box.y1 + 0.5, what)

    def test_legend_and_every_text_inside_the_figure(self):
        d = common.temp_dir(self.addCleanup)
        for path in (ENGINE, FACTORS, near_zero_file(d)):
            self.assert_inside(self.figure_of(path))

    def test_source_line_names_the_data_run_and_engine(self):
        d = common.temp_dir(self.addCleanup)
        source = self.figure_of(near_zero_file(d)).data["source"]
        self.assertIn("Data: Test data", source)
        self.assertIn("1,000 paths, seed 7", source)
        self.assertIn("spendcast 9.9.9 (test)", source)
        # the engine's sensitivity files hold neither: the line says so
        source = self.figure_of(FACTORS).data["source"]
        self.assertIn("20,000 paths, seed 20241120", source)
        self.assertIn("engine version: not recorded", source)
        self.assertIn("Data source: not recorded", source)

    def test_no_negative_zero_in_the_chart_or_the_report(self):
        d = common.temp_dir(self.addCleanup)
        path = near_zero_file(d)
        run_tool(PLOT, path, "--out", d, "--format", "svg", "-q")
        svg = os.path.join(d, "baseline.tornado-spend-2030.svg")
        texts = common.svg_texts(common.svg_root(svg))
        joined = " ".join(texts)
        self.assertIn("ρ = 0.00", joined)
        self.assertIn("SRRC = 0.00", joined)
        self.assertIsNone(re.search(r"[-−+]0\.0+\b", joined), joined)
        run_tool(common.REPORT, path, "-o", os.path.join(d, "r.html"))
        with open(os.path.join(d, "r.html"), encoding="utf-8") as f:
            page = f.read()
        self.assertIsNone(re.search(r">[-−+]0\.0+<", page))
        self.assertIn(">0.000<", page)


def sobol_file(folder):
    """A sensitivity file of `--method sobol` (what the engine writes, abridged)."""
    doc = {"format": "spendcast-sensitivity/1", "method": "sobol", "scenario": "entrant",
           "metric": "share.Entrant", "year": 2027, "run": {"paths": 2000, "runs": 5, "seed": 7},
           "mean": 0.15, "variance": 0.006,
           "first_order_sum": {"value": 0.97, "se": 0.02},
           "factors": [
               {"name": "event.entry", "kind": "event",
                "first_order": {"value": 0.9, "se": 0.01},
                "total_effect": {"value": 0.93, "se": 0.01}},
               {"name": "noise", "kind": "noise", "first_order": {"value": 0.05, "se": 0.01},
                "total_effect": {"value": 0.07, "se": 0.005}},
               {"name": "vendors.persistence", "kind": "parameter",
                "first_order": {"value": 0.01, "se": 0.004},
                "total_effect": {"value": 0.01, "se": 0.001}}]}
    path = os.path.join(folder, "sobol.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f)
    return path


class NoiseAndSobol(unittest.TestCase):
    """The unexplained remainder of the rank method is a bar of its own; a Sobol file is
    drawn as paired index bars with the noise among the factors."""
    figure_of = Tornado.figure_of
    assert_inside = Tornado.assert_inside

    def test_rank_file_with_unexplained_has_a_noise_bar(self):
        d = common.temp_dir(self.addCleanup)
        with open(ENGINE, encoding="utf-8") as f:
            doc = json.load(f)
        doc["unexplained"] = 0.4
        path = os.path.join(d, "with-noise.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f)
        chart = self.figure_of(path)
        ax = chart.fig.axes[0]
        noise = [p for p in ax.patches if p.get_gid() == "noise"]
        self.assertEqual(len(noise), 1)
        x0, x1 = ax.get_xlim()
        self.assertAlmostEqual(noise[0].get_width() / (x1 - x0), 0.4, places=6)
        self.assertIn("noise (1 − R²)", [t.get_text() for t in ax.get_yticklabels()])
        self.assert_inside(chart)
        # without the field (older files) there is none
        self.assertFalse([p for p in self.figure_of(ENGINE).fig.axes[0].patches
                          if p.get_gid() == "noise"])

    def test_sobol_file_draws_both_indices_per_factor(self):
        d = common.temp_dir(self.addCleanup)
        chart = self.figure_of(sobol_file(d))
        self.assertEqual(chart.data["kind"], "sobol")
        ax = chart.fig.axes[0]
        labels = [t.get_text() for t in ax.get_yticklabels()]
        self.assertEqual(labels, ["event.entry", "noise", "vendors.persistence"])
        widths = sorted(round(p.get_width(), 6) for p in ax.patches)
        self.assertEqual(widths, [0.01, 0.01, 0.05, 0.07, 0.9, 0.93])
        self.assert_inside(chart)


class NumberFormat(unittest.TestCase):
    def test_fmt_num_never_prints_a_negative_zero(self):
        from spendcast.charts.style import fmt_num, fmt_pct, fmt_prob, fmt_usd, fmt_value
        for x in (-0.0, -1e-9, -0.0004, 0.0, 0.0004):
            for spec in (".2f", "+.2f", ".0f", ".3f", "+.3f", ",.0f"):
                text = fmt_num(x, spec)
                self.assertNotIn("-", text, (x, spec))
                self.assertNotIn("−", text, (x, spec))
                self.assertNotIn("+", text, (x, spec))
                self.assertEqual(float(text), 0.0)
        self.assertEqual(fmt_num(-0.0, "g"), "0")
        self.assertEqual(fmt_num(-1.5, ".2f"), "−1.50")
        self.assertEqual(fmt_num(0.25, "+.2f"), "+0.25")
        self.assertEqual(fmt_usd(-0.0), "0")
        self.assertEqual(fmt_usd(-0.0001), "−0.0001")  # 3 significant figures: not zero
        self.assertEqual(fmt_pct(-1e-6), "0.0 %")
        self.assertEqual(fmt_value("hhi", -0.001), "0.00")
        self.assertEqual(fmt_prob(0.0), "0")


if __name__ == "__main__":
    unittest.main()
