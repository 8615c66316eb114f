#!/usr/bin/env bash
# Load test of `skywatch serve` (issue 13), one command:
#
#   scripts/load-serve.sh [--targets 5000] [--clients 50] [--seconds 60] [--warmup 40] [--cycle 0.25] [--rate N]
#                         [--browser] [BIN]
#
# The simulator's `stress` preset scaled to N simultaneous targets is fed live at 1 × real time over loopback, as a
# site delivers it: ASTERIX CAT048 + CAT034 datagrams from four radars (UDP) and Beast from four ADS-B ground
# stations (TCP, the dump1090 way). The service runs pinned to CPU 0 (one core); the simulator and the WebSocket
# clients share CPU 1. After the warm-up, `--clients` WebSocket clients (scripts/load/ws_clients.py) read every
# frame for `--seconds` (--rate N: each asks /ws?rate=N, N frames per second, merged by the server). Reported:
#   - arrival → frame latency: per delta frame, the frame's input_latency_s (the longest wait, among the input
#     batches the frame is the first to carry, from the batch's arrival at the socket to publication: reorder
#     window and cycle wait included) plus the frame's delivery delay to the client; p50 / p99 / max;
#   - the service's own arrival → publication histogram over every batch (/api/status latency_s);
#   - cycle compute time, service CPU (% of one core over the measured window), resident memory (now and peak),
#     frames lost per client, WebSocket frames dropped by the server, inputs dropped, late, and errors per input.
# --browser: afterwards, the display's frame time in headless Chromium against the same loaded service
# (scripts/display/frame-time.py; chromium, chromium-driver and selenium needed).
# SERVE_ARGS="…" adds options to `skywatch serve` (e.g. --alert-config FILE).
# Default BIN: .build/release/skywatch (swift build -c release --product skywatch). Needs python3 and taskset.
set -euo pipefail
cd "$(dirname "$0")/.."

TARGETS=5000 CLIENTS=50 SECONDS_=60 WARMUP=40 CYCLE=0.25 BIN=.build/release/skywatch BROWSER=0 RATE=
while [[ $# -gt 0 ]]; do
    case $1 in
        --targets) TARGETS=$2; shift 2 ;;
        --clients) CLIENTS=$2; shift 2 ;;
        --seconds) SECONDS_=$2; shift 2 ;;
        --warmup) WARMUP=$2; shift 2 ;;
        --cycle) CYCLE=$2; shift 2 ;;
        --rate) RATE=$2; shift 2 ;;
        --browser) BROWSER=1; shift ;;
        -h|--help) sed -n 2,21p "$0"; exit 0 ;;
        *) BIN=$1; shift ;;
    esac
done
say() { echo "load-serve: $*" >&2; }
[[ -x $BIN ]] || { say "no executable $BIN (swift build -c release --product skywatch)"; exit 1; }
command -v taskset >/dev/null || { say "taskset missing (util-linux)"; exit 1; }

DIR=$(mktemp -d -t load-serve.XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill -KILL "$p" 2>/dev/null || true; done; rm -rf "$DIR"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# ASTERIX on a free UDP port P, Beast on TCP P+1 (the simulator's live:// convention).
while :; do
    P=$(free_port)
    python3 -c "import socket,sys; s=socket.socket(); s.bind(('127.0.0.1', $P + 1))" 2>/dev/null && break
done
HTTP=$(free_port)

# The radars' sensors file (the same for every run of the preset and seed).
"$BIN" simulate --preset stress --targets "$TARGETS" --duration 1 --out "$DIR/scene" >/dev/null 2>&1

TOTAL=$((WARMUP + ${SECONDS_%.*} + 20 + BROWSER * 40))
say "simulator: stress preset, $TARGETS targets, ${TOTAL} s at 1 × real time → ASTERIX udp://127.0.0.1:$P, Beast tcp://127.0.0.1:$((P + 1))"
taskset -c 1 "$BIN" simulate --preset stress --targets "$TARGETS" --duration "$TOTAL" --out "live://127.0.0.1:$P" \
    --speed 1 >"$DIR/simulate.log" 2>&1 &
PIDS+=($!)
sleep 1
taskset -c 0 "$BIN" serve --asterix "udp://127.0.0.1:$P" --sensors "$DIR/scene/sensors.json" \
    --beast "127.0.0.1:$((P + 1))" --beast-timestamps gps --port "$HTTP" --cycle "$CYCLE" --no-record \
    --log-level warning ${SERVE_ARGS:-} >"$DIR/serve.log" 2>&1 &
SERVE=$!
PIDS+=($SERVE)
API=http://127.0.0.1:$HTTP/api
for _ in $(seq 1 100); do curl -sf "$API/status" >/dev/null && break; sleep 0.2; done
curl -sf "$API/status" >/dev/null || { say "the service does not answer"; tail "$DIR/serve.log"; exit 1; }
say "service pid $SERVE on CPU 0, http://127.0.0.1:$HTTP/; warming up ${WARMUP} s"
sleep "$WARMUP"

ticks() { awk '{print $14 + $15}' "/proc/$SERVE/stat"; }
# CPU ticks per thread of the service, by thread name (NIO event loops: sockets, HTTP, WebSocket writes; the
# cooperative pool: the tracker task, decoding, the server's handlers).
threads() {
    for t in /proc/$SERVE/task/*/stat; do
        sed -E 's/^[0-9]+ \((.*)\) (.*)$/\1|\2/' "$t" 2>/dev/null | awk -F'|' '{split($2, f, " "); print $1 "|" f[12] + f[13]}'
    done | awk -F'|' '{gsub(/[0-9]+$/, "", $1); a[$1] += $2} END {for (k in a) print k "|" a[k]}'
}
HZ=$(getconf CLK_TCK)
cores() { awk '/^cpu[01] /{print $1, $2 + $3 + $4 + $7 + $8, $2 + $3 + $4 + $5 + $6 + $7 + $8}' /proc/stat; }
cores >"$DIR/cores0.txt"
threads >"$DIR/threads0.txt"
curl -sf "$API/status" >"$DIR/status0.json"
cpu0=$(ticks); t0=$(date +%s.%N)
say "$CLIENTS WebSocket clients for ${SECONDS_} s"
taskset -c 1 python3 scripts/load/ws_clients.py --url "ws://127.0.0.1:$HTTP/ws" --clients "$CLIENTS" \
    --seconds "$SECONDS_" ${RATE:+--rate "$RATE"} >"$DIR/clients.json" || {
    say "the WebSocket clients failed; service status and log:"; curl -s -m 5 "$API/status" >&2 || true; tail "$DIR/serve.log" >&2
    exit 1; }
cpu1=$(ticks); t1=$(date +%s.%N)
cores >"$DIR/cores1.txt"
threads >"$DIR/threads1.txt"
curl -sf "$API/status" >"$DIR/status.json"
curl -sf "$API/sensors" >"$DIR/sensors.json"
grep -E '^(VmRSS|VmHWM)' "/proc/$SERVE/status" >"$DIR/mem.txt"
if [[ $BROWSER == 1 ]]; then
    say "display frame time in headless Chromium against the loaded service (CPU 1)"
    SKYWATCH_URL="http://127.0.0.1:$HTTP/" taskset -c 1 python3 scripts/display/frame-time.py --seconds 20 \
        --zoom 1 >"$DIR/frame-time.txt" 2>&1 || true
fi
kill -INT "$SERVE"
wait "$SERVE" || true

python3 - "$DIR" "$TARGETS" "$CLIENTS" "$cpu0" "$cpu1" "$t0" "$t1" "$HZ" <<'EOF'
import json, sys
d, targets, clients, c0, c1, t0, t1, hz = sys.argv[1:]
c = json.load(open(f"{d}/clients.json"))
st = json.load(open(f"{d}/status.json"))
se = json.load(open(f"{d}/sensors.json"))
mem = dict(l.split(":") for l in open(f"{d}/mem.txt").read().strip().splitlines())
cpu = (float(c1) - float(c0)) / float(hz) / (float(t1) - float(t0)) * 100
ms = lambda q: "p50 %.0f ms, p99 %.0f ms, max %.0f ms" % (q["p50"] * 1e3, q["p99"] * 1e3, q["max"] * 1e3) if q else "none"
print(f"targets {targets}, clients {clients}, measured {c['seconds']:.0f} s, cycle {st['cycle_period_s']} s")
print(f"tracks now: {st['tracks']}")
print(f"arrival → frame at the client (input_latency_s + delivery): {ms(c['arrival_to_frame_s'])} over {c['arrival_to_frame_s']['n'] if c['arrival_to_frame_s'] else 0} frames")
print(f"  delivery alone (frame published → received):              {ms(c['delivery_s'])}")
lat = st["latency_s"]
print(f"service arrival → publication, every batch since start:     p50 {lat['p50']*1e3:.0f} ms, p99 {lat['p99']*1e3:.0f} ms, max {lat['max']*1e3:.0f} ms")
ct = st["cycle_time_ms"]
print(f"cycle compute: p50 {ct['p50']:.1f} ms, p99 {ct['p99']:.1f} ms")
print(f"service CPU {cpu:.0f} % of one core; RSS {mem['VmRSS'].strip()}, peak {mem['VmHWM'].strip()}")
a = {l.split()[0]: (float(l.split()[1]), float(l.split()[2])) for l in open(f"{d}/cores0.txt")}
b = {l.split()[0]: (float(l.split()[1]), float(l.split()[2])) for l in open(f"{d}/cores1.txt")}
print("CPU busy (incl. kernel and interrupts): " + ", ".join(
    f"{k} {100 * (b[k][0] - a[k][0]) / max(1, b[k][1] - a[k][1]):.0f} %" for k in sorted(a)) +
    " (cpu0: the service; cpu1: the simulator and the clients)")
print(f"clients' own CPU (one Python process, header fields only): {c['cpu_percent_of_one_core']} % of one core, "
      f"{c['cpu_percent_per_client']} % per client")
print(f"frames: {c['deltas']} deltas received, {c['frames_lost']} lost at clients ({c['clients_with_loss']} clients with loss), "
      f"server dropped {st['websocket']['dropped_frames']}; {c['megabytes_received']} MB received")
print(f"inputs: late {st['inputs_late']}, dropped {st['inputs_dropped']}")
st0 = json.load(open(f"{d}/status0.json"))
if "stage_seconds" in st and "stage_seconds" in st0:
    span = float(t1) - float(t0)
    print("tracker task, % of the measured wall time: " + ", ".join(
        f"{k} {100 * (st['stage_seconds'][k] - st0['stage_seconds'][k]) / span:.0f} %" for k in st["stage_seconds"]))
th0 = dict(l.rsplit("|", 1) for l in open(f"{d}/threads0.txt").read().split("\n") if "|" in l)
th1 = dict(l.rsplit("|", 1) for l in open(f"{d}/threads1.txt").read().split("\n") if "|" in l)
use = {k: (float(v) - float(th0.get(k, 0))) / float(hz) / (float(t1) - float(t0)) * 100 for k, v in th1.items()}
print("service CPU by thread name, % of one core: " + ", ".join(
    f"{k or '?'} {v:.0f} %" for k, v in sorted(use.items(), key=lambda kv: -kv[1]) if v >= 0.5))
for i in se["inputs"]:
    print(f"  {i['name']} ({i['kind']}): {i['state']}, {i['messages']} messages, {i['messages_per_second']:.0f}/s, "
          f"errors {i['errors']}, dropped {i['dropped']}")
EOF
[[ $BROWSER == 1 ]] && { echo "display (headless Chromium, 1600×1000, every frame a full redraw):"; sed 's/^/  /' "$DIR/frame-time.txt"; }
say "simulator: $(tail -1 "$DIR/simulate.log")"
