"""tools/spendcast-plot: every chart is written and not blank; the plotted numbers are the
result file's numbers (read back from the JSON sidecar and from the SVG's coordinates);
colours stay with a vendor; bad input is refused."""

import glob
import json
import os
import subprocess
import unittest

import common
from common import PLOT, REPORT, load_json, result_path, run_tool

SCENARIO_CHARTS = ("spend-fan", "shares", "leader", "revenue")


def median(doc, metric, year):
    return float(doc["metrics"][metric][str(year)]["quantiles"]["0.5"])


def quantile(doc, metric, year, level):
    return float(doc["metrics"][metric][str(year)]["quantiles"][level])


class PlotAllCharts(unittest.TestCase):
    """One run over two results and a sensitivity file: every kind of chart."""

    @classmethod
    def setUpClass(cls):
        cls.out = common.temp_dir(cls.addClassCleanup)
        cls.files = [result_path("baseline"), result_path("stress"), common.SENSITIVITY_EXAMPLE]
        cls.proc = run_tool(PLOT, *cls.files, "--out", cls.out, fork=True)
        cls.base = load_json(result_path("baseline"))
        cls.stress = load_json(result_path("stress"))

    def sidecar(self, name):
        return load_json(os.path.join(self.out, name + ".json"))

    def svg(self, name):
        return common.svg_root(os.path.join(self.out, name + ".svg"))

    def expected_names(self):
        names = [f"{s}.{c}" for s in ("baseline", "stress") for c in SCENARIO_CHARTS]
        names += ["compare.spend-overlay", "compare.spend-fans", "compare.dist-spend-2030",
                  "baseline.tornado-spend-2030"]
        return names

    def test_every_chart_is_written_as_png_svg_and_sidecar(self):
        for name in self.expected_names():
            for ext in ("png", "svg", "json"):
                path = os.path.join(self.out, f"{name}.{ext}")
                self.assertTrue(os.path.getsize(path) > 1000, path)
        listed = set(self.proc.stdout.split())
        self.assertEqual(len(listed), 3 * len(self.expected_names()), self.proc.stdout)
        self.assertEqual(glob.glob(os.path.join(self.out, ".tmp-*")), [], "temporary files left")

    def test_no_png_is_blank(self):
        for name in self.expected_names():
            distinct, inked = common.png_stats(os.path.join(self.out, name + ".png"))
            self.assertGreater(distinct, 40, f"{name}: {distinct} colours")
            self.assertGreater(inked, 0.04, f"{name}: {inked:.3f} of the pixels drawn")

    def test_every_chart_has_title_axis_labels_and_source_line(self):
        for name in self.expected_names():
            data = self.sidecar(name)
            root = self.svg(name)
            texts = " ".join(common.svg_texts(root))
            self.assertTrue(data["title"], name)
            self.assertIn(data["title"].split()[0], texts, name)
            self.assertIn("Menlo Ventures", data["source"], name)
            self.assertIn("paths", data["source"], name)
            self.assertIn("seed", data["source"], name)
            self.assertIn("Menlo", texts, name)
            self.assertIsNotNone(common.svg_find_id(root, "chart-source"), name)
            ids = [el.get("id") for el in root.iter() if el.get("id")]
            self.assertEqual(len(ids), len(set(ids)), f"{name}: duplicate ids")
        fan = " ".join(common.svg_texts(self.svg("baseline.spend-fan")))
        self.assertIn("$B a year", fan)
        self.assertIn("Year", fan)
        self.assertIn("20241120", self.sidecar("baseline.spend-fan")["source"])
        self.assertIn("2,000 paths", self.sidecar("baseline.spend-fan")["source"])

    def test_fan_sidecar_holds_the_files_quantiles(self):
        data = self.sidecar("baseline.spend-fan")
        doc = self.base
        base_year = doc["scenario"]["simulation"]["base_year"]
        self.assertEqual(data["years"][0], base_year)
        for i, y in enumerate(data["years"][1:], start=1):
            for level in ("0.05", "0.25", "0.5", "0.75", "0.95"):
                self.assertEqual(data["series"]["q" + level][i], quantile(doc, "spend", y, level))
        base = doc["scenario"]["spend"]["base_spend_usd_bn"]
        self.assertEqual(data["series"]["q0.5"][0], base)
        obs = dict((int(y), v) for y, v in data["observed"])
        self.assertAlmostEqual(obs[base_year], 13.8, places=9)
        self.assertAlmostEqual(obs[base_year - 1], 2.3, places=9)

    def test_fan_median_read_back_from_svg_is_the_files_median(self):
        data = self.sidecar("baseline.spend-fan")
        root = self.svg("baseline.spend-fan")
        mapping = data["axes"][data["gids"]["median"]]
        pts = [common.to_data(mapping, x, y)
               for x, y in common.svg_path_points(common.svg_find_id(root, "median"))]
        years = self.base["metrics"]["spend"]
        self.assertEqual(len(pts), len(years) + 1)
        for x, y in pts[1:]:
            year = round(x)
            self.assertAlmostEqual(x, year, places=5)
            self.assertAlmostEqual(y / median(self.base, "spend", year), 1.0, places=6)
        # the observed points
        obs = [common.to_data(mapping, x, y) for x, y in
               common.svg_marker_points(common.svg_find_id(root, "observed"))]
        self.assertEqual(len(obs), 2)
        self.assertAlmostEqual(obs[0][1], 2.3, places=4)
        self.assertAlmostEqual(obs[1][1], 13.8, places=4)

    def test_share_and_revenue_medians_read_back_from_svg(self):
        for scenario, doc in (("baseline", self.base), ("stress", self.stress)):
            for chart, prefix, gid_prefix in (("shares", "share.", "median-"),
                                              ("revenue", "revenue.", "revenue-median-")):
                data = self.sidecar(f"{scenario}.{chart}")
                root = self.svg(f"{scenario}.{chart}")
                vendors = [v["name"] for v in doc["scenario"]["vendors"]["categories"]]
                for v in vendors:
                    gid = gid_prefix + v
                    mapping = data["axes"][data["gids"][gid]]
                    pts = [common.to_data(mapping, x, y)
                           for x, y in common.svg_path_points(common.svg_find_id(root, gid))]
                    for x, y in pts[1:]:
                        want = median(doc, prefix + v, round(x))
                        self.assertAlmostEqual(y, want, delta=1e-6 * max(1.0, abs(want)),
                                               msg=f"{scenario} {chart} {v} {round(x)}")
                    for i, yv in enumerate(data["vendors"][v]["years"][1:], start=1):
                        self.assertEqual(data["vendors"][v]["q0.5"][i],
                                         median(doc, prefix + v, yv))

    def test_overlay_and_side_by_side_medians(self):
        for chart, gid_prefix in (("compare.spend-overlay", "median-"),
                                  ("compare.spend-fans", "fan-median-")):
            data = self.sidecar(chart)
            root = self.svg(chart)
            for scenario, doc in (("baseline", self.base), ("stress", self.stress)):
                gid = gid_prefix + scenario
                mapping = data["axes"][data["gids"][gid]]
                pts = [common.to_data(mapping, x, y)
                       for x, y in common.svg_path_points(common.svg_find_id(root, gid))]
                self.assertEqual(len(pts), len(doc["metrics"]["spend"]) + 1)
                for x, y in pts[1:]:
                    want = median(doc, "spend", round(x))
                    self.assertAlmostEqual(y / want, 1.0, places=6, msg=f"{chart} {scenario}")

    def test_distribution_chart_uses_the_files_median_and_the_state(self):
        data = self.sidecar("compare.dist-spend-2030")
        self.assertEqual(data["years"], [2030])  # the latest year both files have
        root = self.svg("compare.dist-spend-2030")
        for scenario, doc, source in (("baseline", self.base, "sketch"),
                                      ("stress", self.stress, "values")):
            s = data["scenarios"][scenario]
            self.assertEqual(s["median"], median(doc, "spend", 2030))
            self.assertEqual(s["source"], source)
            mapping = data["axes"][data["gids"]["median-" + scenario]]
            (x, y), = [common.to_data(mapping, *p) for p in
                       common.svg_marker_points(common.svg_find_id(root, "median-" + scenario))]
            self.assertAlmostEqual(x / s["median"], 1.0, places=6)
            self.assertAlmostEqual(y, 0.5, places=6)
            # the CDF curve crosses 1/2 at the median (within the sketch's accuracy)
            cdf = common.svg_path_points(common.svg_find_id(root, "cdf-" + scenario))
            xs = [common.to_data(mapping, *p) for p in cdf]
            crossing = next(a for a, b in zip(xs, xs[1:]) if a[1] <= 0.5 <= b[1])
            self.assertAlmostEqual(crossing[0] / s["median"], 1.0, delta=0.02)
            self.assertTrue(all(0.0 <= v <= 1.0 for v in s["cdf"]))
            self.assertTrue(all(v >= 0.0 for v in s["density"]))

    def test_tornado_sorted_by_swing(self):
        data = self.sidecar("baseline.tornado-spend-2030")
        swings = [abs(p["swing_high"] - p["swing_low"]) for p in data["parameters"]]
        self.assertEqual(swings, sorted(swings, reverse=True))
        self.assertEqual(data["parameters"][0]["name"], "spend.long_run_growth")
        texts = " ".join(common.svg_texts(self.svg("baseline.tornado-spend-2030")))
        self.assertIn("spend.long_run_growth", texts)
        self.assertIn("ρ = +0.71", texts)

    def test_tornado_from_the_engines_factors_form(self):
        """spendcast sensitivity --json: factors with {value, se} and {value, median}; a
        factor that does not vary is left out; bars end at the pinned medians."""
        out = common.temp_dir(self.addCleanup)
        example = os.path.join(common.HERE, "data", "sensitivity-factors-example.json")
        run_tool(PLOT, example, "--out", out, "-q")
        name = "bubble-burst.tornado-share-Anthropic-2027"
        data = load_json(os.path.join(out, name + ".json"))
        doc = load_json(example)
        self.assertEqual([p["name"] for p in data["parameters"]],
                         ["vendors.persistence", "vendors.volatility", "event.burst"])
        self.assertEqual(data["base"], doc["median"])
        root = common.svg_root(os.path.join(out, name + ".svg"))
        mapping = data["axes"]["main"]
        for f in doc["factors"][:3]:
            for side in ("low", "high"):
                bar = common.svg_path_points(common.svg_find_id(root, f"{side}-{f['name']}"))
                ends = sorted({round(common.to_data(mapping, x, y)[0], 9) for x, y in bar})
                self.assertAlmostEqual(min(ends, key=lambda v: abs(v - doc["median"])),
                                       doc["median"], places=6)
                self.assertAlmostEqual(max(ends, key=lambda v: abs(v - doc["median"])),
                                       f[side]["median"], places=6)
        texts = " ".join(common.svg_texts(root))
        self.assertIn("10th percentile", texts)
        self.assertIn("event: fired", texts)
        self.assertIn("SRRC = +0.40", texts)

    def test_a_vendor_keeps_its_colour_on_every_chart(self):
        import re

        def colours(name, prefix):
            root = self.svg(name)
            out = {}
            for el in root.iter():
                gid = el.get("id") or ""
                if gid.startswith(prefix):
                    style = " ".join((e.get("style") or "") for e in el.iter())
                    m = re.search(r"(?:stroke|fill): (#[0-9a-f]{6})", style)
                    key = gid[len(prefix):]
                    if prefix == "leader-":
                        key = key.rsplit("-", 1)[0]  # leader-VENDOR-YEAR
                    out.setdefault(key, set()).add(m.group(1))
            return {k: v.pop() if len(v) == 1 else v for k, v in out.items()}

        for scenario in ("baseline", "stress"):
            shares = colours(f"{scenario}.shares", "median-")
            revenue = colours(f"{scenario}.revenue", "revenue-median-")
            leader = colours(f"{scenario}.leader", "leader-")
            self.assertEqual(shares, revenue)
            for v, c in leader.items():
                self.assertEqual(shares[v], c, v)
            self.assertEqual(shares["OpenAI"], "#10a37f")
            self.assertEqual(shares["Anthropic"], "#d97757")
            self.assertEqual(len(set(shares.values())), len(shares), "two vendors share a colour")


class PlotOptions(unittest.TestCase):
    def test_log_scale_fan_maps_back(self):
        out = common.temp_dir(self.addCleanup)
        run_tool(PLOT, result_path("baseline"), "--out", out, "--log", "--charts", "fan",
                 "--format", "svg", "-q")
        self.assertEqual(sorted(os.listdir(out)),
                         ["baseline.spend-fan.json", "baseline.spend-fan.svg"])
        data = load_json(os.path.join(out, "baseline.spend-fan.json"))
        mapping = data["axes"]["main"]
        self.assertEqual(mapping["yscale"], "log")
        root = common.svg_root(os.path.join(out, "baseline.spend-fan.svg"))
        doc = load_json(result_path("baseline"))
        for x, y in common.svg_path_points(common.svg_find_id(root, "median"))[1:]:
            xd, yd = common.to_data(mapping, x, y)
            self.assertAlmostEqual(yd / median(doc, "spend", round(xd)), 1.0, places=6)

    def test_log_plots_of_three_files_raise_no_warning(self):
        """Defect 9: --log with shared log axes (revenue, side-by-side fans) leaked four
        matplotlib UserWarnings; here any warning is an error."""
        out = common.temp_dir(self.addCleanup)
        p = run_tool(PLOT, result_path("baseline"), result_path("stress"), result_path("baseline"),
                     "--out", out, "--log", "--format", "svg", "-q", fork=True)
        self.assertNotIn("Warning", p.stderr)
        p = run_tool(REPORT, result_path("baseline"), result_path("stress"), "--log",
                     "-o", os.path.join(out, "r.html"))
        self.assertNotIn("Warning", p.stderr)

    def test_metric_and_year_options(self):
        out = common.temp_dir(self.addCleanup)
        run_tool(PLOT, result_path("baseline"), result_path("stress"), "--out", out,
                 "--metric", "share.Anthropic", "--year", "2027",
                 "--charts", "distribution,overlay", "--format", "svg", "-q")
        names = sorted(os.listdir(out))
        self.assertIn("compare.dist-share-Anthropic-2027.svg", names)
        self.assertIn("compare.share-Anthropic-overlay.svg", names)
        data = load_json(os.path.join(out, "compare.dist-share-Anthropic-2027.json"))
        doc = load_json(result_path("baseline"))
        self.assertEqual(data["scenarios"]["baseline"]["median"],
                         median(doc, "share.Anthropic", 2027))
        over = load_json(os.path.join(out, "compare.share-Anthropic-overlay.json"))
        self.assertEqual(over["scenarios"]["stress"]["q0.5"][0], 0.24)  # the 2024 share

    def test_comparison_file(self):
        """spendcast compare --json: the paired differences and P(B > A) read back from the
        SVG are the file's."""
        out = common.temp_dir(self.addCleanup)
        example = os.path.join(common.HERE, "data", "comparison-example.json")
        run_tool(PLOT, example, "--out", out, "-q")
        name = "baseline.comparison-spend"
        self.assertEqual(sorted(os.listdir(out)), [name + ext for ext in (".json", ".png", ".svg")])
        distinct, inked = common.png_stats(os.path.join(out, name + ".png"))
        self.assertGreater(distinct, 40)
        self.assertGreater(inked, 0.04)
        data = load_json(os.path.join(out, name + ".json"))
        doc = load_json(example)
        root = common.svg_root(os.path.join(out, name + ".svg"))
        for comp in doc["comparisons"]:
            cells = comp["metrics"]["spend"]
            gid = "difference-" + comp["b"]
            mapping = data["axes"][data["gids"][gid]]
            pts = [common.to_data(mapping, *p)
                   for p in common.svg_path_points(common.svg_find_id(root, gid))]
            self.assertEqual(len(pts), len(cells))
            span = mapping["ylim"][1] - mapping["ylim"][0]
            for x, y in pts:
                self.assertAlmostEqual(y, cells[str(round(x))]["difference"]["median"],
                                       delta=1e-6 * span)
            gid = "p-greater-" + comp["b"]
            mapping = data["axes"][data["gids"][gid]]
            marks = [common.to_data(mapping, *p)
                     for p in common.svg_marker_points(common.svg_find_id(root, gid))]
            for x, y in marks:
                self.assertAlmostEqual(y, cells[str(round(x))]["p_greater"]["p"], places=6)
        self.assertIn("20,000 paths", data["source"])

    def test_bad_input_is_refused_with_a_message(self):
        out = common.temp_dir(self.addCleanup)
        p = run_tool(PLOT, os.path.join(out, "missing.json"), "--out", out, check=False)
        self.assertEqual(p.returncode, 2)
        self.assertIn("missing.json: not a spendcast result file (no such file)", p.stderr)
        bad = os.path.join(out, "bad.json")
        with open(bad, "w") as f:
            json.dump({"format": "something-else"}, f)
        p = run_tool(PLOT, bad, "--out", out, check=False)
        self.assertEqual(p.returncode, 2)
        self.assertIn("bad.json: not a spendcast result file (format 'something-else'",
                      p.stderr)
        p = run_tool(PLOT, bad, "--out", out, "--charts", "pie", check=False)
        self.assertEqual(p.returncode, 2)
        self.assertIn("unknown chart kind", p.stderr)
        self.assertEqual(sorted(os.listdir(out)), ["bad.json"])


class Palette(unittest.TestCase):
    def test_fixed_and_fallback_colours(self):
        from spendcast.charts import style
        a = style.Palette(style.VENDOR_COLOURS, ["OpenAI", "NewLab", "Zeta", "Acme"])
        b = style.Palette(style.VENDOR_COLOURS, ["Acme", "Zeta", "NewLab", "OpenAI"])
        self.assertEqual(a("OpenAI"), "#10a37f")
        for n in ("NewLab", "Zeta", "Acme"):
            self.assertEqual(a(n), b(n))
            self.assertRegex(a(n), r"^#[0-9a-f]{6}$")
            self.assertNotIn(a(n), style.VENDOR_COLOURS.values())
        self.assertEqual(len({a(n) for n in ("OpenAI", "NewLab", "Zeta", "Acme")}), 4)
        # the same in a fresh process (no dependence on Python's hash seed)
        code = ("import sys; sys.path.insert(0, %r); from spendcast.charts import style; "
                "print(style.Palette(style.VENDOR_COLOURS, ['NewLab', 'Zeta', 'Acme'])('Zeta'))"
                % common.PACKAGES)
        env = dict(os.environ, PYTHONHASHSEED="12345")
        out = subprocess.run([common.PYTHON, "-c", code], capture_output=True, text=True,
                             env=env, check=True).stdout.strip()
        self.assertEqual(out, a("Zeta"))


class Distributions(unittest.TestCase):
    def test_sketch_and_values_give_the_files_quantiles(self):
        """The distribution read from the state's sketch gives back the file's quantiles
        (the engine's rule: bucket representatives, NumPy's linear interpolation)."""
        from spendcast.charts.inputs import load
        base = load(result_path("baseline"))
        self.assertFalse(base.exact)
        for metric in base.metrics:
            for year in base.years(metric):
                d = base.distribution(metric, year)
                for level in (0.05, 0.25, 0.5, 0.75, 0.95):
                    want = base.quantile(metric, year, level)
                    self.assertAlmostEqual(d.quantile(level), want,
                                           delta=1e-12 * max(abs(want), 1e-9),
                                           msg=f"{metric} {year} {level}")
        stress = load(result_path("stress"))
        self.assertTrue(stress.exact)
        for year in stress.years("spend"):
            d = stress.distribution("spend", year)
            for level in (0.05, 0.5, 0.95):
                want = stress.quantile("spend", year, level)
                self.assertAlmostEqual(d.quantile(level), want, delta=1e-12 * abs(want))


if __name__ == "__main__":
    unittest.main()
