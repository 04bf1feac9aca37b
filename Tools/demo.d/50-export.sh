# GeoJSON layers for QGIS and web maps, and one offline-capable HTML map.
step "RFC 7946 layers and a web map" \
  "$BIN" export facilities --out out/facilities.geojson
"$BIN" export districts --out out/districts.geojson
"$BIN" export coverage --kind village_hall --within 5km --style --out out/coverage-districts.geojson
if [ -d /usr/share/javascript/leaflet ]; then
  "$BIN" map --out out/map.html --kind village_hall --within 5km --leaflet /usr/share/javascript/leaflet
else
  "$BIN" map --out out/map.html --kind village_hall --within 5km
fi
ls -l out/*.geojson out/map.html
