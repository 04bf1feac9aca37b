#!/usr/bin/env python3
"""Generates Tests/Fixtures/GeoTypes/utm32-proj.csv: ETRS89 / UTM 32N reference values from PROJ 9.1.1
(`proj +proj=utm +zone=32 +ellps=GRS80`, Debian's proj-bin) for seeded random points over Denmark
(54.5-57.8 N, 8.0-15.2 E, Bornholm included although it lies outside zone 32).

Usage: python3 Tools/make-utm32-fixtures.py
Columns: lon,lat,easting,northing.
"""
import os, random, subprocess, sys

SEED = 25832
rng = random.Random(SEED)
pts = [(9.9187, 57.048), (9.0, 55.0), (8.0, 54.5), (15.2, 55.1), (12.568, 55.676)]
pts += [(rng.uniform(8.0, 15.2), rng.uniform(54.5, 57.8)) for _ in range(200)]
inp = "".join(f"{lon:.10f} {lat:.10f}\n" for lon, lat in pts)
out = subprocess.run(["proj", "+proj=utm", "+zone=32", "+ellps=GRS80", "-f", "%.6f"],
                     input=inp, capture_output=True, text=True, check=True).stdout.splitlines()
path = os.path.join(os.path.dirname(__file__), "..", "Tests", "Fixtures", "GeoTypes", "utm32-proj.csv")
with open(path, "w") as f:
    f.write("lon,lat,easting,northing\n")
    for (lon, lat), line in zip(pts, out):
        e, n = line.split()
        f.write(f"{lon:.10f},{lat:.10f},{e},{n}\n")
print(f"wrote {len(pts)} rows to {os.path.normpath(path)} (seed {SEED})", file=sys.stderr)
