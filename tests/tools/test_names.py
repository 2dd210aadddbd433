"""Defect 8: file names built from data (scenario names, metric names) are sanitised by one
helper (names.safe_file_name), so no scenario name writes outside --out."""

import json
import os
import unittest

import common
from common import PLOT, load_json, result_path, run_tool

HOSTILE = ["../evil/owned", "/etc/passwd", "..", ".", "", "../../..", "a/../../b",
           "..\\..\\windows", "-rf", ".hidden", "a\x00b", "名前", "x" * 1000, "a b\tc\nd",
           "~/x", "con:aux", "a..b"]


class SafeFileName(unittest.TestCase):
    def test_hostile_names_stay_one_component(self):
        from spendcast.charts.names import MAX_NAME, safe_file_name
        for name in HOSTILE:
            safe = safe_file_name(name)
            self.assertRegex(safe, r"^[A-Za-z0-9_][A-Za-z0-9._-]*$", repr(name))
            self.assertNotIn("..", safe, repr(name))
            self.assertLessEqual(len(safe), MAX_NAME)
            folder = os.path.join(os.sep, "out")
            joined = os.path.normpath(os.path.join(folder, safe + ".png"))
            self.assertEqual(os.path.dirname(joined), folder, repr(name))
        self.assertEqual(safe_file_name("baseline.spend-fan"), "baseline.spend-fan")
        self.assertEqual(safe_file_name("share.Anthropic"), "share.Anthropic")


class HostileScenarioName(unittest.TestCase):
    def run_with_name(self, name):
        root = common.temp_dir(self.addCleanup)
        for sub in ("out", "evil", os.path.join("out", "evil")):
            os.makedirs(os.path.join(root, sub), exist_ok=True)
        doc = load_json(result_path("baseline"))
        doc["scenario"]["name"] = name
        path = os.path.join(root, "in.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f)
        out = os.path.join(root, "out")
        p = run_tool(PLOT, path, "--out", out, "--charts", "fan,shares", "--format", "svg")
        written = []
        for folder, _, files in os.walk(root):
            written += [os.path.join(folder, f) for f in files]
        outside = [w for w in written if os.path.dirname(w) != out and w != path]
        self.assertEqual(outside, [], f"{name!r}: written outside --out")
        listed = p.stdout.split()
        self.assertEqual(len(listed), 4, p.stdout)  # 2 charts x (svg, json)
        for w in listed:
            self.assertEqual(os.path.dirname(os.path.abspath(w)), out)
        return root

    def test_relative_path_name(self):
        self.run_with_name("../evil/owned")

    def test_absolute_path_name(self):
        root = common.temp_dir(self.addCleanup)
        target = os.path.join(root, "abs")
        os.makedirs(target)
        self.run_with_name(os.path.join(target, "owned"))
        self.assertEqual(os.listdir(target), [])


if __name__ == "__main__":
    unittest.main()
