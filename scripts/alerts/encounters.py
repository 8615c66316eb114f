#!/usr/bin/env python3
"""Warning times of STCA on simulated encounters through the full chain (plots -> tracker -> alerts).

  python3 scripts/alerts/make_encounters.py > /tmp/enc.json
  skywatch simulate --scenario /tmp/enc.json --out /tmp/enc
  skywatch track --scenario /tmp/enc --out /tmp/enc-tracks.csv
  skywatch-bench alerts-replay --tracks /tmp/enc-tracks.csv --scenario /tmp/enc --out /tmp/enc-alerts.jsonl
  python3 scripts/alerts/encounters.py --scenario /tmp/enc --tracks /tmp/enc-tracks.csv --alerts /tmp/enc-alerts.jsonl

Pairs are the aircraft whose callsigns share a 4-letter prefix (HEAD1/HEAD2 ...); loss of separation is judged on
the truth (3 NM and 1,000 ft, strictly), tracks are mapped to truth by ICAO address.
"""
import argparse
import csv
import json
import math
from collections import defaultdict

CONFLICTS = {"HEAD": "head-on", "CROS": "crossing at 90 deg", "OVER": "overtaking",
             "TURN": "converging while one turns", "CLMB": "climbing into a level aircraft"}
SAFE = {"PARA": "parallel 1,000 ft + 1 NM", "VERT": "head-on 2,000 ft apart", "DIVG": "diverging from 3.5 NM"}


def dist(a, b):
    k = math.pi / 180 * 6371008.8
    return math.hypot((b[1] - a[1]) * k * math.cos(math.radians(a[0])), (b[0] - a[0]) * k)


ap = argparse.ArgumentParser()
ap.add_argument("--scenario", required=True)
ap.add_argument("--tracks", required=True)
ap.add_argument("--alerts", required=True)
args = ap.parse_args()

truth = defaultdict(dict)
icao_of = {}
with open(f"{args.scenario}/truth.csv") as f:
    for r in csv.DictReader(f):
        tid = int(r["truth_id"])
        truth[tid][int(r["time"])] = (float(r["lat"]), float(r["lon"]), float(r["alt_m"]))
        icao_of[tid] = r["icao24"].lower()
# make_encounters.py gives addresses a00001.. in pair order: (1,2) HEAD, (3,4) CROS, ...
order = ["HEAD", "CROS", "OVER", "TURN", "CLMB", "PARA", "VERT", "DIVG"]
prefix_of_icao = {"a%05x" % (2 * k + j + 1): p for k, p in enumerate(order) for j in (0, 1)}
track_icao = {}
with open(args.tracks) as f:
    for r in csv.DictReader(f):
        if r["icao24"]:
            track_icao[r["track_id"]] = r["icao24"].lower()
starts = [json.loads(l) for l in open(args.alerts)]
starts = [e for e in starts if e["event"] == "start" and e["kind"] == "stca"]

tids = {p: [t for t in truth if prefix_of_icao.get(icao_of[t]) == p] for p in order}
for p in order:
    a, b = tids[p]
    loss = None
    for s in sorted(truth[a]):
        if s in truth[b]:
            pa, pb = truth[a][s], truth[b][s]
            if dist(pa, pb) < 3 * 1852 and abs(pa[2] - pb[2]) < 1000 * 0.3048:
                loss = s
                break
    mine = [e for e in starts if {prefix_of_icao.get(track_icao.get(t, "")) for t in e["tracks"]} == {p}]
    first = mine[0]["time"] if mine else None
    label = CONFLICTS.get(p) or SAFE.get(p)
    if p in CONFLICTS:
        warn = f"warning {loss - first:.0f} s" if (first is not None and loss is not None) else "NOT ALERTED"
        print(f"{label:32s} loss at {loss} s, first alert at {first} s: {warn}")
    else:
        print(f"{label:32s} loss: {loss}, alerts: {len(mine)}")
others = [e for e in starts if len({prefix_of_icao.get(track_icao.get(t, "")) for t in e["tracks"]}) != 1]
print(f"alerts between different encounters or unknown tracks: {len(others)}")
for e in others:
    names = [prefix_of_icao.get(track_icao.get(t, ""), "?") for t in e["tracks"]]
    ids = [next((k for k, v in icao_of.items() if v == track_icao.get(t)), None) for t in e["tracks"]]
    closest = None
    if None not in ids:
        a, b = ids
        t0 = int(e["time"])
        for s in range(t0 - 30, t0 + 241):
            if s in truth[a] and s in truth[b]:
                pa, pb = truth[a][s], truth[b][s]
                if abs(pa[2] - pb[2]) < 1000 * 0.3048:
                    d = dist(pa, pb) / 1852
                    closest = d if closest is None else min(closest, d)
    print(f"  t={e['time']:.0f} s tracks {e['tracks']} ({'/'.join(names)}): truth closest within 1,000 ft "
          f"{'%.2f NM' % closest if closest is not None else 'never'}")
