#!/usr/bin/env bash
# Decodes every ASTERIX sample in ../shared/data/asterix with `skywatch decode asterix` and compares the output
# with the asterix-decoder 0.7.11 reference (compare_asterix.py, ≥ 99.9 % field agreement). Our tables come from
# asterix-specs, whose subfield names and units differ in places from asterix-decoder's: the output is renamed
# to the reference's names first (scripts/asterix-to-decoder-names.py). Exits non-zero on any failure. Usage: scripts/check-asterix.sh [SKYWATCH_BINARY] [DATA_DIR]  (needs python3; without a binary,
# builds skywatch in debug).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=""
if [ $# -gt 0 ] && [ -x "$1" ] && [ ! -d "$1" ]; then BIN=$1; shift; fi
DATA=${1:-../shared/data/asterix}
COMPARE="$DATA/../compare_asterix.py"
[ -f "$DATA/manifest.json" ] || { echo "no ASTERIX data at $DATA" >&2; exit 2; }
if [ -z "$BIN" ]; then
    swift build --product skywatch >/dev/null
    BIN=$(swift build --show-bin-path)/skywatch
fi
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
status=0
for ref in "$DATA"/*.ref.jsonl; do
    name=$(basename "$ref" .ref.jsonl)
    input=""
    for ext in raw pcap pcapng; do [ -f "$DATA/$name.$ext" ] && input="$DATA/$name.$ext"; done
    [ -n "$input" ] || { echo "$name: no input file" >&2; status=1; continue; }
    "$BIN" decode asterix "$input" | python3 scripts/asterix-to-decoder-names.py > "$OUT/$name.jsonl"
    if python3 "$COMPARE" "$OUT/$name.jsonl" "$ref" --out "$OUT/$name.summary.json" > /dev/null; then
        result=PASS
    else
        result=FAIL
        status=1
    fi
    python3 - "$OUT/$name.summary.json" "$name" "$result" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
print(f"{sys.argv[3]} {sys.argv[2]}: records {s['records_candidate']}/{s['records_ref']}, "
      f"fields {s['fields_agree']}/{s['fields_compared']}, agreement {s['agreement']:.6f}")
PY
done
exit $status
