#!/usr/bin/env python3
"""A real receiver in front of Skywatch: Debian's dump1090-mutability relays a recorded Beast file.

    scripts/ci/dump1090_relay.py --skywatch .build/release/skywatch --beast adsb.beast

1. starts `dump1090-mutability --net-only --net-bind-address 127.0.0.1` on free ports;
2. starts `skywatch serve --beast 127.0.0.1:<dump1090 Beast output>` on a free HTTP port;
3. feeds the Beast file into dump1090's Beast input at 1 × real time (paced by the frames' 12 MHz stamps);
4. checks that Skywatch shows the aircraft (confirmed tracks with an ICAO address, the input `connected`);
5. kills dump1090 (SIGKILL) mid-run: /api/sensors shows the input `disconnected` with one outage, the tracks coast
   (no update, status `coasting`) instead of vanishing at once;
6. restarts dump1090 and the feed where it stopped: Skywatch reconnects by itself and the same track numbers are
   updated again.

Every check prints what it saw; the script exits 1 on the first failure, with both programs' logs.
"""
import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def beast_frames(data):
    """(12 MHz stamp, raw escaped frame bytes) for every Beast frame of type 1, 2 or 3 in `data`."""
    frames = []
    i, n = 0, len(data)
    lengths = {0x31: 2, 0x32: 7, 0x33: 14}
    while i < n:
        if data[i] != 0x1A or i + 1 >= n or data[i + 1] not in lengths:
            i += 1
            continue
        start = i
        want = 6 + 1 + lengths[data[i + 1]]
        out = bytearray()
        j = i + 2
        while j < n and len(out) < want:
            b = data[j]
            if b == 0x1A:
                if j + 1 < n and data[j + 1] == 0x1A:
                    j += 1
                else:
                    break
            out.append(b)
            j += 1
        if len(out) == want:
            frames.append((int.from_bytes(out[:6], "big"), bytes(data[start:j])))
        i = j
    return frames


class Feeder(threading.Thread):
    """Sends frames[start:] to host:port, paced at 1 × real time by their stamps; stops on error or stop()."""

    def __init__(self, port, frames, start):
        super().__init__(daemon=True)
        self.port, self.frames, self.index = port, frames, start
        self.stopped = threading.Event()
        self.error = None

    def run(self):
        try:
            sock = None
            for _ in range(100):
                try:
                    sock = socket.create_connection(("127.0.0.1", self.port), timeout=2)
                    break
                except OSError:
                    time.sleep(0.05)
            if sock is None:
                raise OSError(f"cannot connect to dump1090's Beast input 127.0.0.1:{self.port}")
            t0_stamp = self.frames[self.index][0] / 12e6
            t0_wall = time.monotonic()
            while self.index < len(self.frames) and not self.stopped.is_set():
                stamp, raw = self.frames[self.index]
                delay = (stamp / 12e6 - t0_stamp) - (time.monotonic() - t0_wall)
                if delay > 0:
                    self.stopped.wait(delay)
                    if self.stopped.is_set():
                        break
                batch = bytearray()
                # Everything due now goes in one send.
                while self.index < len(self.frames) and self.frames[self.index][0] / 12e6 - t0_stamp <= time.monotonic() - t0_wall:
                    batch += self.frames[self.index][1]
                    self.index += 1
                sock.sendall(batch)
            sock.close()
        except OSError as e:
            if not self.stopped.is_set():
                self.error = e

    def stop(self):
        self.stopped.set()
        self.join(5)


def get(url):
    with urllib.request.urlopen(url, timeout=5) as r:
        return json.loads(r.read())


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--skywatch", required=True, help="the skywatch executable")
    ap.add_argument("--beast", required=True, help="recorded Beast file to relay")
    ap.add_argument("--receiver-position", required=True, help="LAT,LON of the receiver, degrees")
    ap.add_argument("--dump1090", default="dump1090-mutability")
    ap.add_argument("--before-kill", type=float, default=45, help="seconds fed before dump1090 is killed")
    ap.add_argument("--outage", type=float, default=14, help="seconds dump1090 stays down")
    args = ap.parse_args()

    frames = beast_frames(open(args.beast, "rb").read())
    if len(frames) < 1000:
        sys.exit(f"dump1090-relay: {args.beast}: only {len(frames)} Beast frames")
    ports = {k: free_port() for k in ("ri", "ro", "sbs", "bi", "bo", "http")}
    logdir = tempfile.mkdtemp(prefix="dump1090-relay.")
    procs = {}

    def start_dump1090():
        log = open(os.path.join(logdir, "dump1090.log"), "ab")
        procs["dump1090"] = subprocess.Popen(
            [args.dump1090, "--net-only", "--net-bind-address", "127.0.0.1", "--net-ri-port", str(ports["ri"]),
             "--net-ro-port", str(ports["ro"]), "--net-sbs-port", str(ports["sbs"]), "--net-bi-port", str(ports["bi"]),
             "--net-bo-port", str(ports["bo"]), "--quiet"],
            stdout=log, stderr=subprocess.STDOUT)
        # Ready when its Beast output accepts connections.
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", ports["bo"]), timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        fail("dump1090 does not listen on its Beast output port")

    def fail(message):
        print(f"dump1090-relay: FAILED: {message}")
        for name in ("dump1090", "skywatch"):
            path = os.path.join(logdir, f"{name}.log")
            if os.path.exists(path):
                print(f"--- {name} log (last 15 lines)")
                print("".join(open(path, errors="replace").readlines()[-15:]))
        cleanup()
        sys.exit(1)

    def cleanup():
        for p in procs.values():
            if p.poll() is None:
                p.kill()
                p.wait()

    def say(message):
        print(f"dump1090-relay: {message}", flush=True)

    def wait_for(what, predicate, seconds):
        deadline = time.monotonic() + seconds
        last = None
        while time.monotonic() < deadline:
            try:
                last = predicate()
                if last:
                    return last
            except OSError as e:
                last = e
            time.sleep(0.25)
        fail(f"{what} (waited {seconds} s; last: {last})")

    api = f"http://127.0.0.1:{ports['http']}/api"

    def beast_input():
        inputs = get(api + "/sensors")["inputs"]
        return next(i for i in inputs if i["kind"] == "beast-tcp")

    def tracks():
        return {t["number"]: t for t in get(api + "/tracks")["tracks"]}

    start_dump1090()
    say(f"dump1090-mutability pid {procs['dump1090'].pid}, Beast in :{ports['bi']}, out :{ports['bo']}")
    log = open(os.path.join(logdir, "skywatch.log"), "wb")
    procs["skywatch"] = subprocess.Popen(
        [args.skywatch, "serve", "--beast", f"127.0.0.1:{ports['bo']}", "--receiver-position", args.receiver_position,
         "--port", str(ports["http"]),
         "--no-record"],
        stdout=log, stderr=subprocess.STDOUT)
    wait_for("skywatch serve answers /api/status", lambda: get(api + "/status"), 30)
    # Connected and, until the feed starts, silent.
    wait_for("skywatch connected to dump1090", lambda: beast_input()["state"] in ("connected", "silent") and beast_input(), 15)

    feeder = Feeder(ports["bi"], frames, 0)
    feeder.start()
    say(f"feeding {len(frames)} Beast frames at 1 × real time")
    shown = wait_for(
        "Skywatch shows aircraft relayed by dump1090",
        lambda: (lambda ts: ts if sum(1 for t in ts.values() if t["status"] == "confirmed" and t["address"]) >= 3 else None)(tracks()),
        40)
    say(f"{len(shown)} tracks shown, e.g. " + ", ".join(
        f"#{t['number']} {t['address']} {t['callsign'] or ''}".strip() for t in list(shown.values())[:3]))
    time.sleep(max(0, args.before_kill - 0))
    before = {n: t for n, t in tracks().items() if t["status"] == "confirmed" and t["address"]}
    messages_before = beast_input()["messages"]
    if len(before) < 3:
        fail(f"only {len(before)} confirmed tracks before the outage")
    say(f"before the kill: {len(before)} confirmed tracks, {messages_before} messages from dump1090")

    # The outage.
    feeder.stop()
    procs["dump1090"].kill()
    procs["dump1090"].wait()
    killed_at = time.time()
    say("dump1090 killed (SIGKILL)")
    state = wait_for(
        "/api/sensors shows the outage",
        lambda: (lambda i: i if i["state"] == "disconnected" and i["outages"] >= 1 else None)(beast_input()), 10)
    say(f"/api/sensors: state {state['state']}, outages {state['outages']}, last_error {state.get('last_error')!r}")
    metrics = urllib.request.urlopen(f"http://127.0.0.1:{ports['http']}/metrics", timeout=5).read().decode()
    outage_lines = [l for l in metrics.splitlines() if l.startswith("skywatch_input_outages_total")]
    if not any(l.split()[-1] not in ("0", "0.0") for l in outage_lines):
        fail(f"/metrics does not count the outage: {outage_lines}")
    coasting = wait_for(
        "tracks coast during the outage",
        lambda: (lambda ts: [n for n in before if n in ts and ts[n]["status"] == "coasting"] or None)(tracks()),
        args.outage)
    say(f"{len(coasting)} of {len(before)} tracks coasting {time.time() - killed_at:.1f} s after the kill")
    remaining = time.time() - killed_at
    if remaining < args.outage:
        time.sleep(args.outage - remaining)
    during = tracks()
    kept = [n for n in before if n in during]
    say(f"after {args.outage:.0f} s of outage: {len(kept)} of {len(before)} tracks still held")

    # The receiver comes back; the feed goes on where it stopped (the aircraft moved on meanwhile).
    start_dump1090()
    say("dump1090 restarted")
    wait_for("Skywatch reconnects by itself", lambda: beast_input()["state"] in ("connected", "silent"), 15)
    skip = int(args.outage * len(frames) / max(1, (frames[-1][0] - frames[0][0]) / 12e6))
    feeder = Feeder(ports["bi"], frames, min(len(frames) - 1, feeder.index + skip))
    feeder.start()
    reconnected_at = time.time()

    def resumed():
        ts = tracks()
        back = [n for n in kept if n in ts and ts[n]["status"] == "confirmed"
                and ts[n]["last_update"] > during[n]["last_update"]]
        return back if len(back) >= max(1, (len(kept) * 3) // 4) else None

    back = wait_for("at least 3/4 of the held tracks resume under their numbers", resumed, 20)
    say(f"{len(back)} of {len(kept)} held tracks resumed under their numbers, "
        f"{time.time() - reconnected_at:.1f} s after the reconnection")
    final = beast_input()
    if final["messages"] <= messages_before:
        fail("no message counted after the reconnection")
    say(f"/api/sensors after: state {final['state']}, outages {final['outages']}, messages {final['messages']}, "
        f"errors {final['errors']}")
    feeder.stop()

    # A clean stop.
    procs["skywatch"].send_signal(signal.SIGINT)
    try:
        code = procs["skywatch"].wait(15)
    except subprocess.TimeoutExpired:
        fail("skywatch did not stop within 15 s of SIGINT")
    if code != 0:
        fail(f"skywatch exited {code} after SIGINT")
    cleanup()
    say("PASSED")


if __name__ == "__main__":
    main()
