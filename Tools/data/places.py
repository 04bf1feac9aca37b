"""Hand-written place tables for the Aalborg sample (written by this project, CC0).

VILLAGES: real village names in Aalborg Kommune with the authors' best-knowledge location and an
APPROXIMATE population (rounded estimates, not official figures; Danmarks Statistik BY3 has the
official ones). Each village lists the facilities the sample invents for it (0-2): the buildings,
names and details are illustrative, not a register.

TOWN_FACILITIES: facilities invented for the 16 GeoNames towns; anchors for Aalborg and Nørresundby
are neighbourhood centres so the facilities spread over the city.

Facility spec: (kind, name, owner, anchor) where anchor is None (the settlement itself) or (lon, lat).
"""

# name, lon, lat, approximate population, postcode + post town, [facility specs]
VILLAGES = [
    ("Sebbersund", 9.5680, 56.9650, 420, "9240 Nibe", [
        ("village_hall", "Sebbersund Forsamlingshus", "private", None),
        ("clubhouse", "Sebbersund Bådelaug, klubhus", "private", None)]),
    ("Halkær", 9.6300, 56.9280, 180, "9240 Nibe", [
        ("village_hall", "Halkær Landsbyhus", "municipal", None)]),
    ("Bislev", 9.6000, 56.9400, 250, "9240 Nibe", [
        ("village_hall", "Bislev Forsamlingshus", "private", None)]),
    ("Vokslev", 9.6840, 56.9620, 280, "9240 Nibe", [
        ("village_hall", "Vokslev Forsamlingshus", "private", None)]),
    ("Farstrup", 9.4700, 56.9900, 150, "9240 Nibe", []),
    ("Lundby", 9.4450, 56.9450, 160, "9240 Nibe", []),
    ("Store Ajstrup", 9.5120, 56.9480, 120, "9240 Nibe", []),
    ("Ejdrup", 9.5400, 56.9120, 140, "9240 Nibe", [
        ("other", "Ejdrup Sognehus", "private", None)]),
    ("Sønderholm", 9.7520, 56.9920, 900, "9240 Nibe", [
        ("school", "Sønderholm Skole", "municipal", None),
        ("village_hall", "Sønderholm Forsamlingshus", "private", None)]),
    ("Nørholm", 9.7450, 57.0280, 250, "9240 Nibe", []),
    ("Barmer", 9.7050, 57.0030, 200, "9240 Nibe", [
        ("village_hall", "Barmer Forsamlingshus", "private", None)]),
    ("Godthåb", 9.8000, 56.9630, 650, "9230 Svenstrup J", [
        ("sports_hall", "Godthåbhallen", "municipal", None),
        ("clubhouse", "Godthåb Idrætsforening, klubhus", "private", None)]),
    ("Ellidshøj", 9.8510, 56.9300, 500, "9230 Svenstrup J", [
        ("village_hall", "Ellidshøj Forsamlingshus", "municipal", None),
        ("clubhouse", "Ellidshøj-Ferslev IF, klubhus", "private", None)]),
    ("Ferslev", 9.9220, 56.9380, 700, "9230 Svenstrup J", [
        ("school", "Ferslev Skole", "municipal", None),
        ("village_hall", "Ferslev Forsamlingshus", "private", None)]),
    ("Volsted", 9.9050, 56.9050, 200, "9230 Svenstrup J", []),
    ("Dall Villaby", 9.8950, 56.9700, 380, "9230 Svenstrup J", [
        ("village_hall", "Dall Villaby Forsamlingshus", "municipal", None)]),
    ("Nøvling", 9.9500, 56.9650, 200, "9260 Gistrup", []),
    ("Gunderup", 10.0000, 56.9400, 220, "9260 Gistrup", [
        ("village_hall", "Gunderup Forsamlingshus", "private", None)]),
    ("Gudumholm", 10.0350, 56.9660, 880, "9260 Gistrup", [
        ("sports_hall", "Gudumholmhallen", "municipal", None),
        ("clubhouse", "Gudumholm IF, klubhus", "private", None)]),
    ("Gudum", 10.0950, 56.9500, 200, "9280 Storvorde", [
        ("village_hall", "Gudum Forsamlingshus", "private", None)]),
    ("Komdrup", 10.0800, 56.9050, 150, "9293 Kongerslev", []),
    ("Kongerslev", 10.1180, 56.9050, 950, "9293 Kongerslev", [
        ("school", "Kongerslev Skole", "municipal", None),
        ("village_hall", "Kongerslev Forsamlingshus", "municipal", None)]),
    ("Sønder Kongerslev", 10.1300, 56.8800, 120, "9293 Kongerslev", []),
    ("Fjellerad", 10.1100, 56.9350, 330, "9293 Kongerslev", [
        ("village_hall", "Fjellerad Forsamlingshus", "private", None)]),
    ("Vaarst", 10.0700, 56.9620, 450, "9260 Gistrup", [
        ("village_hall", "Vaarst Forsamlingshus", "private", None),
        ("clubhouse", "Vaarst-Fjellerad IF, klubhus", "private", None)]),
    ("Lillevorde", 10.0450, 56.9850, 100, "9260 Gistrup", []),
    ("Sejlflod", 10.1250, 56.9900, 150, "9280 Storvorde", [
        ("other", "Sejlflod Sognegård", "private", None)]),
    ("Mou", 10.2150, 56.9750, 500, "9280 Storvorde", [
        ("school", "Mou Skole", "municipal", None),
        ("village_hall", "Mou Forsamlingshus", "private", None)]),
    ("Egense", 10.2780, 56.9800, 420, "9280 Storvorde", [
        ("village_hall", "Egense Forsamlingshus", "municipal", None),
        ("clubhouse", "Egense Sejlklub, klubhus", "private", None)]),
    ("Dokkedal", 10.2500, 56.9050, 380, "9280 Storvorde", [
        ("clubhouse", "Dokkedal Bådelaug, klubhus", "private", None)]),
    ("Romdrup", 10.0250, 57.0050, 180, "9270 Klarup", []),
    ("Ulsted", 10.2500, 57.0750, 780, "9370 Hals", [
        ("school", "Ulsted Skole", "municipal", None),
        ("village_hall", "Ulsted Forsamlingshus", "private", None)]),
    ("Hou", 10.3450, 57.0500, 550, "9370 Hals", [
        ("clubhouse", "Hou Havn, klubhus", "private", None),
        ("activity_centre", "Hou Aktivitetshus", "municipal", None)]),
    ("Øster Hassing", 10.2050, 57.0400, 420, "9362 Gandrup", [
        ("village_hall", "Øster Hassing Forsamlingshus", "private", None)]),
    ("Horsens", 10.1100, 57.1180, 250, "9310 Vodskov", [
        ("village_hall", "Horsens Forsamlingshus", "municipal", None)]),
    ("Langholt", 10.0580, 57.1330, 700, "9310 Vodskov", [
        ("school", "Langholt Skole", "municipal", None),
        ("village_hall", "Langholt Forsamlingshus", "private", None)]),
    ("Ajstrup", 9.9200, 57.2100, 150, "9382 Tylstrup", []),
    ("Grindsted", 9.9850, 57.1200, 300, "9310 Vodskov", [
        ("village_hall", "Grindsted Forsamlingshus", "private", None)]),
    ("Stae", 10.2550, 57.0300, 120, "9370 Hals", []),
]

# Neighbourhood anchors (lon, lat) inside Aalborg and Nørresundby.
HASSERIS = (9.8720, 57.0360)
VEJGAARD = (9.9560, 57.0400)
SKALBORG = (9.8850, 57.0100)
AALBORG_OE = (10.0050, 57.0280)
VESTBYEN = (9.8950, 57.0520)
GUG = (9.9600, 57.0150)
CENTRUM = (9.9200, 57.0460)
OSTBYEN = (9.9400, 57.0480)
SOHNGAARDSHOLM = (9.9300, 57.0280)
LINDHOLM = (9.9050, 57.0760)
HVORUP = (9.9300, 57.0820)
NOERRE_UTTRUP = (9.9500, 57.0700)

# Keyed by GeoNames name. Libraries are added from libraries.geojson separately.
TOWN_FACILITIES = {
    "Aalborg": [
        ("school", "Hasseris Skole", "municipal", HASSERIS),
        ("school", "Vejgaard Østre Skole", "municipal", VEJGAARD),
        ("school", "Sønderbroskolen", "municipal", SOHNGAARDSHOLM),
        ("school", "Vestre Skole", "municipal", VESTBYEN),
        ("school", "Skalborg Skole", "municipal", SKALBORG),
        ("school", "Mellervangskolen", "municipal", AALBORG_OE),
        ("school", "Tornhøjskolen", "municipal", AALBORG_OE),
        ("school", "Gug Skole", "municipal", GUG),
        ("school", "Seminarieskolen", "municipal", CENTRUM),
        ("school", "Stolpedalsskolen", "municipal", OSTBYEN),
        ("school", "Aalborg Katedralskole", "education", CENTRUM),
        ("school", "Hasseris Gymnasium", "education", HASSERIS),
        ("school", "Aalborg Handelsskole, Turøgade", "education", OSTBYEN),
        ("sports_hall", "Gigantium", "municipal", (9.9540, 57.0600)),
        ("sports_hall", "Vejgaardhallen", "municipal", VEJGAARD),
        ("sports_hall", "Skalborghallen", "municipal", SKALBORG),
        ("sports_hall", "Aalborg Øst Idrætshal", "municipal", AALBORG_OE),
        ("activity_centre", "Aktivitetscenter Vejgaard", "municipal", VEJGAARD),
        ("activity_centre", "Aktivitetscenter Hasseris", "municipal", HASSERIS),
        ("activity_centre", "Handicapcenter Aalborg Øst, aktivitetshus", "municipal", AALBORG_OE),
        ("activity_centre", "Psykiatriens Aktivitetshus", "regional", GUG),
        ("volunteer_house", "Frivilligcenter Aalborg", "municipal", CENTRUM),
        ("volunteer_house", "Frivillighuset Aalborg Øst", "private", AALBORG_OE),
        ("youth_club", "Ungdomsklub Vestbyen", "municipal", VESTBYEN),
        ("youth_club", "Ungdomsklub Aalborg Øst", "municipal", AALBORG_OE),
        ("association_house", "Foreningshuset Aalborg", "municipal", CENTRUM),
        ("association_house", "Foreningernes Hus Gug", "municipal", GUG),
        ("culture_house", "Kulturhuset Vestbyen", "municipal", VESTBYEN),
        ("culture_house", "Kulturværkstedet Østbyen", "municipal", OSTBYEN),
        ("village_hall", "Beboerhuset Aalborg Øst", "municipal", AALBORG_OE),
        ("village_hall", "Beboerhus Sohngårdsholm", "private", SOHNGAARDSHOLM),
        ("clubhouse", "Aalborg Roklub, klubhus", "private", (9.8800, 57.0580)),
        ("clubhouse", "Skalborg Boldklub, klubhus", "private", SKALBORG),
        ("other", "Regionshuset, mødesale", "regional", (10.0150, 57.0170)),
        ("other", "Universitetets auditorier, Aalborg Øst", "state", (9.9900, 57.0160)),
    ],
    "Nørresundby": [
        ("school", "Lindholm Skole", "municipal", LINDHOLM),
        ("school", "Nørre Uttrup Skole", "municipal", NOERRE_UTTRUP),
        ("school", "Hvorup Skole", "municipal", HVORUP),
        ("sports_hall", "Nørresundby Idrætscenter", "municipal", None),
        ("sports_hall", "Kasernens Idrætshal", "state", (9.9400, 57.0880)),
        ("youth_club", "Ungdomsklubben Nørresundby", "municipal", None),
        ("culture_house", "Kulturhuset Nørresundby", "municipal", None),
    ],
    "Svenstrup": [
        ("school", "Svenstrup Skole", "municipal", None),
        ("sports_hall", "Svenstruphallen", "municipal", None),
        ("activity_centre", "Aktivitetscenter Svenstrup", "municipal", None),
        ("youth_club", "Ungdomsklub Svenstrup", "municipal", None),
        ("clubhouse", "Svenstrup Godthåb IF, klubhus", "private", None),
    ],
    "Nibe": [
        ("school", "Nibe Skole", "municipal", None),
        ("school", "Nibe Friskole", "private", None),
        ("sports_hall", "Nibe Hallerne", "municipal", None),
        ("activity_centre", "Aktivitetscenter Nibe", "municipal", None),
        ("culture_house", "Nibe Kulturhus", "municipal", None),
        ("clubhouse", "Nibe Bådelaug, klubhus", "private", None),
    ],
    "Klarup": [
        ("school", "Klarup Skole", "municipal", None),
        ("sports_hall", "Klaruphallen", "municipal", None),
        ("village_hall", "Klarup Forsamlingshus", "private", None),
    ],
    "Vodskov": [
        ("school", "Vodskov Skole", "municipal", None),
        ("sports_hall", "Vodskovhallen", "municipal", None),
        ("youth_club", "Ungdomsklub Vodskov", "municipal", None),
        ("activity_centre", "Aktivitetscenter Vodskov", "municipal", None),
    ],
    "Gistrup": [
        ("school", "Gistrup Skole", "municipal", None),
        ("sports_hall", "Gistruphallen", "municipal", None),
        ("village_hall", "Gistrup Forsamlingshus", "private", None),
    ],
    "Storvorde": [
        ("school", "Storvorde-Sejlflod Skole", "municipal", None),
        ("sports_hall", "Storvordehallen", "municipal", None),
        ("activity_centre", "Aktivitetscenter Storvorde", "municipal", None),
    ],
    "Frejlev": [
        ("school", "Frejlev Skole", "municipal", None),
        ("sports_hall", "Frejlevhallen", "municipal", None),
        ("village_hall", "Frejlev Forsamlingshus", "private", None),
    ],
    "Vestbjerg": [
        ("school", "Vestbjerg Skole", "municipal", None),
        ("sports_hall", "Vestbjerghallen", "municipal", None),
        ("village_hall", "Vestbjerg Forsamlingshus", "municipal", None),
    ],
    "Vester Hassing": [
        ("school", "Vester Hassing Skole", "municipal", None),
        ("sports_hall", "Vester Hassing Hallen", "municipal", None),
        ("village_hall", "Vester Hassing Forsamlingshus", "private", None),
        ("youth_club", "Ungdomsklub Vester Hassing", "municipal", None),
    ],
    "Hals": [
        ("school", "Hals Skole", "municipal", None),
        ("sports_hall", "Hals Idrætscenter", "municipal", None),
        ("village_hall", "Hals Forsamlingshus", "private", None),
        ("culture_house", "Hals Kulturhus", "municipal", None),
        ("activity_centre", "Aktivitetscenter Hals", "municipal", None),
    ],
    "Vadum": [
        ("school", "Vadum Skole", "municipal", None),
        ("sports_hall", "Vadumhallen", "municipal", None),
        ("village_hall", "Vadum Forsamlingshus", "private", None),
    ],
    "Gandrup": [
        ("school", "Gandrup Skole", "municipal", None),
        ("sports_hall", "Gandruphallen", "municipal", None),
    ],
    "Sulsted": [
        ("school", "Sulsted Skole", "municipal", None),
        ("sports_hall", "Sulstedhallen", "municipal", None),
        ("volunteer_house", "Sulsted Frivillighus", "private", None),
    ],
    "Tylstrup": [
        ("school", "Tylstrup Skole", "municipal", None),
        ("sports_hall", "Tylstruphallen", "municipal", None),
    ],
}

# Postcode + post town per GeoNames town (for the invented addresses).
TOWN_POST = {
    "Aalborg": "9000 Aalborg", "Nørresundby": "9400 Nørresundby", "Svenstrup": "9230 Svenstrup J",
    "Nibe": "9240 Nibe", "Klarup": "9270 Klarup", "Vodskov": "9310 Vodskov", "Gistrup": "9260 Gistrup",
    "Storvorde": "9280 Storvorde", "Frejlev": "9200 Aalborg SV", "Vestbjerg": "9380 Vestbjerg",
    "Vester Hassing": "9310 Vodskov", "Hals": "9370 Hals", "Vadum": "9430 Vadum",
    "Gandrup": "9362 Gandrup", "Sulsted": "9381 Sulsted", "Tylstrup": "9382 Tylstrup",
}

# Aalborg neighbourhood anchors -> postcode (Aalborg SV, SØ, Øst differ from 9000).
ANCHOR_POST = {
    SKALBORG: "9200 Aalborg SV", GUG: "9210 Aalborg SØ", AALBORG_OE: "9220 Aalborg Øst",
    (10.0150, 57.0170): "9220 Aalborg Øst", (9.9900, 57.0160): "9220 Aalborg Øst",
}
