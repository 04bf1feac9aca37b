"""Peer baseline for `overblik import`: a Python executemany loop into a SpatiaLite file.

Creates the table with a POINT geometry column and its spatial index (as overblik does), then
inserts every CSV row with MakePoint in one transaction. Layer `facilities` reads
id,name,kind,lon,lat,address,capacity,opening_hours,wheelchair,step_free,phone; layer `population`
reads id,lon,lat,weight.

usage: import_executemany.py facilities|population IN.csv OUT.sqlite
"""
import csv
import sqlite3
import sys

COLUMNS = {
    "facilities": ["id", "name", "kind", "lon", "lat", "address", "capacity", "opening_hours", "wheelchair",
                   "step_free", "phone"],
    "population": ["id", "lon", "lat", "weight"],
}


def main() -> None:
    layer, source, target = sys.argv[1], sys.argv[2], sys.argv[3]
    columns = COLUMNS[layer]
    db = sqlite3.connect(target)
    db.enable_load_extension(True)
    db.load_extension("mod_spatialite")
    db.execute("SELECT InitSpatialMetadata(1)")
    types = {"lon": "REAL NOT NULL", "lat": "REAL NOT NULL", "weight": "REAL NOT NULL", "capacity": "INTEGER"}
    body = ", ".join(f"{c} {types.get(c, 'TEXT')}" + (" PRIMARY KEY NOT NULL" if c == "id" else "") for c in columns)
    db.execute(f"CREATE TABLE {layer} ({body})")
    db.execute(f"SELECT AddGeometryColumn('{layer}', 'geom', 4326, 'POINT', 'XY', 1)")
    db.execute(f"SELECT CreateSpatialIndex('{layer}', 'geom')")
    lon, lat = columns.index("lon"), columns.index("lat")
    marks = ", ".join("?" for _ in columns)
    sql = f"INSERT INTO {layer} ({', '.join(columns)}, geom) VALUES ({marks}, MakePoint(?, ?, 4326))"
    with open(source, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        index = [header.index(c) for c in columns]

        def rows():
            for r in reader:
                values = [r[i] if r[i] != "" else None for i in index]
                values[lon] = float(values[lon])
                values[lat] = float(values[lat])
                yield values + [values[lon], values[lat]]

        with db:
            db.executemany(sql, rows())
    db.close()


if __name__ == "__main__":
    main()
