#!/usr/bin/env bash
# ASTERIX CAT048 decode throughput, Skywatch vs asterix-decoder 0.7.11 (its C++ core via `asterix.parse`, one
# call per data block), on one core, on the same ≥ 100 MB file built by repeating the real CAT048 data blocks of
# ../shared/data/asterix. Skywatch decodes the whole file, every item into typed values (best of 3 runs);
# asterix-decoder decodes a prefix of the same file (default 5 MB: the file is one unit repeated, so the prefix
# has the same record mix; rates are per record and per byte, not scaled). Prints both and the ratio.
# Usage: scripts/bench-asterix.sh [--megabytes 100] [--prefix-mb 5] [--bench BINARY] [DATA_DIR]
# --bench runs a given skywatch-bench (e.g. one built from an earlier commit) instead of building this tree's.
set -euo pipefail
cd "$(dirname "$0")/.."
MB=100
PREFIX_MB=5
DATA=../shared/data/asterix
while [ $# -gt 0 ]; do
    case "$1" in
        --megabytes) MB=$2; shift 2 ;;
        --prefix-mb) PREFIX_MB=$2; shift 2 ;;
        --bench) BENCH=$2; shift 2 ;;
        *) DATA=$1; shift ;;
    esac
done
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
FILE="$WORK/cat048-bench.raw"
python3 scripts/make-asterix-bench-file.py "$DATA" "$FILE" --megabytes "$MB"
python3 -c 'import asterix' 2>/dev/null || pip install --quiet asterix-decoder==0.7.11
if [ -z "${BENCH:-}" ]; then
    swift build -c release --product skywatch-bench > /dev/null
    BENCH="$(swift build -c release --show-bin-path)/skywatch-bench"
fi
# One core for each decoder (both are single-threaded; pinning keeps the comparison fair on a shared machine).
PIN=""
command -v taskset >/dev/null && PIN="taskset -c 0"
OURS=$($PIN "$BENCH" asterix --input "$FILE" --repeat 3 | tail -1)
echo "skywatch:        $OURS"
cat > "$WORK/peer.py" <<'PY'
import json, struct, sys, time
import asterix
data = open(sys.argv[1], "rb").read(int(float(sys.argv[2]) * 1e6))
blocks, off = [], 0
while off + 3 <= len(data):
    ln = struct.unpack(">H", data[off + 1:off + 3])[0]
    if ln < 3 or off + ln > len(data):
        break
    blocks.append(data[off:off + ln])
    off += ln
t = time.perf_counter()
n = nb = 0
for b in blocks:  # one asterix.parse call per data block: its fastest path (C++ core)
    n += len(asterix.parse(b))
    nb += len(b)
dt = time.perf_counter() - t
print(json.dumps({"decoder": "asterix-decoder 0.7.11", "records": n, "bytes": nb, "seconds": dt,
                  "records_per_s": n / dt, "mb_per_s": nb / dt / 1e6}))
PY
PEER=$($PIN python3 "$WORK/peer.py" "$FILE" "$PREFIX_MB")
echo "asterix-decoder: $PEER"
python3 - "$OURS" "$PEER" <<'PY'
import json, sys
a, b = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print(f"skywatch {a['records_per_s']:,.0f} records/s, {a['mb_per_s']:.1f} MB/s ({a['bytes']/1e6:.0f} MB); "
      f"asterix-decoder {b['records_per_s']:,.0f} records/s, {b['mb_per_s']:.2f} MB/s ({b['bytes']/1e6:.1f} MB prefix); "
      f"ratio {a['records_per_s'] / b['records_per_s']:.0f}x")
PY
