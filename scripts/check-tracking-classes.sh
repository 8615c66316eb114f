#!/usr/bin/env bash
# Figures per target class (issue 17): simulates the border and airport presets (600 s) for seeds 7, 11 and 23,
# tracks them radar-only, and prints `skywatch evaluate`'s summary and per-class lines (completeness, coverage within
# 2 km, position RMS, initiation delay in seconds and scans, ID switches).
# Usage: scripts/check-tracking-classes.sh [path/to/skywatch] [extra `skywatch track` options…]
#   (default: builds .build/release/skywatch). SEEDS="7 11 23" and PRESETS="border airport" override the scenes.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${1:-}"
if [[ -z "$BIN" ]]; then swift build -c release --product skywatch >&2; BIN=.build/release/skywatch; fi
shift || true
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
for preset in ${PRESETS:-border airport}; do
    for seed in ${SEEDS:-7 11 23}; do
        dir="$OUT/$preset-$seed"
        "$BIN" simulate --preset "$preset" --seed "$seed" --duration 600 --out "$dir" > /dev/null 2>&1
        "$BIN" track --scenario "$dir" --out "$dir/tracks.csv" "$@" > /dev/null 2>&1
        echo "== $preset seed $seed"
        "$BIN" evaluate --scenario "$dir" --tracks "$dir/tracks.csv" 2>&1 > /dev/null |
            grep -E "^(completeness|position|tracks|airliner|general_aviation|helicopter|drone|fast_object)"
    done
done
