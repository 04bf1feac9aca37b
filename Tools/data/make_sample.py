#!/usr/bin/env python3
"""Generate the illustrative Aalborg sample: Data/settlements.csv, facilities.csv, rooms.csv,
applications.csv.

Inputs (reference data beside the repository, never copied into it):
  aalborg/towns-geonames.geojson   16 towns, GeoNames CC BY 4.0 (names, points, populations)
  aalborg/libraries.geojson        11 public libraries (names, addresses, points)
  aalborg/municipality-0851.geojson  boundary, used only to keep generated points inside
Everything else (villages, facilities, rooms, contacts, accessibility) is written by this project in
places.py and below; the random choices are seeded, so a re-run gives byte-identical files.

Usage: python3 Tools/data/make_sample.py   (then make_districts.py, make_population.py, check_sample.py)
"""
import math
import random
import re

from common import (LIBRARIES, TOWNS, load_boundary, load_geojson, to_lonlat, to_xy, write_csv)
from places import ANCHOR_POST, TOWN_FACILITIES, TOWN_POST, VILLAGES
from rooms import make_rooms
from applications import HEADER as APPLICATION_HEADER, application_rows

SEED = 851_2026

FACILITY_HEADER = ["id", "name", "kind", "lon", "lat", "address", "owner", "capacity", "opening_hours",
                   "wheelchair", "toilets_wheelchair", "step_free", "hearing_loop", "parking_accessible",
                   "god_adgang", "checked", "contact_name", "phone", "email", "booking_url",
                   "disability_suited"]
SETTLEMENT_HEADER = ["id", "name", "lon", "lat", "population", "approximate"]

# opening_hours: the hours when the premises are free for associations. Only features DESIGN.md
# supports: weekday ranges/lists, several spans, spans past midnight, PH, SH, month and month-day
# ranges, dates with years, week numbers with steps, comments, `off`, `||`.
HOURS = {
    "school": ["Mo-Th 17:00-22:00; Sa,Su 09:00-17:00; PH off; SH off",
               "Mo-Fr 16:30-22:00; Sa 09:00-16:00; PH off; SH off",
               "Mo-Th 17:00-22:00; PH off; SH off; Jul off"],
    "sports_hall": ["Mo-Fr 16:00-23:00; Sa,Su 08:00-20:00; PH off",
                    "Mo-Su 07:00-23:00; Dec 24-26 off",
                    "Mo-Fr 15:00-22:30; Sa,Su 09:00-18:00; PH off; Jul 01-Jul 31 off"],
    "village_hall": ["Mo-Su 09:00-23:00; Dec 24-26 off",
                     "Mo-Th 09:00-22:00; Fr,Sa 09:00-02:00; Su 10:00-20:00; Dec 24-26 off",
                     "Mo-Fr 10:00-22:00; Fr 18:00-02:00; Sa 10:00-02:00",
                     "Mo-Th 18:00-22:00; week 02-52/2 Sa 10:00-23:00; PH off"],
    "library": ["Mo-Fr 08:00-21:00; Sa,Su 10:00-16:00; PH off",
                "Mo-Th 10:00-19:00; Fr 10:00-17:00; Sa 10:00-14:00; PH off"],
    "clubhouse": ["Mo-Fr 17:00-22:00; Sa,Su 09:00-18:00",
                  "Apr-Sep Mo-Su 08:00-22:00; Oct-Mar Mo-Fr 17:00-22:00",
                  "Tu,Th 18:00-22:00; Sa 10:00-16:00 \"efter aftale med bestyrelsen\""],
    "activity_centre": ["Mo-Fr 16:00-21:00; Sa,Su 10:00-16:00; PH off",
                        "Mo-Fr 09:00-12:00,16:00-21:00; PH off"],
    "volunteer_house": ["Mo-Fr 09:00-22:00; Sa 10:00-16:00; PH off", "24/7"],
    "youth_club": ["Mo-Th 08:00-14:00; Fr 18:00-02:00; Sa 10:00-18:00; PH off",
                   "Mo-Fr 08:00-14:00; Sa,Su 10:00-22:00; PH off; SH off"],
    "association_house": ["Mo-Su 08:00-23:00; PH off",
                          "Mo-Fr 08:00-22:00; PH off || Sa,Su 09:00-17:00"],
    "culture_house": ["Mo-Fr 09:00-16:00,18:00-22:00; Sa 10:00-16:00; PH off",
                      "Mo-Su 10:00-23:00; 2026 Jun 01-2026 Aug 15 off; PH off"],
    "other": ["Mo-Fr 17:00-21:00; PH off", "Mo-Th 16:00-22:00; Sa 09:00-15:00; PH off"],
}

CAPACITY = {  # persons, (low, high)
    "school": (150, 400), "sports_hall": (150, 500), "village_hall": (60, 180), "library": (40, 150),
    "clubhouse": (20, 60), "activity_centre": (40, 120), "volunteer_house": (30, 80),
    "youth_club": (30, 80), "association_house": (40, 150), "culture_house": (80, 300),
    "other": (30, 200),
}

STREETS = {
    "school": ["Skolevej", "Skolegade", "Skoleparken"], "sports_hall": ["Idrætsvej", "Stadionvej", "Hallvej"],
    "village_hall": ["Bygaden", "Forsamlingshusvej", "Kirkevej", "Hovedgaden"],
    "clubhouse": ["Havnevej", "Stadionvej", "Engvej"], "activity_centre": ["Centervej", "Lindevej", "Parkvej"],
    "volunteer_house": ["Torvet", "Algade", "Nørregade"], "youth_club": ["Klubvej", "Søndergade"],
    "association_house": ["Foreningsvej", "Vestergade"], "culture_house": ["Kulturvej", "Østergade"],
    "other": ["Kirkestræde", "Møllevej", "Stationsvej"],
}

FIRST = ["Anne", "Mette", "Hanne", "Lone", "Susanne", "Kirsten", "Maria", "Louise", "Camilla", "Pia",
         "Jens", "Peter", "Lars", "Søren", "Henrik", "Niels", "Mikkel", "Rasmus", "Thomas", "Ole",
         "Birgit", "Jørgen", "Bent", "Inger", "Kasper", "Sofie", "Emil", "Freja", "Aksel", "Ida"]
LAST = ["Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen",
        "Rasmussen", "Jørgensen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Poulsen", "Østergaard",
        "Bak", "Kjær", "Mølgaard", "Vestergaard", "Højgaard", "Brøndum", "Søndergaard", "Lund"]

# God Adgang target groups, as held in the god_adgang column (`|`-separated).
GOD_ADGANG = ["wheelchair", "walking", "arm_hand", "vision", "hearing", "intellectual", "allergy"]


def slug(text):
    t = text.lower()
    for a, b in (("æ", "ae"), ("ø", "oe"), ("å", "aa"), ("é", "e"), ("ü", "u")):
        t = t.replace(a, b)
    return re.sub(r"[^a-z0-9]+", "-", t).strip("-")


def fmt(x):
    return "%.6f" % x


def jitter(rng, boundary, lon, lat, r_min, r_max):
    """A point r_min..r_max metres from (lon, lat), inside the municipality."""
    x0, y0 = to_xy(lon, lat)
    for _ in range(500):
        r = rng.uniform(r_min, r_max)
        a = rng.uniform(0, 2 * math.pi)
        plon, plat = to_lonlat(x0 + r * math.cos(a), y0 + r * math.sin(a))
        if boundary.contains(plon, plat):
            return plon, plat
    raise SystemExit("no point inside the municipality near %.5f,%.5f" % (lon, lat))


def pick_weighted(rng, table):
    """table: list of (value, weight)."""
    total = sum(w for _, w in table)
    x = rng.uniform(0, total)
    for value, w in table:
        x -= w
        if x <= 0:
            return value
    return table[-1][0]


def accessibility(rng, kind, owner, name):
    """A realistic mix: public and newer buildings more often accessible; ~1/4 not surveyed."""
    if "Handicap" in name:
        return dict(wheelchair="designated", toilets_wheelchair="yes", step_free="yes", hearing_loop="yes",
                    parking_accessible="yes", god_adgang="wheelchair|walking|arm_hand|hearing|vision",
                    checked="2025-09-15")
    surveyed = rng.random() < (0.82 if owner != "private" else 0.6)
    if not surveyed:
        return dict(wheelchair="", toilets_wheelchair="", step_free="", hearing_loop="",
                    parking_accessible="", god_adgang="", checked="")
    good = 0.6 if owner in ("municipal", "education", "regional", "state") else 0.35
    if kind in ("village_hall", "clubhouse"):
        good -= 0.15
    wheelchair = pick_weighted(rng, [("yes", good), ("limited", 0.25), ("no", 0.12), ("", 0.08)])
    if wheelchair == "yes" and rng.random() < 0.06:
        wheelchair = "designated"
    step = {"yes": "yes", "designated": "yes", "limited": rng.choice(["no", "yes", ""]),
            "no": "no", "": rng.choice(["", "no"])}[wheelchair]
    toilets = {"yes": rng.choice(["yes", "yes", "no"]), "designated": "yes",
               "limited": rng.choice(["no", "", "yes"]), "no": "no", "": ""}[wheelchair]
    loop_p = 0.5 if kind in ("library", "culture_house", "school", "other") else 0.15
    hearing = "yes" if rng.random() < loop_p else rng.choice(["no", "no", ""])
    parking = rng.choice(["yes", "yes", "no", ""]) if wheelchair else rng.choice(["", "no"])
    labels = ""
    if wheelchair in ("yes", "designated") and rng.random() < 0.3:
        groups = ["wheelchair", "walking"] + rng.sample(GOD_ADGANG[2:], rng.randint(0, 3))
        labels = "|".join(g for g in GOD_ADGANG if g in groups)
    year = pick_weighted(rng, [(y, 1 + (y - 2015) * 0.6) for y in range(2015, 2027)])
    month = rng.randint(1, 10 if year == 2026 else 12)
    checked = "%04d-%02d-%02d" % (year, month, rng.randint(1, 28))
    return dict(wheelchair=wheelchair, toilets_wheelchair=toilets, step_free=step, hearing_loop=hearing,
                parking_accessible=parking, god_adgang=labels, checked=checked)


def contact(rng, fid, kind, owner):
    """Fictional contact: names from common Danish names, 9931xxxx phones, example.dk addresses."""
    first, last = rng.choice(FIRST), rng.choice(LAST)
    if rng.random() < 0.12:
        return dict(contact_name="", phone="", email="", booking_url="")
    name = "%s %s" % (first, last)
    phone = "9931%04d" % rng.randint(0, 9999)
    if owner == "private":
        email = "%s.%s@example.dk" % (slug(first), slug(last))
        booking = "https://%s.example.dk/udlejning" % fid if rng.random() < 0.4 else ""
    else:
        email = "booking.%s@example.dk" % fid
        booking = "https://booking.example.dk/lokale/%s" % fid
    return dict(contact_name=name, phone=phone, email=email, booking_url=booking)


def settlements():
    towns = []
    for f in load_geojson(TOWNS)["features"]:
        p = f["properties"]
        lon, lat = f["geometry"]["coordinates"][:2]
        towns.append(dict(id="gn-%d" % p["geonameid"], name=p["name"], lon=lon, lat=lat,
                          population=p["population"], approximate="false"))
    towns.sort(key=lambda t: -t["population"])
    villages = [dict(id="v-" + slug(name), name=name, lon=lon, lat=lat, population=pop, approximate="true")
                for name, lon, lat, pop, _post, _specs in sorted(VILLAGES, key=lambda v: v[0])]
    return towns, villages


def main():
    rng = random.Random(SEED)
    boundary = load_boundary()
    towns, villages = settlements()
    town_names = {t["name"] for t in towns}
    for v in villages:
        if v["name"] in town_names:
            raise SystemExit("village %s duplicates a town" % v["name"])
        if not boundary.contains(v["lon"], v["lat"]):
            raise SystemExit("village %s lies outside the municipality" % v["name"])
    write_csv("settlements.csv", SETTLEMENT_HEADER,
              [dict(s, lon=fmt(s["lon"]), lat=fmt(s["lat"])) for s in towns + villages])

    facilities = []
    for lib in load_geojson(LIBRARIES)["features"]:
        p = lib["properties"]
        lon, lat = lib["geometry"]["coordinates"][:2]
        facilities.append(dict(name=p["name"], kind="library", owner="municipal", lon=lon, lat=lat,
                               address=p["address"]))
    for t in towns:
        for kind, name, owner, anchor in TOWN_FACILITIES.get(t["name"], []):
            alon, alat = anchor if anchor else (t["lon"], t["lat"])
            post = ANCHOR_POST.get(anchor, TOWN_POST[t["name"]])
            lon, lat = jitter(rng, boundary, alon, alat, 100, 600 if anchor else 900)
            facilities.append(dict(name=name, kind=kind, owner=owner, lon=lon, lat=lat, post=post))
    for vname, vlon, vlat, _pop, post, specs in VILLAGES:
        for kind, name, owner, anchor in specs:
            lon, lat = jitter(rng, boundary, vlon, vlat, 80, 450)
            facilities.append(dict(name=name, kind=kind, owner=owner, lon=lon, lat=lat, post=post))

    seen = set()
    for f in facilities:
        fid = slug(f["name"])
        if f["kind"] == "library" and not fid.startswith("bib") and "bibliotek" not in fid:
            fid = "bib-" + fid
        if fid in seen:
            raise SystemExit("duplicate facility id %s" % fid)
        seen.add(fid)
        f["id"] = fid
        if "address" not in f:
            f["address"] = "%s %d, %s" % (rng.choice(STREETS[f["kind"]]), rng.randint(1, 60), f["post"])
        f["opening_hours"] = rng.choice(HOURS[f["kind"]])
        f.update(accessibility(rng, f["kind"], f["owner"], f["name"]))
        f.update(contact(rng, fid, f["kind"], f["owner"]))
        f["disability_suited"] = "true" if ("Handicap" in f["name"] or
                                            (f["kind"] == "activity_centre" and rng.random() < 0.2)) else "false"

    rooms = make_rooms(rng, facilities)
    with_rooms = {r["facility_id"] for r in rooms}
    # Capacity: facilities with rooms get the building's capacity about half the time; of those
    # without rooms, a few (~5 % of all rows) carry a capacity so the implicit room has one.
    without = [f for f in facilities if f["id"] not in with_rooms]
    implicit_with_capacity = {f["id"] for f in rng.sample(without, max(1, round(0.05 * len(facilities))))}
    for f in facilities:
        lo, hi = CAPACITY[f["kind"]]
        if f["id"] in implicit_with_capacity or (f["id"] in with_rooms and rng.random() < 0.5):
            f["capacity"] = str(int(round(rng.randint(lo, hi), -1)))
        else:
            f["capacity"] = ""
        f["lon"], f["lat"] = fmt(f["lon"]), fmt(f["lat"])
    write_csv("facilities.csv", FACILITY_HEADER, facilities)
    write_csv("rooms.csv", ["facility_id", "id", "name", "capacity", "opening_hours", "equipment",
                            "wheelchair", "step_free", "hearing_loop", "disability_suited"], rooms)
    applications = application_rows()
    names = {s["name"] for s in towns + villages}
    for a in applications:
        if a["settlement"] not in names:
            raise SystemExit("application %s names an unknown settlement %s" % (a["id"], a["settlement"]))
    write_csv("applications.csv", APPLICATION_HEADER, applications)
    print("applications: %d" % len(applications))
    print("settlements: %d towns + %d villages; facilities: %d (%d with rooms); rooms: %d"
          % (len(towns), len(villages), len(facilities), len(with_rooms), len(rooms)))


if __name__ == "__main__":
    main()
