#!/usr/bin/env python3
"""Hold-out scenes for judging STCA nuisance on traffic the alerts were not tuned on.

Registers in the benchmark's own generator (../shared/bench/make_scenario.py, same code and plot model as `dev`)
two more 20-minute windows of the `quickstart` collection (Paris, 2021-10-07) that do not overlap `dev`
(14:00-14:20 UTC), seen by dev's three radars with other seeds, and writes them:

  paris-1300   13:00-13:20 UTC (offset 3600 s), seed 113
  paris-1230   12:30-12:50 UTC (offset 1800 s), seed 112

Usage: TRAFFIC_SAMPLES=.../traffic/data/samples/collections \\
       scripts/alerts/make-holdout-recordings.py [--bench ../shared/bench] [--out DIR] [NAME ...]
(the samples come from the `traffic` 2.13 wheel: pip download --no-deps traffic==2.13; unzip its data/samples).
"""
import argparse
import os
import sys

WINDOWS = {"paris-1300": (3600, 113), "paris-1230": (1800, 112)}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("names", nargs="*", default=list(WINDOWS))
    ap.add_argument("--bench", default="../shared/bench")
    ap.add_argument("--out", default=".build/holdout-recordings")
    a = ap.parse_args()
    sys.path.insert(0, a.bench)
    import make_scenario as ms  # noqa: E402
    for name in a.names:
        offset, seed = WINDOWS[name]
        cfg = dict(ms.SCENARIOS["dev"])
        cfg.update(start_offset_s=offset, seed=seed)
        ms.SCENARIOS[name] = cfg
        out = os.path.join(a.out, name)
        ms.make_named(name, out)
        print(f"wrote {out}")


if __name__ == "__main__":
    main()
