#!/usr/bin/env python3
"""A copy of a benchmark scenario with known biases added to one radar's plots (issue 18's "biased copy of dev").

The bias model is docs/registration.md's (the simulator's): a radar with range offset Δρ (m), range gain g (ppm),
azimuth offset Δθ (deg) and time offset Δt (s) reports, for a target at true slant range ρ and azimuth θ at true
time t,

    range_m = (1 + g·1e-6)·ρ + Δρ,   azimuth_deg = θ + Δθ,   time = t + Δt

The scenario's plots already carry noise about the truth, so the biases are added to the measured columns; the
other files (truth, plots_truth, sensors.json) are copied unchanged, so the copy is scored against the same truth.
Rows are re-sorted by time, then radar_id (SCHEMA), keeping their plot_id.

  scripts/registration/make-biased-dev.py --src ../shared/bench/dev --out .build/dev-biased --radar 3
"""
import argparse
import csv
import os
import shutil


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--src", default="../shared/bench/dev")
    ap.add_argument("--out", default=".build/dev-biased")
    ap.add_argument("--radar", type=int, default=3, help="radar_id to bias")
    ap.add_argument("--range-m", type=float, default=180.0)
    ap.add_argument("--gain-ppm", type=float, default=500.0)
    ap.add_argument("--azimuth-deg", type=float, default=0.12)
    ap.add_argument("--time-s", type=float, default=0.3)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    for name in os.listdir(a.src):
        if name != "plots.csv" and os.path.isfile(os.path.join(a.src, name)):
            shutil.copy(os.path.join(a.src, name), os.path.join(a.out, name))
    with open(os.path.join(a.src, "plots.csv")) as f:
        reader = csv.DictReader(f)
        fields = reader.fieldnames
        rows = list(reader)
    changed = 0
    for r in rows:
        if int(r["radar_id"]) != a.radar:
            continue
        rng = float(r["range_m"])
        r["range_m"] = f"{rng * (1 + a.gain_ppm * 1e-6) + a.range_m:.1f}"
        r["azimuth_deg"] = f"{(float(r['azimuth_deg']) + a.azimuth_deg) % 360:.4f}"
        r["time"] = f"{float(r['time']) + a.time_s:.3f}"
        changed += 1
    rows.sort(key=lambda r: (float(r["time"]), int(r["radar_id"])))
    with open(os.path.join(a.out, "plots.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"{a.out}: radar {a.radar}: {changed} plots biased by {a.range_m} m, {a.gain_ppm} ppm, "
          f"{a.azimuth_deg}°, {a.time_s} s")


if __name__ == "__main__":
    main()
