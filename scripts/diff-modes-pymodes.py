#!/usr/bin/env python3
"""Differential test: Skywatch's stateless Mode S decoding vs pyModeS 3.6.1 on random frames of every kind.

The shared references cover the frame kinds two real recordings happen to contain. This script generates
N random frames per kind (DF0/4/5/11/16/20/21 and DF17/18 with every type code, CRC/parity valid), decodes
them with `skywatch decode modes --format jsonl` and with `pyModeS.decode`, maps pyModeS's keys to the
FORMAT.md schema and compares with ../shared/data/compare_modes.py (positions are not compared: stateless).

Usage: scripts/diff-modes-pymodes.py [SKYWATCH_BINARY] [N_PER_KIND]   (needs pyModeS==3.6.1 importable)
"""
import json, os, random, subprocess, sys, tempfile

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "..", "shared", "data"))
import compare_modes  # noqa: E402
import pyModeS  # noqa: E402
from pyModeS._bits import crc_remainder  # noqa: E402

binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", ".build", "debug", "skywatch")
per_kind = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
rng = random.Random(1090)


def frame(df, rest_bits, long, overlay=None):
    """A frame of `df` with random `rest_bits` after the DF and a parity that leaves `overlay` as remainder."""
    n = 112 if long else 56
    v = (df << (n - 5)) | (rest_bits & ((1 << (n - 5)) - 1))
    v &= ~0xFFFFFF
    if overlay is None:
        overlay = rng.getrandbits(24)
    rem = crc_remainder(v, n)  # parity field is zero, so this is CRC(data)
    return f"{v | (rem ^ overlay):0{n // 4}x}"


frames = []
for _ in range(per_kind):
    for df in (0, 4, 5, 16, 20, 21):
        frames.append(frame(df, rng.getrandbits(107), df >= 16))
    frames.append(frame(11, rng.getrandbits(51), False, overlay=rng.choice([0, rng.getrandbits(7)])))
    for tc in list(range(1, 23)) + [28, 29, 31]:
        df = rng.choice([17, 17, 17, 18])
        ca = rng.getrandbits(3) if df == 17 else rng.choice([0, 1, 6])
        me = (tc << 51) | rng.getrandbits(51)
        if tc == 19:  # subtypes 1-4 mostly
            me = (me & ~(7 << 48)) | (rng.choice([1, 2, 3, 4, 0, 5]) << 48)
        bits = (ca << 104) | (rng.getrandbits(24) << 80) | (me << 24)
        frames.append(frame(df, bits, True, overlay=0))
    # Comm-B with structured MB: BDS 1,0 / 1,7 / 2,0 / 3,0 / 4,0 / 5,0 / 6,0 shapes
    for shape in range(7):
        mb = rng.getrandbits(56)
        if shape == 0: mb = (0x10 << 48) | (mb & ((1 << 48) - 1)) & ~(0x1F << 42)
        if shape == 1: mb = (mb & (0xFFFFFF << 32)) | (1 << 49)
        if shape == 2: mb = (0x20 << 48) | sum(rng.choice([1, 5, 26, 32, 48, 57]) << (42 - 6 * i) for i in range(8))
        if shape == 3: mb = (0x30 << 48) | (mb & ((1 << 48) - 1))
        if shape == 4: mb &= ~(0xFF << 9) & ~(0x3 << 3)
        if shape == 5:  # BDS 5,0-like: status bits set, fields in range
            gs = rng.randrange(300); tas = max(0, gs + rng.randrange(-60, 60))
            mb = ((1 << 55) | (rng.getrandbits(1) << 54) | (rng.randrange(200) << 45) | (1 << 44)
                  | (rng.getrandbits(11) << 33) | (1 << 32) | (gs << 22) | (1 << 21) | (rng.getrandbits(1) << 20)
                  | (rng.randrange(64) << 11) | (1 << 10) | tas)
        if shape == 6:  # BDS 6,0-like
            mb = ((1 << 55) | (rng.getrandbits(11) << 44) | (1 << 43) | (rng.randrange(480) << 33) | (1 << 32)
                  | (rng.randrange(240) << 22) | (1 << 21) | (rng.getrandbits(1) << 20) | (rng.randrange(180) << 11)
                  | (1 << 10) | (rng.getrandbits(1) << 9) | rng.randrange(180))
        bits = (rng.getrandbits(27) << 80) | (mb << 24)
        frames.append(frame(rng.choice([20, 21]), bits, True))

KEYS = {"capability": "ca", "flight_status": "fs", "cross_link_capability": "cc", "sensitivity_level": "sl",
        "reply_information": "ri", "altitude": "altitude_ft", "squawk": "squawk", "typecode": "tc",
        "callsign": "callsign", "category": "category", "surveillance_status": "ss", "nic_b": "nic_b",
        "nuc_p": "nuc_p", "cpr_format": "cpr_format", "cpr_lat": "cpr_lat", "cpr_lon": "cpr_lon",
        "movement": "movement", "groundspeed": "groundspeed_kt", "track": "track_deg", "heading": "heading_deg",
        "airspeed": "airspeed_kt", "airspeed_type": "airspeed_type", "vertical_rate": "vertical_rate_fpm",
        "vr_source": "vr_source", "geo_minus_baro": "geo_minus_baro_ft", "nac_v": "nac_v", "subtype": "subtype",
        "emergency_state": "emergency_state", "selected_altitude": "selected_altitude_ft",
        "selected_altitude_source": "selected_altitude_source", "selected_heading": "selected_heading_deg",
        "baro_pressure_setting": "baro_setting_hpa", "tcas_operational": "tcas_operational",
        "autopilot": "autopilot", "vnav_mode": "vnav_mode", "altitude_hold_mode": "altitude_hold_mode",
        "approach_mode": "approach_mode", "lnav_mode": "lnav_mode", "version": "version", "nac_p": "nac_p",
        "sil": "sil", "sil_supplement": "sil_supplement", "nic_baro": "nic_baro",
        "nic_supplement_a": "nic_supplement_a", "capability_class": "capability_class",
        "operational_mode": "operational_mode", "hrd": "hrd", "selected_altitude_mcp": "selected_altitude_mcp_ft",
        "selected_altitude_fms": "selected_altitude_fms_ft", "roll": "roll_deg", "true_track": "true_track_deg",
        "track_rate": "track_rate_deg_s", "true_airspeed": "true_airspeed_kt",
        "magnetic_heading": "magnetic_heading_deg", "indicated_airspeed": "indicated_airspeed_kt", "mach": "mach",
        "baro_vertical_rate": "baro_vertical_rate_fpm", "inertial_vertical_rate": "inertial_vertical_rate_fpm",
        "supported_bds": "supported_bds"}
BDS10 = ["config", "overlay_command_capability", "acas_operational", "mode_s_subnetwork_version",
         "transponder_level5", "mode_s_specific_services", "uplink_elm_throughput", "downlink_elm_throughput",
         "aircraft_identification_capability", "squitter_capability", "surveillance_identifier_code",
         "common_usage_gicb_capability", "acas_hybrid_surveillance", "acas_resolution_advisory",
         "acas_rtca_version", "dte_status"]

refs = []
for i, h in enumerate(frames):
    d = pyModeS.decode(h)
    n = len(h) * 4
    rem = crc_remainder(int(h, 16), n)
    r = {"i": i, "hex": h, "df": d["df"], "icao24": d["icao"].lower()}
    if d["df"] == 11: r["crc_ok"] = rem < 0x80
    if d["df"] in (17, 18): r["crc_ok"] = rem == 0
    if d["df"] in (0, 16): r["vs"] = 1 if d.get("vertical_status") == "on-ground" else 0
    if d["df"] in (17, 18) and 9 <= d.get("typecode", 0) <= 22 and d.get("typecode") != 19:
        r["altitude_source"] = "gnss" if d["typecode"] >= 20 else "baro"
    for k, v in d.items():
        if k == "bds" and d["df"] in (20, 21):
            r["bds"] = v.replace(",", "")
        elif k in BDS10:
            r[k] = v
        elif k in KEYS and v is not None:
            if k == "capability" and d["df"] != 11: continue
            if k == "supported_bds": v = [x.replace(",", "") for x in v]
            if k == "altitude" and d["df"] in (17, 18) and d.get("typecode") in (20, 21, 22): v = int(v)
            r[KEYS[k]] = v
    refs.append(r)

with tempfile.TemporaryDirectory() as tmp:
    inp = os.path.join(tmp, "in.jsonl")
    with open(inp, "w") as fh:
        for k, h in enumerate(frames):
            fh.write(json.dumps({"timestamp": k * 100.0, "frame": h}) + "\n")
    out = subprocess.run([binary, "decode", "modes", inp, "--format", "jsonl"], check=True, capture_output=True,
                         text=True).stdout
cand = [json.loads(l) for l in out.splitlines() if l.strip()]
import collections
per_key = collections.Counter(k for r in refs for k in r if k not in ("i", "hex"))
print("reference fields by key:", dict(sorted(per_key.items())))
s = compare_modes.compare(cand, refs, ignore={"t"})
print(json.dumps({k: s[k] for k in ("frames_ref", "frames_matched", "fields_compared", "fields_agree", "agreement",
                                     "mismatches_by_field", "missing_by_field")}, indent=1))
for f, ex in s["examples"].items():
    print(f, json.dumps(ex)[:600])
sys.exit(0 if s["agreement"] >= 0.999999 else 1)
