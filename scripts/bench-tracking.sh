#!/usr/bin/env bash
# Tracker throughput: dev (3 radars, 21,865 plots) and the scale scenarios with 2,000 and 20,000 simultaneous
# targets (cloned real trajectories, many radars; made by ../shared/bench/make_scenario.py scale, which needs the
# `traffic` 2.13 wheel's sample data — downloaded here with pip if missing). Then scores dev with evaluate.py.
# Usage: scripts/bench-tracking.sh [--skip-scale]   (SCALE_DIR=folder with scale-2000/ and scale-20000/ to reuse inputs)
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH=../shared/bench
SCALE_DIR=${SCALE_DIR:-.build/scale-scenarios}
swift build -c release --product skywatch-bench >/dev/null
swift build -c release --product skywatch >/dev/null
dirs=("$BENCH/dev")
if [[ "${1:-}" != "--skip-scale" ]]; then
    mkdir -p "$SCALE_DIR"
    samples="$SCALE_DIR/traffic/traffic/data/samples/collections"
    for n in 2000 20000; do
        if [[ ! -f "$SCALE_DIR/scale-$n/plots.csv" ]]; then
            if [[ ! -f "$samples/quickstart.json.gz" ]]; then
                pip download --no-deps traffic==2.13 -d "$SCALE_DIR/traffic" >/dev/null
                unzip -q -o "$SCALE_DIR"/traffic/traffic-2.13-*.whl "traffic/data/samples/*" -d "$SCALE_DIR/traffic"
            fi
            TRAFFIC_SAMPLES="$samples" python3 "$BENCH/make_scenario.py" scale --n "$n" --duration 120 \
                --out "$SCALE_DIR/scale-$n" >/dev/null
        fi
        dirs+=("$SCALE_DIR/scale-$n")
    done
fi
# One process per scenario so that the peak memory is that scenario's.
for d in "${dirs[@]}"; do
    .build/release/skywatch-bench tracking --runs 3 "$d"
done
echo "--- dev quality (evaluate.py), Stone Soup 1.9.1: OSPA 175.1 m, completeness 0.989, pos RMS 65.5 m, 7 false, 1 ID switch, 146 plots/s"
.build/release/skywatch track --scenario "$BENCH/dev" --out .build/dev-tracks.csv | tail -2
python3 "$BENCH/evaluate.py" "$BENCH/dev" .build/dev-tracks.csv
