"""Write Data/urban-areas.geojson: SYNTHETIC town extents for the sample's towns.

Each of the 16 towns in settlements.csv (the GeoNames places over 1 000 inhabitants) gets one
polygon around its point: an ellipse of 16 x 11 m per square root of the population (Aalborg about
6.0 x 4.2 km, Tylstrup about 570 x 390 m), its radius wobbled by a seeded sine so the outline looks
like a town's, 72 vertices, counter-clockwise. The `population` field is the town's GeoNames
population. These extents are invented: they stand in for Danmarks Statistik's byomraader so that the
demo can show the rule "a point inside the extent of a town of 3 000+ is urban" at work; Aalborg's
extent reaches into the neighbouring catchment districts, as the real town does.

Standard library only; the output is byte-for-byte reproducible.
"""
import csv
import json
import math
import os

from common import DATA

M_PER_DEG_LAT = 111_320.0


def ellipse(lon, lat, a_m, b_m, phase, vertices=72):
    m_per_deg_lon = M_PER_DEG_LAT * math.cos(math.radians(lat))
    ring = []
    for k in range(vertices):
        t = 2 * math.pi * k / vertices
        wobble = 1 + 0.12 * math.sin(3 * t + phase) + 0.05 * math.sin(7 * t + 2 * phase)
        x = a_m * wobble * math.cos(t)
        y = b_m * wobble * math.sin(t)
        ring.append([round(lon + x / m_per_deg_lon, 6), round(lat + y / M_PER_DEG_LAT, 6)])
    ring.append(ring[0])
    return ring


def main():
    features = []
    with open(os.path.join(DATA, "settlements.csv"), encoding="utf-8") as f:
        for i, row in enumerate(csv.DictReader(f)):
            if row["approximate"] != "false":
                continue
            pop = float(row["population"])
            root = math.sqrt(pop)
            ring = ellipse(float(row["lon"]), float(row["lat"]), 16 * root, 11 * root, phase=0.7 * i)
            features.append({
                "type": "Feature",
                "properties": {"id": "ua-" + row["id"], "name": row["name"], "population": int(pop)},
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            })
    doc = {"type": "FeatureCollection", "features": features}
    with open(os.path.join(DATA, "urban-areas.geojson"), "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
    print(f"urban-areas.geojson: {len(features)} synthetic town extents")


if __name__ == "__main__":
    main()
