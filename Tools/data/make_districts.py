#!/usr/bin/env python3
"""Derive catchment districts for the sample: Data/districts.geojson.

Official parish polygons (DAGI) are not redistributed with the project, so the sample ships
districts derived only from its own settlements (Data/settlements.csv):

  1. project the settlements to local metres (equirectangular around 57 N, 9.95 E);
  2. Voronoi cells of all settlements (shapely / GEOS);
  3. clip the cells to the convex hull of the settlements buffered by BUFFER_M;
  4. back to lon/lat, rounded to 5 decimals (about 1 m), made valid, exterior rings
     counter-clockwise and holes clockwise (RFC 7946 section 3.1.6), no crs member.

No boundary file is read, so no DAGI geometry can end up in the output. Properties: code (D01.. in
settlements.csv order), name ("<settlement> opland"), settlement (its id), population (of the
settlement, for reference) and rural (settlement population < 3 000).

Usage: pip install shapely; python3 Tools/data/make_districts.py
"""
import json
import os

import numpy as np
import shapely
from shapely import voronoi_polygons
from shapely.geometry import MultiPoint, MultiPolygon, Point, mapping
from shapely.geometry.polygon import orient
from shapely.validation import make_valid

from common import DATA, read_csv, to_lonlat, to_xy

BUFFER_M = 4_000.0
PRECISION = 5
RURAL_THRESHOLD = 3_000


def rounded(geom):
    return shapely.transform(geom, lambda a: np.round(a, PRECISION))


def to_geographic(geom):
    return shapely.transform(geom, lambda a: np.column_stack(to_lonlat(a[:, 0], a[:, 1])))


def polygonal(geom):
    """Keep only the polygonal part (make_valid may add stray lines), as a list of polygons."""
    if geom.geom_type == "Polygon":
        return [geom]
    if geom.geom_type == "MultiPolygon":
        return list(geom.geoms)
    if geom.geom_type == "GeometryCollection":
        out = []
        for g in geom.geoms:
            out.extend(polygonal(g))
        return out
    return []


def main():
    settlements = read_csv("settlements.csv")
    pts = [Point(*to_xy(float(s["lon"]), float(s["lat"]))) for s in settlements]
    hull = MultiPoint(pts).convex_hull.buffer(BUFFER_M, quad_segs=16)
    cells = voronoi_polygons(MultiPoint(pts), extend_to=hull)
    features = []
    for i, (s, p) in enumerate(zip(settlements, pts), start=1):
        cell = next(c for c in cells.geoms if c.contains(p))
        clipped = rounded(to_geographic(cell.intersection(hull)))
        parts = [orient(g, sign=1.0) for g in polygonal(make_valid(clipped)) if g.area > 0]
        if not parts:
            raise SystemExit("empty district for %s" % s["name"])
        geom = parts[0] if len(parts) == 1 else MultiPolygon(parts)
        gj = mapping(geom)
        features.append({
            "type": "Feature",
            "id": "D%02d" % i,
            "properties": {
                "code": "D%02d" % i,
                "name": "%s opland" % s["name"],
                "settlement": s["id"],
                "population": int(s["population"]),
                "rural": int(s["population"]) < RURAL_THRESHOLD,
            },
            "geometry": {"type": gj["type"], "coordinates": _lists(gj["coordinates"])},
        })
    fc = {"type": "FeatureCollection", "features": features}
    path = os.path.join(DATA, "districts.geojson")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(fc, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
    print("districts: %d written to %s" % (len(features), path))


def _lists(coords):
    if isinstance(coords, (tuple, list)) and coords and isinstance(coords[0], (int, float)):
        return [round(coords[0], PRECISION), round(coords[1], PRECISION)]
    return [_lists(c) for c in coords]


if __name__ == "__main__":
    main()
