# The yearly allocation round in the order of Folkeoplysningsloven § 21 (dry run: the report only).
step "Allocation round 2026/27 on the sample applications, Aalborg's local rules" \
  "$BIN" allocate Data/applications.csv --season 2026-08-17..2027-06-18 --rules Data/rules/aalborg.json --dry-run
"$BIN" allocate Data/applications.csv --season 2026-08-17..2027-06-18 --rules Data/rules/aalborg.json --dry-run --format geojson > out/allocations.geojson
