"""The spend fan's year axis and source line: every year from the first observed one to
the horizon is labelled (the base year 2024 was lost when the observed 2023 took its place
in the list of ticked years), a long horizon still labels its first year, and the source
line names the sampling the file records (Latin hypercube or plain Monte Carlo), never an
assumed one."""

import copy
import unittest

from common import load_json, result_path

from spendcast.charts import style
from spendcast.charts.axes import year_ticks
from spendcast.charts.result import Result
from spendcast.charts.scenario_charts import fan_chart


def tick_labels(ch):
    ax = ch.axes
    return [t.get_text() for t in ax.get_xticklabels()
            if ax.get_xlim()[0] <= t.get_position()[0] <= ax.get_xlim()[1]]


class FanYearAxis(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.doc = load_json(result_path("baseline"))

    def fan(self, doc=None):
        return fan_chart(Result(doc or self.doc, "baseline.json"))

    def test_every_year_from_first_observed_to_horizon_is_labelled(self):
        r = Result(self.doc, "baseline.json")
        first = min(x for x, _ in r.observed("spend"))
        self.assertLess(first, r.base_year)  # the baseline observes 2023 and 2024
        want = [str(y) for y in range(first, r.horizon + 1)]
        self.assertEqual(tick_labels(self.fan()), want)

    def test_ticks_keep_the_first_year_on_a_long_axis(self):
        for first, last in ((2024, 2036), (2024, 2040), (2023, 2050), (2024, 2049)):
            ticks = year_ticks(range(first, last + 1))
            self.assertLessEqual(len(ticks), 13, (first, last))
            self.assertEqual(ticks[0], first, ticks)
            self.assertEqual(ticks[-1], last, ticks)
            gaps = [b - a for a, b in zip(ticks, ticks[1:])]
            self.assertGreaterEqual(min(gaps), max(gaps[:-1] or gaps) / 2, ticks)

    def test_few_years_are_all_ticked_even_with_gaps(self):
        self.assertEqual(year_ticks([2030, 2024, 2027]), [2024, 2027, 2030])
        self.assertEqual(year_ticks(range(2024, 2036)), list(range(2024, 2036)))


class FanSourceLine(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.doc = load_json(result_path("baseline"))

    def source(self, sampling):
        doc = copy.deepcopy(self.doc)
        if sampling is None:
            doc["run"].pop("sampling", None)
            doc["scenario"]["simulation"].pop("sampling", None)
        else:
            doc["run"]["sampling"] = sampling
        return fan_chart(Result(doc, "baseline.json")).data["source"]

    def test_the_files_sampling_is_named(self):
        self.assertEqual(self.doc["run"]["sampling"], "lhs")  # scenarios/baseline.toml
        src = fan_chart(Result(self.doc, "baseline.json")).data["source"]
        self.assertIn("Latin hypercube sampling", src)
        self.assertNotIn("Monte Carlo", src)
        self.assertIn("plain Monte Carlo", self.source("mc"))
        self.assertNotIn("Latin hypercube", self.source("mc"))

    def test_an_unrecorded_sampling_is_not_assumed(self):
        src = self.source(None)
        self.assertNotIn("Monte Carlo", src)
        self.assertNotIn("Latin hypercube", src)
        self.assertIn("seed", src)

    def test_the_words_are_defined_once(self):
        self.assertEqual(style.sampling_name("lhs"), "Latin hypercube sampling")
        self.assertEqual(style.sampling_name("sobol"), "sobol")  # unknown: as recorded
        self.assertEqual(style.sampling_name(None), "")


if __name__ == "__main__":
    unittest.main()
