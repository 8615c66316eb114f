#!/usr/bin/env python3
"""Issue 17 figure: rows of tracks.csv with a Mode S address whose ground speed is > 150 m/s off the truth's of that address at that
second (the Results.md 'wrong-speed rows' figure). Usage: scripts/wrong-speed-rows.py SCENARIO_DIR TRACKS.csv"""
import csv, math, sys
scen, tracks = sys.argv[1], sys.argv[2]
truth = {}
with open(f"{scen}/truth.csv") as f:
    for r in csv.DictReader(f):
        if r["icao24"]:
            truth[(int(float(r["time"])), r["icao24"].lower())] = math.hypot(float(r["vx"]), float(r["vy"]))
rows = bad = 0
badtracks = set()
with open(tracks) as f:
    for r in csv.DictReader(f):
        a = r["icao24"].lower()
        if not a:
            continue
        key = (int(float(r["time"])), a)
        if key not in truth:
            continue
        rows += 1
        if abs(math.hypot(float(r["vx"]), float(r["vy"])) - truth[key]) > 150:
            bad += 1
            badtracks.add(r["track_id"])
print(f"wrong-speed rows {bad} ({len(badtracks)} tracks) of {rows} rows with an address")
