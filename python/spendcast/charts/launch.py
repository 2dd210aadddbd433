"""Starting a program of the package: NumPy and matplotlib are checked first. A python3
without them (another Python first on PATH, as pyenv puts one) hands over to the system's
/usr/bin/python3, where Debian's python3-numpy and python3-matplotlib live; when that has
none either, one clear line (exit 2), not a traceback."""

import importlib
import os
import sys
from typing import Callable, Optional

SYSTEM_PYTHON = "/usr/bin/python3"
HANDED_OVER = "SPENDCAST_CHARTS_SYSTEM_PYTHON"  # set once, so a handover cannot loop


def run(prog: str, module: str, argv: Optional[list[str]] = None) -> int:
    """Runs `spendcast.charts.MODULE.main` as `prog`; 2 when NumPy or matplotlib is
    missing from this Python."""
    try:
        for needed in ("numpy", "matplotlib"):
            importlib.import_module(needed)
    except ImportError as e:
        if (argv is None and not os.environ.get(HANDED_OVER) and os.path.exists(SYSTEM_PYTHON)
                and os.path.realpath(sys.executable) != os.path.realpath(SYSTEM_PYTHON)):
            os.environ[HANDED_OVER] = "1"
            os.execv(SYSTEM_PYTHON, [SYSTEM_PYTHON, os.path.realpath(sys.argv[0]), *sys.argv[1:]])
        print(f"{prog}: this python3 ({sys.executable}) lacks {e.name or 'a module'}: the "
              "chart tools need NumPy and matplotlib (Debian: python3-numpy, "
              f"python3-matplotlib); run {prog} with a python3 that has them",
              file=sys.stderr)
        return 2
    main: Callable[..., int] = importlib.import_module(f"{__package__}.{module}").main
    return main(argv, prog=prog)
