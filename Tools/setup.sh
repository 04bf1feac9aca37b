#!/usr/bin/env bash
# Installs what Overblik needs, when missing. Root runs apt-get; anyone else gets the exact command
# to run and a non-zero exit.
#   Tools/setup.sh                    the Debian libraries needed to build and run
#   Tools/setup.sh --with-test-tools  also the tools the tests use: Debian packages (ogrinfo, spatialite,
#                                     Leaflet, Chromium, ...) and PyPI packages in a project-local .venv/;
#                                     these are best-effort: tests that need a missing one are skipped
#                                     with the reason
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
required=(libsqlite3-dev libspatialite-dev libgeos-dev libsqlite3-mod-spatialite sqlite3 zlib1g-dev)
optional=(gdal-bin spatialite-bin libjs-leaflet libjs-leaflet.markercluster chromium chromium-driver time python3-venv
          postgresql-15-postgis-3)  # the PostgreSQL store tests start a throwaway cluster (Tests/TestSupport/PostgresCluster.swift)
# PyPI packages the tests use (module name=package name), installed into .venv/ (gitignored):
#   topojson      quantised TopoJSON of the real parishes (district import test)
#   schemathesis  property-based run against the service's OpenAPI document
#   highspy       HiGHS, the set-covering cross-check (with numpy)
#   selenium, axe-selenium-python  the web app's browser test (Chromium + chromedriver) and axe-core
#   scipy, igraph, osmium  `overblik-bench roads`: its two labelling baselines, and Tools/data/tile_pbf.py
#   pandas, pyproj         `overblik-bench scale`: the cKDTree peer of near --from-file (with scipy)
pypi=(topojson=topojson schemathesis=schemathesis highspy=highspy numpy=numpy selenium=selenium axe_selenium_python=axe-selenium-python
      scipy=scipy igraph=igraph osmium=osmium pandas=pandas pyproj=pyproj)

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

install_debian() {
  local need want=()
  read -r -a need <<<"$(missing_of "${required[@]}")"
  if [ "${1:-}" = "--with-test-tools" ]; then read -r -a want <<<"$(missing_of "${optional[@]}")"; fi
  [ ${#need[@]} -eq 0 ] && [ ${#want[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    if [ ${#need[@]} -gt 0 ]; then
      echo "overblik setup: missing Debian packages: ${need[*]}" >&2
      echo "run as root:  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y ${need[*]} ${want[*]}" >&2
      exit 1
    fi
    echo "overblik setup: optional test tools missing (${want[*]}); tests that need them will skip." >&2
    echo "to install:   apt-get install -y ${want[*]}" >&2
    return 0
  fi
  echo "overblik setup: installing ${need[*]} ${want[*]}" >&2
  apt-get -o DPkg::Lock::Timeout=300 update -qq || true
  if [ ${#need[@]} -gt 0 ]; then apt_install "${need[@]}"; fi
  local p
  for p in "${want[@]}"; do
    apt_install "$p" 2>/dev/null || echo "overblik setup: optional $p could not be installed; tests needing it will skip" >&2
  done
}

install_pypi() {
  command -v python3 >/dev/null 2>&1 || { echo "overblik setup: no python3; tests needing PyPI packages will skip" >&2; return 0; }
  if [ ! -x "$here/.venv/bin/python" ]; then
    python3 -m venv "$here/.venv" >/dev/null 2>&1 || { echo "overblik setup: cannot create .venv; tests needing PyPI packages will skip" >&2; return 0; }
  fi
  local entry module package missing=()
  for entry in "${pypi[@]}"; do
    module="${entry%%=*}"; package="${entry#*=}"
    "$here/.venv/bin/python" -c "import $module" 2>/dev/null || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "overblik setup: installing into .venv: ${missing[*]}" >&2
  # All at once (fast); if that fails, one by one, so that one package that cannot install here
  # does not take the others with it.
  "$here/.venv/bin/pip" install -q "${missing[@]}" >/dev/null 2>&1 && return 0
  for package in "${missing[@]}"; do
    "$here/.venv/bin/pip" install -q "$package" >/dev/null 2>&1 \
      || echo "overblik setup: PyPI package $package could not be installed; what needs it will skip" >&2
  done
}

install_debian "${1:-}"
if [ "${1:-}" = "--with-test-tools" ]; then install_pypi; fi
