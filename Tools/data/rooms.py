"""Room templates for the illustrative sample (written by this project, CC0).

Each template: (name, capacity range, equipment tags, probability the room is listed).
Empty accessibility cells in rooms.csv mean "as the facility"; a value overrides it.
"""
import re

TEMPLATES = {
    "school": [("Gymnastiksal", (30, 60), "sports_floor", 0.95),
               ("Aula", (100, 250), "stage|piano|projector|wifi", 0.6),
               ("Klasselokale A", (24, 30), "projector|wifi", 0.7),
               ("Klasselokale B", (24, 30), "projector|wifi", 0.4),
               ("Faglokale hjemkundskab", (16, 24), "kitchen", 0.35),
               ("Musiklokale", (20, 30), "piano|wifi", 0.3)],
    "sports_hall": [("Hal A", (80, 200), "sports_floor", 1.0),
                    ("Hal B", (40, 100), "sports_floor", 0.4),
                    ("Mødelokale", (16, 30), "projector|wifi|kitchen", 0.6),
                    ("Motionsrum", (12, 25), "sports_floor", 0.35)],
    "village_hall": [("Store sal", (80, 160), "kitchen|stage", 1.0),
                     ("Lille sal", (20, 40), "kitchen", 0.6)],
    "library": [("Mødelokale", (10, 20), "projector|wifi", 0.9),
                ("Foredragssal", (60, 120), "projector|wifi", 0.5)],
    "activity_centre": [("Fællessal", (40, 80), "kitchen|projector|wifi", 1.0),
                        ("Værksted", (10, 15), "", 0.5),
                        ("Træningssal", (12, 20), "sports_floor", 0.5)],
    "volunteer_house": [("Mødelokale 1", (10, 25), "projector|wifi", 1.0),
                        ("Mødelokale 2", (8, 16), "wifi", 0.6),
                        ("Café", (30, 50), "kitchen|wifi", 0.5)],
    "youth_club": [("Klublokale", (30, 50), "kitchen|wifi", 1.0),
                   ("Musiklokale", (8, 15), "piano", 0.5)],
    "association_house": [("Mødelokale 1", (12, 30), "projector|wifi", 1.0),
                          ("Mødelokale 2", (12, 30), "projector|wifi", 0.8),
                          ("Sal", (60, 100), "kitchen|projector|wifi", 0.7)],
    "culture_house": [("Sal", (100, 300), "stage|piano|projector|wifi", 1.0),
                      ("Øvelokale", (10, 20), "piano", 0.7),
                      ("Værksted", (12, 20), "", 0.5)],
    "clubhouse": [("Klublokale", (20, 50), "kitchen", 1.0)],
    "other": [("Mødesal", (30, 120), "projector|wifi", 1.0),
              ("Auditorium", (100, 300), "projector|wifi", 0.5)],
}

# Share of facilities of each kind that list rooms (about 60 % overall).
ROOMS_SHARE = {"school": 0.85, "sports_hall": 0.7, "village_hall": 0.5, "library": 0.45,
               "activity_centre": 0.6, "volunteer_house": 0.5, "youth_club": 0.4,
               "association_house": 0.8, "culture_house": 0.7, "clubhouse": 0.2, "other": 0.6}

NARROWER_HOURS = {  # a room often has narrower hours than its building
    "Klasselokale A": "Mo-Th 17:00-21:00; PH off; SH off",
    "Klasselokale B": "Mo-Th 17:00-21:00; PH off; SH off",
    "Faglokale hjemkundskab": "Tu,Th 17:00-21:00; PH off; SH off",
    "Musiklokale": "Mo-Th 16:00-21:00; PH off; SH off",
    "Motionsrum": "Mo-Su 06:00-22:00; PH off",
}


def room_slug(text):
    t = text.lower()
    for a, b in (("æ", "ae"), ("ø", "oe"), ("å", "aa"), ("é", "e")):
        t = t.replace(a, b)
    return re.sub(r"[^a-z0-9]+", "-", t).strip("-")


def make_rooms(rng, facilities):
    """Rooms for about 60 % of the facilities (dicts in facilities must have id, kind, name,
    opening_hours, wheelchair, disability_suited). Returns the rooms.csv rows."""
    rows = []
    for f in facilities:
        if rng.random() >= ROOMS_SHARE[f["kind"]]:
            continue
        picked = [t for t in TEMPLATES[f["kind"]] if rng.random() < t[3]]
        if f["disability_suited"] == "true":  # these list every room: they are the stk. 4 showcase
            picked = list(TEMPLATES[f["kind"]])
        if not picked:
            picked = [TEMPLATES[f["kind"]][0]]
        for name, (lo, hi), equipment, _p in picked:
            hours = f["opening_hours"]
            if (name in NARROWER_HOURS and "SH" in hours) or name == "Motionsrum":
                hours = NARROWER_HOURS[name]
            wheelchair = step_free = hearing = ""
            # A few rooms differ from their building: upstairs rooms, a newly fitted hall.
            r = rng.random()
            if r < 0.08 and f["wheelchair"] in ("yes", "limited", "designated"):
                wheelchair, step_free = "no", "no"
            elif r < 0.14 and f["wheelchair"] in ("limited", "no", ""):
                wheelchair, step_free = "yes", "yes"
            if name in ("Aula", "Foredragssal", "Sal", "Auditorium", "Mødesal") and rng.random() < 0.5:
                hearing = "yes"
            if "wifi" not in equipment and rng.random() < 0.3:
                equipment = (equipment + "|wifi").strip("|")
            suited = "false"
            if f["disability_suited"] == "true" and name in ("Fællessal", "Træningssal"):
                suited = "true"
            elif f["kind"] == "school" and name == "Gymnastiksal" and f["wheelchair"] in ("yes", "designated") \
                    and rng.random() < 0.12:
                suited = "true"
            rows.append(dict(facility_id=f["id"], id="%s-%s" % (f["id"], room_slug(name)), name=name,
                             capacity=str(rng.randint(lo, hi)), opening_hours=hours, equipment=equipment,
                             wheelchair=wheelchair, step_free=step_free, hearing_loop=hearing,
                             disability_suited=suited))
    return rows
