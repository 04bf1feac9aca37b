#!/usr/bin/env bash
# The main job on the bundled Aalborg sample: a fresh store, every layer imported, real questions
# answered, GeoJSON layers written to out/. Run through `make demo` (which installs and builds first).
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${1:-out/demo.sqlite}
BIN=${OVERBLIK_BIN:-.build/release/overblik}
mkdir -p "$(dirname "$DB")" out
rm -f "$DB" "$DB-wal" "$DB-shm"
export OVERBLIK_DB="$DB"
# The sample's season runs from August 2026 to June 2027, and bookings in the past are refused: the demo
# runs as of 1 August 2026 through the facade's clock (OVERBLIK_NOW), so it answers the same every day.
# Set OVERBLIK_NOW yourself (or to the empty string for the real clock) to change that.
export OVERBLIK_NOW="${OVERBLIK_NOW-2026-08-01T09:00}"
[ -n "$OVERBLIK_NOW" ] || unset OVERBLIK_NOW
step() { printf '\n\033[1m== %s\033[0m\n$ %s\n' "$1" "${*:2}"; "${@:2}"; }

step "Import the sample (districts first, so every point gets its district)" \
  "$BIN" import districts Data/districts.geojson --name-field name --code-field code --rural-field rural \
    --attribution "Overblik sample (synthetic), CC0"
"$BIN" import settlements Data/settlements.csv --attribution "GeoNames (CC BY 4.0) and the Overblik sample (CC0)"
"$BIN" import facilities Data/facilities.csv --attribution "Overblik sample (illustrative), CC0"
"$BIN" import rooms Data/rooms.csv --attribution "Overblik sample (illustrative), CC0"
"$BIN" import population Data/population.csv --attribution "Overblik sample (synthetic), CC0"
"$BIN" calendar import Data/calendars/aalborg-school-holidays.csv
step "Town extents (SYNTHETIC, see Data/README.md): points inside a town of 3 000+ are urban" \
  "$BIN" import urban-areas Data/urban-areas.geojson --attribution "Overblik sample (synthetic town extents), CC0"
step "What is in the store" "$BIN" info
for extra in Tools/demo.d/*.sh; do
  [ -f "$extra" ] && source "$extra"
done
echo
echo "Database: $DB   GeoJSON layers: out/*.geojson   (answers as of ${OVERBLIK_NOW:-now})"
