# Proximity: an association in Nibe looks for an accessible room.
step "Village halls near Nibe, wheelchair access, within 10 km" \
  "$BIN" near Nibe --kind village_hall --wheelchair limited --within 10km --limit 5
step "Rooms for 25 people free on Tuesday 1 December 2026 19-21, near Sebbersund" \
  "$BIN" near Sebbersund --capacity 25 --free-at 2026-12-01T19:00 --for 2h --limit 5
step "Step-free rooms free every Tuesday evening this season near Hals" \
  "$BIN" near Hals --step-free --free-weekly "Tu 19:00-21:00" --from 2026-08-01 --to 2027-06-30 --limit 5
"$BIN" near Nibe --limit 20 --format geojson > out/near-nibe.geojson
