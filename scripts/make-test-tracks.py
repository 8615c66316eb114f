#!/usr/bin/env python3
"""Makes a realistic tracks.csv from a scenario's truth.csv, to exercise `skywatch evaluate` before the tracker.

Usage: make-test-tracks.py SCENARIO_DIR OUT_TRACKS_CSV [--seed N]

What it puts in (seeded, reproducible):
  * one track per truth object while it is covered (n_cov >= 1), starting 3..12 s after it first becomes visible
    and coasting 4 s past the end of its truth (extrapolated with the truth velocity);
  * horizontal error = AR(1) bias (sigma 40 m per axis, correlation time 20 s) + white noise (15 m);
  * altitude = Mode C quantised to 25 ft; 3 % of rows have no altitude;
  * gaps: 3 truths lose their track for 15 s and get it back under the same ID (track breaks), 2 more get it
    back under a new ID (break + ID switch);
  * an ID swap: two tracks exchange identifiers at mid-scenario (two ID switches);
  * two false tracks (straight lines, 40 s and 90 s) and one duplicate track 250 m off a carried truth for 30 s;
  * three rows off a whole second (counted by the scorer in rows_off_epoch).
"""
import argparse
import csv
import math
import os
from collections import defaultdict

import numpy as np

R = 6371008.8


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("scenario"); ap.add_argument("out"); ap.add_argument("--seed", type=int, default=20211007)
    a = ap.parse_args()
    rng = np.random.default_rng(a.seed)
    by_truth = defaultdict(list)
    with open(os.path.join(a.scenario, "truth.csv")) as f:
        for r in csv.DictReader(f):
            by_truth[r["truth_id"]].append(
                (int(r["time"]), float(r["lat"]), float(r["lon"]), float(r["alt_m"]), float(r["vx"]),
                 float(r["vy"]), int(r["n_cov"])))
    ids = sorted(by_truth, key=int)
    gap_same = set(rng.choice(ids, 3, replace=False).tolist())
    gap_new = set(rng.choice([i for i in ids if i not in gap_same], 2, replace=False).tolist())
    rows = []  # (time, track_id, lat, lon, alt or None)

    def offset(lat, lon, de, dn):
        return lat + math.degrees(dn / R), lon + math.degrees(de / (R * math.cos(math.radians(lat))))

    def alt_mode_c(alt):
        return None if rng.random() < 0.03 else round(alt / 0.3048 / 25) * 25 * 0.3048

    next_id = 1000
    truth_track = {}
    for tid in ids:
        seq = by_truth[tid]
        vis = [s for s in seq if s[6] >= 1]
        if not vis:
            continue
        start = vis[0][0] + int(rng.integers(3, 13))
        track_id = str(int(tid) * 10)
        truth_track[tid] = track_id
        gap = None
        if tid in gap_same or tid in gap_new:
            mid = seq[len(seq) // 2][0]
            gap = (mid, mid + 15)
        bias = np.zeros(2); phi = math.exp(-1 / 20.0); q = 40.0 * math.sqrt(1 - phi * phi)
        for s in seq:
            t, lat, lon, alt, vx, vy, ncov = s
            bias = phi * bias + rng.normal(0, q, 2)
            if t < start or ncov < 1:
                continue
            if gap and gap[0] <= t < gap[1]:
                continue
            tid_out = track_id
            if gap and t >= gap[1] and tid in gap_new:
                tid_out = str(next_id + int(tid))
            e = bias + rng.normal(0, 15.0, 2)
            la, lo = offset(lat, lon, e[0], e[1])
            rows.append((t, tid_out, la, lo, alt_mode_c(alt)))
        t, lat, lon, alt, vx, vy, ncov = seq[-1]
        if ncov >= 1:
            for k in range(1, 5):
                la, lo = offset(lat, lon, vx * k, vy * k)
                rows.append((t + k, track_id, la, lo, alt_mode_c(alt)))
    # ID swap at mid-scenario between the first two truths alive then (time-major rows, so swap by rewriting).
    t_swap = max(s[0] for seq in by_truth.values() for s in seq) // 2
    alive = [tid for tid in ids if any(s[0] == t_swap and s[6] >= 1 for s in by_truth[tid])]
    a_id, b_id = truth_track[alive[0]], truth_track[alive[1]]
    rows = [(t, (b_id if k == a_id else a_id if k == b_id else k) if t >= t_swap else k, la, lo, al)
            for t, k, la, lo, al in rows]
    # False tracks: straight lines at 150 m/s far from truths' start points.
    lat0, lon0 = by_truth[ids[0]][0][1], by_truth[ids[0]][0][2]
    for n, (t0, dur) in enumerate([(200, 40), (700, 90)]):
        la, lo = offset(lat0, lon0, rng.uniform(-60e3, 60e3), rng.uniform(-60e3, 60e3))
        hdg = rng.uniform(0, 2 * math.pi)
        for k in range(dur):
            la2, lo2 = offset(la, lo, 150 * k * math.sin(hdg), 150 * k * math.cos(hdg))
            rows.append((t0 + k, f"F{n + 1}", la2, lo2, None))
    # Duplicate: a second track 250 m south of a carried truth for 30 s.
    dup = alive[2]
    for s in by_truth[dup]:
        if t_swap - 100 <= s[0] < t_swap - 70 and s[6] >= 1:
            la, lo = offset(s[1], s[2], 0, -250)
            rows.append((s[0], "D1", la, lo, s[3]))
    rows.sort(key=lambda r: (r[0], r[1]))
    with open(a.out, "w") as f:
        f.write("time,track_id,lat,lon,alt_m,vx,vy,mode_a,icao24\n")
        for i, (t, k, la, lo, al) in enumerate(rows):
            ts = f"{t}.500" if i in (100, 5000, 20000) else str(t)
            f.write(f"{ts},{k},{la:.7f},{lo:.7f},{'' if al is None else f'{al:.1f}'},,,,\n")
    print(f"wrote {len(rows)} rows: gaps same-ID {sorted(gap_same, key=int)}, new-ID {sorted(gap_new, key=int)}, "
          f"swap {a_id}<->{b_id} at {t_swap} s, duplicate on truth {dup}, false F1 F2")


if __name__ == "__main__":
    main()
