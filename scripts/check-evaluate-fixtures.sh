#!/usr/bin/env bash
# End-to-end check of `skywatch evaluate` on the committed hand-made cases: its JSON line must start with the
# exact text evaluate.py printed for each case (Tests/SkyEvaluationTests/Fixtures/expected/*.json), i.e. same
# keys, order, values and number formatting. Needs no Python and no ../shared.
#
# Usage: scripts/check-evaluate-fixtures.sh      Environment: SKYWATCH=path/to/skywatch (default: debug build)
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -z "${SKYWATCH:-}" ]]; then
    swift build --product skywatch >&2
    SKYWATCH=.build/debug/skywatch
fi
F=Tests/SkyEvaluationTests/Fixtures
fail=0
for expected in "$F"/expected/*.json; do
    name=$(basename "$expected" .json)
    want=$(tr -d '\n' < "$expected")
    got=$("$SKYWATCH" evaluate --scenario "$F/tiny" --tracks "$F/tracks_$name.csv" 2>/dev/null)
    if [[ "$got" == "${want%\}}, "* ]]; then
        echo "PASS $name"
    else
        echo "FAIL $name"; echo "  evaluate.py: $want"; echo "  skywatch:    $got"; fail=1
    fi
done
exit $fail
