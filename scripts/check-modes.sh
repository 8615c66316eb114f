#!/usr/bin/env bash
# Decodes every Mode S input in ../shared/data/modes with `skywatch decode modes` and compares the JSON lines
# with the pyModeS 3.6.1 references (compare_modes.py, agreement >= 99.9 %). Exits non-zero on any failure.
# Usage: scripts/check-modes.sh [path/to/skywatch]   (default: builds and uses .build/release/skywatch)
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="${MODES_DATA:-../shared/data/modes}"
COMPARE="${MODES_COMPARE:-../shared/data/compare_modes.py}"
if [[ ! -d "$DATA" ]]; then echo "no shared data at $DATA (set MODES_DATA)" >&2; exit 2; fi
BIN="${1:-}"
if [[ -z "$BIN" ]]; then swift build -c release --product skywatch >&2; BIN=.build/release/skywatch; fi
OUT="$(mktemp -d)"; trap 'rm -rf "$OUT"' EXIT
status=0
# input | format | reference | --ref (manifest ref_lat,ref_lon) | comparator options
while IFS='|' read -r input format ref point opts; do
  "$BIN" decode modes "$DATA/$input" --format "$format" --ref "$point" > "$OUT/$input.jsonl"
  # shellcheck disable=SC2086
  if python3 "$COMPARE" "$OUT/$input.jsonl" "$DATA/$ref" $opts --out "$OUT/$input.summary.json" > /dev/null; then
    result=PASS
  else
    result=FAIL; status=1
  fi
  python3 - "$OUT/$input.summary.json" "$input" "$result" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
print(f"{sys.argv[3]} {sys.argv[2]:42s} frames {s['frames_matched']}/{s['frames_ref']} "
      f"fields {s['fields_agree']}/{s['fields_compared']} agreement {s['agreement']:.6f} "
      f"mismatches {s['mismatches_by_field']}")
PY
done <<'LIST'
dump1090_sample.beast|beast|dump1090_sample.ref.jsonl|43.63,1.37|
dump1090_sample.frames.jsonl|jsonl|dump1090_sample.ref.jsonl|43.63,1.37|--ignore signal
dump1090_sample.avr|avr|dump1090_sample.avr.ref.jsonl|43.63,1.37|
rs1090_lfpg_departure.frames.jsonl|jsonl|rs1090_lfpg_departure.ref.jsonl|49.0,2.57|
rs1090_lfpg_departure.avr|avr|rs1090_lfpg_departure.avr.ref.jsonl|49.0,2.57|
LIST
exit $status
