"""tools/spendcast-report: one self-contained HTML file with the scenario's title and
description, every chart inline as SVG, the summary tables; written atomically; renders in
headless Chromium (DOM text, a screenshot that is not blank, a printed PDF)."""

import glob
import html
import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest

import common
from common import REPORT, load_json, result_path, run_tool

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                  "--disable-dev-shm-usage"]


_single = {}


def single_report():
    """The baseline's report, made once for the module (also rendered by Chromium)."""
    if not _single:
        d = tempfile.mkdtemp(prefix="spendcast-report-")
        unittest.addModuleCleanup(shutil.rmtree, d, True)
        path = os.path.join(d, "report.html")
        run_tool(REPORT, result_path("baseline"), "-o", path, fork=True)
        _single["path"] = path
    return _single["path"]


def fmt_usd(x):
    from spendcast.charts import style
    return style.fmt_usd(x)


class PageTestCase(unittest.TestCase):
    def assertIn(self, member, container, msg=None):  # noqa: N802 (unittest's style)
        """Like assertIn, without printing a whole page when it fails."""
        if isinstance(container, str) and len(container) > 2000:
            if member not in container:
                self.fail(msg or f"{member!r} is not in the page")
            return
        super().assertIn(member, container, msg)

    def assertNotIn(self, member, container, msg=None):  # noqa: N802
        if isinstance(container, str) and len(container) > 2000:
            if member in container:
                self.fail(msg or f"{member!r} is in the page")
            return
        super().assertNotIn(member, container, msg)


class SingleReport(PageTestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = common.temp_dir(cls.addClassCleanup)
        cls.path = os.path.join(cls.dir, "report.html")
        shutil.copyfile(single_report(), cls.path)
        with open(cls.path, encoding="utf-8") as f:
            cls.html = f.read()
        cls.doc = load_json(result_path("baseline"))

    def test_title_description_and_source(self):
        title = self.doc["scenario"]["title"]
        self.assertIn(f"<title>{html.escape(title)}</title>", self.html)
        self.assertIn(f"<h1>{html.escape(title)}</h1>", self.html)
        first_words = " ".join(self.doc["scenario"]["description"].split()[:6])
        self.assertIn(html.escape(first_words), self.html)
        self.assertIn("Menlo Ventures", self.html)
        self.assertIn("20241120", self.html)

    def test_self_contained(self):
        self.assertNotIn("<script", self.html.lower())
        self.assertNotIn("<link", self.html.lower())
        self.assertNotIn("@import", self.html)
        # every src/href points inside the page; only SVG namespace names hold URLs
        for m in re.finditer(r'\b(src|href)="([^"]*)"', self.html):
            self.assertTrue(m.group(2).startswith("#"), m.group(0))
        for m in re.finditer(r"https?://[^\s\"'<>)]+", self.html):
            self.assertRegex(m.group(0), r"^http://www\.w3\.org/", "external reference")

    def test_every_chart_is_inline_svg_with_unique_ids(self):
        svgs = re.findall(r"<svg\b", self.html)
        self.assertEqual(len(svgs), 5)  # fan, shares, leader, revenue, distribution
        self.assertNotIn("<?xml", self.html)
        ids = re.findall(r'\bid="([^"]+)"', self.html)
        dupes = {i for i in ids if ids.count(i) > 1}
        self.assertEqual(dupes, set())
        refs = set(re.findall(r'(?:url\(#|href="#)([^)"]+)', self.html))
        self.assertEqual(refs - set(ids), set(), "references to missing ids")

    def test_tables_hold_the_files_numbers(self):
        q = self.doc["metrics"]["spend"]["2030"]["quantiles"]
        self.assertIn(f"{fmt_usd(q['0.5'])} <span class=\"meta\">"
                      f"[{fmt_usd(q['0.05'])}–{fmt_usd(q['0.95'])}]</span>", self.html)
        p = self.doc["probabilities"]["leader"]["2030"]["Anthropic"]["p"]
        self.assertIn(f">{p:.2f}<", self.html)
        for caption in ("Spend, $B a year", "Vendor shares of model-API spend",
                        "P(vendor has the largest model-API share)",
                        "P(metric at or above a threshold)", "P(event has happened",
                        "First year spend reaches", "P(share of A &gt; share of B)"):
            self.assertIn(caption, self.html)

    def test_print_css(self):
        self.assertIn("@media print", self.html)
        self.assertIn("break-inside: avoid", self.html)

    def test_written_atomically(self):
        self.assertEqual(sorted(os.listdir(self.dir)), ["report.html"])
        # a failing run leaves the previous report as it was
        before = os.path.getmtime(self.path), os.path.getsize(self.path)
        p = run_tool(REPORT, os.path.join(self.dir, "missing.json"), "-o", self.path,
                     check=False)
        self.assertEqual(p.returncode, 2)
        self.assertEqual((os.path.getmtime(self.path), os.path.getsize(self.path)), before)
        self.assertEqual(sorted(os.listdir(self.dir)), ["report.html"])


class ComparisonReport(PageTestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = common.temp_dir(cls.addClassCleanup)
        cls.path = os.path.join(cls.dir, "compare.html")
        run_tool(REPORT, result_path("baseline"), result_path("stress"),
                 common.SENSITIVITY_EXAMPLE, "-o", cls.path, fork=True)
        with open(cls.path, encoding="utf-8") as f:
            cls.html = f.read()

    def test_sections_for_each_scenario_and_the_comparison(self):
        for name in ("baseline", "stress"):
            title = load_json(result_path(name))["scenario"]["title"]
            self.assertIn(html.escape(title), self.html)
            self.assertIn(f'id="s-{name}"', self.html)
        self.assertIn('id="compare"', self.html)
        self.assertIn("Sensitivity of spend in 2030", self.html)
        self.assertIn("spend.long_run_growth", self.html)
        # 2 x (fan, shares, leader, revenue) + overlay, side by side, distribution + tornado
        self.assertEqual(len(re.findall(r"<svg\b", self.html)), 12)
        ids = re.findall(r'\bid="([^"]+)"', self.html)
        self.assertEqual(len(ids), len(set(ids)))

    def test_vendor_tables_have_one_column_per_vendor(self):
        """Defect 1: the union of the files' vendors, each once (baseline has 6, stress
        those 6 and 3 entrants); a vendor a file lacks is blank in its row."""
        for caption in ("P(largest vendor share)", "Median vendor share"):
            head = common.table_header(self.html, caption)
            self.assertEqual(head[0], "Scenario")
            self.assertEqual(sorted(head[1:]), sorted(union_of_vendors()), caption)
        table = re.search(r"<caption>Median vendor share.*?</table>", self.html, re.S).group(0)
        base_row = re.search(r"<tr><th scope=\"row\">baseline</th>(.*?)</tr>", table).group(1)
        cells = re.findall(r"<td>(.*?)</td>", base_row)
        self.assertEqual(len(cells), 9)
        self.assertEqual(sum(c == "" for c in cells), 3, "the entrants baseline lacks")


def union_of_vendors():
    names = set()
    for name in ("baseline", "stress"):
        names.update(v["name"] for v in
                     load_json(result_path(name))["scenario"]["vendors"]["categories"])
    return names


class OwnDescription(PageTestCase):
    """Defect 2: a scenario that extends another and has no description or title of its
    own shows "Extends baseline." and its name, never the parent's text. Result files
    hold the scenario's own description ("" when none) and `scenario.extends`, the
    parents' names (absent in older files)."""

    def child(self, **scenario):
        doc = load_json(result_path("baseline"))
        self.parent_title = doc["scenario"]["title"]
        self.parent_words = "The default scenario: start here."
        self.assertIn(self.parent_words, " ".join(doc["scenario"]["description"].split()))
        doc["scenario"].update(name="child", title="", description="")
        doc["scenario"].pop("extends", None)
        doc["scenario"].update(scenario)
        d = common.temp_dir(self.addCleanup)
        path = os.path.join(d, "child.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f)
        return d, path

    def report(self, *files):
        out = os.path.join(os.path.dirname(files[0]), "r.html")
        run_tool(REPORT, *files, "-o", out)
        with open(out, encoding="utf-8") as f:
            return f.read()

    def test_extends_without_own_text(self):
        d, path = self.child(extends=["baseline"])
        page = self.report(path)
        self.assertIn("<h1>child</h1>", page)
        self.assertIn("<p>Extends baseline.</p>", page)
        self.assertNotIn(self.parent_words, " ".join(page.split()))
        self.assertNotIn(html.escape(self.parent_title), page)
        # the charts' subtitles
        run_tool(common.PLOT, path, "--out", d, "--charts", "fan,shares", "--format", "svg", "-q")
        for name in ("child.spend-fan", "child.shares"):
            texts = " ".join(common.svg_texts(common.svg_root(os.path.join(d, name + ".svg"))))
            self.assertIn("Scenario child (extends baseline)", texts)
            self.assertNotIn(self.parent_title, texts)
        # several files: the scenario's own section
        page = self.report(path, result_path("stress"))
        self.assertIn("<p>Extends baseline.</p>", page)
        self.assertNotIn(self.parent_words, " ".join(page.split()))

    def test_two_parents_and_own_text(self):
        _, path = self.child(extends=["baseline", "stress"])
        self.assertIn("<p>Extends baseline and stress.</p>", self.report(path))
        _, path = self.child(extends=["baseline"], description="Own words.",
                             title="Own title")
        page = self.report(path)
        self.assertIn("<p>Own words.</p>", page)
        self.assertIn("<h1>Own title</h1>", page)
        self.assertNotIn("Extends", page)

    def test_real_child_scenario(self):
        """tests/tools/data/entrant.toml extends the baseline and has no title or
        description: as the engine writes it (once it writes scenario.extends)."""
        doc = load_json(result_path("entrant"))
        if "extends" not in doc["scenario"]:
            self.skipTest("this spendcast writes no scenario.extends yet")
        self.assertEqual(doc["scenario"]["extends"], ["baseline"])
        self.assertEqual(doc["scenario"]["description"], "")
        d = common.temp_dir(self.addCleanup)
        page = self.report(shutil.copy(result_path("entrant"), d))
        self.assertIn("<p>Extends baseline.</p>", page)
        self.assertIn("The default scenario", load_json(result_path("baseline"))["scenario"]
                      ["description"])
        self.assertNotIn("The default scenario", page)

    def test_older_files_without_extends(self):
        _, path = self.child()
        page = self.report(path)
        self.assertIn("<h1>child</h1>", page)
        self.assertNotIn("Extends", page)
        self.assertNotIn(self.parent_words, " ".join(page.split()))


class SensitivityReport(PageTestCase):
    def test_sensitivity_file_alone(self):
        d = common.temp_dir(self.addCleanup)
        path = os.path.join(d, "sens.html")
        example = os.path.join(common.HERE, "data", "sensitivity-factors-example.json")
        run_tool(REPORT, example, "-o", path)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        self.assertIn("Sensitivity of share.Anthropic in 2027", text)
        self.assertEqual(len(re.findall(r"<svg\b", text)), 1)
        self.assertIn("vendors.persistence", text)
        self.assertIn("Illustrative numbers", text)  # the file's notes
        self.assertNotIn("spend.volatility", text)  # constant: left out


class ComparisonFileReport(PageTestCase):
    def test_comparison_file_section(self):
        d = common.temp_dir(self.addCleanup)
        path = os.path.join(d, "cmp.html")
        run_tool(REPORT, os.path.join(common.HERE, "data", "comparison-example.json"), "-o", path)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        self.assertIn("Comparison against baseline", text)
        self.assertEqual(len(re.findall(r"<svg\b", text)), 1)
        self.assertIn("agents-boom against baseline: spend", text)
        self.assertIn("P(bubble-burst &gt; baseline)", text)
        self.assertIn("236 <span class=\"meta\">[140–450]</span>", text)  # a difference
        self.assertIn("−16 to 1", text)
        self.assertIn("−36 <span", text)


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


class Chromium(PageTestCase):
    """The report in headless Chromium. Skips without Chromium, unless
    SPENDCAST_REQUIRE_CHROMIUM=1 (tests/scripts/charts.sh sets it once Chromium is there)."""

    @classmethod
    def setUpClass(cls):
        cls.chromium = find_chromium()
        if not cls.chromium:
            if os.environ.get("SPENDCAST_REQUIRE_CHROMIUM") == "1":
                raise AssertionError("chromium is required but missing")
            raise unittest.SkipTest("no chromium")
        cls.dir = common.temp_dir(cls.addClassCleanup)
        cls.path = os.path.join(cls.dir, "report.html")
        shutil.copyfile(single_report(), cls.path)
        cls.title = load_json(result_path("baseline"))["scenario"]["title"]

    def chromium_run(self, *args, page=None):
        profile = tempfile.mkdtemp(prefix="spendcast-chromium-")
        self.addCleanup(shutil.rmtree, profile, True)
        cmd = [self.chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args,
               "file://" + (page or self.path)]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=120,
                              cwd=self.dir)

    def test_dom_shows_the_title_and_the_charts(self):
        p = self.chromium_run("--dump-dom")
        self.assertEqual(p.returncode, 0, p.stderr[-2000:])
        dom = html.unescape(p.stdout)
        self.assertIn(self.title, dom)
        self.assertRegex(dom, r"<h1>[^<]*" + re.escape(self.title))
        self.assertEqual(len(re.findall(r"<svg\b", dom)), 5)
        self.assertIn("Vendor shares of model-API spend", dom)

    def test_screenshot_is_not_blank(self):
        shot = os.path.join(self.dir, "shot.png")
        p = self.chromium_run(f"--screenshot={shot}", "--window-size=1280,2400")
        self.assertTrue(os.path.exists(shot), p.stderr[-2000:])
        distinct, inked = common.png_stats(shot)
        self.assertGreater(distinct, 100, f"{distinct} colours")
        self.assertGreater(inked, 0.05, f"{inked:.3f} of the pixels drawn")
        # the top of the page is the title block: dark text on white
        from matplotlib import image
        top = image.imread(shot)[:200]
        self.assertGreater(float((top[..., :3].max(axis=2) < 0.3).mean()), 0.005)

    def test_comparison_tables_in_the_rendered_dom(self):
        """Defect 1 as the browser shows it: the header cells of the vendor tables in the
        DOM Chromium builds from the comparison report."""
        path = os.path.join(self.dir, "compare.html")
        run_tool(REPORT, result_path("baseline"), result_path("stress"), "-o", path)
        p = self.chromium_run("--dump-dom", page=path)
        self.assertEqual(p.returncode, 0, p.stderr[-2000:])
        for caption in ("P(largest vendor share)", "Median vendor share"):
            head = common.table_header(p.stdout, caption)
            self.assertEqual(len(head), 1 + len(union_of_vendors()), head)
            self.assertEqual(len(set(head)), len(head), head)

    def test_prints_to_pdf(self):
        pdf = os.path.join(self.dir, "report.pdf")
        p = self.chromium_run(f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
        self.assertTrue(os.path.exists(pdf), p.stderr[-2000:])
        with open(pdf, "rb") as f:
            data = f.read()
        self.assertTrue(data.startswith(b"%PDF"))
        pages = len(re.findall(rb"/Type\s*/Page\b", data))
        self.assertGreaterEqual(pages, 3)
        self.assertEqual(glob.glob(os.path.join(self.dir, ".tmp-*")), [])


if __name__ == "__main__":
    unittest.main()
