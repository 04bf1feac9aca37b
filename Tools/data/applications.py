"""The illustrative allocation round: Data/applications.csv (written by this project, CC0).

All associations are fictional. The table is built so that an allocation has something to decide:
several applications compete for the same evening in the same town, disability activities ask for
step-free rooms, children's activities ask for the early evening, and a few ask for something the
sample cannot offer (a village with no hall in reach, a kitchen within 2 km of a hamlet), so the
refusal reasons are exercised too.
"""

HEADER = ["id", "association", "activity", "participants", "slots", "kinds", "wheelchair", "step_free",
          "equipment", "settlement", "max_distance", "submitted"]

# association, activity, participants, slots, kinds, wheelchair, step_free, equipment, settlement,
# max_distance, submitted
ROWS = [
    ("Handicapidrætsklubben Nordlys", "disability", 14, "Tu 17:00-19:00|Th 17:00-19:00",
     "sports_hall|activity_centre", "yes", "true", "sports_floor", "Aalborg", "5km", "2026-02-03"),
    ("Kørestolsbasket Limfjorden", "disability", 12, "We 18:00-20:00|Mo 18:00-20:00",
     "sports_hall|school", "yes", "true", "sports_floor", "Nørresundby", "8km", "2026-02-10"),
    ("Foreningen Fælles Fodslag, handicapgruppen", "disability", 20, "Sa 10:00-13:00|Su 10:00-13:00",
     "activity_centre|village_hall", "yes", "true", "kitchen", "Aalborg", "10km", "2026-01-28"),
    ("Synshandicappede Seniorer Nordjylland", "disability", 16, "Th 13:00-15:00|Fr 13:00-15:00",
     "library|activity_centre", "limited", "", "", "Svenstrup", "6km", "2026-02-20"),
    ("Nibe Handicapsvømmere og Venner", "disability", 10, "Mo 17:00-18:30", "school|sports_hall", "yes",
     "true", "", "Nibe", "12km", "2026-03-01"),
    ("Gymnastikforeningen Fjordspring", "children", 45, "Tu 17:00-19:00|Th 17:00-19:00",
     "sports_hall|school", "", "", "sports_floor", "Nibe", "8km", "2026-02-14"),
    ("Spejdergruppen Halkær Å", "children", 25, "We 18:00-20:00|Tu 18:00-20:00", "village_hall|school", "",
     "", "kitchen", "Halkær", "6km", "2026-02-05"),
    ("Børneteatret Kompasset", "children", 18, "Mo 16:30-18:30|We 16:30-18:30", "culture_house|school",
     "", "", "stage", "Aalborg", "6km", "2026-01-30"),
    ("Badmintonklubben Fjerbolden Junior", "children", 30, "Tu 17:00-19:00|We 17:00-19:00",
     "sports_hall", "", "", "sports_floor", "Nibe", "10km", "2026-02-18"),
    ("Håndboldklubben Vodskov-Vestbjerg U12", "children", 28, "Mo 17:00-19:00|Th 17:00-19:00",
     "sports_hall", "", "", "sports_floor", "Vodskov", "8km", "2026-02-11"),
    ("Ungdomskoret Stemmebåndet", "children", 24, "Th 16:00-18:00|Tu 16:00-18:00", "school|culture_house",
     "", "", "piano", "Svenstrup", "8km", "2026-02-25"),
    ("Skakklubben Springeren, børnehold", "children", 12, "We 17:00-19:00", "library|school|youth_club",
     "", "", "", "Storvorde", "6km", "2026-03-02"),
    ("FDF Hals", "children", 35, "Tu 18:00-20:00|Mo 18:00-20:00", "village_hall|school|clubhouse", "",
     "", "", "Hals", "5km", "2026-02-01"),
    ("Floorball Nordkysten U15", "children", 22, "Fr 17:00-19:00|Th 19:00-21:00", "sports_hall", "", "",
     "sports_floor", "Gandrup", "10km", "2026-02-27"),
    ("Farstrup Børne- og Ungeklub", "children", 15, "We 17:00-19:00", "village_hall|school", "", "",
     "kitchen", "Farstrup", "3km", "2026-02-19"),
    ("Dansegruppen Hou Havtrolde", "children", 16, "Mo 17:00-18:30", "village_hall|activity_centre", "",
     "", "", "Hou", "4km", "2026-03-04"),
    ("Pigefodbold Gug, indendørs", "children", 20, "Su 10:00-12:00|Sa 10:00-12:00", "sports_hall|school",
     "", "", "sports_floor", "Aalborg", "5km", "2026-02-08"),
    ("Aftenskolen Limfjorden, engelsk", "adult-education", 18, "Tu 19:00-21:30|We 19:00-21:30",
     "school|library", "", "", "projector", "Aalborg", "5km", "2026-01-25"),
    ("Aftenskolen Limfjorden, madlavning", "adult-education", 14, "Th 18:00-21:00",
     "school", "", "", "kitchen", "Aalborg", "6km", "2026-01-25"),
    ("Folkeuniversitetet i landdistriktet, foredrag", "adult-education", 60, "Tu 19:00-21:00",
     "library|culture_house|village_hall", "limited", "", "projector", "Nibe", "15km", "2026-02-06"),
    ("Oplysningsforbundet Nibe-egnen, syning", "adult-education", 12, "Mo 19:00-21:30|We 19:00-21:30",
     "school|association_house", "", "", "", "Sønderholm", "8km", "2026-02-22"),
    ("Aftenskolen Nordlyset, keramik", "adult-education", 10, "We 18:30-21:30", "culture_house|school", "",
     "", "", "Hals", "12km", "2026-02-12"),
    ("Dansk Sprogkursus for Tilflyttere", "adult-education", 20, "Mo 17:30-19:30|Th 17:30-19:30",
     "library|volunteer_house|school", "", "true", "projector", "Aalborg", "4km", "2026-01-31"),
    ("Aftenskolen Vadum, yoga", "adult-education", 16, "Tu 19:00-20:30|Th 19:00-20:30",
     "school|village_hall|sports_hall", "", "", "", "Vadum", "6km", "2026-02-16"),
    ("Slægtsforskerforeningen Nordjylland", "adult-education", 25, "Th 19:00-21:30",
     "library|association_house", "limited", "", "projector", "Aalborg", "8km", "2026-02-28"),
    ("Filmklubben Egense", "adult-education", 30, "Fr 19:00-22:00", "village_hall|culture_house", "", "",
     "projector", "Egense", "10km", "2026-03-03"),
    ("Motionsklubben Ferslev-Ellidshøj", "adults", 24, "Tu 19:00-21:00|We 19:00-21:00",
     "sports_hall|school", "", "", "sports_floor", "Ferslev", "8km", "2026-02-09"),
    ("Badmintonklubben Fjerbolden Senior", "adults", 20, "Tu 19:00-21:00|Th 19:00-21:00", "sports_hall",
     "", "", "sports_floor", "Nibe", "10km", "2026-02-18"),
    ("Volleyballklubben Stormen", "adults", 18, "Tu 19:00-21:00|Mo 20:00-22:00", "sports_hall", "", "",
     "sports_floor", "Nibe", "12km", "2026-02-21"),
    ("Seniordans Sebbersund", "adults", 30, "We 14:00-16:00|Th 14:00-16:00",
     "village_hall|activity_centre", "limited", "", "", "Sebbersund", "8km", "2026-02-04"),
    ("Strikkeklubben Pinden", "adults", 12, "Mo 19:00-21:30", "village_hall|library|activity_centre",
     "", "", "kitchen", "Dokkedal", "5km", "2026-02-23"),
    ("Borgerforeningen Store Ajstrup, generalforsamling", "adults", 40, "Th 19:00-22:00",
     "village_hall", "", "", "kitchen", "Store Ajstrup", "3km", "2026-03-05"),
    ("Bridgeklubben Klør Fem", "adults", 36, "Mo 18:30-22:30|Tu 18:30-22:30",
     "association_house|village_hall|activity_centre", "", "", "", "Aalborg", "6km", "2026-01-29"),
    ("Oldboys Fodbold Gistrup, fitness", "adults", 15, "We 20:00-21:30", "sports_hall|school", "", "",
     "", "Gistrup", "5km", "2026-02-26"),
    ("Herrekoret Fjordtonerne", "adults", 28, "Tu 19:00-21:30|We 19:00-21:30", "school|culture_house",
     "", "", "piano", "Svenstrup", "10km", "2026-02-02"),
    ("Sogneforeningen Volsted, fællesaften", "adults", 50, "Th 19:00-21:30", "village_hall|school", "", "",
     "kitchen", "Volsted", "5km", "2026-02-17"),
    ("Løbeklubben Hammer Bakker, vinterhold", "adults", 25, "Mo 18:00-20:00|We 18:00-20:00",
     "sports_hall|school|clubhouse", "", "", "", "Vodskov", "8km", "2026-02-13"),
    ("Kongerslev Lokalråd", "adults", 20, "Mo 19:00-21:00", "village_hall|school", "", "",
     "projector", "Kongerslev", "5km", "2026-02-24"),
    ("Petanqueklubben Kuglen, indendørs", "adults", 16, "Sa 10:00-13:00", "sports_hall|clubhouse", "",
     "", "", "Hals", "6km", "2026-03-06"),
    ("Amatørteatret Ulsted Scenen", "adults", 22, "We 19:00-22:00|Th 19:00-22:00",
     "village_hall|culture_house|school", "", "", "stage", "Ulsted", "8km", "2026-02-15"),
]


def application_rows():
    rows = []
    for i, r in enumerate(ROWS, start=1):
        rows.append(dict(zip(HEADER, ("a%02d" % i,) + tuple(str(x) for x in r))))
    return rows
