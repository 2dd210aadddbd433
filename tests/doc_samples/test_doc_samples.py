"""Unit tests of tools/doc-samples on small Markdown files made here (no simulation runs):
the JSON and table modes, masking, lines=, --update's idempotence and the refusals.
Run by tests/scripts/doc_samples_selftest.sh; SPENDCAST_BINARY names any executable."""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

TOOL = Path(__file__).resolve().parents[2] / "tools" / "doc-samples"
BINARY = os.environ.get("SPENDCAST_BINARY", "/bin/true")
FENCE = "```"


class DocSamplesTest(unittest.TestCase):
    def setUp(self) -> None:
        self.folder = tempfile.TemporaryDirectory()
        self.doc = Path(self.folder.name) / "doc.md"

    def tearDown(self) -> None:
        self.folder.cleanup()

    def run_tool(self, mode: str, text: str | None = None) -> subprocess.CompletedProcess[str]:
        if text is not None:
            self.doc.write_text(text, encoding="utf-8")
        return subprocess.run([sys.executable, str(TOOL), mode, "--binary", BINARY,
                               str(self.doc)], capture_output=True, text=True, check=False)

    def assert_update_fixes(self, stale: str, fresh: str) -> None:
        """stale fails --check; --update makes it fresh; then --check passes and a second
        --update changes nothing."""
        checked = self.run_tool("--check", stale)
        self.assertEqual(checked.returncode, 1, checked.stdout + checked.stderr)
        self.assertIn(f"{self.doc}:", checked.stdout)
        self.assertEqual(self.run_tool("--update").returncode, 0)
        self.assertEqual(self.doc.read_text(encoding="utf-8"), fresh)
        self.assertEqual(self.run_tool("--check").returncode, 0)
        self.assertEqual(self.run_tool("--update").returncode, 0)
        self.assertEqual(self.doc.read_text(encoding="utf-8"), fresh)

    def test_lines_and_volatile_fields(self) -> None:
        marker = "<!-- sample: checked lines=1-2,$ -->\n"
        command = "$ printf 'a\\nb 1.5 s\\nc 2 threads\\nd\\n'\n"
        fresh = f"{marker}{FENCE}\n{command}a\nb 9.9 s\n...\nd\n{FENCE}\n"
        self.assertEqual(self.run_tool("--check", fresh).returncode, 0)
        self.assert_update_fixes(f"{marker}{FENCE}\n{command}a\nb 9.9 s\nd\n{FENCE}\n", fresh)

    def test_a_here_document_is_the_commands_input(self) -> None:
        """A command ending in <<'EOF' takes the lines up to EOF as its input (Python cells
        of docs/PYTHON.md); its output follows; --update keeps the input as written."""
        marker = "<!-- sample: checked -->\n"
        command = "$ python3 <<'EOF'\nprint(6 * 7)\nEOF\n42\n$ echo next\n"
        dollar = "$ tr -d '$' <<'X'\n$ input, not a command\nX\n input, not a command\n"
        fresh = f"{marker}{FENCE}\n{dollar}{command}next\n{FENCE}\n"
        self.assertEqual(self.run_tool("--check", fresh).returncode, 0)
        stale = fresh.replace("42\n", "41\n")
        self.assert_update_fixes(stale, fresh)
        unended = self.run_tool("--check", f"{marker}{FENCE}\n$ cat <<'EOF'\nx\n{FENCE}\n")
        self.assertEqual(unended.returncode, 2)
        self.assertIn("has no EOF line", unended.stderr + unended.stdout)

    def test_json_numbers_are_rewritten_at_the_decimals_shown(self) -> None:
        marker = ("<!-- sample: checked json=x.json setup=\"printf '%s' "
                  "'{\\\"a\\\": 1.24, \\\"b\\\": [1, 2, 3], \\\"s\\\": \\\"hello\\\", "
                  "\\\"elapsed_s\\\": 3}' > x.json\" -->\n")
        body = '{ "a": {a}, "b": [1, ...],  // comment\n  "s": "hel...", "elapsed_s": 9 }\n'
        fresh = f"{marker}```jsonc\n{body.replace('{a}', '1.2')}{FENCE}\n"
        self.assertEqual(self.run_tool("--check", fresh).returncode, 0)
        self.assert_update_fixes(f"{marker}```jsonc\n{body.replace('{a}', '1.3')}{FENCE}\n",
                                 fresh)

    def test_json_structure_is_not_updated(self) -> None:
        marker = "<!-- sample: checked json=x.json setup=\"echo '{\\\"a\\\": 1}' > x.json\" -->\n"
        text = f"{marker}```jsonc\n{{ \"a\": 1, \"b\": 2 }}\n{FENCE}\n"
        for mode in ("--check", "--update"):
            done = self.run_tool(mode, text)
            self.assertEqual(done.returncode, 1, done.stdout + done.stderr)
            self.assertIn("the file has no key 'b'", done.stdout)
            self.assertEqual(self.doc.read_text(encoding="utf-8"), text)

    def test_table_columns(self) -> None:
        marker = ("<!-- sample: checked columns=1,3 "
                  "table=\"printf 'x\\t2\\ny\\t3\\n'\" -->\n")
        head = "| name | story | n |\n|---|---|---|\n"
        fresh = f"intro\n{marker}{head}| x | words | 2 |\n| y | more | 3 |\n"
        self.assertEqual(self.run_tool("--check", fresh).returncode, 0)
        self.assert_update_fixes(fresh.replace("| 2 |", "| 1 |"), fresh)

    def test_refusals(self) -> None:
        for text, message in [
                (f"{FENCE}\n$ echo hi\nhi\n{FENCE}\n", "needs a marker"),
                (f"<!-- sample: checked -->\n\n{FENCE}\n$ echo hi\n{FENCE}\n",
                 "must be right before a fence"),
                (f"<!-- sample: checked lines=3,2 -->\n{FENCE}\n$ echo\n{FENCE}\n",
                 "ascending"),
                (f"<!-- sample: checked colour=red -->\n{FENCE}\n$ echo\n{FENCE}\n",
                 "unknown marker option")]:
            done = self.run_tool("--check", text)
            self.assertEqual(done.returncode, 2, text)
            self.assertIn(f"{self.doc}:", done.stderr)
            self.assertIn(message, done.stderr)


def load_tests(loader: unittest.TestLoader, tests: unittest.TestSuite,
               pattern: str | None) -> unittest.TestSuite:
    """This module's tests and those of the documentation's table scripts
    (test_scenario_figures.py), so that the self-test runs both."""
    tests.addTests(loader.loadTestsFromName("test_scenario_figures"))
    return tests


if __name__ == "__main__":
    unittest.main()
