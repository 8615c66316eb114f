#!/usr/bin/env python3
"""Checks a service's readsb-compatible /data/aircraft.json and /data/receiver.json field by field against readsb's
documented JSON format (readsb README-json.md, "JSON output formats"; the enums as readsb's net_io.c writes them).

    scripts/check-readsb-json.py http://127.0.0.1:8080/ [--token T] [--no-cross-check]

What is checked, per file:
  receiver.json  version (string), refresh (integer ms > 0), history (integer >= 0), lat/lon (optional, together,
                 in range); no other key.
  aircraft.json  now (number, UNIX seconds, not ms), messages (integer >= 0), aircraft (array); per aircraft every
                 key is one readsb documents and has its documented type, unit and range: hex (6 lower-case hex
                 digits, '~' prefix for non-ICAO addresses, unique), type (readsb's address-type enum, consistent with
                 the '~'), flight (8 characters A-Z 0-9 space), alt_baro (integer feet or "ground"), gs/ias/tas (knots
                 >= 0), track/headings (0 <= deg < 360), baro_rate/geom_rate (integer ft/min), squawk (4 octal digits),
                 emergency (readsb's enum; a 7500/7600/7700 squawk is not "none"), category (A0-D7), lat/lon (together,
                 in range), nic/nac/sil/... (their integer ranges), seen/seen_pos (s >= 0, seen <= seen_pos, a position
                 at most 60 s old), rssi (dBFS <= 0), mlat/tisb (lists of field names), alert/spi (0 or 1) ...
  units          (skywatch only, unless --no-cross-check) the same aircraft in /api/tracks, whose keys carry their
                 units (ground_speed_kt, altitude_ft, vertical_rate_fpm, track_deg), at the same picture time: gs,
                 alt_baro, baro_rate, track, lat, lon and squawk must agree to their rounding.
Exit status 0 when everything conforms, 1 otherwise (each violation is printed), 2 when the files cannot be fetched.
"""
import argparse
import json
import math
import re
import sys
import urllib.request

HEX = re.compile(r"^~?[0-9a-f]{6}$")
SQUAWK = re.compile(r"^[0-7]{4}$")
FLIGHT = re.compile(r"^[A-Z0-9 ]{8}$")
CATEGORY = re.compile(r"^[A-D][0-7]$")
# README-json.md "type", and the order readsb prefers them in.
TYPES_ICAO = {"adsb_icao", "adsb_icao_nt", "adsr_icao", "tisb_icao"}
TYPES_NON_ICAO = {"adsb_other", "adsr_other", "tisb_other", "tisb_trackfile"}
TYPES_EITHER = {"adsc", "mlat", "other", "mode_s"}
TYPES = TYPES_ICAO | TYPES_NON_ICAO | TYPES_EITHER
EMERGENCIES = {"none", "general", "lifeguard", "minfuel", "nordo", "unlawful", "downed", "reserved"}
SQUAWK_EMERGENCY = {"7500": "unlawful", "7600": "nordo", "7700": "general"}
SIL_TYPES = {"unknown", "perhour", "persample"}
NAV_MODES = {"autopilot", "vnav", "althold", "approach", "lnav", "tcas"}


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def is_num(v):
    return (isinstance(v, (int, float)) and not isinstance(v, bool)) and math.isfinite(v)


class Checker:
    def __init__(self):
        self.errors = []

    def error(self, where, message):
        self.errors.append("%s: %s" % (where, message))

    # Field checkers: each returns nothing and records violations.
    def number(self, where, key, v, lo=None, hi=None, integer=False, hi_open=False, unit=""):
        if integer and not is_int(v):
            return self.error(where, "%s must be an integer%s, not %r" % (key, unit, v))
        if not is_num(v):
            return self.error(where, "%s must be a finite number%s, not %r" % (key, unit, v))
        if lo is not None and v < lo:
            self.error(where, "%s = %r below %r%s" % (key, v, lo, unit))
        if hi is not None and (v >= hi if hi_open else v > hi):
            self.error(where, "%s = %r %s %r%s" % (key, v, ">=" if hi_open else "above", hi, unit))

    def string(self, where, key, v, pattern=None, allowed=None):
        if not isinstance(v, str):
            return self.error(where, "%s must be a string, not %r" % (key, v))
        if pattern is not None and not pattern.match(v):
            self.error(where, "%s = %r does not match %s" % (key, v, pattern.pattern))
        if allowed is not None and v not in allowed:
            self.error(where, "%s = %r is not one of readsb's %s" % (key, v, sorted(allowed)))


def aircraft_fields(c):
    """key -> check(where, value) for every key README-json.md documents in an aircraft object."""
    n = c.number
    return {
        "hex": lambda w, v: c.string(w, "hex", v, HEX),
        "type": lambda w, v: c.string(w, "type", v, allowed=TYPES),
        "flight": lambda w, v: c.string(w, "flight", v, FLIGHT),
        "alt_baro": lambda w, v: None if v == "ground" else n(w, "alt_baro", v, -1500, 130000, integer=True, unit=" ft"),
        "alt_geom": lambda w, v: n(w, "alt_geom", v, -1500, 130000, integer=True, unit=" ft"),
        "gs": lambda w, v: n(w, "gs", v, 0, 4000, unit=" kt"),
        "ias": lambda w, v: n(w, "ias", v, 0, 1500, unit=" kt"),
        "tas": lambda w, v: n(w, "tas", v, 0, 2500, unit=" kt"),
        "mach": lambda w, v: n(w, "mach", v, 0, 6),
        "track": lambda w, v: n(w, "track", v, 0, 360, hi_open=True, unit=" deg"),
        "track_rate": lambda w, v: n(w, "track_rate", v, -180, 180, unit=" deg/s"),
        "roll": lambda w, v: n(w, "roll", v, -180, 180, unit=" deg"),
        "mag_heading": lambda w, v: n(w, "mag_heading", v, 0, 360, hi_open=True, unit=" deg"),
        "true_heading": lambda w, v: n(w, "true_heading", v, 0, 360, hi_open=True, unit=" deg"),
        "baro_rate": lambda w, v: n(w, "baro_rate", v, -40000, 40000, integer=True, unit=" ft/min"),
        "geom_rate": lambda w, v: n(w, "geom_rate", v, -40000, 40000, integer=True, unit=" ft/min"),
        "squawk": lambda w, v: c.string(w, "squawk", v, SQUAWK),
        "emergency": lambda w, v: c.string(w, "emergency", v, allowed=EMERGENCIES),
        "category": lambda w, v: c.string(w, "category", v, CATEGORY),
        "nav_qnh": lambda w, v: n(w, "nav_qnh", v, 800, 1100, unit=" hPa"),
        "nav_altitude_mcp": lambda w, v: n(w, "nav_altitude_mcp", v, -2000, 70000, integer=True, unit=" ft"),
        "nav_altitude_fms": lambda w, v: n(w, "nav_altitude_fms", v, -2000, 70000, integer=True, unit=" ft"),
        "nav_heading": lambda w, v: n(w, "nav_heading", v, 0, 360, hi_open=True, unit=" deg"),
        "nav_modes": lambda w, v: (c.error(w, "nav_modes must be a list of %s, not %r" % (sorted(NAV_MODES), v))
                                   if not isinstance(v, list) or any(m not in NAV_MODES for m in v) else None),
        "lat": lambda w, v: n(w, "lat", v, -90, 90, unit=" deg"),
        "lon": lambda w, v: n(w, "lon", v, -180, 180, unit=" deg"),
        "nic": lambda w, v: n(w, "nic", v, 0, 11, integer=True),
        "rc": lambda w, v: n(w, "rc", v, 0, None, integer=True, unit=" m"),
        "seen_pos": lambda w, v: n(w, "seen_pos", v, 0, None, unit=" s"),
        "version": lambda w, v: n(w, "version", v, 0, 7, integer=True),
        "nic_baro": lambda w, v: n(w, "nic_baro", v, 0, 1, integer=True),
        "nac_p": lambda w, v: n(w, "nac_p", v, 0, 11, integer=True),
        "nac_v": lambda w, v: n(w, "nac_v", v, 0, 4, integer=True),
        "sil": lambda w, v: n(w, "sil", v, 0, 3, integer=True),
        "sil_type": lambda w, v: c.string(w, "sil_type", v, allowed=SIL_TYPES),
        "gva": lambda w, v: n(w, "gva", v, 0, 3, integer=True),
        "sda": lambda w, v: n(w, "sda", v, 0, 3, integer=True),
        "mlat": lambda w, v: field_list(c, w, "mlat", v),
        "tisb": lambda w, v: field_list(c, w, "tisb", v),
        "messages": lambda w, v: n(w, "messages", v, 0, None, integer=True),
        "seen": lambda w, v: n(w, "seen", v, 0, None, unit=" s"),
        "rssi": lambda w, v: n(w, "rssi", v, -100, 0, unit=" dBFS"),
        "alert": lambda w, v: n(w, "alert", v, 0, 1, integer=True),
        "spi": lambda w, v: n(w, "spi", v, 0, 1, integer=True),
        "wd": lambda w, v: n(w, "wd", v, 0, 360, unit=" deg"),
        "ws": lambda w, v: n(w, "ws", v, 0, 500, unit=" kt"),
        "oat": lambda w, v: n(w, "oat", v, -100, 60, unit=" degC"),
        "tat": lambda w, v: n(w, "tat", v, -100, 100, unit=" degC"),
        "r": lambda w, v: c.string(w, "r", v),
        "t": lambda w, v: c.string(w, "t", v),
        "desc": lambda w, v: c.string(w, "desc", v),
        "dbFlags": lambda w, v: n(w, "dbFlags", v, 0, None, integer=True),
        "lastPosition": lambda w, v: last_position(c, w, v),
        "rr_lat": lambda w, v: n(w, "rr_lat", v, -90, 90, unit=" deg"),
        "rr_lon": lambda w, v: n(w, "rr_lon", v, -180, 180, unit=" deg"),
    }


def field_list(c, where, key, v):
    if not isinstance(v, list) or any(not isinstance(x, str) or not x for x in v):
        c.error(where, "%s must be a list of field names, not %r" % (key, v))


def last_position(c, where, v):
    if not isinstance(v, dict) or set(v) - {"lat", "lon", "nic", "rc", "seen_pos"} or not {"lat", "lon"} <= set(v):
        return c.error(where, "lastPosition must be {lat, lon, seen_pos...}, not %r" % (v,))
    c.number(where, "lastPosition.lat", v["lat"], -90, 90)
    c.number(where, "lastPosition.lon", v["lon"], -180, 180)


def check_receiver(c, doc):
    w = "receiver.json"
    if not isinstance(doc, dict):
        return c.error(w, "not a JSON object")
    for key in sorted(set(doc) - {"version", "refresh", "history", "lat", "lon"}):
        c.error(w, "undocumented key %r" % key)
    for key in ("version", "refresh", "history"):
        if key not in doc:
            c.error(w, "missing %r" % key)
    if "version" in doc:
        c.string(w, "version", doc["version"])
    if "refresh" in doc:
        c.number(w, "refresh", doc["refresh"], 1, 600000, integer=True, unit=" ms")
    if "history" in doc:
        c.number(w, "history", doc["history"], 0, None, integer=True)
    if ("lat" in doc) != ("lon" in doc):
        c.error(w, "lat and lon must come together")
    if "lat" in doc:
        c.number(w, "lat", doc["lat"], -90, 90, unit=" deg")
    if "lon" in doc:
        c.number(w, "lon", doc["lon"], -180, 180, unit=" deg")


def check_aircraft(c, doc):
    w = "aircraft.json"
    if not isinstance(doc, dict):
        return c.error(w, "not a JSON object")
    for key in sorted(set(doc) - {"now", "messages", "aircraft"}):
        c.error(w, "undocumented key %r" % key)
    for key in ("now", "messages", "aircraft"):
        if key not in doc:
            c.error(w, "missing %r" % key)
    if "now" in doc:
        # Seconds since the epoch: 2001..2286; milliseconds would be 1e12.
        c.number(w, "now", doc["now"], 1e9, 1e10, unit=" s since 1970")
    if "messages" in doc:
        c.number(w, "messages", doc["messages"], 0, None, integer=True)
    planes = doc.get("aircraft")
    if not isinstance(planes, list):
        c.error(w, "aircraft must be an array")
        return
    fields = aircraft_fields(c)
    seen_hex = set()
    for i, a in enumerate(planes):
        where = "aircraft[%d]" % i
        if not isinstance(a, dict):
            c.error(where, "not an object")
            continue
        if isinstance(a.get("hex"), str):
            where += " %s" % a["hex"]
        if "hex" not in a:
            c.error(where, "missing hex")
        elif a["hex"] in seen_hex:
            c.error(where, "hex %s appears twice" % a["hex"])
        seen_hex.add(a.get("hex"))
        for key, value in a.items():
            check = fields.get(key)
            if check is None:
                c.error(where, "undocumented key %r" % key)
            else:
                check(where, value)
        # Cross-field rules of the documentation.
        hx, typ = a.get("hex"), a.get("type")
        if isinstance(hx, str) and typ in TYPES_ICAO and hx.startswith("~"):
            c.error(where, "type %s is an ICAO-address type but hex has the non-ICAO '~'" % typ)
        if isinstance(hx, str) and typ in TYPES_NON_ICAO and not hx.startswith("~"):
            c.error(where, "type %s is a non-ICAO type but hex lacks the '~'" % typ)
        if ("lat" in a) != ("lon" in a):
            c.error(where, "lat and lon must come together")
        if typ == "mode_s" and "lat" in a:
            c.error(where, "type mode_s means 'no position transmitted' but the aircraft has lat/lon")
        if "lat" in a and "seen_pos" not in a:
            c.error(where, "a position without seen_pos")
        if is_num(a.get("seen_pos")) and "lat" in a and a["seen_pos"] > 60:
            c.error(where, "a position %.1f s old (readsb drops positions older than 60 s)" % a["seen_pos"])
        if is_num(a.get("seen")) and is_num(a.get("seen_pos")) and a["seen"] > a["seen_pos"] + 0.05:
            c.error(where, "seen %.1f s > seen_pos %.1f s (a position comes in a message)" % (a["seen"], a["seen_pos"]))
        sq, em = a.get("squawk"), a.get("emergency")
        if sq in SQUAWK_EMERGENCY and em == "none":
            c.error(where, "squawk %s with emergency 'none' (emergency is a superset of the 7x00 squawks)" % sq)
    return planes


def cross_check(c, planes, now, tracks_doc):
    """The same aircraft in /api/tracks (keys with units) at the same picture time: the readsb fields must be the
    same quantities in readsb's units."""
    if not isinstance(tracks_doc, dict) or tracks_doc.get("time") is None:
        return c.error("cross-check", "/api/tracks is not the documented object")
    same_time = True   # the caller compares only documents of the same picture
    by_hex = {}
    for t in tracks_doc.get("tracks", []):
        key = t["address"] if t.get("address") else "~%06x" % (t["number"] & 0xFFFFFF)
        by_hex[key] = t
    compared = 0
    for a in planes:
        t = by_hex.get(a.get("hex"))
        if t is None:
            if same_time:
                c.error("cross-check %s" % a.get("hex"), "no track with this address or number in /api/tracks")
            continue
        if not same_time:
            continue
        compared += 1
        w = "units %s" % a["hex"]
        tol = lambda key, x, y, d: (c.error(w, "%s %r but /api/tracks says %r (tolerance %g)" % (key, x, y, d))
                                    if abs(x - y) > d else None)
        if "gs" in a:
            tol("gs [kt] vs ground_speed_kt", a["gs"], t["ground_speed_kt"], 0.11)
        if "track" in a:
            diff = (a["track"] - t["track_deg"] + 180) % 360 - 180
            tol("track [deg] vs track_deg", diff, 0, 0.11)
        if isinstance(a.get("alt_baro"), int):
            tol("alt_baro [ft] vs altitude_ft", a["alt_baro"], t["altitude_ft"] if t["altitude_ft"] is not None else -1e9, 1)
        elif t.get("altitude_ft") is not None:
            c.error(w, "no alt_baro but /api/tracks has altitude_ft %r" % t["altitude_ft"])
        if "baro_rate" in a:
            tol("baro_rate [ft/min] vs vertical_rate_fpm", a["baro_rate"], t["vertical_rate_fpm"], 1)
        if "lat" in a:
            tol("lat", a["lat"], t["lat"], 2e-6)
            tol("lon", a["lon"], t["lon"], 2e-6)
        if a.get("squawk") != t.get("mode_a"):
            c.error(w, "squawk %r but /api/tracks mode_a %r" % (a.get("squawk"), t.get("mode_a")))
        if "flight" in a and a["flight"].rstrip() != (t.get("callsign") or ""):
            c.error(w, "flight %r but /api/tracks callsign %r" % (a["flight"], t.get("callsign")))
        em = a.get("emergency")
        if em is not None and (em != "none") != bool(t.get("emergency")):
            c.error(w, "emergency %r but /api/tracks emergency %r" % (em, t.get("emergency")))
    if same_time and len(by_hex) != len(planes):
        c.error("cross-check", "%d aircraft but %d tracks at the same time" % (len(planes), len(by_hex)))
    return compared


def fetch(base, path, token):
    req = urllib.request.Request(base.rstrip("/") + path)
    if token:
        req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req, timeout=10) as r:
        ctype = r.headers.get("Content-Type", "")
        return ctype, json.loads(r.read().decode("utf-8"))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("url", help="base URL of the service, e.g. http://127.0.0.1:8080/")
    ap.add_argument("--token", help="bearer token")
    ap.add_argument("--no-cross-check", action="store_true", help="do not compare with /api/tracks (not skywatch)")
    ap.add_argument("--max-errors", type=int, default=40, help="violations to print (default 40)")
    args = ap.parse_args()
    c = Checker()
    try:
        ctype, receiver = fetch(args.url, "/data/receiver.json", args.token)
        if not ctype.startswith("application/json"):
            c.error("receiver.json", "Content-Type %r, not application/json" % ctype)
        check_receiver(c, receiver)
        compared = None
        for attempt in range(8):
            ctype, aircraft = fetch(args.url, "/data/aircraft.json", args.token)
            tracks = None if args.no_cross_check else fetch(args.url, "/api/tracks", args.token)[1]
            if tracks is None or not isinstance(aircraft, dict) or abs(tracks.get("time", 0) - aircraft.get("now", 0)) < 0.051:
                break
    except Exception as e:  # noqa: BLE001 - any failure to fetch is reported the same way
        print("check-readsb-json: cannot fetch from %s: %s" % (args.url, e), file=sys.stderr)
        return 2
    if not ctype.startswith("application/json"):
        c.error("aircraft.json", "Content-Type %r, not application/json" % ctype)
    planes = check_aircraft(c, aircraft) or []
    if tracks is not None and isinstance(aircraft, dict) and is_num(aircraft.get("now")):
        if isinstance(tracks, dict) and is_num(tracks.get("time")) and abs(tracks["time"] - aircraft["now"]) < 0.051:
            compared = cross_check(c, planes, aircraft["now"], tracks)
        else:
            c.error("cross-check", "/api/tracks never had the picture time of aircraft.json in 8 attempts")
    types = {}
    for a in planes:
        if isinstance(a, dict):
            types[a.get("type")] = types.get(a.get("type"), 0) + 1
    print("receiver.json: %s" % json.dumps(receiver, sort_keys=True))
    print("aircraft.json: %d aircraft, types %s, %d keys checked" % (
        len(planes), json.dumps(types, sort_keys=True), sum(len(a) for a in planes if isinstance(a, dict))))
    if compared is not None:
        print("units cross-checked against /api/tracks at the same picture time: %d aircraft" % compared)
    elif not args.no_cross_check:
        print("units NOT cross-checked: /api/tracks never had the same picture time as aircraft.json")
    for e in c.errors[:args.max_errors]:
        print("  " + e)
    if len(c.errors) > args.max_errors:
        print("  ... and %d more" % (len(c.errors) - args.max_errors))
    print("readsb JSON: %s (%d violations)" % ("OK" if not c.errors else "FAILED", len(c.errors)))
    return 1 if c.errors else 0


if __name__ == "__main__":
    sys.exit(main())
