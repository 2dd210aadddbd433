#!/usr/bin/env bash
# docs/scenario.schema.json against the repository's scenario files
# (tests/schema/check_scenario_schema.py): every bundled scenario validates, the bad corpus's
# unknown keys, wrong types and out-of-range values are refused, and its errors that only
# `spendcast validate` can see (across keys and files) are listed as such.
# Usage: scenario_schema.sh [SPENDCAST_BINARY] (the argument is not used). Needs
# /usr/bin/python3 (3.11: tomllib) with jsonschema (Debian's python3-jsonschema); skips
# (exit 77), saying so, without them.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
python=/usr/bin/python3
if [ ! -x "$python" ] || ! "$python" -c "import tomllib" 2>/dev/null; then
  echo "scenario_schema: skipped: /usr/bin/python3 (3.11 or later, for tomllib) is missing"
  exit 77
fi
exec "$python" "$root/tests/schema/check_scenario_schema.py" "$root"
