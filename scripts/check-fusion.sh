#!/usr/bin/env bash
# Radar + ADS-B fusion and the `skywatch track` inputs/outputs, measured (issues 4 and 5).
#
#   1. simulate an airport scene (2 Mode S radars, ADS-B emitters) → plots.csv, radar.ast, adsb.beast of one run;
#   2. track it radar-only and fused, from plots.csv and from radar.ast; score with `skywatch evaluate` and with
#      scripts/fusion-stats.py (tracks per ADS-B aircraft, position error of the addressed tracks vs truth);
#   3. the picture from radar.ast against the one from plots.csv (same addressed tracks, distance between them);
#   4. tracks.ast (CAT062 + CAT065) through our decoder, tshark and asterix-decoder (when installed or installable);
#   5. throughput with ADS-B reports included (plots + reports per second of tracking wall time), stress preset.
#
# usage: scripts/check-fusion.sh [SEED] [DURATION]      (release build; ~1–2 min after the build)
set -euo pipefail
cd "$(dirname "$0")/.."
SEED=${1:-1}
DURATION=${2:-600}
swift build -c release --product skywatch >/dev/null
BIN=$(swift build -c release --show-bin-path)/skywatch
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT

echo "== simulate airport seed $SEED, $DURATION s"
"$BIN" simulate --preset airport --seed "$SEED" --duration "$DURATION" --out "$W/sim" --adsb-diagnostics 2>/dev/null
S="$W/sim"

run() {  # label, track arguments...
    local label=$1
    shift
    echo "== $label: skywatch track $*" | sed "s#$W/##g"
    "$BIN" track "$@" | grep -E "input|ADS-B applied|wall time" | sed 's/^/   /'
}
run radar-only --scenario "$S" --out "$W/radar.csv"
run radar-only-asterix --asterix "$S/radar.ast" --sensors "$S/sensors.json" --out "$W/radar-ast.csv"
run fused --scenario "$S" --adsb "$S/adsb.beast" --out "$W/fused.csv"
run fused-asterix --asterix "$S/radar.ast" --sensors "$S/sensors.json" --adsb "$S/adsb.beast" --out "$W/fused-ast.csv"
run fused-cat062 --asterix "$S/radar.ast" --sensors "$S/sensors.json" --adsb "$S/adsb.beast" --out "$W/fused.ast"

echo "== skywatch evaluate (OSPA etc. over all truth, c = 1000 m)"
for t in radar fused radar-ast fused-ast; do
    printf '   %-10s ' "$t"
    "$BIN" evaluate --scenario "$S" --tracks "$W/$t.csv" 2>/dev/null | python3 -c '
import json, sys
r = json.loads(sys.stdin.readline())
print(" ".join(f"{k}={r[k]}" for k in ["ospa_mean_m", "pos_rms_m", "pos_median_m", "pos_p95_m", "alt_rms_m",
      "completeness", "n_tracks", "n_false_tracks", "id_switches", "tracks_per_truth"]))'
done

echo "== ADS-B equipped aircraft (in adsb.csv; scripts/fusion-stats.py: addressed tracks vs truth)"
for t in radar fused radar-ast fused-ast; do
    python3 scripts/fusion-stats.py "$S" "$W/$t.csv" "$t" | sed 's/^/   /'
done

echo "== radar.ast picture vs plots.csv picture (addressed tracks at the same second)"
python3 - "$W/radar.csv" "$W/radar-ast.csv" <<'EOF'
import csv, math, sys
def load(p):
    d, first = {}, {}
    for r in csv.DictReader(open(p)):
        first.setdefault(r["track_id"], int(r["time"]))
        if r["icao24"]:
            d[(int(r["time"]), r["icao24"])] = (float(r["lat"]), float(r["lon"]), int(r["time"]) - first[r["track_id"]])
    return d
a, b = load(sys.argv[1]), load(sys.argv[2])
common = [k for k in a if k in b]
def dist(p, q):
    dy = math.radians(p[0] - q[0]) * 6371000
    dx = math.radians(p[1] - q[1]) * 6371000 * math.cos(math.radians(p[0]))
    return math.hypot(dx, dy)
d = sorted(dist(a[k], b[k]) for k in common if a[k][2] >= 30)
print(f"   addressed rows: {len(a)} vs {len(b)}, common {len(common)}; tracks shown ≥ 30 s: RMS "
      f"{math.sqrt(sum(x * x for x in d) / len(d)):.2f} m, median {d[len(d) // 2]:.2f} m, p99 {d[len(d) * 99 // 100]:.2f} m, "
      f"max {d[-1]:.1f} m")
EOF

echo "== tracks.ast: our decoder, tshark, asterix-decoder"
"$BIN" decode asterix "$W/fused.ast" --summary | python3 -c '
import json, sys
s = json.loads(sys.stdin.readline())
print("   skywatch decode:", s["records"], "records, errors", s["errors"])'
python3 scripts/ast-to-pcap.py "$W/fused.ast" "$W/fused.pcap" >/dev/null
if command -v tshark >/dev/null; then
    tshark -r "$W/fused.pcap" -d udp.port==8600,asterix -V > "$W/tshark.txt" 2>/dev/null || true
    echo "   tshark: $(grep -c 'Asterix message, #' "$W/tshark.txt") records," \
        "$(grep -ciE 'malformed|expert info \(error|dissector bug|exception occurred' "$W/tshark.txt" || true) error lines"
else
    echo "   tshark: not installed (apt-get install tshark)"
fi
python3 -c 'import asterix' 2>/dev/null || pip install --quiet asterix-decoder==0.7.11 2>/dev/null || true
python3 - "$W/fused.ast" <<'EOF' || echo "   asterix-decoder: not available"
import collections, sys
import asterix
records = asterix.parse(open(sys.argv[1], "rb").read())
errors = sum(1 for r in records if "error" in str(r).lower())
print("   asterix-decoder:", dict(collections.Counter(r["category"] for r in records)), "records,", errors, "with errors")
EOF

echo "== throughput with ADS-B (stress preset: 20,000 targets, 4 radars; 60 s)"
"$BIN" simulate --preset stress --seed "$SEED" --duration 60 --out "$W/stress" 2>/dev/null
for i in 1 2; do
    "$BIN" track --scenario "$W/stress" --adsb "$W/stress/adsb.beast" --out "$W/stress-fused.csv" \
        | grep -E "input|tracks initiated|wall time" | sed 's/^/   fused: /'
done
"$BIN" track --scenario "$W/stress" --out "$W/stress-radar.csv" | grep -E "wall time" | sed 's/^/   radar only: /'
echo "   (no adsb.csv here: the aircraft set is every Mode S aircraft, with or without ADS-B)"
python3 scripts/fusion-stats.py "$W/stress" "$W/stress-radar.csv" stress-radar | sed 's/^/   /'
python3 scripts/fusion-stats.py "$W/stress" "$W/stress-fused.csv" stress-fused | sed 's/^/   /'
