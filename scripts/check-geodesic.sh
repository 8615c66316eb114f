#!/usr/bin/env bash
# Compares Geodesic.inverse / Geodesic.direct with GeographicLib (Python) on N generated geodesics (default 20,000):
# random global, nearly antipodal, short (< 1.5 km), tracker-range (≤ 1,300 km), and equatorial/meridional/polar
# cases. Usage: scripts/check-geodesic.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -c "import geographiclib" 2>/dev/null || pip install --quiet geographiclib
cases=$(mktemp)
trap 'rm -f "$cases"' EXIT
python3 - "${1:-20000}" "$cases" <<'PY'
import random, sys
from geographiclib.geodesic import Geodesic
n, path = int(sys.argv[1]), sys.argv[2]
g = Geodesic.WGS84
random.seed(2026)
U = random.uniform
with open(path, "w") as out:
    def emit(lat1, lon1, lat2, lon2):
        r = g.Inverse(lat1, lon1, lat2, lon2)
        out.write("%.17g %.17g %.17g %.17g %.17g %.17g %.17g\n" % (lat1, lon1, lat2, lon2, r["s12"], r["azi1"], r["azi2"]))
    for i in range(n):
        kind = i % 5
        lat1, lon1 = U(-90, 90), U(-180, 180)
        if kind == 0:
            emit(lat1, lon1, U(-90, 90), U(-180, 180))
        elif kind == 1:
            emit(lat1, lon1, max(-90.0, min(90.0, -lat1 + U(-1, 1))), lon1 + 180 + U(-1, 1))
        elif kind == 2:
            lat1 = U(-89, 89); emit(lat1, lon1, lat1 + U(-0.01, 0.01), lon1 + U(-0.01, 0.01))
        elif kind == 3:
            lat1 = U(-80, 80); emit(lat1, lon1, lat1 + U(-9, 9), lon1 + U(-12, 12))
        else:
            pick = lambda: random.choice([0.0, 90.0, -90.0, U(-90, 90)])
            emit(pick(), lon1, pick(), random.choice([lon1, lon1 + 180, U(-180, 180)]))
PY
SKYWATCH_GEODESIC_CASES="$cases" swift test --filter GeodesicReferenceSweep 2>&1 | grep -E "GeodesicReferenceSweep:|✘|↳|passed|failed" | head -${SWEEP_LINES:-20}
