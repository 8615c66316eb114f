#!/usr/bin/env bash
# Mode S throughput, Skywatch vs pyModeS 3.6.1, same machine, same run, same frames.
#  1. builds skywatch-bench (release) and writes a Beast file of N real-shaped frames (default 1,000,000:
#     the traffic 2.13 samples in Tests/SkyModeSTests/Fixtures repeated, addresses remapped, times shifted);
#  2. Skywatch: Beast parsing + decoding + CPR pairing + aircraft table over the whole file, one core,
#     best of 20 passes;
#  3. pyModeS 3.6.1 (pip, in a venv): its own Beast parser (pyModeS.cli._source._parse_beast_buffer) plus
#     the streaming PipeDecoder.decode(msg, timestamp=t), and plus the stateless pyModeS.decode(msg), on the
#     first PREFIX frames of the same file (default 100,000), best of 3; rates are frames/s, so the prefix
#     scales honestly (pyModeS's per-frame cost does not depend on the file length).
# Usage: scripts/bench-modes.sh [N] [PREFIX]
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-1000000}"
PREFIX="${2:-100000}"
OUT=.build/bench
mkdir -p "$OUT"
VENV="$OUT/pymodes-venv"
if [[ ! -x "$VENV/bin/python" ]]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet "pyModeS==3.6.1"
fi
swift build -c release --product skywatch-bench >&2
FILE="$OUT/modes-$N.beast"
.build/release/skywatch-bench modes --frames "$N" --write "$FILE" --repeats 20 | tee "$OUT/skywatch-modes.json"
"$VENV/bin/python" - "$FILE" "$PREFIX" "$OUT/skywatch-modes.json" <<'PY'
import json, sys, time
import pyModeS
from pyModeS import PipeDecoder
from pyModeS.cli._source import _parse_beast_buffer

path, prefix = sys.argv[1], int(sys.argv[2])
sky = [json.loads(l) for l in open(sys.argv[3]) if l.startswith('{"benchmark"')][0]
data = open(path, "rb").read()
# Cut the byte stream after `prefix` frames (parse once to find the boundary, outside the timing).
frames, _ = _parse_beast_buffer(data)
prefix = min(prefix, len(frames))
cut = data
if prefix < len(frames):
    # re-parse growing slices until the prefix is covered (cheap: proportional slice)
    est = int(len(data) * prefix / len(frames)) + 64
    while True:
        fr, rest = _parse_beast_buffer(data[:est])
        if len(fr) >= prefix:
            break
        est += 4096
    cut = data[:est]

def timed(body):
    w0, c0 = time.perf_counter(), time.thread_time()
    n = body()
    return time.perf_counter() - w0, time.thread_time() - c0, n

def run_pipe():
    fr, _ = _parse_beast_buffer(cut)
    fr = fr[:prefix]
    pipe = PipeDecoder()
    for ts, msg in fr:
        pipe.decode(msg, timestamp=ts / 12e6)
    return len(fr)

def run_stateless():
    fr, _ = _parse_beast_buffer(cut)
    fr = fr[:prefix]
    for ts, msg in fr:
        pyModeS.decode(msg)
    return len(fr)

# Best of 3 for pyModeS (Skywatch: best of 20 passes). Wall time and thread CPU time are both reported; on a
# shared machine the CPU time is the fair one-core figure for both sides.
pipe = [timed(run_pipe) for _ in range(3)]
stateless = [timed(run_stateless) for _ in range(3)]
n = pipe[0][2]
pipe_wall = n / min(p[0] for p in pipe)
pipe_cpu = n / min(p[1] for p in pipe)
dec_wall = n / min(p[0] for p in stateless)
dec_cpu = n / min(p[1] for p in stateless)
res = {
    "frames_file": sky["frames"], "pymodes_prefix_frames": n,
    "skywatch_wall_frames_per_second": sky["frames_per_second"],
    "skywatch_cpu_frames_per_second": sky["cpu_frames_per_second"],
    "pymodes_pipedecoder_wall_fps": round(pipe_wall), "pymodes_pipedecoder_cpu_fps": round(pipe_cpu),
    "pymodes_decode_wall_fps": round(dec_wall), "pymodes_decode_cpu_fps": round(dec_cpu),
    "ratio_cpu_vs_pipedecoder": round(sky["cpu_frames_per_second"] / pipe_cpu, 1),
    "ratio_cpu_vs_decode": round(sky["cpu_frames_per_second"] / dec_cpu, 1),
    "ratio_wall_vs_pipedecoder": round(sky["frames_per_second"] / pipe_wall, 1),
    "ratio_wall_vs_decode": round(sky["frames_per_second"] / dec_wall, 1),
    "pymodes_version": "3.6.1",
}
print(json.dumps(res))
PY
