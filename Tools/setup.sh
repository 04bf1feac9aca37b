#!/usr/bin/env bash
# Installs the Debian packages Overblik needs, when missing. Root runs apt-get; anyone else gets the
# exact command to run and a non-zero exit.
set -euo pipefail
required=(libsqlite3-dev libspatialite-dev libgeos-dev libsqlite3-mod-spatialite)
# Tools the tests use (ogrinfo, the spatialite shell, an offline Leaflet, headless Chromium).
# They are installed when possible; tests that need one skip with a printed reason otherwise.
optional=(gdal-bin spatialite-bin libjs-leaflet chromium)
if [ "${1:-}" = "--with-test-tools" ]; then want=("${required[@]}" "${optional[@]}"); else want=("${required[@]}"); fi
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
line="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "overblik setup: missing Debian packages: ${missing[*]}" >&2
  echo "run as root:  $line" >&2
  exit 1
fi
echo "overblik setup: installing ${missing[*]}" >&2
apt-get update -qq
if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; then
  # Optional tools may be unavailable; the required libraries may not.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${required[@]}" >/dev/null
  for p in "${optional[@]}"; do
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$p" >/dev/null 2>&1 || echo "overblik setup: optional $p not installed; tests needing it will skip" >&2
  done
fi
