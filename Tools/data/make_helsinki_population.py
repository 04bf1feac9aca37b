#!/usr/bin/env python3
"""Seeded, synthetic population points over the Helsinki OSM extract (for docs/roads.md's walkthrough).

300 points uniform in the extract's box (lon 24.930..24.958, lat 60.160..60.178), each with 5-45
residents. Synthetic: they show how coverage reads by geodesic and by road, not where people live.

Usage: python3 Tools/data/make_helsinki_population.py > helsinki-population.csv
"""
import random

rng = random.Random(20261207)
print("id,lon,lat,weight")
for i in range(300):
    lon = round(rng.uniform(24.930, 24.958), 6)
    lat = round(rng.uniform(60.160, 60.178), 6)
    print(f"h{i:03d},{lon},{lat},{rng.randint(5, 45)}")
