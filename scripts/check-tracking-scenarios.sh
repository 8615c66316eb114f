#!/usr/bin/env bash
# Scores the tracker on every scenario at hand with the benchmark's evaluate.py and prints one line each, so that a
# change is judged on more than `dev`: ../shared/bench/dev, the built-in scenario, the other real recordings made by
# scripts/make-other-recordings.py (made here if missing; the `traffic` wheel's samples are downloaded once), and the
# simulator's airport preset (seed 1, 300 s: drones near the field). It reports, it does not judge.
# Usage: scripts/check-tracking-scenarios.sh [path/to/skywatch] [-- extra skywatch track options]
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH=${BENCH:-../shared/bench}
BIN="${1:-}"
if [[ -z "$BIN" || "$BIN" == "--" ]]; then swift build -c release --product skywatch >&2; BIN=.build/release/skywatch; fi
shift || true
[[ "${1:-}" == "--" ]] && shift
SAMPLES=.build/scale-scenarios/traffic/traffic/data/samples/collections
if [[ ! -d .build/other-recordings/swiss || ! -d .build/other-recordings/savan ]]; then
    if [[ ! -f "$SAMPLES/switzerland.json.gz" ]]; then
        mkdir -p .build/scale-scenarios
        pip download --no-deps traffic==2.13 -d .build/scale-scenarios/traffic >/dev/null
        unzip -q -o .build/scale-scenarios/traffic/traffic-2.13-*.whl "traffic/data/samples/*" -d .build/scale-scenarios/traffic
    fi
    TRAFFIC_SAMPLES="$SAMPLES" python3 scripts/make-other-recordings.py --bench "$BENCH" >&2
fi
if [[ ! -f .build/airport-preset/truth.csv ]]; then
    "$BIN" simulate --preset airport --seed 1 --duration 300 --out .build/airport-preset >/dev/null 2>&1
fi
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
printf '%-14s %7s %8s %7s %6s %5s %6s\n' scenario OSPA complete posRMS false IDsw breaks
for dir in "$BENCH/dev" Sources/SkyScenario/Builtin/paris-10min .build/other-recordings/* .build/airport-preset; do
    [[ -f "$dir/truth.csv" ]] || continue
    "$BIN" track --scenario "$dir" --out "$OUT/tracks.csv" "$@" >/dev/null
    python3 "$BENCH/evaluate.py" "$dir" "$OUT/tracks.csv" | python3 -c "
import json, sys
m = json.load(sys.stdin)
print('%-14s %7.1f %8.4f %7.1f %6d %5d %6d' % ('$(basename "$dir")', m['ospa_mean_m'], m['completeness'], m['pos_rms_m'],
      m['n_false_tracks'], m['id_switches'], m['track_breaks']))"
done
