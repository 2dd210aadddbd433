#!/usr/bin/env bash
# docs/scenario.schema.json is what `spendcast schema` prints: the committed schema that
# editors use cannot go stale when the validator's key tables change. On a difference it
# prints the diff and how to regenerate the file.
# Usage: schema_fresh.sh SPENDCAST_BINARY
set -euo pipefail
spendcast="$1"
root="$(cd "$(dirname "$0")/../.." && pwd)"
committed="$root/docs/scenario.schema.json"
if ! "$spendcast" schema | diff -u "$committed" - ; then
  echo "schema_fresh: docs/scenario.schema.json differs from 'spendcast schema' (above);" \
       "regenerate it: build/release/spendcast schema > docs/scenario.schema.json" >&2
  exit 1
fi
echo "schema_fresh: docs/scenario.schema.json is what 'spendcast schema' prints"
