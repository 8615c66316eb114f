#!/usr/bin/env bash
# CAT004 from the live service, end to end: starts `skywatch demo` (no recording) on loopback with
# `--cat004 udp://127.0.0.1:PORT` and an alert configuration with wide STCA thresholds (so the airport scene has
# conflicts to report), receives the datagrams for SECONDS, then decodes them with `skywatch decode asterix`,
# tshark and asterix-decoder 0.7.11, printing record counts, message types and errors. Exits non-zero when nothing
# arrived or any decoder reports an error.
#   scripts/alerts/cat004-live-check.sh [path/to/skywatch] [SECONDS]   (default .build/release/skywatch, 30 s)
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${1:-.build/release/skywatch}
SECONDS_TO_RUN=${2:-30}
W=$(mktemp -d)
DEMO_PID=
cleanup() { [[ -n $DEMO_PID ]] && kill -INT "$DEMO_PID" 2>/dev/null && wait "$DEMO_PID" 2>/dev/null; rm -rf "$W"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
UDP=$(free_port)
HTTP=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
echo '{"stca": {"horizontal_nm": 4, "vertical_ft": 2000, "minimum_altitude_ft": 0, "volumes": []}}' > "$W/wide.json"
# The receiver first, so no datagram is lost.
python3 - "$UDP" "$SECONDS_TO_RUN" "$W/cat004.ast" <<'PY' &
import socket, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", int(sys.argv[1])))
s.settimeout(0.5)
end = time.monotonic() + float(sys.argv[2])
with open(sys.argv[3], "wb") as f:
    while time.monotonic() < end:
        try:
            f.write(s.recv(65535))
        except socket.timeout:
            pass
PY
RECV=$!
sleep 0.5
"$BIN" demo --port "$HTTP" --no-record --alert-config "$W/wide.json" --cat004 "udp://127.0.0.1:$UDP" >/dev/null 2>&1 &
DEMO_PID=$!
wait "$RECV"
bytes=$(stat -c %s "$W/cat004.ast")
echo "received $bytes bytes of CAT004 in ${SECONDS_TO_RUN} s"
[[ $bytes -gt 0 ]] || { echo "FAILED: nothing arrived"; exit 1; }
status=0
"$BIN" decode asterix "$W/cat004.ast" --summary | python3 -c '
import json, sys
s = json.loads(sys.stdin.readline())
print("skywatch decode:", s["records"], "records, errors", s["errors"])
sys.exit(1 if s["errors"] else 0)' || status=1
"$BIN" decode asterix "$W/cat004.ast" | python3 -c '
import collections, json, sys
types = collections.Counter()
for line in sys.stdin:
    r = json.loads(line)
    types[(r.get("I004/000") or {}).get("000")] += 1
print("message types (I004/000):", dict(types))' || true
python3 scripts/ast-to-pcap.py "$W/cat004.ast" "$W/cat004.pcap" >/dev/null
if command -v tshark >/dev/null; then
    tshark -r "$W/cat004.pcap" -d udp.port==8600,asterix -V > "$W/tshark.txt" 2>/dev/null || true
    errors=$(grep -ciE 'malformed|expert info \(error|dissector bug|exception occurred' "$W/tshark.txt" || true)
    echo "tshark: $(grep -c 'Asterix message, #' "$W/tshark.txt") records, $errors error lines"
    [[ $errors -eq 0 ]] || status=1
else
    echo "tshark: not installed"
fi
rc=0
python3 - "$W/cat004.ast" <<'PY' || rc=$?
import collections, sys
try:
    import asterix
except ImportError:
    print("asterix-decoder: not available (pip install asterix-decoder==0.7.11)")
    sys.exit(0)
records = asterix.parse(open(sys.argv[1], "rb").read())
errors = sum(1 for r in records if "error" in str(r).lower())
print("asterix-decoder:", dict(collections.Counter(r["category"] for r in records)), "records,", errors, "with errors")
sys.exit(1 if errors else 0)
PY
[[ $rc -eq 0 ]] || status=1
exit $status
