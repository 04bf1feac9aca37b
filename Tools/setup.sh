#!/usr/bin/env bash
# Installs the Debian packages Overblik needs, when missing. Root runs apt-get; anyone else gets the
# exact command to run and a non-zero exit.
#   Tools/setup.sh                    the libraries needed to build and run
#   Tools/setup.sh --with-test-tools  also the tools the tests use (ogrinfo, spatialite, Leaflet, Chromium);
#                                     these are best-effort: tests that need a missing one skip with a reason
set -euo pipefail
required=(libsqlite3-dev libspatialite-dev libgeos-dev libsqlite3-mod-spatialite sqlite3)
optional=(gdal-bin spatialite-bin libjs-leaflet chromium time python3-venv)

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

# schemathesis (PyPI) for the service's contract test, in a project-local .venv; best-effort.
install_schemathesis() {
  [ -x .venv/bin/schemathesis ] && return 0
  { python3 -m venv .venv && .venv/bin/pip install -q schemathesis; } >/dev/null 2>&1 \
    || echo "overblik setup: schemathesis could not be installed into .venv; its test will skip" >&2
}

read -r -a need <<<"$(missing_of "${required[@]}")"
want=()
if [ "${1:-}" = "--with-test-tools" ]; then read -r -a want <<<"$(missing_of "${optional[@]}")"; fi
if [ "${1:-}" = "--with-test-tools" ] && [ ${#need[@]} -eq 0 ] && [ ${#want[@]} -eq 0 ]; then install_schemathesis; fi
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
if [ "${1:-}" = "--with-test-tools" ]; then install_schemathesis; fi
