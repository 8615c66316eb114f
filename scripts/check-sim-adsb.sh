#!/usr/bin/env bash
# Decodes the simulator's DF17 frames with pyModeS (an independent decoder) and checks CRC, CPR positions,
# altitudes, identification and version against what the simulator meant to transmit (adsb.csv).
#
#   scripts/check-sim-adsb.sh [DIR]      (DIR from `skywatch simulate --adsb-diagnostics --out DIR`; default: simulates the airport preset, seed 1, 300 s, into a temp folder)
#
# Pass criteria: ≥ 10,000 position frames, every CRC valid, every locally decoded (reference = a point 100 km
# away) and globally decoded (even/odd pairs, pyModeS batch mode) position within 5 m of the simulated one.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --user 'pyModeS>=3' 2>/dev/null || python3 -m pip install --quiet 'pyModeS>=3'
DIR="${1:-}"
if [ -z "$DIR" ]; then
    DIR="$(mktemp -d)/airport"
    swift build --product skywatch >/dev/null
    .build/debug/skywatch simulate --preset airport --seed 1 --duration 300 --adsb-diagnostics --out "$DIR" 2>/dev/null
fi
python3 - "$DIR" <<'PY'
import csv, math, sys
import pyModeS

rows = list(csv.DictReader(open(sys.argv[1] + "/adsb.csv")))
def dist(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371008.8 * math.asin(math.sqrt(a))

bad_crc = 0; local = []; alt_err = 0; positions = 0
for r in rows:
    d = pyModeS.decode(r["hex"]) if not r["kind"].startswith("pos") else None
    if r["kind"].startswith("pos"):
        positions += 1
        lat, lon = float(r["lat"]), float(r["lon"])
        # Reference 100 km north-east: local decoding must still land on the transmitted point.
        d = pyModeS.decode(r["hex"], reference=(lat + 0.64, lon + 0.95))
        local.append(dist(lat, lon, d["latitude"], d["longitude"]))
        if abs(d["altitude"] - int(r["alt_ft"])) > 12.5:
            alt_err += 1
    if not d["crc_valid"] or d["df"] != 17 or d["icao"].lower() != r["icao24"]:
        bad_crc += 1

# Global (unambiguous) decoding of each position from it and the previous frame of the other format of the same
# aircraft (pyModeS batch mode on the pair; the last message's result is the decoded position of that message).
pos = [r for r in rows if r["kind"].startswith("pos")]
last = {}
glob = []
for r in pos:
    prev = last.get(r["icao24"])
    last[r["icao24"]] = r
    if prev is None or prev["kind"] == r["kind"] or float(r["time"]) - float(prev["time"]) > 10:
        continue
    o = pyModeS.decode([prev["hex"], r["hex"]], timestamps=[float(prev["time"]), float(r["time"])])[1]
    if o.get("latitude") is not None:
        glob.append(dist(float(r["lat"]), float(r["lon"]), o["latitude"], o["longitude"]))
kinds = {}
for r in rows:
    kinds[r["kind"]] = kinds.get(r["kind"], 0) + 1
ids = [pyModeS.decode(r["hex"]).get("callsign") for r in rows if r["kind"] == "id"][:3]
vel = [pyModeS.decode(r["hex"]) for r in rows if r["kind"] == "vel"]
vel_ok = sum(1 for v in vel if v.get("groundspeed") is not None and v.get("track") is not None)
versions = sorted({pyModeS.decode(r["hex"]).get("version") for r in rows if r["kind"] == "status"} - {None})
local.sort(); glob.sort()
print(f"frames {len(rows)} {kinds}; CRC/DF/address failures {bad_crc}")
print(f"local CPR: {len(local)} positions, max error {local[-1]:.2f} m, p99 {local[int(.99*len(local))]:.2f} m, "
      f"mean {sum(local)/len(local):.2f} m")
print(f"global CPR (even/odd pairs): {len(glob)} positions, max error {glob[-1]:.2f} m, mean {sum(glob)/len(glob):.2f} m")
print(f"altitude mismatches {alt_err}; callsigns e.g. {ids}; ADS-B versions {versions}; "
      f"velocity messages with speed and track {vel_ok}/{len(vel)}")
ok = bad_crc == 0 and positions >= 10000 and local[-1] <= 5 and glob[-1] <= 5 and alt_err == 0 and len(glob) > 0.9 * positions and vel_ok == len(vel)
print("PASS" if ok else "FAIL")
sys.exit(0 if ok else 1)
PY
