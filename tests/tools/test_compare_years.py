"""Defect 3: a comparison computed for some years only (spendcast compare --year 2027
--year 2030) is drawn at those years: markers at each, and no line or band across the
years that were not computed."""

import json
import os
import re
import unittest

import common
from common import PLOT, load_json, run_tool

EXAMPLE = os.path.join(common.HERE, "data", "comparison-example.json")


def path_segments(group):
    """[(command, x, y)] of the first <path> in an SVG group (M and L, absolute)."""
    path = next(el for el in group.iter() if el.tag == common.SVG_NS + "path")
    return [(c, float(x), float(y))
            for c, x, y in re.findall(r"([ML])\s*(-?[\d.]+)\s+(-?[\d.]+)", path.get("d"))]


class ComparisonYears(unittest.TestCase):
    def chart(self, years):
        d = common.temp_dir(self.addCleanup)
        doc = load_json(EXAMPLE)
        for comp in doc["comparisons"]:
            for m in comp["metrics"]:
                comp["metrics"][m] = {y: c for y, c in comp["metrics"][m].items()
                                      if int(y) in years}
        path = os.path.join(d, "cmp.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f)
        run_tool(PLOT, path, "--out", d, "--format", "svg", "-q")
        name = "baseline.comparison-spend"
        return (doc, load_json(os.path.join(d, name + ".json")),
                common.svg_root(os.path.join(d, name + ".svg")))

    def check(self, years):
        doc, data, root = self.chart(years)
        for comp in doc["comparisons"]:
            cells = comp["metrics"]["spend"]
            for gid, value in (("difference-" + comp["b"], lambda c: c["difference"]["median"]),
                               ("p-greater-" + comp["b"], lambda c: c["p_greater"]["p"])):
                group = common.svg_find_id(root, gid)
                mapping = data["axes"][data["gids"][gid]]
                marks = [common.to_data(mapping, *p) for p in common.svg_marker_points(group)]
                self.assertEqual([round(x) for x, _ in marks], years, gid)
                span = mapping["ylim"][1] - mapping["ylim"][0]
                for x, y in marks:
                    self.assertAlmostEqual(y, value(cells[str(round(x))]), delta=1e-6 * span)
                # every line segment joins two consecutive computed years
                prev = None
                for cmd, x, y in path_segments(group):
                    year = common.to_data(mapping, x, y)[0]
                    self.assertAlmostEqual(year, round(year), places=4, msg=gid)
                    if cmd == "L":
                        self.assertEqual(round(year) - round(prev), 1,
                                         f"{gid}: a line from {round(prev)} to {round(year)}")
                    prev = year
        ticks = [t for t in " ".join(common.svg_texts(root)).split() if re.fullmatch(r"20\d\d", t)]
        return ticks

    def test_two_years_apart(self):
        ticks = self.check([2027, 2030])
        self.assertNotIn("2028", ticks)
        self.assertNotIn("2029", ticks)

    def test_a_run_and_a_lone_year(self):
        self.check([2025, 2026, 2027, 2030])

    def test_every_year(self):
        self.check([2025, 2026, 2027, 2028, 2029, 2030])


if __name__ == "__main__":
    unittest.main()
