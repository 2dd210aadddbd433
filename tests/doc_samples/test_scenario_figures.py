"""Unit tests of scenario_figures.py's FIGURE arguments on a small result document made
here (no simulation runs): the words, the units and decimals, the thresholds' keys, pairs
stored the other way round, and the refusals. Run with test_doc_samples (its load_tests)."""
from __future__ import annotations

import unittest
from typing import Any

from result_figures import MissingFigure, probability
from scenario_figures import figure


def cell(q5: float, q50: float, q95: float) -> dict[str, Any]:
    return {"quantiles": {"0.05": q5, "0.5": q50, "0.95": q95}}


DOCUMENT: dict[str, Any] = {
    "metrics": {
        "spend": {"2030": cell(64.2, 149.4, 372.6)},
        "revenue.OpenAI": {"2030": cell(0.61, 2.14, 6.96)},
        "share.Anthropic": {"2030": cell(0.18, 0.354, 0.551)},
        "share_segment.applications": {"2030": cell(0.30, 0.39, 0.49)},
        "hhi": {"2030": cell(0.197, 0.239, 0.364)},
    },
    "probabilities": {
        "thresholds": {"hhi": {"0.3": {"2030": {"p": 0.8412}}},
                       "spend": {"500": {"2030": {"p": 0.0165}}}},
        "pairs": {"OpenAI>Anthropic": {"2027": {"p": 0.0912}}},
        "leader": {"2030": {"Anthropic": {"p": 0.9961}}},
        "events": {"correction": {"2030": {"p": 0.0021}}},
    },
}


def shown(spec: str) -> tuple[str, str]:
    words, read = figure(spec)
    return words, read(DOCUMENT)


class ScenarioFiguresTest(unittest.TestCase):
    def test_distributions_in_their_units(self) -> None:
        self.assertEqual(shown("spend@2030"), ("spend 2030 ($B)", "149 [64–373]"))
        self.assertEqual(shown("revenue.OpenAI@2030"),
                         ("OpenAI's revenue 2030 ($B)", "2.1 [0.6–7.0]"))
        self.assertEqual(shown("share.Anthropic@2030"),
                         ("Anthropic's share 2030", "35 % [18–55]"))
        self.assertEqual(shown("share_segment.applications@2030"),
                         ("applications' share of spend 2030", "39 % [30–49]"))
        self.assertEqual(shown("hhi@2030"), ("HHI 2030", "0.24 [0.20–0.36]"))

    def test_probabilities(self) -> None:
        self.assertEqual(shown("hhi>=0.30@2030"), ("P(HHI ≥ 0.30, 2030)", "0.84"))
        self.assertEqual(shown("spend>=500@2030"), ("P(spend ≥ 500 bn, 2030)", "0.02"))
        self.assertEqual(shown("Anthropic>OpenAI@2027"),
                         ("P(Anthropic's share > OpenAI's, 2027)", "0.91"))
        self.assertEqual(shown("leader.Anthropic@2030"),
                         ("P(Anthropic has the largest share, 2030)", "> 0.99"))
        self.assertEqual(shown("event.correction@2030"), ("P(correction by 2030)", "< 0.01"))
        self.assertEqual(probability(0.5), "0.50")

    def test_refusals(self) -> None:
        for spec in ["share.Meta@2030", "spend@2029", "spend>=100@2030", "Meta>OpenAI@2030",
                     "leader.Meta@2030", "event.burst@2030"]:
            with self.assertRaises(MissingFigure, msg=spec):
                shown(spec)
        with self.assertRaises(ValueError):
            figure("spend")


if __name__ == "__main__":
    unittest.main()
