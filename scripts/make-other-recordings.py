#!/usr/bin/env python3
"""Builds tracking scenarios from other real recordings with the benchmark's own generator.

Usage: TRAFFIC_SAMPLES=.../traffic/data/samples/collections \\
       scripts/make-other-recordings.py [--bench ../shared/bench] [--out DIR] [NAME ...]

`../shared/bench/make_scenario.py` makes `dev` from the `quickstart` collection of the `traffic` 2.13 wheel. The
benchmark says other scenarios built the same way from other recordings are scored too; this script registers
such scenarios in the generator (same code, same plot model, other flights and radar sites) and writes them, so the
tracker can be checked on more than `dev` (`scripts/check-tracking-scenarios.sh`). The wheel's samples are fetched
by `scripts/bench-tracking.sh` into `.build/scale-scenarios/traffic`.

  swiss   20 min of the `switzerland` collection (seed 202): an 8 s Mode S radar, a 4 s approach radar and a
          10 s en-route radar, one of them overflown by the traffic (cone-of-silence passages).
  savan   20 min of the `savan` collection (seed 303): the SAVAN radar-calibration flights (orbits, crossing
          legs, climbs and descents: many manoeuvres), cut into 25-min chunks that the generator's overlay mode
          time-shifts and moves within 110 km of Lyon; a 5 s Mode S radar, a 6 s approach radar and a 12 s
          en-route radar with more clutter than dev.
"""
import argparse
import os
import sys

OTHER = {
    "swiss": dict(collection="switzerland", group="icao24", start_offset_s=3600, duration_s=1200,
                  ref=(46.8, 8.2), seed=202, radars=[
                      # radar_id, name, lat, lon, alt_m, period_s, sigma_range_m, sigma_azimuth_deg, pd,
                      # max_range_nm, mode_s, false_plots_per_scan
                      (1, "ENR-MS west", 46.5, 6.6, 900.0, 8.0, 40.0, 0.06, 0.95, 200, True, 15),
                      (2, "APP north", 47.45, 8.55, 500.0, 4.0, 30.0, 0.07, 0.97, 100, False, 10),
                      (3, "ENR east", 46.9, 9.6, 1500.0, 10.0, 70.0, 0.10, 0.90, 250, False, 20),
                  ]),
    "savan": dict(collection="savan", group="callsign", overlay=True, n_chunks=40, duration_s=1200,
                  ref=(45.7, 4.9), seed=303, radars=[
                      (1, "TMA-MS Lyon", 45.73, 5.08, 250.0, 5.0, 35.0, 0.05, 0.96, 150, True, 12),
                      (2, "APP west", 45.45, 4.35, 400.0, 6.0, 30.0, 0.08, 0.95, 100, False, 15),
                      (3, "ENR north", 46.55, 5.30, 900.0, 12.0, 80.0, 0.11, 0.90, 250, False, 25),
                  ]),
}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("names", nargs="*", default=list(OTHER), help=f"scenarios to make: {', '.join(OTHER)}")
    ap.add_argument("--bench", default="../shared/bench", help="folder of make_scenario.py")
    ap.add_argument("--out", default=".build/other-recordings", help="parent folder of the scenarios")
    a = ap.parse_args()
    sys.path.insert(0, a.bench)
    import make_scenario as ms  # noqa: E402

    for name in a.names:
        if name not in OTHER:
            raise SystemExit(f"unknown scenario '{name}' (known: {', '.join(OTHER)})")
        cfg = dict(OTHER[name])
        cfg["radars"] = [ms.radar(*r) for r in cfg["radars"]]
        ms.SCENARIOS[name] = cfg
        out = os.path.join(a.out, name)
        ms.make_named(name, out)
        print(f"wrote {out}")


if __name__ == "__main__":
    main()
