#!/usr/bin/env bash
# Peer timings for `skywatch-bench geodesy`: PROJ (via pyproj) for the stereographic system plane and the
# geodetic → ECEF conversion, and GeographicLib (Python) for the geodesic problems, per point, same kind of inputs
# (1,024 targets within 450 km of 48.7°N 2.4°E, 0–12 km high).
# Usage: scripts/bench-geodesy.sh   (installs pyproj, geographiclib and numpy with pip if missing)
set -euo pipefail
python3 -c "import pyproj, geographiclib, numpy" 2>/dev/null || pip install --quiet pyproj geographiclib numpy
python3 - <<'PY'
import time, math, random
import numpy as np
from pyproj import Transformer
from geographiclib.geodesic import Geodesic

g = Geodesic.WGS84
random.seed(1)
pts = []
for _ in range(1024):
    r = g.Direct(48.7, 2.4, random.uniform(0, 360), 5000 + random.uniform(0, 445000))
    pts.append((r['lat2'], r['lon2'], random.uniform(0, 12000)))
lat = np.array([p[0] for p in pts]); lon = np.array([p[1] for p in pts]); h = np.array([p[2] for p in pts])

def per_call(name, f, n):
    best = float('inf')
    for _ in range(5):
        t0 = time.perf_counter(); f(); t1 = time.perf_counter()
        best = min(best, (t1 - t0) / n * 1e9)
    print(f"{name}: min {best:.1f} ns per point")

sterea = Transformer.from_crs("EPSG:4326", "+proj=sterea +lat_0=46.5 +lon_0=2.5 +k=1 +ellps=WGS84", always_xy=True)
ecef = Transformer.from_crs("EPSG:4979", "EPSG:4978", always_xy=True)
per_call("PROJ sterea forward, scalar calls", lambda: [sterea.transform(lo, la) for la, lo, _ in pts], len(pts))
per_call("PROJ sterea forward, numpy array of 1024", lambda: sterea.transform(lon, lat), len(pts))
per_call("PROJ sterea inverse, numpy array of 1024", lambda: sterea.transform(lon, lat, direction="INVERSE"), len(pts))
per_call("PROJ geodetic -> ECEF, numpy array of 1024", lambda: ecef.transform(lon, lat, h), len(pts))
per_call("PROJ ECEF -> geodetic, numpy array of 1024", lambda: ecef.transform(lon, lat, h, direction="INVERSE"), len(pts))
per_call("GeographicLib (Python) Inverse <= 450 km", lambda: [g.Inverse(48.7, 2.4, la, lo, Geodesic.DISTANCE | Geodesic.AZIMUTH) for la, lo, _ in pts], len(pts))
per_call("GeographicLib (Python) Direct 400 km", lambda: [g.Direct(48.7, 2.4, i * 0.35, 400000, Geodesic.LATITUDE | Geodesic.LONGITUDE) for i in range(1024)], 1024)
PY
