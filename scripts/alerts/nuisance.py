#!/usr/bin/env python3
"""Judge STCA alerts against a scenario's truth (issue 16's nuisance criterion).

An STCA alert is *justified* when the truth of its two tracks comes within 4 NM horizontally and 1,000 ft
vertically (both strictly, at the same second) somewhere in [start - 30 s, start + 240 s]; otherwise it is a
*nuisance*. Each track is mapped to a truth object by its ICAO address, else by the nearest truth position at the
alert start (within 3 km). Prints every STCA alert with its verdict, the alerts per hour of traffic for every
kind, and the nuisance count.

usage: nuisance.py --alerts alerts.jsonl --tracks tracks.csv --scenario DIR
"""
import argparse
import csv
import json
import math
import sys
from collections import defaultdict

NM = 1852.0
FT = 0.3048


def flat_distance(lat1, lon1, lat2, lon2):
    k = math.pi / 180 * 6371008.8
    dx = (lon2 - lon1) * k * math.cos(math.radians(0.5 * (lat1 + lat2)))
    dy = (lat2 - lat1) * k
    return math.hypot(dx, dy)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--alerts", required=True)
    ap.add_argument("--tracks", required=True)
    ap.add_argument("--scenario", required=True, help="folder with truth.csv and sensors.json")
    ap.add_argument("--horizontal-nm", type=float, default=4.0)
    ap.add_argument("--vertical-ft", type=float, default=1000.0)
    ap.add_argument("--before-s", type=int, default=30)
    ap.add_argument("--after-s", type=int, default=240)
    ap.add_argument("--quiet", action="store_true", help="only the summary")
    args = ap.parse_args()

    truth = defaultdict(dict)  # truth_id -> time -> (lat, lon, alt_m)
    truth_by_icao = {}
    with open(f"{args.scenario}/truth.csv") as f:
        for r in csv.DictReader(f):
            tid = int(r["truth_id"])
            truth[tid][int(float(r["time"]))] = (float(r["lat"]), float(r["lon"]), float(r["alt_m"]))
            if r.get("icao24"):
                truth_by_icao[r["icao24"].lower()] = tid
    with open(f"{args.scenario}/sensors.json") as f:
        duration_h = float(json.load(f).get("duration_s", 0)) / 3600

    tracks = defaultdict(dict)  # track_id -> time -> row
    with open(args.tracks) as f:
        for r in csv.DictReader(f):
            tracks[r["track_id"]][int(float(r["time"]))] = r

    def truth_of(track_id, t):
        rows = tracks.get(track_id, {})
        row = rows.get(t) or (rows[min(rows, key=lambda s: abs(s - t))] if rows else None)
        if row is None:
            return None
        icao = (row.get("icao24") or "").lower()
        if icao in truth_by_icao:
            return truth_by_icao[icao]
        lat, lon = float(row["lat"]), float(row["lon"])
        best, best_d = None, 3000.0
        for tid, states in truth.items():
            s = states.get(t)
            if s is not None:
                d = flat_distance(lat, lon, s[0], s[1])
                if d < best_d:
                    best, best_d = tid, d
        return best

    starts = []
    kinds = defaultdict(int)
    with open(args.alerts) as f:
        for line in f:
            e = json.loads(line)
            if e["event"] == "start":
                kinds[e["kind"]] += 1
                if e["kind"] == "stca":
                    starts.append(e)

    nuisance = 0
    unjudged = 0
    for e in starts:
        t0 = int(round(e["time"]))
        a, b = e["tracks"]
        ta, tb = truth_of(a, t0), truth_of(b, t0)
        cpa = e.get("cpa") or {}
        head = (f"alert {e['alert_id']:4d} t={e['time']:7.1f}s tracks {a}/{b} "
                f"predicted CPA {cpa.get('horizontal_m', float('nan')) / NM:.2f} NM "
                f"{cpa.get('vertical_m', float('nan')) / FT:.0f} ft at t={cpa.get('time', float('nan')):.0f}s")
        if ta is None or tb is None or ta == tb:
            unjudged += 1
            nuisance += 1
            print(f"{head}: NO TRUTH MATCH (counted as nuisance)")
            continue
        close = False
        min_h = math.inf  # closest horizontal approach while within the vertical limit
        min_any = (math.inf, math.inf)
        for s in range(t0 - args.before_s, t0 + args.after_s + 1):
            pa, pb = truth[ta].get(s), truth[tb].get(s)
            if pa is None or pb is None:
                continue
            h = flat_distance(pa[0], pa[1], pb[0], pb[1])
            v = abs(pa[2] - pb[2])
            if h < min_any[0]:
                min_any = (h, v)
            if v < args.vertical_ft * FT:
                min_h = min(min_h, h)
                if h < args.horizontal_nm * NM:
                    close = True
        verdict = "justified" if close else "NUISANCE"
        if not close:
            nuisance += 1
        if not args.quiet:
            print(f"{head}: truth {ta}/{tb} closest {min_any[0] / NM:.2f} NM at {min_any[1] / FT:.0f} ft, "
                  f"closest within {args.vertical_ft:.0f} ft: {min_h / NM:.2f} NM -> {verdict}")

    print(f"traffic: {duration_h * 60:.0f} min")
    for kind, n in sorted(kinds.items()):
        rate = n / duration_h if duration_h > 0 else float("nan")
        print(f"{kind}: {n} alerts, {rate:.1f} per hour")
    print(f"STCA nuisance alerts (truth never within {args.horizontal_nm:g} NM and {args.vertical_ft:g} ft "
          f"in [start-{args.before_s}s, start+{args.after_s}s]): {nuisance} of {len(starts)}"
          + (f" ({unjudged} without a truth match)" if unjudged else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
