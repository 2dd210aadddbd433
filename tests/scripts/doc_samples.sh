#!/usr/bin/env bash
# The sample outputs in README.md and docs/*.md are this build's: tools/doc-samples --check
# runs every block marked `<!-- sample: checked -->` and compares (docs/ARCHITECTURE.md,
# "Documentation samples"). After an intended change of output:
#   tools/doc-samples --update --binary build/release/spendcast
# Usage: doc_samples.sh SPENDCAST_BINARY. Skips (exit 77) without python3, and under the
# sanitizer builds: the samples check what the documentation says, not memory safety, and
# their 100 000-path runs would take minutes there (the release build checks them).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
if ! command -v python3 >/dev/null 2>&1; then
  echo "doc_samples: skipped: no python3"
  exit 77
fi
if [ "${SPENDCAST_SANITIZED:-}" = "1" ]; then
  echo "doc_samples: skipped under sanitizers (the release build checks the samples)"
  exit 77
fi
cd "$root"
# Debian's Python where there is one: its NumPy, matplotlib and pandas serve the samples of
# the chart tools and of the Python module (docs/PYTHON.md), as python3 in every sample.
python=python3
if [ -x /usr/bin/python3 ]; then python=/usr/bin/python3; fi
exec "$python" tools/doc-samples --check --binary "$1"
