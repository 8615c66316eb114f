#!/usr/bin/env python3
"""Registration over many seeds: are the biases within the required accuracy, and are the σ honest?

For each seed: `skywatch simulate --preset P --seed S --duration D` (the biased presets carry known biases per
radar in their sensors.json), then `skywatch track` on it with `--registration-mode estimate` and
`--registration reg.json`; each radar's estimate is compared with the simulator's truth.

Reports per radar and component: the largest error, how many seeds are within the limit (10 m, 100 ppm, 0.01°,
20 ms; twice that with --no-adsb, issue 18), how many within 3σ (honest σ: at least 95 % of the seeds), and the
convergence time (first convergence of all four components, from the start of the data).

  scripts/registration/seed-stats.py --preset airport-biased --seeds 1-20
  scripts/registration/seed-stats.py --preset enroute-biased --seeds 1-20 --no-adsb --reference 0/1

Needs a release build (`swift build -c release --product skywatch`). Work files go to .build/registration-stats.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

COMPONENTS = [  # key in reg.json, key in sensors.json, limit, unit, format
    ("range_offset_m", "range_bias_m", 10.0, "m", "{:.1f}"),
    ("range_gain_ppm", "range_gain_ppm", 100.0, "ppm", "{:.0f}"),
    ("azimuth_offset_deg", "azimuth_bias_deg", 0.01, "°", "{:.4f}"),
    ("time_offset_s", "time_bias_s", 0.020, "s", "{:.3f}"),
]


def seeds(text):
    out = []
    for part in text.split(","):
        a, _, b = part.partition("-")
        out += list(range(int(a), int(b or a) + 1))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--preset", default="airport-biased")
    ap.add_argument("--seeds", default="1-20", help="e.g. 1-20 or 1,4,9")
    ap.add_argument("--duration", type=int, default=1800, help="seconds of traffic (default 30 min)")
    ap.add_argument("--no-adsb", action="store_true", help="radar-only: track without the ADS-B file")
    ap.add_argument("--reference", action="append", default=[], help="reference radar SAC/SIC (repeatable)")
    ap.add_argument("--mode", default="estimate", choices=["estimate", "correct"])
    ap.add_argument("--bin", default=".build/release/skywatch")
    ap.add_argument("--work", default=".build/registration-stats")
    ap.add_argument("--keep", action="store_true", help="keep each seed's scenario folder")
    ap.add_argument("--json", help="write the per-seed results here")
    a = ap.parse_args()
    if not os.path.exists(a.bin):
        sys.exit(f"{a.bin} not found: run `swift build -c release --product skywatch` first")
    os.makedirs(a.work, exist_ok=True)
    factor = 2.0 if a.no_adsb else 1.0
    config = None
    if a.reference:
        config = os.path.join(a.work, "tracker.json")
        with open(config, "w") as f:
            json.dump({"registrationReferences": a.reference}, f)
    rows = []
    for seed in seeds(a.seeds):
        start = time.time()
        d = os.path.join(a.work, f"{a.preset}-{seed}")
        subprocess.run([a.bin, "simulate", "--preset", a.preset, "--seed", str(seed), "--duration",
                        str(a.duration), "--out", d], check=True, stdout=subprocess.DEVNULL)
        reg = os.path.join(d, "reg.json")
        cmd = [a.bin, "track", "--scenario", d, "--out", os.path.join(d, "tracks.csv"),
               "--registration-mode", a.mode, "--registration", reg]
        if not a.no_adsb:
            cmd += ["--adsb", os.path.join(d, "adsb.beast")]
        if config:
            cmd += ["--config", config]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        sensors = json.load(open(os.path.join(d, "sensors.json")))
        epoch = sensors["epoch_unix_s"]
        truth = {r["radar_id"]: r for r in sensors["radars"]}
        for e in json.load(open(reg)):
            sic = int(str(e["radar_id"]).split("/")[-1])
            t = truth[sic]
            row = {"seed": seed, "radar": sic, "converged": e["converged"], "reference": e["reference"],
                   "observations": e["observations"], "jumps": e["jumps"],
                   "converged_after_s": (e["converged_since_unix_s"] - epoch) if e["converged_since_unix_s"] else None}
            for key, tkey, _, _, _ in COMPONENTS:
                row[key] = e[key]
                row[key + "_sigma"] = e[key + "_sigma"]
                row[key + "_truth"] = t.get(tkey, 0.0)
            rows.append(row)
        if not a.keep:
            for name in os.listdir(d):
                if name not in ("sensors.json", "reg.json"):
                    os.remove(os.path.join(d, name))
        print(f"seed {seed}: {time.time() - start:.0f} s", file=sys.stderr, flush=True)
    if a.json:
        json.dump(rows, open(a.json, "w"), indent=1)
    report(rows, factor, a)


def report(rows, factor, a):
    n_seeds = len({r["seed"] for r in rows})
    print(f"# {a.preset}, {n_seeds} seeds, {a.duration} s, {'radar only' if a.no_adsb else 'with ADS-B'}"
          f"{', references ' + ','.join(a.reference) if a.reference else ''} (limits ×{factor:g})")
    print("| radar | component | truth | mean estimate | mean σ | max abs error | within limit | within 3σ | unobservable |")
    print("|---|---|---|---|---|---|---|---|---|")
    for radar in sorted({r["radar"] for r in rows}):
        rr = [r for r in rows if r["radar"] == radar]
        if all(r["reference"] and r["observations"] == 0 for r in rr):
            print(f"| {radar} | (reference, pinned) | | | | | | | |")
            continue
        for key, _, limit, unit, fmt in COMPONENTS:
            est = [r for r in rr if r[key] is not None]
            errs = [abs(r[key] - r[key + "_truth"]) for r in est]
            within = sum(e <= limit * factor for e in errs)
            honest = sum(abs(r[key] - r[key + "_truth"]) <= 3 * r[key + "_sigma"] for r in est)
            truth = rr[0][key + "_truth"]
            mean = statistics.mean(r[key] for r in est) if est else float("nan")
            sig = statistics.mean(r[key + "_sigma"] for r in est) if est else float("nan")
            print(f"| {radar} | {key} | {fmt.format(truth)} {unit} | {fmt.format(mean)} | {fmt.format(sig)} | "
                  f"{fmt.format(max(errs)) if errs else '—'} | {within}/{len(est)} | {honest}/{len(est)} | "
                  f"{len(rr) - len(est)} |")
        conv = [r["converged_after_s"] for r in rr if r["converged_after_s"] is not None]
        print(f"| {radar} | converged | | | | | {len(conv)}/{len(rr)} seeds | "
              f"median {statistics.median(conv):.0f} s, max {max(conv):.0f} s | |" if conv else
              f"| {radar} | converged | | | | | 0/{len(rr)} seeds | | |")


if __name__ == "__main__":
    main()
