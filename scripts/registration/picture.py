#!/usr/bin/env python3
"""Does registration improve the picture? Bias-free vs biased (registration off) vs biased (correct).

Simulates the unbiased preset and its biased variant with the same seed (the biased presets have the unbiased
preset's traffic, antenna phases and noise draw for draw: only the systematic errors differ), tracks the
unbiased one as is and the biased one with `--registration-mode off` and `correct`, and scores all three with
`skywatch evaluate` against the same truth, over the whole run and from --settled seconds on.

  scripts/registration/picture.py --preset enroute --seed 1 --duration 1800
  scripts/registration/picture.py --preset enroute --no-adsb --reference 0/1

Needs a release build. Work files go to .build/registration-picture.
"""
import argparse
import json
import os
import subprocess

KEYS = ["ospa_mean_m", "pos_rms_m", "pos_median_m", "pos_p95_m", "completeness", "n_false_tracks", "id_switches",
        "track_breaks", "n_truth_carried_by_two_tracks"]


def run(cmd):
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def cut(src, dst, start):
    with open(src) as f, open(dst, "w") as g:
        for i, line in enumerate(f):
            if i == 0 or float(line.split(",", 1)[0]) >= start:
                g.write(line)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--preset", default="enroute", help="the unbiased preset (its '-biased' variant is compared)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--duration", type=int, default=1800)
    ap.add_argument("--settled", type=float, default=600, help="also score from this many seconds on")
    ap.add_argument("--no-adsb", action="store_true")
    ap.add_argument("--reference", action="append", default=[])
    ap.add_argument("--bin", default=".build/release/skywatch")
    ap.add_argument("--work", default=".build/registration-picture")
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    dirs = {}
    for preset in (a.preset, a.preset + "-biased"):
        d = os.path.join(a.work, f"{preset}-{a.seed}")
        run([a.bin, "simulate", "--preset", preset, "--seed", str(a.seed), "--duration", str(a.duration), "--out", d])
        dirs[preset] = d
    config = os.path.join(a.work, "tracker.json")
    with open(config, "w") as f:
        json.dump({"registrationReferences": a.reference}, f)
    runs = [("bias-free", dirs[a.preset], "off"), ("biased, registration off", dirs[a.preset + "-biased"], "off"),
            ("biased, registration correct", dirs[a.preset + "-biased"], "correct")]
    results = []
    for name, d, mode in runs:
        out = os.path.join(a.work, f"tracks-{a.preset}-{a.seed}-{len(results)}.csv")
        cmd = [a.bin, "track", "--scenario", d, "--out", out, "--registration-mode", mode, "--config", config]
        if not a.no_adsb:
            cmd += ["--adsb", os.path.join(d, "adsb.beast")]
        run(cmd)
        scores = []
        for start in (0, a.settled):
            scen = os.path.join(a.work, f"score-{start:g}")
            os.makedirs(scen, exist_ok=True)
            for f in ("sensors.json",):
                with open(os.path.join(dirs[a.preset], f)) as s, open(os.path.join(scen, f), "w") as g:
                    g.write(s.read())
            cut(os.path.join(dirs[a.preset], "truth.csv"), os.path.join(scen, "truth.csv"), start)
            cut(out, out + ".cut", start)
            r = subprocess.run([a.bin, "evaluate", "--scenario", scen, "--tracks", out + ".cut"], check=True,
                               capture_output=True, text=True)
            scores.append(json.loads(r.stdout))
        results.append((name, scores))
    src = "radar only" + (f", reference {','.join(a.reference)}" if a.reference else "") if a.no_adsb else "with ADS-B"
    for k, label in ((0, "whole run"), (1, f"from t = {a.settled:g} s")):
        print(f"\n{a.preset}-biased vs {a.preset}, seed {a.seed}, {a.duration} s, {src}: {label}")
        print("| run | " + " | ".join(KEYS) + " |")
        print("|---|" + "---|" * len(KEYS))
        for name, scores in results:
            print(f"| {name} | " + " | ".join(str(scores[k][key]) for key in KEYS) + " |")


if __name__ == "__main__":
    main()
