#!/usr/bin/env python3
"""Synthetic population points for the sample: Data/population.csv (id,lon,lat,weight).

SYNTHETIC: not addresses, not a census grid. Around each settlement of Data/settlements.csv the
script scatters points from a 2-D Gaussian (sigma grows with the square root of the population, so
Aalborg spreads over its urban area and a village stays compact) and gives them weights that sum to
the settlement's population. Points outside the municipality boundary or outside every district of
Data/districts.geojson are redrawn, so every point has a district. Seeded: a re-run gives the same
file.

Usage: python3 Tools/data/make_population.py   (after make_sample.py and make_districts.py)
"""
import json
import math
import os
import random

from common import DATA, Region, load_boundary, read_csv, to_lonlat, to_xy, write_csv

SEED = 20_260_851
TARGET_POINTS = 3_000
MIN_POINTS = 8


def sigma_m(population):
    return 250.0 + 12.0 * math.sqrt(population)


def main():
    rng = random.Random(SEED)
    boundary = load_boundary()
    with open(os.path.join(DATA, "districts.geojson"), encoding="utf-8") as f:
        districts = [Region(ft["geometry"]) for ft in json.load(f)["features"]]
    settlements = read_csv("settlements.csv")
    roots = [math.sqrt(float(s["population"])) for s in settlements]
    scale = TARGET_POINTS / sum(roots)
    rows = []
    for s, root in zip(settlements, roots):
        pop = float(s["population"])
        n = max(MIN_POINTS, round(root * scale))
        x0, y0 = to_xy(float(s["lon"]), float(s["lat"]))
        sd = sigma_m(pop)
        raw = [rng.gammavariate(4.0, 1.0) for _ in range(n)]
        total = sum(raw)
        weights = [round(pop * w / total, 2) for w in raw]
        weights[-1] = round(pop - sum(weights[:-1]), 2)  # exact sum despite rounding
        for w in weights:
            for _ in range(1000):
                lon, lat = to_lonlat(x0 + rng.gauss(0, sd), y0 + rng.gauss(0, sd))
                if boundary.contains(lon, lat) and any(d.contains(lon, lat) for d in districts):
                    break
            else:
                raise SystemExit("could not place a point near %s" % s["name"])
            rows.append(dict(id="p%05d" % (len(rows) + 1), lon="%.6f" % lon, lat="%.6f" % lat,
                             weight="%.2f" % w))
    write_csv("population.csv", ["id", "lon", "lat", "weight"], rows)
    total = sum(float(r["weight"]) for r in rows)
    print("population points: %d, total weight %.2f (settlements %.0f)"
          % (len(rows), total, sum(float(s["population"]) for s in settlements)))


if __name__ == "__main__":
    main()
