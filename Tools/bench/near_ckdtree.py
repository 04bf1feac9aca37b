"""Peer baseline for `overblik near --from-file`: pandas + pyproj + scipy cKDTree, end to end.

Reads the facilities CSV (id, lon, lat, ...) and a queries CSV (id, lon, lat), builds a k-d tree
over earth-centred (ECEF) coordinates, takes the k nearest by chord for every query, measures their
WGS84 geodesic distances with pyproj.Geod and writes query_id,rank,id,distance_m as CSV.
(Chord order is not always geodesic order; this peer does not re-rank, so it does less than overblik.)

usage: near_ckdtree.py FACILITIES.csv QUERIES.csv K OUT.csv
"""
import sys

import numpy as np
import pandas as pd
from pyproj import Geod, Transformer
from scipy.spatial import cKDTree


def main() -> None:
    facilities_path, queries_path, k, out_path = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    facilities = pd.read_csv(facilities_path, usecols=["id", "lon", "lat"], dtype={"id": str})
    queries = pd.read_csv(queries_path, usecols=["id", "lon", "lat"], dtype={"id": str})
    to_ecef = Transformer.from_crs("EPSG:4979", "EPSG:4978", always_xy=True)
    fx, fy, fz = to_ecef.transform(facilities.lon.values, facilities.lat.values, np.zeros(len(facilities)))
    tree = cKDTree(np.column_stack([fx, fy, fz]))
    qx, qy, qz = to_ecef.transform(queries.lon.values, queries.lat.values, np.zeros(len(queries)))
    _, found = tree.query(np.column_stack([qx, qy, qz]), k=k)
    found = found.reshape(len(queries), k)
    geod = Geod(ellps="WGS84")
    qlon = np.repeat(queries.lon.values, k)
    qlat = np.repeat(queries.lat.values, k)
    flat = found.ravel()
    _, _, dist = geod.inv(qlon, qlat, facilities.lon.values[flat], facilities.lat.values[flat])
    out = pd.DataFrame({
        "query_id": np.repeat(queries.id.values, k),
        "rank": np.tile(np.arange(1, k + 1), len(queries)),
        "id": facilities.id.values[flat],
        "distance_m": np.round(dist, 3),
    })
    out.to_csv(out_path, index=False)


if __name__ == "__main__":
    main()
