#!/usr/bin/env python3
"""Per-aircraft fusion statistics of a tracks.csv against a simulated scenario's truth.

usage: fusion-stats.py SCENARIO_DIR TRACKS.csv [LABEL]

Equipped aircraft = truth targets whose icao24 appears in the scenario's adsb.csv, or, without it, every truth
target with an icao24. For each, over the seconds the truth is visible (n_cov > 0):
  - tracks carrying its address (distinct track_id with that icao24), and unaddressed tracks within 300 m and
    30 m/s of it for at least 5 s (duplicates without identity);
  - horizontal position error of the addressed track(s) against the truth at the same second (local flat-earth
    metres; errors are a few metres to a few hundred, far below where that approximation matters).
Prints one JSON line.
"""
import csv, json, math, os, statistics, sys
from collections import defaultdict

def main():
    scen, tracks_path = sys.argv[1], sys.argv[2]
    label = sys.argv[3] if len(sys.argv) > 3 else tracks_path
    truth = defaultdict(dict)       # icao -> time -> (lat, lon)
    visible = defaultdict(set)
    with open(os.path.join(scen, "truth.csv")) as f:
        for r in csv.DictReader(f):
            if not r["icao24"]:
                continue
            t = int(float(r["time"]))
            truth[r["icao24"]][t] = (float(r["lat"]), float(r["lon"]), float(r["vx"]), float(r["vy"]))
            if int(r.get("n_cov") or 1) > 0:
                visible[r["icao24"]].add(t)
    equipped = set()
    adsb = os.path.join(scen, "adsb.csv")
    if os.path.exists(adsb):
        with open(adsb) as f:
            for r in csv.DictReader(f):
                equipped.add(r["icao24"])
    else:
        equipped = set(truth)
    aircraft_set = "ADS-B equipped (adsb.csv)" if os.path.exists(adsb) else "all Mode S (no adsb.csv)"
    equipped &= set(truth)
    by_time = defaultdict(list)     # time -> [(track_id, icao, lat, lon)]
    with open(tracks_path) as f:
        for r in csv.DictReader(f):
            v = (float(r["vx"] or "nan"), float(r["vy"] or "nan"))
            by_time[int(float(r["time"]))].append((r["track_id"], r["icao24"], float(r["lat"]), float(r["lon"]), v))

    def dist(a, b):
        lat = math.radians((a[0] + b[0]) / 2)
        dy = math.radians(a[0] - b[0]) * 6371000.0
        dx = math.radians(a[1] - b[1]) * 6371000.0 * math.cos(lat)
        return math.hypot(dx, dy)

    # Per second: addressed rows by address, unaddressed rows in 0.01° cells (≈ 1.1 km × 0.7 km here).
    addressed_at = defaultdict(lambda: defaultdict(list))
    cells = defaultdict(lambda: defaultdict(list))
    for t, rows in by_time.items():
        for row in rows:
            if row[1]:
                addressed_at[t][row[1]].append(row)
            else:
                cells[t][(int(row[2] * 100), int(row[3] * 100))].append(row)

    per_aircraft = {}
    errors = []
    for icao in sorted(equipped):
        addressed = set()
        near_unaddressed = defaultdict(int)
        for t in sorted(visible[icao]):
            p = truth[icao][t]
            for tid, _, lat, lon, _ in addressed_at[t].get(icao, []):
                addressed.add(tid)
                errors.append(dist(p, (lat, lon)))
            ci, cj = int(p[0] * 100), int(p[1] * 100)
            for di in (-1, 0, 1):
                for dj in (-1, 0, 1):
                    for tid, _, lat, lon, v in cells[t].get((ci + di, cj + dj), []):
                        if dist(p, (lat, lon)) < 300 and math.hypot(v[0] - p[2], v[1] - p[3]) < 30:
                            near_unaddressed[tid] += 1
        dup = [tid for tid, n in near_unaddressed.items() if n >= 5]
        per_aircraft[icao] = len(addressed) + len(dup)
    counts = list(per_aircraft.values())
    tracked = [c for c in counts if c > 0]
    rms = math.sqrt(sum(e * e for e in errors) / len(errors)) if errors else float("nan")
    out = {
        "label": label,
        "aircraft_set": aircraft_set,
        "equipped_aircraft": len(counts),
        "equipped_tracked": len(tracked),
        "tracks_per_equipped_aircraft": round(sum(tracked) / len(tracked), 3) if tracked else None,
        "equipped_with_more_than_one_track": sum(1 for c in counts if c > 1),
        "addressed_track_seconds": len(errors),
        "pos_rms_m": round(rms, 2),
        "pos_median_m": round(statistics.median(errors), 2) if errors else None,
        "pos_p95_m": round(sorted(errors)[int(0.95 * (len(errors) - 1))], 2) if errors else None,
    }
    print(json.dumps(out))

main()
