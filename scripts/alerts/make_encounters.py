#!/usr/bin/env python3
"""Write a simulator scenario (docs/simulation.md) with the issue-16 encounters, each in its own 100 km box, for
the full-chain check: simulate -> track (plots in) -> alerts-replay (alerts out) -> encounters.py.

usage: make_encounters.py > encounters.json
"""
import json
import math

REF = (48.85, 2.40)
M_PER_DEG = 111195.0


def geo(cx, cy, x, y):
    """(lat, lon) of local metres (x east, y north) around centre (cx, cy) km east/north of REF."""
    lat0 = REF[0] + (cy * 1000 + y) / M_PER_DEG
    lon0 = REF[1] + (cx * 1000 + x) / (M_PER_DEG * math.cos(math.radians(REF[0])))
    return lat0, lon0


def aircraft(name, icao, centre, start, alt_ft, speed, waypoints, start_s=0):
    lat, lon = geo(*centre, *start)
    wps = []
    for (x, y, a) in waypoints:
        wlat, wlon = geo(*centre, x, y)
        wps.append({"lat": round(wlat, 6), "lon": round(wlon, 6), "alt_m": round(a * 0.3048, 1), "speed_mps": speed})
    dx, dy = waypoints[0][0] - start[0], waypoints[0][1] - start[1]
    return {"category": "airliner", "start_s": start_s,
            "position": {"lat": round(lat, 6), "lon": round(lon, 6), "alt_m": round(alt_ft * 0.3048, 1)},
            "speed_mps": speed, "heading_deg": round(math.degrees(math.atan2(dx, dy)) % 360, 2),
            "transponder": "mode_s", "mode_a": "%04o" % (0o1000 + int(icao, 16) % 0o777), "icao24": icao,
            "callsign": name, "continue_after_last": True, "waypoints": wps}


traffic = []
# 1 head-on at FL150, meeting at t = 200 s.
traffic += [aircraft("HEAD1", "a00001", (-150, -150), (-40000, 0), 15000, 200, [(40000, 0, 15000)]),
            aircraft("HEAD2", "a00002", (-150, -150), (40000, 0), 15000, 200, [(-40000, 0, 15000)])]
# 2 crossing at 90 deg at FL120, both at the centre at t = 200 s.
traffic += [aircraft("CROS1", "a00003", (0, -150), (0, -36000), 12000, 180, [(0, 36000, 12000)]),
            aircraft("CROS2", "a00004", (0, -150), (-36000, 0), 12000, 180, [(36000, 0, 12000)])]
# 3 overtaking at FL110: 250 m/s catches 150 m/s from 30 km behind at t = 300 s.
traffic += [aircraft("OVER1", "a00005", (150, -150), (0, 0), 11000, 150, [(80000, 0, 11000)]),
            aircraft("OVER2", "a00006", (150, -150), (-30000, 0), 11000, 250, [(80000, 0, 11000)])]
# 4 converging while one turns: B flies north, turns right at the fly-by waypoint onto east, into A's path.
traffic += [aircraft("TURN1", "a00007", (-150, 0), (13365, -21150), 12000, 150, [(13365, 40000, 12000)]),
            aircraft("TURN2", "a00008", (-150, 0), (0, -9000), 12000, 150, [(0, 0, 12000), (60000, 0, 12000)])]
# 5 climbing into a level aircraft: B climbs from 7,000 ft to A's 10,000 ft (the simulator's rate-limited climb).
traffic += [aircraft("CLMB1", "a00009", (0, 0), (-30000, 0), 10000, 150, [(40000, 0, 10000)]),
            aircraft("CLMB2", "a0000a", (0, 0), (30000, 0), 7000, 150, [(10000, 0, 10000), (-40000, 0, 10000)])]
# Safe: parallel 1,000 ft and 1 NM apart.
traffic += [aircraft("PARA1", "a0000b", (150, 0), (-40000, 0), 15000, 200, [(60000, 0, 15000)]),
            aircraft("PARA2", "a0000c", (150, 0), (-40000, 1852), 16000, 200, [(60000, 1852, 16000)])]
# Safe: head-on 2,000 ft apart.
traffic += [aircraft("VERT1", "a0000d", (-150, 150), (-40000, 0), 15000, 200, [(40000, 0, 15000)]),
            aircraft("VERT2", "a0000e", (-150, 150), (40000, 0), 17000, 200, [(-40000, 0, 17000)])]
# Safe: diverging from 3.5 NM.
traffic += [aircraft("DIVG1", "a0000f", (0, 150), (0, 0), 15000, 200, [(-60000, 0, 15000)]),
            aircraft("DIVG2", "a00010", (0, 150), (6482, 0), 15000, 200, [(60000, 30000, 15000)])]

scenario = {
    "name": "stca-encounters", "epoch_unix_s": 1768478400, "duration_s": 600, "seed": 16,
    "reference": {"lat": REF[0], "lon": REF[1]},
    "radars": [
        {"radar_id": 1, "name": "Mode S west", "lat": 48.85, "lon": 0.9, "alt_m": 150, "kind": "mode_s",
         "rotation_period_s": 8, "sigma_range_m": 40, "sigma_azimuth_deg": 0.06, "max_range_m": 370400},
        {"radar_id": 2, "name": "Mode S east", "lat": 48.85, "lon": 3.9, "alt_m": 150, "kind": "mode_s",
         "rotation_period_s": 8, "sigma_range_m": 40, "sigma_azimuth_deg": 0.06, "max_range_m": 370400},
    ],
    "adsb_receivers": [],
    "traffic": {"aircraft": traffic},
}
print(json.dumps(scenario, indent=1))
