#!/usr/bin/env python3
"""A small mock of the Skywatch service API (docs: /work/prompts/api-contract.md, mirrored in docs/display.md)
that serves the browser display from Sources/SkyServer/Display/ with synthetic moving tracks around Paris.

Standard library only: http.server plus a minimal server-side WebSocket (RFC 6455, text frames out, close/ping in).
Binds 127.0.0.1 only.

    python3 scripts/display/mock-server.py --port 8080 --tracks 500 [--token T] [--mode replay] [--seed 1]

Prints "listening on http://127.0.0.1:PORT/" once it accepts connections (the browser test waits for that line).
"""
import argparse
import base64
import hashlib
import json
import math
import os
import queue
import random
import struct
import sys
import threading
import time
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse, parse_qs

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DISPLAY = os.path.join(ROOT, "Sources", "SkyServer", "Display")
REF_LAT, REF_LON = 48.72, 2.38
EARTH_R = 6371008.8
KT = 1852.0 / 3600.0
SCAN_S = 4.0
GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

# The `registration` object of /api/sensors (docs/registration.md) for a radar in `correct` mode.
REGISTRATION = {"range_offset_m": 38.5, "range_offset_m_sigma": 2.4, "azimuth_offset_deg": 0.021,
                "azimuth_offset_deg_sigma": 0.0018, "range_gain_ppm": None, "range_gain_ppm_sigma": None,
                "time_offset_s": 0.004, "time_offset_s_sigma": 0.006, "converged": True,
                "converged_since_unix_s": 1765000000.0, "reference": False, "observations": 4180, "jumps": 0,
                "mode": "correct", "applied": {"range_offset_m": 38.5, "azimuth_offset_deg": 0.021,
                                                "range_gain_ppm": 0.0, "time_offset_s": 0.0}}
SENSORS = [
    {"id": "0/1", "name": "Orly", "kind": "ssr", "lat": 48.7233, "lon": 2.3794, "rotation_period_s": 4.0,
     "max_range_m": 463000,
     "bias": REGISTRATION, "registration": REGISTRATION},
    {"id": "0/2", "name": "Roissy PSR", "kind": "psr", "lat": 49.0097, "lon": 2.5479, "rotation_period_s": 4.0,
     "max_range_m": 148000, "bias": None},
    {"id": "0/10", "name": "ADS-B Palaiseau", "kind": "adsbReceiver", "lat": 48.713, "lon": 2.2, "rotation_period_s": None,
     "max_range_m": 400000, "bias": None},
]
AREAS = {"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"name": "P 23 PARIS", "floor_ft": 0, "ceiling_ft": 6500},
     "geometry": {"type": "Polygon", "coordinates": [[[2.25, 48.815], [2.42, 48.815], [2.47, 48.86], [2.42, 48.905],
                                                        [2.25, 48.905], [2.20, 48.86], [2.25, 48.815]]]}},
]}
AIRLINES = ["AFR", "EZY", "RYR", "DLH", "BAW", "KLM", "TVF", "SWR", "IBE", "VLG", "AZA", "TAP", "UAE", "DAL", "EJU"]


def offset(lat, lon, east_m, north_m):
    return (lat + math.degrees(north_m / EARTH_R),
            lon + math.degrees(east_m / (EARTH_R * math.cos(math.radians(lat)))))


def distance_m(lat1, lon1, lat2, lon2):
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    y = math.radians(lat2 - lat1)
    return EARTH_R * math.hypot(x, y)


class Track:
    __slots__ = ("number", "kind", "sources", "sensors", "callsign", "address", "mode_a", "lat", "lon", "alt",
                 "vr", "gs", "trk", "turn", "status", "created", "last_update", "sigma", "phase", "history",
                 "updates", "emergency", "frozen", "rep")

    def to_dto(self):
        r = self.rep
        ve = r["gs"] * KT * math.sin(math.radians(r["trk"]))
        vn = r["gs"] * KT * math.cos(math.radians(r["trk"]))
        return {
            "number": self.number, "status": self.status, "time": r["time"], "lat": round(r["lat"], 6),
            "lon": round(r["lon"], 6), "altitude_ft": None if r["alt"] is None else int(round(r["alt"] / 25.0) * 25),
            "vertical_rate_fpm": round(self.vr), "ground_speed_kt": round(r["gs"], 1), "track_deg": round(r["trk"] % 360, 1),
            "velocity_east_mps": round(ve, 1), "velocity_north_mps": round(vn, 1),
            "turn_rate_deg_s": round(self.turn, 2), "callsign": self.callsign, "address": self.address,
            "mode_a": self.mode_a, "sources": self.sources, "sensors": self.sensors, "kind": self.kind,
            "sigma_m": round(self.sigma, 1), "age_s": round(r["time"] - self.created, 1),
            "last_update": r["time"], "spi": False, "emergency": self.emergency,
        }


class Sim:
    def __init__(self, n, seed, cycle_s):
        self.rng = random.Random(seed)
        self.cycle_s = cycle_s
        self.t = time.time() - 0.4   # data time lags the wall clock a little, as a real service's does
        self.cycle = 0
        self.next_number = 1
        self.tracks = {}
        self.lock = threading.Lock()
        self.alerts = {}
        self.next_alert = 1
        self.replay = {"playing": True, "speed": 1.0, "time": self.t, "from": self.t - 3600, "to": self.t + 3600}
        for _ in range(n):
            self.spawn(initial=True)
        self.setup_special()

    # -- population ---------------------------------------------------------------------------------------------
    def spawn(self, initial=False, kind=None):
        rng = self.rng
        tr = Track()
        tr.number = self.next_number
        self.next_number += 1
        if kind is None:
            u = rng.random()
            kind = ("airliner" if u < 0.72 else "light" if u < 0.84 else "helicopter" if u < 0.89 else
                    "drone" if u < 0.905 else "unknown" if u < 0.995 else "fast")
        tr.kind = kind
        radius = 280000.0 * math.sqrt(rng.random()) if initial else 300000.0
        bearing = rng.uniform(0, 2 * math.pi)
        if kind in ("drone", "helicopter", "light"):
            radius = min(radius, 90000.0 * math.sqrt(rng.random()))
        tr.lat, tr.lon = offset(REF_LAT, REF_LON, radius * math.sin(bearing), radius * math.cos(bearing))
        inward = (math.degrees(bearing) + 180 + rng.uniform(-70, 70)) % 360
        tr.trk = inward if not initial else rng.uniform(0, 360)
        tr.turn = 0.0
        tr.vr = 0.0
        tr.emergency = False
        tr.frozen = False
        tr.mode_a = None
        tr.callsign = None
        tr.address = None
        if kind == "airliner":
            tr.gs = rng.uniform(250, 490)
            tr.alt = rng.choice([rng.uniform(3000, 24000), rng.randrange(250, 400, 10) * 100.0])
            if tr.alt < 24000:
                tr.vr = rng.choice([-1, 1]) * rng.uniform(800, 2500)
            tr.callsign = "%s%d%s" % (rng.choice(AIRLINES), rng.randrange(10, 9999), rng.choice(["", "", "", "A", "K"]))
            tr.sources = ["primary", "ssr", "modes", "adsb"] if rng.random() < 0.85 else ["ssr", "modes", "adsb"]
            if rng.random() < 0.07:
                tr.sources = ["adsb"]
            if rng.random() < 0.05:
                tr.sources = ["primary", "ssr", "modes"]
        elif kind == "light":
            tr.gs = rng.uniform(80, 150)
            tr.alt = rng.uniform(1500, 6500)
            tr.callsign = "F-G%s" % "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(3)) if rng.random() < .5 else None
            tr.sources = rng.choice([["primary", "ssr"], ["ssr"], ["primary", "ssr", "modes", "adsb"], ["adsb"], ["primary"]])
            if tr.sources == ["primary"]:
                tr.alt = None
            tr.turn = rng.choice([0.0, 0.0, 1.0, -1.0])
        elif kind == "helicopter":
            tr.gs = rng.uniform(70, 130)
            tr.alt = rng.uniform(800, 2500)
            tr.callsign = rng.choice(["SAMU%d" % rng.randrange(10, 99), "GGAN%d" % rng.randrange(10, 99), None])
            tr.sources = rng.choice([["primary", "ssr", "modes"], ["primary", "ssr", "modes", "adsb"], ["ssr", "modes"]])
        elif kind == "drone":
            tr.gs = rng.uniform(15, 45)
            tr.alt = None
            tr.sources = ["primary"]
            tr.turn = rng.uniform(-4, 4)
        elif kind == "fast":
            tr.gs = rng.uniform(900, 1300)
            tr.alt = None
            tr.sources = ["primary"]
        else:
            tr.gs = rng.uniform(100, 300)
            tr.alt = rng.uniform(2000, 20000) if rng.random() < 0.6 else None
            tr.sources = ["primary"] if tr.alt is None else ["primary", "ssr"]
        if "ssr" in tr.sources:
            tr.mode_a = "%04o" % rng.randrange(0o1000, 0o7000)
        if "modes" in tr.sources or "adsb" in tr.sources:
            tr.address = "%06x" % rng.randrange(0x380000, 0x3c0000) if rng.random() < 0.6 else "%06x" % rng.randrange(0x400000, 0x4c0000)
        sensors = []
        if any(s in tr.sources for s in ("primary", "ssr", "modes")):
            sensors.append("0/1")
            if "primary" in tr.sources and distance_m(tr.lat, tr.lon, SENSORS[1]["lat"], SENSORS[1]["lon"]) < 148000:
                sensors.append("0/2")
        if "adsb" in tr.sources:
            sensors.append("0/10")
        tr.sensors = sensors
        tr.status = "confirmed" if initial and rng.random() < 0.97 else "tentative"
        tr.created = self.t - (rng.uniform(30, 1800) if initial else 0)
        tr.last_update = self.t
        tr.sigma = {"adsb": 15.0}.get(tr.sources[0], 0) or (rng.uniform(60, 200) if "primary" in tr.sources else 90.0)
        if "adsb" in tr.sources:
            tr.sigma = rng.uniform(8, 30)
        tr.phase = rng.uniform(0, SCAN_S)
        tr.history = deque(maxlen=150)
        tr.updates = 0
        tr.rep = None
        if initial and rng.random() < 0.01:
            tr.status = "coasting"
            tr.frozen = True
        self.report(tr)
        self.tracks[tr.number] = tr
        return tr

    def setup_special(self):
        # Emergencies: one 7700 descending, one 7600 (put back near Paris when low or far: see step()).
        self.emergencies = []
        for code, cs in (("7700", "AFR1234"), ("7600", "EZY81QK")):
            tr = self.spawn(initial=True, kind="airliner")
            tr.callsign, tr.mode_a, tr.emergency = cs, code, True
            self.reset_emergency(tr)
            self.emergencies.append(tr)
            self.raise_alert("emergency", [tr.number], code=code, message="%s squawks %s" % (cs, code))
        # A short-term conflict: two tracks converging head-on at FL120 west of Paris.
        a = self.spawn(initial=True, kind="airliner")
        b = self.spawn(initial=True, kind="airliner")
        self.stca = (a, b)
        self.reset_stca()
        self.raise_alert("stca", [a.number, b.number],
                         cpa={"time": self.t + 45, "horizontal_m": 900, "vertical_m": 60},
                         message="STCA %s / %s" % (a.callsign, b.callsign))
        # A drone inside the restricted area.
        d = self.spawn(initial=True, kind="drone")
        d.lat, d.lon, d.status, d.frozen, d.turn = 48.87, 2.33, "confirmed", False, 6.0
        d.history.clear()
        self.report(d)
        self.raise_alert("area", [d.number], area="P 23 PARIS", message="Track %d inside P 23 PARIS" % d.number)
        # An ADS-B-only report inconsistent with radar.
        e = next(t for t in self.tracks.values() if t.sources == ["adsb"] and t.kind == "airliner")
        self.raise_alert("adsb_only", [e.number], message="%s seen by ADS-B only" % e.callsign)

    def reset_emergency(self, tr):
        tr.lat, tr.lon = offset(REF_LAT, REF_LON, self.rng.uniform(-50000, 50000), self.rng.uniform(-50000, 50000))
        tr.alt, tr.vr, tr.status, tr.frozen, tr.turn = 14000.0, -1800.0, "confirmed", False, 0.0
        tr.sources = ["primary", "ssr", "modes", "adsb"]
        tr.history.clear()
        self.report(tr)

    def reset_stca(self):
        a, b = self.stca
        a.lat, a.lon = offset(REF_LAT, REF_LON, -70000 - 12000, 20000)
        b.lat, b.lon = offset(REF_LAT, REF_LON, -70000 + 12000, 20000)
        a.trk, b.trk, a.gs, b.gs = 90.0, 270.0, 320.0, 300.0
        a.alt, b.alt, a.vr, b.vr, a.turn, b.turn = 12000.0, 12200.0, 0.0, 0.0, 0.0, 0.0
        for t in (a, b):
            t.status, t.frozen, t.sources = "confirmed", False, ["primary", "ssr", "modes", "adsb"]
            t.history.clear()

    def raise_alert(self, kind, tracks, code=None, area=None, cpa=None, message=""):
        a = {"id": self.next_alert, "kind": kind, "phase": "start", "start": self.t, "time": self.t, "tracks": tracks,
             "area": area, "code": code, "cpa": cpa, "message": message}
        self.next_alert += 1
        self.alerts[a["id"]] = a
        return a

    def report(self, tr):
        tr.rep = {"time": self.t, "lat": tr.lat, "lon": tr.lon, "alt": tr.alt, "gs": tr.gs, "trk": tr.trk}
        tr.last_update = self.t
        tr.history.append([round(self.t, 2), round(tr.lat, 5), round(tr.lon, 5),
                           None if tr.alt is None else round(tr.alt)])

    # -- stepping -----------------------------------------------------------------------------------------------
    def step(self, dt):
        rng = self.rng
        t0 = self.t
        self.t += dt
        self.cycle += 1
        updated, deleted = [], []
        for tr in list(self.tracks.values()):
            tr.trk = (tr.trk + tr.turn * dt) % 360
            if tr.kind == "drone" and rng.random() < 0.01:
                tr.turn = rng.uniform(-6, 6)
            d = tr.gs * KT * dt
            tr.lat, tr.lon = offset(tr.lat, tr.lon, d * math.sin(math.radians(tr.trk)), d * math.cos(math.radians(tr.trk)))
            if tr.alt is not None:
                tr.alt = max(500.0, tr.alt + tr.vr * dt / 60)
                if tr.alt <= 500.0 or tr.alt > 39000:
                    tr.vr = 0.0
            if distance_m(tr.lat, tr.lon, REF_LAT, REF_LON) > 320000:
                del self.tracks[tr.number]
                deleted.append(tr.number)
                updated.append(self.spawn().to_dto())
                continue
            # The track is updated when the Orly beam passes it (once per scan, at its phase).
            k0 = math.floor((t0 - tr.phase) / SCAN_S)
            k1 = math.floor((self.t - tr.phase) / SCAN_S)
            if k1 != k0:
                if tr.frozen:
                    tr.sigma = min(tr.sigma * 1.15, 3000)
                    tr.rep["time"] = self.t
                else:
                    self.report(tr)
                    tr.updates += 1
                    if tr.status == "tentative" and tr.updates >= 3:
                        tr.status = "confirmed"
                    if tr.status == "confirmed" and rng.random() < 0.0005:
                        tr.status, tr.frozen = "coasting", True
                updated.append(tr.to_dto())
            if tr.frozen and rng.random() < 0.002:
                tr.frozen, tr.status = False, "confirmed"
        for tr in self.emergencies:
            if tr.number in self.tracks and (tr.alt is None or tr.alt < 3000
                                             or distance_m(tr.lat, tr.lon, REF_LAT, REF_LON) > 120000):
                self.reset_emergency(tr)
        a, b = self.stca
        if a.number in self.tracks and b.number in self.tracks and a.lon > b.lon + 0.05:
            self.reset_stca()
        if a.number in self.tracks and b.number in self.tracks:
            # Keep the conflict's predicted closest approach current.
            dist = distance_m(a.lat, a.lon, b.lat, b.lon)
            closing = (a.gs + b.gs) * KT
            for al in self.alerts.values():
                if al["kind"] == "stca":
                    al["cpa"] = {"time": self.t + max(0.0, (dist - 900) / closing), "horizontal_m": 900,
                                 "vertical_m": round(abs(a.alt - b.alt) * 0.3048)}
        events = []
        for al in self.alerts.values():
            if self.cycle % 8 == 0:
                al["phase"], al["time"] = "update", self.t
                al["tracks"] = [n for n in al["tracks"] if n in self.tracks] or al["tracks"]
                events.append(dict(al))
        return {"type": "delta", "time": self.t, "cycle": self.cycle, "updated": updated, "deleted": deleted,
                "alerts": events}

    def snapshot(self):
        return {"type": "snapshot", "time": self.t, "cycle": self.cycle,
                "tracks": [t.to_dto() for t in self.tracks.values()], "alerts": list(self.alerts.values())}

    def status(self, args, clients, dropped):
        now = time.time()
        conf = sum(1 for t in self.tracks.values() if t.status == "confirmed")
        coast = sum(1 for t in self.tracks.values() if t.status == "coasting")
        return {"version": "0.mock", "uptime_s": round(now - START, 1), "cycle": self.cycle,
                "cycle_period_s": self.cycle_s, "cycle_time_ms": {"last": 1.2, "p50": 1.0, "p99": 3.1},
                "data_time": self.t, "wall_time": now, "latency_s": round(max(0.0, now - self.t), 3),
                "tracks": {"confirmed": conf, "coasting": coast}, "inputs_late": 0, "inputs_dropped": 0,
                "websocket": {"clients": clients, "dropped_frames": dropped},
                "reference": {"lat": REF_LAT, "lon": REF_LON}, "mode": args.mode,
                "replay": dict(self.replay, time=self.t) if args.mode == "replay" else None}

    def sensors(self):
        now = time.time()
        n = len(self.tracks)
        return {"inputs": [
            {"name": "radar-orly", "kind": "asterix-udp", "state": "connected", "last_message": now - 0.2,
             "messages_per_second": round(n / SCAN_S * 0.95 + 2, 1), "messages": int(n * (now - START) / SCAN_S),
             "bytes": int(n * (now - START) / SCAN_S * 14), "errors": {"bad_fspec": 2}, "late": 3, "dropped": 0,
             "plots_per_scan": float(n), "rotation_period_s": 4.0},
            {"name": "radar-roissy", "kind": "asterix-udp", "state": "connected", "last_message": now - 1.1,
             "messages_per_second": round(n / SCAN_S * 0.2, 1), "messages": int(n * (now - START) / 20),
             "bytes": int(n * (now - START) / 20 * 12), "errors": {}, "late": 0, "dropped": 0,
             "plots_per_scan": round(n * 0.2, 1), "rotation_period_s": 4.0},
            {"name": "adsb-beast", "kind": "beast-tcp", "state": "silent", "last_message": now - 7.5,
             "messages_per_second": 0.0, "messages": 48211, "bytes": 1120334, "errors": {"crc": 17, "short": 1},
             "late": 0, "dropped": 12, "plots_per_scan": None, "rotation_period_s": None},
        ], "sensors": SENSORS}


START = time.time()


class Hub:
    """Fans each cycle's frame out to every WebSocket client; a slow client loses whole frames."""

    def __init__(self):
        self.clients = set()
        self.lock = threading.Lock()
        self.dropped = 0

    def add(self, q):
        with self.lock:
            self.clients.add(q)

    def remove(self, q):
        with self.lock:
            self.clients.discard(q)

    def publish(self, text):
        with self.lock:
            for q in self.clients:
                try:
                    q.put_nowait(text)
                except queue.Full:
                    self.dropped += 1


def ws_frame(payload, opcode=0x1):
    n = len(payload)
    if n < 126:
        head = struct.pack("!BB", 0x80 | opcode, n)
    elif n < 65536:
        head = struct.pack("!BBH", 0x80 | opcode, 126, n)
    else:
        head = struct.pack("!BBQ", 0x80 | opcode, 127, n)
    return head + payload


def read_exact(sock, n):
    buf = b""
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise ConnectionError("closed")
        buf += chunk
    return buf


def make_handler(sim, hub, args):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "SkywatchMock/0"

        def log_message(self, fmt, *a):
            if args.verbose:
                sys.stderr.write("mock: " + fmt % a + "\n")

        def authorised(self, query):
            if not args.token:
                return True
            if self.headers.get("Authorization", "") == "Bearer " + args.token:
                return True
            return query.get("token", [None])[0] == args.token

        def send_json(self, obj, code=200):
            body = json.dumps(obj, separators=(",", ":")).encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self):
            url = urlparse(self.path)
            length = int(self.headers.get("Content-Length", "0") or 0)
            body = self.rfile.read(length) if length else b"{}"
            if not self.authorised(parse_qs(url.query)):
                return self.send_json({"error": "unauthorised"}, 401)
            if url.path != "/api/replay" or args.mode != "replay":
                return self.send_json({"error": "not found"}, 404)
            cmd = json.loads(body or b"{}")
            with sim.lock:
                r = sim.replay
                act = cmd.get("action")
                if act == "play":
                    r["playing"] = True
                elif act == "pause":
                    r["playing"] = False
                elif act == "speed":
                    r["speed"] = float(cmd.get("speed", 1.0))
                elif act == "seek":
                    sim.t = float(cmd.get("time", sim.t))
                r["time"] = sim.t
                out = dict(r)
            self.send_json(out)

        def do_GET(self):
            url = urlparse(self.path)
            q = parse_qs(url.query)
            path = url.path
            if path == "/ws":
                if not self.authorised(q):
                    return self.send_json({"error": "unauthorised"}, 401)
                return self.websocket()
            if path.startswith("/api/") or path in ("/data/aircraft.json", "/data/receiver.json"):
                if not self.authorised(q):
                    return self.send_json({"error": "unauthorised"}, 401)
                with sim.lock:
                    if path == "/api/tracks":
                        s = sim.snapshot()
                        return self.send_json({"time": s["time"], "cycle": s["cycle"], "tracks": s["tracks"]})
                    if path.startswith("/api/tracks/"):
                        try:
                            tr = sim.tracks.get(int(path.rsplit("/", 1)[1]))
                        except ValueError:
                            tr = None
                        if tr is None:
                            return self.send_json({"error": "unknown track"}, 404)
                        dto = tr.to_dto()
                        dto["history"] = list(tr.history)
                        return self.send_json(dto)
                    if path == "/api/status":
                        return self.send_json(sim.status(args, len(hub.clients), hub.dropped))
                    if path == "/api/sensors":
                        return self.send_json(sim.sensors())
                    if path == "/api/alerts":
                        return self.send_json({"alerts": list(sim.alerts.values())})
                    if path == "/api/areas":
                        return self.send_json(AREAS)
                    if path == "/api/replay" and args.mode == "replay":
                        return self.send_json(dict(sim.replay, time=sim.t))
                return self.send_json({"error": "not found"}, 404)
            return self.static(path)

        def static(self, path):
            if path in ("", "/"):
                path = "/index.html"
            full = os.path.realpath(os.path.join(DISPLAY, path.lstrip("/")))
            if not full.startswith(os.path.realpath(DISPLAY) + os.sep) or not os.path.isfile(full):
                return self.send_json({"error": "not found"}, 404)
            ctype = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
                     ".css": "text/css; charset=utf-8", ".json": "application/json", ".png": "image/png",
                     ".svg": "image/svg+xml", ".md": "text/plain; charset=utf-8"}.get(os.path.splitext(full)[1],
                                                                                    "application/octet-stream")
            with open(full, "rb") as f:
                body = f.read()
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-cache")
            self.end_headers()
            self.wfile.write(body)

        def websocket(self):
            key = self.headers.get("Sec-WebSocket-Key")
            if not key or "websocket" not in self.headers.get("Upgrade", "").lower():
                return self.send_json({"error": "expected a WebSocket upgrade"}, 400)
            accept = base64.b64encode(hashlib.sha1((key + GUID).encode()).digest()).decode()
            self.send_response(101, "Switching Protocols")
            self.send_header("Upgrade", "websocket")
            self.send_header("Connection", "Upgrade")
            self.send_header("Sec-WebSocket-Accept", accept)
            self.end_headers()
            self.wfile.flush()
            sock = self.connection
            q = queue.Queue(maxsize=args.queue)
            closed = threading.Event()

            def reader():
                try:
                    while not closed.is_set():
                        b0, b1 = read_exact(sock, 2)
                        n = b1 & 0x7F
                        if n == 126:
                            n = struct.unpack("!H", read_exact(sock, 2))[0]
                        elif n == 127:
                            n = struct.unpack("!Q", read_exact(sock, 8))[0]
                        mask = read_exact(sock, 4) if b1 & 0x80 else b"\0\0\0\0"
                        data = bytes(c ^ mask[i % 4] for i, c in enumerate(read_exact(sock, n)))
                        op = b0 & 0x0F
                        if op == 0x8:
                            break
                        if op == 0x9:
                            q.put(("pong", data))
                except (OSError, ConnectionError, ValueError):
                    pass
                closed.set()

            threading.Thread(target=reader, daemon=True).start()
            with sim.lock:
                first = json.dumps(sim.snapshot(), separators=(",", ":"))
                hub.add(q)
            try:
                sock.sendall(ws_frame(first.encode()))
                while not closed.is_set():
                    try:
                        item = q.get(timeout=0.5)
                    except queue.Empty:
                        continue
                    if isinstance(item, tuple):
                        sock.sendall(ws_frame(item[1], 0xA))
                    else:
                        sock.sendall(ws_frame(item.encode()))
            except OSError:
                pass
            finally:
                hub.remove(q)
                closed.set()
                try:
                    sock.sendall(ws_frame(b"", 0x8))
                except OSError:
                    pass
                self.close_connection = True

    return Handler


def run_sim(sim, hub, args, stop):
    next_t = time.time()
    last_status = 0.0
    while not stop.is_set():
        next_t += args.cycle
        with sim.lock:
            speed = sim.replay["speed"] if args.mode == "replay" else 1.0
            playing = sim.replay["playing"] if args.mode == "replay" else True
            frame = sim.step(args.cycle * speed) if playing else None
            text = json.dumps(frame, separators=(",", ":")) if frame else None
            now = time.time()
            if now - last_status > 3:
                last_status = now
                st = dict(sim.status(args, len(hub.clients), hub.dropped), type="status")
                status_text = json.dumps(st, separators=(",", ":"))
            else:
                status_text = None
        if text:
            hub.publish(text)
        if status_text:
            hub.publish(status_text)
        delay = next_t - time.time()
        if delay > 0:
            stop.wait(delay)
        else:
            next_t = time.time()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--port", type=int, default=8080, help="TCP port on 127.0.0.1 (0: any free port)")
    ap.add_argument("--tracks", type=int, default=400, help="number of synthetic tracks")
    ap.add_argument("--cycle", type=float, default=0.5, help="cycle period, seconds")
    ap.add_argument("--token", default=None, help="require this bearer token")
    ap.add_argument("--mode", choices=["live", "replay", "demo"], default="demo")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--queue", type=int, default=16, help="frames queued per WebSocket client before dropping")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    sim = Sim(args.tracks, args.seed, args.cycle)
    hub = Hub()
    server = ThreadingHTTPServer(("127.0.0.1", args.port), make_handler(sim, hub, args))
    server.daemon_threads = True
    stop = threading.Event()
    threading.Thread(target=run_sim, args=(sim, hub, args, stop), daemon=True).start()
    port = server.server_address[1]
    print("listening on http://127.0.0.1:%d/%s" % (port, "?token=" + args.token if args.token else ""), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()


if __name__ == "__main__":
    main()
