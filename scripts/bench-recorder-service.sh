#!/usr/bin/env bash
# Recorder benchmark through the real service (issue 15): `skywatch serve --simulate stress` (20,000 targets,
# 4 radars and ADS-B, in-process simulator → live decoders → tracker → recorder) at 1× real time, recording to a
# temporary file, the whole service pinned to one core with taskset. After a warm-up, two phases of equal length:
# without history queries, then with Q history queries per second through the service's own history routes
# against the same file. One command:
#
#   scripts/bench-recorder-service.sh [--core N] [--warmup S] [--phase S] [--qps Q] [--preset P] [--cycle S]
#                                     [--speed X] [--no-build]
#
# Times are wall seconds. On a shared machine the pinned core may not be ours alone: `--speed 0.25` plays the
# scene at a quarter of real time, and the service's CPU seconds per second of data (from /proc, per phase) say
# how much of one core 1× real time needs (below 1: it keeps up on one dedicated core).
#
# Reports (stdout): the tracker's cycle time per phase (p50, p99, max over every published cycle, read from
# /api/status polled at 20 Hz; `cycle_time_ms.last` is one cycle's compute time), whether the service kept up
# (seconds of data per wall second against the speed asked for, input latency, inputs dropped, recorder overruns
# = cycles published − cycles recorded), the service's CPU seconds per second of data, the history queries'
# latency (issued at Q/s on their own threads, at most 20 in flight; more are counted as skipped), track updates written per second, bytes per track update (whole file and per table
# from SQLite's dbstat), and the file size per hour of 5,000 tracks at the same cycle (bytes per track update ×
# 5,000 × cycles per hour: the input messages are counted pro rata, as they scale with the traffic).
# Needs python3 and taskset. The databases go to a temporary directory, removed afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
core=1 warmup=30 phase=60 qps=10 preset=stress cycle=0.25 speed=1 build=1
while [ $# -gt 0 ]; do
    case "$1" in
        --core) core=$2; shift 2 ;;
        --warmup) warmup=$2; shift 2 ;;
        --phase) phase=$2; shift 2 ;;
        --qps) qps=$2; shift 2 ;;
        --preset) preset=$2; shift 2 ;;
        --cycle) cycle=$2; shift 2 ;;
        --speed) speed=$2; shift 2 ;;
        --no-build) build=0; shift ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
if [ "$build" = 1 ]; then swift build -c release --product skywatch >&2; fi
dir=$(mktemp -d "${TMPDIR:-/tmp}/bench-recorder-service.XXXXXX")
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# The scene lasts the run (a shorter scene starts faster), without looping. (Numbers written as decimals: the
# configuration reader takes a JSON 1 for a Boolean.)
duration=$(python3 -c "print(float(int(($warmup + 2 * $phase + 60) * $speed) + 60))")
speed=$(python3 -c "print(float($speed))")
cat >"$dir/serve.json" <<JSON
{"tracker": {"cycle_s": $cycle},
 "inputs": [{"kind": "simulator", "name": "simulator", "preset": "$preset", "duration_s": $duration,
             "speed": $speed, "loop": false}]}
JSON
taskset -c "$core" .build/release/skywatch serve --config "$dir/serve.json" --port "$port" \
    --record "$dir/recording.sqlite" --log-level warning >"$dir/serve.log" 2>&1 &
pid=$!
cleanup() {
    # A service that fell far behind may take long to drain on SIGTERM: 30 s, then SIGKILL.
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    rm -rf "$dir"
}
trap cleanup EXIT
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); service pid $pid on core $core, port $port" >&2
python3 - "$port" "$pid" "$dir" "$warmup" "$phase" "$qps" "$cycle" "$preset" "$speed" <<'EOF'
import json, os, random, signal, sqlite3, sys, threading, time, urllib.request

port, pid, folder = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
warmup, phase, qps, cycle, preset = float(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6]), float(sys.argv[7]), sys.argv[8]
speed = float(sys.argv[9])
base = f"http://127.0.0.1:{port}"
path = os.path.join(folder, "recording.sqlite")

def get(url, timeout=120):
    with urllib.request.urlopen(base + url, timeout=timeout) as r:
        return r.status, r.read()

def status():
    return json.loads(get("/api/status")[1])

started = time.time()
deadline = started + 900
while True:
    try:
        if status()["cycle"] >= 1: break
        time.sleep(0.5)
    except Exception:
        if time.time() > deadline: sys.exit("the service did not start: " + open(os.path.join(folder, "serve.log")).read())
        time.sleep(0.5)

def quantile(xs, q):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, int(q * len(xs) + 0.999999) - 1))] if xs else float("nan")

def sample(seconds):
    """Polls /api/status at 20 Hz: one compute time per published cycle, and the data lag behind wall time."""
    times, seen, last = {}, None, None
    cpu0, data0, wall0 = cpu_seconds(), status()["data_time"], time.time()
    end = wall0 + seconds
    while time.time() < end:
        s = status()
        c = s["cycle"]
        if c != seen:
            times[c] = s["cycle_time_ms"]["last"]
            seen = c
        last = s
        time.sleep(0.05)
    data = max(1e-9, last["data_time"] - data0)
    return times, data / (time.time() - wall0), last, (cpu_seconds() - cpu0) / data

print(f"first cycle after {time.time() - started:.0f} s; warm-up {warmup:.0f} s ...", file=sys.stderr)
def cpu_seconds():
    f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")
time.sleep(warmup)
first = status()
numbers = [t["number"] for t in json.loads(get("/api/tracks")[1])["tracks"]]
ref = first["reference"]

results = {}
query_latency, query_errors, query_states, query_skipped = [], [0], [0], [0]
in_flight = threading.Semaphore(20)
def queries(stop):
    rng = random.Random(1)
    period, nxt, k = 1.0 / qps, time.time(), 0
    while not stop.is_set():
        if in_flight.acquire(blocking=False):
            threading.Thread(target=one_query, args=(k, rng.choice(numbers)), daemon=True).start()
        else:
            query_skipped[0] += 1
        k += 1
        nxt += period
        time.sleep(max(0, nxt - time.time()))

def one_query(k, number):
    try:
        now = status_time[0]
        if k % 10 == 9:
            # One in ten: every state of a 5 s range inside a 1° box around the reference point.
            url = (f"/api/history?from={now - 15:.3f}&to={now - 10:.3f}&bbox={ref['lon'] - 0.5:.4f},"
                   f"{ref['lat'] - 0.5:.4f},{ref['lon'] + 0.5:.4f},{ref['lat'] + 0.5:.4f}")
        else:
            # Else: the last minute of one track.
            url = f"/api/tracks/{number}/history?from={now - 60:.3f}&to={now:.3f}"
        t = time.time()
        try:
            code, body = get(url)
            states = json.loads(body)
            query_states[0] += len(states.get("history", states.get("tracks", [])))
        except urllib.error.HTTPError as e:
            if e.code != 404: query_errors[0] += 1
        except Exception:
            query_errors[0] += 1
        query_latency.append(time.time() - t)
    finally:
        in_flight.release()

status_time = [first["data_time"]]
print(f"phase 1: {phase:.0f} s without history queries ...", file=sys.stderr)
results["without"] = sample(phase)
status_time[0] = results["without"][2]["data_time"]
stop = threading.Event()
worker = threading.Thread(target=queries, args=(stop,), daemon=True)
def follow():
    while not stop.is_set():
        try: status_time[0] = status()["data_time"]
        except Exception: pass
        time.sleep(0.5)
follower = threading.Thread(target=follow, daemon=True)
print(f"phase 2: {phase:.0f} s with {qps:.0f} history queries/s ...", file=sys.stderr)
worker.start(); follower.start()
results["with"] = sample(phase)
stop.set(); worker.join(); follower.join()
for _ in range(20): in_flight.acquire(timeout=120)
final = status()
metrics = get("/metrics")[1].decode()
total_cpu = cpu_seconds()
load = open("/proc/loadavg").read().split()[:3]

# Graceful stop: the tracker flushes and the recorder drains its queue.
os.kill(pid, signal.SIGINT)
for _ in range(600):
    try: os.kill(pid, 0); time.sleep(0.1)
    except ProcessLookupError: break
db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
cycles_recorded, t0, t1 = db.execute("SELECT count(*), min(time), max(time) FROM cycle").fetchone()
updates = db.execute("SELECT count(*) FROM track_update").fetchone()[0]
inputs, input_bytes = db.execute("SELECT count(*), total(length(bytes)) FROM input_message").fetchone()
per_table = db.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC").fetchall()
db.close()
size = sum(os.path.getsize(path + s) for s in ("", "-wal") if os.path.exists(path + s))
published = final["cycle"] + 1
span = t1 - t0

print(f"preset {preset}, cycle {cycle} s, {speed}x real time, one core pinned; load average at the end {' '.join(load)}")
print(f"tracks at the end: {final['tracks']}; service CPU {total_cpu:.1f} s in all")
for name in ("without", "with"):
    times, rate, last, cpu = results[name]
    ms = list(times.values())
    print(f"cycle time {name} history queries: {len(ms)} cycles, p50 {quantile(ms, 0.5):.1f} ms, "
          f"p99 {quantile(ms, 0.99):.1f} ms, max {max(ms):.1f} ms; {rate:.3f} s of data per s (asked {speed}); "
          f"input latency p99 {last['latency_s']['p99']:.2f} s; "
          f"service CPU {cpu:.2f} s per second of data (cores needed at 1x)")
print(f"history queries: {len(query_latency)} answered in {phase:.0f} s, {query_skipped[0]} skipped (20 in flight), latency p50 "
      f"{quantile(query_latency, 0.5) * 1000:.1f} ms, p99 {quantile(query_latency, 0.99) * 1000:.1f} ms, "
      f"{query_states[0]} states returned, {query_errors[0]} errors")
print(f"kept up: inputs dropped {final['inputs_dropped']}, late {final['inputs_late']}; cycles published {published}, "
      f"recorded {cycles_recorded}, recorder overruns {published - cycles_recorded}")
print(f"recorded: {updates} track updates over {span:.1f} s of data = {updates / span:,.0f} rows per second of data; "
      f"{inputs} input messages ({input_bytes / 1e6:.1f} MB of raw bytes)")
print(f"file {size / 1e6:.1f} MB = {size / updates:.0f} bytes per track update (everything, inputs included)")
for name, b in per_table:
    print(f"  {name:28s} {b / 1e6:9.1f} MB  {b / updates:7.1f} B/track update")
# Per hour of 5,000 tracks: the track part scales with track updates (5,000 per cycle), the input part with the
# traffic (input bytes per track per second of data, times 5,000).
input_part = sum(b for n, b in per_table if n.startswith("input_message"))
track_part = size - input_part
tracks_per_cycle = updates / cycles_recorded
def per_hour(c):
    return track_part / updates * 5000 * 3600 / c + input_part / (span * tracks_per_cycle) * 5000 * 3600
print(f"size per hour of 5,000 tracks: {per_hour(cycle) / 1e9:.1f} GB at a {cycle} s cycle "
      f"(tracks {track_part / updates * 5000 * 3600 / cycle / 1e9:.1f} GB + inputs "
      f"{input_part / (span * tracks_per_cycle) * 5000 * 3600 / 1e9:.1f} GB), {per_hour(1.0) / 1e9:.1f} GB at 1 cycle/s")
EOF
