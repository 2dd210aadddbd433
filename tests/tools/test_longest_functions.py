"""tools/longest-functions (the readability measure issue notes quote) counts a function
from its signature's first line to its closing brace, skips control statements, classes and
namespaces, and ranks functions and files by length."""

from __future__ import annotations

import contextlib
import importlib.machinery
import importlib.util
import io
import os
import pathlib
import sys
import tempfile
import textwrap
import unittest
from types import ModuleType

TOOL = pathlib.Path(__file__).resolve().parents[2] / "tools" / "longest-functions"

SOURCE = textwrap.dedent("""\
    namespace spendcast {

    int short_one(int x) {
      return x;
    }

    /// A signature on two lines.
    double two_lines(double a,
                     double b) {
      if (a > b) {
        return a;
      }
      for (int i = 0; i < 3; ++i) {
        a += b;
      }
      return a;
    }

    class Holder {
     public:
      void member() const {
        helper();
      }

     private:
      int helper() const {
        return 1;
      }
    };

    }  // namespace spendcast
    """)


def load_tool() -> ModuleType:
    loader = importlib.machinery.SourceFileLoader("longest_functions", str(TOOL))
    spec = importlib.util.spec_from_loader("longest_functions", loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


class LongestFunctions(unittest.TestCase):
    def test_counts_each_function_from_signature_to_brace(self) -> None:
        tool = load_tool()
        with tempfile.TemporaryDirectory() as folder:
            path = pathlib.Path(folder) / "a.cpp"
            path.write_text(SOURCE, encoding="utf-8")
            found = {f.name: f.lines for f in tool.functions_of(path, "a.cpp")}
        self.assertEqual(found, {"short_one": 3, "two_lines": 10, "member": 3, "helper": 3})

    def test_ranks_functions_and_files(self) -> None:
        tool = load_tool()
        with tempfile.TemporaryDirectory() as folder:
            (pathlib.Path(folder) / "src").mkdir()
            (pathlib.Path(folder) / "src" / "a.cpp").write_text(SOURCE, encoding="utf-8")
            out = io.StringIO()
            argv, cwd = sys.argv, os.getcwd()
            try:
                os.chdir(folder)
                sys.argv = ["longest-functions", "--top", "2", "src"]
                with contextlib.redirect_stdout(out):
                    tool.main()
            finally:
                sys.argv = argv
                os.chdir(cwd)
        lines = out.getvalue().splitlines()
        self.assertEqual(lines[1].split(), ["10", "two_lines", "src/a.cpp:8"])
        self.assertEqual(lines[-1], "functions: 4; over 60 lines: 0; over 40: 0")


if __name__ == "__main__":
    unittest.main()
