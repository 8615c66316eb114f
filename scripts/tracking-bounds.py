#!/usr/bin/env python3
"""Accuracy bounds of causal trackers on a benchmark scenario, with ideal association and oracle help.

Usage: scripts/tracking-bounds.py [SCENARIO_DIR] [--bench ../shared/bench]

An analysis tool, not part of the tracker: it reads truth.csv and plots_truth.csv (which a tracker never may)
to ask how well ANY causal filter of a given family can do on the scenario's real trajectories, so that the
tracker's position RMS can be read against what the data allow.

Every estimator below gets each aircraft's own plots (ideal association, no clutter, no initiation logic),
each plot converted exactly to the stereographic plane (geo.py) at the true height, with its polar noise
mapped to a plane covariance. Rows are scored like evaluate.py's position RMS: horizontal distance to truth
at every whole second the truth is visible (n_cov >= 1), the estimate extrapolated to that second, from the
first second the velocity sigma is below 60 m/s (the tracker's display rule).

  cv              nearly-constant-velocity Kalman filter, best fixed process noise q (m^2/s^3)
  oracle-q        CV filter whose q follows the TRUE acceleration: q = q0 + k |a(t)|^2
  oracle-ca       CV filter that switches to a constant-acceleration model exactly while |a(t)| > threshold
  known-accel     CV filter driven by the TRUE acceleration as a known input (lag-free: the noise floor)
  smoother        Rauch-Tung-Striebel smoother with CV (not causal: uses later plots)

The oracles know what no real tracker can know (when, or how hard, the aircraft manoeuvres); a causal tracker
should not expect to beat oracle-q / oracle-ca.
"""
import argparse
import csv
import json
import os
import sys
from collections import defaultdict

import numpy as np

DISPLAY_VELOCITY_SIGMA = 60.0


def load(scenario, geo):
    sensors = json.load(open(os.path.join(scenario, "sensors.json")))
    plane = geo.Stereo(sensors["reference"]["lat"], sensors["reference"]["lon"])
    radars = {r["radar_id"]: r for r in sensors["radars"]}
    truth = defaultdict(dict)  # truth_id -> time -> (x, y, alt, n_cov, vx, vy)
    rows = list(csv.DictReader(open(os.path.join(scenario, "truth.csv"))))
    lat = np.array([float(r["lat"]) for r in rows])
    lon = np.array([float(r["lon"]) for r in rows])
    x, y = plane.forward(lat, lon)
    for i, r in enumerate(rows):
        truth[int(r["truth_id"])][int(r["time"])] = (
            float(x[i]), float(y[i]), float(r["alt_m"]), int(r["n_cov"]), float(r["vx"]), float(r["vy"]))
    owner = {int(r["plot_id"]): int(r["truth_id"])
             for r in csv.DictReader(open(os.path.join(scenario, "plots_truth.csv")))}
    measurements = defaultdict(list)  # truth_id -> [(time, z, R)]
    frames = {}
    for r in csv.DictReader(open(os.path.join(scenario, "plots.csv"))):
        tid = owner[int(r["plot_id"])]
        if tid == 0:
            continue
        t = float(r["time"])
        t0 = int(np.floor(t))
        T = truth[tid]
        if t0 not in T or t0 + 1 not in T:
            continue
        height = T[t0][2] + (T[t0 + 1][2] - T[t0][2]) * (t - t0)
        radar = radars[int(r["radar_id"])]
        if radar["radar_id"] not in frames:
            frames[radar["radar_id"]] = (
                geo.geodetic_to_ecef(radar["lat"], radar["lon"], radar["alt_m"]),
                geo.enu_matrix(radar["lat"], radar["lon"]))
        origin, rotation = frames[radar["radar_id"]]

        def to_plane(rng, az):
            # Elevation such that the point's ellipsoidal height is the target height (Newton on height).
            e = np.arcsin(np.clip((height - radar["alt_m"]) / rng, -1, 1))
            for _ in range(6):
                u = np.array([np.cos(e) * np.sin(az), np.cos(e) * np.cos(az), np.sin(e)])
                lat_, lon_, h_ = geo.ecef_to_geodetic(origin + rotation.T @ (rng * u))
                e += (height - h_) / (rng * max(np.cos(e), 1e-6))
            px, py = plane.forward(lat_, lon_)
            return np.array([float(px), float(py)])

        rng, az = float(r["range_m"]), np.radians(float(r["azimuth_deg"]))
        z = to_plane(rng, az)
        jacobian = np.column_stack([to_plane(rng + 1, az) - z, (to_plane(rng, az + 1e-5) - z) / 1e-5])
        noise = np.diag([radar["sigma_range_m"] ** 2, np.radians(radar["sigma_azimuth_deg"]) ** 2])
        measurements[tid].append((t, z, jacobian @ noise @ jacobian.T))
    for v in measurements.values():
        v.sort(key=lambda m: m[0])
    return truth, measurements


def acceleration(T, t):
    """True acceleration vector over the whole second containing t (finite difference of truth velocity)."""
    a, b = T.get(int(np.floor(t))), T.get(int(np.floor(t)) + 1)
    if a is None or b is None:
        return np.zeros(2)
    return np.array([b[4] - a[4], b[5] - a[5]])


def transition(dt, n):
    """Per-axis polynomial transition of order n (2 = CV, 3 = CA), state ordered [x, y, vx, vy, (ax, ay)]."""
    f1 = np.eye(n)
    for i in range(n):
        for j in range(i + 1, n):
            f1[i, j] = dt ** (j - i) / np.prod(range(1, j - i + 1))
    f = np.zeros((2 * n, 2 * n))
    f[0::2, 0::2] = f1
    f[1::2, 1::2] = f1
    return f


def process_noise(dt, n, q):
    """Continuous white noise of intensity q on the highest derivative, integrated over dt."""
    if n == 2:
        block = q * np.array([[dt ** 3 / 3, dt ** 2 / 2], [dt ** 2 / 2, dt]])
    else:
        block = q * np.array([[dt ** 5 / 20, dt ** 4 / 8, dt ** 3 / 6],
                              [dt ** 4 / 8, dt ** 3 / 3, dt ** 2 / 2],
                              [dt ** 3 / 6, dt ** 2 / 2, dt]])
    out = np.zeros((2 * n, 2 * n))
    out[0::2, 0::2] = block
    out[1::2, 1::2] = block
    return out


def run_filter(truth, measurements, step):
    """Generic causal run: `step(tid, x, P, t_last, t, z, R)` returns the updated (x, P) on a 6-state
    [x, y, vx, vy, ax, ay]; rows are scored at whole seconds with a constant-acceleration extrapolation."""
    errors = []
    for tid, ms in measurements.items():
        T = truth[tid]
        x = None
        i = 0
        displayed = False
        for t in sorted(T):
            while i < len(ms) and ms[i][0] <= t:
                tm, z, R = ms[i]
                i += 1
                if x is None:
                    x = np.zeros(6)
                    x[:2] = z
                    P = np.diag([0, 0, 450.0 ** 2, 450.0 ** 2, 1e-12, 1e-12])
                    P[:2, :2] = R
                else:
                    x, P = step(tid, x, P, t_last, tm, z, R)
                t_last = tm
            if x is None or T[t][3] < 1:
                continue
            if not displayed and np.sqrt((P[2, 2] + P[3, 3]) / 2) > DISPLAY_VELOCITY_SIGMA:
                continue
            displayed = True
            dt = t - t_last
            px = x[0] + x[2] * dt + 0.5 * x[4] * dt * dt
            py = x[1] + x[3] * dt + 0.5 * x[5] * dt * dt
            errors.append(np.hypot(px - T[t][0], py - T[t][1]))
    e = np.array(errors)
    return float(np.sqrt(np.mean(e ** 2))), len(e)


H = np.zeros((2, 6))
H[0, 0] = H[1, 1] = 1


def update(x, P, z, R):
    S = H @ P @ H.T + R
    K = P @ H.T @ np.linalg.inv(S)
    x = x + K @ (z - H @ x)
    I_KH = np.eye(6) - K @ H
    return x, I_KH @ P @ I_KH.T + K @ R @ K.T


def cv_predict(x, P, dt, q):
    f = transition(dt, 3)
    f[:, 4:] = 0  # acceleration unused
    x = f @ x
    P = f @ P @ f.T
    P[:4, :4] += process_noise(dt, 2, q)
    return x, P


def cv_step(q_of):
    def step(tid, x, P, t0, t1, z, R):
        x, P = cv_predict(x, P, t1 - t0, q_of(tid, t0, t1))
        return update(x, P, z, R)
    return step


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("scenario", nargs="?", default="../shared/bench/dev")
    ap.add_argument("--bench", default="../shared/bench", help="folder of the benchmark's geo.py")
    args = ap.parse_args()
    sys.path.insert(0, args.bench)
    import geo  # noqa: E402

    truth, measurements = load(args.scenario, geo)
    print(f"{args.scenario}: {sum(len(v) for v in measurements.values())} target plots, {len(measurements)} aircraft")

    best = min((run_filter(truth, measurements, cv_step(lambda *_: q))[0], q) for q in (2, 5, 10, 20))
    print(f"cv           best fixed q = {best[1]:g} m^2/s^3: position RMS {best[0]:.1f} m")

    def oracle_q(q0, k):
        def q_of(tid, t0, t1):
            a = max(np.hypot(*acceleration(truth[tid], s)) for s in np.arange(t0, t1 + 1e-9, 1.0))
            return q0 + k * a * a
        return q_of
    best = min((run_filter(truth, measurements, cv_step(oracle_q(q0, k)))[0], q0, k)
               for q0 in (0.05, 0.2) for k in (3, 5, 10))
    print(f"oracle-q     q = {best[1]:g} + {best[2]:g} |a|^2: position RMS {best[0]:.1f} m")

    def oracle_ca(threshold, jerk, quiet, onset):
        state = {}

        def step(tid, x, P, t0, t1, z, R):
            dt = t1 - t0
            manoeuvre = np.hypot(*acceleration(truth[tid], t1)) > threshold
            if manoeuvre and not state.get(tid, False):
                P[4:, :] = 0
                P[:, 4:] = 0
                P[4, 4] = P[5, 5] = onset ** 2
            state[tid] = manoeuvre
            if manoeuvre:
                f = transition(dt, 3)
                x, P = f @ x, f @ P @ f.T + process_noise(dt, 3, jerk)
            else:
                x[4:] = 0
                P[4:, :] = 0
                P[:, 4:] = 0
                P[4, 4] = P[5, 5] = 1e-12
                x, P = cv_predict(x, P, dt, quiet)
            return update(x, P, z, R)
        return step
    best = min((run_filter(truth, measurements, oracle_ca(th, j, q, 2.0))[0], th, j, q)
               for th in (0.3, 0.5) for j in (0.1, 0.3) for q in (0.1, 0.2))
    print(f"oracle-ca    CA while |a| > {best[1]:g} m/s^2 (jerk {best[2]:g}), CV q {best[3]:g} otherwise: "
          f"position RMS {best[0]:.1f} m")

    def known_acceleration(q):
        def step(tid, x, P, t0, t1, z, R):
            # Integrate the true acceleration in 0.25 s steps as a known input; covariance as CV.
            n = max(1, int(np.ceil((t1 - t0) / 0.25)))
            h = (t1 - t0) / n
            for k in range(n):
                a = acceleration(truth[tid], t0 + k * h)
                x[0:2] += x[2:4] * h + 0.5 * a * h * h
                x[2:4] += a * h
            x[4:] = 0
            f = transition(t1 - t0, 3)
            f[:, 4:] = 0
            P = f @ P @ f.T
            P[:4, :4] += process_noise(t1 - t0, 2, q)
            return update(x, P, z, R)
        return step
    rms, _ = run_filter(truth, measurements, known_acceleration(0.01))
    print(f"known-accel  true acceleration as input, q 0.01: position RMS {rms:.1f} m")

    # RTS smoother (CV, q = 5) over plot times and the whole seconds between the first and last plot.
    errors = []
    q = 5.0
    for tid, ms in measurements.items():
        T = truth[tid]
        if len(ms) < 3:
            continue
        events = [(m[0], 0, m) for m in ms] + [(t, 1, None) for t in T if T[t][3] >= 1 and ms[0][0] < t < ms[-1][0]]
        events.sort(key=lambda e: (e[0], e[1]))
        x = np.r_[ms[0][1], 0, 0]
        P = np.diag([0, 0, 450.0 ** 2, 450.0 ** 2])
        P[:2, :2] = ms[0][2]
        t_last = ms[0][0]
        filtered, predicted, transitions, nodes = [], [], [], []
        h4 = H[:, :4]
        for t, kind, m in events[1:]:
            f = transition(t - t_last, 2)
            x1, P1 = f @ x, f @ P @ f.T + process_noise(t - t_last, 2, q)
            predicted.append((x1, P1))
            transitions.append(f)
            if kind == 0:
                S = h4 @ P1 @ h4.T + m[2]
                K = P1 @ h4.T @ np.linalg.inv(S)
                x, P = x1 + K @ (m[1] - h4 @ x1), (np.eye(4) - K @ h4) @ P1
            else:
                x, P = x1, P1
            filtered.append((x, P))
            nodes.append((t, kind))
            t_last = t
        smoothed = filtered[-1][0]
        for k in range(len(filtered) - 1, -1, -1):
            if k < len(filtered) - 1:
                xf, Pf = filtered[k]
                xp, Pp = predicted[k + 1]
                C = Pf @ transitions[k + 1].T @ np.linalg.inv(Pp)
                smoothed = xf + C @ (smoothed - xp)
            t, kind = nodes[k]
            if kind == 1:
                errors.append(np.hypot(smoothed[0] - T[t][0], smoothed[1] - T[t][1]))
    e = np.array(errors)
    print(f"smoother     RTS, CV q {q:g} (not causal): position RMS {np.sqrt(np.mean(e ** 2)):.1f} m")


if __name__ == "__main__":
    main()
