#!/usr/bin/env bash
# Installs the Debian packages Overblik needs, when missing. Root runs apt-get; anyone else gets the
# exact command to run and a non-zero exit.
#   Tools/setup.sh                    the libraries needed to build and run
#   Tools/setup.sh --with-test-tools  also the tools the tests use (ogrinfo, spatialite, Leaflet, Chromium);
#                                     these are best-effort: tests that need a missing one skip with a reason
set -euo pipefail
required=(libsqlite3-dev libspatialite-dev libgeos-dev libsqlite3-mod-spatialite sqlite3 zlib1g-dev)
optional=(gdal-bin spatialite-bin libjs-leaflet chromium time)

missing_of() {
  local p out=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || out+=("$p")
  done
  echo "${out[@]:-}"
}

apt_install() {
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq "$@" >/dev/null
}

read -r -a need <<<"$(missing_of "${required[@]}")"
want=()
if [ "${1:-}" = "--with-test-tools" ]; then read -r -a want <<<"$(missing_of "${optional[@]}")"; fi
# Python tools some tests use (best-effort, project-local .venv/, gitignored): `topojson` makes a
# quantised TopoJSON from the real parishes for the district import test.
if [ "${1:-}" = "--with-test-tools" ] && command -v python3 >/dev/null 2>&1; then
  here="$(cd "$(dirname "$0")/.." && pwd)"
  if [ ! -x "$here/.venv/bin/python" ] || ! "$here/.venv/bin/python" -c "import topojson" 2>/dev/null; then
    { python3 -m venv "$here/.venv" && "$here/.venv/bin/pip" install -q topojson; } >/dev/null 2>&1 \
      || echo "overblik setup: optional Python package topojson could not be installed; the TopoJSON parish test will skip" >&2
  fi
fi

[ ${#need[@]} -eq 0 ] && [ ${#want[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  if [ ${#need[@]} -gt 0 ]; then
    echo "overblik setup: missing Debian packages: ${need[*]}" >&2
    echo "run as root:  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y ${need[*]} ${want[*]}" >&2
    exit 1
  fi
  echo "overblik setup: optional test tools missing (${want[*]}); tests that need them will skip." >&2
  echo "to install:   apt-get install -y ${want[*]}" >&2
  exit 0
fi

echo "overblik setup: installing ${need[*]} ${want[*]}" >&2
apt-get -o DPkg::Lock::Timeout=300 update -qq || true
if [ ${#need[@]} -gt 0 ]; then apt_install "${need[@]}"; fi
for p in "${want[@]}"; do
  apt_install "$p" 2>/dev/null || echo "overblik setup: optional $p could not be installed; tests needing it will skip" >&2
done
