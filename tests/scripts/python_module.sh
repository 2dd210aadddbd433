#!/usr/bin/env bash
# The Python module (import spendcast, docs/PYTHON.md) against the program it wraps:
# tests/python/test_*.py under pytest, with the package of this build
# (BUILD/python/spendcast, next to the spendcast binary) first on PYTHONPATH.
# Usage: python_module.sh SPENDCAST_BINARY. Skips (exit 77), saying why, only when the
# build has no Python module (pybind11 missing, SPENDCAST_BUILD_PYTHON=OFF, or a sanitizer
# build, which leaves it out) or /usr/bin/python3 lacks pandas or pytest.
set -euo pipefail
spendcast="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
root="$(cd "$(dirname "$0")/../.." && pwd)"
package="$(dirname "$spendcast")/python"
python=/usr/bin/python3
if [ ! -e "$package/spendcast/__init__.py" ]; then
  echo "python_module: skipped: this build has no Python module ($package; pybind11 missing or SPENDCAST_BUILD_PYTHON=OFF)"
  exit 77
fi
if ! "$python" -c "import pandas, pytest" 2>/dev/null; then
  echo "python_module: skipped: $python lacks pandas or pytest (python3-pandas, python3-pytest)"
  exit 77
fi
cd "$root"
export PYTHONPATH="$package" SPENDCAST_BINARY="$spendcast" PYTHONDONTWRITEBYTECODE=1
exec "$python" -m pytest -q -p no:cacheprovider tests/python
