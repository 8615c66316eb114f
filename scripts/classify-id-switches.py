#!/usr/bin/env python3
"""Issue 17 analysis: what the ID switches of a scene are.

For every ID switch that `skywatch evaluate --events` reports ("t=T s truth X: ID switch OLD → NEW"), looks at the
track OLD one second before the switch: the aircraft of its own Mode S address, how far the track is from that
aircraft, and the height difference between that aircraft and truth X. A track that follows its own aircraft
(< 300 m) while the scorer had it paired with another aircraft at another level (≥ 300 m apart vertically) is a
2-D pairing by the scorer (`evaluate.py` matches on latitude and longitude only, and its CLEAR-MOT step keeps a
pair while it is closer than 1 km), not a track that changed aircraft.

  scripts/classify-id-switches.py SCENARIO_DIR TRACKS.csv [--bin .build/release/skywatch]
"""
import argparse
import collections
import csv
import math
import re
import subprocess


def distance(a, b):
    dy = (a[0] - b[0]) * 111_200.0
    dx = (a[1] - b[1]) * 111_200.0 * math.cos(math.radians(a[0]))
    return math.hypot(dx, dy)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("scenario")
    ap.add_argument("tracks")
    ap.add_argument("--bin", default=".build/release/skywatch")
    a = ap.parse_args()
    run = subprocess.run([a.bin, "evaluate", "--scenario", a.scenario, "--tracks", a.tracks, "--events"],
                         check=True, capture_output=True, text=True)
    switches = [(int(m.group(1)), m.group(2), m.group(3))
                for m in re.finditer(r"t=(\d+) s truth (\d+): ID switch (\d+) →", run.stderr)]
    truth, address_owner = {}, {}
    with open(f"{a.scenario}/truth.csv") as f:
        for r in csv.DictReader(f):
            truth[(r["truth_id"], int(float(r["time"])))] = (float(r["lat"]), float(r["lon"]), float(r["alt_m"]))
            if r["icao24"]:
                address_owner[r["icao24"].lower()] = r["truth_id"]
    wanted = {(old, t - 1) for t, _, old in switches}
    rows = {}
    with open(a.tracks) as f:
        for r in csv.DictReader(f):
            key = (r["track_id"], int(float(r["time"])))
            if key in wanted:
                rows[key] = r
    classes = collections.Counter()
    for t, switched, old in switches:
        r = rows.get((old, t - 1))
        own = address_owner.get(r["icao24"].lower()) if r is not None and r["icao24"] else None
        if own is None or (own, t - 1) not in truth or (switched, t - 1) not in truth:
            classes["the track had no address (or had ended)"] += 1
            continue
        if own == switched:
            classes["the truth left its own address's track"] += 1
            continue
        off = distance(truth[(own, t - 1)], (float(r["lat"]), float(r["lon"])))
        level = "another level (>= 300 m)" if abs(truth[(own, t - 1)][2] - truth[(switched, t - 1)][2]) >= 300 \
            else "the same level"
        kind = "follows its own aircraft (< 300 m)" if off < 300 else \
            "300-1000 m off its own aircraft" if off < 1000 else "> 1 km off its own aircraft"
        classes[f"{kind}, paired with an aircraft at {level}"] += 1
    print(f"{len(switches)} ID switches; the track the truth leaves, one second before:")
    for k, n in classes.most_common():
        print(f"  {n:5d}  {k}")


if __name__ == "__main__":
    main()
