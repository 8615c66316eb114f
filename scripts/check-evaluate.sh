#!/usr/bin/env bash
# Scores TRACKS with the reference scorer (../shared/bench/evaluate.py) and with `skywatch evaluate`, and asserts
# that every numeric key of the reference's JSON agrees within 1 % (relative; exact when the reference is 0,
# both null when the reference is null). Prints the side-by-side table and both wall times.
#
# Usage: scripts/check-evaluate.sh TRACKS_CSV [SCENARIO_DIR]     (scenario defaults to ../shared/bench/dev)
# Environment: SKYWATCH=path/to/skywatch to use a given binary (default: release build, built if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
TRACKS=${1:?usage: scripts/check-evaluate.sh TRACKS_CSV [SCENARIO_DIR]}
BENCH=${BENCH:-../shared/bench}
SCENARIO=${2:-$BENCH/dev}
if [[ -z "${SKYWATCH:-}" ]]; then
    swift build -c release --product skywatch >&2
    SKYWATCH=.build/release/skywatch
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

t0=$(date +%s.%N)
python3 "$BENCH/evaluate.py" "$SCENARIO" "$TRACKS" > "$TMP/reference.json"
t1=$(date +%s.%N)
"$SKYWATCH" evaluate --scenario "$SCENARIO" --tracks "$TRACKS" > "$TMP/skywatch.json" 2> "$TMP/skywatch.err"
t2=$(date +%s.%N)

python3 - "$TMP/reference.json" "$TMP/skywatch.json" "$t0" "$t1" "$t2" <<'PY'
import json, sys
ref = json.load(open(sys.argv[1])); sky = json.load(open(sys.argv[2]))
t0, t1, t2 = map(float, sys.argv[3:6])
bad, worst = [], 0.0
print(f"{'key':32s} {'evaluate.py':>14s} {'skywatch':>14s} {'rel. diff':>10s}")
for k, r in ref.items():
    s = sky.get(k, "MISSING")
    if r is None or s is None or s == "MISSING":
        ok = r is None and s is None
        rel = 0.0 if ok else float("inf")
    else:
        rel = 0.0 if r == s else abs(s - r) / abs(r) if r != 0 else float("inf")
        ok = rel <= 0.01
    worst = max(worst, rel)
    print(f"{k:32s} {str(r):>14s} {str(s):>14s} {rel:10.2e}{'' if ok else '  <-- FAIL'}")
    if not ok:
        bad.append(k)
for k in sky:
    if k not in ref:
        print(f"{k:32s} {'(not in ref)':>14s} {str(sky[k]):>14s}")
print(f"wall time: evaluate.py {t1 - t0:.3f} s, skywatch evaluate {t2 - t1:.3f} s (process, including file reading)")
print(f"largest relative difference {worst:.2e} over {len(ref)} keys")
# Byte-identical output: the reference's line is a prefix of ours up to our extra keys.
ref_line = open(sys.argv[1]).read().strip(); sky_line = open(sys.argv[2]).read().strip()
print("JSON text: " + ("byte-identical to evaluate.py for all its keys" if sky_line.startswith(ref_line[:-1] + ",")
                       or sky_line == ref_line else "differs in formatting (values compared above)"))
if bad:
    print("FAIL: " + ", ".join(bad)); sys.exit(1)
print("PASS: every key within 1 %")
PY
