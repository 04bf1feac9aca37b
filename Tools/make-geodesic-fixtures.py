#!/usr/bin/env python3
"""Generates Tests/Fixtures/GeoTypes/geodesic-geod.csv: reference inverse-geodesic values from
PROJ's `geod` (Karney's algorithm in PROJ >= 4.9; here PROJ 9.1.1 from Debian's proj-bin).

Usage: python3 Tools/make-geodesic-fixtures.py   (needs `geod` on PATH: apt-get install -y proj-bin)

Columns: lat1,lon1,lat2,lon2,azi1,azi2,s12. Angles in degrees, s12 in metres. azi2 is the forward
azimuth at point 2 (geod prints the back azimuth; we add 180). Pairs are seeded-random, in classes:
global, Danish (short), very short, nearly antipodal, near the poles, on/near the equator and meridians.
"""
import os, random, subprocess, sys

SEED = 20261127
rng = random.Random(SEED)

def lat(): return rng.uniform(-90, 90)
def lon(): return rng.uniform(-180, 180)

pairs = []
for _ in range(150):                       # anywhere on Earth
    pairs.append((lat(), lon(), lat(), lon()))
for _ in range(80):                        # Denmark-sized
    a, o = rng.uniform(54.5, 57.8), rng.uniform(8, 15.2)
    pairs.append((a, o, a + rng.uniform(-1, 1), o + rng.uniform(-1.5, 1.5)))
for _ in range(40):                        # very short: metres to a few hundred metres
    a, o = lat(), lon()
    d = 10 ** rng.uniform(-5, -2.5)
    pairs.append((max(-90, min(90, a + rng.uniform(-d, d))), o, max(-90, min(90, a + rng.uniform(-d, d))), o + rng.uniform(-d, d)))
for _ in range(120):                       # nearly antipodal
    a, o = lat(), lon()
    dl = 10 ** rng.uniform(-6, 0.3) * rng.choice([-1, 1])
    do = 10 ** rng.uniform(-6, 0.5) * rng.choice([-1, 1])
    b = max(-90, min(90, -a + dl))
    pairs.append((a, o, b, ((o + 180 + do + 180) % 360) - 180))
for _ in range(40):                        # near and at the poles
    p = rng.choice([-90, 90])
    pairs.append((p - rng.uniform(0, 1) * (p / 90) * rng.choice([0, 1e-6, 0.01, 1]), lon(), lat(), lon()))
for _ in range(40):                        # equator and meridians (incl. exactly on them)
    kind = rng.randrange(4)
    if kind == 0: pairs.append((0.0, lon(), 0.0, lon()))
    elif kind == 1: pairs.append((0.0, lon(), rng.uniform(-1e-3, 1e-3), lon()))
    elif kind == 2:
        o = lon(); pairs.append((lat(), o, lat(), o))
    else:
        o = lon(); pairs.append((lat(), o, lat(), ((o + 360) % 360) - 180))
for _ in range(30):                        # across the antimeridian
    a = rng.uniform(-80, 80)
    pairs.append((a, rng.uniform(175, 180), a + rng.uniform(-3, 3), rng.uniform(-180, -175)))

inp = "".join(f"{a:.12f} {b:.12f} {c:.12f} {d:.12f}\n" for a, b, c, d in pairs)
out = subprocess.run(["geod", "+ellps=WGS84", "-I", "-f", "%.12f", "-F", "%.6f"],
                     input=inp, capture_output=True, text=True, check=True).stdout.splitlines()
assert len(out) == len(pairs), (len(out), len(pairs))
path = os.path.join(os.path.dirname(__file__), "..", "Tests", "Fixtures", "GeoTypes", "geodesic-geod.csv")
with open(path, "w") as f:
    f.write("lat1,lon1,lat2,lon2,azi1,azi2,s12\n")
    for (a, b, c, d), line in zip(pairs, out):
        az1, az21, s = line.split()
        az2 = float(az21) + 180
        if az2 > 180: az2 -= 360
        f.write(f"{a:.12f},{b:.12f},{c:.12f},{d:.12f},{float(az1):.12f},{az2:.12f},{s}\n")
print(f"wrote {len(pairs)} rows to {os.path.normpath(path)} (seed {SEED})", file=sys.stderr)
