#!/usr/bin/env python3
"""Validate the sample in Data/ and print its counts. Standard library only.

Checks: required columns; ids unique; kinds, owners and accessibility values from the DESIGN.md
vocabulary; rooms reference existing facilities; opening_hours use only the supported syntax;
coordinates plausible (and inside the municipality when ../shared/data is present: skipped with a
message otherwise); districts are RFC 7946 polygons (closed rings, exterior counter-clockwise, holes
clockwise, no crs member) that do not overlap; population weights add up to the settlements;
applications are well-formed. Prints the counts and the villages with no village hall within 5 km
(what the rural gap analysis should find).

Exit status 0 when everything passes, 1 when any check fails.
Usage: python3 Tools/data/check_sample.py
"""
import collections
import datetime
import json
import os
import re
import sys

from common import BOUNDARY, DATA, Region, haversine_m, load_boundary, read_csv
from ohcheck import OHError, check as check_hours

KINDS = {"school", "sports_hall", "village_hall", "clubhouse", "activity_centre", "volunteer_house",
         "library", "youth_club", "association_house", "culture_house", "other"}
OWNERS = {"municipal", "education", "regional", "state", "private"}
WHEELCHAIR = {"", "yes", "limited", "no", "designated"}
TRI = {"", "yes", "no"}
BOOL = {"true", "false"}
EQUIPMENT = {"kitchen", "projector", "sports_floor", "stage", "piano", "wifi"}
GOD_ADGANG = {"wheelchair", "walking", "arm_hand", "vision", "hearing", "intellectual", "allergy"}
ACTIVITIES = {"disability", "children", "adult-education", "adults"}
SLOT = re.compile(r"^(Mo|Tu|We|Th|Fr|Sa|Su) ([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$")
DIST = re.compile(r"^\d+(\.\d+)?(m|km)$")
FACILITY_COLUMNS = ["id", "name", "kind", "lon", "lat", "address", "owner", "capacity", "opening_hours",
                    "wheelchair", "toilets_wheelchair", "step_free", "hearing_loop", "parking_accessible",
                    "god_adgang", "checked", "contact_name", "phone", "email", "booking_url",
                    "disability_suited"]
# Rough box around Aalborg Kommune, used when the boundary file is absent.
BOX = (9.38, 56.80, 10.42, 57.25)

errors = []


def fail(where, message):
    errors.append("%s: %s" % (where, message))


def columns(name, rows, required):
    path = os.path.join(DATA, name)
    with open(path, encoding="utf-8") as f:
        header = f.readline().strip().split(",")
    missing = [c for c in required if c not in header]
    if missing:
        fail(name, "missing columns %s" % ", ".join(missing))


def unique(name, rows, key="id"):
    counts = collections.Counter(r[key] for r in rows)
    for value, n in counts.items():
        if n > 1:
            fail(name, "%s %r occurs %d times" % (key, value, n))
        if value == "":
            fail(name, "empty %s" % key)


def point(name, row, line, inside):
    try:
        lon, lat = float(row["lon"]), float(row["lat"])
    except ValueError:
        fail("%s:%d" % (name, line), "lon/lat not numbers")
        return None
    if not (BOX[0] <= lon <= BOX[2] and BOX[1] <= lat <= BOX[3]):
        fail("%s:%d" % (name, line), "%s,%s outside the Aalborg box (swapped lon/lat?)" % (lon, lat))
    elif inside is not None and not inside.contains(lon, lat):
        fail("%s:%d" % (name, line), "%s (%s,%s) lies outside the municipality" % (row["id"], lon, lat))
    return lon, lat


def iso_date(text):
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


def check_settlements(inside):
    rows = read_csv("settlements.csv")
    columns("settlements.csv", rows, ["id", "name", "lon", "lat", "population", "approximate"])
    unique("settlements.csv", rows)
    unique("settlements.csv", rows, "name")
    for i, r in enumerate(rows, start=2):
        point("settlements.csv", r, i, inside)
        if r["approximate"] not in BOOL:
            fail("settlements.csv:%d" % i, "approximate must be true/false")
        pop = float(r["population"])
        if pop <= 0:
            fail("settlements.csv:%d" % i, "population must be positive")
        if r["approximate"] == "true" and pop >= 1000:
            fail("settlements.csv:%d" % i, "approximate villages are under 1 000 inhabitants")
    return rows


def check_facilities(inside):
    rows = read_csv("facilities.csv")
    columns("facilities.csv", rows, FACILITY_COLUMNS)
    unique("facilities.csv", rows)
    for i, r in enumerate(rows, start=2):
        where = "facilities.csv:%d" % i
        point("facilities.csv", r, i, inside)
        if r["kind"] not in KINDS:
            fail(where, "unknown kind %r" % r["kind"])
        if r["owner"] not in OWNERS:
            fail(where, "unknown owner %r" % r["owner"])
        if r["wheelchair"] not in WHEELCHAIR:
            fail(where, "wheelchair %r" % r["wheelchair"])
        for c in ("toilets_wheelchair", "step_free", "hearing_loop", "parking_accessible"):
            if r[c] not in TRI:
                fail(where, "%s %r" % (c, r[c]))
        if r["disability_suited"] not in BOOL:
            fail(where, "disability_suited %r" % r["disability_suited"])
        if r["capacity"] and not (r["capacity"].isdigit() and int(r["capacity"]) > 0):
            fail(where, "capacity %r" % r["capacity"])
        labels = [g for g in r["god_adgang"].split("|") if g]
        for g in labels:
            if g not in GOD_ADGANG:
                fail(where, "god_adgang label %r" % g)
        if r["checked"]:
            d = iso_date(r["checked"])
            if d is None or not datetime.date(2015, 1, 1) <= d <= datetime.date(2026, 12, 31):
                fail(where, "checked %r not an ISO date in 2015-2026" % r["checked"])
        if r["email"] and not r["email"].endswith("@example.dk"):
            fail(where, "sample e-mails must be fictional (@example.dk)")
        if r["phone"] and not re.fullmatch(r"9931\d{4}", r["phone"]):
            fail(where, "sample phones must be fictional (9931xxxx)")
        if r["booking_url"] and ".example.dk" not in r["booking_url"] and "//example.dk" not in r["booking_url"]:
            fail(where, "sample booking URLs must be on example.dk")
        hours(where, r["opening_hours"], required=True)
    return rows


def hours(where, text, required):
    if not text:
        if required:
            fail(where, "opening_hours missing")
        return
    try:
        check_hours(text)
    except OHError as e:
        fail(where, "opening_hours %r: %s" % (text, e))


def check_rooms(facilities):
    rows = read_csv("rooms.csv")
    columns("rooms.csv", rows, ["facility_id", "id", "name", "capacity", "opening_hours", "equipment",
                                "wheelchair", "step_free", "hearing_loop", "disability_suited"])
    unique("rooms.csv", rows)
    ids = {f["id"] for f in facilities}
    for i, r in enumerate(rows, start=2):
        where = "rooms.csv:%d" % i
        if r["facility_id"] not in ids:
            fail(where, "facility %r does not exist" % r["facility_id"])
        if not (r["capacity"].isdigit() and int(r["capacity"]) > 0):
            fail(where, "capacity %r" % r["capacity"])
        for tag in filter(None, r["equipment"].split("|")):
            if tag not in EQUIPMENT:
                fail(where, "equipment tag %r" % tag)
        if r["wheelchair"] not in WHEELCHAIR or r["step_free"] not in TRI or r["hearing_loop"] not in TRI:
            fail(where, "accessibility values")
        if r["disability_suited"] not in BOOL:
            fail(where, "disability_suited %r" % r["disability_suited"])
        hours(where, r["opening_hours"], required=True)
    return rows


def ring_area(ring):
    return sum(ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1] for i in range(len(ring) - 1)) / 2


def check_districts():
    path = os.path.join(DATA, "districts.geojson")
    with open(path, encoding="utf-8") as f:
        fc = json.load(f)
    if fc.get("type") != "FeatureCollection" or "crs" in fc:
        fail("districts.geojson", "must be a FeatureCollection without a crs member")
    codes = collections.Counter()
    regions = []
    for n, ft in enumerate(fc["features"]):
        where = "districts.geojson feature %d" % n
        p = ft.get("properties", {})
        codes[p.get("code")] += 1
        if not isinstance(p.get("name"), str) or not isinstance(p.get("rural"), bool):
            fail(where, "needs string name and boolean rural")
        g = ft["geometry"]
        polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
        for poly in polys:
            for k, ring in enumerate(poly):
                if len(ring) < 4 or ring[0] != ring[-1]:
                    fail(where, "ring %d not closed or too short" % k)
                    continue
                a = ring_area(ring)
                if (k == 0 and a <= 0) or (k > 0 and a >= 0):
                    fail(where, "ring %d has the wrong winding (RFC 7946: exterior CCW)" % k)
                for x, y in ring:
                    if not (BOX[0] - 0.2 <= x <= BOX[2] + 0.2 and BOX[1] - 0.2 <= y <= BOX[3] + 0.2):
                        fail(where, "coordinate %s,%s out of range" % (x, y))
                        break
        regions.append((p.get("code"), Region(g)))
    for code, n in codes.items():
        if n > 1 or not code:
            fail("districts.geojson", "code %r occurs %d times" % (code, n))
    return fc, regions


def district_of(regions, lon, lat):
    hits = [code for code, reg in regions if reg.contains(lon, lat)]
    return hits


def main():
    inside = load_boundary(required=False)
    if inside is None:
        print("note: %s absent; point-in-municipality checks skipped (box check only)" % BOUNDARY)
    settlements = check_settlements(inside)
    facilities = check_facilities(inside)
    rooms = check_rooms(facilities)
    fc, regions = check_districts()

    # Every settlement and facility lies in exactly one district (districts do not overlap).
    for name, rows in (("settlements.csv", settlements), ("facilities.csv", facilities)):
        for r in rows:
            hits = district_of(regions, float(r["lon"]), float(r["lat"]))
            if len(hits) != 1:
                fail(name, "%s lies in %d districts %s" % (r["id"], len(hits), hits))

    pop = read_csv("population.csv")
    columns("population.csv", pop, ["id", "lon", "lat", "weight"])
    unique("population.csv", pop)
    outside_district = 0
    for i, r in enumerate(pop, start=2):
        point("population.csv", r, i, inside)
        if float(r["weight"]) <= 0:
            fail("population.csv:%d" % i, "weight must be positive")
        if i % 10 == 0 and not district_of(regions, float(r["lon"]), float(r["lat"])):
            outside_district += 1
    if outside_district:
        fail("population.csv", "%d sampled points lie in no district" % outside_district)
    total_w = sum(float(r["weight"]) for r in pop)
    total_s = sum(float(s["population"]) for s in settlements)
    if abs(total_w - total_s) > 1:
        fail("population.csv", "weights sum to %.2f, settlements to %.0f" % (total_w, total_s))

    apps = read_csv("applications.csv")
    columns("applications.csv", apps, ["id", "association", "activity", "participants", "slots"])
    unique("applications.csv", apps)
    names = {s["name"] for s in settlements}
    for i, a in enumerate(apps, start=2):
        where = "applications.csv:%d" % i
        if a["activity"] not in ACTIVITIES:
            fail(where, "activity %r" % a["activity"])
        if not (a["participants"].isdigit() and int(a["participants"]) > 0):
            fail(where, "participants %r" % a["participants"])
        for s in a["slots"].split("|"):
            if not SLOT.match(s):
                fail(where, "slot %r (want e.g. 'Tu 19:00-21:00')" % s)
        for k in filter(None, a.get("kinds", "").split("|")):
            if k not in KINDS:
                fail(where, "kind %r" % k)
        for e in filter(None, a.get("equipment", "").split("|")):
            if e not in EQUIPMENT:
                fail(where, "equipment %r" % e)
        if a.get("settlement") and a["settlement"] not in names:
            fail(where, "unknown settlement %r" % a["settlement"])
        if a.get("max_distance") and not DIST.match(a["max_distance"]):
            fail(where, "max_distance %r" % a["max_distance"])
        if a.get("submitted") and iso_date(a["submitted"]) is None:
            fail(where, "submitted %r" % a["submitted"])

    report(settlements, facilities, rooms, fc, pop, apps)
    if errors:
        print("\n%d problem(s):" % len(errors))
        for e in errors[:200]:
            print("  " + e)
        return 1
    print("\nall checks passed")
    return 0


def report(settlements, facilities, rooms, fc, pop, apps):
    villages = [s for s in settlements if s["approximate"] == "true"]
    with_rooms = {r["facility_id"] for r in rooms}
    kinds = collections.Counter(f["kind"] for f in facilities)
    owners = collections.Counter(f["owner"] for f in facilities)
    wheel = collections.Counter(f["wheelchair"] or "unknown" for f in facilities)
    old = sum(1 for f in facilities if f["checked"] and f["checked"] < "2021-11-01")
    print("settlements: %d (%d towns from GeoNames, %d villages with approximate population)"
          % (len(settlements), len(settlements) - len(villages), len(villages)))
    print("facilities:  %d; with rooms %d (%.0f %%); capacity but no rooms %d; disability_suited %d"
          % (len(facilities), len(with_rooms), 100.0 * len(with_rooms) / len(facilities),
             sum(1 for f in facilities if f["capacity"] and f["id"] not in with_rooms),
             sum(1 for f in facilities if f["disability_suited"] == "true")))
    print("  kinds:  " + ", ".join("%s %d" % kv for kv in sorted(kinds.items())))
    print("  owners: " + ", ".join("%s %d" % kv for kv in sorted(owners.items())))
    print("  wheelchair: " + ", ".join("%s %d" % kv for kv in sorted(wheel.items())))
    print("  accessibility checked more than 5 years ago: %d; never checked: %d"
          % (old, sum(1 for f in facilities if not f["checked"])))
    print("rooms:       %d (disability_suited %d)" % (len(rooms), sum(r["disability_suited"] == "true" for r in rooms)))
    print("districts:   %d (rural %d)" % (len(fc["features"]), sum(f["properties"]["rural"] for f in fc["features"])))
    print("population:  %d points, weight %.0f" % (len(pop), sum(float(r["weight"]) for r in pop)))
    print("applications: %d (%s)" % (len(apps), ", ".join(
        "%s %d" % kv for kv in sorted(collections.Counter(a["activity"] for a in apps).items()))))
    halls = [(float(f["lon"]), float(f["lat"])) for f in facilities if f["kind"] == "village_hall"]
    gap = []
    for s in settlements:
        if float(s["population"]) >= 3000:
            continue
        d = min(haversine_m(float(s["lon"]), float(s["lat"]), x, y) for x, y in halls)
        if d > 5000:
            gap.append("%s (%.1f km)" % (s["name"], d / 1000))
    print("rural settlements without a village hall within 5 km: %d: %s" % (len(gap), ", ".join(gap)))


if __name__ == "__main__":
    sys.exit(main())
