"""Defect 5: the density of a bounded or point-massed value. A vendor that enters by an
event has a share of exactly 0 on most paths: that point mass is drawn apart, marked with
its probability, and the density is the continuous rest's, on the metric's support, with
no comb of spikes."""

import math
import os
import unittest

import numpy as np

import common
from common import PLOT, load_json, result_path, run_tool


def local_maxima(f, floor=0.01):
    """The number of local maxima of a curve higher than `floor` of its maximum."""
    f = np.asarray(f, dtype=float)
    top = float(f.max())
    return int(sum(1 for i in range(1, f.size - 1)
                   if f[i] > f[i - 1] and f[i] >= f[i + 1] and f[i] > floor * top))


def zero_share(name, metric, year):
    """P(metric = 0) as the file's state holds it: exact zeros / paths."""
    for c in load_json(result_path(name))["state"]["cells"]:
        if c["metric"] == metric and str(c["year"]) == str(year):
            if c.get("values"):
                return sum(1 for v in c["values"] if v == 0) / len(c["values"])
            return c["sketch"]["zero_count"] / c["sketch"]["count"]
    raise AssertionError(f"no state for {metric} {year}")


class PointMass(unittest.TestCase):
    def chart(self, name, metric, year):
        d = common.temp_dir(self.addCleanup)
        run_tool(PLOT, result_path(name), "--metric", metric, "--year", str(year), "--out", d,
                 "--charts", "distribution", "--format", "svg", "-q")
        chart = f"{name}.dist-{metric.replace('.', '-')}-{year}"
        return (load_json(os.path.join(d, chart + ".json"))["scenarios"][name],
                " ".join(common.svg_texts(common.svg_root(os.path.join(d, chart + ".svg")))))

    def check(self, name, metric, year):
        from spendcast.charts import style
        p0 = zero_share(name, metric, year)
        self.assertGreater(p0, 0.3)  # the scenario makes it a point mass
        data, texts = self.chart(name, metric, year)
        self.assertEqual(len(data["atoms"]), 1, data["atoms"])
        x, p = data["atoms"][0]
        self.assertEqual(x, 0.0)
        self.assertAlmostEqual(p, p0, places=12)
        self.assertIn(f"P(= 0) = {style.fmt_pct(p0)}", texts)
        self.assertAlmostEqual(data["continuous_mass"], 1.0 - p0, places=12)
        grid, f = np.array(data["grid"]), np.array(data["density"])
        self.assertGreaterEqual(grid.min(), 0.0)  # a share: on [0, 1]
        self.assertLessEqual(grid.max(), 1.0)
        self.assertTrue((f >= 0).all())
        # the continuous part's area is what it holds, less what lies beyond the grid (the
        # grid ends at the 99.5th percentile)
        area = float(np.trapz(f, grid))
        self.assertLess(area, 1.0 - p0 + 0.01)
        self.assertGreater(area, 1.0 - p0 - 0.03)
        self.assertLessEqual(local_maxima(f), 2, "a comb of spikes")
        self.assertLess(f[0], 0.5 * f.max(), "the point mass smeared into the density")

    def test_entrant_share_from_the_sketch(self):
        self.check("entrant", "share.DeepSeek", 2027)

    def test_entrant_share_from_every_value(self):
        self.check("stress", "share.Hyperscaler", 2027)

    def test_spend_has_no_point_mass_and_no_negative_support(self):
        data, texts = self.chart("baseline", "spend", 2030)
        self.assertEqual(data["atoms"], [])
        self.assertNotIn("P(=", texts)
        self.assertGreaterEqual(min(data["grid"]), 0.0)
        self.assertLessEqual(local_maxima(data["density"]), 2)


class NoComb(unittest.TestCase):
    def test_narrow_distribution_far_from_zero(self):
        """A million values near 0.3 with a spread of 0.005, in sketch-like buckets 0.2 %
        wide: Silverman's bandwidth alone (0.0003) is narrower than the buckets (0.0006)
        and drew a comb; the bandwidth's floor keeps the curve one bump."""
        from spendcast.charts.distribution import Distribution
        edges = 0.28 * 1.002 ** np.arange(0, 40)
        reps = 2 * edges[:-1] * edges[1:] / (edges[:-1] + edges[1:])
        cdf = np.array([0.5 * (1 + math.erf((e - 0.3) / (0.005 * math.sqrt(2)))) for e in edges])
        counts = np.round(np.diff(cdf) * 1e6)
        keep = counts > 0
        d = Distribution.from_points(reps[keep], counts[keep], reps[keep][0], reps[keep][-1])
        grid = np.linspace(0.285, 0.315, 400)
        f = d.density(grid, log=False)
        self.assertEqual(local_maxima(f), 1)
        self.assertAlmostEqual(float(np.trapz(f, grid)), 1.0, delta=0.01)


if __name__ == "__main__":
    unittest.main()
