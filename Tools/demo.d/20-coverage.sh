# Coverage: which rural districts lack a village hall within reach, and which settlements are beyond it.
step "Village-hall coverage by district, 5 km for everyone and 5 km rural / 2 km urban" \
  "$BIN" coverage --kind village_hall --within 5km --rural-within 5km --urban-within 2km
step "Settlements with no village hall within 5 km" \
  "$BIN" gaps --kind village_hall --within 5km
"$BIN" coverage --kind village_hall --within 5km --format geojson > out/coverage-village-halls.geojson
"$BIN" gaps --kind village_hall --within 5km --format geojson > out/gaps-village-halls.geojson
