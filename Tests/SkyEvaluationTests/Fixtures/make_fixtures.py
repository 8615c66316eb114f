#!/usr/bin/env python3
"""Writes the hand-made scoring fixtures of SkyEvaluationTests and scores them with the reference scorer.

Usage: python3 make_fixtures.py [BENCH_DIR]   (BENCH_DIR defaults to ../../../../shared/bench)
Positions are laid out on the benchmark's local stereographic plane (geo.Stereo about 48.85 N, 2.4 E), so
every distance below is in metres on that plane (≈ haversine metres, scale error < 1e-5 within 40 km).
The expected JSON of each case is written to expected/<case>.json by running evaluate.py once.
"""
import json, os, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "../../../../shared/bench")
sys.path.insert(0, BENCH)
import geo  # noqa: E402

P = geo.Stereo(48.85, 2.4)
T_END = 60


def ll(x, y):
    la, lo = P.inverse(x, y)
    return float(la), float(lo)


# truth_id -> (times, f(t) -> (x, y, alt), ncov(t))
TRUTH = {
    1: (range(0, 61), lambda t: (-20000 + 200 * t, 0.0, 3000.0), lambda t: 1),
    2: (range(0, 61), lambda t: (10000.0, -15000 + 150 * t, 5000 + 5 * t), lambda t: 0 if 40 <= t <= 45 else 2),
    3: (range(10, 61), lambda t: (30000 - 180 * t, 20000.0, 8000.0), lambda t: 1),
    4: (range(0, 51), lambda t: (-5000 + 100 * t, 25000 - 100 * t, 6000.0), lambda t: 0 if t < 5 else 1),
    5: (range(0, 61), lambda t: (-10000 + 150 * t, -25000.0, 4000.0), lambda t: 1),
    6: (range(0, 61), lambda t: (-10000 + 150 * t, -24600.0, 4300.0), lambda t: 1),
}


def write_scenario(d):
    os.makedirs(d, exist_ok=True)
    sensors = {
        "scenario": "tiny", "generator_version": "1", "epoch_utc": "2021-10-07T14:00:01Z",
        "epoch_unix_s": 1633615201, "duration_s": T_END, "reference": {"lat": 48.85, "lon": 2.4},
        "geometry": "hand-made scoring fixture; no plots",
        "radars": [{"radar_id": 1, "name": "APP south", "lat": 48.73, "lon": 2.37, "alt_m": 120.0,
                    "rotation_period_s": 4.0, "sigma_range_m": 30.0, "sigma_azimuth_deg": 0.07, "pd": 0.97,
                    "max_range_m": 185200.0, "min_range_m": 926.0, "mode_s": False, "mode_c_quantum_ft": 100,
                    "false_plots_per_scan": 0, "azimuth_at_t0_deg": 0.0}],
        "source": {"note": "SkyEvaluationTests/Fixtures/make_fixtures.py"},
    }
    with open(os.path.join(d, "sensors.json"), "w") as f:
        json.dump(sensors, f, indent=1)
    with open(os.path.join(d, "plots.csv"), "w") as f:
        f.write("plot_id,time,radar_id,scan,range_m,azimuth_deg,mode_c_ft,mode_a,icao24\n")
    with open(os.path.join(d, "truth.csv"), "w") as f:
        f.write("time,truth_id,lat,lon,alt_m,vx,vy,vz,icao24,mode_a,n_cov\n")
        for tid, (times, pos, cov) in TRUTH.items():
            for t in times:
                x, y, a = pos(t)
                la, lo = ll(x, y)
                f.write(f"{t},{tid},{la:.6f},{lo:.6f},{a:.1f},0,0,0,,,{cov(t)}\n")


def track(rows, tid, times, truth_id, dx=0.0, dy=0.0, alt=True):
    _, pos, _ = TRUTH[truth_id]
    for t in times:
        x, y, a = pos(t)
        rows.append((t, tid, x + dx, y + dy, a + 10 if alt else None))


def clean(rows):
    track(rows, "A", range(0, 61), 1, dy=30)
    track(rows, "B", range(0, 61), 2, dx=50)
    track(rows, "C", range(13, 61), 3, dy=-80)
    track(rows, "D", range(8, 51), 4, dx=20, alt=False)


def cases():
    out = {}
    r = []; clean(r); out["clean"] = r
    r = []
    track(r, "A", range(0, 31), 1, dy=30); track(r, "A2", range(31, 61), 1, dy=-40)
    track(r, "B", range(0, 61), 2, dx=50); track(r, "C", range(13, 61), 3, dy=-80)
    track(r, "D", range(8, 51), 4, dx=20, alt=False)
    out["id_switch"] = r
    r = []; clean(r)
    r += [(t, "F", 0.0, -30000.0, 9000.0) for t in range(0, 21)]
    out["false_track"] = r
    r = []
    track(r, "A", list(range(0, 21)) + list(range(30, 61)), 1, dy=30)
    track(r, "B", range(0, 61), 2, dx=50)
    track(r, "C", range(13, 40), 3, dy=-80); track(r, "C2", range(45, 61), 3, dy=60)
    track(r, "D", range(8, 51), 4, dx=20, alt=False)
    out["break"] = r
    r = []; clean(r)
    track(r, "Adup", range(10, 26), 1, dy=-300)
    out["duplicate"] = r
    # Everything at once, plus an ID swap between far-apart tracks (A/B at t >= 35), a pair of tracks that
    # drift onto each other's truth without leaving the gate (kept by CLEAR-MOT, swapped by OSPA), and two
    # rows off a whole second.
    r = []
    for t in range(0, 61):
        x1, y1, a1 = TRUTH[1][1](t); x2, y2, a2 = TRUTH[2][1](t)
        if t < 35:
            r.append((t, "A", x1, y1 + 30, a1 + 10)); r.append((t, "B", x2 + 50, y2, a2 + 10))
        else:
            r.append((t, "A", x2 - 40, y2, a2 - 15)); r.append((t, "B", x1, y1 - 25, a1 + 20))
    track(r, "C", range(13, 40), 3, dy=-80); track(r, "C2", range(45, 61), 3, dy=60)
    track(r, "D", range(8, 51), 4, dx=20, alt=False)
    r += [(t, "F", 0.0, -30000.0, 9000.0) for t in range(0, 21)]
    track(r, "Ddup", range(20, 31), 4, dy=-250)
    track(r, "P", range(0, 30), 5, dy=10); track(r, "P", range(30, 61), 5, dy=350)
    track(r, "Q", range(0, 30), 6, dy=-10); track(r, "Q", range(30, 61), 6, dy=-350)
    r.append((12.5, "X", 0.0, 0.0, None)); r.append((13.02, "X", 0.0, 0.0, None))
    out["mixed"] = r
    return out


def write_tracks(path, rows):
    with open(path, "w") as f:
        f.write("time,track_id,lat,lon,alt_m,vx,vy\n")
        for t, tid, x, y, a in rows:
            la, lo = ll(x, y)
            ts = f"{t}" if isinstance(t, int) else f"{t:.3f}"
            f.write(f"{ts},{tid},{la:.6f},{lo:.6f},{'' if a is None else f'{a:.1f}'},,\n")


def main():
    scen = os.path.join(HERE, "tiny")
    write_scenario(scen)
    os.makedirs(os.path.join(HERE, "expected"), exist_ok=True)
    for name, rows in cases().items():
        path = os.path.join(HERE, f"tracks_{name}.csv")
        write_tracks(path, rows)
        res = subprocess.run([sys.executable, os.path.join(BENCH, "evaluate.py"), scen, path],
                             check=True, capture_output=True, text=True).stdout
        with open(os.path.join(HERE, "expected", f"{name}.json"), "w") as f:
            f.write(res)
        print(name, res.strip())


if __name__ == "__main__":
    main()
