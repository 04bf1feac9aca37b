"""Shared helpers for the sample-data scripts in Tools/data.

Only the standard library is used here, so check_sample.py runs without shapely.
Paths are resolved from this file, so the scripts work from any working directory.
"""
import csv
import json
import math
import os

TOOLS_DIR = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(TOOLS_DIR, "..", ".."))
DATA = os.path.join(REPO, "Data")
# Reference data beside the repository (never copied into it); see Data/README.md.


def _find_shared():
    """$OVERBLIK_SHARED_DATA, else the first ../shared/data above the repository (worktrees nest)."""
    env = os.environ.get("OVERBLIK_SHARED_DATA")
    if env:
        return env
    candidates = [os.path.join(REPO, *([".."] * up), "shared", "data") for up in (1, 2)]
    for c in candidates:
        if os.path.isdir(c):
            return os.path.normpath(c)
    return os.path.normpath(candidates[0])


SHARED = _find_shared()
BOUNDARY = os.path.join(SHARED, "aalborg", "municipality-0851.geojson")
TOWNS = os.path.join(SHARED, "aalborg", "towns-geonames.geojson")
LIBRARIES = os.path.join(SHARED, "aalborg", "libraries.geojson")
PARISHES = os.path.join(SHARED, "aalborg", "parishes-2014.geojson")

# Local equirectangular projection around the municipality: good to well under 0.5 %
# over 60 km, which is all the generators need (jitter, buffers, Voronoi).
LAT0 = 57.0
LON0 = 9.95
M_PER_DEG_LAT = 111_200.0
M_PER_DEG_LON = 111_320.0 * math.cos(math.radians(LAT0))


def to_xy(lon, lat):
    """lon/lat degrees -> local metres."""
    return ((lon - LON0) * M_PER_DEG_LON, (lat - LAT0) * M_PER_DEG_LAT)


def to_lonlat(x, y):
    """local metres -> lon/lat degrees."""
    return (LON0 + x / M_PER_DEG_LON, LAT0 + y / M_PER_DEG_LAT)


def haversine_m(lon1, lat1, lon2, lat2):
    """Great-circle distance in metres (R = 6 371 008.8 m); enough for sample checks."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6_371_008.8 * math.asin(math.sqrt(a))


def load_geojson(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def polygons_of(geometry):
    """List of polygons (each a list of rings of (lon, lat)) of a Polygon or MultiPolygon."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["coordinates"])
    raise ValueError("expected Polygon or MultiPolygon, got %s" % geometry["type"])


def _ring_contains(ring, x, y):
    inside = False
    n = len(ring)
    j = n - 1
    for i in range(n):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def polygon_contains(polygon, lon, lat):
    """Even-odd point-in-polygon for one polygon (exterior ring + holes)."""
    if not _ring_contains(polygon[0], lon, lat):
        return False
    return not any(_ring_contains(hole, lon, lat) for hole in polygon[1:])


class Region:
    """A (Multi)Polygon with a bounding-box pre-filter, for point-in-polygon tests."""

    def __init__(self, geometry):
        self.polygons = polygons_of(geometry)
        self.boxes = []
        for poly in self.polygons:
            xs = [p[0] for p in poly[0]]
            ys = [p[1] for p in poly[0]]
            self.boxes.append((min(xs), min(ys), max(xs), max(ys)))

    def contains(self, lon, lat):
        for poly, (x0, y0, x1, y1) in zip(self.polygons, self.boxes):
            if x0 <= lon <= x1 and y0 <= lat <= y1 and polygon_contains(poly, lon, lat):
                return True
        return False


def load_boundary(required=True):
    """The municipality boundary as a Region, or None when the reference file is absent."""
    if not os.path.exists(BOUNDARY):
        if required:
            raise SystemExit("municipality boundary not found at %s "
                             "(set OVERBLIK_SHARED_DATA to the folder holding aalborg/)" % BOUNDARY)
        return None
    fc = load_geojson(BOUNDARY)
    return Region(fc["features"][0]["geometry"])


def read_csv(name):
    with open(os.path.join(DATA, name), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write_csv(name, header, rows):
    path = os.path.join(DATA, name)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow(["" if r.get(h) is None else r[h] for h in header])
    return path
