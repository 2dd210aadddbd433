"""Starting a program of the package: NumPy and matplotlib are checked first, so that a
python3 without them gives one clear line (exit 2), not a traceback."""

import importlib
import sys
from typing import Callable, Optional


def run(prog: str, module: str, argv: Optional[list[str]] = None) -> int:
    """Runs `spendcast_charts.MODULE.main` as `prog`; 2 when NumPy or matplotlib is
    missing from this Python."""
    try:
        for needed in ("numpy", "matplotlib"):
            importlib.import_module(needed)
    except ImportError as e:
        print(f"{prog}: this python3 ({sys.executable}) lacks {e.name or 'a module'}: the "
              "chart tools need NumPy and matplotlib (Debian: python3-numpy, "
              f"python3-matplotlib); run {prog} with a python3 that has them",
              file=sys.stderr)
        return 2
    main: Callable[..., int] = importlib.import_module(f"spendcast_charts.{module}").main
    return main(argv, prog=prog)
