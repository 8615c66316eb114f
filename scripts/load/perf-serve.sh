#!/usr/bin/env bash
# Where the service's core goes under load: the load-serve.sh set-up (the stress preset scaled to N targets, fed
# live at 1 × real time; the service pinned to CPU 0, the simulator and one WebSocket client on CPU 1), then
# `perf record` of the service for --seconds after a 40 s warm-up, and a summary: the share of the service's
# samples under the pipeline's main frames (inclusive) and the top functions (self). Needs perf (linux-perf).
#
#   scripts/load/perf-serve.sh [--targets 20000] [--seconds 25] [BIN]      (extra serve options: SERVE_ARGS="…")
set -euo pipefail
cd "$(dirname "$0")/../.."
TARGETS=20000 SECONDS_=25 BIN=.build/release/skywatch
while [[ $# -gt 0 ]]; do
    case $1 in
        --targets) TARGETS=$2; shift 2 ;;
        --seconds) SECONDS_=$2; shift 2 ;;
        -h|--help) sed -n 2,7p "$0"; exit 0 ;;
        *) BIN=$1; shift ;;
    esac
done
command -v perf >/dev/null || { echo "perf-serve: perf missing (apt-get install linux-perf)" >&2; exit 1; }
DIR=$(mktemp -d -t perf-serve.XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill -KILL "$p" 2>/dev/null || true; done; rm -rf "$DIR"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
while :; do
    P=$(free_port)
    python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', $P + 1))" 2>/dev/null && break
done
HTTP=$(free_port)
"$BIN" simulate --preset stress --targets "$TARGETS" --duration 1 --out "$DIR/scene" >/dev/null 2>&1
taskset -c 1 "$BIN" simulate --preset stress --targets "$TARGETS" --duration $((SECONDS_ + 60)) \
    --out "live://127.0.0.1:$P" --speed 1 >/dev/null 2>&1 &
PIDS+=($!)
sleep 1
taskset -c 0 "$BIN" serve --asterix "udp://127.0.0.1:$P" --sensors "$DIR/scene/sensors.json" \
    --beast "127.0.0.1:$((P + 1))" --beast-timestamps gps --port "$HTTP" --cycle 0.25 --no-record \
    --log-level warning ${SERVE_ARGS:-} >/dev/null 2>&1 &
SERVE=$!
PIDS+=($SERVE)
sleep 40
taskset -c 1 python3 scripts/load/ws_clients.py --url "ws://127.0.0.1:$HTTP/ws" --clients 1 \
    --seconds $((SECONDS_ + 5)) >/dev/null &
PIDS+=($!)
perf record -F 499 -e cpu-clock -g -p "$SERVE" -o "$DIR/perf.data" -- sleep "$SECONDS_" >/dev/null 2>&1
curl -sf "http://127.0.0.1:$HTTP/api/status" >"$DIR/status.json"
perf script -i "$DIR/perf.data" 2>/dev/null | swift demangle --simplified >"$DIR/perf.txt"
python3 - "$DIR/perf.txt" "$DIR/status.json" "$TARGETS" "$SECONDS_" <<'PY' | cut -c1-150
import collections, json, re, sys
samples = [s for s in open(sys.argv[1]).read().split("\n\n") if s.strip()]
st = json.load(open(sys.argv[2]))
frames = lambda s: [re.sub(r"\+0x[0-9a-f]+ \(.*\)$", "", l.strip().split(" ", 1)[1]) for l in s.strip().split("\n")[1:] if " " in l.strip()]
stacks = [frames(s) for s in samples]
n = len(stacks)
print(f"{sys.argv[3]} targets: {n} samples of the service in {sys.argv[4]} s at 499 Hz "
      f"({100 * n / (499 * float(sys.argv[4])):.0f} % of one core); arrival → publication "
      f"p50 {st['latency_s']['p50']:.2f} s, p99 {st['latency_s']['p99']:.2f} s")
groups = [("alerts (AlertEngine.process)", "AlertEngine.process"), ("  STCA", "ShortTermConflictAlert.process"),
          ("tracker (TrackingLoop)", "TrackingLoop."), ("picture store publish", "PictureStore.publish"),
          ("  delta encoding (DeltaStream.take)", "DeltaStream.take"),
          ("snapshots (/ws first frame, /api/tracks)", "PictureStore.snapshotFrame"),
          ("Beast input", "BeastTCPInput"), ("ASTERIX input", "ASTERIXUDPInput"), ("kernel", "kernel.kallsyms")]
for name, key in groups:
    if key == "kernel.kallsyms":
        k = sum(1 for s in samples if key in s)
    else:
        k = sum(1 for s in stacks if any(key in f for f in s))
    print(f"  {name:45s} {100 * k / max(1, n):5.1f} %")
print("top functions (self):")
for f, k in collections.Counter(s[0] for s in stacks if s).most_common(12):
    print(f"  {100 * k / n:5.1f} %  {f[:110]}")
PY
