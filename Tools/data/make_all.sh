#!/usr/bin/env bash
# Regenerate the whole sample in Data/ (except Data/calendars/) and validate it.
# Needs python3 and shapely (pip install shapely) and the reference data in ../shared/data
# (or $OVERBLIK_SHARED_DATA). Every step is seeded: a re-run reproduces the committed files.
set -euo pipefail
cd "$(dirname "$0")"
python3 make_sample.py
python3 make_districts.py
python3 make_population.py
python3 make_urban_areas.py
python3 check_sample.py
