"""Defects 6, 7 and issue 17: input that is not a spendcast file, an unknown --metric or
--year, hostile JSON, and an output folder that cannot be written are each refused with
one clear line and exit status 2, with no traceback and nothing written."""

import json
import os
import stat
import unittest

import common
from common import PLOT, REPORT, load_json, result_path, run_tool


class BadInput(unittest.TestCase):
    def setUp(self):
        self.dir = common.temp_dir(self.addCleanup)
        self.out = os.path.join(self.dir, "out")

    def write(self, name, data):
        path = os.path.join(self.dir, name)
        with open(path, "wb" if isinstance(data, bytes) else "w") as f:
            f.write(data)
        return path

    def doctored(self, name, change):
        """The baseline result with `change(doc)` applied, written as JSON text (NaN and
        Infinity as Python's json writes them)."""
        doc = load_json(result_path("baseline"))
        change(doc)
        return self.write(name, json.dumps(doc))

    def refused(self, path, why, *extra, tool=PLOT, fork=False, timeout=300):
        out = ["--out", self.out] if tool == PLOT else ["-o", os.path.join(self.out, "r.html")]
        p = run_tool(tool, path, *extra, *out, check=False, fork=fork, timeout=timeout)
        self.assertEqual(p.returncode, 2, f"{path}: {p.stderr}")
        lines = p.stderr.strip().splitlines()
        self.assertEqual(len(lines), 1, p.stderr)
        self.assertNotIn("Traceback", p.stderr)
        self.assertIn(why, lines[0])
        self.assertFalse(os.path.exists(self.out) and os.listdir(self.out),
                         "something was written")
        return lines[0]

    def not_ours(self, path, why, **kw):
        line = self.refused(path, why, **kw)
        self.assertIn(f"{path}: not a spendcast result file (", line)

    def test_files_that_are_not_results(self):
        toml = os.path.join(common.ROOT, "scenarios", "baseline.toml")
        cases = [
            (self.write("a.csv", "metric,year,p50\nspend,2027,50\n"), "not JSON"),
            (toml, "not JSON"),
            (self.write("random.bin", bytes(range(256)) * 8), "not UTF-8"),
            (self.write("other.json", '{"hello": 1}'), "no format key"),
            (self.write("list.json", "[1, 2, 3]"), "JSON list at the top level"),
            (self.write("kind.json", '{"format": "something-else"}'), "format 'something-else'"),
            (self.dir, "a directory"),
            (os.path.join(self.dir, "missing.json"), "no such file"),
            (self.write("empty.json", ""), "not JSON"),
        ]
        for path, why in cases:
            for tool in (PLOT, REPORT):
                with self.subTest(path=os.path.basename(path), tool=os.path.basename(tool)):
                    self.not_ours(path, why, tool=tool)

    def test_fifo_is_refused_without_blocking(self):
        fifo = os.path.join(self.dir, "pipe.json")
        os.mkfifo(fifo)
        self.assertTrue(stat.S_ISFIFO(os.stat(fifo).st_mode))
        # a separate process: were it to open the FIFO for reading it would block for ever
        # (the test then fails on run_tool's timeout)
        self.not_ours(fifo, "a FIFO", fork=True, timeout=120)

    def test_hostile_json(self):
        deep = self.write("deep.json", "[" * 10**6 + "]" * 10**6)
        self.not_ours(deep, "nested too deeply")
        deep_obj = self.write("deep-obj.json", '{"a":' * 10**6 + "1" + "}" * 10**6)
        self.not_ours(deep_obj, "nested too deeply")

        def nan(doc):
            doc["metrics"]["spend"]["2027"]["quantiles"]["0.5"] = float("nan")
        self.not_ours(self.doctored("nan.json", nan), "NaN")

        def inf(doc):
            doc["metrics"]["share.Anthropic"]["2030"]["percentiles"]["50"] = float("inf")
        self.not_ours(self.doctored("inf.json", inf), "Infinity")
        big = self.write("big.json", json.dumps(load_json(result_path("baseline"))).replace(
            '"seed": 20241120', '"seed": 20241120, "huge": 1e999', 1))
        self.not_ours(big, "1e999")

        def year(doc):
            doc["metrics"]["spend"]["20x7"] = doc["metrics"]["spend"].pop("2027")
        self.not_ours(self.doctored("year.json", year), "metrics.spend has the key '20x7'")

        def leader_year(doc):
            doc["probabilities"]["leader"]["next"] = {}
        self.not_ours(self.doctored("leader.json", leader_year), "probabilities.leader")

        def text_value(doc):
            doc["metrics"]["hhi"]["2027"]["quantiles"]["0.5"] = "high"
        self.not_ours(self.doctored("text.json", text_value), "metrics.hhi.2027.quantiles")

    def test_unknown_metric_and_year(self):
        line = self.refused(result_path("baseline"), "unknown metric 'share.Antropic'",
                            "--metric", "share.Antropic")
        self.assertIn("did you mean 'share.Anthropic'", line)
        line = self.refused(result_path("baseline"), "no year 2040 for spend", "--year", "2040")
        self.assertIn("2025–2030", line)
        self.refused(result_path("baseline"), "no year 2024 for share.Meta", "--metric",
                     "share.Meta", "--year", "2024")
        self.refused(result_path("baseline"), "unknown metric 'sprend'", "--metric", "sprend",
                     tool=REPORT)
        self.refused(result_path("baseline"), "no year 2031", "--year", "2031", tool=REPORT)

    def test_output_folder_that_cannot_be_written(self):
        base = result_path("baseline")
        for out, why in (("/proc/", "cannot write there"),
                         (os.path.join(self.dir, "no", "such", "folder"),
                          "its parent folder does not exist"),
                         (self.write("a-file", "x"), "not a folder")):
            p = run_tool(PLOT, base, "--out", out, "--charts", "fan", check=False)
            self.assertEqual(p.returncode, 2, p.stderr)
            self.assertIn(why, p.stderr)
            self.assertEqual(len(p.stderr.strip().splitlines()), 1, p.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.dir, "no")))
        for out, why in (("/proc/report.html", "cannot write there"),
                         (os.path.join(self.dir, "no", "r.html"), "folder does not exist"),
                         (self.dir, "a folder, not a file")):
            p = run_tool(REPORT, base, "-o", out, check=False)
            self.assertEqual(p.returncode, 2, p.stderr)
            self.assertIn(why, p.stderr)

    def test_python_without_numpy_is_one_line(self):
        """The tools start with `#!/usr/bin/env python3`; a python3 without NumPy or
        matplotlib (here: -S, no site packages) gets one line and exit 2."""
        import subprocess
        for tool in (PLOT, REPORT):
            with open(tool, encoding="utf-8") as f:
                self.assertEqual(f.readline().rstrip("\n"), "#!/usr/bin/env python3")
            self.assertTrue(os.access(tool, os.X_OK))
            p = subprocess.run([common.PYTHON, "-S", tool, result_path("baseline"), "-o",
                                os.path.join(self.out, "x")], capture_output=True, text=True,
                               timeout=120)
            self.assertEqual(p.returncode, 2, p.stderr)
            self.assertEqual(len(p.stderr.strip().splitlines()), 1, p.stderr)
            self.assertIn("need NumPy and matplotlib", p.stderr)
            self.assertFalse(os.path.exists(self.out))

    def test_another_python_first_on_path_hands_over_to_the_system_one(self):
        """A python3 without NumPy that is not /usr/bin/python3 (pyenv's, say, first on
        PATH) hands over to /usr/bin/python3: here a copy of it started with -S."""
        import shutil
        import subprocess
        other = os.path.join(self.dir, "python3")
        shutil.copy(os.path.realpath(common.PYTHON), other)
        env = {k: v for k, v in os.environ.items() if k != "SPENDCAST_CHARTS_SYSTEM_PYTHON"}
        p = subprocess.run([other, "-S", PLOT, result_path("baseline"), "--out", self.out,
                            "--metric", "spend"], capture_output=True, text=True, timeout=300,
                           env=env)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertTrue(any(f.endswith(".png") for f in os.listdir(self.out)))

    @unittest.skipIf(os.geteuid() == 0, "root writes to read-only folders")
    def test_read_only_folder(self):
        ro = os.path.join(self.dir, "ro")
        os.mkdir(ro, 0o555)
        p = run_tool(PLOT, result_path("baseline"), "--out", ro, check=False)
        self.assertEqual(p.returncode, 2)
        self.assertIn("cannot write there", p.stderr)


class ReadOrExplain(unittest.TestCase):
    """The one place spendcast-plot and spendcast-report turn a failed read into a line on
    standard error (and exit status 2): an InputError as it is, content the checks missed
    as "cannot ACTION FILES: unexpected content"."""

    def explain(self, read):
        import contextlib
        import io
        from spendcast.charts.inputs import read_or_explain
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            value = read_or_explain("tool", "draw from", ["a.json", "b.json"], read)
        return value, err.getvalue()

    def test_a_read_that_works_returns_its_value_and_says_nothing(self):
        self.assertEqual(self.explain(lambda: ("charts", "folder")), (("charts", "folder"), ""))

    def test_an_input_error_is_its_message(self):
        from spendcast.charts.fields import InputError

        def read():
            raise InputError("a.json: no metric 'x'")
        self.assertEqual(self.explain(read), (None, "tool: a.json: no metric 'x'\n"))

    def test_content_the_checks_missed_names_the_files(self):
        for error in (KeyError("p50"), TypeError("bad"), ValueError("bad"), IndexError("bad")):
            def read():
                raise error
            value, err = self.explain(read)
            self.assertIsNone(value)
            self.assertEqual(err, "tool: cannot draw from a.json, b.json: unexpected content "
                                  f"({type(error).__name__}: {error})\n")

    def test_other_errors_are_not_hidden(self):
        def read():
            raise RuntimeError("a bug")
        with self.assertRaises(RuntimeError):
            self.explain(read)


if __name__ == "__main__":
    unittest.main()
